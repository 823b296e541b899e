//! Folding text into comparison keys, and byte/UTF-16 offset bookkeeping.
//!
//! Spam farms write one brand many ways (`BESTPROFIT`, `Best Profit`, `best-profit`), so phrases are
//! compared by a folded key: lower case, letters and digits only. Everything here works on `char`s,
//! so no slicing can land inside a character.

/// The folded key of `s`: lower-cased letters and digits, everything else dropped.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Appends the folded key of `s` to `out` (see [`fold`]) and returns how many characters it
/// added: keys are built in a reused buffer, word by word.
pub fn fold_into(s: &str, out: &mut String) -> usize {
    let mut added = 0;
    for c in s.chars() {
        if c.is_ascii() {
            // The common case, without the Unicode tables (the same answer for ASCII).
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
                added += 1;
            }
        } else {
            for l in c.to_lowercase().filter(|l| l.is_alphanumeric()) {
                out.push(l);
                added += 1;
            }
        }
    }
    added
}

/// Words up to this long (bytes) are lowered on the stack by [`ascii_lower`].
pub const SHORT_WORD: usize = 32;

/// `w` in lower case, written into `buf`, when it is ASCII and fits: what `to_lowercase` gives
/// for such a word, without an allocation. `None` for other words (the caller lowers them itself).
pub fn ascii_lower<'b>(w: &str, buf: &'b mut [u8; SHORT_WORD]) -> Option<&'b str> {
    if !w.is_ascii() || w.len() > SHORT_WORD {
        return None;
    }
    let lowered = &mut buf[..w.len()];
    lowered.copy_from_slice(w.as_bytes());
    lowered.make_ascii_lowercase();
    std::str::from_utf8(lowered).ok()
}

/// A display-level normalization for whole-line comparisons: lower case, runs of whitespace
/// collapsed to one space, spaces just inside parentheses dropped, trimmed.
pub fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space && c != ')' && !out.ends_with('(') {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out
}

/// Byte ranges of the whitespace-separated words of `s`, lazily.
pub fn words(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut rest = s.char_indices().peekable();
    std::iter::from_fn(move || {
        while rest.next_if(|&(_, c)| c.is_whitespace()).is_some() {}
        let (start, _) = *rest.peek()?;
        let mut end = s.len();
        while let Some(&(i, c)) = rest.peek() {
            if c.is_whitespace() {
                end = i;
                break;
            }
            rest.next();
        }
        Some((start, end))
    })
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
        while let Some(c) = char_before(s, at).filter(|c| !c.is_whitespace()) {
            if at - c.len_utf8() < from {
                break;
            }
            at -= c.len_utf8();
        }
        Some((at, end))
    })
}

/// The char just before byte `at` in `s`, if any.
pub fn char_before(s: &str, at: usize) -> Option<char> {
    s.get(..at).and_then(|p| p.chars().next_back())
}

/// The char starting at byte `at` in `s`, if any.
pub fn char_at(s: &str, at: usize) -> Option<char> {
    s.get(at..).and_then(|p| p.chars().next())
}

/// Moves `at` back over whitespace.
pub fn skip_space_back(s: &str, mut at: usize) -> usize {
    while let Some(c) = char_before(s, at) {
        if !c.is_whitespace() {
            break;
        }
        at -= c.len_utf8();
    }
    at
}

/// Moves `at` forward over whitespace.
pub fn skip_space(s: &str, mut at: usize) -> usize {
    while let Some(c) = char_at(s, at) {
        if !c.is_whitespace() {
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
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut out = vec![0; offsets.len()];
    let (mut byte, mut unit) = (0usize, 0usize);
    let mut chars = s.chars();
    for i in order {
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
    fn words_are_whitespace_separated() {
        assert_eq!(words(" ab  c ").collect::<Vec<_>>(), vec![(1, 3), (5, 6)]);
        assert_eq!(words("é x").collect::<Vec<_>>(), vec![(0, 2), (3, 4)]);
    }
}
