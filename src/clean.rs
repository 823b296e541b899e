//! Turning hits into ranges whose removal leaves text that reads naturally.
//!
//! Detectors already take a fragment's separator and spacing with it (`BRAND - `, ` - BRAND`).
//! Here the hits of one block are sorted and merged (overlapping or touching hits become one), and
//! a block left with nothing but spaces, separators or a bare `Label:` header is taken whole, so
//! no dangling `- ` or empty label header stays on the page.

use crate::labels::label_header;
use crate::model::Category;

/// One range to hide in one block, in that block's byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub category: Category,
    pub rule: String,
}

/// Characters that mean nothing once the words around them are gone.
fn filler(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '–' | '—' | '|' | ':' | ',' | ';' | '.' | '·')
}

/// Sorts and merges the hits of a block; takes the whole block when nothing meaningful is left.
///
/// A block taken whole because a prefix, suffix or inline fragment left only filler becomes a
/// `line` finding; `allows` says which categories the user lets go (a switched-off category is
/// never reported), and when the whole block's is not one of them, the hits stay as they are.
pub fn merge(text: &str, hits: Vec<Hit>, allows: impl Fn(Category) -> bool) -> Vec<Hit> {
    // By start, the longest first; equal ones in the order they were found.
    let mut out = crate::order::by_key(hits, |h| (h.start, usize::MAX - h.end));
    // Merged in place: the first `kept` are merged, each later hit joins the last of them or
    // becomes the next (a changed block's hits are a few, and this is one vector less for each).
    let mut kept: usize = 0;
    for i in 0..out.len() {
        match kept.checked_sub(1) {
            Some(last) if out[i].start <= out[last].end => {
                if out[i].end > out[last].end {
                    if out[i].end - out[i].start > out[last].end - out[last].start {
                        out[last].category = out[i].category;
                        out[last].rule = std::mem::take(&mut out[i].rule);
                    }
                    out[last].end = out[i].end;
                }
            }
            _ => {
                out.swap(kept, i);
                kept += 1;
            }
        }
    }
    out.truncate(kept);
    if out.is_empty() || (out.len() == 1 && out[0].start == 0 && out[0].end == text.len()) {
        return out;
    }
    let labels_only = out.iter().all(|h| h.category == Category::LabelList);
    let skip = if labels_only {
        label_header(text).unwrap_or(0)
    } else {
        0
    };
    let mut at = skip;
    let mut meaningful = false;
    for h in &out {
        meaningful |= text
            .get(at.max(skip)..h.start.max(skip))
            .is_some_and(|s| !s.chars().all(filler));
        at = h.end;
    }
    meaningful |= text
        .get(at.max(skip)..)
        .is_some_and(|s| !s.chars().all(filler));
    if meaningful {
        return out;
    }
    let widest = out
        .iter()
        .max_by_key(|h| h.end - h.start)
        .cloned()
        .unwrap_or_else(|| out[0].clone());
    let category = match widest.category {
        Category::Prefix | Category::Suffix | Category::Inline => Category::Line,
        other => other,
    };
    if !allows(category) {
        return out;
    }
    vec![Hit {
        start: 0,
        end: text.len(),
        category,
        rule: widest.rule,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(start: usize, end: usize, category: Category) -> Hit {
        Hit {
            start,
            end,
            category,
            rule: "t".into(),
        }
    }

    #[test]
    fn overlapping_and_touching_hits_merge() {
        let text = "BPF - abc - BPF";
        let got = merge(
            text,
            vec![hit(0, 6, Category::Prefix), hit(3, 6, Category::Inline)],
            |_| true,
        );
        assert_eq!(got, vec![hit(0, 6, Category::Prefix)]);
        let got = merge(
            text,
            vec![hit(9, 15, Category::Suffix), hit(0, 6, Category::Prefix)],
            |_| true,
        );
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn leftover_separators_take_the_whole_block() {
        let got = merge(" BPF - ", vec![hit(1, 5, Category::Prefix)], |_| true);
        assert_eq!(got, vec![hit(0, 7, Category::Line)]);
        let got = merge(
            "Label: BPF, RFB",
            vec![
                hit(7, 12, Category::LabelList),
                hit(10, 15, Category::LabelList),
            ],
            |_| true,
        );
        assert_eq!(got, vec![hit(0, 15, Category::LabelList)]);
        let got = merge(
            "Label: BPF, Emas",
            vec![hit(7, 12, Category::LabelList)],
            |_| true,
        );
        assert_eq!(got, vec![hit(7, 12, Category::LabelList)]);
    }

    /// Found by the `scan` fuzz target: a fragment that left only filler was reported as a line
    /// although the user had switched lines off.
    #[test]
    fn lines_switched_off_leave_the_fragment_alone() {
        let got = merge(" BPF - ", vec![hit(1, 5, Category::Prefix)], |c| {
            c != Category::Line
        });
        assert_eq!(got, vec![hit(1, 5, Category::Prefix)]);
        // A whole-block finding of another category is the category the user left on.
        let got = merge(
            "Label: BPF, RFB",
            vec![
                hit(7, 12, Category::LabelList),
                hit(10, 15, Category::LabelList),
            ],
            |c| c != Category::Line,
        );
        assert_eq!(got, vec![hit(0, 15, Category::LabelList)]);
    }
}
