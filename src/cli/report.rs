//! `bersih scan --json` and `bersih clean` written straight from the input: the answer is streamed
//! to standard output piece by piece, never copied whole (a 50 MB input needs no second 50 MB for
//! `cleaned`, nor a copy of each finding's text).
//!
//! The JSON is byte for byte what serializing a `TextReport` gives (`{"findings":[...],"cleaned"}`):
//! the same field order, and serde_json's own string escaping for every piece of `cleaned`.

use std::fmt;
use std::io::{self, Write};

use serde::ser::{SerializeSeq, SerializeStruct, Serializer};
use serde::Serialize;

use bersih::text::kept;
use bersih::{Category, TextSpan};

/// One finding as `TextFinding` serializes it, borrowing its text from the input.
#[derive(Serialize)]
struct Finding<'a> {
    start: usize,
    end: usize,
    category: Category,
    rule: &'a str,
    text: &'a str,
}

struct Findings<'a> {
    input: &'a str,
    spans: &'a [TextSpan],
}

impl Serialize for Findings<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.spans.len()))?;
        for s in self.spans {
            seq.serialize_element(&Finding {
                start: s.start,
                end: s.end,
                category: s.category,
                rule: &s.rule,
                text: &self.input[s.start..s.end],
            })?;
        }
        seq.end()
    }
}

/// The input without the findings, written piece by piece (serde_json escapes each piece as it
/// comes, through `collect_str`).
struct Cleaned<'a> {
    input: &'a str,
    spans: &'a [TextSpan],
}

impl fmt::Display for Cleaned<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        kept(self.input, self.spans).try_for_each(|piece| f.write_str(piece))
    }
}

struct Report<'a> {
    input: &'a str,
    spans: &'a [TextSpan],
}

impl Serialize for Report<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (input, spans) = (self.input, self.spans);
        let mut report = serializer.serialize_struct("TextReport", 2)?;
        report.serialize_field("findings", &Findings { input, spans })?;
        report.serialize_field("cleaned", &CollectStr(Cleaned { input, spans }))?;
        report.end()
    }
}

struct CollectStr<T>(T);

impl<T: fmt::Display> Serialize for CollectStr<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// Writes the `TextReport` JSON of `spans` over `input`, and a newline.
pub fn write_json(out: &mut impl Write, input: &str, spans: &[TextSpan]) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &Report { input, spans })?;
    out.write_all(b"\n")
}

/// Writes `input` without the findings.
pub fn write_cleaned(out: &mut impl Write, input: &str, spans: &[TextSpan]) -> io::Result<()> {
    kept(input, spans).try_for_each(|piece| out.write_all(piece.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use bersih::{Engine, Options};

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
