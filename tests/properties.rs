//! Properties over arbitrary input: no panic, ranges on char boundaries and in bounds, UTF-16
//! offsets that agree with UTF-8 ones, `cleaned` exactly the input minus the findings' bytes, and
//! idempotent cleaning.

use bersih::{scan, scan_text, Block, BlockKind, Category, Options};
use proptest::prelude::*;

/// Pieces that exercise the detectors: brands, separators, datelines, footer strings, odd Unicode.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("BESTPROFIT FUTURES".to_string()),
        Just("PT BEST PROFIT".to_string()),
        Just("Rifan".to_string()),
        Just("RFB".to_string()),
        Just("KILAT PRIMA".to_string()),
        Just("JAKARTA".to_string()),
        Just("Medan, IDN Times".to_string()),
        Just("TEMPO.CO".to_string()),
        Just(" - ".to_string()),
        Just(" – ".to_string()),
        Just("- ".to_string()),
        Just(" | ".to_string()),
        Just(" -- ".to_string()),
        Just(". ".to_string()),
        Just("(05/05)".to_string()),
        Just("(Mbs-rifan)".to_string()),
        Just("Baca juga: ".to_string()),
        Just("Label: ".to_string()),
        Just(", ".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("0 komentar:".to_string()),
        Just("Posting Komentar".to_string()),
        Just("Beranda".to_string()),
        Just("Older Post".to_string()),
        Just("harga emas naik".to_string()),
        Just("😀İß".to_string()),
        "[a-zA-Z ]{0,12}",
        any::<String>(),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(piece(), 0..24).prop_map(|v| v.concat()),
    ]
}

fn kind() -> impl Strategy<Value = BlockKind> {
    prop_oneof![
        Just(BlockKind::Body),
        Just(BlockKind::Title),
        Just(BlockKind::Labels),
        Just(BlockKind::Footer),
        Just(BlockKind::CommentsHeader),
        Just(BlockKind::Comment),
        Just(BlockKind::Share),
        Just(BlockKind::Pager),
        Just(BlockKind::Feed),
        Just(BlockKind::Backlinks),
        Just(BlockKind::CommentForm),
    ]
}

fn options() -> impl Strategy<Value = Options> {
    (
        prop::collection::vec(piece(), 0..3),
        prop::collection::vec(piece(), 0..3),
        any::<bool>(),
    )
        .prop_map(|(allow, deny, no_pager)| Options {
            allow,
            deny,
            disabled: if no_pager {
                vec![Category::Pager]
            } else {
                vec![]
            },
        })
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn block_findings_are_well_formed(
        blocks in prop::collection::vec((text(), kind(), 0u32..3), 0..8),
        opts in options(),
    ) {
        let blocks: Vec<Block> = blocks.into_iter().map(|(text, kind, post)| Block { text, kind, post }).collect();
        let findings = scan(&blocks, &opts);
        let mut last: Option<(usize, usize)> = None;
        for f in &findings {
            let t = &blocks[f.block].text;
            prop_assert!(f.start <= f.end && f.end <= t.len());
            prop_assert!(t.is_char_boundary(f.start) && t.is_char_boundary(f.end));
            prop_assert_eq!(f.start16, utf16_len(&t[..f.start]));
            prop_assert_eq!(f.end16, utf16_len(&t[..f.end]));
            prop_assert!(blocks[f.block].kind != BlockKind::Comment);
            prop_assert!(!opts.disabled.contains(&f.category));
            if let Some((b, end)) = last {
                prop_assert!(f.block > b || (f.block == b && f.start >= end), "order/overlap");
            }
            last = Some((f.block, f.end));
        }
    }

    #[test]
    fn text_cleaning_is_idempotent(input in text(), opts in options()) {
        let report = scan_text(&input, &opts);
        let mut rest = String::new();
        let mut at = 0;
        for f in &report.findings {
            prop_assert!(f.end <= input.len() && input.is_char_boundary(f.start) && input.is_char_boundary(f.end));
            prop_assert!(at <= f.start && f.start <= f.end, "sorted and disjoint");
            prop_assert_eq!(&input[f.start..f.end], f.text.as_str());
            rest.push_str(&input[at..f.start]);
            at = f.end;
        }
        rest.push_str(&input[at..]);
        prop_assert_eq!(&rest, &report.cleaned, "cleaned is the input minus the findings' bytes");
        let again = scan_text(&report.cleaned, &opts);
        prop_assert_eq!(&again.cleaned, &report.cleaned);
    }
}

/// Found by `text_cleaning_is_idempotent`: a first line removed whole makes the next line the
/// title of the cleaned text, so the scan must judge that line as the title too (here its
/// link-line hit is kept by the allow phrase `- `, its title hit `BESTPROFIT FUTURES | ` is not).
#[test]
fn a_title_removed_whole_passes_the_title_on() {
    let opts = Options {
        allow: vec!["- ".to_string()],
        ..Options::default()
    };
    let input = "BESTPROFIT FUTURES\nBESTPROFIT FUTURES |  -- ";
    let report = scan_text(input, &opts);
    let again = scan_text(&report.cleaned, &opts);
    assert_eq!(again.cleaned, report.cleaned, "{:?}", report.findings);
    assert!(again.findings.is_empty(), "{:?}", again.findings);
}
