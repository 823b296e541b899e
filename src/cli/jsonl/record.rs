//! One JSONL line in, one line out: the chosen field cleaned, a `bersih` object added, and every
//! other byte of the line exactly as it was.
//!
//! The line is parsed only far enough to find where the field's value and an existing `bersih`
//! value lie (`RawValue` borrows them from the line), and the output is the line with those spans
//! replaced. Key order, number formatting, escapes and spacing of the other fields cannot change,
//! because they are never re-serialized. A document with nothing removed keeps its field's bytes
//! too.

use std::fmt::{self, Write as _};

use bersih::text::kept;
use bersih::{Category, Engine, Options};

use crate::cli::input::Text;
use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use serde_json::value::RawValue;

/// The key of the object added to every document.
pub const MARKER: &str = "bersih";

/// What was removed from one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocStats {
    /// Findings per category, indexed like `Category::ALL`.
    pub counts: [u64; Category::ALL.len()],
    /// Characters (Unicode scalar values, as Python's `len`) removed from the field.
    pub removed_chars: u64,
}

impl DocStats {
    pub fn touched(&self) -> bool {
        self.counts.iter().any(|&n| n > 0)
    }
}

/// Why a line cannot be cleaned; the message names the field but not the line (the caller does).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadLine {
    /// The bytes are not UTF-8 from `byte` on (0-based, within the line).
    Utf8 {
        byte: usize,
    },
    /// Not JSON at all, or not a complete value.
    NotJson {
        message: String,
        column: usize,
    },
    /// JSON, but not an object (the kind it is instead).
    NotObject(&'static str),
    /// The object has the field, or `bersih`, twice.
    DuplicateKey(String),
    MissingField,
    /// The field's value is not a string (the kind it is instead).
    NotString(&'static str),
    /// Longer than the `--max-line-bytes` limit; never read whole.
    TooLong {
        limit: usize,
    },
}

impl BadLine {
    /// A sentence for the user, naming `field`.
    pub fn describe(&self, field: &str) -> String {
        match self {
            BadLine::Utf8 { byte } => format!("invalid UTF-8 at byte {} of the line", byte + 1),
            BadLine::NotJson { message, column } => {
                format!("not JSON: {message} at column {column}")
            }
            BadLine::NotObject(kind) => format!("not a JSON object but {kind}"),
            BadLine::DuplicateKey(key) => format!("the key {key:?} appears twice"),
            BadLine::MissingField => format!("no field {field:?}"),
            BadLine::NotString(kind) => format!("field {field:?} is {kind}, not a string"),
            BadLine::TooLong { limit } => {
                format!("longer than {limit} bytes (--max-line-bytes)")
            }
        }
    }
}

/// True for a line with nothing but JSON whitespace: not a document, copied as it is.
pub fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r'))
}

/// Appends the cleaned form of `line` (without its line break) to `out` and says what was
/// removed; on a bad line `out` is left as it was.
pub fn clean_line(line: &str, field: &str, out: &mut Vec<u8>) -> Result<DocStats, BadLine> {
    let spans = locate(line, field)?;
    let raw = spans.value.ok_or(BadLine::MissingField)?;
    if !raw.get().starts_with('"') {
        return Err(BadLine::NotString(kind_of(raw.get())));
    }
    let text: String = serde_json::from_str(raw.get()).map_err(|e| BadLine::NotJson {
        message: e.to_string(),
        column: 0,
    })?;
    // A byte-order mark at the start is skipped and kept, exactly as `bersih clean` does.
    let text = Text::new(text);
    let found = text.spans(Engine::embedded(), &Options::default());
    let mut stats = DocStats::default();
    for finding in &found {
        let index = Category::ALL
            .iter()
            .position(|&c| c == finding.category)
            .expect("Category::ALL lists every category");
        stats.counts[index] += 1;
        stats.removed_chars += text.raw()[finding.start..finding.end].chars().count() as u64;
    }

    let span = |raw: &RawValue| {
        let start = raw.get().as_ptr() as usize - line.as_ptr() as usize;
        (start, start + raw.get().len())
    };
    let mut edits: Vec<((usize, usize), Vec<u8>)> = Vec::with_capacity(2);
    if !found.is_empty() {
        // Sized once (the cleaned text is shorter than the text, its JSON about as long as the
        // value it replaces): growing them piece by piece copied each document several times.
        let mut cleaned = String::with_capacity(text.raw().len());
        cleaned.extend(kept(text.raw(), &found));
        let mut json = Vec::with_capacity(raw.get().len());
        serde_json::to_writer(&mut json, &cleaned).expect("a string serializes");
        edits.push((span(raw), json));
    }
    let marker = marker_json(&stats);
    match spans.marker {
        Some(existing) => edits.push((span(existing), marker)),
        None => {
            // The line parsed as an object, so its last non-whitespace byte is the closing brace.
            let brace = line.trim_end_matches([' ', '\t', '\r', '\n']).len() - 1;
            let mut added = Vec::with_capacity(MARKER.len() + 4 + marker.len());
            added.extend_from_slice(b",\"");
            added.extend_from_slice(MARKER.as_bytes());
            added.extend_from_slice(b"\":");
            added.extend_from_slice(&marker);
            edits.push(((brace, brace), added));
        }
    }
    edits.sort_by_key(|(span, _)| *span);
    let bytes = line.as_bytes();
    out.reserve(bytes.len() + edits.iter().map(|(_, r)| r.len()).sum::<usize>());
    let mut at = 0;
    for ((start, end), replacement) in edits {
        out.extend_from_slice(&bytes[at..start]);
        out.extend_from_slice(&replacement);
        at = end;
    }
    out.extend_from_slice(&bytes[at..]);
    Ok(stats)
}

/// `{"removed":{"prefix":2,...},"removed_chars":37}`: the categories found, in `Category::ALL`
/// order, then the characters removed.
fn marker_json(stats: &DocStats) -> Vec<u8> {
    // Written in place: every line gets one, and a `format!` per piece cost an allocation each.
    let mut json = String::with_capacity(64);
    json.push_str("{\"removed\":{");
    let mut first = true;
    for (category, &count) in Category::ALL.iter().zip(&stats.counts) {
        if count > 0 {
            if !first {
                json.push(',');
            }
            first = false;
            let _ = write!(json, "\"{}\":{count}", category.name());
        }
    }
    let _ = write!(json, "}},\"removed_chars\":{}}}", stats.removed_chars);
    json.into_bytes()
}

/// Where the field's value and an existing `bersih` value are in the line.
struct Spans<'a> {
    value: Option<&'a RawValue>,
    marker: Option<&'a RawValue>,
}

fn locate<'a>(line: &'a str, field: &str) -> Result<Spans<'a>, BadLine> {
    let mut deserializer = serde_json::Deserializer::from_str(line);
    let spans = ObjectSeed { field }
        .deserialize(&mut deserializer)
        .and_then(|spans| deserializer.end().map(|()| spans))
        .map_err(|e| match e.classify() {
            serde_json::error::Category::Data => match e.to_string() {
                m if m.starts_with("duplicate key ") => {
                    BadLine::DuplicateKey(e_key(&m).to_string())
                }
                _ => BadLine::NotObject(kind_of(line.trim_start())),
            },
            _ => BadLine::NotJson {
                message: message_without_position(&e),
                column: e.column(),
            },
        })?;
    Ok(spans)
}

/// The key inside a `duplicate key "..."` message made by `ObjectSeed`.
fn e_key(message: &str) -> &str {
    let rest = message.trim_start_matches("duplicate key ");
    let rest = rest.split(" at line ").next().unwrap_or(rest);
    rest.trim_matches('"')
}

/// serde_json's message without its ` at line 1 column N` (a JSONL line is always line 1).
fn message_without_position(e: &serde_json::Error) -> String {
    let message = e.to_string();
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    }
}

/// "an array", "a number", ...: what a JSON value that is not the expected kind is.
fn kind_of(json: &str) -> &'static str {
    match json.as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

/// Walks the top-level object once, keeping the raw values of `field` and `bersih`.
struct ObjectSeed<'f> {
    field: &'f str,
}

impl<'de> DeserializeSeed<'de> for ObjectSeed<'_> {
    type Value = Spans<'de>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Spans<'de>, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ObjectSeed<'_> {
    type Value = Spans<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Spans<'de>, A::Error> {
        let mut spans = Spans {
            value: None,
            marker: None,
        };
        while let Some(Key(key)) = map.next_key()? {
            let value: &'de RawValue = map.next_value()?;
            let slot = if key == self.field {
                &mut spans.value
            } else if key == MARKER {
                &mut spans.marker
            } else {
                continue;
            };
            if slot.replace(value).is_some() {
                return Err(de::Error::custom(format!("duplicate key {key:?}")));
            }
        }
        Ok(spans)
    }
}

/// An object key, borrowed from the line when it has no escapes.
struct Key<'de>(std::borrow::Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(v.into()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(v.to_owned().into()))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(line: &str) -> Result<(String, DocStats), BadLine> {
        let mut out = Vec::new();
        let stats = clean_line(line, "text", &mut out)?;
        Ok((String::from_utf8(out).unwrap(), stats))
    }

    #[test]
    fn cleans_the_field_and_keeps_every_other_byte() {
        let line = r#"{ "id" : 1.50e3, "text":"BESTPROFIT FUTURES - Harga emas naik.\nPT BESTPROFIT", "url":"x\u00e9" }"#;
        let (out, stats) = clean(line).unwrap();
        assert_eq!(
            out,
            r#"{ "id" : 1.50e3, "text":"Harga emas naik.\n", "url":"x\u00e9" ,"bersih":{"removed":{"prefix":1,"line":1},"removed_chars":34}}"#
        );
        assert!(stats.touched());
        assert_eq!(stats.removed_chars, 34);
    }

    #[test]
    fn an_untouched_document_keeps_its_field_bytes() {
        let line = r#"{"text":"Harga \u0065mas naik.","n":[1,2]}"#;
        let (out, stats) = clean(line).unwrap();
        assert_eq!(
            out,
            r#"{"text":"Harga \u0065mas naik.","n":[1,2],"bersih":{"removed":{},"removed_chars":0}}"#
        );
        assert!(!stats.touched());
    }

    #[test]
    fn an_existing_marker_is_replaced_in_place() {
        let line = r#"{"bersih":{"old":true},"text":"Harga naik.\nPosting Komentar"}"#;
        let (out, _) = clean(line).unwrap();
        assert_eq!(
            out,
            r#"{"bersih":{"removed":{"comment-form":1},"removed_chars":16},"text":"Harga naik.\n"}"#
        );
    }

    #[test]
    fn bad_lines_say_what_is_wrong() {
        let bad = |line: &str| clean(line).unwrap_err().describe("text");
        assert_eq!(
            bad(r#"{"text": "a""#),
            "not JSON: EOF while parsing an object at column 12"
        );
        assert_eq!(
            bad(r#"{"text":"a"} x"#),
            "not JSON: trailing characters at column 14"
        );
        assert_eq!(bad(r#"["text"]"#), "not a JSON object but an array");
        assert_eq!(bad(r#"  7"#), "not a JSON object but a number");
        assert_eq!(bad(r#"{"body":"a"}"#), "no field \"text\"");
        assert_eq!(
            bad(r#"{"text":null}"#),
            "field \"text\" is null, not a string"
        );
        assert_eq!(
            bad(r#"{"text":["a"]}"#),
            "field \"text\" is an array, not a string"
        );
        assert_eq!(
            bad(r#"{"text":"a","text":"b"}"#),
            "the key \"text\" appears twice"
        );
        assert_eq!(
            bad(r#"{"te\u0078t":"a","text":"b"}"#),
            "the key \"text\" appears twice"
        );
    }

    #[test]
    fn a_leading_byte_order_mark_is_skipped_and_kept() {
        let (out, _) = clean(r#"{"text":"\ufeffKPF - Harga emas naik."}"#).unwrap();
        assert!(
            out.starts_with("{\"text\":\"\u{feff}Harga emas naik.\","),
            "{out}"
        );
    }

    #[test]
    fn blank_lines_are_whitespace_only() {
        assert!(is_blank(b""));
        assert!(is_blank(b" \t\r"));
        assert!(!is_blank(b" {}"));
    }
}
