//! The first of a few bytes in a text, eight bytes at a time.
//!
//! The extractor looks across every block for sentence ends and for the bytes that can start a
//! separator; byte by byte, those loops were 6% of `scan --json`'s instructions on post text
//! (callgrind). A word test in plain integer arithmetic (SWAR) needs no SIMD and no dependency,
//! so the Wasm gains as much as the native build and grows by a few hundred bytes.

const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);

/// The bytes of `word` equal to one of `needles`, as the high bit of each (any byte order).
///
/// The classic test for a zero byte, on `word` XOR each needle: a borrow can mark a byte above a
/// marked one too, never one below, so the lowest mark (in memory order, read little-endian) is
/// exact, and there is one when any byte matches.
#[inline(always)]
fn marks<const N: usize>(word: u64, needles: &[u8; N]) -> u64 {
    let mut out = 0;
    for &needle in needles {
        let v = word ^ (ONES * u64::from(needle));
        out |= v.wrapping_sub(ONES) & !v & HIGHS;
    }
    out
}

/// The offset of the first byte of `hay` that is one of `needles`. Out of line, and the last bytes
/// go through the same word test, padded: each set of needles costs the Wasm one small copy.
#[inline(never)]
pub fn find_any<const N: usize>(hay: &[u8], needles: &[u8; N]) -> Option<usize> {
    let first = |at: usize, marks: u64| at + (marks.trailing_zeros() / 8) as usize;
    let mut at = 0;
    while let Some(chunk) = hay.get(at..at + 8) {
        let mut w = [0; 8];
        w.copy_from_slice(chunk);
        let m = marks(u64::from_le_bytes(w), needles);
        if m != 0 {
            return Some(first(at, m));
        }
        at += 8;
    }
    let rest = &hay[at..];
    if rest.is_empty() {
        return None;
    }
    let mut w = [0; 8];
    w[..rest.len()].copy_from_slice(rest);
    // Padding bytes can match (a needle 0, or a borrow above a match): only the text's count.
    let m = marks(u64::from_le_bytes(w), needles) & ((1u64 << (rest.len() * 8)) - 1);
    (m != 0).then(|| first(at, m))
}

/// The offsets of the bytes of `hay` that are one of `needles`, in order.
pub fn find_all<'a, const N: usize>(
    hay: &'a [u8],
    needles: &'a [u8; N],
) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + find_any(hay.get(from..)?, needles)?;
        from = at + 1;
        Some(at)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain<const N: usize>(hay: &[u8], needles: &[u8; N]) -> Vec<usize> {
        (0..hay.len())
            .filter(|&i| needles.contains(&hay[i]))
            .collect()
    }

    #[test]
    fn finds_what_a_byte_loop_finds() {
        let needles = &[b'.', b'!', b'?', b'"', 0xE2, 0x00];
        // Every length around the word size, needles at every place, and bytes next to the
        // needles' values (a borrow from a matching byte must not hide or fake a match below it).
        let alphabet = [
            b'a', b'.', b'-', b'/', 0x00, 0x01, 0xE1, 0xE2, 0xE3, 0xFF, b'!', b'"', b'#',
        ];
        let mut seed = 7u32;
        for len in 0..40 {
            for _ in 0..200 {
                let hay: Vec<u8> = (0..len)
                    .map(|_| {
                        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                        alphabet[(seed >> 16) as usize % alphabet.len()]
                    })
                    .collect();
                let want = plain(&hay, needles);
                assert_eq!(find_any(&hay, needles), want.first().copied(), "{hay:?}");
                assert_eq!(find_all(&hay, needles).collect::<Vec<_>>(), want, "{hay:?}");
            }
        }
    }

    #[test]
    fn finds_nothing_in_text_without_the_needles() {
        let text = "Harga cabai turun dua hari berturut-turut kata pedagang";
        assert_eq!(find_any(text.as_bytes(), b".|\xE2"), None);
        assert_eq!(find_any(text.as_bytes(), b"-"), Some(35));
        assert_eq!(find_any(b"", b"-"), None);
    }
}
