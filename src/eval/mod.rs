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
pub use labels::{locate, GoldSpan, LabelError, LabelKind};
pub use score::{score_document, Counts, DocumentScore, FalseHit, Miss, Summary};

use crate::rules::{Source, SOURCES};
use crate::{Engine, Options, RuleSources};

/// Which rules the core scans with while it is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rules {
    /// Everything under `rules/`, as shipped.
    #[default]
    Shipped,
    /// The shipped rules with `rules/brands.txt` empty (`bersih eval --no-brand-list`): what the
    /// unlisted-brand path alone finds, i.e. how the core does on brands it has never seen.
    NoBrandList,
}

/// Scans every document of `corpus` with `options` and scores the findings.
pub fn evaluate(corpus: &Corpus, options: &Options) -> Summary {
    evaluate_with(corpus, options, Rules::Shipped)
}

/// [`evaluate`] with the core running on `rules`.
pub fn evaluate_with(corpus: &Corpus, options: &Options, rules: Rules) -> Summary {
    let run = |engine: &Engine| {
        let scores = corpus
            .documents
            .iter()
            .map(|doc| score_document(doc, &engine.scan_text(&doc.text, options).findings))
            .collect();
        Summary::new(scores)
    };
    match rules {
        Rules::Shipped => run(Engine::embedded()),
        Rules::NoBrandList => {
            let empty = RuleSources {
                brands: Source {
                    name: "rules/brands.txt (emptied)",
                    text: "",
                },
                ..SOURCES
            };
            // The shipped files parse (the build checked them), and an empty list is valid.
            match Engine::from_rules(&empty) {
                Ok(engine) => run(&engine),
                Err(e) => unreachable!("the shipped rules with no brands: {e}"),
            }
        }
    }
}
