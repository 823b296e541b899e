//! The human-readable `bersih scan` listing: one finding a line, located by line and column.
//!
//! `LINE:COL` is 1-based; the column counts characters (Unicode scalar values), as an editor
//! does, not bytes (`scan --json` gives byte offsets). A byte-order mark at the start of the input
//! is invisible in editors, so it does not count as a column of line 1.

use std::io::{self, Write};

use bersih::TextSpan;

/// Writes `LINE:COL  category  rule  "text"` for every finding, then a count.
pub fn write(out: &mut impl Write, input: &str, spans: &[TextSpan]) -> io::Result<()> {
    let lines = LineIndex::new(input);
    for f in spans {
        let (line, column) = lines.position(input, f.start);
        writeln!(
            out,
            "{line}:{column}\t{}\t{}\t{:?}",
            f.category.name(),
            f.rule,
            &input[f.start..f.end]
        )?;
    }
    match spans.len() {
        1 => writeln!(out, "1 finding"),
        n => writeln!(out, "{n} findings"),
    }
}

/// Byte offsets of line starts, so each finding is located in logarithmic time.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// 1-based line and character column of byte `offset` (a leading byte-order mark not counted).
    fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let before = text.get(start..offset).unwrap_or_default();
        let before = match start {
            0 => before.strip_prefix('\u{feff}').unwrap_or(before),
            _ => before,
        };
        (line, before.chars().count() + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "satu\nRp13.160 – Rp13.255 - BPF\n";
        let lines = LineIndex::new(text);
        assert_eq!(lines.position(text, 0), (1, 1));
        assert_eq!(lines.position(text, 5), (2, 1));
        let at = text.find(" - BPF").unwrap();
        assert_eq!(lines.position(text, at), (2, 20));
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let text = "\u{feff}KPF - Satu.\nKPF - Dua.\n";
        let lines = LineIndex::new(text);
        assert_eq!(lines.position(text, 3), (1, 1));
        assert_eq!(lines.position(text, text.find("Satu").unwrap()), (1, 7));
        assert_eq!(lines.position(text, text.find("Dua").unwrap()), (2, 7));
    }
}
