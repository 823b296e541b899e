//! Every injected shape from DESIGN.md, on our own text, through `scan_text` and `scan`.

use bersih::{api, scan, scan_text, Block, BlockKind, Category, Options};

fn cleaned(text: &str) -> String {
    scan_text(text, &Options::default()).cleaned
}

fn removed(text: &str) -> Vec<String> {
    scan_text(text, &Options::default())
        .findings
        .into_iter()
        .map(|f| f.text)
        .collect()
}

#[test]
fn prefixes_in_every_spelling() {
    for (line, ad) in [
        (
            "BESTPROFIT FUTURES - Harga emas naik.",
            "BESTPROFIT FUTURES - ",
        ),
        (
            "PT RIFAN FINANCINDO BERJANGKA - Harga emas naik.",
            "PT RIFAN FINANCINDO BERJANGKA - ",
        ),
        (
            "BESTPROFIT FUTURES (05/05) - Harga emas naik.",
            "BESTPROFIT FUTURES (05/05) - ",
        ),
        (
            "PT BESTPROFIT FUTURES JAMBI- Harga emas naik.",
            "PT BESTPROFIT FUTURES JAMBI- ",
        ),
        (
            "PT. BESTPROFIT FUTURES MEDAN – Harga emas naik.",
            "PT. BESTPROFIT FUTURES MEDAN – ",
        ),
        (
            "Semarang, Kontak Perkasa Futures - Harga emas naik.",
            "Semarang, Kontak Perkasa Futures - ",
        ),
        ("RIFANFINANCINDO -- Harga emas naik.", "RIFANFINANCINDO -- "),
        (
            "PT RFB | Harga emas naik tipis pada perdagangan pagi ini, kata analis.",
            "PT RFB | ",
        ),
        (
            "Equityword Futures - Harga emas naik.",
            "Equityword Futures - ",
        ),
        (
            "PT Rifan Financindo Berjangka Cabang - Harga emas naik.",
            "PT Rifan Financindo Berjangka Cabang - ",
        ),
        (
            "BEST PROFIT FUTURES \"Harga emas naik,\" kata dia.",
            "BEST PROFIT FUTURES ",
        ),
        ("JAKARTA - BPF - Harga emas naik.", "BPF - "),
    ] {
        assert_eq!(removed(line), [ad], "{line}");
    }
}

#[test]
fn suffixes_tails_and_credits() {
    for (line, ad) in [
        ("Harga emas naik tipis. - BEST PROFIT", " - BEST PROFIT"),
        ("Indeks ditutup di level (449). BESTPROFIT", " BESTPROFIT"),
        ("Harga cabai naik Rp 1,6 juta - PT RIFAN", " - PT RIFAN"),
        (
            "Harga cabai naik, kata dia. (Mbs-rifan financindo berjangka)",
            " (Mbs-rifan financindo berjangka)",
        ),
        (
            "Harga emas naik tipis pada perdagangan pagi ini BESTPROFIT",
            " BESTPROFIT",
        ),
    ] {
        assert_eq!(removed(line), [ad], "{line}");
    }
}

#[test]
fn brand_site_address_line() {
    let text = "Harga emas naik.\nwww.bestprofit-futures.co.id\nKABARBURSA.COM\n";
    assert_eq!(cleaned(text), "Harga emas naik.\nKABARBURSA.COM\n");
}

#[test]
fn standalone_lines_link_lines_and_labels() {
    let text = "Harga emas naik.\nPT BESTPROFIT\nBEST PROFIT\nBACA JUGA : PT Rifan - Harga Minyak Turun\n\
                BESTPROFIT | Rupiah Menguat Tipis\nLabel: BESTPROFIT, best profit futures, PT BPF, emas\nAkhir.\n";
    assert_eq!(cleaned(text), "Harga emas naik.\nAkhir.\n");
    let cats: Vec<Category> = scan_text(text, &Options::default())
        .findings
        .iter()
        .map(|f| f.category)
        .collect();
    use Category::*;
    assert_eq!(cats, [Line, Line, LinkLine, LinkLine, LabelList]);
}

#[test]
fn unknown_brand_variants_are_grouped() {
    let text = "NUSA PRIMA FUTURES - Harga minyak naik pada perdagangan Asia.\n\
                Permintaan dari China membaik, kata analis. - PT NUSA PRIMA\n\
                Stok minyak Amerika turun lebih dari perkiraan.\n\
                Nusaprima Futures Bandung - Harga diperkirakan naik lagi besok.\n\
                Investor juga menanti data tenaga kerja. - PT NPF\n";
    assert_eq!(
        cleaned(text),
        "Harga minyak naik pada perdagangan Asia.\nPermintaan dari China membaik, kata analis.\n\
         Stok minyak Amerika turun lebih dari perkiraan.\nHarga diperkirakan naik lagi besok.\n\
         Investor juga menanti data tenaga kerja.\n"
    );
}

#[test]
fn inline_injection_after_a_sentence() {
    let text = "Harga tembaga naik 2%. EQUITYWORLD FUTURES - Pedagang menyebut pembelian spekulatif meningkat.";
    assert_eq!(removed(text), ["EQUITYWORLD FUTURES - "]);
    assert_eq!(
        cleaned(text),
        "Harga tembaga naik 2%. Pedagang menyebut pembelian spekulatif meningkat."
    );
}

/// Pairs and ordinary boundary phrases repeat in real posts without being ads.
#[test]
fn ordinary_repeated_boundaries_stay() {
    for text in [
        "Hasil pekan ini:\nPersib Bandung - Persija Jakarta 2-1\nPersib Bandung - Arema FC 1-0\n",
        "Resep lain:\nResep | Nasi Goreng Kampung\nResep | Soto Ayam Lamongan\n",
        "Baca juga: Harga Emas - Antam Naik Lagi\nBaca juga: Harga Emas - Perhiasan Ramai Dibeli\n",
        "Senin – Jumat: kantor buka pukul 08.00.\nSabtu – Minggu: kantor tutup.\n",
    ] {
        assert_eq!(cleaned(text), text);
    }
}

#[test]
fn footer_lines_in_several_languages() {
    let text = "Artikel selesai.\nNo comments:\nPost a Comment\nNewer Post\nOlder Post\nHome\n\
                Subscribe to: Post Comments (Atom)\nKeine Kommentare:\nAucun commentaire:\n";
    assert_eq!(cleaned(text), "Artikel selesai.\n");
}

#[test]
fn home_alone_in_an_article_stays() {
    let text = "Bagian pertama.\nHome\nIsi bagian tentang rumah.\n";
    assert_eq!(cleaned(text), text);
}

#[test]
fn blocks_by_kind() {
    let blocks = [
        Block::new("BESTPROFIT FUTURES - Harga Emas Naik", BlockKind::Title),
        Block::new("Harga emas naik.", BlockKind::Body),
        Block::new(
            "BESTPROFIT, PT BESTPROFIT, bestprofit medan",
            BlockKind::Labels,
        ),
        Block::new("", BlockKind::Share),
        Block::new("Older Post Home", BlockKind::Pager),
        Block::new("0 komentar:", BlockKind::CommentsHeader),
        Block::new("Home", BlockKind::Footer),
    ];
    let got: Vec<(usize, usize, usize, Category, String)> = scan(&blocks, &Options::default())
        .into_iter()
        .map(|f| (f.block, f.start, f.end, f.category, f.rule))
        .collect();
    assert_eq!(
        got,
        [
            (
                0,
                0,
                21,
                Category::Prefix,
                "brand-list:bestprofit-futures".to_string()
            ),
            (
                2,
                0,
                43,
                Category::LabelList,
                "brand-list:bestprofit-futures".to_string()
            ),
            (3, 0, 0, Category::Share, "structure:share".to_string()),
            (4, 0, 15, Category::Pager, "structure:pager".to_string()),
            (
                5,
                0,
                11,
                Category::CommentCount,
                "blogger-ui:id".to_string()
            ),
            (6, 0, 4, Category::Pager, "blogger-ui:en".to_string()),
        ]
    );
}

#[test]
fn utf16_offsets_follow_the_dom() {
    let blocks = [Block::new("😀 harga naik. - BEST PROFIT", BlockKind::Body)];
    let f = &scan(&blocks, &Options::default())[0];
    assert_eq!((f.start, f.end), (16, 30));
    assert_eq!((f.start16, f.end16), (14, 28));
}

#[test]
fn user_options() {
    let text = "BESTPROFIT FUTURES - Harga emas naik.\nMenurut Acme Trading harga naik.\nNewer Post\nOlder Post\n";
    let options = Options {
        allow: vec!["bestprofit".into()],
        deny: vec!["acme trading".into()],
        disabled: vec![Category::Pager],
    };
    let report = scan_text(text, &options);
    assert_eq!(
        report.cleaned,
        "BESTPROFIT FUTURES - Harga emas naik.\nMenurut harga naik.\nNewer Post\nOlder Post\n"
    );
    assert_eq!(report.findings[0].category, Category::Inline);
    assert_eq!(report.findings[0].rule, "deny:acme trading");
}

/// A deny phrase that leaves only a separator in its block takes the block whole, as a line; with
/// lines switched off it is hidden alone, never reported as a line (found by the `scan` fuzz target).
#[test]
fn a_switched_off_line_is_never_reported() {
    let blocks = [Block::new("Acme Trading - .", BlockKind::Body)];
    let deny = Options {
        deny: vec!["acme trading".into()],
        ..Options::default()
    };
    let found = scan(&blocks, &deny);
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].start, found[0].end, found[0].category),
        (0, 16, Category::Line)
    );
    let no_lines = Options {
        disabled: vec![Category::Line],
        ..deny
    };
    let found = scan(&blocks, &no_lines);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].category, Category::Prefix);
    assert!(found[0].end < 16, "{found:?}");
}

#[test]
fn api_answers_json_and_reports_bad_requests() {
    // Two blocks laid out flat: `PT BESTPROFIT` a body block (kind 0), an empty pager (kind 7).
    let pager = BlockKind::ALL
        .iter()
        .position(|&k| k == BlockKind::Pager)
        .unwrap() as u32;
    let layout = [13, 0, 0, 0, pager, 0];
    let options = br#"{"allow":[],"deny":[],"disabled":[]}"#;
    let answer = api::handle(b"PT BESTPROFIT", &layout, options).unwrap();
    let answer: serde_json::Value = serde_json::from_str(&answer).unwrap();
    let findings = answer["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2);
    assert_eq!(findings[0]["category"], "line");
    assert_eq!(findings[1]["category"], "pager");
    let err = api::handle(b"PT BESTPROFIT", &layout[..5], options).unwrap_err();
    assert!(err.starts_with("bad scan request"), "{err}");
}

#[test]
fn unknown_brand_in_capitals_after_the_last_sentence() {
    let text = "Harga pala naik di tingkat petani. Pedagang membeli banyak. RIMBA RAYA FUTURES\n\
                Panen tahun ini lebih sedikit karena hujan. RIMBA RAYA FUTURES\n\
                Dinas akan membagikan bibit tahun depan.\n";
    assert_eq!(
        cleaned(text),
        "Harga pala naik di tingkat petani. Pedagang membeli banyak.\n\
         Panen tahun ini lebih sedikit karena hujan.\nDinas akan membagikan bibit tahun depan.\n"
    );
}

#[test]
fn title_with_a_brand_after_a_bar() {
    let text = "Rupiah Menguat Tipis di Awal Pekan | PT Rifan Financindo Berjangka\nRupiah dibuka menguat.\n";
    assert_eq!(removed(text), [" | PT Rifan Financindo Berjangka"]);
}

#[test]
fn inline_injection_after_a_closing_curly_quote() {
    let text =
        "“Harga naik,” kata dia. “Stok aman.” BESTPROFIT FUTURES - Pedagang menunggu data baru.";
    assert_eq!(removed(text), ["BESTPROFIT FUTURES - "]);
}

#[test]
fn a_listed_abbreviation_glued_after_the_last_sentence_goes_with_its_brand() {
    let text = "Yogyakarta, Kontak Perkasa Futures - Harga batu bara naik tipis pada sesi pagi.\n\
                Indeks Straits Times menguat 0,6 persen, sementara Kospi turun 0,2 persen. KPF\n\
                Pelaku pasar menunggu data perdagangan China.\n";
    assert_eq!(
        removed(text),
        ["Yogyakarta, Kontak Perkasa Futures - ", " KPF"]
    );
    // Without the brand elsewhere in the post, the same capitals are an acronym that stays.
    let alone = "Indeks Straits Times menguat 0,6 persen, sementara Kospi turun 0,2 persen. KPF\n\
                 Pelaku pasar menunggu data perdagangan China.\n";
    assert!(removed(alone).is_empty());
    // Another brand's abbreviation, or an unlisted acronym, stays beside an ad.
    let other = "Yogyakarta, Kontak Perkasa Futures - Harga batu bara naik tipis pada sesi pagi.\n\
                 Indeks Straits Times menguat 0,6 persen, sementara Kospi turun 0,2 persen. RFB\n\
                 Penyidik menyerahkan berkas perkara ke kejaksaan pekan ini. KPK\n";
    assert_eq!(removed(other), ["Yogyakarta, Kontak Perkasa Futures - "]);
}
