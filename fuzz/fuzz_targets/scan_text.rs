//! `scan_text` on any text: no panic, every finding inside the input on char boundaries, sorted
//! and disjoint, `cleaned` equal to the input without the findings' bytes, and cleaning idempotent.
#![no_main]

use bersih::{scan_text, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let options = Options::default();
    let report = scan_text(text, &options);
    let mut at = 0;
    let mut rest = String::new();
    for f in &report.findings {
        assert!(at <= f.start && f.start <= f.end && f.end <= text.len());
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        assert_eq!(&text[f.start..f.end], f.text);
        rest.push_str(&text[at..f.start]);
        at = f.end;
    }
    rest.push_str(&text[at..]);
    assert_eq!(rest, report.cleaned);
    assert_eq!(scan_text(&report.cleaned, &options).cleaned, report.cleaned);
});
