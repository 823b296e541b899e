//! Bersih's core: finds injected broker ads and Blogger footer clutter in the text of a blog post.
//!
//! Everything that judges text lives here and is tested natively; the browser glue only collects
//! blocks, makes one call (`api::handle`) and applies the answer.

pub mod api;
mod brands;
mod candidates;
mod clean;
mod company;
mod datelines;
#[cfg(not(target_arch = "wasm32"))]
pub mod eval;
mod footer;
pub mod model;
mod normalize;
mod repetition;
pub mod rules;
mod scan;
pub mod text;
mod user;
#[cfg(not(target_arch = "wasm32"))]
pub mod utf8;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use model::{Block, BlockKind, Category, Finding, Options};
pub use text::{scan_text, TextFinding, TextReport};

/// Judges every block of a page at once and returns the ranges to hide, in block and text order.
///
/// Blocks with the same `post` number are one post: repetition evidence is gathered per post.
///
/// Findings are sorted by block, then start; they never overlap. A finding that covers a whole
/// block may be empty (`start == end == 0`) when a structural block (`share`, `pager`, `feed`,
/// `backlinks`, `comment-form`) has no text: the collector hides such a block by structure.
pub fn scan(blocks: &[Block], options: &Options) -> Vec<Finding> {
    scan::scan(blocks, options)
}
