//! The engine: rule tables plus the user's compiled options, asked questions about pages and text.
//!
//! Nothing is global. [`Engine::embedded`] is the shipped rules as static tables (built by
//! `build.rs`: no set-up at run time); [`Engine::from_rules`] builds one from rule files (small rule
//! sets in tests). The user's options compile into automata once per settings change: the engine
//! keeps the last few compiled sets, keyed by the options themselves, because one engine (the
//! extension's background) serves many tabs whose sites have different options.

use std::borrow::Cow;
use std::sync::{Arc, Mutex};

use crate::clean::Hit;
use crate::model::{Block, BlockKind, Finding, Options};
use crate::normalize::utf16_offsets;
use crate::rules::{self, RuleError, RuleSources, Tables};
use crate::scan::{self, Part};
use crate::text::{TextFinding, TextReport, TextSpan};
use crate::user::{Cap, UserRules};

/// How many compiled option sets an engine keeps: a handful of tabs open on sites with different
/// settings reuse theirs; an older one is compiled again when its tab scans next.
const OPTION_SETS: usize = 8;

/// Rule tables and a small cache of compiled options.
pub struct Engine {
    tables: Cow<'static, Tables>,
    /// Most recently used last.
    compiled: Mutex<Vec<(Options, Arc<UserRules>)>>,
}

/// The findings of a page, and the caps on the user's options that were reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageReport {
    pub findings: Vec<Finding>,
    /// Empty unless some of the user's phrases were not used (too many, or too long).
    pub capped: Vec<Cap>,
}

static EMBEDDED: Engine = Engine {
    tables: Cow::Borrowed(&rules::EMBEDDED),
    compiled: Mutex::new(Vec::new()),
};

impl Engine {
    /// The shipped rules (`rules/`, compiled in): the engine the CLI and the extension use.
    pub fn embedded() -> &'static Engine {
        &EMBEDDED
    }

    /// An engine over other rule files (tests, experiments): the same parser as the build, so
    /// an error names the file and line.
    pub fn from_rules(sources: &RuleSources) -> Result<Engine, RuleError> {
        Ok(Engine {
            tables: Cow::Owned(rules::compile(sources)?),
            compiled: Mutex::new(Vec::new()),
        })
    }

    /// Judges every block of a page at once and returns the ranges to hide, in block and text
    /// order.
    ///
    /// Blocks with the same `post` number are one post: repetition evidence is gathered per post.
    /// Findings are sorted by block, then start; they never overlap. A finding that covers a whole
    /// block may be empty (`start == end == 0`) when a structural block (`share`, `pager`, `feed`,
    /// `backlinks`, `comment-form`) has no text: the collector hides such a block by structure.
    pub fn scan(&self, blocks: &[Block], options: &Options) -> Vec<Finding> {
        self.scan_page(blocks, options).findings
    }

    /// [`Engine::scan`], and whether a cap on the user's options was reached.
    pub fn scan_page(&self, blocks: &[Block], options: &Options) -> PageReport {
        let parts = blocks
            .iter()
            .map(|b| Part::new(&b.text, b.kind, b.post))
            .collect();
        self.scan_parts(parts, |b| &blocks[b].text, options)
    }

    /// [`Engine::scan_page`] of blocks whose texts are borrowed, `(text, kind, post)`: the Wasm
    /// request's blocks are slices of its bytes, and a copy of each into a [`Block`] was an
    /// allocation a line.
    pub(crate) fn scan_borrowed(
        &self,
        blocks: &[(&str, BlockKind, u32)],
        options: &Options,
    ) -> PageReport {
        let parts = blocks
            .iter()
            .map(|&(text, kind, post)| Part::new(text, kind, post))
            .collect();
        self.scan_parts(parts, |b| blocks[b].0, options)
    }

    /// Scans `parts`; `text(b)` is block `b`'s text as given, which findings are counted in.
    fn scan_parts<'a>(
        &self,
        parts: Vec<Part<'a>>,
        text: impl Fn(usize) -> &'a str,
        options: &Options,
    ) -> PageReport {
        let user = self.user_rules(options);
        let removed = scan::scan(&self.tables, &user, parts);
        PageReport {
            findings: findings(text, removed),
            capped: user.capped.clone(),
        }
    }

    /// Scans `input` as one post whose blocks are its lines, and returns the text without the
    /// findings.
    ///
    /// Offsets are UTF-8 bytes into `input`, and `cleaned` is exactly the input without the
    /// findings' bytes. A finding that covers a whole non-empty line includes that line's break
    /// (`\n` or `\r\n`, when the line has one), so a hidden line leaves no empty line behind.
    pub fn scan_text(&self, input: &str, options: &Options) -> TextReport {
        let spans = self.text_spans(input, options);
        let findings = spans
            .iter()
            .map(|s| TextFinding {
                start: s.start,
                end: s.end,
                category: s.category,
                rule: s.rule.clone(),
                text: input[s.start..s.end].to_string(),
            })
            .collect();
        let mut cleaned = String::with_capacity(input.len());
        for piece in crate::text::kept(input, &spans) {
            cleaned.push_str(piece);
        }
        TextReport { findings, cleaned }
    }

    /// The findings of [`Engine::scan_text`] without copies of the text: what a caller that
    /// streams its output (the CLI) needs.
    pub fn text_spans(&self, input: &str, options: &Options) -> Vec<TextSpan> {
        let user = self.user_rules(options);
        let starts = line_starts(input);
        let parts: Vec<Part> = starts
            .windows(2)
            .map(|w| Part::new(content(&input[w[0]..w[1]]), BlockKind::Body, 0))
            .collect();
        let removed = scan::scan(&self.tables, &user, parts);
        let mut spans = Vec::new();
        for (b, hits) in removed {
            let (line_start, line_end) = (starts[b], starts[b + 1]);
            let content_end = line_start + content(&input[line_start..line_end]).len();
            for h in hits {
                let start = line_start + h.start;
                let mut end = line_start + h.end;
                if start == line_start && end == content_end && end > start {
                    end = line_end;
                }
                spans.push(TextSpan {
                    start,
                    end,
                    category: h.category,
                    rule: h.rule,
                });
            }
        }
        spans
    }

    /// The user's options compiled, from the cache when these options were seen lately.
    fn user_rules(&self, options: &Options) -> Arc<UserRules> {
        // A poisoned lock only means another thread panicked mid-update: the list is still valid.
        let mut cache = self.compiled.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(at) = cache.iter().position(|(o, _)| o == options) {
            let entry = cache.remove(at);
            let rules = Arc::clone(&entry.1);
            cache.push(entry);
            return rules;
        }
        let rules = Arc::new(UserRules::new(options));
        if cache.len() == OPTION_SETS {
            cache.remove(0);
        }
        cache.push((options.clone(), Arc::clone(&rules)));
        rules
    }
}

/// Where each line of `input` starts, then the input's end: where each block's line (and its
/// break) ends. The lines are `split_inclusive('\n')`'s: none in an empty input, and no empty
/// one after a last break.
fn line_starts(input: &str) -> Vec<usize> {
    let mut starts = Vec::with_capacity(line_breaks(input).count() + 2);
    starts.push(0);
    starts.extend(line_breaks(input).map(|at| at + 1));
    if starts.last() != Some(&input.len()) {
        starts.push(input.len());
    }
    starts
}

/// Where the `\n` bytes of `text` are, by `memchr`: finding the lines byte by byte was 3.6% of
/// `scan --json`'s instructions on clean posts (callgrind).
#[cfg(not(target_arch = "wasm32"))]
fn line_breaks(text: &str) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', text.as_bytes())
}

/// Where the `\n` bytes of `text` are: a plain search in the Wasm, whose size budget has no room
/// for `memchr` (and whose pages are small).
#[cfg(target_arch = "wasm32")]
fn line_breaks(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(at, _)| at)
}

/// A line without its break (`\n` or `\r\n`).
fn content(line: &str) -> &str {
    let line = line.strip_suffix('\n').unwrap_or(line);
    line.strip_suffix('\r').unwrap_or(line)
}

/// Turns the merged hits of each block into findings with UTF-16 offsets.
fn findings<'a>(text: impl Fn(usize) -> &'a str, removed: Vec<(usize, Vec<Hit>)>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (b, hits) in removed {
        if hits.is_empty() {
            continue;
        }
        let offsets: Vec<usize> = hits.iter().flat_map(|h| [h.start, h.end]).collect();
        let units = utf16_offsets(text(b), &offsets);
        for (n, h) in hits.into_iter().enumerate() {
            out.push(Finding {
                block: b,
                start: h.start,
                end: h.end,
                start16: units[2 * n],
                end16: units[2 * n + 1],
                category: h.category,
                rule: h.rule,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Source, SOURCES};

    /// The lines `scan_text` judges are exactly `split_inclusive`'s, found by `memchr`.
    #[test]
    fn lines_are_split_inclusive_lines() {
        for input in [
            "",
            "\n",
            "\n\n",
            "a",
            "a\n",
            "a\nb",
            "a\r\n\r\nb\n",
            "é\n😀\nz",
        ] {
            let mut expected = vec![0];
            for line in input.split_inclusive('\n') {
                expected.push(expected.last().unwrap() + line.len());
            }
            assert_eq!(line_starts(input), expected, "{input:?}");
        }
    }

    #[test]
    fn a_small_rule_set_makes_its_own_engine() {
        let engine = Engine::from_rules(&RuleSources {
            brands: Source {
                name: "test-brands.txt",
                text: "Kilat Prima Berjangka | Kilat Prima\n",
            },
            ..SOURCES
        })
        .unwrap();
        let text = "KILAT PRIMA - Harga emas naik.\nBESTPROFIT FUTURES - Harga turun.\n";
        let report = engine.scan_text(text, &Options::default());
        let rules: Vec<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(rules, ["brand-list:kilat-prima-berjangka"]);
        let shipped = Engine::embedded().scan_text(text, &Options::default());
        assert_eq!(shipped.findings.len(), 1);
        assert_eq!(shipped.findings[0].rule, "brand-list:bestprofit-futures");
    }

    #[test]
    fn a_bad_rule_file_names_its_line() {
        let err = Engine::from_rules(&RuleSources {
            datelines: Source {
                name: "d.txt",
                text: "city Medan\n\nplace Solo\n",
            },
            ..SOURCES
        })
        .err()
        .unwrap();
        assert_eq!(err.to_string(), "d.txt:3: unknown kind `place`");
    }

    #[test]
    fn compiled_options_are_reused_until_they_change() {
        let engine = Engine::from_rules(&SOURCES).unwrap();
        let options = |deny: &str| Options {
            deny: vec![deny.to_string()],
            ..Options::default()
        };
        let first = engine.user_rules(&options("acme"));
        assert!(Arc::ptr_eq(&first, &engine.user_rules(&options("acme"))));
        assert!(!Arc::ptr_eq(&first, &engine.user_rules(&options("other"))));
        // Tabs with other settings in between do not push it out, up to the cache's size.
        for n in 0..OPTION_SETS - 2 {
            engine.user_rules(&options(&format!("site {n}")));
        }
        assert!(Arc::ptr_eq(&first, &engine.user_rules(&options("acme"))));
        for n in 0..OPTION_SETS {
            engine.user_rules(&options(&format!("tab {n}")));
        }
        assert!(!Arc::ptr_eq(&first, &engine.user_rules(&options("acme"))));
    }
}
