//! Phrase shapes: what a brand phrase looks like, its folded key, and the words around it.
//!
//! Farms write one brand many ways; these functions say whether a stretch of text can be a brand
//! phrase at all (`phrase_ok`), fold it into the key that groups its spellings (`key_words`,
//! qualifiers dropped), and classify single words (capitals, name words, sentence ends). They read
//! only the text and the dateline tables, never a block's position.

use crate::normalize::{char_at, fold};
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

pub fn phrase_ok(p: &str) -> bool {
    let p = p.trim();
    let count = p.split_whitespace().count();
    if p.is_empty() || p.len() > MAX_PHRASE || count > MAX_WORDS {
        return false;
    }
    let mut depth = 0i32;
    let mut letters = 0;
    for (i, c) in p.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            '.' => {
                let next_alnum = char_at(p, i + 1).is_some_and(char::is_alphanumeric);
                let word_start = p[..i]
                    .char_indices()
                    .rfind(|&(_, c)| !c.is_alphanumeric())
                    .map_or(0, |(j, c)| j + c.len_utf8());
                let short_word = p[word_start..i].chars().count() <= SHORT_DOTTED_WORD;
                if !(next_alnum || short_word) {
                    return false;
                }
            }
            c if c.is_alphabetic() => letters += 1,
            c if c.is_numeric() => {
                if depth <= 0 {
                    return false;
                }
            }
            c if c.is_whitespace() => {
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
    let ws = key_words(dl, p);
    if ws.len() < 2 {
        return String::new();
    }
    ws.iter()
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words of a brand phrase that name it: qualifiers dropped as for [`phrase_key`].
pub fn key_words(dl: &Datelines, p: &str) -> Vec<String> {
    let mut plain = String::with_capacity(p.len());
    let mut depth = 0;
    for c in p.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth > 0 => {}
            ',' | '|' => plain.push(' '),
            c => plain.push(c),
        }
    }
    // Each word with its folded form, folded once: a phrase's key is the concatenation of its
    // words' folded forms (folding works char by char).
    let mut ws: Vec<(&str, String)> = plain
        .split_whitespace()
        .map(|w| (w, fold(w)))
        .filter(|(_, f)| !f.is_empty())
        .collect();
    while ws.first().is_some_and(|(_, f)| f == "pt") && ws.len() > 1 {
        ws.remove(0);
    }
    while ws.last().is_some_and(|(_, f)| f == "tbk") && ws.len() > 1 {
        ws.pop();
    }
    let is_city = |part: &[(&str, String)]| dl.is_city_parts(part.iter().map(|(_, f)| f.as_str()));
    if is_city(&ws) {
        return Vec::new();
    }
    let city_at = |ws: &[(&str, String)], from_end: bool| -> usize {
        (1..=dl.city_words().min(ws.len().saturating_sub(1)))
            .rev()
            .find(|&n| {
                let part = if from_end {
                    &ws[ws.len() - n..]
                } else {
                    &ws[..n]
                };
                is_city(part)
            })
            .unwrap_or(0)
    };
    loop {
        let n = city_at(&ws, true);
        if n > 0 {
            ws.truncate(ws.len() - n);
            continue;
        }
        let n = city_at(&ws, false);
        if n > 0 {
            ws.drain(..n);
            continue;
        }
        break;
    }
    ws.into_iter().map(|(w, _)| w.to_string()).collect()
}

/// A credit without its desk code: `mgf-mitra garuda futures` → `mitra garuda futures`. The code
/// (two to four letters glued to the name by a hyphen) is a qualifier, like a city in a dateline,
/// so the credit's key groups with the brand's other forms.
pub fn without_desk_code(p: &str) -> &str {
    let Some((code, rest)) = p.split_once('-') else {
        return p;
    };
    let short = DESK_CODE.contains(&code.chars().count()) && code.chars().all(char::is_alphabetic);
    if short && rest.starts_with(char::is_alphabetic) && rest.contains(char::is_whitespace) {
        rest
    } else {
        p
    }
}

/// Every word starts with a capital (or is `PT.`, `&`, a qualifier in parentheses).
pub fn name_like(p: &str) -> bool {
    p.split_whitespace().all(|w| {
        w.chars()
            .find(|c| c.is_alphanumeric() || *c == '(')
            .is_none_or(|c| c.is_uppercase() || c == '(')
    })
}

pub fn capitalized(p: &str) -> bool {
    p.split_whitespace().any(|w| {
        w.chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase)
    })
}

/// A word in capitals (`BESTPROFIT`, `PT.`): every letter upper case, at least one letter.
pub fn caps_word(w: &str) -> bool {
    let mut letters = 0;
    for c in w.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
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
    let first = w.chars().next();
    let starts_letter =
        first.is_some_and(char::is_uppercase) || first.is_some_and(char::is_lowercase);
    let clean = w
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '&'));
    starts_letter && clean && (!w.ends_with('.') || folds_to(w, "pt"))
}

/// Whether `fold(w) == key`, without building the folded string.
fn folds_to(w: &str, key: &str) -> bool {
    let mut folded = w
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric());
    key.chars().all(|k| folded.next() == Some(k)) && folded.next().is_none()
}

pub fn ends_sentence(w: &str) -> bool {
    w.ends_with(SENTENCE_CLOSE)
}
