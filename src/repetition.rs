//! Repetition: the same brand-like phrase injected at several boundaries of one post.
//!
//! A farm stamps its brand on many paragraphs in varied forms (`BESTPROFIT FUTURES`,
//! `PT BESTPROFIT`, `BEST PROFIT`, `Equityword`), while a real dateline opens a post once. Keys are
//! grouped when equal, when one is the start or end of the other (`bestprofit` /
//! `bestprofitfutures`), or when they differ by about one letter. Grouping uses hash lookups of
//! prefixes, suffixes and one-letter deletions, so it stays linear in the number of candidates.
//!
//! Repetition alone is not enough: book titles, recipe signatures (`- Bunda Rina`) and artists'
//! names close paragraphs too. A group is only evidence of an injected brand when it looks like
//! one: a form carries a company marker (`PT`, `Futures`: `company`), the forms space and fuse the
//! name differently (`SAMUDRAARTHA` / `Samudra Artha Futures`), or it is stamped on the post the way
//! a farm does it: opening a paragraph, closing another and standing alone as a line, in capitals
//! in some places and not in others. An artist's name in a lyrics index opens, closes and stands
//! alone too, but always written the same way.

use std::collections::hash_map::Entry;
use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::brands::{key_len, LONG_KEY};
use crate::candidates::{Candidate, Position};

/// The shortest key that can start another and still be grouped with it (`rifan`).
const MIN_PREFIX: usize = 5;
/// The most distinct forms of one group compared pairwise for fused spelling.
const MAX_FORMS: usize = 32;
/// The fewest places for a group with no company marker and no fused form (see
/// [`Evidence::brand_like`]).
const SPREAD_PLACES: usize = 3;

/// The shortest key that can end another and be grouped with it: endings are often generic
/// words (`senin` in `layananbukasenin`), so they must be name-long (`mitragarudafutures`).
const MIN_SUFFIX: usize = 8;

/// How often a candidate's group occurs in the post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Evidence {
    /// Distinct places (block and phrase start) the group occurs.
    pub count: usize,
    /// How many of those are strong positions (separator, credit, link line).
    pub strong: usize,
    /// Whether any occurrence is written like a name (a capital letter).
    pub capitalized: bool,
    /// Whether the group is more than one word opening paragraphs the same way each time
    /// (`SLEMAN - ` twice is a dateline of a town missing from the list, not an ad).
    pub varied: bool,
    /// Whether any form carries a company marker (`PT MAJU JAYA`, `Maju Jaya Berjangka`).
    pub company: bool,
    /// Whether two forms space the same name differently (`MAJUJAYA` / `Maju Jaya`).
    pub fused: bool,
    /// Whether the group opens a paragraph, closes one, and stands alone as a line.
    pub spread: bool,
    /// Whether some forms are in capitals and others not (`MAJU JAYA` / `Maju Jaya`).
    pub recased: bool,
}

impl Evidence {
    /// Enough to call an unknown phrase injected: two places, one of them deliberate, not just the
    /// same one-word dateline, and a phrase that looks like a brand.
    pub fn repeated(&self) -> bool {
        self.count >= 2 && self.strong >= 1 && self.capitalized && self.varied && self.brand_like()
    }

    /// Whether the group looks like an advertised company rather than a title, name or signature:
    /// a company marker, a fused form, or a farm's stamp in every kind of place and in varied case
    /// (three places, two of them deliberate).
    pub fn brand_like(&self) -> bool {
        let stamped =
            self.spread && self.recased && self.count >= SPREAD_PLACES && self.strong >= 2;
        self.company || self.fused || stamped
    }
}

/// Opening, closing and whole-line boundaries all seen.
const EVERY_BOUNDARY: u8 = 0b111;

/// The kind of boundary a position is, for [`Evidence::spread`]: opening, closing, whole line.
fn boundary(position: Position) -> u8 {
    match position {
        Position::Prefix | Position::Lead | Position::Inline => 1,
        Position::Suffix | Position::Tail | Position::CapsTail | Position::Credit => 2,
        Position::Line => 4,
        Position::LinkLine | Position::Label => 0,
    }
}

/// Whether two forms of a name, one key starting the other, break it into words differently
/// where they overlap (`bestprofit` `[]` / `bestprofitfutures` `[4, 10]`).
fn spaced_differently(a: (&str, u64), b: (&str, u64)) -> bool {
    let common = key_len(a.0).min(key_len(b.0));
    if !a
        .0
        .chars()
        .zip(b.0.chars())
        .take(common)
        .all(|(x, y)| x == y)
    {
        return false;
    }
    let inside = |breaks: u64| breaks & 1u64.checked_shl(common as u32).map_or(u64::MAX, |b| b - 1);
    inside(a.1) != inside(b.1)
}

/// What one group's candidates show, gathered as they are seen. Its places and forms are
/// told apart in sets shared by every group of the post (keyed by group): most groups are one
/// candidate, and sets of their own cost each group a few allocations.
#[derive(Default)]
struct Places<'a> {
    /// Distinct `(block, phrase start)` places, and those of them in strong positions.
    all: usize,
    strong: usize,
    capitalized: bool,
    /// Some occurrence is not a one-word prefix.
    not_one_word_prefix: bool,
    company: bool,
    /// Distinct `(key, word breaks)` forms, in the order they were first seen.
    forms: Vec<(&'a str, u64)>,
    /// Boundary kinds seen (see [`boundary`]).
    boundaries: u8,
    /// Some form is in capitals; some form has lower-case letters.
    caps: bool,
    lower: bool,
    /// What the group says, read once it is whole.
    evidence: Evidence,
}

impl Places<'_> {
    /// Whether two of the group's forms space the name differently.
    fn fused(&self) -> bool {
        let forms: Vec<_> = self.forms.iter().take(MAX_FORMS).collect();
        forms
            .iter()
            .enumerate()
            .any(|(i, &&a)| forms[i + 1..].iter().any(|&&b| spaced_differently(a, b)))
    }
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

/// A key with the bytes `gap` left out (one character, or none): hashed and compared as the
/// string it spells, so every key's one-deletion variants are looked up without building them.
#[derive(Clone, Copy)]
struct Variant<'a> {
    key: &'a str,
    gap: (usize, usize),
    /// The polynomial hash of the spelled bytes (see [`PrefixHashes`]).
    hash: u64,
}

impl Variant<'_> {
    /// The bytes it spells, in two pieces: before the gap and after it.
    fn pieces(&self) -> (&[u8], &[u8]) {
        let b = self.key.as_bytes();
        (&b[..self.gap.0], &b[self.gap.1..])
    }

    fn len(&self) -> usize {
        self.key.len() - (self.gap.1 - self.gap.0)
    }
}

impl PartialEq for Variant<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.hash == other.hash && self.len() == other.len() && {
            // Three slice comparisons: the shorter head against the other's head, the rest of
            // the longer head against the other's tail, and the tails' ends.
            let (mut a, mut b) = (self.pieces(), other.pieces());
            if a.0.len() > b.0.len() {
                std::mem::swap(&mut a, &mut b);
            }
            let split = b.0.len() - a.0.len();
            a.0 == &b.0[..a.0.len()] && a.1[..split] == b.0[a.0.len()..] && a.1[split..] == *b.1
        }
    }
}

impl Eq for Variant<'_> {}

impl Hash for Variant<'_> {
    /// The spelled string's hash, computed once (equal strings hash alike wherever their gaps
    /// are), handed to the hasher as one word.
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

/// The multiplier of the polynomial string hash of [`PrefixHashes`].
const HASH_BASE: u64 = 0x517c_c1b7_2722_0a95;

/// The polynomial hashes of every prefix of one key, `Σ byte · HASH_BASE^(bytes after it)`
/// (wrapping): the hash of the key with any gap left out is then two multiplications. A long key
/// has a deletion per character; hashing each of them byte by byte made grouping quadratic in the
/// key's length.
#[derive(Default)]
struct PrefixHashes {
    /// `at[i]`: the hash of the key's first `i` bytes.
    at: Vec<u64>,
    /// `powers[i]`: `HASH_BASE` to the `i`th power, as far as the longest key read so far.
    powers: Vec<u64>,
}

/// The polynomial hash of a key's bytes so far (`hash`) with the byte `b` after them.
fn hash_step(hash: u64, b: u8) -> u64 {
    hash.wrapping_mul(HASH_BASE).wrapping_add(u64::from(b))
}

/// The polynomial hash of `bytes` (what [`PrefixHashes`] gives for the whole key).
fn hash_of(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0, |hash, &b| hash_step(hash, b))
}

impl PrefixHashes {
    /// Ready for keys of up to `bytes` bytes without growing.
    fn for_length(bytes: usize) -> Self {
        PrefixHashes {
            at: Vec::with_capacity(bytes + 1),
            powers: Vec::with_capacity(bytes + 1),
        }
    }

    /// Reads `key`: the next [`PrefixHashes::variant`]s are of it.
    fn read(&mut self, key: &str) {
        let bytes = key.as_bytes();
        while self.powers.len() <= bytes.len() {
            let next = self.powers.last().map_or(1, |p| p.wrapping_mul(HASH_BASE));
            self.powers.push(next);
        }
        self.at.clear();
        self.at.push(0);
        let mut hash = 0u64;
        self.at.extend(bytes.iter().map(|&b| {
            hash = hash_step(hash, b);
            hash
        }));
    }

    /// The key last read, without the bytes `gap`: the hash of the head times the base to the
    /// tail's length, plus the tail's hash.
    fn variant<'a>(&self, key: &'a str, gap: (usize, usize)) -> Variant<'a> {
        let (a, b) = gap;
        let n = key.len();
        let hash = self.at[a]
            .wrapping_sub(self.at[b])
            .wrapping_mul(self.powers[n - b])
            .wrapping_add(self.at[n]);
        Variant { key, gap, hash }
    }

    /// The hash of the key's first `b` bytes.
    fn head(&self, b: usize) -> u64 {
        self.at[b]
    }

    /// The hash of the key's bytes from `b` on: the whole less the head shifted past them.
    fn tail(&self, b: usize) -> u64 {
        let n = self.at.len() - 1;
        self.at[n].wrapping_sub(self.at[b].wrapping_mul(self.powers[n - b]))
    }
}

/// A set of 64-bit hashes kept as bits: a test says "maybe" or "no", at a few instructions where
/// a map lookup costs tens. Most of what grouping looks up (a variant no other key shares, a
/// prefix that is no key) is absent, so the map is asked only on a "maybe".
struct HashBits {
    words: Vec<u64>,
    /// How far a hash is shifted right to give its bit's index.
    shift: u32,
}

impl HashBits {
    /// An empty set for about `n` hashes (see [`HashBits::reset`]).
    fn new(n: usize) -> Self {
        let mut set = HashBits {
            words: Vec::new(),
            shift: 0,
        };
        set.reset(n);
        set
    }

    /// Empties the set and sizes it for about `n` hashes: sixteen bits each, so a test of an
    /// absent hash says "maybe" about once in sixteen.
    fn reset(&mut self, n: usize) {
        let bits = (n.max(1) * 16).next_power_of_two().max(64);
        self.words.clear();
        self.words.resize(bits / 64, 0);
        self.shift = 64 - bits.trailing_zeros();
    }

    /// The word and bit of `hash`: its top bits (a polynomial hash's low bits are its bytes' low
    /// bits, poorly mixed).
    fn at(&self, hash: u64) -> (usize, u64) {
        let bit = (hash >> self.shift) as usize;
        (bit / 64, 1 << (bit % 64))
    }

    /// Adds `hash`; whether it may have been in already.
    fn insert(&mut self, hash: u64) -> bool {
        let (word, bit) = self.at(hash);
        let had = self.words[word] & bit != 0;
        self.words[word] |= bit;
        had
    }

    fn may_contain(&self, hash: u64) -> bool {
        let (word, bit) = self.at(hash);
        self.words[word] & bit != 0
    }
}

/// Groups the keys of `cands`: each candidate's key index and the groups as a union-find over
/// those indices.
fn group_keys(cands: &[&Candidate]) -> (Vec<usize>, UnionFind) {
    let mut ids: HashMap<&str, usize> =
        HashMap::with_capacity_and_hasher(cands.len(), Default::default());
    // The candidates of one phrase share their key's allocation (the phrase memo's): most are
    // found by its address, and only the first of each allocation by the key's bytes.
    let mut by_address: HashMap<usize, usize> = HashMap::default();
    let keys: Vec<usize> = cands
        .iter()
        .map(|c| {
            let address = c.key.as_ptr() as usize;
            *by_address.entry(address).or_insert_with(|| {
                let n = ids.len();
                *ids.entry(&*c.key).or_insert(n)
            })
        })
        .collect();
    let mut distinct: Vec<&str> = vec![""; ids.len()];
    for (k, &i) in &ids {
        distinct[i] = k;
    }
    let mut uf = UnionFind((0..distinct.len()).collect());
    let lens: Vec<usize> = distinct.iter().map(|k| key_len(k)).collect();
    // Sized for the longest key at once: keys are read shortest first, and growing the prefix
    // hashes key by key reallocated them at most lengths.
    let mut hashes = PrefixHashes::for_length(distinct.iter().map(|k| k.len()).max().unwrap_or(0));
    // Every key's own hash, and the set of them: a prefix or suffix is looked up by name only
    // when its hash may be a key's.
    let whole: Vec<u64> = distinct.iter().map(|k| hash_of(k.as_bytes())).collect();
    let mut is_key = HashBits::new(distinct.len());
    for &h in &whole {
        is_key.insert(h);
    }

    // One-letter typos: keys sharing a one-deletion variant (or one being the other's variant).
    // A variant is as long as its key or one character shorter, so only keys of neighbouring
    // lengths can share one: keys are taken by length, and the variants that can meet are that
    // length's deletions and the wholes of the length before. Holding all variants at once made
    // this the scan's largest allocation on text whose phrases never repeat (five times the
    // input). Most variants are shared with nothing: a first sweep over their hashes keeps only
    // those seen twice, and only those go into the map that compares them. The groups are the
    // same in any order: a union keeps the smaller root, so every group's root is its first key.
    let mut window: HashMap<Variant, usize> = HashMap::default();
    // Key indices by length (a counting sort: a key is a phrase's, at most `MAX_PHRASE`
    // characters), in index order within a length.
    let mut starts = vec![0; lens.iter().max().map_or(1, |&n| n + 2)];
    for &n in &lens {
        starts[n + 1] += 1;
    }
    for n in 1..starts.len() {
        starts[n] += starts[n - 1];
    }
    let mut by_len = vec![0; lens.len()];
    let mut next = starts.clone();
    for (i, &n) in lens.iter().enumerate() {
        by_len[next[n]] = i;
        next[n] += 1;
    }
    let of_len = |n: usize| &by_len[starts[n]..starts[n + 1]];
    // The variants that can meet at length `n`: the wholes of the length before, and a deletion
    // for each character of a key that long. The buffers below are sized once for the most.
    let variants = |n: usize| {
        let wholes = if n >= LONG_KEY {
            of_len(n - 1).len()
        } else {
            0
        };
        let deletions = if n + 1 >= LONG_KEY {
            n * of_len(n).len()
        } else {
            0
        };
        wholes + deletions
    };
    let most = (1..starts.len() - 1).map(variants).max().unwrap_or(0);
    let mut meet: Vec<Spelled> = Vec::with_capacity(most);
    let (mut seen, mut twice) = (HashBits::new(most), HashBits::new(most));
    for n in 1..starts.len() - 1 {
        meet.clear();
        if n >= LONG_KEY {
            meet.extend(of_len(n - 1).iter().map(|&j| Spelled {
                hash: whole[j],
                key: j,
                gap: (0, 0),
            }));
        }
        for &i in of_len(n) {
            let k = distinct[i];
            hashes.read(k);
            contained(&mut uf, &ids, &is_key, &hashes, (i, k, n));
            if n + 1 >= LONG_KEY {
                for (at, c) in k.char_indices() {
                    let gap = (at, at + c.len_utf8());
                    let hash = hashes.variant(k, gap).hash;
                    meet.push(Spelled { hash, key: i, gap });
                }
            }
        }
        if meet.len() < 2 {
            continue; // nothing to meet
        }
        seen.reset(meet.len());
        twice.reset(meet.len());
        for v in &meet {
            if seen.insert(v.hash) {
                twice.insert(v.hash);
            }
        }
        window.clear();
        for v in meet.iter().filter(|v| twice.may_contain(v.hash)) {
            let (key, gap, hash) = (distinct[v.key], v.gap, v.hash);
            match window.entry(Variant { key, gap, hash }) {
                Entry::Occupied(j) => uf.union(v.key, *j.get()),
                Entry::Vacant(slot) => {
                    slot.insert(v.key);
                }
            }
        }
    }
    (keys, uf)
}

/// Containment at either end: `bestprofit` in `bestprofitfutures`, `rifan` in `ptrifan...`.
/// Groups key `i` (`k`, `n` characters, its prefix hashes read) with every key that starts it
/// (at least `MIN_PREFIX` characters) or ends it (at least `MIN_SUFFIX`). A part is looked up
/// by name only when its hash may be a key's.
fn contained(
    uf: &mut UnionFind,
    ids: &HashMap<&str, usize>,
    is_key: &HashBits,
    hashes: &PrefixHashes,
    (i, k, n): (usize, &str, usize),
) {
    if n <= MIN_PREFIX {
        return;
    }
    // `pos`: the characters before byte `b`.
    let mut pos = 0;
    for b in 1..k.len() {
        if !k.is_char_boundary(b) {
            continue;
        }
        pos += 1;
        let head = pos >= MIN_PREFIX && is_key.may_contain(hashes.head(b));
        let tail = n - pos >= MIN_SUFFIX && is_key.may_contain(hashes.tail(b));
        for part in [head.then(|| &k[..b]), tail.then(|| &k[b..])]
            .into_iter()
            .flatten()
        {
            if let Some(&j) = ids.get(part) {
                uf.union(i, j);
            }
        }
    }
}

/// A variant kept between grouping's two sweeps (see [`group_keys`]): its hash, the index of its
/// key, and the bytes left out (as in [`Variant`]; none for the whole key).
#[derive(Clone, Copy)]
struct Spelled {
    hash: u64,
    key: usize,
    gap: (usize, usize),
}

/// A candidate's group among the candidates grouped with it, and whether that group occurs at
/// two places or more: only those can repeat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grouped {
    /// The group's number: less than the number of candidates grouped.
    pub group: u32,
    pub repeats: bool,
}

/// A group's number as a candidate holds it (see `Candidate::group`): a post cannot hold more.
fn number(group: usize) -> u32 {
    u32::try_from(group).unwrap_or(u32::MAX)
}

/// Groups the candidates of one post by their keys (a key, its spellings and its one-letter
/// typos), and says which groups occur at two places or more.
///
/// When they all sit at one place (most posts: a candidate or two) no group can be at two and
/// nothing is grouped: each candidate is a group of its own, which no [`Evidence::repeated`] can
/// tell from its real group, as every group there has one place.
pub fn groups(cands: &[&Candidate]) -> Vec<Grouped> {
    let place = |c: &&Candidate| (c.block, c.phrase.start);
    let first = cands.first().map(place);
    if cands.iter().all(|c| Some(place(c)) == first) {
        return (0..cands.len())
            .map(|n| Grouped {
                group: number(n),
                repeats: false,
            })
            .collect();
    }
    let (keys, mut uf) = group_keys(cands);
    // Per group, by its root (a key's index): its first place, and whether another one was seen.
    let mut places: Vec<Option<((usize, usize), bool)>> = vec![None; uf.0.len()];
    for (c, &k) in cands.iter().zip(&keys) {
        let place = (c.block, c.phrase.start);
        let (first, more) = places[uf.find(k)].get_or_insert((place, false));
        *more |= *first != place;
    }
    keys.iter()
        .map(|&k| {
            let group = uf.find(k);
            Grouped {
                group: number(group),
                repeats: places[group].is_some_and(|(_, more)| more),
            }
        })
        .collect()
}

/// The groups [`evidence`] reads for the candidates judged in a post (`judged`: the complete,
/// eligible ones): each one's `group`, from [`groups`] of all the post's eligible candidates,
/// except in the groups that lost a candidate to completion (`lost`: one found to have a
/// dateline's shape is not eligible), whose judged candidates are grouped again among themselves.
///
/// That gives the evidence of grouping the judged candidates alone (`scan::judge_all`), without
/// grouping them again: grouping fewer candidates only splits groups; a group of two places or
/// more had every candidate completed, so it lost none, unless one turned out ineligible (and
/// that one may have linked two of its keys); and a group of one place has no evidence of
/// repetition however it is split.
pub fn regrouped(judged: &[&Candidate], lost: impl Fn(u32) -> bool) -> Vec<usize> {
    let mut ids: Vec<usize> = judged.iter().map(|c| c.group as usize).collect();
    let mut split: HashMap<u32, Vec<usize>> = HashMap::default();
    for (i, c) in judged.iter().enumerate() {
        if lost(c.group) {
            split.entry(c.group).or_default().push(i);
        }
    }
    // Fresh numbers for the regrouped, past every number in use.
    let mut next = ids.iter().max().map_or(0, |&m| m + 1);
    for members in split.values() {
        let cands: Vec<&Candidate> = members.iter().map(|&i| judged[i]).collect();
        for (&i, g) in members.iter().zip(groups(&cands)) {
            ids[i] = next + g.group as usize;
        }
        next += members.len();
    }
    ids
}

/// Each candidate's group evidence (same order), `groups[i]` naming candidate `i`'s group (see
/// [`groups`]; only which candidates share a number matters). `items[i]` marks candidate `i` as
/// an item of a list: an ordinary placement, never a strong one (missing entries mark nothing).
pub fn evidence(cands: &[&Candidate], groups: &[usize], items: &[bool]) -> Vec<Evidence> {
    let mut found: HashMap<usize, Places> = HashMap::default();
    // What each group has shown already, by group. The places sized for every name up front:
    // most places are distinct, and growing the set a doubling at a time rehashed it about ten
    // times on a long post. (Not the strong places: sized for every strong name, the set
    // outgrew what doubling gives on 10 MB of posts, 2 MiB more at the scan's peak.)
    let names = cands.iter().filter(|c| c.name).count();
    let mut places: HashSet<(usize, usize, usize)> =
        HashSet::with_capacity_and_hasher(names, Default::default());
    let mut strong: HashSet<(usize, usize, usize)> = HashSet::default();
    let mut forms: HashSet<(usize, &str, u64)> = HashSet::default();
    for (n, (c, &root)) in cands.iter().zip(groups).enumerate() {
        if !c.name {
            continue;
        }
        let g = found.entry(root).or_default();
        let place = (root, c.block, c.phrase.start);
        g.all += usize::from(places.insert(place));
        if c.strong() && !items.get(n).copied().unwrap_or(false) {
            g.strong += usize::from(strong.insert(place));
        }
        g.capitalized |= c.capitalized;
        g.not_one_word_prefix |=
            c.words > 1 || !matches!(c.position, Position::Prefix | Position::Lead);
        g.company |= c.company;
        if forms.insert((root, &c.key, c.breaks)) {
            g.forms.push((&c.key, c.breaks));
        }
        g.boundaries |= boundary(c.position);
        g.caps |= c.caps;
        g.lower |= !c.caps;
    }
    for g in found.values_mut() {
        g.evidence = Evidence {
            count: g.all,
            strong: g.strong,
            capitalized: g.capitalized,
            // Every key seen is in some form: two keys, two forms that differ in their key.
            varied: g.not_one_word_prefix
                || g.forms
                    .first()
                    .is_some_and(|a| g.forms.iter().any(|b| b.0 != a.0)),
            company: g.company,
            fused: g.fused(),
            spread: g.boundaries == EVERY_BOUNDARY,
            recased: g.caps && g.lower,
        };
    }
    groups
        .iter()
        .zip(cands)
        .map(|(root, c)| {
            found
                .get(root)
                .filter(|_| c.name)
                .map_or_else(Evidence::default, |g| g.evidence)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The evidence of candidates grouped among themselves.
    fn evidence_of(cands: &[&Candidate]) -> Vec<Evidence> {
        let ids: Vec<usize> = groups(cands).iter().map(|g| g.group as usize).collect();
        evidence(cands, &ids, &[])
    }

    fn cand(block: usize, key: &str, position: Position) -> Candidate {
        Candidate {
            block,
            post: 0,
            phrase: 0..1,
            remove: 0..1,
            position,
            key: key.into(),
            capitalized: true,
            ordinary: false,
            words: 1,
            name: true,
            company: false,
            breaks: 0,
            caps: false,
            eligible: true,
            known: None,
            complete: true,
            group: 0,
        }
    }

    /// A candidate whose phrase carries a company marker (`PT`, `Futures`).
    fn firm(block: usize, key: &str, position: Position) -> Candidate {
        Candidate {
            company: true,
            ..cand(block, key, position)
        }
    }

    /// A key with a gap hashes as the string it spells, read whole: a deletion, a prefix, a
    /// suffix, in ASCII and not.
    #[test]
    fn gapped_keys_hash_as_what_they_spell() {
        fn whole(s: &str) -> Variant<'_> {
            let mut h = PrefixHashes::default();
            h.read(s);
            h.variant(s, (0, 0))
        }
        let mut h = PrefixHashes::default();
        for (key, gap, spelled) in [
            ("bestprofit", (4, 5), "bestrofit"),
            ("bestprofit", (0, 4), "profit"),
            ("bestprofit", (4, 10), "best"),
            ("bestprofit", (0, 0), "bestprofit"),
            ("kopiéenak", (4, 6), "kopienak"),
            ("ab", (0, 2), ""),
        ] {
            h.read(key);
            let v = h.variant(key, gap);
            assert_eq!(v.hash, whole(spelled).hash, "{key} {gap:?}");
            assert!(v == whole(spelled), "{key} {gap:?}");
        }
        h.read("bestprofit");
        assert!(h.variant("bestprofit", (4, 5)) != whole("bestprofi"));
    }

    /// A hash set's bits never say "no" to a hash it holds, at any size, and a new set is
    /// usable as it is.
    #[test]
    fn hash_bits_keep_every_hash() {
        let mut set = HashBits::new(0);
        assert!(!set.insert(7));
        assert!(set.may_contain(7));
        let mut h = 1u64;
        for n in [0, 1, 5, 100, 5_000] {
            set.reset(n);
            let hashes: Vec<u64> = (0..n)
                .map(|_| {
                    h = h.wrapping_mul(HASH_BASE).wrapping_add(0x9E37);
                    h
                })
                .collect();
            for &x in &hashes {
                set.insert(x);
            }
            assert!(hashes.iter().all(|&x| set.may_contain(x)));
        }
    }

    /// The groups of `group_keys` are those of the plain definition, pair by pair: two long keys
    /// share a one-deletion variant (or one is the other's), or one key starts or ends the other.
    #[test]
    fn groups_are_those_of_the_definition() {
        fn variants(k: &str) -> Vec<String> {
            let mut out = vec![k.to_string()];
            for (at, c) in k.char_indices() {
                out.push(format!("{}{}", &k[..at], &k[at + c.len_utf8()..]));
            }
            out
        }
        fn linked(a: &str, b: &str) -> bool {
            let long = |k: &str| key_len(k) + 1 >= LONG_KEY;
            let typo = long(a) && long(b) && {
                let vb = variants(b);
                variants(a).iter().any(|v| vb.contains(v))
            };
            let contains = |a: &str, b: &str| {
                let (n, m) = (key_len(a), key_len(b));
                m < n
                    && ((m >= MIN_PREFIX && a.starts_with(b))
                        || (m >= MIN_SUFFIX && a.ends_with(b)))
            };
            typo || contains(a, b) || contains(b, a)
        }
        // Keys from a small alphabet, of lengths around the long-key threshold, many of them one
        // edit or one end apart.
        let mut seed = 11u32;
        let mut next = |n: u32| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) % n
        };
        for _ in 0..40 {
            let letters = ['a', 'b', 'é'];
            let mut keys: Vec<String> = Vec::new();
            while keys.len() < 30 {
                let mut key: Vec<char> = match keys.len() {
                    0..4 => {
                        let len = LONG_KEY - 3 + next(8) as usize;
                        (0..len).map(|_| letters[next(3) as usize]).collect()
                    }
                    n => keys[next(n as u32) as usize].chars().collect(),
                };
                // One edit of an earlier key: a letter changed, added or dropped, or an end cut.
                let at = next(key.len() as u32) as usize;
                let letter = letters[next(3) as usize];
                match next(5) {
                    0 => key[at] = letter,
                    1 => key.insert(at, letter),
                    2 => {
                        key.remove(at);
                    }
                    3 => key.truncate(at.max(1)),
                    _ => {
                        key.drain(..at);
                    }
                }
                let key: String = key.into_iter().collect();
                if !key.is_empty() && !keys.contains(&key) {
                    keys.push(key);
                }
            }
            let cands: Vec<Candidate> = keys
                .iter()
                .enumerate()
                .map(|(i, k)| cand(i, k, Position::Prefix))
                .collect();
            let refs: Vec<&Candidate> = cands.iter().collect();
            let (ids, mut uf) = group_keys(&refs);
            // The plain definition's groups, as the smallest key index reachable.
            let n = keys.len();
            let mut root: Vec<usize> = (0..n).collect();
            loop {
                let mut changed = false;
                for a in 0..n {
                    for b in 0..n {
                        if linked(&keys[a], &keys[b]) && root[b] < root[a] {
                            root[a] = root[b];
                            changed = true;
                        }
                    }
                }
                if !changed {
                    break;
                }
            }
            for i in 0..n {
                assert_eq!(uf.find(ids[i]), root[i], "{keys:?}");
            }
        }
    }

    /// The judged candidates' evidence is the same from their groups among all the eligible ones
    /// (regrouped where a group lost a candidate to completion) as from grouping them alone:
    /// random posts over keys that a middle spelling links (`sinarmos` links `sinarmas` and
    /// `sinurmos`), losing random candidates, and not completing some of those that cannot repeat.
    #[test]
    fn regrouped_evidence_is_the_judged_candidates_own() {
        const KEYS: [&str; 7] = [
            "sinarmas",
            "sinarmos",
            "sinurmos",
            "tunasbaru",
            "tunasbiru",
            "tunisbiru",
            "majujaya",
        ];
        const POSITIONS: [Position; 4] = [
            Position::Prefix,
            Position::Suffix,
            Position::Line,
            Position::Tail,
        ];
        let mut seed = 17u32;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) as usize % n
        };
        let (mut regroups, mut repeated) = (0, 0);
        for _ in 0..3000 {
            let mut all: Vec<Candidate> = (0..2 + next(9))
                .map(|_| Candidate {
                    company: next(2) == 0,
                    ..cand(next(5), KEYS[next(KEYS.len())], POSITIONS[next(4)])
                })
                .collect();
            let refs: Vec<&Candidate> = all.iter().collect();
            let grouped = groups(&refs);
            for (c, g) in all.iter_mut().zip(&grouped) {
                c.group = g.group;
            }
            // Lost to completion: any candidate. Never completed: only where no group repeats.
            let mut lost_groups = HashSet::default();
            let mut judged: Vec<&Candidate> = Vec::new();
            for (c, g) in all.iter().zip(&grouped) {
                if next(4) == 0 {
                    lost_groups.insert(c.group);
                } else if g.repeats || next(2) == 0 {
                    judged.push(c);
                }
            }
            let ids = regrouped(&judged, |g| lost_groups.contains(&g));
            let own: Vec<usize> = groups(&judged).iter().map(|g| g.group as usize).collect();
            let shown = |ev: &[Evidence]| -> Vec<Option<(usize, usize)>> {
                ev.iter()
                    .map(|e| e.repeated().then_some((e.count, e.strong)))
                    .collect()
            };
            let want = shown(&evidence(&judged, &own, &[]));
            assert_eq!(shown(&evidence(&judged, &ids, &[])), want, "{judged:?}");
            regroups += usize::from(judged.iter().any(|c| lost_groups.contains(&c.group)));
            repeated += usize::from(want.iter().any(Option::is_some));
        }
        assert!(regroups > 500 && repeated > 500, "{regroups} {repeated}");
    }

    #[test]
    fn variants_group_together() {
        let cs = [
            firm(0, "bestprofitfutures", Position::Prefix),
            cand(1, "bestprofit", Position::Tail),
            firm(2, "equityworldfutures", Position::Prefix),
            firm(3, "equitywordfutures", Position::Suffix),
            cand(4, "kabarbursa", Position::Prefix),
        ];
        let refs: Vec<&Candidate> = cs.iter().collect();
        let ev = evidence_of(&refs);
        assert_eq!(
            ev[0],
            Evidence {
                count: 2,
                strong: 1,
                capitalized: true,
                varied: true,
                company: true,
                fused: false,
                spread: false,
                recased: false,
            }
        );
        assert!(ev[1].repeated());
        assert!(ev[2].repeated() && ev[3].repeated());
        assert!(!ev[4].repeated());
    }

    #[test]
    fn sentence_fragments_are_not_evidence() {
        let mut fragment = cand(1, "persibbandungdi", Position::Suffix);
        fragment.name = false;
        let cs = [cand(0, "persib", Position::Prefix), fragment];
        let refs: Vec<&Candidate> = cs.iter().collect();
        let ev = evidence_of(&refs);
        assert_eq!(ev[0].count, 1);
        assert_eq!(ev[1], Evidence::default());
    }

    #[test]
    fn the_same_one_word_dateline_is_not_repetition() {
        let cs = [
            firm(0, "sleman", Position::Prefix),
            firm(3, "sleman", Position::Prefix),
        ];
        let refs: Vec<&Candidate> = cs.iter().collect();
        assert!(!evidence_of(&refs)[0].repeated());
        let cs = [
            firm(0, "nusaprima", Position::Prefix),
            cand(3, "nusaprima", Position::Suffix),
        ];
        let refs: Vec<&Candidate> = cs.iter().collect();
        assert!(evidence_of(&refs)[0].repeated());
    }

    #[test]
    fn weak_positions_alone_are_not_repetition() {
        let cs = [
            firm(0, "repeatchorus", Position::Line),
            firm(5, "repeatchorus", Position::Line),
        ];
        let refs: Vec<&Candidate> = cs.iter().collect();
        assert!(!evidence_of(&refs)[0].repeated());
    }

    #[test]
    fn short_keys_are_not_contained() {
        let cs = [
            firm(0, "emas", Position::Prefix),
            firm(1, "hargaemas", Position::Prefix),
        ];
        let refs: Vec<&Candidate> = cs.iter().collect();
        assert!(!evidence_of(&refs)[0].repeated());
    }

    fn spaced(block: usize, key: &str, breaks: &[usize], position: Position) -> Candidate {
        Candidate {
            breaks: breaks.iter().fold(0, |m, &b| m | 1 << b),
            words: breaks.len() + 1,
            ..cand(block, key, position)
        }
    }

    #[test]
    fn titles_and_signatures_are_not_brands() {
        // A book title closing a paragraph and standing alone as a line.
        let cs = [
            spaced(1, "thesilentriver", &[3, 9], Position::Suffix),
            spaced(2, "thesilentriver", &[3, 9], Position::Line),
        ];
        let refs: Vec<&Candidate> = cs.iter().collect();
        let ev = evidence_of(&refs);
        assert_eq!((ev[0].count, ev[0].strong), (2, 1));
        assert!(!ev[0].brand_like() && !ev[0].repeated());
        // A recipe's signature after three steps.
        let cs = [
            spaced(3, "bundarina", &[5], Position::Suffix),
            spaced(4, "bundarina", &[5], Position::Suffix),
            spaced(5, "bundarina", &[5], Position::Suffix),
        ];
        let refs: Vec<&Candidate> = cs.iter().collect();
        assert!(!evidence_of(&refs)[0].repeated());
    }

    #[test]
    fn a_company_marker_in_any_form_makes_the_group_a_brand() {
        let cs = [
            firm(0, "majujayaberjangka", Position::Prefix),
            spaced(2, "majujaya", &[4], Position::Suffix),
        ];
        let refs: Vec<&Candidate> = cs.iter().collect();
        let ev = evidence_of(&refs);
        assert!(ev[1].company && ev[1].repeated());
    }

    #[test]
    fn fused_and_spaced_forms_make_the_group_a_brand() {
        let cs = [
            spaced(0, "majujaya", &[4], Position::Prefix),
            spaced(2, "majujaya", &[], Position::Line),
        ];
        let refs: Vec<&Candidate> = cs.iter().collect();
        let ev = evidence_of(&refs);
        assert!(ev[0].fused && ev[0].repeated());
        // One title and a longer one starting with it are spaced alike where they overlap.
        let cs = [
            spaced(0, "silent", &[], Position::Suffix),
            spaced(2, "silentriver", &[6], Position::Line),
        ];
        let refs: Vec<&Candidate> = cs.iter().collect();
        assert!(!evidence_of(&refs)[0].fused);
    }

    #[test]
    fn a_stamp_in_every_kind_of_place_and_case_makes_the_group_a_brand() {
        let stamp = |line: Position, caps: bool| {
            [
                spaced(0, "majujaya", &[4], Position::Prefix),
                Candidate {
                    caps,
                    ..spaced(2, "majujaya", &[4], line)
                },
                spaced(4, "majujaya", &[4], Position::Suffix),
            ]
        };
        let cs = stamp(Position::Line, true);
        let refs: Vec<&Candidate> = cs.iter().collect();
        let ev = evidence_of(&refs);
        assert!(
            ev[0].spread && ev[0].recased && ev[0].repeated(),
            "{:?}",
            ev[0]
        );
        // Written the same way everywhere: an artist in a lyrics index, not a stamp.
        let cs = stamp(Position::Line, false);
        let refs: Vec<&Candidate> = cs.iter().collect();
        assert!(!evidence_of(&refs)[0].repeated());
        // Opening and closing paragraphs only: a name in an interview, not a stamp.
        let cs = stamp(Position::Prefix, true);
        let refs: Vec<&Candidate> = cs.iter().collect();
        assert!(!evidence_of(&refs)[0].repeated());
    }
}
