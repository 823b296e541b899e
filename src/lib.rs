//! Bersih's core: finds injected broker ads and platform clutter in the text of a blog post.
//!
//! Everything that judges text lives here and is tested natively; the browser glue only collects
//! blocks, makes one call (`api::handle`) and applies the answer. The judgement is an [`Engine`]:
//! rule tables compiled in by `build.rs` ([`Engine::embedded`]) or built from rule files
//! ([`Engine::from_rules`]).

pub mod api;
mod brands;
mod candidates;
mod clean;
mod company;
mod contacts;
mod datelines;
mod engine;
#[cfg(not(target_arch = "wasm32"))]
pub mod eval;
mod footer;
mod labels;
mod lower;
mod memo;
pub mod model;
mod normalize;
mod order;
mod phrase;
mod repetition;
pub mod rules;
mod scan;
mod search;
pub mod text;
mod user;
#[cfg(not(target_arch = "wasm32"))]
pub mod utf8;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use engine::{Engine, PageReport};
pub use model::{Block, BlockKind, Category, Finding, Options};
pub use rules::{RuleError, RuleSources, Source, UiSource};
pub use text::{scan_text, TextFinding, TextReport, TextSpan};
pub use user::{Cap, MAX_PHRASES, MAX_PHRASE_BYTES};

/// Judges every block of a page with the shipped rules: [`Engine::scan`] of [`Engine::embedded`].
pub fn scan(blocks: &[Block], options: &Options) -> Vec<Finding> {
    Engine::embedded().scan(blocks, options)
}
