//! Reads the whole input once (a file or standard input) and decodes it as UTF-8.
//!
//! The core works on `&str` with byte offsets into the input, so the input is read in one go and
//! never altered (no newline conversion): offsets in `scan --json` point into exactly the bytes the
//! user gave. The one exception is a UTF-8 byte-order mark at the very start, which editors on
//! Windows write and nobody sees: it is not text, and left in front of line 1 it would hide that
//! line's injected prefix from the core. So the core is given the text after it, and every offset
//! it reports is moved back by the mark's three bytes ([`Text::report`]): `start`/`end` still count
//! from the first byte of the input, and `clean` and `cleaned` keep the mark where it was.

use std::fs;
use std::io::{self, Read};

use bersih::utf8::decode;
use bersih::{Engine, Options, TextSpan};

use super::args::Input;

/// The byte-order mark as it appears at the start of UTF-8 text.
const BOM: char = '\u{feff}';

/// The input as read: all of it, and where the text the core judges starts.
pub struct Text {
    raw: String,
    /// 3 after a byte-order mark, else 0.
    start: usize,
}

impl Text {
    pub fn new(raw: String) -> Text {
        let start = if raw.starts_with(BOM) {
            BOM.len_utf8()
        } else {
            0
        };
        Text { raw, start }
    }

    /// Everything that was read, byte-order mark included.
    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// The text to scan: the input without a leading byte-order mark.
    pub fn body(&self) -> &str {
        &self.raw[self.start..]
    }

    /// The findings of a scan of [`Text::body`], with offsets into the whole input: what is left
    /// between them (`clean`, `cleaned`) keeps the byte-order mark in front.
    pub fn spans(&self, engine: &Engine, options: &Options) -> Vec<TextSpan> {
        let mut spans = engine.text_spans(self.body(), options);
        for s in &mut spans {
            s.start += self.start;
            s.end += self.start;
        }
        spans
    }
}

/// Reads `input` completely, or says which input failed and why.
pub fn read(input: &Input) -> Result<Text, String> {
    let (name, bytes) = match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            ("standard input".to_string(), bytes)
        }
        Input::File(path) => {
            let bytes =
                fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            (path.display().to_string(), bytes)
        }
    };
    decode(bytes)
        .map(Text::new)
        .map_err(|e| format!("{name}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use bersih::text::kept;

    #[test]
    fn a_byte_order_mark_hides_nothing_and_offsets_count_it() {
        let raw = "\u{feff}KPF - Harga emas naik.\nDua.\n";
        let text = Text::new(raw.to_string());
        assert_eq!(text.body(), "KPF - Harga emas naik.\nDua.\n");
        let spans = text.spans(Engine::embedded(), &Options::default());
        let f = &spans[0];
        assert_eq!((f.start, f.end), (3, 9));
        assert_eq!(&raw[f.start..f.end], "KPF - ");
        let cleaned: String = kept(raw, &spans).collect();
        assert_eq!(cleaned, "\u{feff}Harga emas naik.\nDua.\n");
    }

    #[test]
    fn text_without_a_mark_is_unchanged() {
        let text = Text::new("Satu.\n".into());
        assert_eq!((text.raw(), text.body()), ("Satu.\n", "Satu.\n"));
        let mid = Text::new("a\u{feff}b".into());
        assert_eq!(
            mid.body(),
            "a\u{feff}b",
            "only a mark at the very start is skipped"
        );
    }
}
