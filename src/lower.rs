//! Lower-casing a char without the standard library's case table.
//!
//! `char::to_lowercase` looks a char up in a table of every mapped char and its lower case, 1,462
//! pairs (11.7 KB of the Wasm core's data, the largest single item in it). Most of those pairs
//! are runs: a block of capitals a fixed distance from its small letters (`A`–`Z`, Cyrillic), or
//! capitals and small letters alternating (Latin Extended). `build.rs` reads the standard
//! library's own mapping for every char and writes it as those runs (`$OUT_DIR/lower.rs`), so this
//! gives exactly what `char::to_lowercase` gives (a test compares every char) from a table a sixth
//! the size.

include!(concat!(env!("OUT_DIR"), "/lower.rs"));

/// The lower case of `c`: what `c.to_lowercase()` yields.
pub fn lowercase(c: char) -> impl Iterator<Item = char> + Clone {
    let (first, second) = lower_pair(c);
    std::iter::once(first).chain(second)
}

/// `c` lowered: its first char, and a second one for the one char that lowers to two.
fn lower_pair(c: char) -> (char, Option<char>) {
    if c.is_ascii() {
        return (c.to_ascii_lowercase(), None);
    }
    if c == TWO_CHARS.0 {
        return (TWO_CHARS.1, Some(TWO_CHARS.2));
    }
    let code = u32::from(c);
    // The last run starting at or before `c`: runs do not overlap.
    let run = LOWER_RUNS.partition_point(|&(first, ..)| first <= code);
    let Some(&(first, count, step, delta)) = run.checked_sub(1).map(|i| &LOWER_RUNS[i]) else {
        return (c, None);
    };
    let offset = code - first;
    let step = u32::from(step);
    if offset % step == 0 && offset / step < u32::from(count) {
        // Every run maps into valid chars (build.rs wrote them from real mappings).
        if let Some(lower) = code.checked_add_signed(delta).and_then(char::from_u32) {
            return (lower, None);
        }
    }
    (c, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_char_lowers_as_the_standard_library_lowers_it() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert!(
                lowercase(c).eq(c.to_lowercase()),
                "{c:?} (U+{:04X})",
                u32::from(c)
            );
        }
    }
}
