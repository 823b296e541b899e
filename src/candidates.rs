//! Brand-like phrases in the positions where farms inject ads: a block's boundaries.
//!
//! Injected brands replace the dateline (`BRAND - `), trail the last sentence (`. - BRAND`,
//! `. BRAND`, `.-BPF`, `(Mbs-brand)`), open a sentence inside a paragraph before a separator
//! (`naik. BRAND - Pedagang`), stand alone as a line, open a link line (`BACA JUGA : BRAND - `,
//! `BRAND | title`) or fill a label list. A mention inside a sentence is never a candidate, so
//! news about a broker stays. Positions that also occur in ordinary text (a short `Name - Name`
//! pair, a read-also title, a `Name | title` line) are marked so they weigh less as evidence. This module only finds the phrases and what would be removed with
//! them; `brands` and `repetition` decide which are ads, and `datelines` which are not.

use std::ops::Range;

use crate::brands::{key_len, strip_pt, LONG_KEY};
use crate::company::Company;
use crate::datelines::Datelines;
use crate::model::{BlockKind, Category};
use crate::normalize::{char_at, char_before, fold, skip_space, skip_space_back, words};

/// The longest phrase (bytes) that can be a brand: longer text is prose.
pub const MAX_PHRASE: usize = 64;
/// The most words a brand phrase has (with `PT`, a city and a date qualifier).
pub const MAX_WORDS: usize = 7;

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
    pub key: String,
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
    /// Where the key's words meet, in characters of the key (`Best Profit` → `[4]`,
    /// `BESTPROFIT` → `[]`): a farm spaces and fuses one brand differently from line to line.
    pub breaks: Vec<usize>,
    /// Every letter of the phrase is a capital (`MAJU JAYA`): farms mix capitals and Title Case.
    pub caps: bool,
}

impl Candidate {
    /// Whether this occurrence is deliberate placement (see [`Position::strong`]).
    pub fn strong(&self) -> bool {
        self.position.strong() && !self.ordinary
    }
}

/// The separator starting at byte `i` (`-`, `--`, `–`, `—`, `|`): the byte after it.
pub(crate) fn separator_at(s: &str, i: usize) -> Option<usize> {
    match char_at(s, i)? {
        '-' if char_at(s, i + 1) == Some('-') => Some(i + 2),
        c @ ('-' | '–' | '—' | '|') => Some(i + c.len_utf8()),
        _ => None,
    }
}

fn space_or_end(s: &str, at: usize) -> bool {
    char_at(s, at).is_none_or(char::is_whitespace)
}

/// The first separator after `from` that ends a phrase: `(phrase end, text start after it)`.
///
/// A separator needs space after it; before it, space or (`JAMBI- `) the end of a word.
fn prefix_separator(s: &str, from: usize) -> Option<(usize, usize)> {
    for (off, c) in s.get(from..)?.char_indices() {
        let i = from + off;
        if off > MAX_PHRASE + 4 || c == '\n' {
            return None;
        }
        let Some(end) = separator_at(s, i) else {
            continue;
        };
        let glued = char_before(s, i).is_some_and(|p| p.is_alphanumeric() || p == '.' || p == ')');
        let spaced = char_before(s, i).is_some_and(char::is_whitespace);
        if (glued || spaced) && space_or_end(s, end) && i > from {
            return Some((skip_space_back(s, i), skip_space(s, end)));
        }
    }
    None
}

/// The last spaced separator in the tail of `s` (or one glued to a sentence's end):
/// `(separator start, phrase start)`.
fn suffix_separator(s: &str, not_before: usize) -> Option<(usize, usize)> {
    let mut window = s
        .len()
        .saturating_sub(MAX_PHRASE + 8)
        .max(not_before)
        .min(s.len());
    while !s.is_char_boundary(window) {
        window += 1;
    }
    let mut found = None;
    for (off, _) in s[window..].char_indices() {
        let i = window + off;
        let Some(end) = separator_at(s, i) else {
            continue;
        };
        let before = char_before(s, i);
        let spaced = before.is_none_or(char::is_whitespace) && space_or_end(s, end);
        // `... bulan depan.-BPF`: glued straight to the sentence's full stop.
        let after_sentence = before.is_some_and(|c| matches!(c, '.' | '!' | '?' | '"' | '”'));
        if spaced || (after_sentence && char_at(s, end).is_some_and(char::is_alphabetic)) {
            found = Some((i, skip_space(s, end)));
        }
    }
    found
}

/// Whether `p` can be a brand phrase: a few words of letters, no sentence punctuation, digits
/// only inside parentheses (`(05/05)`), dots only in `PT.` or inside a domain.
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
                let short_word = p[word_start..i].chars().count() <= 3;
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
                if char_at(p, i + 1).is_some_and(|n| matches!(n, '-' | '–' | '—' | '|')) {
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
    letters >= 2
}

/// The folded key of a brand phrase: parenthesized qualifiers, a leading `PT`, a trailing `Tbk`
/// and city names at either end dropped. Empty when nothing but qualifiers is left.
#[cfg(test)]
pub fn phrase_key(p: &str) -> String {
    let ws = key_words(p);
    strip_pt(&fold(&ws.concat())).to_string()
}

/// The initials of a brand phrase's words (`PT Sinar Cakrawala Berjangka` → `scb`), to recognise
/// its abbreviation (`PT SCB`).
pub fn initials(p: &str) -> String {
    let ws = key_words(p);
    if ws.len() < 2 {
        return String::new();
    }
    ws.iter()
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words of a brand phrase that name it: qualifiers dropped as for [`phrase_key`].
fn key_words(p: &str) -> Vec<String> {
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
    let mut ws: Vec<&str> = plain
        .split_whitespace()
        .filter(|w| !fold(w).is_empty())
        .collect();
    while ws.first().is_some_and(|w| fold(w) == "pt") && ws.len() > 1 {
        ws.remove(0);
    }
    while ws.last().is_some_and(|w| fold(w) == "tbk") && ws.len() > 1 {
        ws.pop();
    }
    let dl = Datelines::get();
    if dl.is_city(&ws.join(" ")) {
        return Vec::new();
    }
    let city_at = |ws: &[&str], from_end: bool| -> usize {
        (1..=dl.city_words().min(ws.len().saturating_sub(1)))
            .rev()
            .find(|&n| {
                let part = if from_end {
                    &ws[ws.len() - n..]
                } else {
                    &ws[..n]
                };
                dl.is_city(&part.join(" "))
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
    ws.into_iter().map(str::to_string).collect()
}

/// A credit without its desk code: `mgf-mitra garuda futures` → `mitra garuda futures`. The code
/// (two to four letters glued to the name by a hyphen) is a qualifier, like a city in a dateline,
/// so the credit's key groups with the brand's other forms.
fn without_desk_code(p: &str) -> &str {
    let Some((code, rest)) = p.split_once('-') else {
        return p;
    };
    let short = (2..=4).contains(&code.chars().count()) && code.chars().all(char::is_alphabetic);
    if short && rest.starts_with(char::is_alphabetic) && rest.contains(char::is_whitespace) {
        rest
    } else {
        p
    }
}

/// Every word starts with a capital (or is `PT.`, `&`, a qualifier in parentheses).
fn name_like(p: &str) -> bool {
    p.split_whitespace().all(|w| {
        w.chars()
            .find(|c| c.is_alphanumeric() || *c == '(')
            .is_none_or(|c| c.is_uppercase() || c == '(')
    })
}

fn capitalized(p: &str) -> bool {
    p.split_whitespace().any(|w| {
        w.chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase)
    })
}

/// A word in capitals (`BESTPROFIT`, `PT.`): every letter upper case, at least one letter.
fn caps_word(w: &str) -> bool {
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
fn name_word(w: &str) -> bool {
    let first = w.chars().next();
    let starts_letter =
        first.is_some_and(char::is_uppercase) || first.is_some_and(char::is_lowercase);
    let clean = w
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '&'));
    let pt = fold(w) == "pt";
    starts_letter && clean && (pt || !w.ends_with('.'))
}

fn ends_sentence(w: &str) -> bool {
    w.ends_with(['.', '!', '?', '"', '”', '’', '»', '…'])
}

/// Collects the candidates of one block.
struct Extractor<'a> {
    block: usize,
    post: u32,
    text: &'a str,
    out: Vec<Candidate>,
}

impl Extractor<'_> {
    fn push(&mut self, phrase: Range<usize>, remove: Range<usize>, position: Position) {
        let p = &self.text[phrase.clone()];
        if !phrase_ok(p) {
            return;
        }
        let named = if position == Position::Credit {
            without_desk_code(p)
        } else {
            p
        };
        let names = key_words(named);
        let whole = fold(&names.concat());
        let key = strip_pt(&whole).to_string();
        if key.is_empty() {
            return;
        }
        let capitalized = capitalized(p);
        let (len, stripped) = (key_len(&key), key_len(&whole) - key_len(&key));
        let breaks = names
            .iter()
            .scan(0, |at, w| {
                *at += key_len(&fold(w));
                Some(*at)
            })
            .filter_map(|b| b.checked_sub(stripped))
            .filter(|&b| b > 0 && b < len)
            .collect();
        self.out.push(Candidate {
            block: self.block,
            post: self.post,
            phrase,
            remove,
            position,
            key,
            capitalized,
            ordinary: false,
            words: names.len(),
            name: name_like(p) || !p.chars().any(char::is_uppercase),
            company: Company::get().marks(p),
            breaks,
            caps: !p.chars().any(char::is_lowercase),
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
        for n in 0..3 {
            let Some((phrase_end, next)) = prefix_separator(s, pos) else {
                break;
            };
            if !phrase_ok(&s[pos..phrase_end]) {
                break;
            }
            let bar = s[phrase_end..next].trim_start().starts_with('|');
            let position = match first_position {
                Position::LinkLine if n == 0 => Position::LinkLine,
                _ if bar && n == 0 && self.rest_is_title(next) => Position::LinkLine,
                _ => Position::Prefix,
            };
            let remove = if position == Position::LinkLine {
                0..s.len()
            } else {
                pos..next
            };
            self.push(pos..phrase_end, remove, position);
            // A read-also title, a `Name | title` line or a short `Name - Name` pair: ordinary.
            if position == Position::LinkLine || self.rest_is_short(next) {
                self.mark_ordinary(pos);
            }
            pos = next;
        }
        pos
    }

    /// Whether what follows a prefix is too short to be the paragraph an ad was glued to.
    fn rest_is_short(&self, at: usize) -> bool {
        let rest = self.text[at..].trim();
        rest.len() < 48 && !rest.contains(['.', '!', '?', '"', '“'])
    }

    /// Whether the text after a `BRAND | ` reads as a linked title (short, one line).
    fn rest_is_title(&self, at: usize) -> bool {
        let rest = self.text[at..].trim();
        !rest.is_empty()
            && rest.len() <= 160
            && !rest.contains(". ")
            && !rest.ends_with(['.', '!', '?', '"', '”'])
    }

    /// Capitals at the start with no separator: `PT BESTPROFIT "Ya, ..."`.
    fn lead(&mut self, from: usize, position: Position) {
        let s = self.text;
        let ws: Vec<(usize, usize)> = words(&s[from..]).take(7).collect();
        let caps = ws
            .iter()
            .take_while(|&&(a, b)| caps_word(&s[from + a..from + b]))
            .count();
        if caps == 0 || caps > 5 || caps >= ws.len() {
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
        let end = s.trim_end().len();
        let body = s[..end].strip_suffix('.').unwrap_or(&s[..end]);
        // From the block's start: a `Title | BRAND` line has its separator in the prefix zone.
        if let Some((sep, start)) = suffix_separator(body, 0) {
            // A separator with nothing before it is a list bullet (`- Cabai rawit`), not a suffix.
            if start < body.len() && !s[..sep].trim().is_empty() {
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
            Some(c) => cut < open && ".!?\"”’»…".contains(c),
        };
        // Glued to the last word, only a long name counts: `(SGB)` there is part of the sentence.
        let long = fold(&body[open + 1..inner_end]).chars().count() >= LONG_KEY;
        if after_sentence || (cut < open && long) {
            self.push(open + 1..inner_end, cut..s.len(), Position::Credit);
        }
    }

    /// `... (449). BESTPROFIT` or `... berdiri BESTPROFIT`.
    fn tail(&mut self, end: usize, not_before: usize) {
        let s = self.text;
        // Six words of a name and the word before them fit well inside this window.
        let mut from = end.saturating_sub(2 * MAX_PHRASE).max(not_before).min(end);
        while !s.is_char_boundary(from) {
            from += 1;
        }
        let ws: Vec<(usize, usize)> = words(&s[from..end])
            .map(|(a, b)| (from + a, from + b))
            .skip(usize::from(from > not_before)) // the first word may be cut by the window
            .collect();
        let count = |word: fn(&str) -> bool| {
            let n = ws
                .iter()
                .rev()
                .take_while(|&&(a, b)| word(&s[a..b]))
                .count();
            (n > 0 && n < ws.len() && n <= 5).then_some(n)
        };
        // After the last sentence: `... di Jawa. SENTOSA JAYA FUTURES`, `... terdaftar. bestprofit`.
        if let Some(n) = count(name_word) {
            let stop = ws[ws.len() - n - 1];
            if ends_sentence(&s[stop.0..stop.1]) {
                let caps = ws[ws.len() - n..].iter().all(|&(a, b)| caps_word(&s[a..b]));
                let position = if caps {
                    Position::CapsTail
                } else {
                    Position::Tail
                };
                self.push(ws[ws.len() - n].0..end, stop.1..s.len(), position);
                return;
            }
        }
        // Capitals glued to the last word: `... sejak Telegram berdiri BESTPROFIT`.
        if let Some(n) = count(caps_word) {
            let stop = ws[ws.len() - n - 1];
            if !caps_word(&s[stop.0..stop.1]) {
                self.push(ws[ws.len() - n].0..end, stop.1..s.len(), Position::Tail);
            }
        }
    }

    /// The whole block as one phrase: `PT BESTPROFIT`.
    fn line(&mut self) {
        let s = self.text;
        if s.len() > 2 * MAX_PHRASE && s.trim().len() > MAX_PHRASE + 1 {
            return;
        }
        let start = skip_space(s, 0);
        let end = s.trim_end().len();
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
        while let Some(off) = s
            .get(at..to)
            .and_then(|t| t.find(['.', '!', '?', '"', '”']))
        {
            let end = at + off + char_at(s, at + off).map_or(1, char::len_utf8);
            at = end;
            let after = skip_space(s, end);
            if after == end || after >= to {
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

/// The items of a label list after its header, trimmed, without empty ones.
pub fn label_items(s: &str, from: usize) -> Vec<Range<usize>> {
    let mut items = Vec::new();
    let mut start = from;
    for (i, c) in s[from..].char_indices() {
        if matches!(c, ',' | '|' | '·' | ';' | '\n') {
            items.push(start..from + i);
            start = from + i + c.len_utf8();
        }
    }
    items.push(start..s.len());
    items
        .into_iter()
        .map(|r| {
            let a = skip_space(s, r.start);
            a..skip_space_back(s, r.end).max(a)
        })
        .filter(|r| !r.is_empty())
        .collect()
}

/// A label list's header (`Label:`, `Labels:`, `Tags:`): the byte after it.
pub fn label_header(text: &str) -> Option<usize> {
    let start = skip_space(text, 0);
    let head_end = (start + 16).min(text.len());
    let colon = text.as_bytes()[start..head_end]
        .iter()
        .position(|&b| b == b':')?
        + start;
    let head = fold(&text[start..colon]);
    [
        "label",
        "labels",
        "tag",
        "tags",
        "kategori",
        "etiket",
        "etiketler",
        "libellés",
        "etiquetas",
    ]
    .contains(&head.as_str())
    .then_some(colon + 1)
}

/// The candidates of one block of the given kind. Comments and Blogger widgets have none.
pub fn extract(block: usize, post: u32, kind: BlockKind, text: &str) -> Vec<Candidate> {
    let mut x = Extractor {
        block,
        post,
        text,
        out: Vec::new(),
    };
    match kind {
        BlockKind::Labels => {
            let from = label_header(text).unwrap_or(0);
            x.labels(from);
            return x.out;
        }
        BlockKind::Body | BlockKind::Title | BlockKind::Footer => {}
        _ => return x.out,
    }
    if let Some(from) = label_header(text) {
        x.labels(from);
        return x.out;
    }
    if let Some(label) = Datelines::get().read_also_label(text) {
        let mut at = skip_space(text, label);
        if let Some(end) = separator_at(text, at) {
            at = end;
        } else if text[at..].starts_with([':', '：']) {
            at += text[at..].chars().next().map_or(0, char::len_utf8);
        }
        let after = x.prefixes(at, Position::LinkLine);
        if after == skip_space(text, at) {
            x.lead(after, Position::LinkLine);
        }
        return x.out;
    }
    let after = x.prefixes(0, Position::Prefix);
    x.lead(after, Position::Lead);
    x.suffixes(after);
    x.inline(after, text.len());
    x.line();
    x.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(Position, &str, &str, String)> {
        extract(0, 0, BlockKind::Body, text)
            .into_iter()
            .map(|c| (c.position, &text[c.phrase], &text[c.remove], c.key))
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
    fn phrases_are_short_and_wordy() {
        assert!(phrase_ok("PT. BESTPROFIT FUTURES JAMBI"));
        assert!(phrase_ok("KABARBURSA.COM"));
        assert!(phrase_ok("BESTPROFIT FUTURES (05/05)"));
        assert!(!phrase_ok("Rp13.160"));
        assert!(!phrase_ok("kata Durov. Namun"));
        assert!(!phrase_ok("\"E-mail tidak dapat dipercaya"));
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
        let got = found("Label: Berita, PT BESTPROFIT, Emas");
        let items: Vec<&str> = got.iter().map(|c| c.1).collect();
        assert_eq!(items, ["Berita", "PT BESTPROFIT", "Emas"]);
        assert_eq!(got[1].2, "PT BESTPROFIT, ");
        assert_eq!(got[2].2, ", Emas");
    }
}
