//! Blogger footer clutter: the UI strings Blogger prints under a post, in every shipped language.
//!
//! A string matches only a whole block (a line, or a widget's whole text), never text inside an
//! article sentence. The comment count matches only in its zero form: a header that introduces
//! real readers' comments stays. Common words that Blogger uses for the home link (`Beranda`,
//! `Home`) are "weak": in plain body text they count only next to another Blogger UI line.
//! Structural kinds (`share`, `pager`, ...) are clutter by structure and need no text at all.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::model::{BlockKind, Category};
use crate::normalize::squash;
use crate::rules::{RuleError, Source, BLOGGER_UI};

/// What a block's whole text was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UiMatch {
    pub category: Category,
    /// The language file the (first) string came from.
    pub lang: &'static str,
    /// Only home-link words: needs a neighbouring Blogger line in body text.
    pub weak: bool,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    category: Category,
    lang: &'static str,
    weak: bool,
}

/// All languages' strings, squashed.
#[derive(Debug, Default)]
pub struct Footer {
    strings: HashMap<String, Entry>,
    feed_labels: Vec<String>,
    /// The most words any string has (bounds the segmentation search).
    max_words: usize,
    /// The most non-space characters a widget text can have (a few strings in a row).
    max_chars: usize,
    /// The first word of every string: a run of strings can only start at one of these.
    first_words: HashSet<String>,
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

/// A block's text as compared: squashed, without a trailing colon.
fn key(text: &str) -> String {
    let s = squash(text);
    s.trim_end_matches([':', '：', ' ']).to_string()
}

impl Footer {
    pub fn parse(files: &[(&'static str, Source)]) -> Result<Self, RuleError> {
        let mut f = Footer::default();
        for (lang, src) in files {
            for (line, kind, text) in src.kinded_lines()? {
                let (category, weak) = match kind {
                    "comment-count" => (Category::CommentCount, false),
                    "comment-form" => (Category::CommentForm, false),
                    "share" => (Category::Share, false),
                    "pager" => (Category::Pager, false),
                    "home" => (Category::Pager, true),
                    "feed" => (Category::Feed, false),
                    "backlinks" => (Category::Backlinks, false),
                    "feed-label" => {
                        f.feed_labels.push(key(text));
                        continue;
                    }
                    other => {
                        return Err(src.error(line.number, format!("unknown category `{other}`")))
                    }
                };
                let k = key(text);
                if k.is_empty() {
                    return Err(src.error(line.number, "string is only punctuation"));
                }
                f.max_words = f.max_words.max(k.split(' ').count());
                let chars = k.chars().filter(|c| !c.is_whitespace()).count();
                f.max_chars = f.max_chars.max(4 * chars);
                f.first_words
                    .insert(k.split(' ').next().unwrap_or_default().to_string());
                // The first language to list a string names it (the same `BlogThis!` everywhere).
                f.strings.entry(k).or_insert(Entry {
                    category,
                    lang,
                    weak,
                });
            }
        }
        Ok(f)
    }

    /// The shipped strings, parsed once.
    pub fn get() -> &'static Footer {
        static DATA: OnceLock<Footer> = OnceLock::new();
        DATA.get_or_init(|| Footer::parse(BLOGGER_UI).unwrap_or_default())
    }

    /// Recognises a whole block text as Blogger UI: one string, a feed label with a feed link, or a
    /// run of strings (a pager's "Newer Post Older Post Home" read as one widget text).
    pub fn match_text(&self, text: &str) -> Option<UiMatch> {
        // An article paragraph, not a widget: more non-space characters than any run of strings.
        if text
            .chars()
            .filter(|c| !c.is_whitespace())
            .nth(self.max_chars)
            .is_some()
        {
            return None;
        }
        let k = key(text);
        if k.is_empty() || k.len() > 300 {
            return None;
        }
        if let Some(e) = self.strings.get(&k) {
            return Some(UiMatch {
                category: e.category,
                lang: e.lang,
                weak: e.weak,
            });
        }
        if let Some(m) = self.feed_with_label(&k) {
            return Some(m);
        }
        self.run_of_strings(&k)
    }

    /// `Langganan: Posting Komentar (Atom)`, `Abonnieren Kommentare zum Post (Atom)`.
    fn feed_with_label(&self, k: &str) -> Option<UiMatch> {
        self.feed_labels.iter().find_map(|label| {
            let rest = k.strip_prefix(label.as_str())?;
            let rest = rest.trim_start();
            let rest = rest.strip_prefix([':', '：']).unwrap_or(rest).trim_start();
            let e = self
                .strings
                .get(rest)
                .filter(|e| e.category == Category::Feed)?;
            Some(UiMatch {
                category: Category::Feed,
                lang: e.lang,
                weak: false,
            })
        })
    }

    /// The whole text split into two or more known strings at word boundaries.
    fn run_of_strings(&self, k: &str) -> Option<UiMatch> {
        let words: Vec<&str> = k
            .split(' ')
            .filter(|w| !["|", "·", "»", "«"].contains(w))
            .collect();
        if words.len() < 2 || words.len() > 40 {
            return None;
        }
        // reach[i]: the first entry of a split of words[..i], if any.
        let mut reach: Vec<Option<Option<Entry>>> = vec![None; words.len() + 1];
        reach[0] = Some(None);
        for i in 0..words.len() {
            let Some(first) = reach[i] else { continue };
            if !self.first_words.contains(words[i]) {
                continue;
            }
            for j in i + 1..=words.len().min(i + self.max_words) {
                if let Some(e) = self.strings.get(&words[i..j].join(" ")) {
                    reach[j].get_or_insert(Some(first.unwrap_or(*e)));
                }
            }
        }
        let first = reach[words.len()]??;
        let weak = words
            .iter()
            .all(|w| self.strings.get(*w).is_some_and(|e| e.weak));
        Some(UiMatch {
            category: first.category,
            lang: first.lang,
            weak,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_strings_parse() {
        if let Err(e) = Footer::parse(BLOGGER_UI) {
            panic!("{e}");
        }
    }

    /// Every string matches as a whole line (with a trailing colon too) and never inside a sentence.
    #[test]
    fn every_string_matches_whole_and_not_inside_a_sentence() {
        let f = Footer::get();
        for (_, src) in BLOGGER_UI {
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
        let f = Footer::get();
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
        let f = Footer::get();
        let feed = f
            .match_text("Abonnieren\n Kommentare zum Post\n ( Atom )")
            .unwrap();
        assert_eq!((feed.category, feed.lang), (Category::Feed, "de"));
        let pager = f
            .match_text("Posting Lebih Baru Posting Lama Beranda")
            .unwrap();
        assert_eq!((pager.category, pager.weak), (Category::Pager, false));
        assert!(f.match_text("Home").unwrap().weak);
        assert!(f.match_text("Beranda Beranda").unwrap().weak);
        assert!(f.match_text("Posting Komentar yang baru").is_none());
    }
}
