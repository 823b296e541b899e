//! Platform clutter: the UI strings Blogger and WordPress print around a post, in every shipped
//! language (`rules/<platform>-ui/<lang>.txt`).
//!
//! A string matches only a whole block (a line, or a widget's whole text), never text inside an
//! article sentence. The comment count matches only in its zero form: a header that introduces
//! real readers' comments stays. Common words (Blogger's home link `Beranda`, WordPress's field
//! label `Website`) are "weak": in plain body text they count only next to another UI line.
//! Structural kinds (`share`, `pager`, ...) are clutter by structure and need no text at all.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::model::{BlockKind, Category};
use crate::normalize::squash;
use crate::rules::{RuleError, Source, UI_STRINGS};

/// What a block's whole text was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UiMatch {
    pub category: Category,
    /// The platform's strings the (first) string came from: `blogger-ui`, `wordpress-ui`.
    pub set: &'static str,
    /// The language file the (first) string came from.
    pub lang: &'static str,
    /// Only common words (`Home`, `Website`): needs a neighbouring UI line in body text.
    pub weak: bool,
}

impl UiMatch {
    /// The rule name of a finding: `blogger-ui:id`, `wordpress-ui:en`.
    pub fn rule(&self) -> String {
        format!("{}:{}", self.set, self.lang)
    }
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    category: Category,
    set: &'static str,
    lang: &'static str,
    weak: bool,
}

/// All platforms' and languages' strings, squashed.
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
    /// The first words of every string and feed label: a block's text can only match if it starts
    /// with one (checked before the text is squashed, so most article lines cost one word).
    starts: HashSet<String>,
}

/// Words that stand between the strings of a run without being one (`Newer Post | Older Post`).
const RUN_SEPARATORS: [&str; 4] = ["|", "·", "»", "«"];

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

/// The category a `<kind>` names (`home` is a weak pager string; `weak-<kind>` makes any weak).
fn category(kind: &str) -> Option<(Category, bool)> {
    if let Some(strong) = kind.strip_prefix("weak-") {
        return category(strong)
            .filter(|(_, weak)| !weak)
            .map(|(c, _)| (c, true));
    }
    Some(match kind {
        "comment-count" => (Category::CommentCount, false),
        "comment-form" => (Category::CommentForm, false),
        "share" => (Category::Share, false),
        "pager" => (Category::Pager, false),
        "home" => (Category::Pager, true),
        "feed" => (Category::Feed, false),
        "backlinks" => (Category::Backlinks, false),
        _ => return None,
    })
}

impl Footer {
    /// Parses every platform's files, `(directory, [(language, file)])`, in order.
    pub fn parse(sets: &[(&'static str, &[(&'static str, Source)])]) -> Result<Self, RuleError> {
        let mut f = Footer::default();
        for &(set, files) in sets {
            f.add(set, files)?;
        }
        Ok(f)
    }

    fn add(
        &mut self,
        set: &'static str,
        files: &[(&'static str, Source)],
    ) -> Result<(), RuleError> {
        for (lang, src) in files {
            for (line, kind, text) in src.kinded_lines()? {
                if kind == "feed-label" {
                    let label = key(text);
                    self.starts
                        .insert(label.split(' ').next().unwrap_or_default().to_string());
                    self.feed_labels.push(label);
                    continue;
                }
                let Some((category, weak)) = category(kind) else {
                    return Err(src.error(line.number, format!("unknown category `{kind}`")));
                };
                let k = key(text);
                if k.is_empty() {
                    return Err(src.error(line.number, "string is only punctuation"));
                }
                self.max_words = self.max_words.max(k.split(' ').count());
                let chars = k.chars().filter(|c| !c.is_whitespace()).count();
                self.max_chars = self.max_chars.max(4 * chars);
                let first = k.split(' ').next().unwrap_or_default().to_string();
                self.starts.insert(first.clone());
                self.first_words.insert(first);
                // The first language to list a string names it (the same `BlogThis!` everywhere).
                self.strings.entry(k).or_insert(Entry {
                    category,
                    set,
                    lang,
                    weak,
                });
            }
        }
        Ok(())
    }

    /// The shipped strings, parsed once.
    pub fn get() -> &'static Footer {
        static DATA: OnceLock<Footer> = OnceLock::new();
        DATA.get_or_init(|| Footer::parse(UI_STRINGS).unwrap_or_default())
    }

    /// Recognises a whole block text as platform UI: one string, a feed label with a feed link, or a
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
        if !self.may_match(text) {
            return None;
        }
        let k = key(text);
        if k.is_empty() || k.len() > 300 {
            return None;
        }
        if let Some(e) = self.strings.get(&k) {
            return Some(UiMatch {
                category: e.category,
                set: e.set,
                lang: e.lang,
                weak: e.weak,
            });
        }
        if let Some(m) = self.feed_with_label(&k) {
            return Some(m);
        }
        self.run_of_strings(&k)
    }

    /// Whether `text` starts as a string, a run or a labelled feed link can: its first word (past
    /// run separators), lower-cased, alone or before a colon (`Langganan:Posting ...`), is the
    /// first word of one. A word opening with `(` always may: squashing joins `( Atom )`.
    fn may_match(&self, text: &str) -> bool {
        let Some(word) = text
            .split_whitespace()
            .find(|w| !RUN_SEPARATORS.contains(w))
        else {
            return false;
        };
        let word: String = word.chars().flat_map(char::to_lowercase).collect();
        let head = word.split([':', '：']).next().unwrap_or_default();
        word.starts_with('(') || self.starts.contains(&word) || self.starts.contains(head)
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
                set: e.set,
                lang: e.lang,
                weak: false,
            })
        })
    }

    /// The whole text split into two or more known strings at word boundaries.
    fn run_of_strings(&self, k: &str) -> Option<UiMatch> {
        let words: Vec<&str> = k
            .split(' ')
            .filter(|w| !RUN_SEPARATORS.contains(w))
            .collect();
        if words.len() < 2 || words.len() > 40 {
            return None;
        }
        // reach[i]: the first entry of a split of words[..i], and whether every string in it is
        // weak, if there is such a split.
        let mut reach: Vec<Option<(Option<Entry>, bool)>> = vec![None; words.len() + 1];
        reach[0] = Some((None, true));
        for i in 0..words.len() {
            let Some((first, weak)) = reach[i] else {
                continue;
            };
            if !self.first_words.contains(words[i]) {
                continue;
            }
            for j in i + 1..=words.len().min(i + self.max_words) {
                if let Some(e) = self.strings.get(&words[i..j].join(" ")) {
                    reach[j].get_or_insert((Some(first.unwrap_or(*e)), weak && e.weak));
                }
            }
        }
        let (first, weak) = reach[words.len()]?;
        let first = first?;
        Some(UiMatch {
            category: first.category,
            set: first.set,
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
        if let Err(e) = Footer::parse(UI_STRINGS) {
            panic!("{e}");
        }
    }

    /// Every string matches as a whole line (with a trailing colon too), named by its own
    /// platform's rule, and never inside a sentence; weak strings are reported weak.
    #[test]
    fn every_string_matches_whole_and_not_inside_a_sentence() {
        let f = Footer::get();
        for &(set, files) in UI_STRINGS {
            for (_, src) in files {
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
                    let m = f.match_text(text);
                    assert!(m.is_some(), "{at}: {text}");
                    let m = m.unwrap();
                    assert_eq!(m.set, set, "{at}: {text} is listed by another platform too");
                    assert_eq!(
                        (m.category, m.weak),
                        category(kind).unwrap(),
                        "{at}: {text}"
                    );
                    assert!(
                        f.match_text(&format!("  {text}:  ")).is_some(),
                        "{at}: {text}:"
                    );
                    let sentence = format!("Kemarin dia menulis {text} di blognya.");
                    assert!(f.match_text(&sentence).is_none(), "{at}: {sentence}");
                }
            }
        }
    }

    #[test]
    fn unknown_category_names_file_and_line() {
        let src = Source {
            name: "rules/x-ui/en.txt",
            text: "share Share this:\nweak-home Home\n",
        };
        let err = Footer::parse(&[("x-ui", &[("en", src)])]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "rules/x-ui/en.txt:2: unknown category `weak-home`"
        );
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
        // Shapes whose first word differs from a string's until the text is squashed.
        assert!(f.match_text("Langganan:Posting Komentar (Atom)").is_some());
        assert!(f.match_text("« Posting Lama | Beranda »").is_some());
        assert!(f.match_text("( Address never made public )").is_some());
        assert!(f.match_text("Harga cabai turun").is_none());
    }

    #[test]
    fn wordpress_strings_are_named_by_their_platform() {
        let f = Footer::get();
        let form = f.match_text("Tinggalkan Balasan").unwrap();
        assert_eq!(form.rule(), "wordpress-ui:id");
        assert_eq!(form.category, Category::CommentForm);
        let notes = f
            .match_text("Your email address will not be published. Required fields are marked *")
            .unwrap();
        assert_eq!(
            (notes.rule(), notes.weak),
            ("wordpress-ui:en".into(), false)
        );
        // A run of field labels is weak; with a specific string in it, it is not.
        assert!(f.match_text("Nama * Email * Situs Web").unwrap().weak);
        assert!(
            !f.match_text("Navigasi pos Sebelumnya Selanjutnya")
                .unwrap()
                .weak
        );
        assert_eq!(
            f.match_text("Posting Komentar").unwrap().rule(),
            "blogger-ui:id"
        );
        // A v3 theme's comments header is the bare word, and is not the form's field label.
        assert!(f.match_text("Komentar").is_none());
        assert!(f.match_text("Comments").is_none());
    }
}
