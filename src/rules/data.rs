//! The rule files turned into lookup tables: shared by `build.rs` (which writes the shipped tables
//! into the binary as static data) and by `Engine::from_rules` (small rule sets built at run time).
//!
//! This file is compiled twice, into the build script and into the crate, so it depends only on
//! `crate::normalize` (which the build script includes too) and the standard library. Every table
//! is a sorted slice searched by binary search, or a short list read in order: a static slice
//! costs nothing to set up, so the first scan of a page costs what the next one costs.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;

use crate::normalize::{fold, squash};

/// Text in a table: borrowed from the binary for the shipped rules, owned for `from_rules`.
pub type Str = Cow<'static, str>;
/// A table: a static slice for the shipped rules, a vector for `from_rules`.
pub type List<T> = Cow<'static, [T]>;

/// Brand keys at least this long are matched with one typo and found inside credits and labels.
pub const LONG_KEY: usize = 8;

/// One rule file: its path (for error messages) and its text.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// One platform's UI strings in one language: `rule` names it in findings (`blogger-ui:id`).
#[derive(Debug, Clone, Copy)]
pub struct UiSource<'a> {
    pub rule: &'a str,
    pub source: Source<'a>,
}

/// Every file an engine is built from. The UI files are read in order: when two list the same
/// string, the first names it.
#[derive(Debug, Clone, Copy)]
pub struct RuleSources<'a> {
    pub brands: Source<'a>,
    pub company_words: Source<'a>,
    pub datelines: Source<'a>,
    pub ui: &'a [UiSource<'a>],
}

/// A problem in a rule file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for RuleError {}

/// One meaningful line of a rule file.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    pub number: usize,
    pub text: &'a str,
}

impl<'a> Source<'a> {
    /// The non-blank, non-comment lines, trimmed, with their 1-based line numbers.
    pub fn lines(&self) -> impl Iterator<Item = Line<'a>> {
        self.text.lines().enumerate().filter_map(|(i, raw)| {
            let text = raw.trim();
            (!text.is_empty() && !text.starts_with('#')).then_some(Line {
                number: i + 1,
                text,
            })
        })
    }

    /// An error at `line` of this file.
    pub fn error(&self, line: usize, message: impl Into<String>) -> RuleError {
        RuleError {
            file: self.name.to_string(),
            line,
            message: message.into(),
        }
    }

    /// Splits every line into `(kind, text)`: the first word, then the rest (which must not be empty).
    pub fn kinded_lines(&self) -> Result<Vec<(Line<'a>, &'a str, &'a str)>, RuleError> {
        self.lines()
            .map(|line| {
                let (kind, rest) = line
                    .text
                    .split_once(char::is_whitespace)
                    .ok_or_else(|| self.error(line.number, "expected `<kind> <text>`"))?;
                let rest = rest.trim();
                if rest.is_empty() {
                    return Err(self.error(line.number, format!("`{kind}` has no text")));
                }
                Ok((line, kind, rest))
            })
            .collect()
    }
}

/// Every table the judgement reads.
#[derive(Debug, Clone)]
pub struct Tables {
    pub brands: Brands,
    pub company: Company,
    pub datelines: Datelines,
    pub footer: Footer,
}

/// `rules/brands.txt`: known spam brands.
#[derive(Debug, Clone)]
pub struct Brands {
    /// `(id, display name)` per brand, in file order.
    pub names: List<(Str, Str)>,
    /// Every alias key → brand index, sorted by key (`key_order`).
    pub exact: List<(Str, u16)>,
    /// Long keys in file order, for containment search: `(key, brand, words in the alias)`.
    pub long: List<(Str, u16, u16)>,
    /// The shortest and longest long key in bytes (`(u32::MAX, 0)` when there is none): a key
    /// whose length is far from both cannot be a typo of one, so most phrases skip that search.
    pub long_bytes: (u32, u32),
    /// The first bytes of the long keys: where no long key can start, the containment search
    /// looks no further.
    pub long_first: ByteSet,
}

/// A filter over a list's words as 2,048 bits, two per word from a hash of its bytes with ASCII
/// letters lowered: a word with a bit clear is not in the list in any ASCII case, which is asked
/// before the list is searched. The UI strings' first words set 28% of the bits, so a word not
/// in the list passes about once in twelve: 8% of the first words of the bench's posts that are
/// not UI strings did, against a third with 1,024 bits and one a word. Written into the static
/// tables as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WordFilter(pub [u64; 32]);

impl WordFilter {
    pub fn insert(&mut self, word: &[u8]) {
        for bit in Self::bits(WordHash::of(word)) {
            self.0[bit / 64] |= 1 << (bit % 64);
        }
    }

    /// Whether `word`, compared ignoring ASCII case, may be in the list.
    pub fn may_contain(&self, word: &[u8]) -> bool {
        self.may_contain_hash(WordHash::of(word))
    }

    /// [`WordFilter::may_contain`] of the word whose [`WordHash`] is `hash`.
    pub fn may_contain_hash(&self, hash: WordHash) -> bool {
        Self::bits(hash)
            .iter()
            .all(|&bit| self.0[bit / 64] & (1 << (bit % 64)) != 0)
    }

    /// Two bits from the hash's top 22 (the low ones mix least).
    fn bits(hash: WordHash) -> [usize; 2] {
        [(hash.0 >> 21) as usize, ((hash.0 >> 10) & 0x7FF) as usize]
    }
}

/// The hash a [`WordFilter`] keeps a word by: FNV-1a of its bytes with ASCII letters lowered,
/// taken a byte at a time so that a reader of the word's bytes can hash them as it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordHash(u32);

impl WordHash {
    /// The hash of no bytes.
    pub const EMPTY: WordHash = WordHash(0x811c_9dc5);

    /// The hash of the bytes so far with `b` after them.
    pub fn then(self, b: u8) -> WordHash {
        WordHash((self.0 ^ u32::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0193))
    }

    /// The hash of `word`'s bytes.
    pub fn of(word: &[u8]) -> WordHash {
        word.iter().fold(WordHash::EMPTY, |h, &b| h.then(b))
    }
}

impl<'a> FromIterator<&'a str> for WordFilter {
    fn from_iter<I: IntoIterator<Item = &'a str>>(words: I) -> Self {
        let mut filter = WordFilter::default();
        for word in words {
            filter.insert(word.as_bytes());
        }
        filter
    }
}

/// A set of bytes as 256 bits: which bytes some strings of a list start with, asked before the
/// list is searched, and written into the static tables as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ByteSet(pub [u64; 4]);

impl ByteSet {
    /// Every byte.
    pub const ALL: ByteSet = ByteSet([u64::MAX; 4]);

    pub fn insert(&mut self, b: u8) {
        self.0[usize::from(b >> 6)] |= 1 << (b & 63);
    }

    pub fn contains(&self, b: u8) -> bool {
        self.0[usize::from(b >> 6)] & (1 << (b & 63)) != 0
    }

    /// The first bytes of `strings` (an empty string adds none).
    fn first_bytes<'a>(strings: impl IntoIterator<Item = &'a str>) -> ByteSet {
        let mut set = ByteSet::default();
        for b in strings.into_iter().filter_map(|s| s.as_bytes().first()) {
            set.insert(*b);
        }
        set
    }
}

/// `rules/company-words.txt`, folded to lower case.
#[derive(Debug, Clone)]
pub struct Company {
    /// Legal forms (`pt`, `cv`, `tbk`), sorted.
    pub legal: List<Str>,
    /// Words of the trade (`futures`, `berjangka`), in file order.
    pub business: List<Str>,
}

/// `rules/datelines.txt`.
#[derive(Debug, Clone)]
pub struct Datelines {
    /// Folded city names, sorted.
    pub cities: List<Str>,
    /// The cities' filter: most phrase words name no city and skip the search.
    pub city_filter: WordFilter,
    /// The longest city name, in words.
    pub city_words: usize,
    /// Folded outlet names, sorted.
    pub outlets: List<Str>,
    /// Lower-case domain endings (`.com`), in file order.
    pub domains: List<Str>,
    /// Folded weekday and month names, sorted.
    pub dates: List<Str>,
    /// Folded keys that are never brands, sorted.
    pub markers: List<Str>,
    /// Squashed "read also" labels, in file order.
    pub read_also: List<Str>,
    /// The first bytes of the read-also labels: a line whose first letter lowers to none of them
    /// opens no label, and most lines are done without reading the labels.
    pub read_also_first: ByteSet,
    /// The labels' first four bytes, as [`head_hash`]es: a line opening with four ASCII bytes
    /// whose hash is not here opens no label (`Bank`, `Berita`: a letter every label starts with
    /// is common). Every byte when a label is shorter than four bytes.
    pub read_also_heads: ByteSet,
}

/// A hash of four bytes for [`Datelines::read_also_heads`], the same for any two heads of ASCII
/// bytes that lower to the same bytes: a capital and its lower-case letter differ only in bit 5,
/// which is set in every byte first. A hash the labels lack rules a match out; an equal one only
/// lets the labels be read.
pub fn head_hash(head: [u8; 4]) -> u8 {
    let word = u32::from_le_bytes(head) | 0x2020_2020;
    (word.wrapping_mul(0x9E37_79B1) >> 24) as u8
}

/// What a UI string stands for (the crate maps it to a `Category`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UiKind {
    CommentCount,
    CommentForm,
    Share,
    Pager,
    Feed,
    Backlinks,
}

/// One UI string's meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UiEntry {
    pub kind: UiKind,
    /// Index into [`Footer::rules`]: the file that listed the string first.
    pub rule: u16,
    /// A home-link word (`Home`): needs a neighbouring UI line in body text.
    pub weak: bool,
}

/// Every `rules/<platform>-ui/<lang>.txt`, squashed.
#[derive(Debug, Clone)]
pub struct Footer {
    /// Rule names (`blogger-ui:id`), one per file, in reading order.
    pub rules: List<Str>,
    /// Squashed string → entry, sorted by string (`key_order`).
    pub strings: List<(Str, UiEntry)>,
    /// Squashed feed labels (`langganan`), in reading order.
    pub feed_labels: List<Str>,
    /// The feed labels' first words, distinct, in byte order: those a word may open with sit
    /// together, found by a binary search on its first byte (an empty one, from a label that is
    /// empty or opens with a space, sorts first).
    pub feed_openings: List<Str>,
    /// The first bytes of the feed labels (every byte when a label is empty or opens with a
    /// space): a text whose first word starts with none of them opens no label, and most
    /// paragraphs are rejected without reading the labels.
    pub feed_first: ByteSet,
    /// The most words any string has (bounds the segmentation search).
    pub max_words: usize,
    /// The most non-space characters a widget text can have (a few strings in a row).
    pub max_chars: usize,
    /// The first word of every string, sorted: a run of strings can only start at one of these.
    pub first_words: List<Str>,
    /// The first words' filter: most words open no UI string and skip the search.
    pub first_word_filter: WordFilter,
}

/// Parses every file into tables, or names the first file and line at fault.
pub fn compile(src: &RuleSources) -> Result<Tables, RuleError> {
    Ok(Tables {
        brands: brands(&src.brands)?,
        company: company(&src.company_words)?,
        datelines: datelines(&src.datelines)?,
        footer: footer(src.ui)?,
    })
}

/// A key's length in characters.
pub fn key_len(key: &str) -> usize {
    key.chars().count()
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

/// The order of every searched table: by length, then by bytes. Most keys a lookup passes differ
/// in length from the entry it meets, so the binary search compares two integers there instead of
/// calling `memcmp` (the sets' lookups were 7% of `scan --json`'s time in `memcmp` alone, perf on
/// 20 MB of posts). Only exact lookups use the tables, so any total order serves.
fn key_order(a: &str, b: &str) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// Sorts `(key, value)` pairs by key; of equal keys the first inserted stays.
fn sorted_first_wins<T: Clone>(mut pairs: Vec<(String, T)>) -> List<(Str, T)> {
    pairs.sort_by(|a, b| key_order(&a.0, &b.0)); // stable: equal keys keep insertion order
    pairs.dedup_by(|later, first| later.0 == first.0);
    pairs
        .into_iter()
        .map(|(k, v)| (Cow::Owned(k), v))
        .collect::<Vec<_>>()
        .into()
}

fn sorted_set(mut items: Vec<String>) -> List<Str> {
    items.sort_unstable_by(|a, b| key_order(a, b)); // equal strings are the same string
    items.dedup();
    owned(items)
}

fn owned(items: Vec<String>) -> List<Str> {
    items.into_iter().map(Cow::Owned).collect::<Vec<_>>().into()
}

/// Binary search in a table sorted by [`key_order`].
pub fn find<'t, T>(table: &'t [(Str, T)], key: &str) -> Option<&'t T> {
    table
        .binary_search_by(|(k, _)| key_order(k, key))
        .ok()
        .map(|i| &table[i].1)
}

/// Whether a set sorted by [`key_order`] holds `key`.
pub fn contains(set: &[Str], key: &str) -> bool {
    set.binary_search_by(|k| key_order(k, key)).is_ok()
}

/// Whether a set sorted by [`key_order`] holds the ASCII `word` in lower case: the same search as
/// [`contains`] on the lowered word, lowering each byte as it is compared instead of making a
/// lowered copy first (the copy, its UTF-8 check and the byte comparisons it then needed were most
/// of the first-word test every line of a post passes through).
pub fn contains_ascii_lowered(set: &[Str], word: &[u8]) -> bool {
    set.binary_search_by(|k| {
        let k = k.as_bytes();
        k.len().cmp(&word.len()).then_with(|| {
            k.iter()
                .zip(word)
                .map(|(a, b)| a.cmp(&b.to_ascii_lowercase()))
                .find(|o| o.is_ne())
                .unwrap_or(Ordering::Equal)
        })
    })
    .is_ok()
}

fn brands(src: &Source) -> Result<Brands, RuleError> {
    let mut names: Vec<(String, String)> = Vec::new();
    let mut exact: Vec<(String, u16)> = Vec::new();
    let mut long: Vec<(String, u16, u16)> = Vec::new();
    let mut owner: std::collections::HashMap<String, u16> = std::collections::HashMap::new();
    for line in src.lines() {
        let index = u16::try_from(names.len())
            .map_err(|_| src.error(line.number, "too many brands (at most 65535)"))?;
        let name = line
            .text
            .split('|')
            .map(str::trim)
            .next()
            .unwrap_or_default();
        let id = slug(name);
        if id.is_empty() {
            return Err(src.error(line.number, "brand has no name"));
        }
        for alias in line.text.split('|').map(str::trim) {
            let key = strip_pt(&fold(alias)).to_string();
            if key.is_empty() {
                return Err(src.error(line.number, format!("empty alias in `{}`", line.text)));
            }
            if let Some(&other) = owner.get(&key) {
                if other != index {
                    let msg = format!(
                        "`{alias}` is already an alias of {}",
                        names[usize::from(other)].1
                    );
                    return Err(src.error(line.number, msg));
                }
            }
            owner.insert(key.clone(), index);
            exact.push((key.clone(), index));
            if key_len(&key) >= LONG_KEY {
                let words = alias.split_whitespace().count().min(usize::from(u16::MAX));
                long.push((key, index, words as u16));
            }
        }
        names.push((id, name.to_string()));
    }
    Ok(Brands {
        names: names
            .into_iter()
            .map(|(id, name)| (Cow::Owned(id), Cow::Owned(name)))
            .collect::<Vec<_>>()
            .into(),
        exact: sorted_first_wins(exact),
        long_bytes: long.iter().fold((u32::MAX, 0), |(lo, hi), (k, _, _)| {
            let len = u32::try_from(k.len()).unwrap_or(u32::MAX);
            (lo.min(len), hi.max(len))
        }),
        long_first: ByteSet::first_bytes(long.iter().map(|(k, _, _)| k.as_str())),
        long: long
            .into_iter()
            .map(|(k, i, w)| (Cow::Owned(k), i, w))
            .collect::<Vec<_>>()
            .into(),
    })
}

fn company(src: &Source) -> Result<Company, RuleError> {
    let (mut legal, mut business) = (Vec::new(), Vec::new());
    for (line, kind, text) in src.kinded_lines()? {
        if !text.chars().all(char::is_alphanumeric) {
            return Err(src.error(line.number, "a company word is one word of letters"));
        }
        let word = text.to_lowercase();
        match kind {
            "legal" => legal.push(word),
            "business" => business.push(word),
            _ => return Err(src.error(line.number, format!("unknown kind `{kind}`"))),
        }
    }
    Ok(Company {
        legal: sorted_set(legal),
        business: owned(business),
    })
}

fn datelines(src: &Source) -> Result<Datelines, RuleError> {
    let (mut cities, mut outlets, mut domains, mut dates, mut markers, mut read_also) = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    let mut city_words = 0;
    for (line, kind, text) in src.kinded_lines()? {
        let key = fold(text);
        if key.is_empty() {
            return Err(src.error(line.number, "entry has no letters or digits"));
        }
        match kind {
            "city" => {
                city_words = city_words.max(text.split_whitespace().count());
                cities.push(key);
            }
            "outlet" => outlets.push(key),
            "domain" => {
                if !text.starts_with('.') || text.contains(char::is_whitespace) {
                    return Err(src.error(line.number, "a domain ending looks like `.com`"));
                }
                domains.push(text.to_lowercase());
            }
            "date" => dates.push(key),
            "marker" => markers.push(key),
            "read-also" => read_also.push(squash(text)),
            other => return Err(src.error(line.number, format!("unknown kind `{other}`"))),
        }
    }
    Ok(Datelines {
        city_filter: cities.iter().map(String::as_str).collect(),
        cities: sorted_set(cities),
        city_words,
        outlets: sorted_set(outlets),
        domains: owned(domains),
        dates: sorted_set(dates),
        markers: sorted_set(markers),
        read_also_first: ByteSet::first_bytes(read_also.iter().map(String::as_str)),
        read_also_heads: read_also_heads(&read_also),
        read_also: owned(read_also),
    })
}

/// [`Datelines::read_also_heads`] of `labels`.
fn read_also_heads(labels: &[String]) -> ByteSet {
    let mut set = ByteSet::default();
    for label in labels {
        match label.as_bytes().first_chunk::<4>() {
            Some(&head) => set.insert(head_hash(head)),
            None => return ByteSet::ALL,
        }
    }
    set
}

/// A UI string as compared: squashed, without a trailing colon.
pub fn ui_key(text: &str) -> String {
    let mut s = squash(text);
    s.truncate(s.trim_end_matches([':', '：', ' ']).len());
    s
}

/// The kind a UI string's `<category>` names, and whether it is weak: `home` is a weak pager
/// string, and `weak-<category>` makes any other category weak (`weak-comment-form Website`).
pub fn ui_kind(category: &str) -> Option<(UiKind, bool)> {
    if let Some(strong) = category.strip_prefix("weak-") {
        return ui_kind(strong)
            .filter(|&(_, weak)| !weak)
            .map(|(kind, _)| (kind, true));
    }
    Some(match category {
        "comment-count" => (UiKind::CommentCount, false),
        "comment-form" => (UiKind::CommentForm, false),
        "share" => (UiKind::Share, false),
        "pager" => (UiKind::Pager, false),
        "home" => (UiKind::Pager, true),
        "feed" => (UiKind::Feed, false),
        "backlinks" => (UiKind::Backlinks, false),
        _ => return None,
    })
}

/// The platform of a UI rule name: `wordpress-ui` of `wordpress-ui:id`.
pub fn platform(rule: &str) -> &str {
    rule.split(':').next().unwrap_or(rule)
}

fn footer(files: &[UiSource]) -> Result<Footer, RuleError> {
    let mut rules = Vec::new();
    let mut strings: Vec<(String, UiEntry)> = Vec::new();
    let mut feed_labels = Vec::new();
    let (mut max_words, mut max_chars) = (0, 0);
    let mut first_words = Vec::new();
    // Which platform's file (and line) listed each string first: another platform may not list it
    // again, or a finding's rule would name the wrong platform.
    let mut listed: std::collections::HashMap<String, (&str, &str, usize)> =
        std::collections::HashMap::new();
    for file in files {
        let src = &file.source;
        let rule = u16::try_from(rules.len())
            .map_err(|_| src.error(0, "too many UI files (at most 65535)"))?;
        rules.push(file.rule.to_string());
        for (line, category, text) in src.kinded_lines()? {
            if category == "feed-label" {
                feed_labels.push(ui_key(text));
                continue;
            }
            let Some((kind, weak)) = ui_kind(category) else {
                return Err(src.error(line.number, format!("unknown category `{category}`")));
            };
            let k = ui_key(text);
            if k.is_empty() {
                return Err(src.error(line.number, "string is only punctuation"));
            }
            let here = platform(file.rule);
            match listed.get(&k) {
                Some(&(there, name, number)) if there != here => {
                    let msg = format!("`{text}` is already listed by {there} ({name}:{number})");
                    return Err(src.error(line.number, msg));
                }
                Some(_) => {}
                None => {
                    listed.insert(k.clone(), (here, src.name, line.number));
                }
            }
            max_words = max_words.max(k.split(' ').count());
            let chars = k.chars().filter(|c| !c.is_whitespace()).count();
            max_chars = max_chars.max(4 * chars);
            first_words.push(k.split(' ').next().unwrap_or_default().to_string());
            strings.push((k, UiEntry { kind, rule, weak }));
        }
    }
    Ok(Footer {
        rules: owned(rules),
        strings: sorted_first_wins(strings),
        feed_first: feed_labels
            .iter()
            .fold(ByteSet::default(), |mut set, label| {
                match label.as_bytes().first() {
                    Some(&b) if b != b' ' => set.insert(b),
                    _ => set = ByteSet::ALL,
                }
                set
            }),
        feed_openings: {
            let mut openings: Vec<String> = feed_labels
                .iter()
                .map(|label| label.split(' ').next().unwrap_or_default().to_string())
                .collect();
            openings.sort_unstable();
            openings.dedup();
            owned(openings)
        },
        feed_labels: owned(feed_labels),
        max_words,
        max_chars,
        first_word_filter: first_words.iter().map(String::as_str).collect(),
        first_words: sorted_set(first_words),
    })
}
