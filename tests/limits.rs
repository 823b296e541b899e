//! Bounded work on hostile text and hostile settings: the answers stay right at sizes that used to
//! be quadratic, the user's phrase lists are capped and the answer says so, and a hidden line goes
//! with its `\r\n`. (Times are for the benches; these tests check results only.)

use bersih::{api, scan_text, Engine, Options, MAX_PHRASES, MAX_PHRASE_BYTES};

#[test]
fn a_whole_line_goes_with_its_crlf() {
    let text = "Harga emas naik tipis pagi ini.\r\nPT BESTPROFIT\r\nInvestor menunggu data.\r\n";
    let report = scan_text(text, &Options::default());
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].text, "PT BESTPROFIT\r\n");
    assert_eq!(
        report.cleaned,
        "Harga emas naik tipis pagi ini.\r\nInvestor menunggu data.\r\n"
    );
    // The last line has no break: it goes alone.
    let text = "Harga emas naik tipis pagi ini.\r\nPT BESTPROFIT";
    let report = scan_text(text, &Options::default());
    assert_eq!(report.findings[0].text, "PT BESTPROFIT");
    assert_eq!(report.cleaned, "Harga emas naik tipis pagi ini.\r\n");
}

/// A hundred thousand home links beside one comment-form header: every one of them is UI.
#[test]
fn a_long_run_of_ui_lines_is_judged_whole() {
    let run = "Home\n".repeat(50_000);
    let text = format!("{run}Posting Komentar\n{run}");
    let report = scan_text(&text, &Options::default());
    assert_eq!(report.findings.len(), 100_001);
    assert!(report.cleaned.is_empty());
    // Without the strong line, a run of home links is just text.
    assert!(scan_text(&run, &Options::default()).findings.is_empty());
}

#[test]
fn many_deny_hits_in_one_line_map_back_exactly() {
    let options = Options {
        deny: vec!["Acme".into(), "Acme Trade".into(), "Trade Co".into()],
        ..Options::default()
    };
    let text = "Acme Trade Co, kata dia. ".repeat(5_000);
    let report = scan_text(&text, &options);
    assert!(!report.findings.is_empty());
    let mut at = 0;
    for f in &report.findings {
        assert!(f.start >= at && f.end > f.start);
        assert_eq!(&text[f.start..f.end], f.text);
        at = f.end;
    }
    assert!(
        !report.cleaned.contains("Acme"),
        "{}",
        &report.cleaned[..200]
    );
}

/// The core's answer (`api::handle`, as the extension asks) for one body block with `deny`.
fn scan_with_deny(deny: Vec<String>) -> String {
    let text = "frasa 3 - Harga emas naik tipis.";
    let options = serde_json::json!({ "deny": deny }).to_string();
    api::handle(
        text.as_bytes(),
        &[text.len() as u32, 0, 0],
        options.as_bytes(),
    )
    .unwrap()
}

#[test]
fn too_many_phrases_are_capped_and_said() {
    let deny: Vec<String> = (0..MAX_PHRASES + 5).map(|i| format!("frasa {i}")).collect();
    let answer: serde_json::Value = serde_json::from_str(&scan_with_deny(deny)).unwrap();
    assert_eq!(answer["capped"], serde_json::json!(["deny-phrases"]));
    assert_eq!(
        answer["findings"][0]["rule"], "deny:frasa 3",
        "the first phrases are used"
    );

    let long = "x".repeat(MAX_PHRASE_BYTES + 1);
    let answer: serde_json::Value =
        serde_json::from_str(&scan_with_deny(vec![long, "frasa 3".into()])).unwrap();
    assert_eq!(answer["capped"], serde_json::json!(["phrase-length"]));
    assert_eq!(answer["findings"][0]["rule"], "deny:frasa 3");

    // Within the caps the answer has no `capped` field at all, and duplicates count once.
    let twice = vec!["frasa 3".to_string(); MAX_PHRASES + 1];
    let answer = scan_with_deny(twice);
    assert!(!answer.contains("capped"), "{answer}");
}

#[test]
fn the_engine_answers_alike_for_every_path() {
    let text = "BESTPROFIT FUTURES - Harga naik.\nHome\n0 komentar:\n";
    let engine = Engine::embedded();
    let report = engine.scan_text(text, &Options::default());
    let spans = engine.text_spans(text, &Options::default());
    assert_eq!(report.findings.len(), spans.len());
    for (f, s) in report.findings.iter().zip(&spans) {
        assert_eq!(
            (f.start, f.end, f.category, &f.rule),
            (s.start, s.end, s.category, &s.rule)
        );
    }
    assert_eq!(report, scan_text(text, &Options::default()));
}
