//! Folding text into comparison keys, and byte/UTF-16 offset bookkeeping.
//!
//! Spam farms write one brand many ways (`BESTPROFIT`, `Best Profit`, `best-profit`), so phrases are
//! compared by a folded key: lower case, letters and digits only. Everything here works on `char`s,
//! so no slicing can land inside a character.
//!
//! The scan walks every block char by char many times (word splits, space skips, shape checks).
//! The shipped Wasm is optimized for size, where `str::chars`, `split_whitespace`, `trim` and the
//! `char::is_*` methods stay out-of-line calls per character; the equivalents here read an ASCII
//! byte as its char inline and fall back to the standard decoding only for other bytes (the unit
//! tests check that they agree with the standard library).

use crate::lower::lowercase;

/// The folded key of `s`: lower-cased letters and digits, everything else dropped.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Appends the folded key of `s` to `out` (see [`fold`]) and returns how many characters it
/// added: keys are built in a reused buffer, word by word.
pub fn fold_into(s: &str, out: &mut String) -> usize {
    let bytes = s.as_bytes();
    let (mut added, mut at) = (0, 0);
    // Folding ASCII never grows the text: one reservation, and every push below fits.
    out.reserve(s.len());
    while let Some(&b) = bytes.get(at) {
        if b.is_ascii() {
            // The common case, without the Unicode tables (the same answer for ASCII), byte by
            // byte: words are short, and copying each as a run cost a call per word.
            if b.is_ascii_alphanumeric() {
                out.push(char::from(b.to_ascii_lowercase()));
                added += 1;
            }
            at += 1; // ASCII punctuation or space: dropped
        } else {
            let Some(c) = decode_wide(s, at) else { break };
            for l in lowercase(c).filter(|l| l.is_alphanumeric()) {
                out.push(l);
                added += 1;
            }
            at += c.len_utf8();
        }
    }
    added
}

/// A stack buffer this long (bytes) lowers most words with [`ascii_lower`].
pub const SHORT_WORD: usize = 32;

/// `w` in lower case, written into `buf` (on the caller's stack), when it is ASCII and fits: what
/// `to_lowercase` gives for such a word, without an allocation. `None` for other words (the caller
/// lowers them itself).
pub fn ascii_lower<'b>(w: &str, buf: &'b mut [u8]) -> Option<&'b str> {
    if !w.is_ascii() || w.len() > buf.len() {
        return None;
    }
    let lowered = &mut buf[..w.len()];
    lowered.copy_from_slice(w.as_bytes());
    lowered.make_ascii_lowercase();
    std::str::from_utf8(lowered).ok()
}

/// `s` in lower case, character by character, with the final sigma read as the plain one.
///
/// `str::to_lowercase` differs only in writing a capital sigma at a word's end as `ς`: that rule
/// is 4 KB of the Wasm core, and nothing here needs it. The words it lowers are compared with
/// lists that hold no Greek, and a user's allow phrase is lowered the same way as the text it is
/// looked for in, so `ΟΔΟΣ`, `οδος` and `οδοσ` all find each other.
pub fn lower(s: &str) -> String {
    s.chars()
        .flat_map(lowercase)
        .map(|c| if c == 'ς' { 'σ' } else { c })
        .collect()
}

/// A display-level normalization for whole-line comparisons: lower case, runs of whitespace
/// collapsed to one space, spaces just inside parentheses dropped, trimmed.
pub fn squash(s: &str) -> String {
    let mut out = Squashed {
        text: String::with_capacity(s.len()),
        pending_space: false,
        after_open: false,
    };
    // Every block that opens like a UI string comes here: ASCII chars lowered without the
    // Unicode tables (the same answer).
    for c in chars(s) {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            lowercase(c).for_each(|l| out.push(l));
        }
    }
    out.text
}

/// [`squash`]'s text so far: whether a space is owed before the next char, and whether the last
/// char written is `(`.
struct Squashed {
    text: String,
    pending_space: bool,
    after_open: bool,
}

impl Squashed {
    /// Inlined at both of [`squash`]'s calls: as a closure it stayed a call per char, most of
    /// squashing's cost.
    #[inline(always)]
    fn push(&mut self, c: char) {
        if is_space(c) {
            self.pending_space = !self.text.is_empty();
            return;
        }
        if self.pending_space && c != ')' && !self.after_open {
            self.text.push(' ');
        }
        self.pending_space = false;
        self.after_open = c == '(';
        self.text.push(c);
    }
}

/// Whether `c` is whitespace (`char::is_whitespace`), answered for ASCII without the Unicode
/// table. Every word split and space skip of the scan asks this of every character; in the size-
/// optimized Wasm the standard method is a call each time, this is inlined.
#[inline(always)]
pub fn is_space(c: char) -> bool {
    if c.is_ascii() {
        is_ascii_space(c as u8)
    } else {
        c.is_whitespace()
    }
}

/// Whether byte `b` is ASCII whitespace as [`is_space`] reads it (with `\x0B`, which
/// `u8::is_ascii_whitespace` leaves out): for the byte-level readings that leave wider chars to
/// the char-level ones.
#[inline(always)]
pub const fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// Char classes answered for ASCII without the Unicode tables (see [`is_space`]): each is the
/// `char` method of the same name, its ASCII counterpart for ASCII chars.
macro_rules! ascii_first {
    ($($name:ident => $ascii:ident,)*) => {$(
        #[doc = concat!("`c.", stringify!($name), "()`, inlined for ASCII.")]
        #[inline(always)]
        pub fn $name(c: char) -> bool {
            if c.is_ascii() {
                c.$ascii()
            } else {
                c.$name()
            }
        }
    )*};
}

ascii_first! {
    is_alphabetic => is_ascii_alphabetic,
    is_alphanumeric => is_ascii_alphanumeric,
    is_numeric => is_ascii_digit,
    is_uppercase => is_ascii_uppercase,
    is_lowercase => is_ascii_lowercase,
}

/// The char starting at byte `at` of `s`, the ASCII case read straight from the byte; `None` at
/// the end, or when `at` is not a char boundary.
#[inline(always)]
fn decode(s: &str, at: usize) -> Option<char> {
    match s.as_bytes().get(at) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => decode_wide(s, at),
        None => None,
    }
}

/// [`decode`] of a char that is not ASCII: out of line, so each inlined copy of the fast path
/// stays a few instructions (the Wasm's size budget).
#[inline(never)]
fn decode_wide(s: &str, at: usize) -> Option<char> {
    s.get(at..)?.chars().next()
}

/// [`char_before`] of a char that is not ASCII (see [`decode_wide`]).
#[inline(never)]
fn decode_wide_before(s: &str, at: usize) -> Option<char> {
    s.get(..at)?.chars().next_back()
}

/// `str::char_indices` with the ASCII case decoded inline (see [`decode`]), both ways: what the
/// scan's per-character loops iterate with.
#[derive(Debug, Clone)]
pub struct CharIndices<'a> {
    s: &'a str,
    front: usize,
    back: usize,
}

impl Iterator for CharIndices<'_> {
    type Item = (usize, char);

    #[inline(always)]
    fn next(&mut self) -> Option<(usize, char)> {
        if self.front >= self.back {
            return None;
        }
        let at = self.front;
        let c = decode(self.s, at)?;
        self.front += c.len_utf8();
        Some((at, c))
    }
}

impl DoubleEndedIterator for CharIndices<'_> {
    #[inline(always)]
    fn next_back(&mut self) -> Option<(usize, char)> {
        if self.front >= self.back {
            return None;
        }
        let c = char_before(self.s, self.back)?;
        self.back -= c.len_utf8();
        Some((self.back, c))
    }
}

/// The chars of `s` with their byte offsets: `s.char_indices()`, faster (see [`CharIndices`]).
#[inline]
pub fn char_indices(s: &str) -> CharIndices<'_> {
    CharIndices {
        s,
        front: 0,
        back: s.len(),
    }
}

/// The chars of `s`: `s.chars()`, faster (see [`CharIndices`]).
#[inline]
pub fn chars(s: &str) -> impl DoubleEndedIterator<Item = char> + Clone + '_ {
    char_indices(s).map(|(_, c)| c)
}

/// `s.trim()` (see [`is_space`]).
#[inline]
pub fn trim(s: &str) -> &str {
    trim_end(&s[skip_space(s, 0)..])
}

/// `s.split(..)` at the bytes `sep` says yes to, which must all be ASCII (so every piece is whole
/// UTF-8): the pieces, empty ones included.
pub fn split_ascii(s: &str, sep: impl Fn(u8) -> bool) -> impl Iterator<Item = &str> {
    let mut next = Some(0);
    std::iter::from_fn(move || {
        let start = next?;
        let end = s.as_bytes()[start..]
            .iter()
            .position(|&b| sep(b))
            .map_or(s.len(), |i| start + i);
        next = (end < s.len()).then_some(end + 1);
        Some(&s[start..end])
    })
}

/// The runs of letters and digits of `s`: `s.split(|c| !c.is_alphanumeric())` without the empty
/// pieces.
pub fn alphanumeric_words(s: &str) -> impl Iterator<Item = &str> + Clone + '_ {
    let mut rest = char_indices(s);
    std::iter::from_fn(move || {
        let (start, _) = rest.find(|&(_, c)| is_alphanumeric(c))?;
        let end = rest
            .find(|&(_, c)| !is_alphanumeric(c))
            .map_or(s.len(), |(i, _)| i);
        Some(&s[start..end])
    })
}

/// `s.trim().is_empty()` (see [`is_space`]).
#[inline]
pub fn is_blank(s: &str) -> bool {
    skip_space(s, 0) == s.len()
}

/// `s.trim_end()` (see [`is_space`]).
#[inline]
pub fn trim_end(s: &str) -> &str {
    &s[..skip_space_back(s, s.len())]
}

/// `s.trim_start()` (see [`is_space`]).
#[inline]
pub fn trim_start(s: &str) -> &str {
    &s[skip_space(s, 0)..]
}

/// Byte ranges of the whitespace-separated words of `s`, lazily (what `split_whitespace` finds).
pub fn words(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = skip_space(s, at);
        if start >= s.len() {
            at = s.len();
            return None;
        }
        at = next_space(s, start);
        Some((start, at))
    })
}

/// The whitespace-separated words of `s`: `split_whitespace` over bytes (see [`is_space`]).
pub fn split_space(s: &str) -> impl Iterator<Item = &str> + '_ {
    words(s).map(move |(a, b)| &s[a..b])
}

/// The byte where the first whitespace at or after `at` starts, or `s.len()`.
#[inline]
pub fn next_space(s: &str, mut at: usize) -> usize {
    while let Some(c) = decode(s, at) {
        if is_space(c) {
            return at;
        }
        at += c.len_utf8();
    }
    at
}

/// Byte ranges of the whitespace-separated words of `s` that start at or after `from`, last
/// first, lazily (a word cut by `from` is not seen).
pub fn words_back(s: &str, from: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = s.len();
    std::iter::from_fn(move || {
        at = skip_space_back(s, at);
        if at <= from {
            return None;
        }
        let end = at;
        while let Some(c) = char_before(s, at).filter(|&c| !is_space(c)) {
            if at - c.len_utf8() < from {
                break;
            }
            at -= c.len_utf8();
        }
        Some((at, end))
    })
}

/// The char just before byte `at` in `s`, if any.
#[inline]
pub fn char_before(s: &str, at: usize) -> Option<char> {
    // An ASCII byte before `at` is a whole char, so `at` is a boundary.
    match s.as_bytes().get(at.wrapping_sub(1)) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => decode_wide_before(s, at),
    }
}

/// The char starting at byte `at` in `s`, if any.
#[inline]
pub fn char_at(s: &str, at: usize) -> Option<char> {
    decode(s, at)
}

/// Moves `at` back over whitespace.
#[inline]
pub fn skip_space_back(s: &str, mut at: usize) -> usize {
    while let Some(c) = char_before(s, at) {
        if !is_space(c) {
            break;
        }
        at -= c.len_utf8();
    }
    at
}

/// Moves `at` forward over whitespace.
#[inline]
pub fn skip_space(s: &str, mut at: usize) -> usize {
    while let Some(c) = char_at(s, at) {
        if !is_space(c) {
            break;
        }
        at += c.len_utf8();
    }
    at
}

/// Converts sorted byte offsets of `s` to UTF-16 code-unit offsets in one pass.
///
/// `offsets` must be char boundaries; the answer has the same order and length.
pub fn utf16_offsets(s: &str, offsets: &[usize]) -> Vec<usize> {
    let mut out = vec![0; offsets.len()];
    let (mut byte, mut unit) = (0usize, 0usize);
    let mut chars = s.chars();
    for i in crate::order::order_by(offsets, |&at| (at, 0)) {
        while byte < offsets[i] {
            match chars.next() {
                Some(c) => {
                    byte += c.len_utf8();
                    unit += c.len_utf16();
                }
                None => break,
            }
        }
        out[i] = unit;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_is_to_lowercase_but_for_the_final_sigma() {
        for s in [
            "PT BESTPROFIT",
            "Ürün İçin",
            "ÅNGSTRÖM",
            "Straße",
            "ΟΔΟΣ ΚΑΙ",
            "ǅ ǈ",
            "",
        ] {
            assert_eq!(lower(s), s.to_lowercase().replace('ς', "σ"), "{s}");
        }
        assert_eq!(lower("ΟΔΟΣ"), "οδοσ");
        assert_eq!(lower("οδος"), "οδοσ");
    }

    #[test]
    fn fold_ignores_case_space_and_punctuation() {
        assert_eq!(fold("PT. Best-Profit  FUTURES"), "ptbestprofitfutures");
        assert_eq!(fold("Équité"), "équité");
    }

    #[test]
    fn squash_collapses_space_and_parentheses() {
        assert_eq!(
            squash("  Kommentare zum Post\n ( Atom )  "),
            "kommentare zum post (atom)"
        );
        assert_eq!(squash("No comments :"), "no comments :");
        // Non-ASCII chars are lowered by the Unicode tables, and Unicode spaces collapse too.
        assert_eq!(
            squash("\u{130}stanbul\u{a0}\u{2003}( KOMENTAR\u{3000})"),
            "i\u{307}stanbul (komentar)"
        );
        assert_eq!(squash("( (A) )"), "((a))");
    }

    #[test]
    fn utf16_offsets_count_surrogate_pairs() {
        let s = "a😀b";
        assert_eq!(utf16_offsets(s, &[0, 1, 5, 6]), vec![0, 1, 3, 4]);
        assert_eq!(utf16_offsets(s, &[6, 0]), vec![4, 0]);
    }

    #[test]
    fn words_back_are_the_words_last_first() {
        let s = " ab  c é ";
        let mut forward: Vec<_> = words(s).collect();
        forward.reverse();
        assert_eq!(words_back(s, 0).collect::<Vec<_>>(), forward);
        assert_eq!(words_back(s, 4).collect::<Vec<_>>(), vec![(7, 9), (5, 6)]);
    }

    #[test]
    fn char_classes_agree_with_the_standard_library() {
        for c in (0..=0x3_0000).filter_map(char::from_u32) {
            assert_eq!(is_space(c), c.is_whitespace(), "{c:?}");
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_numeric(c), c.is_numeric(), "{c:?}");
            assert_eq!(is_uppercase(c), c.is_uppercase(), "{c:?}");
            assert_eq!(is_lowercase(c), c.is_lowercase(), "{c:?}");
        }
    }

    #[test]
    fn byte_scans_agree_with_the_standard_library() {
        for s in [
            "",
            " ",
            "a",
            " ab\u{a0}c\u{2003}d\x0be ",
            "\u{3000}é😀 x\t\r\n",
            "PT. BEST–PROFIT “kata”",
            ",a,,b.",
        ] {
            assert!(char_indices(s).eq(s.char_indices()), "{s:?}");
            assert!(char_indices(s).rev().eq(s.char_indices().rev()), "{s:?}");
            assert!(chars(s).eq(s.chars()), "{s:?}");
            assert!(split_space(s).eq(s.split_whitespace()), "{s:?}");
            assert_eq!(
                (trim(s), trim_end(s), trim_start(s)),
                (s.trim(), s.trim_end(), s.trim_start())
            );
            assert_eq!(is_blank(s), s.trim().is_empty());
            let seps = |c: char| matches!(c, ' ' | '.' | ',');
            let pieces = split_ascii(s, |b| seps(char::from(b)));
            assert!(pieces.eq(s.split(seps)), "{s:?}");
            let alnum = s
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty());
            assert!(alphanumeric_words(s).eq(alnum), "{s:?}");
            assert_eq!(
                next_space(s, 0),
                s.find(char::is_whitespace).unwrap_or(s.len())
            );
            for at in 0..=s.len() + 1 {
                assert_eq!(char_at(s, at), s.get(at..).and_then(|p| p.chars().next()));
                assert_eq!(
                    char_before(s, at),
                    s.get(..at).and_then(|p| p.chars().next_back())
                );
            }
            let mut folded = String::new();
            let added = fold_into(s, &mut folded);
            let reference: String = s
                .chars()
                .flat_map(char::to_lowercase)
                .filter(|c| c.is_alphanumeric())
                .collect();
            assert_eq!(
                (folded.as_str(), added),
                (reference.as_str(), reference.chars().count())
            );
        }
    }

    mod any_text {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            /// The byte scans agree with the standard library on any text, not only the cases
            /// above (`extra` adds the spaces and separators they look for).
            #[test]
            fn byte_scans_agree_on_any_text(
                s in "(?s).{0,40}",
                extra in "[ a-zA-Z\u{a0}\u{2003}é.,()|-]{0,12}",
            ) {
                let s = format!("{s}{extra}");
                prop_assert!(char_indices(&s).eq(s.char_indices()));
                prop_assert!(char_indices(&s).rev().eq(s.char_indices().rev()));
                prop_assert!(split_space(&s).eq(s.split_whitespace()));
                prop_assert_eq!(
                    (trim(&s), trim_end(&s), trim_start(&s)),
                    (s.trim(), s.trim_end(), s.trim_start())
                );
                let alnum = s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
                prop_assert!(alphanumeric_words(&s).eq(alnum));
                let seps = |c: char| matches!(c, ',' | '|' | '/');
                prop_assert!(split_ascii(&s, |b| seps(char::from(b))).eq(s.split(seps)));
                for at in 0..=s.len() + 1 {
                    let (after, before) = (s.get(at..), s.get(..at));
                    prop_assert_eq!(char_at(&s, at), after.and_then(|p| p.chars().next()));
                    let last = before.and_then(|p| p.chars().next_back());
                    prop_assert_eq!(char_before(&s, at), last);
                }
                let mut folded = String::new();
                let added = fold_into(&s, &mut folded);
                let reference: String = s
                    .chars()
                    .flat_map(char::to_lowercase)
                    .filter(|c| c.is_alphanumeric())
                    .collect();
                let count = reference.chars().count();
                prop_assert_eq!((folded.as_str(), added), (reference.as_str(), count));
            }
        }
    }

    #[test]
    fn words_are_whitespace_separated() {
        assert_eq!(words(" ab  c ").collect::<Vec<_>>(), vec![(1, 3), (5, 6)]);
        assert_eq!(words("é x").collect::<Vec<_>>(), vec![(0, 2), (3, 4)]);
    }
}
