//! Per-document no-regression check: a post that is scored fully right stays right.
//!
//! `tests/right-documents.txt` records, for the dev set, the held-out split and the phase-2
//! families, every document that `bersih eval` scores fully right (every label found whole, nothing
//! else touched; a clean post not touched at all). The corpus-wide bars in `tests/eval.rs` and
//! `tests/holdout.rs` let a change trade one post for another; this test does not: it fails
//! naming each recorded post that went wrong, with what is now missed or wrongly found. Posts may
//! become right freely (they are listed, and the record can be refreshed to keep them).
//!
//! After a deliberate change, refresh the record and review its diff:
//!
//! ```sh
//! BERSIH_UPDATE_RECORD=1 cargo test --test no_regression
//! ```

mod common;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;

use bersih::eval::{evaluate, DocumentScore, Summary};
use bersih::Options;

use common::{corpus, package_root};

/// The labeled folders under `tests/` whose documents are recorded.
const FOLDERS: [&str; 3] = ["devset", "holdout", "families"];
const RECORD: &str = "tests/right-documents.txt";

const HEADER: &str = "\
# Documents that `bersih eval` scores fully right: every label found whole, nothing else touched
# (a clean post: not touched at all). tests/no_regression.rs fails when one of them goes wrong.
# Refresh after a deliberate change, then review the diff (a removed line is a post that went
# wrong and needs a reason in the commit message):
#   BERSIH_UPDATE_RECORD=1 cargo test --test no_regression
";

/// Every folder's score, by folder name.
fn scores() -> Vec<(&'static str, Summary)> {
    FOLDERS
        .iter()
        .map(|&folder| (folder, evaluate(&corpus(folder), &Options::default())))
        .collect()
}

/// What went wrong in one document: its misses and false hits, one a line.
fn diff(doc: &DocumentScore) -> String {
    let mut out = String::new();
    for m in &doc.misses {
        let part = m
            .missed
            .as_deref()
            .map_or(String::new(), |p| format!(" (missed {p:?})"));
        let _ = writeln!(
            out,
            "    - {}:{} label line {} not found: {:?}{part}",
            m.line, m.column, m.label_line, m.label
        );
    }
    for h in &doc.false_hits {
        let part = h
            .unlabeled
            .as_deref()
            .map_or(String::new(), |p| format!(" (unlabeled {p:?})"));
        let _ = writeln!(
            out,
            "    + {}:{} found {} {} not labeled: {:?}{part}",
            h.line,
            h.column,
            h.category.name(),
            h.rule,
            h.text
        );
    }
    if out.is_empty() {
        out.push_str("    + touched by a finding of whitespace only\n");
    }
    out
}

#[test]
fn documents_that_were_right_stay_right() {
    let scores = scores();
    let right: BTreeSet<String> = scores
        .iter()
        .flat_map(|(folder, s)| s.right_documents().map(move |n| format!("{folder}/{n}")))
        .collect();
    let path = package_root().join(RECORD);
    if std::env::var_os("BERSIH_UPDATE_RECORD").is_some() {
        let body: String = right.iter().map(|n| format!("{n}\n")).collect();
        fs::write(&path, format!("{HEADER}{body}"))
            .unwrap_or_else(|e| panic!("cannot write {RECORD}: {e}"));
        return;
    }
    let text = fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("cannot read {RECORD}: {e} (create it with BERSIH_UPDATE_RECORD=1)")
    });
    let recorded: BTreeSet<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();

    let mut wrong = String::new();
    for name in &recorded {
        if right.contains(*name) {
            continue;
        }
        let (folder, doc) = name.split_once('/').unwrap_or((name, ""));
        let score = scores
            .iter()
            .find(|(f, _)| *f == folder)
            .and_then(|(_, s)| s.documents.iter().find(|d| d.name == doc));
        match score {
            Some(d) => {
                let _ = write!(wrong, "  tests/{name} went wrong:\n{}", diff(d));
            }
            None => {
                let _ = writeln!(wrong, "  tests/{name} is no longer in its folder");
            }
        }
    }
    let newly: Vec<&String> = right
        .iter()
        .filter(|n| !recorded.contains(n.as_str()))
        .collect();
    if !newly.is_empty() {
        eprintln!(
            "{} documents are right now and not yet in {RECORD} (refresh to keep them): {newly:?}",
            newly.len()
        );
    }
    assert!(
        wrong.is_empty(),
        "documents recorded as right in {RECORD} are not right any more:\n{wrong}\
         If this is deliberate, refresh the record (BERSIH_UPDATE_RECORD=1 cargo test --test \
         no_regression) and say why in the commit."
    );
}

/// The phase-2 families are reported, not held to a bar; their labels must fit their posts. A
/// family's post moves to the dev set (named `NN-fF-...`) once a rule handles it, so every family
/// has an example in one of the two folders.
#[test]
fn families_load_and_cover_every_missed_family() {
    let devset = corpus("devset");
    let corpus = corpus("families");
    for family in 1..=8 {
        let prefix = format!("spam/f{family}-");
        let moved = format!("-f{family}-");
        assert!(
            corpus.documents.iter().any(|d| d.name.starts_with(&prefix))
                || devset.documents.iter().any(|d| d.name.contains(&moved)),
            "neither tests/families ({prefix}*) nor tests/devset (*{moved}*) has an example of \
             family {family}"
        );
    }
    let summary = evaluate(&corpus, &Options::default());
    eprintln!("tests/families (phase-2 targets, reported only):\n{summary}");
}
