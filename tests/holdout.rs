//! Holds the core to the held-out split's first score (`tests/holdout/first-score`).
//!
//! The split was written after the rules and is never tuned on, so this test measures
//! generalisation, not fit: it fails only when the core does worse than it did on the day the split
//! was written, on any measure. The whole report is printed on failure.

mod common;

use std::fs;

use bersih::eval::{evaluate, Corpus, Summary};
use bersih::Options;

use common::package_root;

fn holdout() -> Corpus {
    common::corpus("holdout")
}

/// `(measure, value)` pairs of `tests/holdout/first-score`.
fn first_score() -> Vec<(String, f64)> {
    let path = package_root().join("tests/holdout/first-score");
    let text =
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (name, value) = l
                .split_once(' ')
                .unwrap_or_else(|| panic!("{}: bad line {l:?}", path.display()));
            let value = value
                .trim()
                .parse()
                .unwrap_or_else(|e| panic!("{}: {l:?}: {e}", path.display()));
            (name.to_string(), value)
        })
        .collect()
}

/// The measure as `bersih eval` prints it (ratios rounded to 4 decimals, like the record).
fn measure(summary: &Summary, name: &str) -> f64 {
    let round = |x: f64| (x * 1e4).round() / 1e4;
    match name {
        "precision" => round(summary.precision()),
        "recall" => round(summary.recall()),
        "ad-recall" => round(summary.ad_recall()),
        "f1" => round(summary.f1()),
        "clean-touched" => summary.clean_touched() as f64,
        other => panic!("tests/holdout/first-score: unknown measure {other:?}"),
    }
}

#[test]
fn holdout_is_large_enough_and_mixed() {
    let corpus = holdout();
    let clean = corpus.documents.iter().filter(|d| d.clean).count();
    let spam = corpus.documents.len() - clean;
    assert!(corpus.documents.len() >= 40, "{}", corpus.documents.len());
    assert!(clean >= 15 && spam >= 20, "{spam} spam, {clean} clean");
}

#[test]
fn core_does_not_fall_below_the_first_score() {
    let summary = evaluate(&holdout(), &Options::default());
    let record = first_score();
    assert_eq!(record.len(), 5, "first-score must hold all five measures");
    let worse: Vec<String> = record
        .iter()
        .filter_map(|(name, first)| {
            let now = measure(&summary, name);
            let below = if name == "clean-touched" {
                now > *first
            } else {
                now < *first
            };
            below.then(|| format!("{name}: {now} now, {first} at first"))
        })
        .collect();
    assert!(
        worse.is_empty(),
        "below the held-out split's first score ({}):\n{summary}",
        worse.join("; ")
    );
}
