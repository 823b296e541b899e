//! `bersih scan --json` and `bersih clean` written straight from the input: the answer is streamed
//! to standard output piece by piece, never copied whole (a 50 MB input needs no second 50 MB for
//! `cleaned`, nor a copy of each finding's text).
//!
//! The JSON is byte for byte what serializing a `TextReport` gives (`{"findings":[...],"cleaned"}`):
//! the same field order, and for every piece of `cleaned` the escapes serde_json writes (the tests
//! below compare the two).

use std::io::{self, Write};

use bersih::text::kept;
use bersih::TextSpan;

/// Writes the `TextReport` JSON of `spans` over `input`, and a newline.
///
/// Written here, not through serde_json: the findings' numbers by `itoa` (serde_json's own), their
/// strings and `cleaned`, nearly the whole input, by [`write_escaped`], sixteen bytes at a time
/// between escapes. Through serde_json, `cleaned` went byte by byte behind the formatting
/// machinery, and the findings cost 1% more of `scan --json`'s instructions on 1 MB of dev-set
/// posts, 1.8% on spam posts (callgrind).
pub fn write_json(out: &mut impl Write, input: &str, spans: &[TextSpan]) -> io::Result<()> {
    let mut numbers = itoa::Buffer::new();
    out.write_all(br#"{"findings":["#)?;
    for (n, s) in spans.iter().enumerate() {
        out.write_all(if n == 0 {
            br#"{"start":"#
        } else {
            br#",{"start":"#
        })?;
        out.write_all(numbers.format(s.start).as_bytes())?;
        out.write_all(br#","end":"#)?;
        out.write_all(numbers.format(s.end).as_bytes())?;
        out.write_all(br#","category":""#)?;
        write_escaped(out, s.category.name())?;
        out.write_all(br#"","rule":""#)?;
        write_escaped(out, &s.rule)?;
        out.write_all(br#"","text":""#)?;
        write_escaped(out, &input[s.start..s.end])?;
        out.write_all(br#""}"#)?;
    }
    out.write_all(br#"],"cleaned":""#)?;
    for piece in kept(input, spans) {
        write_escaped(out, piece)?;
    }
    out.write_all(b"\"}\n")
}

/// `s` as the inside of a JSON string, escaped as serde_json escapes it: `\"`, `\\`, `\b`, `\f`,
/// `\n`, `\r`, `\t`, the other control characters as `\u00xx`, everything else as it is.
fn write_escaped(out: &mut impl Write, s: &str) -> io::Result<()> {
    let bytes = s.as_bytes();
    let mut run = 0;
    while let Some(off) = first_escape(&bytes[run..]) {
        let at = run + off;
        let b = bytes[at];
        let unicode;
        let escape: &[u8] = match b {
            b'"' => br#"\""#,
            b'\\' => br"\\",
            b'\n' => br"\n",
            b'\r' => br"\r",
            b'\t' => br"\t",
            0x08 => br"\b",
            0x0c => br"\f",
            _ => {
                let hex = |n: u8| b"0123456789abcdef"[usize::from(n)];
                unicode = [b'\\', b'u', b'0', b'0', hex(b >> 4), hex(b & 0xf)];
                &unicode
            }
        };
        out.write_all(&bytes[run..at])?;
        out.write_all(escape)?;
        run = at + 1;
    }
    out.write_all(&bytes[run..])
}

/// Whether byte `b` needs an escape in a JSON string: a control character, `"` or `\`.
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// The offset of the first byte of `bytes` that needs an escape (most text has one a line, at
/// its line break): sixteen bytes at a time with SSE2, which every x86-64 has, then eight at a
/// time by [`escapes`].
fn first_escape(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    while let Some(chunk) = bytes.get(at..at + 16) {
        let marks = sse2_escapes(chunk.try_into().ok()?);
        if marks != 0 {
            return Some(at + marks.trailing_zeros() as usize);
        }
        at += 16;
    }
    while let Some(chunk) = bytes.get(at..at + 8) {
        let marks = escapes(u64::from_le_bytes(chunk.try_into().ok()?));
        if marks != 0 {
            return Some(at + (marks.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    bytes[at..]
        .iter()
        .position(|&b| needs_escape(b))
        .map(|i| at + i)
}

/// The bytes of `chunk` that need an escape, as bit `i` for byte `i`.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
fn sse2_escapes(chunk: &[u8; 16]) -> u32 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_max_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8,
    };
    // SAFETY: SSE2 is enabled for this build (the cfg above; every x86-64 CPU has it), and the
    // unaligned load reads exactly the sixteen bytes `chunk` borrows.
    unsafe {
        let v = _mm_loadu_si128(chunk.as_ptr().cast::<__m128i>());
        // Below 0x20 exactly where the unsigned maximum with 0x1f is 0x1f.
        let low = _mm_set1_epi8(0x1f);
        let control = _mm_cmpeq_epi8(_mm_max_epu8(v, low), low);
        let quote = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'"' as i8));
        let backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\\' as i8));
        _mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, backslash))) as u32
    }
}

/// The bytes of `word` (in memory order, little-endian) that need an escape, as the high bit of
/// each: a control character, `"` or `\`. The classic tests for a zero byte and for a byte below
/// a bound: a borrow can mark a byte after a marked one too, never one before, so the lowest mark
/// is exact, and there is one when any byte needs an escape.
fn escapes(word: u64) -> u64 {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let below = |v: u64, n: u8| v.wrapping_sub(ONES * u64::from(n)) & !v & HIGHS;
    let is = |b: u8| below(word ^ (ONES * u64::from(b)), 1);
    below(word, 0x20) | is(b'"') | is(b'\\')
}

/// Writes `input` without the findings.
pub fn write_cleaned(out: &mut impl Write, input: &str, spans: &[TextSpan]) -> io::Result<()> {
    kept(input, spans).try_for_each(|piece| out.write_all(piece.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use bersih::{Engine, Options};

    fn escaped(s: &str) -> String {
        let mut out = Vec::new();
        write_escaped(&mut out, s).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Every character that needs an escape, at every place in and around an eight-byte word,
    /// beside text that does not: the same bytes as serde_json writes.
    #[test]
    fn escapes_equal_serde_json_everywhere() {
        let specials = (0u8..0x20).map(char::from).chain(['"', '\\']);
        for c in specials.chain(['a', '\u{7f}', 'é', '\u{2028}', '😀']) {
            for at in 0..20 {
                let s = format!("{}{c}{}", &"abcdefghijklmnopqrst"[..at], "xyz0123456789");
                let json = serde_json::to_string(&s).unwrap();
                assert_eq!(escaped(&s), json[1..json.len() - 1], "{s:?}");
            }
        }
    }

    /// The search finds the first byte that needs an escape, at every place in and past a
    /// sixteen-byte chunk, beside every other byte value.
    #[test]
    fn the_search_finds_the_first_escape() {
        for b in 0..=255u8 {
            for len in 1..40 {
                for at in 0..len {
                    let mut text = vec![b'a'; len];
                    text[at] = b;
                    let want = text.iter().position(|&x| needs_escape(x));
                    assert_eq!(first_escape(&text), want, "{b:#x} at {at} of {len}");
                    text.iter_mut().skip(at + 1).for_each(|x| *x = b'"');
                    let want = text.iter().position(|&x| needs_escape(x));
                    assert_eq!(
                        first_escape(&text),
                        want,
                        "{b:#x} at {at} of {len}, quotes after"
                    );
                }
            }
        }
        assert_eq!(first_escape(b""), None);
    }

    /// The word test finds the first byte that needs an escape, whatever the others are.
    #[test]
    fn the_word_test_finds_the_first_escape() {
        let needs = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
        let first = |w: [u8; 8]| (escapes(u64::from_le_bytes(w)).trailing_zeros() / 8) as usize;
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut w = [b'a'; 8];
                w[at] = b;
                assert_eq!(first(w), if needs(b) { at } else { 8 }, "{b:#x} at {at}");
            }
            for c in 0..=255u8 {
                let w = [b, c, c, b, c, b, b, c];
                assert_eq!(first(w), w.iter().position(|&x| needs(x)).unwrap_or(8));
            }
        }
    }

    /// The streamed JSON is exactly the serialized report, escapes included.
    #[test]
    fn streamed_json_equals_the_serialized_report() {
        let input =
            "BESTPROFIT FUTURES - \"Harga\"\temas\\naik.\r\n0 komentar:\r\nPosting Komentar\u{1}\n\
                     Tab\there, ünïcode 😀 and a quote \" - BEST PROFIT\nBeranda";
        let controls: String = (0u8..0x20).chain([0x7f]).map(char::from).collect();
        let input = &format!("{input}\n{controls} é\u{2028} \\\"/\n");
        let engine = Engine::embedded();
        let report = engine.scan_text(input, &Options::default());
        assert!(report.findings.len() >= 2);
        let spans = engine.text_spans(input, &Options::default());
        let mut streamed = Vec::new();
        write_json(&mut streamed, input, &spans).unwrap();
        let whole = serde_json::to_string(&report).unwrap() + "\n";
        assert_eq!(String::from_utf8(streamed).unwrap(), whole);
        let mut cleaned = Vec::new();
        write_cleaned(&mut cleaned, input, &spans).unwrap();
        assert_eq!(String::from_utf8(cleaned).unwrap(), report.cleaned);
    }
}
