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
///
/// Offsets are UTF-8 bytes into `input`, and `cleaned` is exactly the input without the findings'
/// bytes. A finding that covers a whole non-empty line includes that line's break (`\n` or
/// `\r\n`, when the line has one), so a hidden line leaves no empty line behind.
pub fn scan_text(input: &str, options: &Options) -> TextReport {
    // (line start, content end, line end after its break), all byte offsets into `input`.
    let mut lines = Vec::new();
    let mut blocks = Vec::new();
    let mut offset = 0;
    for line in input.split_inclusive('\n') {
        let content = line.strip_suffix('\n').unwrap_or(line);
        let content = content.strip_suffix('\r').unwrap_or(content);
        lines.push((offset, offset + content.len(), offset + line.len()));
        blocks.push(Block::new(content, BlockKind::Body));
        offset += line.len();
    }
    let findings: Vec<TextFinding> = scan(&blocks, options)
        .into_iter()
        .map(|f| {
            let (line_start, content_end, line_end) = lines[f.block];
            let start = line_start + f.start;
            let mut end = line_start + f.end;
            if start == line_start && end == content_end && end > start {
                end = line_end;
            }
            TextFinding {
                start,
                end,
                category: f.category,
                rule: f.rule,
                text: input[start..end].to_string(),
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
