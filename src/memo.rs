//! What a candidate's phrase says, read once per scan for each distinct phrase and position.
//!
//! Every fact the judgement reads from a candidate's own words (its key, the listed brand it
//! names, whether it is a dateline, written like a name, in capitals) depends on the phrase and
//! its position alone, not on the block it stands in. A farm stamps one phrase on paragraph after
//! paragraph (`BESTPROFIT FUTURES - `), and real posts repeat theirs too (a dateline, `ujarnya`),
//! so a scan reads each distinct `(position, phrase)` once and shares what it read: the candidates
//! of one key share one string, and a repeated phrase costs a hash lookup instead of folding,
//! brand lookups and shape tests.
//!
//! Entries are found by a 32-bit hash and then compared whole, so a hash collision (which an
//! adversarial page could force: the hash is not keyed) only costs the reading again, never a
//! wrong fact. The memo holds at most [`MAX_ENTRIES`] phrases and starts again empty when full:
//! on text whose phrases never repeat it would otherwise add about half the input's size to the
//! scan's memory, while the phrases a farm repeats come back within a post.

use std::rc::Rc;

use rustc_hash::FxHashMap as HashMap;

use crate::brands::{key_len, strip_pt, SHORT_KEY};
use crate::candidates::{Candidate, Position};
use crate::normalize::{chars, is_lowercase, is_uppercase};
use crate::phrase::{capitalized, name_like, without_desk_code, KeyWords};
use crate::rules::Tables;

/// The most phrases remembered at once (about 2 MB of entries): far more than a post has.
const MAX_ENTRIES: usize = 1 << 14;

/// What a phrase gives a candidate when it is found (a clone shares the key).
#[derive(Debug, Clone)]
pub struct Read {
    /// The folded key without `PT`, city or date qualifiers; never empty.
    pub key: Rc<str>,
    /// How many words the key was made of.
    pub words: usize,
    /// Where the key's words meet (see `Candidate::breaks`).
    pub breaks: u64,
    /// Not a wire marker.
    pub eligible: bool,
    /// The listed brand it names in its position (see [`known_brand`]).
    pub known: Option<usize>,
}

/// What a phrase gives a candidate the judgement can use (see `Candidate::complete`).
#[derive(Debug, Clone, Copy)]
pub struct Completion {
    /// An eligible phrase with a dateline's shape that spells no listed brand's site: not eligible.
    pub dateline: bool,
    pub capitalized: bool,
    pub name: bool,
    pub company: bool,
    pub caps: bool,
}

struct Entry {
    position: Position,
    phrase: Box<str>,
    /// `None` when the phrase has no key (it was only qualifiers): no candidate.
    read: Option<Read>,
    completion: Option<Completion>,
}

/// The phrases read so far in one scan, the buffers reading them uses, and the buffer a block's
/// candidates are collected in: the per-scan state of the extractor.
#[derive(Default)]
pub struct PhraseMemo {
    words: KeyWords,
    /// The candidates of the block being read (see `candidates::extract`).
    pub(crate) found: Vec<Candidate>,
    /// Index into `entries` by the hash of `(position, phrase)`: 32 bits are plenty for the
    /// phrases it holds, and a collision only costs a reading.
    index: HashMap<u32, usize>,
    entries: Vec<Entry>,
}

impl PhraseMemo {
    /// The entry of `(position, phrase)`, read now if it is new; `None` on a hash collision with
    /// another phrase (the caller reads it without keeping it).
    fn entry(&mut self, t: &Tables, position: Position, phrase: &str) -> Option<usize> {
        let hash = hash(position, phrase);
        if let Some(&i) = self.index.get(&hash) {
            let e = &self.entries[i];
            return (e.position == position && *e.phrase == *phrase).then_some(i);
        }
        let read = read(t, &mut self.words, position, phrase);
        if self.entries.len() == MAX_ENTRIES {
            self.index.clear();
            self.entries.clear();
        }
        self.index.insert(hash, self.entries.len());
        self.entries.push(Entry {
            position,
            phrase: phrase.into(),
            read,
            completion: None,
        });
        Some(self.entries.len() - 1)
    }

    /// What `phrase` gives a candidate found in `position`; `None` when it has no key.
    pub fn read(&mut self, t: &Tables, position: Position, phrase: &str) -> Option<Read> {
        match self.entry(t, position, phrase) {
            Some(i) => self.entries[i].read.clone(),
            None => read(t, &mut self.words, position, phrase),
        }
    }

    /// The rest of the facts of `phrase` in `position` (see `Candidate::complete`), for a
    /// candidate with its `key` and `eligible`, which [`PhraseMemo::read`] gave it.
    pub fn complete(
        &mut self,
        t: &Tables,
        position: Position,
        phrase: &str,
        key: &str,
        eligible: bool,
    ) -> Completion {
        let fresh = || complete(t, position, phrase, key, eligible);
        match self.entry(t, position, phrase) {
            Some(i) => *self.entries[i].completion.get_or_insert_with(fresh),
            None => fresh(),
        }
    }
}

/// `FxHasher` (the hash of the scan's maps) of the position and the phrase, folded to 32 bits:
/// eight bytes a step, and good enough for an index whose hits are checked.
fn hash(position: Position, phrase: &str) -> u32 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write_u8(position as u8);
    h.write(phrase.as_bytes());
    let h = h.finish();
    (h ^ (h >> 32)) as u32
}

/// The words that name the phrase: a credit without its desk code (`(Mbs-maju kencana futures)`).
fn named(position: Position, p: &str) -> &str {
    if position == Position::Credit {
        without_desk_code(p)
    } else {
        p
    }
}

/// Reads `phrase` in `position`: its key words, key, word breaks and the brand it names.
fn read(t: &Tables, names: &mut KeyWords, position: Position, p: &str) -> Option<Read> {
    names.fill(&t.datelines, named(position, p));
    let whole = names.folded();
    let key = strip_pt(whole);
    if key.is_empty() {
        return None;
    }
    let (len, stripped) = (key_len(key), key_len(whole) - key_len(key));
    let breaks = names
        .folded_lens()
        .scan(0, |at, n| {
            *at += n;
            Some(*at)
        })
        .filter_map(|b| b.checked_sub(stripped))
        .filter(|&b| b > 0 && b < len)
        .fold(0u64, |mask, b| {
            mask | 1u64.checked_shl(b as u32).unwrap_or(0)
        });
    // The listed brand is read now (a candidate naming one is judged whatever else the post
    // holds); the rest of its facts only when the judgement needs them (see `complete`).
    let eligible = !t.datelines.is_marker_key(key);
    let known = if eligible {
        known_brand(t, position, key, names.len(), p)
    } else {
        None
    };
    Some(Read {
        key: key.into(),
        words: names.len(),
        breaks,
        eligible,
        known,
    })
}

/// The facts of `phrase` that only candidates the judgement can use need.
fn complete(t: &Tables, position: Position, p: &str, key: &str, eligible: bool) -> Completion {
    let named = named(position, p);
    // Not a dateline shape, unless it spells a listed brand's site
    // (`www.bestprofit-futures.co.id`); a marker key was never eligible.
    let dateline = eligible && t.datelines.is_dateline(p) && t.brands.find_within(key).is_none();
    Completion {
        dateline,
        capitalized: capitalized(p),
        // Judged without a credit's desk code: `(Mbs-maju kencana futures)` is a name.
        name: name_like(named) || !chars(named).any(is_uppercase),
        company: t.company.marks(p),
        caps: !chars(p).any(is_lowercase),
    }
}

/// The listed brand a phrase names where it stands: its whole key (abbreviations only where a
/// sentence cannot begin or end), a long brand key with a qualifier after it, or a long key inside
/// a credit, a label or a site address (`www`, `.co.id`). Fixed for a phrase in its place, so it is
/// decided once when the phrase is found, not again in every pass.
fn known_brand(
    t: &Tables,
    position: Position,
    key: &str,
    words: usize,
    phrase: &str,
) -> Option<usize> {
    let brands = &t.brands;
    let abbreviation = key_len(key) <= SHORT_KEY;
    let known = if abbreviation && !position.allows_abbreviation() {
        None
    } else {
        brands.lookup(key)
    };
    known.or_else(|| brands.starting(key, words)).or_else(|| {
        // Credits and labels carry extra words; a site address carries `www` and `.co.id`.
        let contained = position.allows_containment() || t.datelines.is_outlet(phrase);
        contained.then(|| brands.find_within(key)).flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::EMBEDDED;

    #[test]
    fn a_repeated_phrase_is_read_once_and_shares_its_key() {
        let mut memo = PhraseMemo::default();
        let t = &EMBEDDED;
        let a = memo
            .read(t, Position::Prefix, "PT BESTPROFIT FUTURES")
            .unwrap();
        let b = memo
            .read(t, Position::Prefix, "PT BESTPROFIT FUTURES")
            .unwrap();
        assert_eq!(&*a.key, "bestprofitfutures");
        assert!(Rc::ptr_eq(&a.key, &b.key));
        assert_eq!(memo.entries.len(), 1);
        // The position is part of what is read: another position is another entry.
        memo.read(t, Position::Credit, "PT BESTPROFIT FUTURES")
            .unwrap();
        assert_eq!(memo.entries.len(), 2);
        // A phrase of qualifiers only has no key, remembered as such.
        assert!(memo.read(t, Position::Prefix, "JAKARTA").is_none());
        assert!(memo.read(t, Position::Prefix, "JAKARTA").is_none());
        assert_eq!(memo.entries.len(), 3);
    }

    #[test]
    fn a_hash_collision_costs_a_reading_not_a_wrong_fact() {
        // Two different phrases with one hash, found by brute force (32 bits: a few tens of
        // thousands of tries).
        let mut seen: HashMap<u32, String> = HashMap::default();
        let (first, second) = (0u32..)
            .map(|n| format!("Maju Jaya {n}x"))
            .find_map(|p| {
                let h = hash(Position::Suffix, &p);
                match seen.get(&h) {
                    Some(other) => Some((other.clone(), p)),
                    None => {
                        seen.insert(h, p);
                        None
                    }
                }
            })
            .unwrap();
        let t = &EMBEDDED;
        let mut memo = PhraseMemo::default();
        let mut fresh = KeyWords::default();
        for p in [&first, &second, &first, &second] {
            let got = memo.read(t, Position::Suffix, p).map(|r| r.key.to_string());
            let want = read(t, &mut fresh, Position::Suffix, p).map(|r| r.key.to_string());
            assert_eq!(got, want, "{p}");
        }
        assert_eq!(memo.entries.len(), 1);
    }

    #[test]
    fn a_full_memo_starts_again() {
        let t = &EMBEDDED;
        let mut memo = PhraseMemo::default();
        let phrase = |n: usize| format!("Maju Jaya {n:x}");
        for n in 0..MAX_ENTRIES {
            memo.read(t, Position::Suffix, &phrase(n));
        }
        assert_eq!(memo.entries.len(), MAX_ENTRIES);
        let key = memo
            .read(t, Position::Suffix, &phrase(MAX_ENTRIES))
            .unwrap()
            .key;
        assert_eq!(memo.entries.len(), 1);
        assert_eq!(memo.index.len(), 1);
        // What was forgotten is read again, the same.
        let again = memo.read(t, Position::Suffix, &phrase(0)).unwrap().key;
        assert_eq!(&*again, "majujaya0");
        assert_eq!(&*key, format!("majujaya{MAX_ENTRIES:x}"));
    }
}
