//! Keeps the core honest against the labeled development set in `tests/devset`.
//!
//! The thresholds are the product's bar: almost nothing kept that should go, and no clean post
//! touched at all. On failure the whole report (every miss and false hit) is printed.

use std::path::PathBuf;

use bersih::eval::{evaluate, Corpus};
use bersih::Options;

/// The package root, read when the test runs: with a target directory shared between checkouts,
/// cargo may reuse a test binary compiled in another checkout, whose compile-time path is stale.
fn package_root() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| env!("CARGO_MANIFEST_DIR").into(), PathBuf::from)
}

fn devset() -> Corpus {
    let dir = package_root().join("tests/devset");
    Corpus::load(&dir).unwrap_or_else(|e| panic!("cannot load the development set: {e}"))
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
