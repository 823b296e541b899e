//! Known spam brands (`rules/brands.txt`) and how a folded phrase key is matched against them.
//!
//! A key matches a brand exactly, or with one typo (`equitywordfutures`) when the brand key is long
//! enough for a typo to be unambiguous. Credits and labels may also contain a long brand key
//! (`mbsrifanfinancindoberjangka`), found by comparing the few long keys at each position of the
//! short key. Abbreviations
//! (`RFB`) only ever match a whole phrase. Whether a match is hidden depends on its position,
//! which is decided elsewhere: this module only says which brand a key names.

use crate::rules::{find, head, Brands};

pub use crate::rules::{deletions, key_len, strip_pt, LONG_KEY};

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
        let known_head = |k: &[u8]| self.heads.binary_search(&head(k)).is_ok();
        let exact = |k: &str| find(&self.exact, k).map(|&i| usize::from(i));
        let deleted = |k: &str| find(&self.deletions, k).map(|&i| usize::from(i));
        if !known_head(key.as_bytes()) && !self.typo_head(key, &known_head) {
            return None; // neither the key nor any of its one-letter variants starts like a brand
        }
        if let Some(i) = exact(key) {
            return Some(i);
        }
        if key_len(key) + 1 < LONG_KEY {
            return None;
        }
        if let Some(i) = deleted(key) {
            return Some(i); // a letter missing
        }
        key.char_indices().find_map(|(at, c)| {
            // The variant without this char, tested by its first two bytes before it is built.
            let bytes = key.as_bytes();
            let rest = &bytes[at + c.len_utf8()..];
            if !known_head(&first_two(bytes[..at].iter().chain(rest))) {
                return None;
            }
            let d = format!("{}{}", &key[..at], &key[at + c.len_utf8()..]);
            let extra = exact(&d).filter(|_| key_len(&d) >= LONG_KEY);
            extra.or_else(|| deleted(&d)) // a letter added, or one swapped
        })
    }

    /// Whether some one-letter variant of `key` starts like a brand key (only the first three
    /// bytes decide: a deletion further on leaves the first two in place).
    fn typo_head(&self, key: &str, known_head: &impl Fn(&[u8]) -> bool) -> bool {
        if key_len(key) + 1 < LONG_KEY {
            return false;
        }
        let b = key.as_bytes();
        let first_char = key.chars().next().map_or(0, char::len_utf8);
        let without_first = &b[first_char.min(b.len())..];
        let second_char = key[first_char..].chars().next().map_or(0, char::len_utf8);
        let without_second = first_two(
            b[..first_char]
                .iter()
                .chain(&b[(first_char + second_char).min(b.len())..]),
        );
        known_head(b) || known_head(without_first) || known_head(&without_second)
    }

    /// The leftmost long key inside `key`, the longest of those starting there (the first listed
    /// of equal ones): `(start, end, index into the long keys)`.
    fn leftmost_longest(&self, key: &str) -> Option<(usize, usize, usize)> {
        let bytes = key.as_bytes();
        for start in 0..bytes.len() {
            let rest = &bytes[start..];
            let mut best: Option<(usize, usize)> = None;
            for (n, (k, _, _)) in self.long.iter().enumerate() {
                let k = k.as_bytes();
                if rest.starts_with(k) && best.is_none_or(|(len, _)| k.len() > len) {
                    best = Some((k.len(), n));
                }
            }
            if let Some((len, n)) = best {
                return Some((start, start + len, n));
            }
        }
        None
    }

    /// A long brand key that `key` (made of `words` words) starts with, followed by at most one
    /// word and `QUALIFIER` characters (`bestprofitfuturescikarang`): a brand with a qualifier.
    pub fn starting(&self, key: &str, words: usize) -> Option<usize> {
        let (start, end, p) = self.leftmost_longest(key)?;
        let (_, brand, alias_words) = self.long[p];
        (start == 0 && key.len() - end <= QUALIFIER && words <= usize::from(alias_words) + 1)
            .then_some(usize::from(brand))
    }

    /// A long brand key found inside `key` (for credits and labels).
    pub fn find_within(&self, key: &str) -> Option<usize> {
        self.leftmost_longest(key)
            .map(|(_, _, p)| usize::from(self.long[p].1))
    }
}

/// The first two bytes of a byte sequence, padded as [`head`] pads them.
fn first_two<'a>(bytes: impl Iterator<Item = &'a u8>) -> [u8; 2] {
    let mut two = [0xFF; 2];
    for (slot, &byte) in two.iter_mut().zip(bytes) {
        *slot = byte;
    }
    two
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
