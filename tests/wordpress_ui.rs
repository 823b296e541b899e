//! `bersih` in text mode on text copied from WordPress pages: the UI lines from
//! `rules/wordpress-ui/` are found as clutter (rule `wordpress-ui:<lang>`), field labels and button
//! names only beside them, and the article and the readers' comments stay.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

/// Runs `bersih scan --json` on `text` (stdin) and returns the report.
fn scan(text: &str) -> Value {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bersih"))
        .args(["scan", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run bersih");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().expect("wait for bersih");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// `(text, category, rule)` of every finding, the text without its line break.
fn findings(report: &Value) -> Vec<(String, String, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let field = |k: &str| f[k].as_str().unwrap().to_string();
            (
                field("text").trim_end().to_string(),
                field("category"),
                field("rule"),
            )
        })
        .collect()
}

fn found(text: &str, category: &str, rule: &str) -> (String, String, String) {
    (text.into(), category.into(), rule.into())
}

/// An Indonesian post on a WordPress news site, as a reader's copy of the page gives it.
const INDONESIAN: &str = "\
Lewati ke konten
Petani Garam Madura Mulai Panen Lebih Awal
Musim kemarau yang datang lebih cepat membuat petani garam di Sumenep memanen tiga minggu lebih awal.
Harga garam krosok di tingkat petani bertahan di kisaran Rp1.200 per kilogram.
Bagikan ini:
Facebook
WhatsApp
Menyukai ini:
Suka Memuat...
Navigasi pos
Pos Sebelumnya
Pos Berikutnya
Satu tanggapan untuk “Petani Garam Madura Mulai Panen Lebih Awal”
Semoga harga tetap bagus sampai akhir musim, kasihan petani kalau anjlok lagi.
Tinggalkan Balasan
Alamat email Anda tidak akan dipublikasikan. Ruas yang wajib ditandai *
Komentar *
Nama *
Email *
Situs Web
Simpan nama, email, dan situs web saya pada peramban ini untuk komentar saya berikutnya.
";

#[test]
fn indonesian_wordpress_ui_lines_are_clutter() {
    let report = scan(INDONESIAN);
    let id = "wordpress-ui:id";
    let en = "wordpress-ui:en";
    assert_eq!(
        findings(&report),
        [
            found("Lewati ke konten", "pager", id),
            found("Bagikan ini:", "share", id),
            // Button names are listed in English only: the same words in every language.
            found("Facebook", "share", en),
            found("WhatsApp", "share", en),
            found("Menyukai ini:", "share", id),
            found("Suka Memuat...", "share", id),
            found("Navigasi pos", "pager", id),
            found("Pos Sebelumnya", "pager", id),
            found("Pos Berikutnya", "pager", id),
            found("Tinggalkan Balasan", "comment-form", id),
            found(
                "Alamat email Anda tidak akan dipublikasikan. Ruas yang wajib ditandai *",
                "comment-form",
                id
            ),
            found("Komentar *", "comment-form", id),
            found("Nama *", "comment-form", id),
            found("Email *", "comment-form", en),
            found("Situs Web", "comment-form", id),
            found(
                "Simpan nama, email, dan situs web saya pada peramban ini untuk komentar saya berikutnya.",
                "comment-form",
                id
            ),
        ]
    );
    let cleaned = report["cleaned"].as_str().unwrap();
    assert_eq!(
        cleaned,
        "\
Petani Garam Madura Mulai Panen Lebih Awal
Musim kemarau yang datang lebih cepat membuat petani garam di Sumenep memanen tiga minggu lebih awal.
Harga garam krosok di tingkat petani bertahan di kisaran Rp1.200 per kilogram.
Satu tanggapan untuk “Petani Garam Madura Mulai Panen Lebih Awal”
Semoga harga tetap bagus sampai akhir musim, kasihan petani kalau anjlok lagi.
"
    );
}

#[test]
fn english_wordpress_ui_lines_are_clutter() {
    let text = "\
Rice Prices Ease After the Harvest
Wholesale rice prices in Cipinang fell for a second week as the main harvest reached the market.
Share this:
Twitter
Email
Post navigation
Previous Post
Next Post
Leave a Reply Cancel reply
Your email address will not be published. Required fields are marked *
Comment *
Name *
Email *
Website
Save my name, email, and website in this browser for the next time I comment.
Entries feed
Comments feed
";
    let report = scan(text);
    let got = findings(&report);
    assert!(
        got.iter().all(|(_, _, rule)| rule == "wordpress-ui:en"),
        "{got:?}"
    );
    let texts: Vec<&str> = got.iter().map(|(t, _, _)| t.as_str()).collect();
    assert_eq!(
        texts,
        text.lines().skip(2).collect::<Vec<_>>(),
        "every UI line is found, the article is not"
    );
    assert_eq!(
        report["cleaned"].as_str().unwrap(),
        "Rice Prices Ease After the Harvest\nWholesale rice prices in Cipinang fell for a second \
         week as the main harvest reached the market.\n"
    );
}

/// Field labels and button names are common words: alone, or in an article's own list, they stay.
#[test]
fn weak_strings_alone_stay() {
    let text = "\
Cara Menghubungi Redaksi
Kirim tulisan Anda lewat salah satu saluran berikut.
Email
Facebook
WhatsApp
Website
Tulisan yang dimuat mendapat honor.
";
    let report = scan(text);
    assert_eq!(findings(&report), []);
    assert_eq!(report["cleaned"].as_str().unwrap(), text);
}

/// A UI string inside a sentence is the writer's text, not a widget.
#[test]
fn strings_inside_sentences_stay() {
    let text = "\
Pembaca bisa menulis di kolom Tinggalkan Balasan di bawah artikel ini.
Tombol Bagikan ini: ada di bagian bawah halaman.
";
    let report = scan(text);
    assert_eq!(findings(&report), []);
}
