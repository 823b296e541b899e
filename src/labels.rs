//! Label lists (`Label: Berita, PT BESTPROFIT, Emas`): their header and their items.
//!
//! Farms stuff a post's label list with brand variants; each item is a candidate, and a list that
//! is mostly brands goes whole (`scan`). The header words are the ones Blogger and the common themes
//! print in the languages Bersih reads.

use std::ops::Range;

use crate::normalize::{fold, skip_space, skip_space_back};
use crate::search::find_any;

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

/// Headers WordPress themes print before a post's terms without a colon (`Tagged Emas, Rifan`,
/// Indonesian `Ditandai ...`): read as headers only in a `labels` block, where the text is the term
/// list by its markup (in body text `Tagged` is an ordinary word).
const BARE_LABEL_HEADERS: [&str; 4] = [
    "tagged",
    "ditandai",
    "categorized as",
    "dikategorikan dalam",
];

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
    // Every line of a post comes here: the head's bytes are tested at once, not one by one.
    let colon = find_any(&text.as_bytes()[start..head_end], b":")? + start;
    let head = fold(&text[start..colon]);
    LABEL_HEADERS.contains(&head.as_str()).then_some(colon + 1)
}

/// The header of a `labels` block: a `label_header`, or one of `BARE_LABEL_HEADERS` followed by
/// a space: the byte after it.
pub fn labels_block_header(text: &str) -> Option<usize> {
    label_header(text).or_else(|| {
        let start = skip_space(text, 0);
        BARE_LABEL_HEADERS.iter().find_map(|h| {
            let end = start + h.len();
            let head = text.get(start..end)?;
            let spaced = text[end..].starts_with(char::is_whitespace);
            (head.eq_ignore_ascii_case(h) && spaced).then_some(end)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wordpress_term_headers_without_a_colon_end_before_the_items() {
        let text = "Ditandai Rifan Financindo, Emas";
        let from = labels_block_header(text).unwrap();
        assert_eq!(&text[from..], " Rifan Financindo, Emas");
        assert_eq!(labels_block_header("Categorized as Komoditas"), Some(14));
        assert_eq!(labels_block_header("Label: Kopi"), Some(6));
        // A term that starts like a header word is not one.
        assert_eq!(labels_block_header("Taggedy, Emas"), None);
        assert_eq!(labels_block_header("Ditandai"), None);
    }
}
