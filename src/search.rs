//! The first of a few bytes in a text, eight or sixteen bytes at a time.
//!
//! The extractor looks across every block for sentence ends and for the bytes that can start a
//! separator, and reads most bytes of a post two or three times that way (the inline search, the
//! tail's window, the separators): byte by byte, those loops were 6% of `scan --json`'s
//! instructions on post text (callgrind). A word test in plain integer arithmetic (SWAR, eight
//! bytes at a time) needs no SIMD and no dependency, and is what the Wasm runs; natively on x86-64,
//! SSE2 (part of every x86-64) tests sixteen bytes with fewer instructions: 6% fewer for all of
//! `scan --json` on clean text, 3% less CPU time (`farm-bench`, 20 MB).
//!
//! Not used: the Wasm's `simd128` for the same test (no faster in V8, paired, at the module's
//! `opt-level = "z"`, and 88 bytes more gzipped), and the compiler's own vectorizing of a portable
//! sixteen-byte loop, which depended on the set of needles and made two of the three sets slower.

/// Bytes tested at a time.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
const LANES: usize = 16;
/// Bytes tested at a time.
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
const LANES: usize = 8;

/// The bytes of `chunk` equal to one of `needles`, as bit `i` for byte `i`.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn marks<const N: usize>(chunk: &[u8; LANES], needles: &[u8; N]) -> u32 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
        _mm_setzero_si128,
    };
    // SAFETY: SSE2 is enabled for this build (the cfg above; every x86-64 CPU has it), and the
    // unaligned load reads exactly the sixteen bytes `chunk` borrows.
    unsafe {
        let v = _mm_loadu_si128(chunk.as_ptr().cast::<__m128i>());
        let mut m = _mm_setzero_si128();
        for &needle in needles {
            m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8(needle as i8)));
        }
        _mm_movemask_epi8(m) as u32
    }
}

/// The first byte of `chunk` equal to one of `needles`, as bit `i` for byte `i`.
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
#[inline(always)]
fn marks<const N: usize>(chunk: &[u8; LANES], needles: &[u8; N]) -> u32 {
    swar::first_mark(chunk, needles)
}

/// The eight-byte test in integer arithmetic, where there is no SSE2 (and tested everywhere).
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
mod swar {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);

    /// The first byte of `chunk` equal to one of `needles`, as bit `i` for byte `i` (0: none).
    ///
    /// The classic test for a zero byte, on the word XOR each needle, read little-endian: a borrow
    /// can mark a byte above a marked one too, never one below, so the lowest mark is exact, and
    /// there is one when any byte matches.
    #[inline(always)]
    pub fn first_mark<const N: usize>(chunk: &[u8; 8], needles: &[u8; N]) -> u32 {
        let word = u64::from_le_bytes(*chunk);
        let mut out = 0;
        for &needle in needles {
            let v = word ^ (ONES * u64::from(needle));
            out |= v.wrapping_sub(ONES) & !v & HIGHS;
        }
        if out == 0 {
            0
        } else {
            1 << (out.trailing_zeros() / 8)
        }
    }
}

/// The offset of the first byte of `hay` that is one of `needles`. Out of line: each set of
/// needles costs the Wasm one small copy.
#[inline(never)]
pub fn find_any<const N: usize>(hay: &[u8], needles: &[u8; N]) -> Option<usize> {
    find_marked(hay, &Needles(needles))
}

/// A test of `L` bytes at a time: the first of a chunk's bytes that matches as its bit, and
/// optionally later ones. A trait with an inlined method rather than a closure: the size-optimized
/// Wasm kept a closure a call per chunk.
trait Marks<const L: usize> {
    fn marks(&self, chunk: &[u8; L]) -> u32;
}

/// [`find_any`]'s test: the build's own [`marks`].
struct Needles<'a, const N: usize>(&'a [u8; N]);

impl<const N: usize> Marks<LANES> for Needles<'_, N> {
    #[inline(always)]
    fn marks(&self, chunk: &[u8; LANES]) -> u32 {
        marks(chunk, self.0)
    }
}

/// [`find_any`] over chunks of `L` bytes tested by `test` (so the tests run the Wasm's eight-byte
/// SWAR test natively too).
#[inline(always)]
fn find_marked<const L: usize>(hay: &[u8], test: &impl Marks<L>) -> Option<usize> {
    let mut at = 0;
    while let Some(chunk) = hay.get(at..at + L) {
        let mut w = [0; L];
        w.copy_from_slice(chunk);
        let m = test.marks(&w);
        if m != 0 {
            return Some(at + m.trailing_zeros() as usize);
        }
        at += L;
    }
    if at == hay.len() {
        return None;
    }
    // The last bytes: in a hay of a chunk or more, the chunk that ends it, whose bytes before
    // `at` were tested already and are shifted out (with SWAR, which gives only the first mark,
    // none is among them: nothing matched there); in a shorter one, a copy padded with zeros,
    // which can match too (a needle 0), past the hay.
    let mut padded = [0; L];
    let (chunk, skip) = match hay.len().checked_sub(L) {
        Some(start) => (&hay[start..], at - start),
        None => {
            padded[..hay.len()].copy_from_slice(hay);
            (&padded[..], 0)
        }
    };
    let m = test.marks(chunk.first_chunk::<L>()?) >> skip;
    let found = at + m.trailing_zeros() as usize;
    (m != 0 && found < hay.len()).then_some(found)
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

    /// The Wasm's test, run natively.
    struct Swar<'a, const N: usize>(&'a [u8; N]);

    impl<const N: usize> Marks<8> for Swar<'_, N> {
        fn marks(&self, chunk: &[u8; 8]) -> u32 {
            swar::first_mark(chunk, self.0)
        }
    }

    fn plain<const N: usize>(hay: &[u8], needles: &[u8; N]) -> Vec<usize> {
        (0..hay.len())
            .filter(|&i| needles.contains(&hay[i]))
            .collect()
    }

    #[test]
    fn finds_what_a_byte_loop_finds() {
        let needles = &[b'.', b'!', b'?', b'"', 0xE2, 0x00];
        // Every length around the chunk size, needles at every place, and bytes next to the
        // needles' values (a borrow from a matching byte must not hide or fake a match below it).
        let alphabet = [
            b'a', b'.', b'-', b'/', 0x00, 0x01, 0xE1, 0xE2, 0xE3, 0xFF, b'!', b'"', b'#',
        ];
        let mut seed = 7u32;
        for len in 0..70 {
            for _ in 0..200 {
                let hay: Vec<u8> = (0..len)
                    .map(|_| {
                        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                        alphabet[(seed >> 16) as usize % alphabet.len()]
                    })
                    .collect();
                let want = plain(&hay, needles);
                assert_eq!(find_any(&hay, needles), want.first().copied(), "{hay:?}");
                let swar = find_marked(&hay, &Swar(needles));
                assert_eq!(swar, want.first().copied(), "{hay:?}");
                assert_eq!(find_all(&hay, needles).collect::<Vec<_>>(), want, "{hay:?}");
            }
        }
    }

    #[test]
    fn each_test_finds_the_first_byte_of_its_chunk() {
        let needles = b"-|\xE2";
        let alphabet = [
            b'a', b'-', b'|', b',', 0x00, 0xE1, 0xE2, 0xE3, 0xFF, 0x7B, 0x7D, 0x2E,
        ];
        let mut seed = 11u32;
        let mut next = || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            alphabet[(seed >> 16) as usize % alphabet.len()]
        };
        let low = |m: u32| (m != 0).then(|| m.trailing_zeros() as usize);
        for _ in 0..5000 {
            let chunk: [u8; LANES] = std::array::from_fn(|_| next());
            let first = chunk.iter().position(|b| needles.contains(b));
            assert_eq!(low(marks(&chunk, needles)), first, "{chunk:?}");
            let word: [u8; 8] = std::array::from_fn(|_| next());
            let first = word.iter().position(|b| needles.contains(b));
            assert_eq!(low(swar::first_mark(&word, needles)), first, "{word:?}");
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
