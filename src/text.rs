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

/// The findings of a plain-text scan and the text with them removed (whole hidden lines with
/// their line breaks).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextReport {
    pub findings: Vec<TextFinding>,
    pub cleaned: String,
}

/// Scans `input` as a post whose blocks are its lines.
///
/// Offsets are UTF-8 bytes into `input`. `cleaned` is the input without the findings; a finding
/// that covers a whole line also takes that line's break, so hidden lines leave no gap.
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
            let base = lines[f.block].0;
            TextFinding {
                start: base + f.start,
                end: base + f.end,
                category: f.category,
                rule: f.rule,
                text: blocks[f.block].text[f.start..f.end].to_string(),
            }
        })
        .collect();
    let cleaned = remove(input, &lines, &findings);
    TextReport { findings, cleaned }
}

/// The input without the findings. A finding that is a whole non-empty line takes its line break
/// with it (the one after it, or for a last line without one, the one before it), so the line
/// disappears instead of leaving an empty line behind.
fn remove(input: &str, lines: &[(usize, usize, usize)], findings: &[TextFinding]) -> String {
    let mut cuts: Vec<(usize, usize)> = Vec::with_capacity(findings.len());
    for f in findings {
        let whole = lines
            .binary_search_by_key(&f.start, |l| l.0)
            .ok()
            .map(|n| lines[n])
            .filter(|&(start, end, _)| f.start == start && f.end == end && end > start);
        let (mut start, mut end) = (f.start, f.end);
        if let Some((_, content_end, line_end)) = whole {
            if line_end > content_end {
                end = line_end;
            } else if start > 0 && cuts.last().is_none_or(|c| c.1 < start) {
                start -= if input[..start].ends_with("\r\n") {
                    2
                } else {
                    1
                };
            }
        }
        cuts.push((start, end));
    }
    let mut cleaned = String::with_capacity(input.len());
    let mut at = 0;
    for (start, end) in cuts {
        cleaned.push_str(&input[at..start.max(at)]);
        at = at.max(end);
    }
    cleaned.push_str(&input[at..]);
    cleaned
}
