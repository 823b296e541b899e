//! The whole judgement of a page: which ranges of which blocks to hide, and why.
//!
//! One pass finds Blogger UI lines and widgets (`footer`), injected brand phrases at block
//! boundaries (`candidates`, judged by `brands`, `datelines` and per-post `repetition`) and the
//! user's deny phrases. A candidate is an ad when it names a listed brand, when it is the
//! abbreviation (initials) of an ad found in the same post, or when its group repeats at the
//! post's boundaries and looks like an advertised company (`repetition::Evidence::repeated`).
//! Removing a fragment can expose another at the new boundary (`text. BPF - BEST PROFIT`), so
//! passes repeat on the cleaned text until nothing new is found:
//! that makes cleaning idempotent, which the property tests check.

use std::collections::{HashMap, HashSet};

use crate::brands::{key_len, Brands, SHORT_KEY};
use crate::candidates::{extract, initials, label_header, label_items, Candidate, Position};
use crate::clean::{merge, Hit};
use crate::datelines::Datelines;
use crate::footer::{structural, Footer, UiMatch};
use crate::model::{Block, BlockKind, Category, Finding, Options};
use crate::normalize::utf16_offsets;
use crate::repetition::{evidence, Evidence};
use crate::user::UserRules;

/// Enough for every nesting seen on real pages; bounds the work on adversarial input.
const MAX_PASSES: usize = 4;
/// Unknown phrases shorter than this (`KPK`, `DKI`) are never hidden for repeating: too many
/// legitimate acronyms open paragraphs.
const MIN_REPEATED_KEY: usize = 4;
/// Unknown keys shorter than this need two deliberate placements (see `judge`).
const SHORT_NAME: usize = 6;

/// The rule name prefix of a listed brand's findings.
const BRAND_LIST: &str = "brand-list:";

/// The kept pieces of an original block text: `(original start, original end, current start)`.
type Pieces = Vec<(usize, usize, usize)>;

pub fn scan(blocks: &[Block], options: &Options) -> Vec<Finding> {
    let user = UserRules::new(options);
    let mut removed: Vec<Vec<Hit>> = vec![Vec::new(); blocks.len()];
    let mut current: Vec<Block> = blocks.to_vec();
    let mut pieces: Vec<Pieces> = blocks.iter().map(|b| vec![(0, b.text.len(), 0)]).collect();
    let mut facts: Vec<Facts> = blocks
        .iter()
        .enumerate()
        .map(|(i, b)| Facts::of(i, b, &user))
        .collect();
    for pass in 0..MAX_PASSES {
        let hits: Vec<(usize, Hit)> = detect(&current, &facts, &user)
            .into_iter()
            .filter(|(_, h)| pass == 0 || h.start < h.end)
            .collect();
        if hits.is_empty() {
            break;
        }
        let mut touched = Vec::new();
        for (b, h) in hits {
            let start = to_original(&pieces[b], blocks[b].text.len(), h.start, false);
            let end = to_original(&pieces[b], blocks[b].text.len(), h.end, true).max(start);
            removed[b].push(Hit { start, end, ..h });
            touched.push(b);
        }
        touched.sort_unstable();
        touched.dedup();
        for b in touched {
            removed[b] = merge(&blocks[b].text, std::mem::take(&mut removed[b]));
            (current[b].text, pieces[b]) = rest_of(&blocks[b].text, &removed[b]);
            facts[b] = Facts::of(b, &current[b], &user);
        }
    }
    findings(blocks, removed)
}

/// The text left after removing `hits` (sorted, disjoint), and where its pieces came from.
fn rest_of(text: &str, hits: &[Hit]) -> (String, Pieces) {
    let mut out = String::with_capacity(text.len());
    let mut pieces = Vec::new();
    let mut at = 0;
    for h in hits.iter().chain(std::iter::once(&Hit {
        start: text.len(),
        end: text.len(),
        category: Category::Line,
        rule: String::new(),
    })) {
        if h.start > at {
            pieces.push((at, h.start, out.len()));
            out.push_str(&text[at..h.start]);
        }
        at = at.max(h.end);
    }
    (out, pieces)
}

/// Maps an offset of the cleaned text back to the original. A start at a gap maps after the
/// removed text, an end before it.
fn to_original(pieces: &Pieces, len: usize, at: usize, is_end: bool) -> usize {
    for &(os, oe, cs) in pieces {
        let ce = cs + (oe - os);
        let inside = if is_end {
            at > cs && at <= ce
        } else {
            at >= cs && at < ce
        };
        if inside {
            return os + (at - cs);
        }
    }
    if is_end && at == 0 {
        pieces.first().map_or(0, |p| p.0)
    } else {
        len
    }
}

/// Turns the merged hits into findings with UTF-16 offsets.
fn findings(blocks: &[Block], removed: Vec<Vec<Hit>>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (b, hits) in removed.into_iter().enumerate() {
        if hits.is_empty() {
            continue;
        }
        let offsets: Vec<usize> = hits.iter().flat_map(|h| [h.start, h.end]).collect();
        let units = utf16_offsets(&blocks[b].text, &offsets);
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

/// What one block, as it is now, offers the judgement; recomputed only when the block changes.
#[derive(Debug, Default)]
struct Facts {
    /// Its whole text as Blogger UI.
    ui: Option<UiMatch>,
    /// Brand-like phrases at its boundaries.
    cands: Vec<Candidate>,
    /// Hits that need no other block: clutter by structure, the user's deny phrases.
    own: Vec<Hit>,
}

impl Facts {
    fn of(i: usize, b: &Block, user: &UserRules) -> Facts {
        let mut facts = Facts::default();
        if b.kind == BlockKind::Comment {
            return facts;
        }
        if let Some(category) = structural(b.kind) {
            let rule = format!("structure:{}", kind_name(b.kind));
            facts.own.push(Hit {
                start: 0,
                end: b.text.len(),
                category,
                rule,
            });
            return facts;
        }
        facts.own = user.deny_hits(&b.text);
        if b.text.trim().is_empty() {
            return facts;
        }
        if matches!(
            b.kind,
            BlockKind::Body | BlockKind::Footer | BlockKind::CommentsHeader
        ) {
            facts.ui = Footer::get().match_text(&b.text);
        }
        if facts.ui.is_none() && b.kind != BlockKind::CommentsHeader {
            facts.cands = extract(i, b.post, b.kind, &b.text);
        }
        facts
    }
}

/// One detection pass over the blocks as they are now.
fn detect(blocks: &[Block], facts: &[Facts], user: &UserRules) -> Vec<(usize, Hit)> {
    let mut hits: Vec<(usize, Hit)> = Vec::new();
    let ui: Vec<Option<UiMatch>> = facts.iter().map(|f| f.ui).collect();
    for (i, m) in ui.iter().enumerate() {
        let Some(m) = m else { continue };
        if m.weak && blocks[i].kind == BlockKind::Body && !beside_strong_ui(blocks, &ui, i) {
            continue;
        }
        let (end, category) = (blocks[i].text.len(), m.category);
        hits.push((
            i,
            Hit {
                start: 0,
                end,
                category,
                rule: m.rule(),
            },
        ));
    }
    let cands: Vec<&Candidate> = facts.iter().flat_map(|f| &f.cands).collect();
    hits.extend(judge_all(blocks, &cands));
    for (i, f) in facts.iter().enumerate() {
        hits.extend(f.own.iter().map(|h| (i, h.clone())));
    }
    hits.retain(|(i, h)| user.keeps(&blocks[*i].text[h.start..h.end], h.category));
    hits
}

/// Whether a weak UI line (`Home`) sits in a run of Blogger lines with a specific one in it.
fn beside_strong_ui(blocks: &[Block], ui: &[Option<UiMatch>], i: usize) -> bool {
    let post = blocks[i].post;
    let run = |range: &mut dyn Iterator<Item = usize>| {
        for j in range {
            let b = &blocks[j];
            if b.post != post {
                return false;
            }
            if structural(b.kind).is_some() || ui[j].is_some_and(|m| !m.weak) {
                return true;
            }
            if ui[j].is_none() && !b.text.trim().is_empty() {
                return false;
            }
        }
        false
    };
    run(&mut (0..i).rev()) || run(&mut (i + 1..blocks.len()))
}

/// Judges every candidate with its post's repetition evidence.
fn judge_all(blocks: &[Block], cands: &[&Candidate]) -> Vec<(usize, Hit)> {
    let dl = Datelines::get();
    let eligible: Vec<&Candidate> = cands
        .iter()
        .copied()
        .filter(|c| {
            // A dateline shape is never an ad, unless it spells a listed brand's site
            // (`www.bestprofit-futures.co.id`).
            let dateline = dl.is_dateline(&blocks[c.block].text[c.phrase.clone()])
                && Brands::get().find_within(&c.key).is_none();
            !dl.is_marker_key(&c.key) && !dateline
        })
        .collect();
    let mut posts: HashMap<u32, Vec<&Candidate>> = HashMap::new();
    for c in &eligible {
        posts.entry(c.post).or_default().push(c);
    }
    let mut hits = Vec::new();
    for group in posts.values() {
        let mut rules: Vec<Option<String>> = group
            .iter()
            .zip(evidence(group))
            .map(|(c, ev)| judge(c, ev, &blocks[c.block].text[c.phrase.clone()]))
            .collect();
        abbreviations(blocks, group, &mut rules);
        let mut labels: HashMap<usize, (usize, String)> = HashMap::new();
        for (c, rule) in group.iter().zip(rules) {
            let Some(rule) = rule else { continue };
            if c.position == Position::Label {
                labels.entry(c.block).or_insert((0, rule.clone())).0 += 1;
            }
            let (start, end, category) = (c.remove.start, c.remove.end, c.position.category());
            hits.push((
                c.block,
                Hit {
                    start,
                    end,
                    category,
                    rule,
                },
            ));
        }
        for (block, (judged, rule)) in labels {
            let text = &blocks[block].text;
            let total = label_items(text, label_header(text).unwrap_or(0)).len();
            // A list stuffed with brand variants goes whole, with its few real labels.
            if judged >= 2 && judged * 2 >= total {
                let end = text.len();
                hits.push((
                    block,
                    Hit {
                        start: 0,
                        end,
                        category: Category::LabelList,
                        rule,
                    },
                ));
            }
        }
    }
    hits
}

/// Marks abbreviations of this post's injected names (`PT SCB` beside `PT SINAR CAKRAWALA
/// BERJANGKA - `): a short phrase in capitals whose letters are the initials of a judged name, or
/// a listed brand's abbreviation (`KPF`) when that brand was judged elsewhere in the post.
///
/// Abbreviations are never matched where a sentence can begin or end on their own (a legitimate
/// acronym closes many a paragraph), except glued in capitals after the last sentence
/// (`... 1,1 persen. KPF`) when the post already carries the brand: that is the farm's stamp.
fn abbreviations(blocks: &[Block], group: &[&Candidate], rules: &mut [Option<String>]) {
    let phrase = |c: &Candidate| &blocks[c.block].text[c.phrase.clone()];
    let judged = group.iter().zip(rules.iter()).filter(|(_, r)| r.is_some());
    let names: HashSet<String> = judged
        .clone()
        .map(|(c, _)| initials(phrase(c)))
        .filter(|i| key_len(i) >= 2)
        .collect();
    let listed: HashSet<&str> = judged
        .filter_map(|(_, r)| r.as_deref()?.strip_prefix(BRAND_LIST))
        .collect();
    if names.is_empty() && listed.is_empty() {
        return;
    }
    let brands = Brands::get();
    let mut found = Vec::new();
    for (n, (c, rule)) in group.iter().zip(rules.iter()).enumerate() {
        let caps = !phrase(c).chars().any(char::is_lowercase);
        let placed = c.position.allows_abbreviation() || c.position == Position::CapsTail;
        if rule.is_some() || !caps || key_len(&c.key) > SHORT_KEY || !placed {
            continue;
        }
        let brand = brands.lookup(&c.key).map(|i| brands.brand(i).id.as_str());
        if let Some(id) = brand.filter(|id| listed.contains(id)) {
            found.push((n, format!("{BRAND_LIST}{id}")));
        } else if names.contains(&c.key) {
            found.push((n, format!("abbreviation:{}", c.key)));
        }
    }
    for (n, rule) in found {
        rules[n] = Some(rule);
    }
}

/// Why a candidate (already known not to be a dateline or marker) is an ad, if it is.
fn judge(c: &Candidate, ev: Evidence, phrase: &str) -> Option<String> {
    let brands = Brands::get();
    let abbreviation = key_len(&c.key) <= SHORT_KEY;
    let known = if abbreviation && !c.position.allows_abbreviation() {
        None
    } else {
        brands.lookup(&c.key)
    };
    let known = known
        .or_else(|| brands.starting(&c.key, c.words))
        .or_else(|| {
            // Credits and labels carry extra words; a site address carries `www` and `.co.id`.
            let contained = c.position.allows_containment() || Datelines::get().is_outlet(phrase);
            contained.then(|| brands.find_within(&c.key)).flatten()
        });
    if let Some(i) = known {
        return Some(format!("{BRAND_LIST}{}", brands.brand(i).id));
    }
    let len = key_len(&c.key);
    // A short unknown key (`BPJS`, `KPK`) opens sentences of real news: it needs deliberate
    // placement twice.
    let enough = len >= SHORT_NAME || ev.strong >= 2;
    (ev.repeated() && len >= MIN_REPEATED_KEY && enough).then(|| format!("repeated:{}", ev.count))
}

fn kind_name(kind: BlockKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
