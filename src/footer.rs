//! Platform clutter: the UI strings Blogger and WordPress print around a post, in every shipped
//! language (`rules/<platform>-ui/<lang>.txt`).
//!
//! A string matches only a whole block (a line, or a widget's whole text), never text inside an
//! article sentence. The comment count matches only in its zero form: a header that introduces
//! real readers' comments stays. Common words (Blogger's home link `Beranda`, WordPress's field
//! label `Website`) are "weak": in plain body text they count only next to another UI line; a run
//! of strings is weak only when every string in it is.
//! Structural kinds (`share`, `pager`, ...) are clutter by structure and need no text at all.

use crate::lower::lowercase;
use crate::model::{BlockKind, Category};
use crate::normalize::{chars, is_ascii_space, is_space, skip_space, words};
use crate::rules::{
    contains, contains_ascii_lowered, find, ui_key, Footer, UiEntry, UiKind, WordHash,
};

/// Texts longer than this (bytes, squashed) are never widgets.
const MAX_UI_TEXT: usize = 300;
/// The most glue points tried at a block's end for a glued feed leftover.
const MAX_GLUE_TRIES: usize = 4;
/// The most words a run of UI strings is split into (a pager, a share bar).
const MAX_RUN_WORDS: usize = 40;
/// Separators between the strings of one widget (`Newer Post | Older Post`), and the arrows
/// themes print around a pager's links (`← Newer Post Older Post → Home`).
const RUN_SEPARATORS: [&str; 14] = [
    "|", "·", "»", "«", "←", "→", "‹", "›", "◄", "►", "<", ">", "<<", ">>",
];

/// What a block's whole text was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UiMatch {
    pub category: Category,
    /// The file the (first) string came from: an index into `Footer::rules`.
    pub rule: u16,
    /// Only common words (`Home`, `Website`): needs a neighbouring UI line in body text.
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
    /// The rule name of a match: `<platform>-ui:<lang>` (`blogger-ui:id`, `wordpress-ui:en`).
    pub fn rule(&self, m: &UiMatch) -> &str {
        &self.rules[usize::from(m.rule)]
    }

    /// Recognises a whole block text as platform UI: one string, a feed label with a feed link, or a
    /// run of strings (a pager's "Newer Post Older Post Home" read as one widget text).
    pub fn match_text(&self, text: &str) -> Option<UiMatch> {
        if !self.may_start(text) {
            return None;
        }
        // An article paragraph, not a widget: more non-space characters than any run of strings.
        if text.len() > self.max_chars && more_visible_than(text, self.max_chars) {
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

    /// A feed leftover glued straight onto the end of a block's text (`... (ant/rdk)Let's block
    /// ads! (Why?)`): where it starts, and the match. Only specific (not weak) `feed` strings, and
    /// only glued to a closing parenthesis or a sentence's end, where no word of the text can
    /// continue into it; the last few such places before the end are tried.
    pub fn match_glued_feed(&self, text: &str) -> Option<(usize, UiMatch)> {
        let text = text.trim_end();
        // Feed strings end in a parenthesis (`(Atom)`, `(Why?)`); most paragraphs do not, and
        // cost nothing more here.
        if !text.ends_with(')') {
            return None;
        }
        let mut from = text.len().saturating_sub(MAX_UI_TEXT);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let mut tried = 0;
        let mut prev: Option<char> = None;
        for (i, c) in text[from..].char_indices().rev() {
            let i = from + i;
            if prev.is_some_and(char::is_uppercase) && matches!(c, ')' | '.' | '!' | '?') {
                let start = i + c.len_utf8();
                tried += 1;
                if let Some(m) = self
                    .match_text(&text[start..])
                    .filter(|m| !m.weak && m.category == Category::Feed)
                {
                    return Some((start, m));
                }
                if tried == MAX_GLUE_TRIES {
                    break;
                }
            }
            prev = Some(c);
        }
        None
    }

    /// A quick test on the first word, before the whole text is squashed: every match (a string,
    /// a feed label with its link, a run of strings) begins with the first word of a string or of
    /// a feed label. Conservative: a first word it cannot judge cheaply (a parenthesis, a run
    /// separator) lets the full comparison decide.
    fn may_start(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        // Most first words are ASCII: read in one pass over their bytes (every line of a post
        // passes here), looked up lowering as the search compares, and lowered whole only where
        // a feed label may start.
        let (start, end, ascii) = match ascii_first_word(bytes) {
            Some(word) => (word.start, word.end, Some(word)),
            None => match words(text).next() {
                Some((start, end)) => {
                    let ascii = text[start..end].is_ascii();
                    (
                        start,
                        end,
                        ascii.then(|| AsciiWord::read(bytes, start, end)),
                    )
                }
                None => return true,
            },
        };
        let first = &text[start..end];
        // The second word, if any, starts where the space after the first ends.
        let paren = ascii.map_or_else(|| first.bytes().any(is_paren), |word| word.paren);
        if paren || text[skip_space(text, end)..].starts_with(')') {
            return true;
        }
        if RUN_SEPARATORS.contains(&first) {
            return true;
        }
        if let Some(word) = ascii {
            let listed = |end: usize, hash: WordHash| {
                self.first_word_filter.may_contain_hash(hash)
                    && contains_ascii_lowered(&self.first_words, &bytes[start..end])
            };
            return listed(end, word.hash)
                || (word.bare.0 < end && listed(word.bare.0, word.bare.1))
                || self.opens_feed_label(first.as_bytes());
        }
        // Char by char, as `squash` lowers (no final-sigma rule).
        let word: String = first.chars().flat_map(lowercase).collect();
        let bare = word.trim_end_matches([':', '：']);
        contains(&self.first_words, &word)
            || (bare.len() < word.len() && contains(&self.first_words, bare))
            || self.opens_feed_label(word.as_bytes())
    }

    /// Whether the first word `word` starts with a feed label's first word. `word` is lowered, or
    /// ASCII in any case: it is compared ignoring ASCII case (a lowered word has no ASCII capital,
    /// and its other bytes compare as they are).
    fn opens_feed_label(&self, word: &[u8]) -> bool {
        let openings = &self.feed_openings;
        // A label that is empty or opens with a space has an empty first word, which every word
        // starts with (sorted first).
        if openings.first().is_some_and(|o| o.is_empty()) {
            return true;
        }
        let Some(first) = word.first().map(u8::to_ascii_lowercase) else {
            return false;
        };
        // Most words start with a byte no label starts with (see `Footer::feed_first`).
        if !self.feed_first.contains(first) {
            return false;
        }
        // Only the openings that start with the word's first byte, next to each other.
        let from = openings.partition_point(|o| o.as_bytes().first() < Some(&first));
        openings[from..]
            .iter()
            .take_while(|o| o.as_bytes().first() == Some(&first))
            .any(|o| {
                word.get(..o.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(o.as_bytes()))
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
        // reach[i]: the first entry of a split of words[..i], and whether every string of that
        // split is weak, if there is such a split.
        let mut reach: Vec<Option<(Option<UiEntry>, bool)>> = vec![None; words.len() + 1];
        reach[0] = Some((None, true));
        for i in 0..words.len() {
            let Some((first, weak)) = reach[i] else {
                continue;
            };
            if !contains(&self.first_words, words[i]) {
                continue;
            }
            for j in i + 1..=words.len().min(i + self.max_words) {
                if let Some(e) = find(&self.strings, &words[i..j].join(" ")) {
                    reach[j].get_or_insert((Some(first.unwrap_or(*e)), weak && e.weak));
                }
            }
        }
        let (first, weak) = reach[words.len()]?;
        Some(UiMatch::of(&first?, weak))
    }
}

/// Whether `text` has more than `n` chars that are not whitespace. Counted in bytes first, a
/// chunk at a time up to the count: an ASCII byte that is not a space is such a char, so most
/// paragraphs are settled without decoding one; only a text short of that count in ASCII counts
/// its chars.
fn more_visible_than(text: &str, n: usize) -> bool {
    let mut ascii = 0;
    for chunk in text.as_bytes().chunks(64) {
        ascii += chunk
            .iter()
            .filter(|&&b| b.is_ascii() && !is_ascii_space(b))
            .count();
        if ascii > n {
            return true;
        }
    }
    chars(text).filter(|&c| !is_space(c)).nth(n).is_some()
}

/// Whether `b` is a parenthesis: a first word with one is left to the full comparison.
fn is_paren(b: u8) -> bool {
    matches!(b, b'(' | b')')
}

/// An ASCII first word as [`Footer::may_start`] asks about it, from one pass over its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct AsciiWord {
    start: usize,
    end: usize,
    /// Whether it has a parenthesis.
    paren: bool,
    /// Its [`WordHash`].
    hash: WordHash,
    /// Where it ends without its trailing colons, and the hash of that.
    bare: (usize, WordHash),
}

impl AsciiWord {
    /// Reads the word at `start` of `text`: its bytes up to the first ASCII space, the first
    /// byte that is not ASCII, or `end`, whichever comes first.
    fn read(text: &[u8], start: usize, end: usize) -> AsciiWord {
        let mut word = AsciiWord {
            start,
            end: start,
            paren: false,
            hash: WordHash::EMPTY,
            bare: (start, WordHash::EMPTY),
        };
        for &b in &text[start..end] {
            if !b.is_ascii() || is_ascii_space(b) {
                break;
            }
            word.paren |= is_paren(b);
            word.hash = word.hash.then(b);
            word.end += 1;
            if b != b':' {
                word.bare = (word.end, word.hash);
            }
        }
        word
    }
}

/// The first word of `text` when it and the spaces before it are ASCII: the byte range that
/// [`words`] finds first, read byte by byte. `None` when a byte that is not ASCII comes first
/// (a wide space or letter): `words` reads those.
fn ascii_first_word(text: &[u8]) -> Option<AsciiWord> {
    let start = text.iter().position(|&b| !is_ascii_space(b))?;
    let word = AsciiWord::read(text, start, text.len());
    let end = word.end;
    (end > start && text.get(end).is_none_or(|b| b.is_ascii())).then_some(word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{
        compile, platform, ui_kind, RuleError, RuleSources, Source, UiSource, EMBEDDED, SOURCES,
    };

    /// The byte count answers as counting the chars does, around the limit, with wide letters
    /// and wide spaces.
    #[test]
    fn visible_chars_are_counted_as_chars() {
        let pieces = ["a", " ", "é", "\u{a0}", "\u{2003}", "\t", "漢", "ab cd "];
        for n in [0, 1, 5, 63, 64, 65, 200] {
            for (i, piece) in pieces.iter().enumerate() {
                for count in [n / 2, n, n + 1, 3 * n + 2] {
                    let text = format!("{}{}", piece.repeat(count), pieces[(i + 1) % 8]);
                    let want = chars(&text).filter(|&c| !is_space(c)).count() > n;
                    assert_eq!(more_visible_than(&text, n), want, "{n} {text:?}");
                }
            }
        }
    }

    /// Where the byte reading finds a first word, it is the one `words` finds; it leaves to
    /// `words` only first words with a wide char in or right after them, or wide spaces before.
    #[test]
    fn the_ascii_first_word_is_the_first_word() {
        let texts = [
            ("Posting Komentar", true),
            ("  \tBeranda\n", true),
            ("Home é", true),
            ("Langganan:", true),
            ("(Atom)", true),
            ("", false),
            (" \n ", false),
            ("Beranda\u{a0}Home", false),
            ("\u{a0}Home", false),
            ("Home\u{2009}", false),
            ("é Home", false),
            ("Homé", false),
        ];
        for (text, read) in texts {
            let ascii = ascii_first_word(text.as_bytes()).map(|w| (w.start, w.end));
            assert_eq!(ascii.is_some(), read, "{text:?}");
            assert!(ascii.is_none() || ascii == words(text).next(), "{text:?}");
        }
    }

    /// Every string of every platform matches as a whole line (with a trailing colon too), named
    /// by its own platform's rule, with its category and weakness, and never inside a sentence.
    #[test]
    fn every_string_matches_whole_and_not_inside_a_sentence() {
        let f = &EMBEDDED.footer;
        let mut platforms = Vec::new();
        for ui in SOURCES.ui.iter() {
            let src = ui.source;
            platforms.push(platform(ui.rule));
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
                assert_eq!(
                    platform(f.rule(&m)),
                    platform(ui.rule),
                    "{at}: {text} is named by another platform"
                );
                let (kind, weak) = ui_kind(kind).unwrap();
                assert_eq!((m.category, m.weak), (category(kind), weak), "{at}: {text}");
                assert!(
                    f.match_text(&format!("  {text}:  ")).is_some(),
                    "{at}: {text}:"
                );
                let sentence = format!("Kemarin dia menulis {text} di blognya.");
                assert!(f.match_text(&sentence).is_none(), "{at}: {sentence}");
            }
        }
        platforms.dedup();
        assert_eq!(platforms, ["blogger-ui", "scraper-ui", "wordpress-ui"]);
    }

    fn parse_ui(files: &[UiSource]) -> Result<(), RuleError> {
        compile(&RuleSources {
            ui: files,
            ..SOURCES
        })
        .map(drop)
    }

    #[test]
    fn unknown_category_names_file_and_line() {
        let src = Source {
            name: "rules/x-ui/en.txt",
            text: "share Share this:\nweak-home Home\n",
        };
        let err = parse_ui(&[UiSource {
            rule: "x-ui:en",
            source: src,
        }])
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "rules/x-ui/en.txt:2: unknown category `weak-home`"
        );
    }

    /// A string two platforms list would be named by whichever is read first: an error.
    #[test]
    fn a_string_of_two_platforms_is_an_error() {
        let file = |rule, name, text| UiSource {
            rule,
            source: Source { name, text },
        };
        let files = [
            file("a-ui:en", "rules/a-ui/en.txt", "pager Older Post\n"),
            file("a-ui:id", "rules/a-ui/id.txt", "pager Older Post\n"),
        ];
        assert!(parse_ui(&files).is_ok(), "two languages of one platform");
        let files = [
            file(
                "a-ui:en",
                "rules/a-ui/en.txt",
                "share Share\npager Older Post\n",
            ),
            file("b-ui:en", "rules/b-ui/en.txt", "pager Older post:\n"),
        ];
        assert_eq!(
            parse_ui(&files).unwrap_err().to_string(),
            "rules/b-ui/en.txt:1: `Older post:` is already listed by a-ui (rules/a-ui/en.txt:2)"
        );
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
        // Shapes whose first word differs from a string's until the text is squashed.
        assert!(f.match_text("Langganan:Posting Komentar (Atom)").is_some());
        assert!(f.match_text("« Posting Lama | Beranda »").is_some());
        // Pagers written as one line with arrows.
        let arrows = f.match_text("← Newer Post Older Post → Home").unwrap();
        assert_eq!((arrows.category, arrows.weak), (Category::Pager, false));
        assert!(
            f.match_text("← Selanjutnya Sebelumnya → Beranda")
                .unwrap()
                .weak
        );
        assert!(f.match_text("→ Harga cabai turun").is_none());
        // A feed leftover glued onto a block's last credit.
        let glued = "Jalan ditutup tiga hari. (ant/rdk)Let's block ads! (Why?)";
        let (start, m) = f.match_glued_feed(glued).unwrap();
        assert_eq!(
            (&glued[start..], f.rule(&m)),
            ("Let's block ads! (Why?)", "scraper-ui:en")
        );
        assert!(f
            .match_glued_feed("Kata dia (Kompas)Posting Lama")
            .is_none());
        assert!(f
            .match_glued_feed("Harga naik.Posting Komentar (Atom) sekarang")
            .is_none());
        assert!(f.match_text("( Address never made public )").is_some());
        assert!(f.match_text("Harga cabai turun").is_none());
    }

    #[test]
    fn wordpress_strings_are_named_by_their_platform() {
        let f = &EMBEDDED.footer;
        let form = f.match_text("Tinggalkan Balasan").unwrap();
        assert_eq!(f.rule(&form), "wordpress-ui:id");
        assert_eq!(form.category, Category::CommentForm);
        let notes = f
            .match_text("Your email address will not be published. Required fields are marked *")
            .unwrap();
        assert_eq!((f.rule(&notes), notes.weak), ("wordpress-ui:en", false));
        // A run of field labels is weak; with a specific string in it, it is not.
        assert!(f.match_text("Nama * Email * Situs Web").unwrap().weak);
        assert!(
            !f.match_text("Navigasi pos Sebelumnya Selanjutnya")
                .unwrap()
                .weak
        );
        let comment = f.match_text("Posting Komentar").unwrap();
        assert_eq!(f.rule(&comment), "blogger-ui:id");
        // A v3 theme's comments header is the bare word, and is not the form's field label.
        assert!(f.match_text("Komentar").is_none());
        assert!(f.match_text("Comments").is_none());
    }

    /// The first-word filter never rejects a first word in any ASCII case (every one in four
    /// casings; the non-ASCII ones as listed), and rejects most words that are none.
    #[test]
    fn the_first_word_filter_keeps_every_first_word() {
        let f = &EMBEDDED.footer;
        for w in f.first_words.iter() {
            let mut title = w.to_string();
            if let Some(first) = title.get_mut(..1).filter(|_| w.is_ascii()) {
                first.make_ascii_uppercase();
            }
            for v in [w.to_string(), w.to_ascii_uppercase(), title] {
                assert!(f.first_word_filter.may_contain(v.as_bytes()), "{v}");
            }
        }
        let words = "indeks harga saham gabungan diperkirakan bergerak menguat terbatas pada \
                     perdagangan selasa penutupan sebelumnya naik persen ke level didorong aksi \
                     beli bank besar kepala riset sebuah perusahaan sekuritas memperkirakan";
        let (kept, all) = words.split(' ').fold((0, 0), |(kept, all), w| {
            (
                kept + usize::from(f.first_word_filter.may_contain(w.as_bytes())),
                all + 1,
            )
        });
        assert!(kept * 5 < all, "{kept} of {all} words kept");
    }

    /// The first-word lookup of an ASCII word, lowering as it compares, finds exactly what the
    /// lookup of its lowered copy finds: every first word in three casings, cut short, one letter
    /// off at each end, and with colons after it.
    #[test]
    fn ascii_first_words_are_found_as_their_lowered_copies_are() {
        let f = &EMBEDDED.footer;
        let mut tried = 0;
        for w in f.first_words.iter().filter(|w| w.is_ascii()) {
            let mut variants = vec![
                w.to_string(),
                w.to_ascii_uppercase(),
                format!("{w}:"),
                format!("{w}::"),
            ];
            let mut title = w.to_string();
            if let Some(first) = title.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            variants.push(title);
            if w.len() > 1 {
                variants.push(w[1..].to_string());
                variants.push(w[..w.len() - 1].to_string());
                variants.push(format!("{}x", &w[..w.len() - 1]));
            }
            for v in variants {
                let lowered = v.to_ascii_lowercase();
                assert_eq!(
                    contains_ascii_lowered(&f.first_words, v.as_bytes()),
                    contains(&f.first_words, &lowered),
                    "{v}"
                );
                tried += 1;
            }
        }
        assert!(tried > 1000, "{tried}");
    }

    /// A feed label's opening is found in an ASCII word of any case exactly as in its lowered
    /// copy by `starts_with`: every label's first word in three casings, cut short, and with more
    /// after it, and words no label opens.
    #[test]
    fn feed_label_openings_are_found_in_any_ascii_case() {
        let f = &EMBEDDED.footer;
        let opens_lowered = |word: &str| {
            f.feed_labels.iter().any(|label| {
                let opening = label.split(' ').next().unwrap_or_default();
                word.starts_with(opening)
            })
        };
        let mut words = vec!["harga".to_string(), "Pada".into(), "".into(), "S".into()];
        for label in f.feed_labels.iter().filter(|l| l.is_ascii()) {
            let opening = label.split(' ').next().unwrap_or_default();
            words.push(opening.to_string());
            words.push(opening.to_ascii_uppercase());
            words.push(format!("{opening}:"));
            words.push(format!("{}X", opening.to_ascii_uppercase()));
            words.push(opening[..opening.len() - 1].to_string());
        }
        for w in &words {
            let want = opens_lowered(&w.to_ascii_lowercase());
            assert_eq!(f.opens_feed_label(w.as_bytes()), want, "{w}");
        }
        assert!(words.iter().any(|w| opens_lowered(&w.to_ascii_lowercase())));
        assert!(words
            .iter()
            .any(|w| !opens_lowered(&w.to_ascii_lowercase())));
    }

    /// In small rule sets too: openings that share a first letter are each tried, and a label of
    /// punctuation only (an empty key) opens every word, the empty one included.
    #[test]
    fn feed_label_openings_of_small_rule_sets() {
        let footer = |text: &str| {
            let ui = [UiSource {
                rule: "a-ui:en",
                source: Source {
                    name: "rules/a-ui/en.txt",
                    text,
                },
            }];
            compile(&RuleSources { ui: &ui, ..SOURCES }).unwrap().footer
        };
        let f = footer("feed-label Subscribe to\nfeed-label Suscribirse a\nfeed-label Abonner\n");
        assert_eq!(&*f.feed_openings, ["abonner", "subscribe", "suscribirse"]);
        for (word, opens) in [
            ("Subscribe", true),
            ("SUSCRIBIRSE:", true),
            ("abonnere", true),
            ("Sub", false),
            ("Tags", false),
            ("", false),
        ] {
            assert_eq!(f.opens_feed_label(word.as_bytes()), opens, "{word:?}");
        }
        let f = footer("feed-label :\nfeed-label Abonner\n");
        assert_eq!(&*f.feed_openings, ["", "abonner"]);
        for word in ["Harga", "", "abonner"] {
            assert!(f.opens_feed_label(word.as_bytes()), "{word:?}");
        }
    }
}
