//! Plain-text entry point: a post as text, one block per line (what the CLI and playground use).

use serde::Serialize;

use crate::{scan, Block, BlockKind, Category, Options};

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

/// Scans `input` as a post whose blocks are its lines.
pub fn scan_text(input: &str, options: &Options) -> TextReport {
    let mut starts = Vec::new();
    let mut blocks = Vec::new();
    let mut offset = 0;
    for line in input.split_inclusive('\n') {
        let content = line.strip_suffix('\n').unwrap_or(line);
        let content = content.strip_suffix('\r').unwrap_or(content);
        starts.push(offset);
        blocks.push(Block::new(content, BlockKind::Body));
        offset += line.len();
    }
    let findings: Vec<TextFinding> = scan(&blocks, options)
        .into_iter()
        .map(|f| {
            let base = starts[f.block];
            TextFinding {
                start: base + f.start,
                end: base + f.end,
                category: f.category,
                rule: f.rule,
                text: blocks[f.block].text[f.start..f.end].to_string(),
            }
        })
        .collect();
    let mut cleaned = String::with_capacity(input.len());
    let mut at = 0;
    for f in &findings {
        cleaned.push_str(&input[at..f.start]);
        at = f.end;
    }
    cleaned.push_str(&input[at..]);
    TextReport { findings, cleaned }
}
