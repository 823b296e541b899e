//! A whole spam page of the real shape (our own text): three injected ad fragments and two Blogger
//! footer lines go, every other character stays.

use bersih::{scan_text, Category, Options};

const PAGE: &str = "\
Harga cabai rawit di Pasar Induk Kramat Jati kembali naik pada Selasa pagi, 14 Mei 2024.
Para pedagang menyebut pasokan dari Jawa Tengah berkurang karena hujan deras sepekan terakhir. Menurut mereka, harga bisa turun lagi jika cuaca membaik.
SINARPROFIT FUTURES - \"Kami terpaksa menaikkan harga karena modal kami juga naik,\" ujar Siti, pedagang yang sudah berjualan dua puluh tahun. Ia berharap pemerintah segera turun tangan.
Kepala Dinas Ketahanan Pangan menyatakan operasi pasar akan digelar mulai pekan depan di lima titik. Stok di gudang disebut cukup hingga akhir bulan. - SINAR PROFIT
PT SINARPROFIT FUTURES - Pembeli pun mulai mengurangi belanja. \"Biasanya saya beli satu kilo, sekarang setengah saja,\" kata Rudi, warga Cawang.
Pemerintah provinsi memperkirakan harga kembali normal dalam dua pekan.
0 komentar:
Posting Komentar";

const EXPECTED: &str = "\
Harga cabai rawit di Pasar Induk Kramat Jati kembali naik pada Selasa pagi, 14 Mei 2024.
Para pedagang menyebut pasokan dari Jawa Tengah berkurang karena hujan deras sepekan terakhir. Menurut mereka, harga bisa turun lagi jika cuaca membaik.
\"Kami terpaksa menaikkan harga karena modal kami juga naik,\" ujar Siti, pedagang yang sudah berjualan dua puluh tahun. Ia berharap pemerintah segera turun tangan.
Kepala Dinas Ketahanan Pangan menyatakan operasi pasar akan digelar mulai pekan depan di lima titik. Stok di gudang disebut cukup hingga akhir bulan.
Pembeli pun mulai mengurangi belanja. \"Biasanya saya beli satu kilo, sekarang setengah saja,\" kata Rudi, warga Cawang.
Pemerintah provinsi memperkirakan harga kembali normal dalam dua pekan.
";

/// The brand here is on no list: it is caught because it repeats at paragraph boundaries.
#[test]
fn unknown_brand_page_is_cleaned_exactly() {
    let report = scan_text(PAGE, &Options::default());
    assert_eq!(report.cleaned, EXPECTED);
    let got: Vec<(Category, &str)> = report
        .findings
        .iter()
        .map(|f| (f.category, f.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (Category::Prefix, "SINARPROFIT FUTURES - "),
            (Category::Suffix, " - SINAR PROFIT"),
            (Category::Prefix, "PT SINARPROFIT FUTURES - "),
            (Category::CommentCount, "0 komentar:\n"),
            (Category::CommentForm, "Posting Komentar"),
        ]
    );
    assert!(
        report.findings[0].rule.starts_with("repeated:"),
        "{}",
        report.findings[0].rule
    );
    assert_eq!(report.findings[3].rule, "blogger-ui:id");
}

/// The same page with a listed brand: each fragment is named by the brand list.
#[test]
fn known_brand_page_is_cleaned_exactly() {
    let page = PAGE
        .replace("SINARPROFIT", "BESTPROFIT")
        .replace("SINAR PROFIT", "BEST PROFIT");
    let report = scan_text(&page, &Options::default());
    assert_eq!(report.cleaned, EXPECTED);
    let rules: Vec<&str> = report
        .findings
        .iter()
        .take(3)
        .map(|f| f.rule.as_str())
        .collect();
    assert_eq!(rules, ["brand-list:bestprofit-futures"; 3]);
    assert_eq!(
        scan_text(&report.cleaned, &Options::default()).cleaned,
        EXPECTED
    );
}

/// A single unknown phrase in dateline position is a dateline: nothing changes.
#[test]
fn one_unknown_prefix_stays() {
    let page =
        "SINARPROFIT FUTURES - Harga cabai naik lagi pada Selasa pagi.\nPedagang mengeluh.\n";
    assert_eq!(scan_text(page, &Options::default()).cleaned, page);
}
