//! Brand-like phrases in the positions where farms inject ads: a block's boundaries.
//!
//! Injected brands replace the dateline (`BRAND - `), trail the last sentence (`. - BRAND`,
//! `. BRAND`, `.-BPF`, `(Mbs-brand)`), open a sentence inside a paragraph before a separator
//! (`naik. BRAND - Pedagang`), stand alone as a line, open a link line (`BACA JUGA : BRAND - `,
//! `BRAND | title`) or fill a label list. A mention inside a sentence is never a candidate, so
//! news about a broker stays. Positions that also occur in ordinary text (a short `Name - Name`
//! pair, a read-also title, a `Name | title` line) are marked so they weigh less as evidence.
//! This module only finds the phrases and what would be removed with them (their shapes are in
//! `phrase`, label lists in `labels`); `brands` and `repetition` decide which are ads, and
//! `datelines` which are not.

use std::ops::Range;
use std::rc::Rc;

use crate::brands::{key_len, LONG_KEY, SHORT_KEY};
use crate::labels::{label_header, label_items, labels_block_header};
use crate::memo::PhraseMemo;
use crate::model::{BlockKind, Category};
use crate::normalize::{
    char_at, char_before, char_indices, chars, fold, is_alphabetic, is_alphanumeric,
    is_ascii_space, is_blank, is_lowercase, is_space, is_uppercase, next_space, skip_space,
    skip_space_back, split_space, trim, trim_end, trim_start, words, words_back,
};
use crate::phrase::{
    caps_chars, caps_word, ends_sentence, name_like, name_word, phrase_ok, separator_at,
    MAX_PHRASE, SENTENCE_CLOSE, SENTENCE_END,
};
use crate::rules::{Datelines, Tables};
use crate::search::{find_all, find_any};

/// How far past the longest phrase a prefix's separator is looked for (bytes): room for spacing
/// and a glued qualifier.
const PREFIX_REACH: usize = MAX_PHRASE + 4;
/// How far before the end of a block a suffix's separator is looked for (bytes).
const SUFFIX_REACH: usize = MAX_PHRASE + 8;
/// How far before the end of a block a glued tail name is looked for (bytes): six words of a name
/// and the word before them fit well inside.
const TAIL_REACH: usize = 2 * MAX_PHRASE;
/// The most leading phrases chained by separators (`JAKARTA - BPF - text`).
const MAX_PREFIXES: usize = 3;
/// The most words read at a block's start for a lead in capitals (`PT BESTPROFIT "Ya, ..."`).
const LEAD_WORDS: usize = 7;
/// The most words a lead or tail name in capitals has.
const MAX_NAME_WORDS: usize = 5;
/// Text after a prefix shorter than this (bytes, with no sentence punctuation) is not a paragraph
/// an ad was glued to, but the second half of a `Name - Name` pair.
const SHORT_REST: usize = 48;
/// The longest linked title after `BRAND | ` (bytes).
const MAX_TITLE: usize = 160;
/// What a dash becomes after a bad re-encoding, spaced as a prefix's separator (see
/// `Extractor::lost_separator`).
const LOST_DASHES: [&str; 3] = [" ? ", " \u{FFFD} ", " â€“ "];
/// What a paragraph after a prefix contains when it is prose: sentence punctuation or quotes.
const PROSE_MARKS: [char; 5] = ['.', '!', '?', '"', '“'];

/// Where in a block a candidate sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Position {
    /// At the start, before a separator (`BRAND - text`).
    Prefix,
    /// At the start in capitals, no separator (`BRAND "quote..."`).
    Lead,
    /// At the end, after a separator (`text. - BRAND`).
    Suffix,
    /// At the end, after the last sentence or glued in capitals (`text. Brand`, `text BRAND`).
    Tail,
    /// In capitals after the last sentence (`text. BRAND NAME`): placed deliberately.
    CapsTail,
    /// A parenthesized credit after the last sentence (`(Mbs-brand)`).
    Credit,
    /// After a sentence inside a block, before a separator (`... naik. BRAND - Para ...`).
    Inline,
    /// The whole block (`PT BRAND`).
    Line,
    /// The first phrase of a link line (`BACA JUGA : BRAND - title`, `BRAND | title`).
    LinkLine,
    /// One item of a label list.
    Label,
}

impl Position {
    /// Positions with a separator or a credit's parentheses: deliberate placement, the repetition
    /// evidence must include at least one of these.
    pub fn strong(self) -> bool {
        matches!(
            self,
            Position::Prefix
                | Position::Suffix
                | Position::Credit
                | Position::LinkLine
                | Position::Inline
                | Position::CapsTail
        )
    }

    /// Whether an abbreviation (`RFB`) may be matched here: not where a sentence can begin or end.
    pub fn allows_abbreviation(self) -> bool {
        !matches!(self, Position::Lead | Position::Tail | Position::CapsTail)
    }

    /// Whether a brand key may be found inside a longer key (credits and labels carry extra words).
    pub fn allows_containment(self) -> bool {
        matches!(self, Position::Credit | Position::Label)
    }

    pub fn category(self) -> Category {
        match self {
            Position::Prefix | Position::Lead => Category::Prefix,
            Position::Suffix | Position::Tail | Position::CapsTail | Position::Credit => {
                Category::Suffix
            }
            Position::Inline => Category::Inline,
            Position::Line => Category::Line,
            Position::LinkLine => Category::LinkLine,
            Position::Label => Category::LabelList,
        }
    }
}

/// A phrase that could be an injected brand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub block: usize,
    pub post: u32,
    /// The phrase itself (what is judged).
    pub phrase: Range<usize>,
    /// What goes if it is judged an ad: the phrase with its separator and spacing.
    pub remove: Range<usize>,
    pub position: Position,
    /// The folded key (no `PT`, city or date qualifiers); never empty.
    pub key: Rc<str>,
    /// Whether any word of the phrase starts with a capital letter (names do).
    pub capitalized: bool,
    /// A strong position that is common in legitimate text too (`Persib - Persija 2-1`, a
    /// `Baca juga:` title, a `Resep | Soto` related-post line): it counts as a weak one.
    pub ordinary: bool,
    /// How many words the key was made of (a brand plus a qualifier has only a few more).
    pub words: usize,
    /// Written like a name (`Nusa Prima`, `NUSAPRIMA`, `nusaprima`), not a sentence fragment
    /// (`Persib Bandung di Samarinda`): only names count as repetition evidence.
    pub name: bool,
    /// The phrase carries a company marker (`PT`, `Futures`; `rules/company-words.txt`).
    pub company: bool,
    /// Where the key's words meet, in characters of the key, as bits (`Best Profit` → bit 4,
    /// `BESTPROFIT` → none; a key has at most [`MAX_PHRASE`] characters, so 64 bits hold them): a
    /// farm spaces and fuses one brand differently from line to line.
    pub breaks: u64,
    /// Every letter of the phrase is a capital (`MAJU JAYA`): farms mix capitals and Title Case.
    pub caps: bool,
    /// Whether it can be an ad at all: not a wire marker, not a dateline shape (unless it spells a
    /// listed brand's site, `www.bestprofit-futures.co.id`). Others are not even evidence.
    pub eligible: bool,
    /// The listed brand it names in its position, if any (see [`known_brand`]).
    pub known: Option<usize>,
    /// Whether the facts read from the phrase itself are set: `capitalized`, `name`, `company`,
    /// `caps`, and the dateline part of `eligible` (with `known` cleared when that fails). Most
    /// candidates of a post are ordinary prose whose key is listed nowhere and repeats nowhere,
    /// so [`Candidate::complete`] reads these only for the few the judgement can use.
    pub complete: bool,
    /// Its repetition group among its post's eligible candidates in the current pass: set by
    /// `scan::complete_needed` (see [`crate::repetition::groups`]), read by the judgement.
    /// Thirty-two bits keep a candidate at 104 bytes (a post would need 2^32 of them, 400 GB, to
    /// number more groups).
    pub group: u32,
}

impl Candidate {
    /// Whether this occurrence is deliberate placement (see [`Position::strong`]).
    pub fn strong(&self) -> bool {
        self.position.strong() && !self.ordinary
    }

    /// Whether it has an abbreviation's shape where one may stand (`KPF` in a credit, a prefix or
    /// capitals after the last sentence): a short key, placed where a sentence cannot begin or
    /// end on its own. `scan::abbreviations` matches only these, so `scan::complete_needed`
    /// reads their facts.
    pub fn may_abbreviate(&self) -> bool {
        key_len(&self.key) <= SHORT_KEY
            && (self.position.allows_abbreviation() || self.position == Position::CapsTail)
    }

    /// Reads the facts a candidate is pushed without (see [`Candidate::complete`]) from `text`,
    /// the block it was found in, unchanged since. Once: later calls do nothing.
    pub fn complete(&mut self, t: &Tables, text: &str, memo: &mut PhraseMemo) {
        if self.complete {
            return;
        }
        self.complete = true;
        let phrase = &text[self.phrase.clone()];
        let facts = memo.complete(t, self.position, phrase, &self.key, self.eligible);
        // An eligible phrase with a dateline's shape is not eligible (see `Completion::dateline`).
        if facts.dateline {
            self.eligible = false;
            self.known = None;
        }
        self.capitalized = facts.capitalized;
        self.name = facts.name;
        self.company = facts.company;
        self.caps = facts.caps;
    }
}

/// The separator starting at byte `i` (`-`, `--`, `–`, `—`, `|`): the byte after it.
fn space_or_end(s: &str, at: usize) -> bool {
    char_at(s, at).is_none_or(is_space)
}

/// The bytes that can start a separator (`-`, `|`, or the lead byte of `–`/`—`): no continuation
/// byte of UTF-8 is one of these, so every hit is a char boundary.
const SEPARATOR_STARTS: &[u8; 3] = b"-|\xE2";
/// A line break, where a prefix's search stops, or a separator's first byte.
const BREAK_OR_SEPARATOR: &[u8; 4] = &{
    let [dash, bar, wide] = *SEPARATOR_STARTS;
    [b'\n', dash, bar, wide]
};

/// The first separator after `from` that ends a phrase: `(phrase end, text start after it)`.
///
/// A separator needs space after it; before it, space or (`JAMBI- `) the end of a word.
fn prefix_separator(s: &str, from: usize) -> Option<(usize, usize)> {
    s.get(from..)?;
    let bytes = s.as_bytes();
    let reach = bytes.len().min(from.saturating_add(PREFIX_REACH + 1));
    // Bytes, not chars (see `SEPARATOR_STARTS`), found a word at a time: most of the window is
    // letters, and every block's opening comes here.
    let mut next = from;
    while let Some(off) = find_any(&bytes[next..reach], BREAK_OR_SEPARATOR) {
        let i = next + off;
        next = i + 1;
        if bytes[i] == b'\n' {
            return None;
        }
        let Some(end) = separator_at(s, i) else {
            continue;
        };
        let glued = char_before(s, i).is_some_and(|p| is_alphanumeric(p) || p == '.' || p == ')');
        let spaced = char_before(s, i).is_some_and(is_space);
        if (glued || spaced) && space_or_end(s, end) && i > from {
            return Some((skip_space_back(s, i), skip_space(s, end)));
        }
    }
    None
}

/// Where the brand starts in a prefix phrase that an image's lower-case alt text was glued
/// before (`equityworld futures semarangEquityworld Futures`): after the alt text, when the alt
/// text is several lower-case words spelling the same name. Otherwise `start`.
fn alt_text_end(s: &str, start: usize, end: usize) -> usize {
    let phrase = &s[start..end];
    // Most phrases are ASCII: their bytes are their chars.
    let glue = if phrase.is_ascii() {
        phrase
            .as_bytes()
            .windows(2)
            .position(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
            .map(|i| i + 1)
    } else {
        char_indices(phrase)
            .zip(chars(phrase).skip(1))
            .find_map(|((i, a), b)| (is_lowercase(a) && is_uppercase(b)).then(|| i + a.len_utf8()))
    };
    let Some(glue) = glue else {
        return start;
    };
    let (alt, name) = phrase.split_at(glue);
    let first_word = fold(name.split_whitespace().next().unwrap_or_default());
    let spelled = key_len(&first_word) >= SHORT_KEY && fold(alt).starts_with(&first_word);
    if spelled && alt.contains(char::is_whitespace) && !alt.contains(char::is_uppercase) {
        start + glue
    } else {
        start
    }
}

/// `BestProfit_JambiHarga ...`: a brand glued by `_` to a city, itself glued to the text. The
/// brand's byte range and where the text starts, when the word after `_` starts with a city and
/// then a capital. Code identifiers (`session_tokenSebaiknya`) have no capitals before `_` and no
/// city after it.
fn underscore_prefix(dl: &Datelines, s: &str) -> Option<(Range<usize>, usize)> {
    let start = skip_space(s, 0);
    // Bytes first: every block's first word comes here, and most have no `_`. The word ends at
    // the first space, ASCII or wide, so it lies within the bytes before the first ASCII space.
    let mut opening = s.as_bytes()[start..]
        .iter()
        .take_while(|&&b| !is_ascii_space(b));
    if !opening.any(|&b| b == b'_') {
        return None;
    }
    let word = &s[start..next_space(s, start)];
    let under = word.bytes().position(|b| b == b'_')?;
    let (name, rest) = (&word[..under], &word[under + 1..]);
    let capital = |w: &str| char_at(w, 0).is_some_and(is_uppercase);
    if !capital(name) || !capital(rest) || !chars(name).all(is_alphabetic) {
        return None;
    }
    let city_end = rest
        .char_indices()
        .zip(rest.chars().skip(1))
        .find_map(|((i, a), b)| {
            let end = i + a.len_utf8();
            (a.is_lowercase() && b.is_uppercase() && dl.is_city_key(&fold(&rest[..end])))
                .then_some(end)
        })?;
    let name_end = start + name.len();
    Some((start..name_end, name_end + 1 + city_end))
}

/// A spaced stand-in for a lost dash after `from` (`? `, `\u{FFFD} `, `â€“ `), on the first line and
/// within a phrase's reach: `(phrase end, text start after it)`.
fn lost_dash(s: &str, from: usize) -> Option<(usize, usize)> {
    let window = s.get(from..)?;
    let mut reach = window.len().min(PREFIX_REACH);
    while !window.is_char_boundary(reach) {
        reach -= 1;
    }
    let window = &window[..reach];
    let window = &window[..window.find('\n').unwrap_or(window.len())];
    // Byte windows, not `str::find`: the window is a phrase's reach and the dashes a few bytes,
    // and a substring searcher's set-up cost more than the search.
    LOST_DASHES.iter().find_map(|dash| {
        let at = window
            .as_bytes()
            .windows(dash.len())
            .position(|w| w == dash.as_bytes())?;
        (at > 0).then(|| (from + at, skip_space(s, from + at + dash.len())))
    })
}

/// The last spaced separator in the tail of `s` (or one glued to a sentence's end):
/// `(separator start, phrase start)`.
fn suffix_separator(s: &str, not_before: usize) -> Option<(usize, usize)> {
    let mut window = s
        .len()
        .saturating_sub(SUFFIX_REACH)
        .max(not_before)
        .min(s.len());
    while !s.is_char_boundary(window) {
        window += 1;
    }
    let mut found = None;
    // Bytes, as in `prefix_separator`: only a separator's first byte is worth a closer look.
    for i in find_all(&s.as_bytes()[window..], SEPARATOR_STARTS) {
        let i = window + i;
        let Some(end) = separator_at(s, i) else {
            continue;
        };
        let before = char_before(s, i);
        let spaced = before.is_none_or(is_space) && space_or_end(s, end);
        // `... bulan depan.-BPF`: glued straight to the sentence's full stop.
        let after_sentence = before.is_some_and(|c| SENTENCE_END.contains(&c));
        if spaced || (after_sentence && char_at(s, end).is_some_and(is_alphabetic)) {
            found = Some((i, skip_space(s, end)));
        }
    }
    found
}

/// The first bytes of the [`SENTENCE_END`] characters (`”` is three bytes: 0xE2 starts it).
const SENTENCE_END_STARTS: &[u8; 5] = b".!?\"\xE2";

/// The ASCII [`SENTENCE_CLOSE`] characters (the others are wider than a byte).
const ASCII_CLOSE: &[u8; 4] = b".!?\"";

/// The byte offset of the first [`SENTENCE_END`] character in `t`: a byte scan (`”` is found by
/// its lead byte, 0xE2, then checked whole).
fn find_sentence_end(t: &str) -> Option<usize> {
    let bytes = t.as_bytes();
    find_all(bytes, SENTENCE_END_STARTS)
        .find(|&i| bytes[i] != 0xE2 || bytes[i..].starts_with("”".as_bytes()))
}

/// Whether the last words of `block` can hold a [`Extractor::tail`], read from their bytes: the
/// last word in capitals, or a word among the last `MAX_NAME_WORDS + 1` that ends a sentence with
/// only name words after it. Most blocks end in prose with neither and are done here, without
/// decoding a word. False only where the tail's own reading finds nothing: a word with a byte
/// that is not ASCII (a wide letter, space or close) answers true, and the words looked at are
/// the tail's own, or the first of them the tail does not see (which it cannot count anyway).
fn may_end_in_name(block: &[u8]) -> bool {
    let mut at = block.len();
    for k in 0..=MAX_NAME_WORDS {
        while at > 0 && is_ascii_space(block[at - 1]) {
            at -= 1;
        }
        let Some(&last) = block[..at].last() else {
            return false;
        };
        // One reading of the word's bytes: the classes some byte has, and those every byte has.
        let (mut some, mut every) = (0, u8::MAX);
        while let Some(class) = at.checked_sub(1).map(|i| BYTE_CLASS[usize::from(block[i])]) {
            if class & SPACE != 0 {
                break;
            }
            (some, every) = (some | class, every & class);
            at -= 1;
        }
        // The word that ends the sentence before a name (not the name's own last word).
        if some & WIDE != 0 || (k > 0 && ASCII_CLOSE.contains(&last)) {
            return true;
        }
        // A last word in capitals (see `caps_word`) can be a name glued on.
        if k == 0 && every & NAME != 0 && some & LOWER == 0 && some & LETTER != 0 {
            return true;
        }
        // Not a name word: a name would have ended here, after a word that ends no sentence.
        if every & NAME == 0 {
            return false;
        }
    }
    false
}

/// [`BYTE_CLASS`]'s bits: an ASCII space, a byte of a wide char, a byte a name word may have
/// (an ASCII letter, `.`, `-`, `&`), an ASCII letter, a lowercase one.
const SPACE: u8 = 1;
const WIDE: u8 = 2;
const NAME: u8 = 4;
const LETTER: u8 = 8;
const LOWER: u8 = 16;

/// The classes of every byte, for [`may_end_in_name`]: one lookup a byte instead of a test per
/// class and per pass over the word.
static BYTE_CLASS: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if is_ascii_space(byte) {
            SPACE
        } else if !byte.is_ascii() {
            WIDE
        } else if byte.is_ascii_lowercase() {
            NAME | LETTER | LOWER
        } else if byte.is_ascii_uppercase() {
            NAME | LETTER
        } else if matches!(byte, b'.' | b'-' | b'&') {
            NAME
        } else {
            0
        };
        b += 1;
    }
    table
};

/// Collects the candidates of one block.
struct Extractor<'a> {
    t: &'a Tables,
    block: usize,
    post: u32,
    text: &'a str,
    /// The post's own title: `BRAND | Harga Cabai Turun` there is the title with a brand
    /// prefix (only `BRAND | ` goes), not a link line to another post.
    title: bool,
    out: Vec<Candidate>,
    /// What each phrase says, read once per scan (see [`PhraseMemo`]).
    memo: &'a mut PhraseMemo,
    /// Where [`Extractor::opens_in_caps`] last looked, and its answer.
    opens_caps: Option<(usize, bool)>,
}

impl Extractor<'_> {
    /// Whether the first word at or after `from` is in capitals. A block whose prefix search
    /// found nothing is asked this twice at its start (a lost separator, then a lead): read once.
    fn opens_in_caps(&mut self, from: usize) -> bool {
        if let Some((_, caps)) = self.opens_caps.filter(|&(at, _)| at == from) {
            return caps;
        }
        // The first word's chars, read only as far as they decide (not to the word's end first).
        let s = self.text;
        let caps = caps_chars(chars(&s[skip_space(s, from)..]).take_while(|&c| !is_space(c)));
        self.opens_caps = Some((from, caps));
        caps
    }

    fn push(&mut self, phrase: Range<usize>, remove: Range<usize>, position: Position) {
        if phrase_ok(&self.text[phrase.clone()]) {
            self.push_ok(phrase, remove, position);
        }
    }

    /// [`Extractor::push`] of a phrase already known to pass `phrase_ok`.
    fn push_ok(&mut self, phrase: Range<usize>, remove: Range<usize>, position: Position) {
        let Some(read) = self.memo.read(self.t, position, &self.text[phrase.clone()]) else {
            return;
        };
        self.out.push(Candidate {
            block: self.block,
            post: self.post,
            phrase,
            remove,
            position,
            key: read.key,
            capitalized: false,
            ordinary: false,
            words: read.words,
            name: false,
            company: false,
            breaks: read.breaks,
            caps: false,
            eligible: read.eligible,
            known: read.known,
            complete: false,
            group: 0,
        });
    }

    /// Marks the last pushed candidate, if it is the one for `phrase`, as ordinary.
    fn mark_ordinary(&mut self, phrase_start: usize) {
        if let Some(c) = self
            .out
            .last_mut()
            .filter(|c| c.phrase.start == phrase_start)
        {
            c.ordinary = true;
        }
    }

    /// `SEG - SEG - text`: up to three leading phrases, each before a separator. Returns where the
    /// text after them starts.
    fn prefixes(&mut self, from: usize, first_position: Position) -> usize {
        let s = self.text;
        let mut pos = skip_space(s, from);
        for n in 0..MAX_PREFIXES {
            let Some((phrase_end, next)) = prefix_separator(s, pos) else {
                if n == 0 && first_position == Position::Prefix {
                    return self.lost_separator(pos);
                }
                break;
            };
            if !phrase_ok(&s[pos..phrase_end]) {
                break;
            }
            let bar = trim_start(&s[phrase_end..next]).starts_with('|');
            let position = match first_position {
                Position::LinkLine if n == 0 => Position::LinkLine,
                _ if bar && n == 0 && !self.title && self.rest_is_title(next) => Position::LinkLine,
                _ => Position::Prefix,
            };
            let remove = if position == Position::LinkLine {
                0..s.len()
            } else {
                pos..next
            };
            let start = if n == 0 {
                alt_text_end(s, pos, phrase_end)
            } else {
                pos
            };
            if start == pos {
                self.push_ok(start..phrase_end, remove, position);
            } else {
                self.push(start..phrase_end, remove, position);
            }
            // A read-also title, a `Name | title` line (a post's title too) or a short
            // `Name - Name` pair: ordinary.
            let title_bar = self.title && bar && n == 0;
            if position == Position::LinkLine || title_bar || self.rest_is_short(next) {
                self.mark_ordinary(start);
            }
            pos = next;
        }
        pos
    }

    /// `PT RIFAN FINANCINDO BERJANGKA ? text`: a prefix whose dash was lost in a bad re-encoding
    /// (`?`, `\u{FFFD}`, or the mojibake `â€“`). A spaced `?` also ends questions written in
    /// capitals (`APA ITU REKSA DANA ? `), so only a phrase in capitals that names a listed brand
    /// or carries a company word counts. Returns where the text after it starts.
    fn lost_separator(&mut self, pos: usize) -> usize {
        let s = self.text;
        // Most blocks open with a word that is not in capitals: nothing to look for.
        if !self.opens_in_caps(pos) {
            return pos;
        }
        let Some((phrase_end, next)) = lost_dash(s, pos) else {
            return pos;
        };
        let phrase = &s[pos..phrase_end];
        if !split_space(phrase).all(caps_word) {
            return pos;
        }
        let before = self.out.len();
        self.push(pos..phrase_end, pos..next, Position::Prefix);
        if let Some(c) = self.out.get_mut(before) {
            c.complete(self.t, s, self.memo);
        }
        match self.out.get(before) {
            Some(c) if c.known.is_some() || c.company => next,
            Some(_) => {
                self.out.truncate(before);
                pos
            }
            None => pos,
        }
    }

    /// `Baca juga: PT Maju Kencana Futures : Harga Emas Naik`: in a read-also line a spaced colon
    /// ends the linked phrase too (outlets write `Baca juga: Menkeu : ...` the same way, so it is
    /// ordinary, as every read-also title is). Whether it found one.
    fn colon_link(&mut self, from: usize) -> bool {
        let s = self.text;
        let window = &s[from..];
        let Some(at) = window.find(" : ").filter(|&at| at > 0 && at <= MAX_PHRASE) else {
            return false;
        };
        let before = self.out.len();
        self.push(from..from + at, 0..s.len(), Position::LinkLine);
        self.mark_ordinary(from);
        self.out.len() > before
    }

    /// Whether what follows a prefix is too short to be the paragraph an ad was glued to.
    fn rest_is_short(&self, at: usize) -> bool {
        let rest = trim(&self.text[at..]);
        rest.len() < SHORT_REST && !chars(rest).any(|c| PROSE_MARKS.contains(&c))
    }

    /// Whether the text after a `BRAND | ` reads as a linked title (short, one line).
    fn rest_is_title(&self, at: usize) -> bool {
        let rest = trim(&self.text[at..]);
        !rest.is_empty()
            && rest.len() <= MAX_TITLE
            && !rest.contains(". ")
            && !rest.ends_with(SENTENCE_END)
    }

    /// Capitals at the start with no separator: `PT BESTPROFIT "Ya, ..."`.
    fn lead(&mut self, from: usize, position: Position) {
        let s = self.text;
        // Most blocks open with a word in Title Case or lower case: nothing to collect.
        if !self.opens_in_caps(from) {
            return;
        }
        let ws: Vec<(usize, usize)> = words(&s[from..]).take(LEAD_WORDS).collect();
        let caps = ws
            .iter()
            .take_while(|&&(a, b)| caps_word(&s[from + a..from + b]))
            .count();
        if caps == 0 || caps > MAX_NAME_WORDS || caps >= ws.len() {
            return;
        }
        let end = from + ws[caps - 1].1;
        let next = from + ws[caps].0;
        let remove = if position == Position::LinkLine {
            0..s.len()
        } else {
            from..next
        };
        self.push(from + ws[0].0..end, remove, position);
    }

    /// After the last sentence: a separator phrase, a credit, or a name glued on.
    fn suffixes(&mut self, not_before: usize) {
        let s = self.text;
        let end = trim_end(s).len();
        let body = s[..end].strip_suffix('.').unwrap_or(&s[..end]);
        // From the block's start: a `Title | BRAND` line has its separator in the prefix zone.
        if let Some((sep, start)) = suffix_separator(body, 0) {
            // A separator with nothing before it is a list bullet (`- Cabai rawit`), not a suffix.
            if start < body.len() && !is_blank(&s[..sep]) {
                let cut = skip_space_back(s, sep);
                self.push(start..body.len(), cut..s.len(), Position::Suffix);
            }
        }
        self.credit(body, not_before);
        self.tail(body.len(), not_before); // a full stop after the brand goes with it
    }

    /// `... kata dia. (Mbs-rifan financindo berjangka)`.
    fn credit(&mut self, body: &str, not_before: usize) {
        let s = self.text;
        let Some(inner_end) = body.strip_suffix(')').map(str::len) else {
            return;
        };
        let Some(open) = body[..inner_end].rfind('(') else {
            return;
        };
        if open < not_before || body[open + 1..inner_end].contains('(') {
            return;
        }
        let cut = skip_space_back(s, open);
        let after_sentence = match char_before(s, cut) {
            None => true,
            Some(c) => cut < open && SENTENCE_CLOSE.contains(&c),
        };
        // Glued to the last word, only a long name counts: `(SGB)` there is part of the sentence.
        let long = fold(&body[open + 1..inner_end]).chars().count() >= LONG_KEY;
        if after_sentence || (cut < open && long) {
            self.push(open + 1..inner_end, cut..s.len(), Position::Credit);
        }
    }

    /// `... (449). BESTPROFIT` or `... berdiri BESTPROFIT`.
    fn tail(&mut self, end: usize, not_before: usize) {
        if may_end_in_name(&self.text.as_bytes()[..end]) {
            self.tail_words(end, not_before);
        }
    }

    /// [`Extractor::tail`]'s reading of the last words, one by one.
    fn tail_words(&mut self, end: usize, not_before: usize) {
        let s = self.text;
        let mut from = end.saturating_sub(TAIL_REACH).max(not_before).min(end);
        while !s.is_char_boundary(from) {
            from += 1;
        }
        // The last words of the window, last first: a name has at most MAX_NAME_WORDS words,
        // and the word before it decides. The window's first word may be cut: it never counts.
        let first = (from > not_before).then(|| skip_space(s, from));
        // On the stack: every block of a post comes here.
        let mut last = [(0, 0); MAX_NAME_WORDS + 2];
        let mut n = 0;
        for word in words_back(&s[..end], from).take_while(|&(a, _)| Some(a) != first) {
            last[n] = word;
            n += 1;
            if n == last.len() {
                break;
            }
        }
        let rev = &last[..n];
        let count = |word: fn(&str) -> bool| {
            let n = rev.iter().take_while(|&&(a, b)| word(&s[a..b])).count();
            (n > 0 && n < rev.len() && n <= MAX_NAME_WORDS).then_some(n)
        };
        // After the last sentence: `... di Jawa. SENTOSA JAYA FUTURES`, `... terdaftar. bestprofit`.
        if let Some(n) = count(name_word) {
            let stop = rev[n];
            if ends_sentence(&s[stop.0..stop.1]) {
                let caps = rev[..n].iter().all(|&(a, b)| caps_word(&s[a..b]));
                let position = if caps {
                    Position::CapsTail
                } else {
                    Position::Tail
                };
                self.push(rev[n - 1].0..end, stop.1..s.len(), position);
                return;
            }
        }
        // Capitals glued to the last word: `... sejak Telegram berdiri BESTPROFIT`.
        if let Some(n) = count(caps_word) {
            let stop = rev[n];
            if !caps_word(&s[stop.0..stop.1]) {
                self.push(rev[n - 1].0..end, stop.1..s.len(), Position::Tail);
            }
        }
    }

    /// The whole block as one phrase: `PT BESTPROFIT`.
    fn line(&mut self) {
        let s = self.text;
        if s.len() > 2 * MAX_PHRASE && trim(s).len() > MAX_PHRASE + 1 {
            return;
        }
        let start = skip_space(s, 0);
        let end = trim_end(s).len();
        if start >= end {
            return;
        }
        let end = if s[..end].ends_with(['.', '!']) {
            end - 1
        } else {
            end
        };
        self.push(start..end, 0..s.len(), Position::Line);
    }

    /// `Diskusi Pialang Berjangka PT. KPF`: a short title-cased line that closes on a legal form and an
    /// abbreviation is a promo line for that company. The abbreviation is a candidate for the whole
    /// line, judged only as an abbreviation of a name judged elsewhere in the post (never as a
    /// listed brand on its own: `Nasabah Gugat PT SGB` is a headline about the broker).
    fn company_abbreviation_line(&mut self) {
        let s = self.text;
        let line = trim(s);
        // A line that ends in an ASCII byte other than a capital cannot close on an abbreviation
        // in capitals: most short lines are done here, without reading a word.
        let closes_ascii_lower = line
            .as_bytes()
            .last()
            .is_some_and(|b| b.is_ascii() && !b.is_ascii_uppercase());
        if line.len() > MAX_PHRASE || closes_ascii_lower {
            return;
        }
        // The closing words first: most short lines do not end in `PT` and an abbreviation.
        let mut rev = words_back(s, 0);
        let (Some((a, b)), Some((pa, pb)), Some(_)) = (rev.next(), rev.next(), rev.next()) else {
            return;
        };
        let abbreviation = &s[a..b];
        let letters = chars(abbreviation).count();
        if !matches!(&s[pa..pb], "PT" | "PT.")
            || !(2..=SHORT_KEY).contains(&letters)
            || !chars(abbreviation).all(is_uppercase)
        {
            return;
        }
        // Written like a title (every word capitalized), not a sentence that lost its full stop
        // before a glued stamp (`Stok disebut cukup PT RFB`).
        if line
            .bytes()
            .any(|b| matches!(b, b'!' | b'?' | b'"' | b',' | b':'))
            || !name_like(line)
        {
            return;
        }
        let before = self.out.len();
        self.push(pa..b, 0..s.len(), Position::Line);
        if let Some(c) = self.out.get_mut(before) {
            c.known = None;
        }
    }

    /// `Label: A, B, C`: every item.
    fn labels(&mut self, from: usize) {
        let items = label_items(self.text, from);
        for (n, item) in items.iter().enumerate() {
            let remove = match items.get(n + 1) {
                Some(next) => item.start..next.start,
                None if n > 0 => items[n - 1].end..item.end,
                None => item.clone(),
            };
            self.push(item.clone(), remove, Position::Label);
        }
    }

    /// A brand opening a sentence inside the block, before a separator.
    fn inline(&mut self, from: usize, to: usize) {
        let s = self.text;
        let mut at = from;
        // The next byte that can start a separator, at or after the last sentence looked at: a
        // sentence with none within a phrase's reach needs no closer look, and a block with no
        // more of them has no more inline phrases.
        let mut sep = 0;
        while let Some(off) = s.get(at..to).and_then(find_sentence_end) {
            let end = at + off + char_at(s, at + off).map_or(1, char::len_utf8);
            at = end;
            let after = skip_space(s, end);
            if after == end || after >= to {
                continue;
            }
            if sep < after {
                let Some(i) = find_any(&s.as_bytes()[after..], SEPARATOR_STARTS) else {
                    return;
                };
                sep = after + i;
            }
            if sep > after + PREFIX_REACH {
                continue;
            }
            if let Some((phrase_end, next)) = prefix_separator(s, after) {
                if next < to && name_like(&s[after..phrase_end]) {
                    self.push(after..phrase_end, after..next, Position::Inline);
                }
            }
        }
    }
}

/// The candidates of one block of the given kind. Comments and Blogger widgets have none.
/// `title` says the block is its post's title (see `Extractor::title`); `memo` is what the
/// scan has read of phrases so far, kept from block to block.
pub fn extract(
    t: &Tables,
    block: usize,
    post: u32,
    kind: BlockKind,
    title: bool,
    text: &str,
    memo: &mut PhraseMemo,
) -> Vec<Candidate> {
    // Collected in the scan's buffer and copied out at their exact count: a vector grown for
    // every block and then shrunk (the facts keep it across passes) cost two reallocations a
    // block with candidates.
    let mut out = std::mem::take(&mut memo.found);
    out.clear();
    let mut x = Extractor {
        t,
        block,
        post,
        text,
        title,
        out,
        memo,
        opens_caps: None,
    };
    x.collect(kind);
    let found = x.out.drain(..).collect();
    x.memo.found = x.out;
    found
}

impl Extractor<'_> {
    /// Every candidate of the block, by its kind and shape.
    fn collect(&mut self, kind: BlockKind) {
        let (t, text) = (self.t, self.text);
        match kind {
            BlockKind::Labels => {
                let from = labels_block_header(text).unwrap_or(0);
                self.labels(from);
                return;
            }
            BlockKind::Body | BlockKind::Title | BlockKind::Footer => {}
            _ => return,
        }
        if let Some(from) = label_header(text) {
            self.labels(from);
            return;
        }
        if let Some(label) = t.datelines.read_also_label(text) {
            let mut at = skip_space(text, label);
            if let Some(end) = separator_at(text, at) {
                at = end;
            } else if text[at..].starts_with([':', '：']) {
                at += text[at..].chars().next().map_or(0, char::len_utf8);
            }
            let after = self.prefixes(at, Position::LinkLine);
            if after == skip_space(text, at) && !self.colon_link(after) {
                self.lead(after, Position::LinkLine);
            }
            return;
        }
        if let Some((name, text_start)) = underscore_prefix(&t.datelines, text) {
            self.push(name, 0..text_start, Position::Prefix);
        }
        let after = self.prefixes(0, Position::Prefix);
        self.lead(after, Position::Lead);
        self.suffixes(after);
        self.inline(after, text.len());
        self.line();
        self.company_abbreviation_line();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::EMBEDDED;

    fn phrase_key(p: &str) -> String {
        crate::phrase::phrase_key(&EMBEDDED.datelines, p)
    }

    fn found(text: &str) -> Vec<(Position, &str, &str, String)> {
        let mut memo = PhraseMemo::default();
        extract(&EMBEDDED, 0, 0, BlockKind::Body, false, text, &mut memo)
            .into_iter()
            .map(|c| {
                (
                    c.position,
                    &text[c.phrase],
                    &text[c.remove],
                    c.key.to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn keys_drop_pt_cities_and_dates() {
        assert_eq!(
            phrase_key("PT. BESTPROFIT FUTURES MEDAN"),
            "bestprofitfutures"
        );
        assert_eq!(
            phrase_key("BESTPROFIT FUTURES (05/05)"),
            "bestprofitfutures"
        );
        assert_eq!(
            phrase_key("Semarang, Kontak Perkasa Futures"),
            "kontakperkasafutures"
        );
        assert_eq!(
            phrase_key("PT Solid Gold Berjangka (SGB)"),
            "solidgoldberjangka"
        );
        assert_eq!(phrase_key("JAKARTA"), "");
        assert_eq!(phrase_key("Bandar Lampung"), "");
    }

    #[test]
    fn sentence_end_starts_are_the_sentence_ends_first_bytes() {
        let firsts = |chars: &[char]| {
            let mut bytes: Vec<u8> = chars.iter().map(|c| c.to_string().as_bytes()[0]).collect();
            bytes.sort_unstable();
            bytes.dedup();
            bytes
        };
        let sorted = |bytes: &[u8]| {
            let mut bytes = bytes.to_vec();
            bytes.sort_unstable();
            bytes
        };
        assert_eq!(firsts(&SENTENCE_END), sorted(SENTENCE_END_STARTS));
        let ascii: Vec<u8> = SENTENCE_CLOSE
            .iter()
            .filter(|c| c.is_ascii())
            .map(|&c| c as u8)
            .collect();
        assert_eq!(sorted(&ascii), sorted(ASCII_CLOSE));
    }

    /// Every ending of up to four words from a set of shapes (names, capitals, sentence ends
    /// ASCII and wide, digits, a wide space, a cut first word), after openings that put the
    /// tail's window edge before, inside and after them: where the tail's reading finds a phrase,
    /// its byte gate lets it read.
    #[test]
    fn the_tail_gate_lets_every_tail_through() {
        const WORDS: [&str; 16] = [
            "harga",
            "Naik",
            "BPF",
            "PT.",
            "naik.",
            "dia,",
            "7.182",
            "(449).",
            "kata”",
            "itu?",
            "\"Ya",
            "A&B",
            "Nusa\u{a0}Prima",
            "ujar»",
            "Bestprofit",
            "x…",
        ];
        let openings = [
            String::new(),
            "Harga naik. ".into(),
            format!("{} ", "a".repeat(125)),
        ];
        let mut memo = PhraseMemo::default();
        let (mut checked, mut found, mut ruled_out) = (0, 0, 0);
        for opening in &openings {
            for len in 1..=4u32 {
                for mut code in 0..WORDS.len().pow(len) {
                    let mut text = opening.clone();
                    for _ in 0..len {
                        text.push_str(WORDS[code % WORDS.len()]);
                        text.push(' ');
                        code /= WORDS.len();
                    }
                    let mut x = Extractor {
                        t: &EMBEDDED,
                        block: 0,
                        post: 0,
                        text: &text,
                        title: false,
                        out: Vec::new(),
                        memo: &mut memo,
                        opens_caps: None,
                    };
                    let end = trim_end(&text).len();
                    x.tail_words(end, opening.len().min(4));
                    let gate = may_end_in_name(&text.as_bytes()[..end]);
                    if !x.out.is_empty() {
                        found += 1;
                        assert!(gate, "{text:?}");
                    }
                    ruled_out += usize::from(!gate);
                    checked += 1;
                }
            }
        }
        assert!(found > checked / 10, "{found} of {checked}");
        assert!(ruled_out > checked / 10, "{ruled_out} of {checked}");
    }

    #[test]
    fn phrases_are_short_and_wordy() {
        assert!(phrase_ok("PT. BESTPROFIT FUTURES JAMBI"));
        assert!(phrase_ok("KABARBURSA.COM"));
        assert!(phrase_ok("BESTPROFIT FUTURES (05/05)"));
        assert!(!phrase_ok("Rp13.160"));
        assert!(!phrase_ok("kata Durov. Namun"));
        assert!(!phrase_ok("\"E-mail tidak dapat dipercaya"));
        // A branch's bare date before the separator is a qualifier; a number alone is not a name.
        assert!(phrase_ok("KPF SURABAYA 26/05/16"));
        assert_eq!(phrase_key("KPF SURABAYA 26/05/16"), "kpf");
        assert!(!phrase_ok("26/05/16"));
        assert!(!phrase_ok("Harga naik 1.250"));
        assert!(phrase_ok("KPF\u{a0}SURABAYA\u{a0}26/05"));
        assert!(!phrase_ok("a\u{a0}.\u{AB7}\"4")); // a two-byte space before the last word

        // At most seven words, however they are spaced; a date qualifier is not one of them.
        assert!(phrase_ok("Ab Cd  Ef\u{a0}Gh Ij Kl Mn"));
        assert!(!phrase_ok("Ab Cd  Ef\u{a0}Gh Ij Kl Mn Op"));
        assert!(phrase_ok("Ab Cd Ef Gh Ij Kl Mn 26/05"));
        assert!(!phrase_ok("Ab Cd Ef Gh Ij Kl Mn Op 26/05"));
    }

    #[test]
    fn prefix_chain_and_glued_separator() {
        let got = found("PT BESTPROFIT FUTURES JAMBI- Harga emas naik hari ini di pasar.");
        assert_eq!(got[0].0, Position::Prefix);
        assert_eq!(got[0].2, "PT BESTPROFIT FUTURES JAMBI- ");
        let got = found("JAKARTA - BPF - Harga emas naik hari ini di pasar.");
        let prefixes: Vec<&str> = got
            .iter()
            .filter(|c| c.0 == Position::Prefix)
            .map(|c| c.1)
            .collect();
        assert_eq!(prefixes, ["BPF"]); // the city has an empty key
    }

    #[test]
    fn glued_brands_split_at_their_glue() {
        let got = found("BestProfit_JambiHarga pinang naik hari ini di Jambi.");
        assert_eq!(got[0].0, Position::Prefix);
        assert_eq!((got[0].1, got[0].2), ("BestProfit", "BestProfit_Jambi"));
        assert!(found("session_tokenSebaiknya tidak disimpan di peramban.").is_empty());
        let got = found("equityworld futures semarangEquityworld Futures – Harga cengkih naik.");
        assert_eq!(got[0].1, "Equityworld Futures");
        assert_eq!(
            got[0].2,
            "equityworld futures semarangEquityworld Futures – "
        );
        // The same glue after a wide letter (read char by char, not byte by byte).
        let got = found("equityworld futures sémarangEquityworld Futures – Harga cengkih naik.");
        assert_eq!(got[0].1, "Equityworld Futures");
        let got = found("Équityworld Futures – Harga cengkih naik.");
        assert_eq!(got[0].1, "Équityworld Futures");
    }

    #[test]
    fn a_lost_dash_separates_a_company_in_capitals() {
        let got = found("PT RIFAN FINANCINDO BERJANGKA ? Harga kedelai naik lagi hari ini.");
        assert_eq!(got[0].0, Position::Prefix);
        assert_eq!(got[0].2, "PT RIFAN FINANCINDO BERJANGKA ? ");
        let got = found("MAJU KENCANA FUTURES \u{FFFD} Harga lada stabil di Bangka.");
        assert_eq!(got[0].2, "MAJU KENCANA FUTURES \u{FFFD} ");
        let got = found("SOLID GOLD BERJANGKA â€“ Harga emas turun tipis pagi ini.");
        assert_eq!(got[0].2, "SOLID GOLD BERJANGKA â€“ ");
        // Only on the first line of the block.
        let got = found("SOLID GOLD BERJANGKA\nâ€“ Harga emas turun tipis pagi ini.");
        assert!(got.iter().all(|c| c.0 != Position::Prefix), "{got:?}");
        // A question in capitals: no company word, not a prefix.
        let got = found("APA ITU REKSA DANA ? Reksa dana adalah wadah investasi.");
        assert!(got.iter().all(|c| c.0 != Position::Prefix), "{got:?}");
    }

    #[test]
    fn suffixes_tails_and_credits() {
        let got = found("Harga emas naik, kata dia demikian. - BEST PROFIT");
        assert!(got.contains(&(
            Position::Suffix,
            "BEST PROFIT",
            " - BEST PROFIT",
            "bestprofit".into()
        )));
        let got = found("Indeks naik ke level (449). BESTPROFIT");
        assert!(got.contains(&(
            Position::CapsTail,
            "BESTPROFIT",
            " BESTPROFIT",
            "bestprofit".into()
        )));
        let got = found("Harga naik, kata dia. (Mbs-rifan financindo berjangka)");
        assert_eq!(got[0].0, Position::Credit);
        assert_eq!(got[0].2, " (Mbs-rifan financindo berjangka)");
        assert_eq!(got[0].3, "rifanfinancindoberjangka"); // the desk code is a qualifier
        let got = found("Harga naik, kata dia. (mgf-mitra garuda futures)");
        assert_eq!(got[0].3, "mitragarudafutures");
        let got = found("Harga naik, kata dia. (Mbs-kpf)");
        assert_eq!((got[0].0, got[0].3.as_str()), (Position::Credit, "kpf"));
        let got = found("Harga naik, kata dia. (Mbs-maju kencana futures)");
        assert_eq!(got[0].3, "majukencanafutures");
        let got = found("Harga naik, kata dia. (Kiriman-warga Cibubur)");
        assert_eq!(got[0].3, "kirimanwargacibubur"); // a longer word before the hyphen stays
    }

    #[test]
    fn mentions_inside_sentences_are_not_candidates() {
        let got = found("Kepala Riset Monex Investindo Futures Ariston mengatakan harga naik.");
        assert!(got.is_empty(), "{got:?}");
        let got = found("Para korban PT Solid Gold Berjangka (SGB) mendatangi kantor polisi.");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn link_lines_and_labels() {
        let got = found("BACA JUGA : PT Rifan - Harga Emas Hari Ini");
        assert_eq!(got[0].0, Position::LinkLine);
        assert_eq!(got[0].1, "PT Rifan");
        let got = found("Baca juga: PT Maju Kencana Futures : Harga Kopi Naik");
        assert_eq!(got[0].0, Position::LinkLine);
        assert_eq!(got[0].1, "PT Maju Kencana Futures");
        assert_eq!(
            got[0].2,
            "Baca juga: PT Maju Kencana Futures : Harga Kopi Naik"
        );
        let got = found("Diskusi Pialang Berjangka PT. KPF");
        let line: Vec<_> = got.iter().filter(|c| c.0 == Position::Line).collect();
        assert_eq!(line.last().unwrap().1, "PT. KPF");
        assert_eq!(line.last().unwrap().2, "Diskusi Pialang Berjangka PT. KPF");
        let got = found("Label: Berita, PT BESTPROFIT, Emas");
        let items: Vec<&str> = got.iter().map(|c| c.1).collect();
        assert_eq!(items, ["Berita", "PT BESTPROFIT", "Emas"]);
        assert_eq!(got[1].2, "PT BESTPROFIT, ");
        assert_eq!(got[2].2, ", Emas");
    }
}
