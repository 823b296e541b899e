//! Known spam brands (`rules/brands.txt`) and how a folded phrase key is matched against them.
//!
//! A key matches a brand exactly, or with one typo (`equitywordfutures`) when the brand key is long
//! enough for a typo to be unambiguous. Credits and labels may also contain a long brand key
//! (`mbsrifanfinancindoberjangka`), found by comparing the few long keys at each position of the
//! short key. The typo check compares a key with the long keys themselves (no table of variants:
//! the Wasm stays small). Abbreviations
//! (`RFB`) only ever match a whole phrase. Whether a match is hidden depends on its position,
//! which is decided elsewhere: this module only says which brand a key names.

use crate::normalize::char_at;
use crate::rules::{find, Brands, Str};

pub use crate::rules::{key_len, strip_pt, LONG_KEY};

/// The most bytes of qualifier (a branch or place name) that may follow a brand's key.
pub const QUALIFIER: usize = 14;
/// Keys this short are abbreviations: whole-phrase matches only.
pub const SHORT_KEY: usize = 4;

impl Brands {
    /// The brand's id (used in rule names).
    pub fn id(&self, index: usize) -> &str {
        &self.names[index].0
    }

    /// The brand a whole key names: exactly, or within one typo for long keys.
    pub fn lookup(&self, key: &str) -> Option<usize> {
        let exact = |k: &str| find(&self.exact, k).map(|&i| usize::from(i));
        if let Some(i) = exact(key) {
            return Some(i);
        }
        if key_len(key) + 1 < LONG_KEY || !self.near_long_length(key) {
            return None;
        }
        if let Some(i) = one_letter_more(key, self.long.iter()) {
            return Some(i); // a letter missing
        }
        // A deletion is one to four bytes shorter than `key`, and a long key one character (one to
        // four bytes) longer than the deletion: only long keys within three bytes of `key`'s
        // length can match one, in file order; and only those whose bytes are `key`'s but for a
        // character each way (`Sketch`), which rules out nearly all at once, so most phrases (no
        // brand at all) skip the per-deletion loop below.
        let sketch = Sketch::of(key);
        let near: Vec<&(Str, u16, u16)> = self
            .long
            .iter()
            .filter(|(long, _, _)| long.len().abs_diff(key.len()) <= 3 && sketch.near(long))
            .collect();
        // A deletion that is a listed key as long as a long key is one of the long keys (every
        // alias key that long is one, of one brand): only those that are `key` with a character
        // taken out can be, usually none, so most deletions need no search of the whole list.
        let shorter: Vec<&(Str, u16, u16)> = self
            .long
            .iter()
            .filter(|(long, _, _)| is_one_char_shorter(long, key))
            .collect();
        if near.is_empty() && shorter.is_empty() {
            return None;
        }
        // Each one-character deletion in turn, in one reused buffer (no allocation each).
        let mut d = String::with_capacity(key.len());
        key.char_indices().find_map(|(i, c)| {
            d.clear();
            d.push_str(&key[..i]);
            d.push_str(&key[i + c.len_utf8()..]);
            let extra = shorter
                .iter()
                .find(|(long, _, _)| *long == d)
                .map(|&&(_, brand, _)| usize::from(brand));
            extra.or_else(|| one_letter_more(&d, near.iter().copied())) // a letter added, or one swapped
        })
    }

    /// Whether some long key is within one character (one to four bytes) of `key`'s length, which
    /// every typo match below needs: the key with a character more, or one of its deletions
    /// (equal to a long key, or with a character more). Most phrases (sentence fragments, titles)
    /// are far longer than any brand and skip the search.
    fn near_long_length(&self, key: &str) -> bool {
        let (shortest, longest) = self.long_bytes;
        let len = u32::try_from(key.len()).unwrap_or(u32::MAX);
        len <= longest.saturating_add(4) && len.saturating_add(4) >= shortest
    }

    /// The leftmost long key inside `key`, the longest of those starting there (the first listed
    /// of equal ones): `(start, end, index into the long keys)`.
    fn leftmost_longest(&self, key: &str) -> Option<(usize, usize, usize)> {
        let bytes = key.as_bytes();
        (0..bytes.len()).find_map(|start| {
            let (len, n) = self.longest_at(&bytes[start..])?;
            Some((start, start + len, n))
        })
    }

    /// The longest long key that `rest` starts with (the first listed of equal ones): `(length,
    /// index into the long keys)`.
    fn longest_at(&self, rest: &[u8]) -> Option<(usize, usize)> {
        let &b = rest.first()?;
        if !self.long_first.contains(b) {
            return None; // no long key starts with this byte
        }
        let mut best: Option<(usize, usize)> = None;
        for (n, (k, _, _)) in self.long.iter().enumerate() {
            let k = k.as_bytes();
            let here = k.first() == Some(&b) && rest.starts_with(k);
            if here && best.is_none_or(|(len, _)| k.len() > len) {
                best = Some((k.len(), n));
            }
        }
        best
    }

    /// A long brand key that `key` (made of `words` words) starts with, followed by at most one
    /// word and `QUALIFIER` characters (`bestprofitfuturescikarang`): a brand with a qualifier.
    pub fn starting(&self, key: &str, words: usize) -> Option<usize> {
        // Only a key starting at the phrase's start counts: no need to look further in.
        let (end, p) = self.longest_at(key.as_bytes())?;
        let (_, brand, alias_words) = self.long[p];
        (key.len() - end <= QUALIFIER && words <= usize::from(alias_words) + 1)
            .then_some(usize::from(brand))
    }

    /// A long brand key found inside `key` (for credits and labels).
    pub fn find_within(&self, key: &str) -> Option<usize> {
        self.leftmost_longest(key)
            .map(|(_, _, p)| usize::from(self.long[p].1))
    }
}

/// The brand of the first of `long` (long keys in file order) that is `key` with one more
/// character.
fn one_letter_more<'l>(
    key: &str,
    mut long: impl Iterator<Item = &'l (Str, u16, u16)>,
) -> Option<usize> {
    long.find(|(long, _, _)| is_one_char_shorter(key, long))
        .map(|&(_, brand, _)| usize::from(brand))
}

/// Byte counts of a key, folded into 32 buckets. Two strings that are equal once a character (at
/// most four bytes) is taken out of each differ by at most 8 in these counts; folding bytes
/// together only lowers a difference, so the test never rules such a pair out.
struct Sketch([i16; 32]);

impl Sketch {
    /// The most the counts of two such strings can differ by.
    const ONE_CHAR_EACH: u32 = 8;

    fn of(key: &str) -> Sketch {
        let mut counts = [0i16; 32];
        for b in key.bytes() {
            counts[usize::from(b & 31)] += 1;
        }
        Sketch(counts)
    }

    /// Whether `other` may be this key with a character taken out of each.
    fn near(&self, other: &str) -> bool {
        let mut counts = self.0;
        for b in other.bytes() {
            counts[usize::from(b & 31)] -= 1;
        }
        let apart: u32 = counts.iter().map(|c| u32::from(c.unsigned_abs())).sum();
        apart <= Self::ONE_CHAR_EACH
    }
}

/// Whether `short` is `long` with one character taken out. Linear: where the two first differ,
/// the character of `long` there is the one taken out (in a run of equal characters, any of them).
///
/// The length test is inlined at every call: a typo lookup asks this of every long key, and most
/// differ in length by more than a character, which a call and its return cost more than.
#[inline]
fn is_one_char_shorter(short: &str, long: &str) -> bool {
    let extra = long.len().saturating_sub(short.len());
    // A character is one to four bytes.
    (1..=4).contains(&extra) && one_char_out(short, long, extra)
}

/// [`is_one_char_shorter`] for a `long` that is `extra` (one to four) bytes longer.
fn one_char_out(short: &str, long: &str, extra: usize) -> bool {
    // A plain loop: every typo lookup asks this of many long keys, and iterator chains stay
    // calls in the size-optimized Wasm. `short` is the shorter, so both index.
    let (s, l) = (short.as_bytes(), long.as_bytes());
    let mut at = 0;
    while at < s.len() && s[at] == l[at] {
        at += 1;
    }
    while !long.is_char_boundary(at) {
        at -= 1;
    }
    let Some(c) = char_at(long, at) else {
        return false;
    };
    c.len_utf8() == extra && short.get(at..) == long.get(at + extra..)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold;
    use crate::rules::{compile, RuleSources, Source, EMBEDDED, SOURCES};

    const BRANDS: Source = SOURCES.brands;

    /// Every alias matches its own brand; a near miss (a different word glued on) does not.
    #[test]
    fn every_alias_matches_and_a_near_miss_does_not() {
        let b = &EMBEDDED.brands;
        for line in BRANDS.lines() {
            for alias in line.text.split('|').map(str::trim) {
                let key = fold(alias);
                let at = format!("{}:{}: {alias}", BRANDS.name, line.number);
                let i = b
                    .lookup(strip_pt(&key))
                    .unwrap_or_else(|| panic!("{at}: no match"));
                assert!(line.text.starts_with(b.names[i].1.as_ref()), "{at}");
                assert_eq!(b.lookup(&format!("{key}sejahtera")), None, "{at}");
                assert_eq!(b.lookup(&format!("para{key}korban")), None, "{at}");
            }
        }
    }

    #[test]
    fn typos_match_long_keys_only() {
        let b = &EMBEDDED.brands;
        let ewf = b.lookup("equityworldfutures").unwrap();
        assert_eq!(b.lookup("equitywordfutures"), Some(ewf)); // letter missing
        assert_eq!(b.lookup("equityworlldfutures"), Some(ewf)); // letter added
        assert_eq!(b.lookup("equityworkdfutures"), Some(ewf)); // letter swapped
        assert_eq!(b.lookup("rfx"), None);
        assert_eq!(b.id(b.lookup("equityword").unwrap()), "equityworld-futures");
    }

    /// The byte-count test rules out no long key that a key with one character taken out can
    /// equal with one of its own taken out: every such pair is built here from every long key.
    #[test]
    fn the_sketch_keeps_every_one_character_pair() {
        let b = &EMBEDDED.brands;
        for (long, _, _) in b.long.iter() {
            for (j, c) in long.char_indices() {
                let shorter = format!("{}{}", &long[..j], &long[j + c.len_utf8()..]);
                for (i, _) in shorter.char_indices().chain([(shorter.len(), ' ')]) {
                    for extra in ['a', 'z', '7', 'é', '😀'] {
                        let key = format!("{}{extra}{}", &shorter[..i], &shorter[i..]);
                        assert!(Sketch::of(&key).near(long), "{key} / {long}");
                    }
                }
            }
        }
        assert!(!Sketch::of("hargaemasnaik").near("bestprofitfutures"));
    }

    #[test]
    fn one_char_shorter() {
        assert!(is_one_char_shorter("bestprofit", "bestprofiit"));
        assert!(is_one_char_shorter("abc", "xabc"));
        assert!(is_one_char_shorter("abc", "abcé"));
        assert!(is_one_char_shorter("abc", "aébc"));
        assert!(!is_one_char_shorter("abc", "abc"));
        assert!(!is_one_char_shorter("abc", "axbyc"));
        assert!(!is_one_char_shorter("abd", "abce"));
    }

    #[test]
    fn brands_with_a_qualifier() {
        let b = &EMBEDDED.brands;
        let rfb = b.starting("rifanfinancindoberjangkacabang", 4).unwrap();
        assert_eq!(b.id(rfb), "rifan-financindo-berjangka");
        assert!(b.starting("bestprofitfuturescikarang", 3).is_some());
        assert_eq!(b.starting("bestprofitfuturesnaiktajam", 4), None);
        assert_eq!(b.starting("monexinvestindofuturesraihpenghargaan", 5), None);
        assert_eq!(
            b.starting("bestprofitfuturesmenjelaskanbahwahargaemas", 5),
            None
        );
        assert_eq!(b.starting("parabestprofitfutures", 3), None);
    }

    #[test]
    fn credits_contain_brands() {
        let b = &EMBEDDED.brands;
        let rfb = b.find_within("mbsrifanfinancindoberjangka").unwrap();
        assert_eq!(b.id(rfb), "rifan-financindo-berjangka");
        assert_eq!(b.find_within("mbsrfb"), None);
    }

    #[test]
    fn duplicate_alias_across_brands_is_an_error() {
        let src = Source {
            name: "rules/brands.txt",
            text: "A One | Abc\n# x\nB Two | ABC\n",
        };
        let err = compile(&RuleSources {
            brands: src,
            ..SOURCES
        })
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "rules/brands.txt:3: `ABC` is already an alias of A One"
        );
    }
}
