//! The request reader of the Wasm `scan` export (`api::handle`): any layout, texts and options
//! give an answer or an error, never a panic; an answer is JSON with a `findings` array.
//!
//! The input is cut as `[n: u16][n numbers: u32 each][options length: u16][options][texts]`,
//! little-endian (`cargo xtask fuzz` seeds it so from the dev set).
#![no_main]

use libfuzzer_sys::fuzz_target;

/// The first `n` bytes of `data` and the rest, if it has that many.
fn take(data: &[u8], n: usize) -> Option<(&[u8], &[u8])> {
    (data.len() >= n).then(|| data.split_at(n))
}

fn u16_at(data: &[u8]) -> Option<(usize, &[u8])> {
    let (n, rest) = take(data, 2)?;
    Some((usize::from(u16::from_le_bytes([n[0], n[1]])), rest))
}

fuzz_target!(|data: &[u8]| {
    let Some((count, rest)) = u16_at(data) else {
        return;
    };
    let Some((numbers, rest)) = take(rest, 4 * count) else {
        return;
    };
    let layout: Vec<u32> = numbers
        .chunks_exact(4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    let Some((options_len, rest)) = u16_at(rest) else {
        return;
    };
    let Some((options, texts)) = take(rest, options_len) else {
        return;
    };
    if let Ok(answer) = bersih::api::handle(texts, &layout, options) {
        assert!(answer.starts_with("{\"findings\":["), "{answer}");
    }
});
