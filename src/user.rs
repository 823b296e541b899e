//! The user's own rules: phrases to keep (`allow`), phrases to hide (`deny`), categories switched off.
//!
//! Deny phrases are found with one Aho-Corasick automaton (ASCII case-insensitive; other letters
//! must match exactly), only at word boundaries, and widened like a detected prefix or suffix when
//! they sit at a block's boundary so the rest still reads naturally. Allow phrases are one more
//! automaton over the lower-cased text of a finding. Both are built once per settings change (the
//! engine keeps the last few), and capped in count and length: a cap that is reached is reported.
//!
//! The automata are `aho-corasick`'s contiguous NFA used directly rather than its `AhoCorasick`
//! wrapper: the wrapper picks an automaton at run time, so every kind (and the DFA builder, the
//! packed searchers and their `Debug` impls) ends up in the Wasm core, about 36 KB of its code for
//! lists that hold a handful of phrases. Matches are the same whichever automaton finds them.

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Input, MatchKind};

use crate::clean::Hit;
use crate::model::{Category, Options};
use crate::normalize::{char_at, char_before, skip_space, skip_space_back};
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
    allow: Option<NFA>,
    deny: Option<NFA>,
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
        let deny = (!deny_phrases.is_empty())
            .then(|| {
                NFA::builder()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&deny_phrases)
                    .ok()
            })
            .flatten();
        let allow: Vec<String> = usable(&options.allow, Cap::AllowPhrases, &mut capped)
            .iter()
            .map(|p| p.to_lowercase())
            .collect();
        let allow = (!allow.is_empty()).then(|| NFA::new(&allow).ok()).flatten();
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

    /// Whether a hit survives the user's settings: its category is on and no allow phrase is in it.
    pub fn keeps(&self, hit_text: &str, category: Category) -> bool {
        if self.disabled.contains(&category) {
            return false;
        }
        let Some(allow) = &self.allow else {
            return true;
        };
        let lower = hit_text.to_lowercase();
        !matches!(allow.try_find(&Input::new(&lower)), Ok(Some(_)))
    }

    /// Every deny phrase in `text`, widened so its removal leaves natural text.
    pub fn deny_hits(&self, text: &str) -> Vec<Hit> {
        let Some(ac) = &self.deny else {
            return Vec::new();
        };
        let Ok(found) = ac.try_find_iter(Input::new(text)) else {
            return Vec::new();
        };
        found
            .filter(|m| whole_words(text, m.start(), m.end()))
            .map(|m| {
                let (start, end, category) = widen(text, m.start(), m.end());
                let rule = format!("deny:{}", self.deny_phrases[m.pattern().as_usize()]);
                Hit {
                    start,
                    end,
                    category,
                    rule,
                }
            })
            .collect()
    }
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

    #[test]
    fn allow_and_disabled_drop_hits() {
        let r = rules(&[], &["best profit"]);
        assert!(!r.keeps(" - BEST PROFIT", Category::Suffix));
        assert!(r.keeps(" - RFB", Category::Suffix));
        assert!(!r.keeps("Older Post", Category::Pager));
    }
}
