//! Repetition: the same brand-like phrase injected at several boundaries of one post.
//!
//! A farm stamps its brand on many paragraphs in varied forms (`BESTPROFIT FUTURES`,
//! `PT BESTPROFIT`, `BEST PROFIT`, `Equityword`), while a real dateline opens a post once. Keys are
//! grouped when equal, when one is the start or end of the other (`bestprofit` /
//! `bestprofitfutures`), or when they differ by about one letter. Grouping uses hash lookups of
//! prefixes, suffixes and one-letter deletions, so it stays linear in the number of candidates.

use std::collections::{HashMap, HashSet};

use crate::brands::{deletions, key_len, LONG_KEY};
use crate::candidates::{Candidate, Position};

/// The shortest key that can start another and still be grouped with it (`rifan`).
const MIN_PREFIX: usize = 5;
/// The shortest key that can end another and be grouped with it: endings are often generic
/// words (`senin` in `layananbukasenin`), so they must be name-long (`mitragarudafutures`).
const MIN_SUFFIX: usize = 8;

/// How often a candidate's group occurs in the post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Evidence {
    /// Distinct places (block and phrase start) the group occurs.
    pub count: usize,
    /// How many of those are strong positions (separator, credit, link line).
    pub strong: usize,
    /// Whether any occurrence is written like a name (a capital letter).
    pub capitalized: bool,
    /// Whether the group is more than one word opening paragraphs the same way each time
    /// (`SLEMAN - ` twice is a dateline of a town missing from the list, not an ad).
    pub varied: bool,
}

impl Evidence {
    /// Enough to call an unknown phrase injected: two places, one of them deliberate, and not
    /// just the same one-word dateline.
    pub fn repeated(&self) -> bool {
        self.count >= 2 && self.strong >= 1 && self.capitalized && self.varied
    }
}

/// Where one group occurs: `(block, phrase start)` places.
#[derive(Default)]
struct Places<'a> {
    all: HashSet<(usize, usize)>,
    strong: HashSet<(usize, usize)>,
    capitalized: bool,
    keys: HashSet<&'a str>,
    /// Some occurrence is not a one-word prefix.
    not_one_word_prefix: bool,
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

/// Groups the candidates of one post and returns each candidate's group evidence (same order).
pub fn evidence(cands: &[&Candidate]) -> Vec<Evidence> {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let keys: Vec<usize> = cands
        .iter()
        .map(|c| {
            let n = ids.len();
            *ids.entry(c.key.as_str()).or_insert(n)
        })
        .collect();
    let mut distinct: Vec<&str> = vec![""; ids.len()];
    for (k, &i) in &ids {
        distinct[i] = k;
    }
    let mut uf = UnionFind((0..distinct.len()).collect());

    // One-letter typos: keys sharing a one-deletion variant (or one being the other's variant).
    let mut variants: HashMap<String, usize> = HashMap::new();
    for (i, k) in distinct.iter().enumerate() {
        if key_len(k) + 1 < LONG_KEY {
            continue;
        }
        for v in std::iter::once(k.to_string()).chain(deletions(k)) {
            match variants.get(&v) {
                Some(&j) => uf.union(i, j),
                None => {
                    variants.insert(v, i);
                }
            }
        }
    }
    // Containment at either end: `bestprofit` in `bestprofitfutures`, `rifan` in `ptrifan...`.
    for (i, k) in distinct.iter().enumerate() {
        let n = key_len(k);
        for (pos, (b, _)) in k.char_indices().enumerate().skip(1) {
            let prefix = (pos >= MIN_PREFIX).then(|| &k[..b]);
            let suffix = (n - pos >= MIN_SUFFIX).then(|| &k[b..]);
            for part in prefix.into_iter().chain(suffix) {
                if let Some(&j) = ids.get(part) {
                    uf.union(i, j);
                }
            }
        }
    }

    let mut groups: HashMap<usize, Places> = HashMap::new();
    for (c, &k) in cands.iter().zip(&keys).filter(|(c, _)| c.name) {
        let g = groups.entry(uf.find(k)).or_default();
        let place = (c.block, c.phrase.start);
        g.all.insert(place);
        if c.strong() {
            g.strong.insert(place);
        }
        g.capitalized |= c.capitalized;
        g.keys.insert(&c.key);
        g.not_one_word_prefix |=
            c.words > 1 || !matches!(c.position, Position::Prefix | Position::Lead);
    }
    keys.iter()
        .zip(cands)
        .map(|(&k, c)| {
            let Some(g) = groups.get(&uf.find(k)).filter(|_| c.name) else {
                return Evidence::default();
            };
            Evidence {
                count: g.all.len(),
                strong: g.strong.len(),
                capitalized: g.capitalized,
                varied: g.not_one_word_prefix || g.keys.len() > 1,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(block: usize, key: &str, position: Position) -> Candidate {
        Candidate {
            block,
            post: 0,
            phrase: 0..1,
            remove: 0..1,
            position,
            key: key.into(),
            capitalized: true,
            ordinary: false,
            words: 1,
            name: true,
        }
    }

    #[test]
    fn variants_group_together() {
        let cs = [
            cand(0, "bestprofitfutures", Position::Prefix),
            cand(1, "bestprofit", Position::Tail),
            cand(2, "equityworldfutures", Position::Prefix),
            cand(3, "equitywordfutures", Position::Suffix),
            cand(4, "kabarbursa", Position::Prefix),
        ];
        let refs: Vec<&Candidate> = cs.iter().collect();
        let ev = evidence(&refs);
        assert_eq!(
            ev[0],
            Evidence {
                count: 2,
                strong: 1,
                capitalized: true,
                varied: true,
            }
        );
        assert!(ev[1].repeated());
        assert!(ev[2].repeated() && ev[3].repeated());
        assert!(!ev[4].repeated());
    }

    #[test]
    fn sentence_fragments_are_not_evidence() {
        let mut fragment = cand(1, "persibbandungdi", Position::Suffix);
        fragment.name = false;
        let cs = [cand(0, "persib", Position::Prefix), fragment];
        let refs: Vec<&Candidate> = cs.iter().collect();
        let ev = evidence(&refs);
        assert_eq!(ev[0].count, 1);
        assert_eq!(ev[1], Evidence::default());
    }

    #[test]
    fn the_same_one_word_dateline_is_not_repetition() {
        let cs = [
            cand(0, "sleman", Position::Prefix),
            cand(3, "sleman", Position::Prefix),
        ];
        let refs: Vec<&Candidate> = cs.iter().collect();
        assert!(!evidence(&refs)[0].repeated());
        let cs = [
            cand(0, "nusaprima", Position::Prefix),
            cand(3, "nusaprima", Position::Suffix),
        ];
        let refs: Vec<&Candidate> = cs.iter().collect();
        assert!(evidence(&refs)[0].repeated());
    }

    #[test]
    fn weak_positions_alone_are_not_repetition() {
        let cs = [
            cand(0, "repeatchorus", Position::Line),
            cand(5, "repeatchorus", Position::Line),
        ];
        let refs: Vec<&Candidate> = cs.iter().collect();
        assert!(!evidence(&refs)[0].repeated());
    }

    #[test]
    fn short_keys_are_not_contained() {
        let cs = [
            cand(0, "emas", Position::Prefix),
            cand(1, "hargaemas", Position::Prefix),
        ];
        let refs: Vec<&Candidate> = cs.iter().collect();
        assert!(!evidence(&refs)[0].repeated());
    }
}
