//! Blogger footer clutter: the UI strings Blogger prints under a post, in every shipped language.
//!
//! A string matches only a whole block (a line, or a widget's whole text), never text inside an
//! article sentence. The comment count matches only in its zero form: a header that introduces
//! real readers' comments stays. Common words that Blogger uses for the home link (`Beranda`,
//! `Home`) are "weak": in plain body text they count only next to another Blogger UI line.
//! Structural kinds (`share`, `pager`, ...) are clutter by structure and need no text at all.

use crate::model::{BlockKind, Category};
use crate::rules::{contains, find, ui_key, Footer, UiEntry, UiKind};

/// Texts longer than this (bytes, squashed) are never widgets.
const MAX_UI_TEXT: usize = 300;
/// The most words a run of UI strings is split into (a pager, a share bar).
const MAX_RUN_WORDS: usize = 40;
/// Separators between the strings of one widget (`Newer Post | Older Post`).
const RUN_SEPARATORS: [&str; 4] = ["|", "·", "»", "«"];

/// What a block's whole text was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UiMatch {
    pub category: Category,
    /// The file the (first) string came from: an index into `Footer::rules`.
    pub rule: u16,
    /// Only home-link words: needs a neighbouring UI line in body text.
    pub weak: bool,
}

impl UiMatch {
    fn of(e: &UiEntry, weak: bool) -> UiMatch {
        UiMatch {
            category: category(e.kind),
            rule: e.rule,
            weak,
        }
    }
}

fn category(kind: UiKind) -> Category {
    match kind {
        UiKind::CommentCount => Category::CommentCount,
        UiKind::CommentForm => Category::CommentForm,
        UiKind::Share => Category::Share,
        UiKind::Pager => Category::Pager,
        UiKind::Feed => Category::Feed,
        UiKind::Backlinks => Category::Backlinks,
    }
}

/// The category a structural block kind stands for, if it is clutter by structure.
pub fn structural(kind: BlockKind) -> Option<Category> {
    match kind {
        BlockKind::Share => Some(Category::Share),
        BlockKind::Pager => Some(Category::Pager),
        BlockKind::Feed => Some(Category::Feed),
        BlockKind::Backlinks => Some(Category::Backlinks),
        BlockKind::CommentForm => Some(Category::CommentForm),
        _ => None,
    }
}

impl Footer {
    /// The rule name of a match (`blogger-ui:id`).
    pub fn rule(&self, m: &UiMatch) -> &str {
        &self.rules[usize::from(m.rule)]
    }

    /// Recognises a whole block text as Blogger UI: one string, a feed label with a feed link, or a
    /// run of strings (a pager's "Newer Post Older Post Home" read as one widget text).
    pub fn match_text(&self, text: &str) -> Option<UiMatch> {
        if !self.may_start(text) {
            return None;
        }
        // An article paragraph, not a widget: more non-space characters than any run of strings.
        if text
            .chars()
            .filter(|c| !c.is_whitespace())
            .nth(self.max_chars)
            .is_some()
        {
            return None;
        }
        let k = ui_key(text);
        if k.is_empty() || k.len() > MAX_UI_TEXT {
            return None;
        }
        if let Some(e) = find(&self.strings, &k) {
            return Some(UiMatch::of(e, e.weak));
        }
        if let Some(m) = self.feed_with_label(&k) {
            return Some(m);
        }
        self.run_of_strings(&k)
    }

    /// A quick test on the first word, before the whole text is squashed: every match (a string,
    /// a feed label with its link, a run of strings) begins with the first word of a string or of
    /// a feed label. Conservative: a first word it cannot judge cheaply (a parenthesis, a run
    /// separator) lets the full comparison decide.
    fn may_start(&self, text: &str) -> bool {
        let mut tokens = text.split_whitespace();
        let Some(first) = tokens.next() else {
            return true;
        };
        let next = tokens.next();
        if first.contains(['(', ')']) || next.is_some_and(|n| n.starts_with(')')) {
            return true;
        }
        if RUN_SEPARATORS.contains(&first) {
            return true;
        }
        // Char by char, as `squash` lowers (no final-sigma rule).
        let word: String = first.chars().flat_map(char::to_lowercase).collect();
        let bare = word.trim_end_matches([':', '：']);
        contains(&self.first_words, &word)
            || contains(&self.first_words, bare)
            || self.feed_labels.iter().any(|label| {
                let head = label.split(' ').next().unwrap_or_default();
                word.starts_with(head)
            })
    }

    /// `Langganan: Posting Komentar (Atom)`, `Abonnieren Kommentare zum Post (Atom)`.
    fn feed_with_label(&self, k: &str) -> Option<UiMatch> {
        self.feed_labels.iter().find_map(|label| {
            let rest = k.strip_prefix(label.as_ref())?;
            let rest = rest.trim_start();
            let rest = rest.strip_prefix([':', '：']).unwrap_or(rest).trim_start();
            let e = find(&self.strings, rest).filter(|e| e.kind == UiKind::Feed)?;
            Some(UiMatch::of(e, false))
        })
    }

    /// The whole text split into two or more known strings at word boundaries.
    fn run_of_strings(&self, k: &str) -> Option<UiMatch> {
        let words: Vec<&str> = k
            .split(' ')
            .filter(|w| !RUN_SEPARATORS.contains(w))
            .collect();
        if words.len() < 2 || words.len() > MAX_RUN_WORDS {
            return None;
        }
        // reach[i]: the first entry of a split of words[..i], if any.
        let mut reach: Vec<Option<Option<UiEntry>>> = vec![None; words.len() + 1];
        reach[0] = Some(None);
        for i in 0..words.len() {
            let Some(first) = reach[i] else { continue };
            if !contains(&self.first_words, words[i]) {
                continue;
            }
            for j in i + 1..=words.len().min(i + self.max_words) {
                if let Some(e) = find(&self.strings, &words[i..j].join(" ")) {
                    reach[j].get_or_insert(Some(first.unwrap_or(*e)));
                }
            }
        }
        let first = reach[words.len()]??;
        let weak = words
            .iter()
            .all(|w| find(&self.strings, w).is_some_and(|e| e.weak));
        Some(UiMatch::of(&first, weak))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{EMBEDDED, SOURCES};

    /// Every string matches as a whole line (with a trailing colon too) and never inside a sentence.
    #[test]
    fn every_string_matches_whole_and_not_inside_a_sentence() {
        let f = &EMBEDDED.footer;
        for src in SOURCES.ui.iter().map(|u| u.source) {
            for (line, kind, text) in src.kinded_lines().unwrap() {
                let at = format!("{}:{}", src.name, line.number);
                if kind == "feed-label" {
                    assert!(
                        f.match_text(&format!("{text}: Post Comments (Atom)"))
                            .is_some(),
                        "{at}"
                    );
                    assert!(
                        f.match_text(text).is_none(),
                        "{at}: a label alone is not a widget"
                    );
                    continue;
                }
                assert!(f.match_text(text).is_some(), "{at}: {text}");
                assert!(
                    f.match_text(&format!("  {text}:  ")).is_some(),
                    "{at}: {text}:"
                );
                let sentence = format!("Kemarin dia menulis {text} di blognya.");
                assert!(f.match_text(&sentence).is_none(), "{at}: {sentence}");
            }
        }
    }

    #[test]
    fn comment_count_only_in_zero_form() {
        let f = &EMBEDDED.footer;
        assert_eq!(
            f.match_text("0 komentar:").unwrap().category,
            Category::CommentCount
        );
        assert_eq!(
            f.match_text("No comments :").unwrap().category,
            Category::CommentCount
        );
        assert!(f.match_text("3 komentar:").is_none());
        assert!(f.match_text("12 comments:").is_none());
    }

    #[test]
    fn widget_texts_match() {
        let f = &EMBEDDED.footer;
        let feed = f
            .match_text("Abonnieren\n Kommentare zum Post\n ( Atom )")
            .unwrap();
        assert_eq!(
            (feed.category, f.rule(&feed)),
            (Category::Feed, "blogger-ui:de")
        );
        let pager = f
            .match_text("Posting Lebih Baru Posting Lama Beranda")
            .unwrap();
        assert_eq!((pager.category, pager.weak), (Category::Pager, false));
        assert!(f.match_text("Home").unwrap().weak);
        assert!(f.match_text("Beranda Beranda").unwrap().weak);
        assert!(f.match_text("Posting Komentar yang baru").is_none());
    }
}
