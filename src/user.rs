//! The user's own rules: phrases to keep (`allow`), phrases to hide (`deny`), categories switched off.
//!
//! Deny phrases are found with one Aho-Corasick automaton (ASCII case-insensitive; other letters
//! must match exactly), only at word boundaries, and widened like a detected prefix or suffix when
//! they sit at a block's boundary so the rest still reads naturally. Allow phrases are one more
//! automaton over the lower-cased text of a finding. Both are built once per settings change (the
//! engine keeps the last few), and capped in count and length: a cap that is reached is reported.
//!
//! The automata are `daachorse`'s double-array Aho-Corasick over folded phrases (deny: ASCII
//! lower case, searched in the ASCII-lower-cased text, which keeps every offset). It replaced
//! `aho-corasick`, whose builders and searchers were a fifth of the Wasm core's code for lists
//! that hold a handful of phrases; a property test checks that both find the same matches.

use daachorse::{DoubleArrayAhoCorasick, DoubleArrayAhoCorasickBuilder, MatchKind};

use crate::clean::Hit;
use crate::model::{Category, Options};
use crate::normalize::{char_at, char_before, lower, skip_space, skip_space_back};
use crate::phrase::separator_at;

/// The most phrases of one list (allow or deny) that are used: far more than anyone curates by
/// hand, and an automaton of that many short phrases still builds in milliseconds. The rest are
/// ignored, and the answer says so.
pub const MAX_PHRASES: usize = 10_000;
/// The longest phrase used, in bytes: a brand, a name or a short sentence. Longer ones are
/// ignored (a cut phrase would hide something else), and the answer says so.
pub const MAX_PHRASE_BYTES: usize = 256;

/// A cap on the user's options that was reached: some phrases were not used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cap {
    /// More than [`MAX_PHRASES`] allow phrases.
    AllowPhrases,
    /// More than [`MAX_PHRASES`] deny phrases.
    DenyPhrases,
    /// A phrase longer than [`MAX_PHRASE_BYTES`].
    PhraseLength,
}

impl Cap {
    /// Every cap, in declaration (and report) order.
    pub const ALL: [Cap; 3] = [Cap::AllowPhrases, Cap::DenyPhrases, Cap::PhraseLength];

    /// The cap's name on the wire (its serde name).
    pub fn name(self) -> &'static str {
        match self {
            Cap::AllowPhrases => "allow-phrases",
            Cap::DenyPhrases => "deny-phrases",
            Cap::PhraseLength => "phrase-length",
        }
    }
}

/// The options, compiled once per settings change (the engine caches them).
pub struct UserRules {
    /// Lower-cased allow phrases, as one automaton over lower-cased hit text.
    allow: Option<DoubleArrayAhoCorasick<u32>>,
    /// Over the ASCII-lower-cased deny phrases; a match's value is its phrase's index.
    deny: Option<DoubleArrayAhoCorasick<u32>>,
    deny_phrases: Vec<String>,
    disabled: Vec<Category>,
    /// The caps that were reached while compiling.
    pub capped: Vec<Cap>,
}

/// Trimmed, non-empty, within the length cap, each once (first occurrence kept), at most
/// [`MAX_PHRASES`]. Linear: a hash set remembers what was seen.
fn usable(phrases: &[String], list: Cap, capped: &mut Vec<Cap>) -> Vec<String> {
    let mut seen = rustc_hash::FxHashSet::default();
    let mut out = Vec::new();
    for p in phrases.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        if p.len() > MAX_PHRASE_BYTES {
            if !capped.contains(&Cap::PhraseLength) {
                capped.push(Cap::PhraseLength);
            }
            continue;
        }
        if !seen.insert(p) {
            continue;
        }
        if out.len() == MAX_PHRASES {
            capped.push(list);
            break;
        }
        out.push(p.to_string());
    }
    out
}

impl UserRules {
    pub fn new(options: &Options) -> Self {
        let mut capped = Vec::new();
        let deny_phrases = usable(&options.deny, Cap::DenyPhrases, &mut capped);
        let folded: Vec<String> = deny_phrases
            .iter()
            .map(|p| p.to_ascii_lowercase())
            .collect();
        let deny = automaton(&folded, MatchKind::LeftmostLongest);
        let allow: Vec<String> = usable(&options.allow, Cap::AllowPhrases, &mut capped)
            .iter()
            .map(|p| lower(p))
            .collect();
        let allow = automaton(&allow, MatchKind::Standard);
        // In `Cap` order (a filter rather than a sort: one sort less in the Wasm core).
        let capped = Cap::ALL
            .into_iter()
            .filter(|c| capped.contains(c))
            .collect();
        UserRules {
            allow,
            deny,
            deny_phrases,
            disabled: options.disabled.clone(),
            capped,
        }
    }

    /// Whether the user lets findings of `category` go (it is not switched off).
    pub fn allows(&self, category: Category) -> bool {
        !self.disabled.contains(&category)
    }

    /// Whether a hit survives the user's settings: its category is on and no allow phrase is in it.
    pub fn keeps(&self, hit_text: &str, category: Category) -> bool {
        if !self.allows(category) {
            return false;
        }
        let Some(allow) = &self.allow else {
            return true;
        };
        allow.find_iter(lower(hit_text)).next().is_none()
    }

    /// Every deny phrase in `text`, widened so its removal leaves natural text.
    pub fn deny_hits(&self, text: &str) -> Vec<Hit> {
        // Most readers set no deny phrase: every block of a post asks.
        if self.deny.is_none() {
            return Vec::new();
        }
        self.deny_matches(text)
            .into_iter()
            .filter(|&(start, end, _)| whole_words(text, start, end))
            .map(|(start, end, phrase)| {
                let (start, end, category) = widen(text, start, end);
                Hit {
                    start,
                    end,
                    category,
                    rule: format!("deny:{}", self.deny_phrases[phrase]),
                }
            })
            .collect()
    }

    /// `(start, end, phrase index)` of the leftmost-longest deny phrases in `text`, ASCII letters
    /// in any case (other letters exactly).
    fn deny_matches(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let Some(ac) = &self.deny else {
            return Vec::new();
        };
        // ASCII lower-casing keeps every byte offset.
        ac.leftmost_find_iter(text.to_ascii_lowercase())
            .map(|m| (m.start(), m.end(), m.value() as usize))
            .collect()
    }
}

/// One automaton over `patterns` (already folded), each matching with its index; a folded
/// pattern seen before is left out, so the first phrase of those that fold alike names the match
/// (as it would in a single automaton over them all).
///
/// Most readers set no phrases: then nothing is built, and the builder stays out of line, so the
/// Wasm engines (which compile a function at its first call) compile none of it on a page.
fn automaton(patterns: &[String], kind: MatchKind) -> Option<DoubleArrayAhoCorasick<u32>> {
    if patterns.is_empty() {
        return None;
    }
    build_automaton(patterns, kind)
}

#[inline(never)]
fn build_automaton(patterns: &[String], kind: MatchKind) -> Option<DoubleArrayAhoCorasick<u32>> {
    let mut seen = rustc_hash::FxHashSet::default();
    let unique: Vec<(&str, u32)> = patterns
        .iter()
        .zip(0u32..)
        .filter(|(p, _)| seen.insert(p.as_str()))
        .map(|(p, index)| (p.as_str(), index))
        .collect();
    DoubleArrayAhoCorasickBuilder::new()
        .match_kind(kind)
        .build_with_values(unique)
        .ok()
}

/// A match that does not start or end inside a word.
fn whole_words(text: &str, start: usize, end: usize) -> bool {
    let starts_inside = char_at(text, start).is_some_and(char::is_alphanumeric)
        && char_before(text, start).is_some_and(char::is_alphanumeric);
    let ends_inside = char_before(text, end).is_some_and(char::is_alphanumeric)
        && char_at(text, end).is_some_and(char::is_alphanumeric);
    !starts_inside && !ends_inside
}

/// Takes a boundary separator (`PHRASE - `, ` - PHRASE`) or one side's spacing with the phrase.
fn widen(text: &str, start: usize, end: usize) -> (usize, usize, Category) {
    if text[..start].trim().is_empty() {
        let mut e = skip_space(text, end);
        if let Some(sep_end) = separator_at(text, e) {
            e = skip_space(text, sep_end);
        }
        return (start, e, Category::Prefix);
    }
    if text[end..].trim().is_empty() {
        let mut s = skip_space_back(text, start);
        if let Some(c) = char_before(text, s) {
            let sep = s - c.len_utf8();
            if separator_at(text, sep).is_some() {
                s = skip_space_back(text, sep);
            }
        }
        return (s, text.len(), Category::Suffix);
    }
    if char_at(text, end).is_some_and(char::is_whitespace) {
        (start, skip_space(text, end), Category::Inline)
    } else {
        (skip_space_back(text, start), end, Category::Inline)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(deny: &[&str], allow: &[&str]) -> UserRules {
        UserRules::new(&Options {
            deny: deny.iter().map(|s| s.to_string()).collect(),
            allow: allow.iter().map(|s| s.to_string()).collect(),
            disabled: vec![Category::Pager],
        })
    }

    fn removed(text: &str, hits: &[Hit]) -> Vec<String> {
        hits.iter()
            .map(|h| text[h.start..h.end].to_string())
            .collect()
    }

    #[test]
    fn deny_is_widened_by_position() {
        let r = rules(&["acme trade"], &[]);
        let t = "ACME TRADE - Harga naik dan Acme Trade ikut, lalu turun - acme trade";
        assert_eq!(
            removed(t, &r.deny_hits(t)),
            ["ACME TRADE - ", "Acme Trade ", " - acme trade"]
        );
        let t = "Harga naik, kata Acme Trade, lalu turun.";
        assert_eq!(removed(t, &r.deny_hits(t)), [" Acme Trade"]);
        assert!(r.deny_hits("XACME TRADE").is_empty());
    }

    /// The matches are those of `aho-corasick` (the automaton used before): leftmost-longest,
    /// ASCII case-insensitive, the first of the phrases that fold alike naming the match.
    mod same_as_aho_corasick {
        use super::*;
        use aho_corasick::{AhoCorasick, MatchKind};
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(400))]
            #[test]
            fn deny_and_allow(
                deny in proptest::collection::vec("[aAbB é É-]{1,4}", 1..6),
                allow in proptest::collection::vec("[aAbB é É-]{1,4}", 1..6),
                text in "[aAbB é É-]{0,40}",
            ) {
                let deny: Vec<String> = deny.into_iter().filter(|p| !p.trim().is_empty()).collect();
                let allow: Vec<String> = allow.into_iter().filter(|p| !p.trim().is_empty()).collect();
                let r = UserRules::new(&Options { deny: deny.clone(), allow: allow.clone(), disabled: vec![] });
                let used = usable(&deny, Cap::DenyPhrases, &mut Vec::new());
                if !used.is_empty() {
                    let reference = AhoCorasick::builder()
                        .ascii_case_insensitive(true)
                        .match_kind(MatchKind::LeftmostLongest)
                        .build(&used)
                        .unwrap();
                    let expected: Vec<(usize, usize, usize)> = reference
                        .find_iter(&text)
                        .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                        .collect();
                    prop_assert_eq!(r.deny_matches(&text), expected);
                }
                let used: Vec<String> = usable(&allow, Cap::AllowPhrases, &mut Vec::new())
                    .iter()
                    .map(|p| p.to_lowercase())
                    .collect();
                if !used.is_empty() {
                    let reference = AhoCorasick::new(&used).unwrap();
                    let found = reference.is_match(&text.to_lowercase());
                    prop_assert_eq!(r.keeps(&text, Category::Line), !found);
                }
            }
        }
    }

    #[test]
    fn allow_and_disabled_drop_hits() {
        let r = rules(&[], &["best profit"]);
        assert!(!r.keeps(" - BEST PROFIT", Category::Suffix));
        assert!(r.keeps(" - RFB", Category::Suffix));
        assert!(!r.keeps("Older Post", Category::Pager));
        // A final sigma, typed or written in capitals, is the same letter.
        let r = rules(&[], &["οδος"]);
        assert!(!r.keeps("ΟΔΟΣ", Category::Line));
        assert!(!r.keeps("στην οδοσ", Category::Line));
    }
}
