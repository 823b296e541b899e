//! The one request/answer that crosses the JS↔Wasm boundary, and the extension's messaging.
//!
//! One call per scan: the content script sends every block of the page and receives every finding.
//! The same function serves the in-page Wasm and the background fallback, so both answer alike.
//!
//! The request is flat ([`handle`]): the blocks' texts as UTF-8 bytes one after another, and three
//! numbers a block. Read from JSON, the texts were most of the work of reading a request, and a
//! request was a fifth of the call on a page of 1 MB (miniserde's string loop reads every byte);
//! laid out flat they are sliced where they lie. The options (a few phrases) and the answer (a
//! few findings a page) stay JSON, read and written with `miniserde`, not `serde_json`: these small
//! shapes are all the Wasm core ever parses or prints, and `serde_json`'s generic (de)serializers
//! were about a sixth of the module's gzipped size. The names on the wire are the model's serde
//! names (`BlockKind::name`, `Category::name`, `Cap::name`; a test keeps them equal), so the JSON is
//! the same as `serde_json` would write for the model types.

use std::borrow::Cow;

use miniserde::de::{Deserialize, Visitor};
use miniserde::ser::{Fragment, Map, Serialize};
use miniserde::{json, make_place};

use crate::text::{TextFinding, TextReport};
use crate::user::Cap;
use crate::{BlockKind, Category, Engine, Finding, Options};

/// The numbers a block has in a request's layout: its text's length in UTF-16 code units (the
/// page's own string length), its kind (an index into [`BlockKind::ALL`]) and its post.
pub const LAYOUT_FIELDS: usize = 3;

/// The options of a request, as JSON: `{"allow":[...],"deny":[...],"disabled":[...]}`, every
/// field optional.
#[derive(miniserde::Deserialize)]
struct WireOptions {
    allow: Option<Vec<String>>,
    deny: Option<Vec<String>>,
    disabled: Option<Vec<Category>>,
}

/// Why a request was refused; the message names the part at fault.
fn bad(what: &str) -> String {
    format!("bad scan request: {what}")
}

/// Scans a page with the shipped rules and serializes the answer: `{"findings":[...]}`, plus
/// `"capped":[...]` only when a cap on the user's phrases was reached.
///
/// `texts` holds the blocks' texts, UTF-8, one after another; `layout` holds [`LAYOUT_FIELDS`]
/// numbers a block (length in UTF-16 code units, kind, post); `options` is the JSON of the
/// options, or empty for none. The texts must be valid UTF-8, and the layout must cover them
/// exactly, each block ending between two characters.
///
/// Lengths in code units, not bytes: the content script then encodes many blocks' texts in one
/// `TextEncoder` call, where one call a block was most of laying out a long page in Chromium
/// (a call and a view a block), and the core finds each block's bytes in one pass over them.
pub fn handle(texts: &[u8], layout: &[u32], options: &[u8]) -> Result<String, String> {
    let blocks = blocks(texts, layout)?;
    let options = read_options(options)?;
    let page = Engine::embedded().scan_borrowed(&blocks, &options);
    let mut fields: Vec<(&str, &dyn Serialize)> = vec![("findings", &page.findings)];
    if !page.capped.is_empty() {
        fields.push(("capped", &page.capped));
    }
    Ok(json::to_string(&Object(fields)))
}

/// The blocks a flat request lays out (see [`handle`]).
fn blocks<'a>(texts: &'a [u8], layout: &[u32]) -> Result<Vec<(&'a str, BlockKind, u32)>, String> {
    let per_block = || {
        bad(&format!(
            "the layout has {} numbers, not {LAYOUT_FIELDS} a block",
            layout.len()
        ))
    };
    if layout.len() % LAYOUT_FIELDS != 0 {
        return Err(per_block());
    }
    let texts = std::str::from_utf8(texts).map_err(|e| {
        bad(&format!(
            "the texts are not UTF-8 (byte {})",
            e.valid_up_to()
        ))
    })?;
    let mut blocks = Vec::with_capacity(layout.len() / LAYOUT_FIELDS);
    let mut at: usize = 0;
    for (n, fields) in layout.chunks_exact(LAYOUT_FIELDS).enumerate() {
        let [units, kind, post] =
            <[u32; LAYOUT_FIELDS]>::try_from(fields).map_err(|_| per_block())?;
        let end = after_units(texts, at, units).ok_or_else(|| {
            bad(&format!(
                "block {n} ends past the texts or inside a character"
            ))
        })?;
        let text = &texts[at..end];
        let kind = usize::try_from(kind)
            .ok()
            .and_then(|k| BlockKind::ALL.get(k))
            .ok_or_else(|| bad(&format!("block {n} has no kind {kind}")))?;
        blocks.push((text, *kind, post));
        at = end;
    }
    if at != texts.len() {
        return Err(bad(&format!(
            "the layout covers {at} bytes of {} of texts",
            texts.len()
        )));
    }
    Ok(blocks)
}

/// Where the text that starts at byte `from` of `texts` ends after `units` UTF-16 code units:
/// `None` when the texts end first, or when the last unit would be half of a pair. `from` is a
/// char boundary, and so is the answer.
fn after_units(texts: &str, from: usize, units: u32) -> Option<usize> {
    let bytes = texts.as_bytes();
    let (mut at, mut left) = (from, usize::try_from(units).ok()?);
    while left > 0 {
        // Most text is ASCII, a byte a unit: eight at a time.
        if left >= 8 && bytes.get(at..at + 8).is_some_and(<[u8]>::is_ascii) {
            at += 8;
            left -= 8;
            continue;
        }
        let c = texts.get(at..)?.chars().next()?;
        left = left.checked_sub(c.len_utf16())?;
        at += c.len_utf8();
    }
    Some(at)
}

/// The options of a request (see [`WireOptions`]); none when `json` is empty.
fn read_options(json: &[u8]) -> Result<Options, String> {
    if json.is_empty() {
        return Ok(Options::default());
    }
    let expected = "expected the options as JSON {\"allow\",\"deny\",\"disabled\"}";
    let o: WireOptions = std::str::from_utf8(json)
        .ok()
        .and_then(|json| json::from_str(json).ok())
        .ok_or_else(|| bad(expected))?;
    Ok(Options {
        allow: o.allow.unwrap_or_default(),
        deny: o.deny.unwrap_or_default(),
        disabled: o.disabled.unwrap_or_default(),
    })
}

/// `TextReport` as JSON (`{"findings":[{start,end,category,rule,text}],"cleaned"}`): the
/// playground's `scanText`.
pub fn text_report(report: &TextReport) -> String {
    json::to_string(report)
}

/// A JSON object written field by field, in order.
struct Object<'a>(Vec<(&'static str, &'a dyn Serialize)>);

impl<'a> Object<'a> {
    fn into_fragment(self) -> Fragment<'a> {
        Fragment::Map(Box::new(Fields {
            fields: self.0,
            at: 0,
        }))
    }
}

impl Serialize for Object<'_> {
    fn begin(&self) -> Fragment<'_> {
        Object(self.0.clone()).into_fragment()
    }
}

/// The entries of an [`Object`] (or of a struct, gathered in its `begin`) as they are written.
struct Fields<'a> {
    fields: Vec<(&'static str, &'a dyn Serialize)>,
    at: usize,
}

impl Map for Fields<'_> {
    fn next(&mut self) -> Option<(Cow<'_, str>, &dyn Serialize)> {
        let &(name, value) = self.fields.get(self.at)?;
        self.at += 1;
        Some((Cow::Borrowed(name), value))
    }
}

/// Serializes a struct as a JSON object of its fields, by name.
macro_rules! serialize_fields {
    ($type:ty { $($field:ident),* }) => {
        impl Serialize for $type {
            fn begin(&self) -> Fragment<'_> {
                Object(vec![$((stringify!($field), &self.$field as &dyn Serialize)),*]).into_fragment()
            }
        }
    };
}

serialize_fields!(Finding {
    block,
    start,
    end,
    start16,
    end16,
    category,
    rule
});
serialize_fields!(TextFinding {
    start,
    end,
    category,
    rule,
    text
});
serialize_fields!(TextReport { findings, cleaned });

/// Enums that cross the boundary as their names.
macro_rules! by_name {
    ($($type:ty),*) => {$(
        impl Serialize for $type {
            fn begin(&self) -> Fragment<'_> {
                Fragment::Str(Cow::Borrowed(self.name()))
            }
        }
    )*};
}

by_name!(Category, Cap);

make_place!(Place);

/// Enums read from their names; an unknown name is a bad request.
macro_rules! from_name {
    ($($type:ident),*) => {$(
        impl Visitor for Place<$type> {
            fn string(&mut self, s: &str) -> miniserde::Result<()> {
                let found = $type::ALL.iter().find(|k| k.name() == s);
                self.out = Some(*found.ok_or(miniserde::Error)?);
                Ok(())
            }
        }

        impl Deserialize for $type {
            fn begin(out: &mut Option<Self>) -> &mut dyn Visitor {
                Place::new(out)
            }
        }
    )*};
}

from_name!(Category);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Block;

    /// The names on the wire are the model's serde names, for every variant.
    #[test]
    fn wire_names_are_the_serde_names() {
        let quoted = |name: &str| format!("\"{name}\"");
        for kind in BlockKind::ALL {
            assert_eq!(serde_json::to_string(&kind).unwrap(), quoted(kind.name()));
        }
        for category in Category::ALL {
            assert_eq!(
                serde_json::to_string(&category).unwrap(),
                quoted(category.name())
            );
        }
        for cap in Cap::ALL {
            assert_eq!(serde_json::to_string(&cap).unwrap(), quoted(cap.name()));
        }
    }

    /// `blocks` laid out as a flat request: their texts joined, three numbers a block.
    fn flat(blocks: &[Block]) -> (Vec<u8>, Vec<u32>) {
        let mut texts = Vec::new();
        let mut layout = Vec::new();
        for b in blocks {
            texts.extend_from_slice(b.text.as_bytes());
            let kind = BlockKind::ALL.iter().position(|&k| k == b.kind).unwrap();
            layout.extend([b.text.encode_utf16().count() as u32, kind as u32, b.post]);
        }
        (texts, layout)
    }

    /// The answer is exactly what `serde_json` writes for the same findings.
    #[test]
    fn answers_are_the_serde_json_of_the_model() {
        let blocks = vec![
            Block {
                text: "JAKARTA - Harga naik. - BEST PROFIT".into(),
                kind: BlockKind::Body,
                post: 3,
            },
            Block::new("Posting Lebih Baru Beranda", BlockKind::Pager),
            Block::new("", BlockKind::Share),
            Block::new("Terima \"kasih\" \u{e9} \u{1f600}", BlockKind::Body),
        ];
        let options = r#"{"deny":["harga","Terima \"kasih\""],"disabled":["inline"],"unknown":1}"#;
        let (texts, layout) = flat(&blocks);
        let answer = handle(&texts, &layout, options.as_bytes()).unwrap();
        let options = Options {
            deny: vec!["harga".into(), "Terima \"kasih\"".into()],
            disabled: vec![Category::Inline],
            ..Options::default()
        };
        let findings = Engine::embedded().scan(&blocks, &options);
        assert_eq!(findings.len(), 4, "{findings:?}");
        let expected = format!(
            "{{\"findings\":{}}}",
            serde_json::to_string(&findings).unwrap()
        );
        assert_eq!(answer, expected);
    }

    /// The content script lays out kinds by the list in `extension/lib/request.js`: the same
    /// names in the same order as [`BlockKind::ALL`].
    #[test]
    fn the_extension_numbers_kinds_as_the_core_does() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/extension/lib/request.js");
        let source = std::fs::read_to_string(path).unwrap();
        let list = source
            .split_once("const KINDS = [")
            .and_then(|(_, rest)| rest.split_once(']'))
            .map(|(list, _)| list)
            .expect("request.js: const KINDS = [...]");
        let names: Vec<&str> = list
            .split(',')
            .map(|name| name.trim().trim_matches('\''))
            .filter(|name| !name.is_empty())
            .collect();
        let ours: Vec<&str> = BlockKind::ALL.iter().map(|k| k.name()).collect();
        assert_eq!(names, ours);
    }

    #[test]
    fn text_reports_are_the_serde_json_of_the_model() {
        let report = crate::scan_text(
            "BESTPROFIT FUTURES - Harga \"emas\" naik.\n0 komentar:\n",
            &Options::default(),
        );
        assert!(!report.findings.is_empty());
        assert_eq!(
            text_report(&report),
            serde_json::to_string(&report).unwrap()
        );
    }

    /// Every block's bytes are found from its length in UTF-16 code units, whatever its chars:
    /// ASCII runs shorter and longer than eight bytes, two-, three- and four-byte chars at every
    /// place around an eight-byte step, and empty blocks.
    #[test]
    fn blocks_are_found_by_their_code_units() {
        let pieces = [
            "",
            "a",
            "é",
            "–",
            "\u{1f600}",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
        ];
        let mut texts = Vec::new();
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    texts.push(format!("{a}{b}{c}"));
                }
            }
        }
        let joined = texts.concat();
        let mut at = 0;
        for text in &texts {
            let units = text.encode_utf16().count() as u32;
            assert_eq!(
                after_units(&joined, at, units),
                Some(at + text.len()),
                "{text:?}"
            );
            at += text.len();
        }
        assert_eq!(after_units(&joined, at, 1), None);
        assert_eq!(after_units("\u{1f600}", 0, 1), None);
    }

    #[test]
    fn bad_requests_are_refused() {
        let body = BlockKind::ALL.len() as u32;
        for (texts, layout, options) in [
            (&b"ab"[..], &[2, 0][..], &b""[..]),
            (b"ab", &[3, 0, 0], b""),
            (b"ab", &[1, 0, 0], b""),
            (b"ab", &[1, 0, 0, 2, 0, 0], b""),
            (b"ab", &[u32::MAX, 0, 0], b""),
            (b"ab", &[2, body, 0], b""),
            (b"\xff", &[1, 0, 0], b""),
            ("é".as_bytes(), &[1, 0, 0, 1, 0, 0], b""),
            // One unit of a two-unit char: the block would end inside it.
            ("\u{1f600}".as_bytes(), &[1, 0, 0, 1, 0, 0], b""),
            ("\u{1f600}".as_bytes(), &[3, 0, 0], b""),
            (b"", &[], b"{bad"),
            (b"", &[], br#"{"disabled":["everything"]}"#),
            (b"", &[], br#"{"deny":"harga"}"#),
            (b"", &[], b"{} trailing"),
            (b"", &[], b"\xff"),
        ] {
            let err = handle(texts, layout, options).unwrap_err();
            assert!(
                err.starts_with("bad scan request"),
                "{texts:?} {layout:?} {options:?}: {err}"
            );
        }
        assert_eq!(handle(b"", &[], b"").unwrap(), r#"{"findings":[]}"#);
        assert_eq!(handle(b"", &[], b"{}").unwrap(), r#"{"findings":[]}"#);
        assert_eq!(
            handle(b"ab", &[0, 0, 7, 2, 1, u32::MAX], b"").unwrap(),
            r#"{"findings":[]}"#
        );
    }
}
