//! The hard negatives of DESIGN.md: text that looks like an ad to a naive rule and must stay.
//!
//! Each case sits in a post that is also being cleaned of a real injection (so the detector is
//! active on the page), and the case's own line must come out unchanged.

use bersih::{scan, scan_text, Block, BlockKind, Options};

/// A spam post (an injected listed brand and an unknown repeated one) around `line`.
fn post_with(line: &str) -> String {
    format!(
        "BESTPROFIT FUTURES - Harga emas dunia naik tipis pada perdagangan pagi ini.\n\
         {line}\n\
         KILAT PRIMA BERJANGKA - Investor menunggu data inflasi Amerika Serikat.\n\
         Analis memperkirakan harga bergerak terbatas. - KILAT PRIMA BERJANGKA\n"
    )
}

fn assert_kept(line: &str) {
    let report = scan_text(&post_with(line), &Options::default());
    let cleaned = report.cleaned;
    assert!(
        cleaned.lines().any(|l| l == line),
        "lost {line:?}:\n{cleaned}"
    );
    assert!(!cleaned.contains("BESTPROFIT"), "spam left:\n{cleaned}");
    assert!(!cleaned.contains("KILAT"), "spam left:\n{cleaned}");
}

#[test]
fn dateline_jakarta_en_dash() {
    assert_kept("JAKARTA – Bank Indonesia mempertahankan suku bunga acuan.");
}

#[test]
fn dateline_chicago() {
    assert_kept("CHICAGO - Harga kedelai berjangka turun di bursa Chicago.");
}

#[test]
fn dateline_outlet_domain() {
    assert_kept("KABARBURSA.COM - Indeks saham ditutup menguat sore ini.");
}

#[test]
fn dateline_city_and_outlet() {
    assert_kept("Medan, IDN Times - Ratusan warga antre minyak goreng murah.");
}

#[test]
fn dateline_outlet_and_city() {
    assert_kept("TEMPO.CO, Jakarta - Menteri Keuangan menyampaikan laporan APBN.");
}

#[test]
fn dateline_dot_id_glued_hyphen() {
    assert_kept("KeuanganNegara.id- Penerimaan pajak tumbuh sepanjang kuartal pertama.");
}

#[test]
fn dateline_city_bar_outlet() {
    assert_kept("Medan | Jurnal Asia");
    assert_kept("Medan | Jurnal Asia – Harga beras di pasar tradisional stabil.");
}

#[test]
fn dateline_double_hyphen() {
    assert_kept("EKBIS.CO, JAKARTA -- Ekspor batu bara meningkat bulan lalu.");
}

#[test]
fn broker_fraud_victims_news() {
    assert_kept(
        "Para korban PT Solid Gold Berjangka (SGB) mendatangi kantor polisi untuk melapor.",
    );
    assert_kept("Kuasa hukum menyebut kerugian mencapai miliaran rupiah, kata korban PT Solid Gold Berjangka (SGB)");
}

#[test]
fn analyst_quoted_by_name() {
    assert_kept("Kepala Riset Monex Investindo Futures Ariston Tjendra memperkirakan harga naik.");
    assert_kept(
        "\"Pasar masih wait and see,\" ujar Kepala Riset Monex Investindo Futures Ariston Tjendra.",
    );
}

#[test]
fn outlet_read_also_line() {
    assert_kept("Baca juga: Harga Emas Antam Hari Ini Turun Rp5.000");
    assert_kept("BACA JUGA : Rupiah Melemah Tipis di Awal Pekan");
}

#[test]
fn acronyms() {
    assert_kept("DKI Jakarta menetapkan UMP baru untuk tahun depan.");
    assert_kept("Pemprov DKI - Gubernur meninjau banjir di Kampung Melayu.");
    assert_kept("Harga cabai di pasar naik dua kali lipat. (BRK)");
}

#[test]
fn wire_end_markers() {
    assert_kept("Pemerintah akan mengevaluasi kebijakan itu bulan depan. Enditem");
    assert_kept("Pemerintah akan mengevaluasi kebijakan itu bulan depan. (ABD)");
    assert_kept("Enditem");
}

#[test]
fn en_dash_ranges() {
    assert_kept("Rupiah diperkirakan bergerak di kisaran Rp13.160 – Rp13.255");
    assert_kept("Rp13.160 – Rp13.255 per dolar AS menjadi kisaran hari ini.");
}

#[test]
fn short_subheadings() {
    assert_kept("Dining and Drinking");
    assert_kept("Repeat Chorus");
    let lyrics = "Verse satu di sini\nRepeat Chorus\nVerse dua di sini\nRepeat Chorus\n";
    assert_eq!(scan_text(lyrics, &Options::default()).cleaned, lyrics);
}

#[test]
fn readers_comments_are_never_hidden() {
    let blocks = [
        Block::new("BESTPROFIT FUTURES - Harga emas naik.", BlockKind::Body),
        Block::new("BESTPROFIT FUTURES", BlockKind::Comment),
        Block::new("0 komentar:", BlockKind::Comment),
        Block::new("Posting Komentar", BlockKind::Comment),
    ];
    let options = Options {
        deny: vec!["emas".into()],
        ..Options::default()
    };
    let findings = scan(&blocks, &options);
    assert!(findings.iter().all(|f| f.block == 0), "{findings:?}");
    assert!(!findings.is_empty());
}

#[test]
fn comment_count_with_comments_stays() {
    let blocks = [
        Block::new("3 komentar:", BlockKind::CommentsHeader),
        Block::new("Terima kasih infonya, sangat membantu.", BlockKind::Comment),
        Block::new("12 comments:", BlockKind::Footer),
    ];
    assert!(scan(&blocks, &Options::default()).is_empty());
}

/// An archive page: each post opens with the same dateline once. Repetition is counted per post.
#[test]
fn same_dateline_once_in_each_post_of_an_archive() {
    let mut blocks = Vec::new();
    for post in 0..4 {
        for text in [
            "Harian Ekonomi - Indeks saham ditutup menguat pada perdagangan hari ini.",
            "Investor asing mencatat pembelian bersih di pasar reguler.",
        ] {
            blocks.push(Block {
                text: text.into(),
                kind: BlockKind::Body,
                post,
            });
        }
    }
    assert!(scan(&blocks, &Options::default()).is_empty());
}

/// Plain text with the same dateline on each of several articles' first line is one post in
/// `scan_text`, but a dateline shape (city, outlet) never counts as spam however often it repeats.
#[test]
fn repeated_dateline_shapes_stay() {
    let text =
        "JAKARTA - Harga emas naik hari ini.\nIsi berita.\nJAKARTA - Rupiah menguat sore ini.\n\
                KABARBURSA.COM - Saham bank naik.\nKABARBURSA.COM - Saham tambang turun.\n";
    assert_eq!(scan_text(text, &Options::default()).cleaned, text);
}

/// A town missing from the city list, opening two paragraphs of one post, is still a dateline.
#[test]
fn unlisted_one_word_dateline_repeated_in_a_post() {
    let text = "SLEMAN - Warga membersihkan saluran air menjelang musim hujan.\n\
                Kegiatan diikuti ratusan relawan dari berbagai dusun.\n\
                SLEMAN - Pemerintah kabupaten menyiapkan posko siaga bencana.\n";
    assert_eq!(scan_text(text, &Options::default()).cleaned, text);
}

/// List bullets are not separators: a list whose items share words stays.
#[test]
fn bullet_lists_stay() {
    assert_kept("- Cabai");
    let list = "Bahan:\n- Cabai\n- Cabai Rawit\n- Bawang Merah\n- Bawang\n";
    assert_eq!(scan_text(list, &Options::default()).cleaned, list);
}

/// Acronyms that open several paragraphs (no separator) and once a dateline-like line stay.
#[test]
fn acronym_opening_paragraphs_stays() {
    let text = "BPJS - Program jaminan kesehatan nasional terus diperluas.\n\
                BPJS menyebut jumlah peserta aktif terus bertambah.\n\
                BPJS juga menambah kantor layanan di daerah.\n";
    assert_eq!(scan_text(text, &Options::default()).cleaned, text);
}
