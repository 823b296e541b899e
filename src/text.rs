//! Plain-text entry point: a post as text, one block per line (what the CLI and playground use).

use serde::Serialize;

use crate::{Category, Engine, Options};

/// A finding in plain text, with byte offsets into the whole input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextFinding {
    pub start: usize,
    pub end: usize,
    pub category: Category,
    pub rule: String,
    pub text: String,
}

/// The findings of a plain-text scan and the text with them removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextReport {
    pub findings: Vec<TextFinding>,
    pub cleaned: String,
}

/// A finding in plain text without a copy of its text (see [`Engine::text_spans`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextSpan {
    pub start: usize,
    pub end: usize,
    pub category: Category,
    pub rule: String,
}

/// The pieces of `input` that stay once `spans` (sorted, disjoint) are removed, in order.
pub fn kept<'a>(input: &'a str, spans: &'a [TextSpan]) -> impl Iterator<Item = &'a str> + 'a {
    let mut at = 0;
    spans
        .iter()
        .map(|s| (s.start, s.end))
        .chain(std::iter::once((input.len(), input.len())))
        .map(move |(start, end)| {
            let piece = &input[at..start];
            at = end;
            piece
        })
        .filter(|p| !p.is_empty())
}

/// Scans `input` with the shipped rules: [`Engine::scan_text`] of [`Engine::embedded`].
pub fn scan_text(input: &str, options: &Options) -> TextReport {
    Engine::embedded().scan_text(input, options)
}
