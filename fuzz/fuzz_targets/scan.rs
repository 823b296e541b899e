//! `scan` on any blocks and options: no panic, findings sorted, disjoint, inside their block on
//! char boundaries, UTF-16 offsets that agree, never in a reader's comment, never of a category
//! the user switched off.
#![no_main]

use bersih::{scan, Block, BlockKind, Category, Options};
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;

fn page(u: &mut Unstructured) -> Result<(Vec<Block>, Options)> {
    let mut blocks = Vec::new();
    for _ in 0..u.int_in_range(0..=32)? {
        blocks.push(Block {
            text: u.arbitrary()?,
            kind: *u.choose(&BlockKind::ALL)?,
            post: u.int_in_range(0..=3)?,
        });
    }
    let phrases = |u: &mut Unstructured| -> Result<Vec<String>> {
        (0..u.int_in_range(0..=4)?).map(|_| u.arbitrary()).collect()
    };
    let mut disabled = Vec::new();
    for _ in 0..u.int_in_range(0..=3)? {
        disabled.push(*u.choose(&Category::ALL)?);
    }
    let options = Options {
        allow: phrases(u)?,
        deny: phrases(u)?,
        disabled,
    };
    Ok((blocks, options))
}

fuzz_target!(|data: &[u8]| {
    let Ok((blocks, options)) = page(&mut Unstructured::new(data)) else {
        return;
    };
    let mut last: Option<(usize, usize)> = None;
    for f in scan(&blocks, &options) {
        let text = &blocks[f.block].text;
        assert!(f.start <= f.end && f.end <= text.len());
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        assert_eq!(f.start16, text[..f.start].encode_utf16().count());
        assert_eq!(f.end16, text[..f.end].encode_utf16().count());
        assert_ne!(blocks[f.block].kind, BlockKind::Comment);
        assert!(!options.disabled.contains(&f.category));
        if let Some((block, end)) = last {
            assert!(f.block > block || (f.block == block && f.start >= end));
        }
        last = Some((f.block, f.end));
    }
});
