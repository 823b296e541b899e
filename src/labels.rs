//! Label lists (`Label: Berita, PT BESTPROFIT, Emas`): their header and their items.
//!
//! Farms stuff a post's label list with brand variants; each item is a candidate, and a list that
//! is mostly brands goes whole (`scan`). The header words are the ones Blogger and the common themes
//! print in the languages Bersih reads.

use std::ops::Range;

use crate::normalize::{fold, skip_space, skip_space_back};

/// Header words of a label list, folded.
const LABEL_HEADERS: [&str; 9] = [
    "label",
    "labels",
    "tag",
    "tags",
    "kategori",
    "etiket",
    "etiketler",
    "libellés",
    "etiquetas",
];
/// How far into a line (bytes) a label header's colon may be.
const HEADER_REACH: usize = 16;
/// What separates the items of a list.
const ITEM_SEPARATORS: [char; 5] = [',', '|', '·', ';', '\n'];

/// The items of a label list after its header, trimmed, without empty ones.
pub fn label_items(s: &str, from: usize) -> Vec<Range<usize>> {
    let mut items = Vec::new();
    let mut start = from;
    for (i, c) in s[from..].char_indices() {
        if ITEM_SEPARATORS.contains(&c) {
            items.push(start..from + i);
            start = from + i + c.len_utf8();
        }
    }
    items.push(start..s.len());
    items
        .into_iter()
        .map(|r| {
            let a = skip_space(s, r.start);
            a..skip_space_back(s, r.end).max(a)
        })
        .filter(|r| !r.is_empty())
        .collect()
}

/// A label list's header (`Label:`, `Labels:`, `Tags:`): the byte after it.
pub fn label_header(text: &str) -> Option<usize> {
    let start = skip_space(text, 0);
    let head_end = (start + HEADER_REACH).min(text.len());
    let colon = text.as_bytes()[start..head_end]
        .iter()
        .position(|&b| b == b':')?
        + start;
    let head = fold(&text[start..colon]);
    LABEL_HEADERS.contains(&head.as_str()).then_some(colon + 1)
}
