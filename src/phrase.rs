//! Phrase shapes: what a brand phrase looks like, its folded key, and the words around it.
//!
//! Farms write one brand many ways; these functions say whether a stretch of text can be a brand
//! phrase at all (`phrase_ok`), fold it into the key that groups its spellings (`key_words`,
//! qualifiers dropped), and classify single words (capitals, name words, sentence ends). They read
//! only the text and the dateline tables, never a block's position.

use std::ops::Range;

use crate::lower::lowercase;
use crate::normalize::{
    char_at, char_indices, chars, fold, fold_into, is_alphabetic, is_alphanumeric, is_lowercase,
    is_numeric, is_space, is_uppercase, split_space, trim, trim_end, words,
};
#[cfg(test)]
use crate::rules::strip_pt;
use crate::rules::Datelines;

/// The longest phrase (bytes) that can be a brand: longer text is prose.
pub const MAX_PHRASE: usize = 64;
/// The most words a brand phrase has (with `PT`, a city and a date qualifier).
pub const MAX_WORDS: usize = 7;
/// The fewest letters a brand phrase has.
const MIN_LETTERS: usize = 2;
/// A word this short (characters) may end in a dot inside a phrase (`PT.`, `Tbk.`).
const SHORT_DOTTED_WORD: usize = 3;
/// Desk codes glued to a credit (`mgf-`) are this many letters.
const DESK_CODE: std::ops::RangeInclusive<usize> = 2..=4;

/// Characters that end a sentence, or close one in quotes: after them a new sentence (and an
/// injected phrase) may start.
pub const SENTENCE_END: [char; 5] = ['.', '!', '?', '"', '”'];
/// What the last word of a sentence may end with: [`SENTENCE_END`] and the closing marks after
/// it (`’`, `»`, `…`).
pub const SENTENCE_CLOSE: [char; 8] = ['.', '!', '?', '"', '”', '’', '»', '…'];
/// Separators that split two phrases (`Name - Name`, `Name | title`).
pub const SEPARATORS: [char; 4] = ['-', '–', '—', '|'];

pub fn separator_at(s: &str, i: usize) -> Option<usize> {
    match char_at(s, i)? {
        '-' if char_at(s, i + 1) == Some('-') => Some(i + 2),
        c if SEPARATORS.contains(&c) => Some(i + c.len_utf8()),
        _ => None,
    }
}

/// A phrase without the bare numeric date that closes it (`KPF SURABAYA 26/05/16` → `KPF
/// SURABAYA`): a branch's date qualifier, like `(05/05)` in parentheses. Unchanged when the date
/// would be all that is left.
pub fn without_trailing_date(p: &str) -> &str {
    let p = trim_end(p);
    // A date ends in a digit; most phrases end in a letter and need no closer look.
    if !p.as_bytes().last().is_some_and(u8::is_ascii_digit) {
        return p;
    }
    let Some((space, c)) = char_indices(p).rfind(|&(_, c)| is_space(c)) else {
        return p;
    };
    let last = &p[space + c.len_utf8()..];
    // Day/month[/year]: `26/05`, `26/05/16`, `26/05/2016`.
    let mut parts = last.split('/');
    let parts = [parts.next(), parts.next(), parts.next(), parts.next()];
    let digits =
        |d: &str, lens: &[usize]| lens.contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit());
    let date = match parts {
        [Some(d), Some(m), None, _] => digits(d, &[1, 2]) && digits(m, &[1, 2]),
        [Some(d), Some(m), Some(y), None] => {
            digits(d, &[1, 2]) && digits(m, &[1, 2]) && digits(y, &[2, 4])
        }
        _ => false,
    };
    let rest = trim_end(&p[..space]);
    if date && chars(rest).any(is_alphabetic) {
        rest
    } else {
        p
    }
}

/// Whether `p` can be a brand phrase: a few words of letters, no sentence punctuation, digits
/// only inside parentheses (`(05/05)`), dots only in `PT.` or inside a domain.
pub fn phrase_ok(p: &str) -> bool {
    // Room for a date qualifier (`26/05/2016`) after the longest phrase.
    if p.len() > 2 * MAX_PHRASE {
        return false;
    }
    let p = without_trailing_date(trim(p));
    if p.is_empty() || p.len() > MAX_PHRASE {
        return false;
    }
    let mut depth = 0i32;
    let mut letters = 0;
    // Words counted as they start (`p` is trimmed: it starts with one): at most MAX_WORDS.
    let (mut words, mut after_space) = (0, true);
    for (i, c) in char_indices(p) {
        // Most chars of a phrase are ASCII letters: counted, and a word started, with nothing
        // else to check (the depth only moves at parentheses).
        if c.is_ascii_alphabetic() {
            letters += 1;
            if after_space {
                words += 1;
                if words > MAX_WORDS {
                    return false;
                }
            }
            after_space = false;
            continue;
        }
        let space = is_space(c);
        if after_space && !space {
            words += 1;
            if words > MAX_WORDS {
                return false;
            }
        }
        after_space = space;
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            '.' => {
                let next_alnum = char_at(p, i + 1).is_some_and(is_alphanumeric);
                let word_start = char_indices(&p[..i])
                    .rfind(|&(_, c)| !is_alphanumeric(c))
                    .map_or(0, |(j, c)| j + c.len_utf8());
                let short_word = chars(&p[word_start..i]).count() <= SHORT_DOTTED_WORD;
                if !(next_alnum || short_word) {
                    return false;
                }
            }
            c if is_alphabetic(c) => letters += 1,
            c if is_numeric(c) => {
                if depth <= 0 {
                    return false;
                }
            }
            _ if space => {
                // A spaced separator splits two phrases: `Name - Name` is not one name.
                if char_at(p, i + 1).is_some_and(|n| SEPARATORS.contains(&n)) {
                    return false;
                }
            }
            ',' | '&' | '\'' | '’' | '/' | '-' | '|' => {}
            _ => return false,
        }
        if !(0..=1).contains(&depth) {
            return false;
        }
    }
    letters >= MIN_LETTERS
}

/// The folded key of a brand phrase: parenthesized qualifiers, a leading `PT`, a trailing `Tbk`
/// and city names at either end dropped. Empty when nothing but qualifiers is left.
#[cfg(test)]
pub fn phrase_key(dl: &Datelines, p: &str) -> String {
    let ws = key_words(dl, p);
    strip_pt(&fold(&ws.concat())).to_string()
}

/// The initials of a brand phrase's words (`PT Sinar Cakrawala Berjangka` → `scb`), to recognise
/// its abbreviation (`PT SCB`).
pub fn initials(dl: &Datelines, p: &str) -> String {
    let mut ws = KeyWords::default();
    ws.fill(dl, p);
    if ws.len() < 2 {
        return String::new();
    }
    ws.words()
        .filter_map(|w| chars(w).find(|&c| is_alphanumeric(c)))
        .flat_map(lowercase)
        .collect()
}

/// The words of a brand phrase that name it: qualifiers dropped as for [`phrase_key`].
pub fn key_words(dl: &Datelines, p: &str) -> Vec<String> {
    let mut ws = KeyWords::default();
    ws.fill(dl, p);
    ws.words().map(str::to_string).collect()
}

/// The words of a brand phrase that name it, and their folded forms, in buffers reused from
/// phrase to phrase: every candidate's key is made here, so nothing is allocated per word.
#[derive(Debug, Default)]
pub struct KeyWords {
    /// The phrase without parenthesized parts; `,` and `|` read as spaces.
    plain: String,
    /// Every word's folded form, concatenated.
    folded: String,
    /// Per word with a non-empty folded form: its range in `plain`, where its folded form ends in
    /// `folded`, and that form's length in characters.
    words: Vec<(Range<usize>, usize, usize)>,
    /// The words that name the phrase (qualifiers dropped): a range of `words`.
    keep: Range<usize>,
}

impl KeyWords {
    /// Reads the key words of `p`: `PT` first, `Tbk` last and cities at either end dropped; none
    /// when the phrase is only a city.
    pub fn fill(&mut self, dl: &Datelines, p: &str) {
        let KeyWords {
            plain,
            folded,
            words: ws,
            ..
        } = self;
        plain.clear();
        folded.clear();
        ws.clear();
        let p = without_trailing_date(p);
        // At most the phrase's length (folding ASCII never grows it): one allocation for a new
        // buffer, not one per doubling.
        plain.reserve(p.len());
        folded.reserve(p.len());
        // Parenthesized parts dropped, `,` and `|` read as spaces: copied run by run between
        // those (ASCII) bytes, not char by char.
        let mut depth = 0;
        let mut run = 0;
        for (i, b) in p.bytes().enumerate() {
            if !matches!(b, b'(' | b')' | b',' | b'|') {
                continue;
            }
            if depth <= 0 {
                plain.push_str(&p[run..i]);
            }
            match b {
                b'(' => depth += 1,
                b')' => depth -= 1,
                _ if depth > 0 => {}
                _ => plain.push(' '),
            }
            run = i + 1;
        }
        if depth <= 0 {
            plain.push_str(&p[run..]);
        }
        for (a, b) in words(plain) {
            let chars = fold_into(&plain[a..b], folded);
            if chars > 0 {
                ws.push((a..b, folded.len(), chars));
            }
        }
        self.keep = 0..self.words.len();
        while self.keep.len() > 1 && self.folded_word(self.keep.start) == "pt" {
            self.keep.start += 1;
        }
        while self.keep.len() > 1 && self.folded_word(self.keep.end - 1) == "tbk" {
            self.keep.end -= 1;
        }
        if self.is_city_in(dl, self.keep.clone()) {
            self.keep = 0..0;
            return;
        }
        let city_at = |this: &Self, from_end: bool| -> usize {
            let keep = this.keep.clone();
            (1..=dl.city_words().min(keep.len().saturating_sub(1)))
                .rev()
                .find(|&n| {
                    let part = if from_end {
                        keep.end - n..keep.end
                    } else {
                        keep.start..keep.start + n
                    };
                    this.is_city_in(dl, part)
                })
                .unwrap_or(0)
        };
        loop {
            let n = city_at(self, true);
            if n > 0 {
                self.keep.end -= n;
                continue;
            }
            let n = city_at(self, false);
            if n > 0 {
                self.keep.start += n;
                continue;
            }
            break;
        }
    }

    /// The folded form of word `i`.
    fn folded_word(&self, i: usize) -> &str {
        self.folded_of(i..i + 1)
    }

    /// The folded forms of words `part` concatenated: one slice, as they are stored in order.
    fn folded_of(&self, part: Range<usize>) -> &str {
        if part.is_empty() {
            return "";
        }
        let start = match part.start {
            0 => 0,
            i => self.words[i - 1].1,
        };
        &self.folded[start..self.words[part.end - 1].1]
    }

    fn is_city_in(&self, dl: &Datelines, part: Range<usize>) -> bool {
        dl.is_city_key(self.folded_of(part))
    }

    /// The number of key words.
    pub fn len(&self) -> usize {
        self.keep.len()
    }

    /// The key words as written (without parenthesized parts).
    pub fn words(&self) -> impl Iterator<Item = &str> + '_ {
        self.words[self.keep.clone()]
            .iter()
            .map(|(r, _, _)| &self.plain[r.clone()])
    }

    /// The folded key words concatenated: `fold` of their concatenation.
    pub fn folded(&self) -> &str {
        self.folded_of(self.keep.clone())
    }

    /// Each key word's folded length in characters, in order.
    pub fn folded_lens(&self) -> impl Iterator<Item = usize> + '_ {
        self.words[self.keep.clone()].iter().map(|w| w.2)
    }
}

/// Words that dress a branch's initials as an outlet (`PT RF Press`).
const PRESS_WORDS: [&str; 4] = ["press", "pers", "news", "media"];

/// The initials of an outlet-dressed dateline, `Jakarta, PT RF Press` → `rf`: a legal form, two to
/// four capitals and a press word. Real outlets spell their names (`PT Fajar Media`), so these
/// initials are compared with the abbreviations of the ads judged in the same post.
pub fn press_initials(dl: &Datelines, p: &str) -> Option<String> {
    if !split_space(p).any(|w| matches!(w, "PT" | "PT.")) {
        return None;
    }
    let ws = key_words(dl, p);
    // A city before the legal form leaves it in the key words (`Jakarta, PT RF Press`).
    let start = ws.iter().take_while(|w| fold(w) == "pt").count();
    let [initials, press] = &ws[start..] else {
        return None;
    };
    let letters = initials.chars().count();
    let caps = (2..=4).contains(&letters) && initials.chars().all(char::is_uppercase);
    (caps && PRESS_WORDS.contains(&fold(press).as_str())).then(|| fold(initials))
}

/// A credit without its desk code: `mgf-mitra garuda futures` → `mitra garuda futures`. The code
/// (two to four letters glued to the name by a hyphen) is a qualifier, like a city in a dateline,
/// so the credit's key groups with the brand's other forms.
pub fn without_desk_code(p: &str) -> &str {
    let Some((code, rest)) = p.split_once('-') else {
        return p;
    };
    let short = DESK_CODE.contains(&code.chars().count()) && code.chars().all(char::is_alphabetic);
    // A name of several words (`mitra garuda futures`), or an abbreviation (`kpf`, judged only
    // as one: see `scan::abbreviations`).
    let abbreviation =
        DESK_CODE.contains(&rest.chars().count()) && rest.chars().all(char::is_alphabetic);
    if short
        && rest.starts_with(char::is_alphabetic)
        && (rest.contains(char::is_whitespace) || abbreviation)
    {
        rest
    } else {
        p
    }
}

/// Every word starts with a capital (or is `PT.`, `&`, a qualifier in parentheses).
pub fn name_like(p: &str) -> bool {
    split_space(p).all(|w| {
        chars(w)
            .find(|&c| is_alphanumeric(c) || c == '(')
            .is_none_or(|c| is_uppercase(c) || c == '(')
    })
}

pub fn capitalized(p: &str) -> bool {
    split_space(p).any(|w| {
        chars(w)
            .find(|&c| is_alphabetic(c))
            .is_some_and(is_uppercase)
    })
}

/// A word in capitals (`BESTPROFIT`, `PT.`): every letter upper case, at least one letter.
pub fn caps_word(w: &str) -> bool {
    caps_chars(chars(w))
}

/// [`caps_word`] of a word's chars, read only as far as they decide: a word in Title Case is
/// settled by its second letter.
pub fn caps_chars(word: impl Iterator<Item = char>) -> bool {
    let mut letters = 0;
    for c in word {
        if is_alphabetic(c) {
            if !is_uppercase(c) {
                return false;
            }
            letters += 1;
        } else if !matches!(c, '.' | '-' | '&') {
            return false;
        }
    }
    letters > 0
}

/// A word that can end a name at the end of a block: starts upper case, no digits, no sentence end.
/// Lower-case words count too (`... terdaftar. bestprofit`): a tail is judged by its key, and an
/// unknown one needs deliberate placement elsewhere in the post.
pub fn name_word(w: &str) -> bool {
    let first = char_at(w, 0);
    let starts_letter = first.is_some_and(is_uppercase) || first.is_some_and(is_lowercase);
    let clean = chars(w).all(|c| is_alphabetic(c) || matches!(c, '.' | '-' | '&'));
    starts_letter && clean && (!w.ends_with('.') || folds_to(w, "pt"))
}

/// Whether `fold(w) == key`, without building the folded string.
fn folds_to(w: &str, key: &str) -> bool {
    let mut folded = w
        .chars()
        .flat_map(lowercase)
        .filter(|c| c.is_alphanumeric());
    key.chars().all(|k| folded.next() == Some(k)) && folded.next().is_none()
}

pub fn ends_sentence(w: &str) -> bool {
    w.ends_with(SENTENCE_CLOSE)
}
