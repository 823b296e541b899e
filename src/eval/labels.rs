//! Locates a document's labels: one exact injected substring per line, in document order.
//!
//! Each label is searched for after the end of the previous one, so a phrase repeated in a post
//! (the same `BESTPROFIT FUTURES - ` at three paragraph starts) is labeled once per occurrence, in
//! order, and a labels file that does not match its document fails loudly with the line at fault
//! instead of silently scoring something else.
//!
//! A line may start with its kind and a tab: `clutter<TAB>0 komentar:` marks platform clutter
//! (Blogger's footer lines, skip links), `ad<TAB>...` an injected ad, which is also what a line
//! without a kind is. The kind only splits the recall figures (injected ads alone are what the
//! product is for); it never changes which text is labeled.

use std::fmt;

/// What a labeled range is: an injected ad, or the platform's own clutter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LabelKind {
    /// Advertising injected into the post (brand prefixes, link lines, contact lines).
    #[default]
    Ad,
    /// Text the blog platform prints itself (`0 komentar:`, `Posting Komentar`, a skip link).
    Clutter,
}

impl LabelKind {
    /// The prefix that marks a labels-file line of this kind (before a tab).
    pub fn name(self) -> &'static str {
        match self {
            LabelKind::Ad => "ad",
            LabelKind::Clutter => "clutter",
        }
    }
}

/// A labeled range of a document: UTF-8 byte offsets, and the labels-file line it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoldSpan {
    pub start: usize,
    pub end: usize,
    /// 1-based line in the labels file.
    pub label_line: usize,
    pub kind: LabelKind,
}

/// Why a labels file does not fit its document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LabelError {
    /// A line is empty: a label must be the non-empty text to remove.
    Empty { line: usize },
    /// The label does not occur in the document after the previous label's end.
    NotFound {
        line: usize,
        label: String,
        after: usize,
    },
}

impl fmt::Display for LabelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LabelError::Empty { line } => write!(f, "line {line}: empty label"),
            LabelError::NotFound {
                line,
                label,
                after: 0,
            } => {
                write!(
                    f,
                    "line {line}: label {label:?} does not occur in the document"
                )
            }
            LabelError::NotFound { line, label, after } => write!(
                f,
                "line {line}: label {label:?} does not occur in the document after byte {after} \
                 (the end of the previous label); labels must be in document order"
            ),
        }
    }
}

impl std::error::Error for LabelError {}

/// Finds every label of `labels` (the labels file's text) in `document`, in order.
///
/// A trailing `\r` is dropped from each line (files edited on Windows); any other whitespace is
/// part of the label, so `BESTPROFIT FUTURES - ` keeps its trailing space. A leading `ad<TAB>` or
/// `clutter<TAB>` is the label's kind, not its text.
pub fn locate(document: &str, labels: &str) -> Result<Vec<GoldSpan>, LabelError> {
    let mut spans = Vec::new();
    let mut after = 0;
    for (index, line) in labels.lines().enumerate() {
        let line_no = index + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        let (kind, label) = split_kind(line);
        if label.is_empty() {
            return Err(LabelError::Empty { line: line_no });
        }
        let start = document[after..]
            .find(label)
            .map(|i| after + i)
            .ok_or_else(|| LabelError::NotFound {
                line: line_no,
                label: label.to_string(),
                after,
            })?;
        let end = start + label.len();
        spans.push(GoldSpan {
            start,
            end,
            label_line: line_no,
            kind,
        });
        after = end;
    }
    Ok(spans)
}

/// A labels-file line's kind and text: `clutter\tPosting Komentar` → (clutter, `Posting Komentar`).
fn split_kind(line: &str) -> (LabelKind, &str) {
    [LabelKind::Ad, LabelKind::Clutter]
        .into_iter()
        .find_map(|kind| {
            let text = line.strip_prefix(kind.name())?.strip_prefix('\t')?;
            Some((kind, text))
        })
        .unwrap_or((LabelKind::Ad, line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_labels_are_found_in_order() {
        let doc = "BEST PROFIT - Satu.\nDua.\nBEST PROFIT - Tiga.\n";
        let spans = locate(doc, "BEST PROFIT - \nBEST PROFIT - \n").unwrap();
        let found: Vec<_> = spans
            .iter()
            .map(|s| (s.start, s.end, s.label_line))
            .collect();
        assert_eq!(found, [(0, 14, 1), (25, 39, 2)]);
    }

    #[test]
    fn trailing_space_is_part_of_the_label_and_crlf_is_not() {
        let doc = "KPF - Harga emas naik.";
        let spans = locate(doc, "KPF - \r\n").unwrap();
        assert_eq!(&doc[spans[0].start..spans[0].end], "KPF - ");
    }

    #[test]
    fn label_out_of_order_names_its_line() {
        let doc = "Pertama. - RFB\nKedua. - BPF\n";
        let err = locate(doc, " - BPF\n - RFB\n").unwrap_err();
        assert_eq!(
            err,
            LabelError::NotFound {
                line: 2,
                label: " - RFB".into(),
                after: 27
            }
        );
        assert!(err.to_string().contains("document order"), "{err}");
    }

    #[test]
    fn absent_label_and_empty_line_are_errors() {
        assert!(matches!(
            locate("teks", "tidak ada\n"),
            Err(LabelError::NotFound {
                line: 1,
                after: 0,
                ..
            })
        ));
        assert_eq!(
            locate("teks", "teks\n\n"),
            Err(LabelError::Empty { line: 2 })
        );
    }

    #[test]
    fn a_kind_before_a_tab_is_not_part_of_the_label() {
        let doc = "KPF - Harga naik.\n0 komentar:\nad hoc\n";
        let spans = locate(doc, "ad\tKPF - \nclutter\t0 komentar:\nad hoc\n").unwrap();
        let got: Vec<_> = spans
            .iter()
            .map(|s| (&doc[s.start..s.end], s.kind))
            .collect();
        assert_eq!(
            got,
            [
                ("KPF - ", LabelKind::Ad),
                ("0 komentar:", LabelKind::Clutter),
                ("ad hoc", LabelKind::Ad), // no tab: the words are the label
            ]
        );
        assert_eq!(
            locate(doc, "clutter\t\n"),
            Err(LabelError::Empty { line: 1 })
        );
    }

    #[test]
    fn no_labels_means_no_spans() {
        assert_eq!(locate("teks", ""), Ok(vec![]));
    }
}
