//! The one JSON request/answer that crosses the JS↔Wasm boundary (and the extension's messaging).
//!
//! One call per scan: the content script sends every block of the page and receives every finding.
//! The same function serves the in-page Wasm and the background fallback, so both answer alike.
//!
//! The JSON is read and written with `miniserde`, not `serde_json`: these two small shapes are all
//! the Wasm core ever parses or prints, and `serde_json`'s generic (de)serializers were about a
//! sixth of the module's gzipped size. The names on the wire are the model's serde names
//! (`BlockKind::name`, `Category::name`, `Cap::name`; a test keeps them equal), so the JSON is the
//! same as `serde_json` would write for the model types.

use std::borrow::Cow;

use miniserde::de::{Deserialize, Visitor};
use miniserde::ser::{Fragment, Map, Serialize};
use miniserde::{json, make_place};

use crate::text::{TextFinding, TextReport};
use crate::user::Cap;
use crate::{Block, BlockKind, Category, Engine, Finding, Options};

/// What the content script sends: `{"blocks":[{"text","kind","post"}...],"options":{...}}`.
/// Every field but a block's `text` may be left out.
#[derive(miniserde::Deserialize)]
struct Request {
    blocks: Option<Vec<WireBlock>>,
    options: Option<WireOptions>,
}

#[derive(miniserde::Deserialize)]
struct WireBlock {
    text: String,
    kind: Option<BlockKind>,
    post: Option<u32>,
}

#[derive(miniserde::Deserialize)]
struct WireOptions {
    allow: Option<Vec<String>>,
    deny: Option<Vec<String>>,
    disabled: Option<Vec<Category>>,
}

/// Parses a request, scans it with the shipped rules and serializes the answer:
/// `{"findings":[...]}`, plus `"capped":[...]` only when a cap on the user's phrases was reached.
pub fn handle(request_json: &str) -> Result<String, String> {
    let request: Request = json::from_str(request_json).map_err(|_| {
        "bad scan request: expected JSON {\"blocks\":[{\"text\",\"kind\",\"post\"}...],\"options\":{...}}"
            .to_string()
    })?;
    let blocks: Vec<Block> = request
        .blocks
        .unwrap_or_default()
        .into_iter()
        .map(|b| Block {
            text: b.text,
            kind: b.kind.unwrap_or_default(),
            post: b.post.unwrap_or_default(),
        })
        .collect();
    let options = request.options.map_or_else(Options::default, |o| Options {
        allow: o.allow.unwrap_or_default(),
        deny: o.deny.unwrap_or_default(),
        disabled: o.disabled.unwrap_or_default(),
    });
    let page = Engine::embedded().scan_page(&blocks, &options);
    let mut fields: Vec<(&str, &dyn Serialize)> = vec![("findings", &page.findings)];
    if !page.capped.is_empty() {
        fields.push(("capped", &page.capped));
    }
    Ok(json::to_string(&Object(fields)))
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

from_name!(BlockKind, Category);

#[cfg(test)]
mod tests {
    use super::*;

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

    /// The answer is exactly what `serde_json` writes for the same findings.
    #[test]
    fn answers_are_the_serde_json_of_the_model() {
        let request = r#"{"blocks":[{"text":"JAKARTA - Harga naik. - BEST PROFIT","kind":"body","post":3},
            {"text":"Posting Lebih Baru Beranda","kind":"pager"},{"text":"Terima \"kasih\" \u00e9 \ud83d\ude00"}],
            "options":{"deny":["harga","Terima \"kasih\""],"disabled":["inline"],"unknown":1}}"#;
        let answer = handle(request).unwrap();
        let blocks = vec![
            Block {
                text: "JAKARTA - Harga naik. - BEST PROFIT".into(),
                kind: BlockKind::Body,
                post: 3,
            },
            Block::new("Posting Lebih Baru Beranda", BlockKind::Pager),
            Block::new("Terima \"kasih\" \u{e9} \u{1f600}", BlockKind::Body),
        ];
        let options = Options {
            deny: vec!["harga".into(), "Terima \"kasih\"".into()],
            disabled: vec![Category::Inline],
            ..Options::default()
        };
        let findings = Engine::embedded().scan(&blocks, &options);
        assert_eq!(findings.len(), 3, "{findings:?}");
        let expected = format!(
            "{{\"findings\":{}}}",
            serde_json::to_string(&findings).unwrap()
        );
        assert_eq!(answer, expected);
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

    #[test]
    fn bad_requests_are_refused() {
        for bad in [
            "",
            "{bad",
            r#"{"blocks":[{"text":1}]}"#,
            r#"{"blocks":[{"kind":"body"}]}"#,
            r#"{"blocks":[{"text":"a","kind":"paragraph"}]}"#,
            r#"{"blocks":[{"text":"a","post":-1}]}"#,
            r#"{"blocks":[{"text":"a","post":4294967296}]}"#,
            r#"{"options":{"disabled":["everything"]}}"#,
            r#"{"blocks":[]} trailing"#,
        ] {
            let err = handle(bad).unwrap_err();
            assert!(err.starts_with("bad scan request"), "{bad}: {err}");
        }
        assert_eq!(handle("{}").unwrap(), r#"{"findings":[]}"#);
    }
}
