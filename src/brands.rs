//! Known spam brands (`rules/brands.txt`) and how a folded phrase key is matched against them.
//!
//! A key matches a brand exactly, or with one typo (`equitywordfutures`) when the brand key is long
//! enough for a typo to be unambiguous. Credits and labels may also contain a long brand key
//! (`mbsrifanfinancindoberjangka`), found with an Aho-Corasick automaton built once. Abbreviations
//! (`RFB`) only ever match a whole phrase. Whether a match is hidden depends on its position,
//! which is decided elsewhere: this module only says which brand a key names.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use crate::normalize::fold;
use crate::rules::{RuleError, Source, BRANDS};

/// Keys at least this long are matched with one typo and found inside credits and labels.
pub const LONG_KEY: usize = 8;
/// The most bytes of qualifier (a branch or place name) that may follow a brand's key.
pub const QUALIFIER: usize = 14;
/// Keys this short are abbreviations: whole-phrase matches only.
pub const SHORT_KEY: usize = 4;

/// One brand: its id (used in rule names) and display name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Brand {
    pub id: String,
    pub name: String,
}

/// The parsed brand list.
#[derive(Debug, Default)]
pub struct Brands {
    brands: Vec<Brand>,
    /// Every alias key → brand index.
    exact: HashMap<String, usize>,
    /// One-deletion variants of long keys → brand index.
    deletions: HashMap<String, usize>,
    /// Long keys, for containment search.
    within: Option<AhoCorasick>,
    within_ids: Vec<usize>,
    /// How many words each long key's alias has.
    within_words: Vec<usize>,
}

/// The keys `key` becomes with one character deleted.
pub fn deletions(key: &str) -> impl Iterator<Item = String> + '_ {
    key.char_indices().map(move |(i, c)| {
        let mut s = String::with_capacity(key.len());
        s.push_str(&key[..i]);
        s.push_str(&key[i + c.len_utf8()..]);
        s
    })
}

/// A key's length in characters.
pub fn key_len(key: &str) -> usize {
    key.chars().count()
}

impl Brands {
    pub fn parse(src: &Source) -> Result<Self, RuleError> {
        let mut b = Brands::default();
        let mut long = Vec::new();
        for line in src.lines() {
            let index = b.brands.len();
            let mut names = line.text.split('|').map(str::trim);
            let name = names.next().unwrap_or_default();
            let id = slug(name);
            if id.is_empty() {
                return Err(src.error(line.number, "brand has no name"));
            }
            for alias in line.text.split('|').map(str::trim) {
                let key = strip_pt(&fold(alias)).to_string();
                if key.is_empty() {
                    return Err(src.error(line.number, format!("empty alias in `{}`", line.text)));
                }
                if let Some(&other) = b.exact.get(&key) {
                    if other != index {
                        let msg =
                            format!("`{alias}` is already an alias of {}", b.brands[other].name);
                        return Err(src.error(line.number, msg));
                    }
                }
                b.exact.insert(key.clone(), index);
                if key_len(&key) >= LONG_KEY {
                    for d in deletions(&key) {
                        b.deletions.entry(d).or_insert(index);
                    }
                    long.push((key, index, alias.split_whitespace().count()));
                }
            }
            b.brands.push(Brand {
                id,
                name: name.to_string(),
            });
        }
        b.within_ids = long.iter().map(|l| l.1).collect();
        b.within_words = long.iter().map(|l| l.2).collect();
        b.within = AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(long.iter().map(|l| &l.0))
            .ok();
        Ok(b)
    }

    /// The shipped list, parsed once; the empty list inside [`without_list`] on this thread.
    pub fn get() -> &'static Brands {
        static DATA: OnceLock<Brands> = OnceLock::new();
        static EMPTY: OnceLock<Brands> = OnceLock::new();
        if UNLISTED.with(Cell::get) {
            return EMPTY.get_or_init(Brands::default);
        }
        DATA.get_or_init(|| Brands::parse(&BRANDS).unwrap_or_default())
    }

    pub fn brand(&self, index: usize) -> &Brand {
        &self.brands[index]
    }

    /// The brand a whole key names: exactly, or within one typo for long keys.
    pub fn lookup(&self, key: &str) -> Option<usize> {
        if let Some(&i) = self.exact.get(key) {
            return Some(i);
        }
        if key_len(key) + 1 < LONG_KEY {
            return None;
        }
        if let Some(&i) = self.deletions.get(key) {
            return Some(i); // a letter missing
        }
        deletions(key).find_map(|d| {
            let extra = self.exact.get(&d).filter(|_| key_len(&d) >= LONG_KEY);
            extra.or_else(|| self.deletions.get(&d)).copied() // a letter added, or one swapped
        })
    }

    /// A long brand key that `key` (made of `words` words) starts with, followed by at most one
    /// word and `QUALIFIER` characters (`bestprofitfuturescikarang`): a brand with a qualifier.
    pub fn starting(&self, key: &str, words: usize) -> Option<usize> {
        let m = self.within.as_ref()?.find(key)?;
        let p = m.pattern().as_usize();
        (m.start() == 0 && key.len() - m.end() <= QUALIFIER && words <= self.within_words[p] + 1)
            .then(|| self.within_ids[p])
    }

    /// A long brand key found inside `key` (for credits and labels).
    pub fn find_within(&self, key: &str) -> Option<usize> {
        let ac = self.within.as_ref()?;
        ac.find(key)
            .map(|m| self.within_ids[m.pattern().as_usize()])
    }
}

thread_local! {
    /// Whether this thread scans as if `rules/brands.txt` were empty (see [`without_list`]).
    static UNLISTED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` with the brand list empty on this thread: the ablation behind `bersih eval
/// --no-brand-list`, which measures what the unlisted-brand path (repetition, company words,
/// initials) finds alone. Everything else (datelines, company words, UI strings) stays shipped.
///
/// A bridge until `Engine::from_rules` exists: the eval will then build an engine whose brand
/// list is empty instead, and this switch goes away.
pub fn without_list<T>(f: impl FnOnce() -> T) -> T {
    /// Restores the previous state even if `f` panics.
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            UNLISTED.with(|u| u.set(self.0));
        }
    }
    let _restore = Restore(UNLISTED.with(|u| u.replace(true)));
    f()
}

/// `key` without a leading `pt` (the Indonesian company prefix), unless that is all there is.
pub fn strip_pt(key: &str) -> &str {
    match key.strip_prefix("pt") {
        Some(rest) if !rest.is_empty() => rest,
        _ => key,
    }
}

/// A lower-case, hyphenated id: `Bestprofit Futures` → `bestprofit-futures`.
fn slug(name: &str) -> String {
    name.split_whitespace()
        .map(fold)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_brands_parse() {
        if let Err(e) = Brands::parse(&BRANDS) {
            panic!("{e}");
        }
    }

    /// Every alias matches its own brand; a near miss (a different word glued on) does not.
    #[test]
    fn every_alias_matches_and_a_near_miss_does_not() {
        let b = Brands::get();
        for line in BRANDS.lines() {
            for alias in line.text.split('|').map(str::trim) {
                let key = fold(alias);
                let at = format!("{}:{}: {alias}", BRANDS.name, line.number);
                let i = b
                    .lookup(strip_pt(&key))
                    .unwrap_or_else(|| panic!("{at}: no match"));
                assert!(line.text.starts_with(&b.brand(i).name), "{at}");
                assert_eq!(b.lookup(&format!("{key}sejahtera")), None, "{at}");
                assert_eq!(b.lookup(&format!("para{key}korban")), None, "{at}");
            }
        }
    }

    #[test]
    fn typos_match_long_keys_only() {
        let b = Brands::get();
        let ewf = b.lookup("equityworldfutures").unwrap();
        assert_eq!(b.lookup("equitywordfutures"), Some(ewf)); // letter missing
        assert_eq!(b.lookup("equityworlldfutures"), Some(ewf)); // letter added
        assert_eq!(b.lookup("equityworkdfutures"), Some(ewf)); // letter swapped
        assert_eq!(b.lookup("rfx"), None);
        assert_eq!(
            b.brand(b.lookup("equityword").unwrap()).id,
            "equityworld-futures"
        );
    }

    #[test]
    fn brands_with_a_qualifier() {
        let b = Brands::get();
        let rfb = b.starting("rifanfinancindoberjangkacabang", 4).unwrap();
        assert_eq!(b.brand(rfb).id, "rifan-financindo-berjangka");
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
        let b = Brands::get();
        let rfb = b.find_within("mbsrifanfinancindoberjangka").unwrap();
        assert_eq!(b.brand(rfb).id, "rifan-financindo-berjangka");
        assert_eq!(b.find_within("mbsrfb"), None);
    }

    #[test]
    fn without_the_list_no_brand_is_known_and_the_list_comes_back() {
        let key = "bestprofitfutures";
        assert!(Brands::get().lookup(key).is_some());
        without_list(|| {
            assert_eq!(Brands::get().lookup(key), None);
            assert_eq!(Brands::get().starting("bestprofitfuturesjambi", 3), None);
            assert_eq!(Brands::get().find_within("mbsbestprofitfutures"), None);
        });
        assert!(Brands::get().lookup(key).is_some());
    }

    #[test]
    fn duplicate_alias_across_brands_is_an_error() {
        let src = Source {
            name: "rules/brands.txt",
            text: "A One | Abc\n# x\nB Two | ABC\n",
        };
        let err = Brands::parse(&src).unwrap_err();
        assert_eq!(
            err.to_string(),
            "rules/brands.txt:3: `ABC` is already an alias of A One"
        );
    }
}
