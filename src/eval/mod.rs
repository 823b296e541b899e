//! `bersih eval`: scores the core against a labeled folder of posts.
//!
//! A folder holds `spam/NAME.txt` with `spam/NAME.labels` (the exact text that should be removed,
//! one substring a line, in document order) and `clean/NAME.txt` (nothing to remove). The score is
//! character-level precision and recall over all documents plus the number of clean documents
//! touched at all, because one hidden dateline on a clean post is what users notice first.

mod corpus;
mod labels;
mod score;

pub use corpus::{Corpus, CorpusError, Document};
pub use labels::{locate, GoldSpan, LabelError};
pub use score::{score_document, Counts, DocumentScore, FalseHit, Miss, Summary};

use crate::{scan_text, Options};

/// Scans every document of `corpus` with `options` and scores the findings.
pub fn evaluate(corpus: &Corpus, options: &Options) -> Summary {
    let scores = corpus
        .documents
        .iter()
        .map(|doc| score_document(doc, &scan_text(&doc.text, options).findings))
        .collect();
    Summary::new(scores)
}
