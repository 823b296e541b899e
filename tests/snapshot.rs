//! Every decision the core makes, frozen: the findings over the development set, the sample pages
//! and a few thousand deterministic generated inputs (ordinary posts, block lists of every kind,
//! user options, and adversarial shapes) are saved in `tests/snapshot/findings.txt`, and the scan
//! must reproduce them byte for byte.
//!
//! The file was written before the core was restructured for speed, so a faster core that decides
//! differently fails here. A deliberate change of judgement rewrites the file
//! (`BERSIH_UPDATE_SNAPSHOT=1 cargo test --test snapshot`) and the diff shows every decision that
//! moved. Each case records a hash of its input, so a change of the generator shows up too.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use bersih::{scan, scan_text, Block, BlockKind, Category, Options};

#[allow(dead_code)] // the corpus loader is for the corpus tests
mod common;
use common::package_root;

/// Cases per generated family: enough to reach every detector in many combinations, small enough
/// for a debug-build test run.
const GENERATED: usize = 400;

/// A seeded generator (splitmix64): the same seed gives the same inputs on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Brand-like phrases: listed brands in their spellings, unknown brokers, datelines, acronyms.
const NAMES: &[&str] = &[
    "BESTPROFIT FUTURES",
    "PT BESTPROFIT",
    "BEST PROFIT",
    "Bestprofit Futures",
    "PT. BESTPROFIT FUTURES MEDAN",
    "BESTPROFIT FUTURES (05/05)",
    "PT RIFAN FINANCINDO BERJANGKA",
    "Rifan Financindo",
    "RIFANFINANCINDO",
    "RFB",
    "PT RFB",
    "KPF",
    "Kontak Perkasa Futures",
    "Semarang, Kontak Perkasa Futures",
    "Equityword Futures",
    "EWF",
    "SINARPROFIT FUTURES",
    "SINAR PROFIT",
    "PT SINARPROFIT FUTURES",
    "Sinar Profit",
    "MAJU JAYA BERJANGKA",
    "Maju Jaya",
    "MAJUJAYA",
    "PT MJB",
    "NUSA PRIMA",
    "Nusa Prima",
    "NUSAPRIMA",
    "JAKARTA",
    "CHICAGO",
    "KABARBURSA.COM",
    "Medan, IDN Times",
    "TEMPO.CO, Jakarta",
    "Medan | Jurnal Asia",
    "DKI",
    "SLEMAN",
    "Bunda Rina",
    "The Silent River",
    "Persib",
];

const SEPARATORS: &[&str] = &[" - ", " – ", "- ", " | ", " -- ", " — ", ".-", " "];

const SENTENCES: &[&str] = &[
    "Harga emas dunia naik tipis pada perdagangan pagi ini.",
    "\"Kami terpaksa menaikkan harga,\" ujar Siti, pedagang di pasar.",
    "Investor menunggu data inflasi Amerika Serikat pekan depan.",
    "Indeks ditutup menguat ke level (449).",
    "Rupiah bergerak di kisaran Rp13.160 – Rp13.255 per dolar AS.",
    "Para korban PT Solid Gold Berjangka (SGB) mendatangi kantor polisi.",
    "Kepala Riset Monex Investindo Futures Ariston memperkirakan harga naik.",
    "The central bank kept its rate unchanged, analysts said.",
    "Pemerintah akan mengevaluasi kebijakan itu bulan depan. Enditem",
    "Harga cabai naik dua kali lipat, kata dia demikian.",
    "Die Preise stiegen am Montag leicht.",
    "Stok di gudang disebut cukup hingga akhir bulan",
    "naik. Para pedagang mengeluh",
    "😀 İstanbul ß ümlaut — ok.",
];

/// Lines Blogger prints under a post, and near misses.
const UI_LINES: &[&str] = &[
    "0 komentar:",
    "Tidak ada komentar:",
    "No comments:",
    "3 komentar:",
    "Posting Komentar",
    "Poskan Komentar",
    "Post a Comment",
    "Kirimkan Ini lewat Email",
    "BlogThis!",
    "Berbagi ke Twitter",
    "Posting Lebih Baru",
    "Posting Lama",
    "Beranda",
    "Home",
    "Posting Lebih Baru Posting Lama Beranda",
    "Langganan: Posting Komentar (Atom)",
    "Abonnieren\n Kommentare zum Post\n ( Atom )",
    "Newer Post Older Post Home",
    "Links to this post",
    "Publier un commentaire",
    "Posting Komentar yang baru",
];

const LEADS: &[&str] = &[
    "Baca juga: ",
    "BACA JUGA : ",
    "Label: ",
    "Labels: ",
    "Tags: ",
    "",
    "",
    "",
];

const KINDS: &[BlockKind] = &[
    BlockKind::Body,
    BlockKind::Body,
    BlockKind::Body,
    BlockKind::Title,
    BlockKind::Labels,
    BlockKind::Footer,
    BlockKind::CommentsHeader,
    BlockKind::Comment,
    BlockKind::Share,
    BlockKind::Pager,
    BlockKind::Feed,
    BlockKind::Backlinks,
    BlockKind::CommentForm,
];

/// One paragraph of a post, maybe with something injected at one of its boundaries.
fn paragraph(r: &mut Rng) -> String {
    let sentence = |r: &mut Rng| {
        let n = 1 + r.below(3);
        (0..n)
            .map(|_| r.pick(SENTENCES))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let name = r.pick(NAMES);
    let sep = r.pick(SEPARATORS);
    match r.below(12) {
        0 => format!("{name}{sep}{}", sentence(r)),
        1 => format!("{}{sep}{name}", sentence(r)),
        2 => format!("{} {name}", sentence(r)),
        3 => name.to_string(),
        4 => format!("{}{name}{sep}{}", r.pick(LEADS), r.pick(SENTENCES)),
        5 => format!(
            "{}{name}, {}, {}",
            r.pick(LEADS),
            r.pick(NAMES),
            r.pick(NAMES)
        ),
        6 => format!("{} {name}{sep}{}", sentence(r), sentence(r)),
        7 => format!("{} ({}-{})", sentence(r), "Mbs", name.to_lowercase()),
        8 => r.pick(UI_LINES).to_string(),
        9 => format!("{name}{sep}{}", r.pick(SENTENCES).to_uppercase()),
        _ => sentence(r),
    }
}

/// A post as plain text: paragraphs, sometimes a footer, `\n` or `\r\n` line ends.
fn post(r: &mut Rng) -> String {
    let n = 1 + r.below(10);
    let end = if r.chance(15) { "\r\n" } else { "\n" };
    let mut lines: Vec<String> = (0..n).map(|_| paragraph(r)).collect();
    if r.chance(40) {
        for _ in 0..1 + r.below(4) {
            lines.push(r.pick(UI_LINES).to_string());
        }
    }
    if r.chance(10) {
        lines.insert(r.below(lines.len()), String::new());
    }
    let mut text = lines.join(end);
    if r.chance(70) {
        text.push_str(end);
    }
    text
}

/// Random pieces glued without regard to shape (the property tests' alphabet, deterministic).
fn scramble(r: &mut Rng) -> String {
    const PIECES: &[&str] = &[
        "BESTPROFIT FUTURES",
        "PT BEST PROFIT",
        "Rifan",
        "RFB",
        "KILAT PRIMA",
        "JAKARTA",
        "Medan, IDN Times",
        "TEMPO.CO",
        " - ",
        " – ",
        "- ",
        " | ",
        " -- ",
        ". ",
        "(05/05)",
        "(Mbs-rifan)",
        "Baca juga: ",
        "Label: ",
        ", ",
        "\n",
        "\r\n",
        "0 komentar:",
        "Posting Komentar",
        "Beranda",
        "Older Post",
        "harga emas naik",
        "😀İß",
        "\"",
        "(",
        ")",
        ".",
        "  ",
        "\t",
        "Ω",
        "ǅ",
    ];
    (0..r.below(30)).map(|_| r.pick(PIECES)).collect()
}

fn options(r: &mut Rng) -> Options {
    const PHRASES: &[&str] = &[
        "acme trade",
        "Harga",
        "BEST PROFIT",
        "kata dia",
        "PT",
        "emas",
        " - ",
        "Beranda",
        "SINARPROFIT FUTURES",
        "rfb",
        "😀",
        "",
        "  ",
    ];
    let phrases = |r: &mut Rng| -> Vec<String> {
        (0..r.below(4))
            .map(|_| r.pick(PHRASES).to_string())
            .collect()
    };
    let disabled = (0..r.below(3))
        .map(|_| Category::ALL[r.below(Category::ALL.len())])
        .collect();
    Options {
        allow: phrases(r),
        deny: phrases(r),
        disabled,
    }
}

/// FNV-1a, 64 bits: names an input in the snapshot without storing it.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn options_hash(o: &Options) -> u64 {
    fnv(format!("{:?}", o).as_bytes())
}

/// Records a plain-text scan: `line start end category rule` (offsets into the whole input).
fn record_text(out: &mut String, name: &str, input: &str, options: &Options) {
    let report = scan_text(input, options);
    let _ = writeln!(
        out,
        "== text {name} input={:016x} options={:016x} findings={}",
        fnv(input.as_bytes()),
        options_hash(options),
        report.findings.len()
    );
    for f in &report.findings {
        let line = input[..f.start].matches('\n').count();
        let _ = writeln!(
            out,
            "{line}\t{}\t{}\t{}\t{:?}",
            f.start,
            f.end,
            f.category.name(),
            f.rule
        );
    }
}

/// Records a block scan: `block start end start16 end16 category rule`.
fn record_blocks(out: &mut String, name: &str, blocks: &[Block], options: &Options) {
    let findings = scan(blocks, options);
    let input = format!("{blocks:?}");
    let _ = writeln!(
        out,
        "== blocks {name} input={:016x} options={:016x} findings={}",
        fnv(input.as_bytes()),
        options_hash(options),
        findings.len()
    );
    for f in &findings {
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{:?}",
            f.block,
            f.start,
            f.end,
            f.start16,
            f.end16,
            f.category.name(),
            f.rule
        );
    }
}

/// Every `.txt` under `dir` (recursively), sorted by path.
fn texts_under(dir: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "txt") {
                let name = path
                    .strip_prefix(package_root())
                    .unwrap()
                    .display()
                    .to_string();
                found.push((name, fs::read_to_string(&path).unwrap()));
            }
        }
    }
    found.sort();
    found
}

/// Adversarial shapes at sizes a debug build scans quickly (the bench runs them large).
fn adversarial(out: &mut String) {
    let none = Options::default();
    record_text(out, "home-lines", &"Home\n".repeat(2000), &none);
    record_text(
        out,
        "home-lines-with-strong",
        &format!(
            "{}Posting Komentar\n{}",
            "Beranda\n".repeat(500),
            "Home\n".repeat(500)
        ),
        &none,
    );
    record_text(
        out,
        "repeated-candidates",
        &"MAJU JAYA FUTURES - Harga naik hari ini.\nHarga turun. - MAJUJAYA\n".repeat(300),
        &none,
    );
    record_text(out, "separator-line", &" - ".repeat(5000), &none);
    record_text(out, "separator-line-bars", &"| -- – ".repeat(3000), &none);
    record_text(out, "short-lines", &"a\n".repeat(20_000), &none);
    record_text(out, "dots", &". ".repeat(5000), &none);
    record_text(out, "parens", &"(".repeat(3000), &none);
    let nested: Vec<String> = (1..=60).map(|n| vec!["a"; n].join(" ")).collect();
    let deny = Options {
        deny: nested,
        ..Options::default()
    };
    record_text(out, "nested-deny", &"a ".repeat(2000), &deny);
    record_text(out, "nested-deny-lines", &"a a a\n".repeat(500), &deny);
    let blocks: Vec<Block> = (0..2000)
        .map(|i| Block {
            text: if i % 3 == 0 {
                "BESTPROFIT FUTURES - Harga naik.".into()
            } else {
                "Home".into()
            },
            kind: KINDS[i % KINDS.len()],
            post: (i / 7) as u32,
        })
        .collect();
    record_blocks(out, "many-posts", &blocks, &none);
}

fn snapshot() -> String {
    let mut out = String::new();
    let root = package_root();
    let none = Options::default();
    for (name, text) in texts_under(&root.join("tests/devset")) {
        record_text(&mut out, &name, &text, &none);
    }
    for (name, text) in texts_under(&root.join("www/samples")) {
        record_text(&mut out, &name, &text, &none);
    }
    let mut r = Rng(0x6265_7273_6968);
    for n in 0..GENERATED {
        let text = post(&mut r);
        let opts = if r.chance(25) {
            options(&mut r)
        } else {
            Options::default()
        };
        record_text(&mut out, &format!("post-{n}"), &text, &opts);
    }
    for n in 0..GENERATED {
        let text = scramble(&mut r);
        let opts = options(&mut r);
        record_text(&mut out, &format!("scramble-{n}"), &text, &opts);
    }
    for n in 0..GENERATED {
        let count = r.below(12);
        let blocks: Vec<Block> = (0..count)
            .map(|_| {
                let kind = KINDS[r.below(KINDS.len())];
                let text = match r.below(4) {
                    0 => scramble(&mut r),
                    1 => r.pick(UI_LINES).to_string(),
                    _ => paragraph(&mut r),
                };
                Block {
                    text,
                    kind,
                    post: r.below(3) as u32,
                }
            })
            .collect();
        let opts = if r.chance(40) {
            options(&mut r)
        } else {
            Options::default()
        };
        record_blocks(&mut out, &format!("blocks-{n}"), &blocks, &opts);
    }
    adversarial(&mut out);
    out
}

#[test]
fn findings_match_the_saved_snapshot() {
    let path = package_root().join("tests/snapshot/findings.txt");
    let got = snapshot();
    if std::env::var_os("BERSIH_UPDATE_SNAPSHOT").is_some() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, &got).unwrap();
        return;
    }
    let want = fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (write it with BERSIH_UPDATE_SNAPSHOT=1)",
            path.display()
        )
    });
    if got == want {
        return;
    }
    // Name every case that differs, with its first differing line, before failing.
    let cases = |s: &str| -> Vec<(String, String)> {
        s.split("== ")
            .filter(|c| !c.is_empty())
            .map(|c| {
                let head = c.lines().next().unwrap_or_default().to_string();
                (head, c.to_string())
            })
            .collect()
    };
    let (got_cases, want_cases) = (cases(&got), cases(&want));
    let mut report = String::new();
    for (n, (want_head, want_body)) in want_cases.iter().enumerate() {
        match got_cases.get(n) {
            Some((_, got_body)) if got_body == want_body => {}
            Some((got_head, got_body)) => {
                let _ = writeln!(report, "- want {want_head}\n+ got  {got_head}");
                for (w, g) in want_body.lines().zip(got_body.lines()).skip(1) {
                    if w != g {
                        let _ = writeln!(report, "  - {w}\n  + {g}");
                        break;
                    }
                }
            }
            None => {
                let _ = writeln!(report, "missing case {want_head}");
            }
        }
    }
    if got_cases.len() > want_cases.len() {
        let _ = writeln!(report, "{} new cases", got_cases.len() - want_cases.len());
    }
    panic!("the scan decides differently from tests/snapshot/findings.txt:\n{report}");
}
