//! Keeps the core honest against the labeled development set in `tests/devset`.
//!
//! The thresholds are the product's bar: almost nothing kept that should go, and no clean post
//! touched at all. On failure the whole report (every miss and false hit) is printed.

mod common;

use bersih::eval::{evaluate, Corpus};
use bersih::Options;

fn devset() -> Corpus {
    common::corpus("devset")
}

#[test]
fn devset_is_large_enough_and_mixed() {
    let corpus = devset();
    let clean = corpus.documents.iter().filter(|d| d.clean).count();
    let spam = corpus.documents.len() - clean;
    assert!(
        corpus.documents.len() >= 40,
        "{} documents",
        corpus.documents.len()
    );
    assert!(clean >= 18, "{clean} clean documents");
    assert!(spam >= 25, "{spam} documents with labels");
    for doc in corpus.documents.iter().filter(|d| !d.clean) {
        assert!(
            !doc.gold.is_empty(),
            "{}: a spam/ document needs at least one label",
            doc.name
        );
    }
}

#[test]
fn core_meets_the_bar_on_the_devset() {
    let summary = evaluate(&devset(), &Options::default());
    let ok =
        summary.precision() >= 0.99 && summary.recall() >= 0.97 && summary.clean_touched() == 0;
    assert!(
        ok,
        "below the bar (precision >= 0.99, recall >= 0.97, no clean document touched):\n{summary}"
    );
}
