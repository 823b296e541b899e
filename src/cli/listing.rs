//! The human-readable `bersih scan` listing: one finding a line, located by line and column.

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

    /// 1-based line and character column of byte `offset`.
    fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = text.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        (line, column)
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
}
