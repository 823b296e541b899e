//! Dateline shapes: phrases that legitimately open a news paragraph and are never ads.
//!
//! A naive "capitals before a dash" rule fires on a third of clean news articles (`JAKARTA – `,
//! `TEMPO.CO, Jakarta - `, `Medan, IDN Times - `), so a phrase made only of places, outlets and
//! dates is a dateline and is never counted as spam. The same city list strips qualifiers from
//! brand phrases (`PT BESTPROFIT FUTURES JAMBI`), and the marker list keeps wire codes (`(ABD)`).

use std::borrow::Cow;

use crate::lower::lowercase;
use crate::normalize::{char_at, fold, fold_into, lower, split_ascii, split_space, trim};
use crate::rules::{contains, head_hash, Datelines, Str};

/// How far into a line a "read also" label can reach (bytes).
const READ_ALSO_REACH: usize = 48;

impl Datelines {
    pub fn is_city(&self, text: &str) -> bool {
        self.is_city_key(&fold(text))
    }

    /// Whether an already folded text is a city.
    pub fn is_city_key(&self, key: &str) -> bool {
        self.city_filter.may_contain(key.as_bytes()) && contains(&self.cities, key)
    }

    /// The longest city name, in words (for qualifier stripping).
    pub fn city_words(&self) -> usize {
        self.city_words
    }

    pub fn is_marker_key(&self, key: &str) -> bool {
        contains(&self.markers, key)
    }

    /// A word that names an outlet by its domain (`KABARBURSA.COM`, `KeuanganNegara.id`).
    pub fn is_domain_word(&self, word: &str) -> bool {
        if !word.contains('.') {
            return false; // every ending starts with a dot
        }
        let w = lower(word.trim_matches(|c: char| !c.is_alphanumeric()));
        self.domains.iter().any(|d| {
            w.strip_suffix(d.as_ref())
                .is_some_and(|head| head.chars().filter(|c| c.is_alphanumeric()).count() >= 2)
        })
    }

    /// An outlet: a known outlet name, or a phrase with a domain word in it.
    pub fn is_outlet(&self, part: &str) -> bool {
        contains(&self.outlets, &fold(part)) || split_space(part).any(|w| self.is_domain_word(w))
    }

    /// A date: `(05/05)`, `5/5/2024`, or weekday and month names with numbers (`Senin 5 Mei`).
    pub fn is_date(&self, part: &str) -> bool {
        let mut words = split_space(part).peekable();
        let mut key = String::new();
        words.peek().is_some()
            && words.all(|w| {
                is_numeric_date(w) || {
                    key.clear();
                    fold_into(w, &mut key);
                    contains(&self.dates, &key)
                }
            })
    }

    /// A phrase made only of places, outlets and dates (`TEMPO.CO, Jakarta`, `Medan | Jurnal Asia`).
    pub fn is_dateline(&self, phrase: &str) -> bool {
        let phrase = strip_date_groups(phrase);
        let mut parts = split_ascii(&phrase, |b| matches!(b, b',' | b'|' | b'/'))
            .map(trim)
            .filter(|p| !p.is_empty())
            .peekable();
        // Every candidate phrase is asked: each part folded into one reused buffer.
        let mut key = String::with_capacity(phrase.len());
        parts.peek().is_some()
            && parts.all(|p| {
                key.clear();
                fold_into(p, &mut key);
                self.is_city_key(&key)
                    || contains(&self.outlets, &key)
                    || split_space(p).any(|w| self.is_domain_word(w))
                    || self.is_date(p)
            })
    }

    /// If `text` starts with a "read also" label, the byte length of the label.
    pub fn read_also_label(&self, text: &str) -> Option<usize> {
        // Most lines open with another letter than any label: no need to lower-case them. An
        // ASCII letter lowers to one ASCII letter, which opens a label exactly when that byte
        // opens one (`read_also_first`); other chars are lowered and compared with each label's.
        let first = char_at(text, 0)?;
        let opens = match first.is_ascii() {
            true => self
                .read_also_first
                .contains(first.to_ascii_lowercase() as u8),
            false => self
                .read_also
                .iter()
                .any(|label| char_at(label, 0).is_some_and(|l| lowercase(first).any(|c| c == l))),
        };
        if !opens {
            return None;
        }
        // Then the first four bytes, when ASCII: a label matches only where they lower to its own.
        let bytes = text.as_bytes();
        if let Some(&head) = bytes.first_chunk::<4>().filter(|head| head.is_ascii()) {
            if !self.read_also_heads.contains(head_hash(head)) {
                return None;
            }
        }
        // A label can only match where the text's leading ASCII bytes, lowered, are the label's:
        // lowering keeps an ASCII char one ASCII byte (the whole-head comparisons below agree
        // there). Most lines that open with a label's letter differ within a few bytes.
        let may_match = |label: &Str| {
            label
                .bytes()
                .zip(bytes)
                .take_while(|(_, h)| h.is_ascii())
                .all(|(l, h)| h.to_ascii_lowercase() == l)
        };
        if !self.read_also.iter().any(may_match) {
            return None;
        }
        let mut head = text.len().min(READ_ALSO_REACH);
        while !text.is_char_boundary(head) {
            head -= 1;
        }
        let head = &text[..head];
        // Most heads are ASCII: compared lowering byte by byte (what `to_lowercase` gives there),
        // without a lowered copy. A label ends where no letter or digit follows in the head.
        if head.is_ascii() {
            let h = head.as_bytes();
            return self
                .read_also
                .iter()
                .filter(|label| {
                    let l = label.as_bytes();
                    l.len() <= h.len()
                        && l.iter().zip(h).all(|(l, h)| h.to_ascii_lowercase() == *l)
                        && !h.get(l.len()).is_some_and(u8::is_ascii_alphanumeric)
                })
                .map(|label| label.len())
                .max();
        }
        let lowered = lower(head);
        if lowered.len() != head.len() {
            return None; // case folding changed byte lengths: no label in such text anyway
        }
        longest_label(&self.read_also, &lowered)
    }
}

/// The byte length of the longest of `labels` that the lowered text `lowered` starts with,
/// followed by no letter or digit.
fn longest_label(labels: &[Str], lowered: &str) -> Option<usize> {
    labels
        .iter()
        .filter(|label| {
            lowered.starts_with(label.as_ref())
                && !lowered[label.len()..].starts_with(|c: char| c.is_alphanumeric())
        })
        .map(|label| label.len())
        .max()
}

impl Datelines {
    /// Whether `text` is a "read also" label and nothing else (`BACA JUGA :`): a header over the
    /// link lines below it.
    pub fn is_read_also_header(&self, text: &str) -> bool {
        let text = text.trim();
        self.read_also_label(text).is_some_and(|end| {
            text[end..]
                .chars()
                .all(|c| c.is_whitespace() || matches!(c, ':' | '：' | '-' | '–' | '—'))
        })
    }
}

/// `(05/05)`, `5/5`, `2024`: digits and date punctuation only.
fn is_numeric_date(part: &str) -> bool {
    let inner = part.trim().trim_start_matches('(').trim_end_matches(')');
    inner.chars().any(|c| c.is_ascii_digit())
        && inner
            .chars()
            .all(|c| c.is_ascii_digit() || "/.-: ".contains(c))
}

/// `phrase` without parenthesized date groups (`(05/05)`), which would otherwise split at `/`.
fn strip_date_groups(phrase: &str) -> Cow<'_, str> {
    if !phrase.contains('(') {
        return Cow::Borrowed(phrase);
    }
    let mut out = String::with_capacity(phrase.len());
    let mut rest = phrase;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')') else {
            break;
        };
        let group = &rest[open..open + close + 1];
        out.push_str(&rest[..open]);
        if !is_numeric_date(group) {
            out.push_str(group);
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{compile, RuleError, RuleSources, Source, Tables, EMBEDDED, SOURCES};

    /// The tables with `text` as `rules/datelines.txt` and the shipped files for the rest.
    fn with_datelines(text: &str) -> Result<Tables, RuleError> {
        let datelines = Source {
            name: "rules/datelines.txt",
            text,
        };
        compile(&RuleSources {
            datelines,
            ..SOURCES
        })
    }

    const DATELINES: Source = SOURCES.datelines;

    /// Comparing with parts orders exactly as comparing with their concatenation.
    #[test]
    fn every_entry_matches_and_a_near_miss_does_not() {
        let d = &EMBEDDED.datelines;
        for (line, kind, text) in DATELINES.kinded_lines().unwrap() {
            let near_miss = format!("{text}x Berjangka");
            let at = format!("{}:{}", DATELINES.name, line.number);
            match kind {
                "city" => {
                    // Through the city filter too: it never turns a city away.
                    assert!(d.is_city(text), "{at}: {text}");
                    assert!(d.is_dateline(text), "{at}: {text}");
                    assert!(!d.is_dateline(&near_miss), "{at}: {near_miss}");
                }
                "outlet" => {
                    assert!(d.is_dateline(&format!("Medan, {text}")), "{at}");
                    assert!(!d.is_dateline(&format!("Medan, {near_miss}")), "{at}");
                }
                "domain" => {
                    assert!(
                        d.is_dateline(&format!("KABARBURSA{}", text.to_uppercase())),
                        "{at}"
                    );
                    assert!(!d.is_dateline(&format!("KABARBURSA{text}x")), "{at}");
                }
                "date" => {
                    assert!(d.is_dateline(&format!("{text} 5")), "{at}");
                    assert!(!d.is_dateline(&near_miss), "{at}");
                }
                "marker" => {
                    assert!(d.is_marker_key(&fold(text)), "{at}");
                    assert!(!d.is_marker_key(&fold(&near_miss)), "{at}");
                }
                "read-also" => {
                    assert_eq!(
                        d.read_also_label(&format!("{text}: judul")),
                        Some(text.len()),
                        "{at}"
                    );
                    assert_eq!(d.read_also_label(&format!("x{text}: judul")), None, "{at}");
                }
                other => panic!("{at}: unknown kind {other}"),
            }
        }
    }

    /// The ASCII comparison finds what comparing a lowered copy finds.
    #[test]
    fn read_also_labels_are_found_in_any_case() {
        let d = &EMBEDDED.datelines;
        let lowered_copy = |text: &str| {
            let mut head = text.len().min(READ_ALSO_REACH);
            while !text.is_char_boundary(head) {
                head -= 1;
            }
            longest_label(&d.read_also, &lower(&text[..head]))
        };
        for label in d.read_also.iter() {
            let label: &str = label;
            let upper = label.to_uppercase();
            // Case mixed char by char (`BaCa JuGa`): each of the first four bytes is lowered.
            let mixed: String = label
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if i % 2 == 0 {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                })
                .collect();
            for text in [
                format!("{label}: Harga Emas"),
                format!("{upper}: Harga Emas"),
                format!("{mixed}: Harga Emas"),
                upper.clone(),
                format!("{label}x Harga"),
                format!("{label}9"),
                format!("{label} \u{201c}Judul\u{201d}"),
                format!("{}{label}", " ".repeat(READ_ALSO_REACH - label.len())),
                label[..label.char_indices().last().map_or(0, |(i, _)| i)].to_string(),
            ] {
                assert_eq!(d.read_also_label(&text), lowered_copy(&text), "{text:?}");
            }
        }
        assert!(d.read_also_label("BACA JUGA: Harga Emas Naik").is_some());
    }

    /// A label shorter than the four bytes the heads' filter reads turns the filter off: the
    /// label is still found.
    #[test]
    fn a_short_read_also_label_is_found_past_the_heads_filter() {
        let t = with_datelines("city Jakarta\nread-also Baca juga\nread-also Cek\n").unwrap();
        let d = &t.datelines;
        assert_eq!(d.read_also_heads, crate::rules::ByteSet::ALL);
        assert_eq!(d.read_also_label("CEK: Harga Emas"), Some(3));
        assert_eq!(d.read_also_label("Baca Juga: Harga Emas"), Some(9));
        assert_eq!(d.read_also_label("Bank Indonesia"), None);
    }

    #[test]
    fn design_datelines_are_datelines() {
        let d = &EMBEDDED.datelines;
        for p in [
            "JAKARTA",
            "CHICAGO",
            "KABARBURSA.COM",
            "Medan, IDN Times",
            "TEMPO.CO, Jakarta",
            "KeuanganNegara.id",
            "Medan | Jurnal Asia",
            "EKBIS.CO, JAKARTA",
            "Jakarta (05/05)",
            "Senin",
            "Jakarta, Jumat 12 Mei 2024",
        ] {
            assert!(d.is_dateline(p), "{p}");
        }
        for p in [
            "Semarang, Kontak Perkasa Futures",
            "BESTPROFIT FUTURES",
            "Rp13.160",
        ] {
            assert!(!d.is_dateline(p), "{p}");
        }
    }

    #[test]
    fn unknown_kind_is_reported_with_its_line() {
        let err = with_datelines("city Medan\nplace Solo\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "rules/datelines.txt:2: unknown kind `place`"
        );
    }
}
