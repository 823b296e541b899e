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

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;

use crate::brands::{key_len, SHORT_KEY};
use crate::candidates::{extract, Candidate, Position};
use crate::clean::{merge, Hit};
use crate::footer::{structural, UiMatch};
use crate::labels::{label_header, label_items};
use crate::memo::PhraseMemo;
use crate::model::{BlockKind, Category};
use crate::normalize::{is_blank, trim};
use crate::phrase::{initials, press_initials};
use crate::repetition::{evidence, groups, regrouped, Evidence};
use crate::rules::Tables;
use crate::user::UserRules;

/// Enough for every nesting seen on real pages; bounds the work on adversarial input.
const MAX_PASSES: usize = 4;
/// Unknown phrases shorter than this (`KPK`, `DKI`) are never hidden for repeating: too many
/// legitimate acronyms open paragraphs.
const MIN_REPEATED_KEY: usize = 4;
/// Unknown keys shorter than this need two deliberate placements (see `judge`).
const SHORT_NAME: usize = 6;
/// A label list goes whole when at least this many of its items are judged ads...
const MIN_LABELS_JUDGED: usize = 2;

/// The rule name prefixes of a listed brand's findings, of an abbreviation's, of a repeated
/// phrase's and of a structural widget's.
const BRAND_LIST: &str = "brand-list:";
const ABBREVIATION: &str = "abbreviation:";
const REPEATED: &str = "repeated:";
const STRUCTURE: &str = "structure:";

/// A finding's rule name, `prefix` then `name`. Joined, not `format!`ted: most findings of a farm
/// page name a listed brand, and the formatting machinery cost several times the copy.
fn rule_name(prefix: &str, name: &str) -> String {
    let mut rule = String::with_capacity(prefix.len() + name.len());
    rule.push_str(prefix);
    rule.push_str(name);
    rule
}

/// One block as the judgement sees it: its text as it is now (borrowed until a pass removes
/// something from it), its kind and its post.
#[derive(Debug, Clone)]
pub struct Part<'a> {
    pub text: Cow<'a, str>,
    pub kind: BlockKind,
    pub post: u32,
    /// The post's title: a `title` block, or the first non-empty block of a post that has none
    /// (plain text, where a post's first line is its title). Set by [`scan`].
    title: bool,
}

impl<'a> Part<'a> {
    pub fn new(text: &'a str, kind: BlockKind, post: u32) -> Self {
        Part {
            text: Cow::Borrowed(text),
            kind,
            post,
            title: kind == BlockKind::Title,
        }
    }
}

/// Whether a block can stand for its post's title when the post has no title block: a body
/// block with text ([`mark_titles`] takes the first, [`retitle`] the next when that one goes).
fn may_stand_for_title(b: &Part) -> bool {
    b.kind == BlockKind::Body && !is_blank(&b.text)
}

/// Marks the first non-empty body block of every post without a title block as its title.
fn mark_titles(blocks: &mut [Part]) {
    // Per post: whether it has a title block, and its first non-empty body block.
    let mut posts: HashMap<u32, (bool, Option<usize>)> = HashMap::default();
    for (i, b) in blocks.iter().enumerate() {
        let entry = posts.entry(b.post).or_default();
        entry.0 |= b.kind == BlockKind::Title;
        if entry.1.is_none() && may_stand_for_title(b) {
            entry.1 = Some(i);
        }
    }
    for (has_title, first) in posts.into_values() {
        if let Some(i) = first.filter(|_| !has_title) {
            blocks[i].title = true;
        }
    }
}

/// Moves the title mark of a post whose marked title (block `emptied`, a body block marked by
/// [`mark_titles`]) was removed whole to the post's next non-empty body block, and returns it:
/// the cleaned text starts with that block, so judging it as the title keeps cleaning idempotent
/// (a second scan of the cleaned text finds nothing more).
fn retitle(blocks: &mut [Part], emptied: usize) -> Option<usize> {
    if blocks[emptied].kind != BlockKind::Body {
        return None;
    }
    let post = blocks[emptied].post;
    blocks[emptied].title = false;
    let next = (emptied + 1..blocks.len())
        .find(|&i| blocks[i].post == post && may_stand_for_title(&blocks[i]))?;
    blocks[next].title = true;
    Some(next)
}

/// Where the kept pieces of a block's current text come from: `(original start, original end,
/// current start)`, contiguous in current offsets. Empty while nothing was removed.
type Pieces = Vec<(usize, usize, usize)>;

/// The whole judgement: the merged ranges to hide in each block, in that block's original byte
/// offsets, sorted and disjoint.
pub fn scan(t: &Tables, user: &UserRules, blocks: Vec<Part<'_>>) -> Vec<(usize, Vec<Hit>)> {
    let mut current = blocks;
    mark_titles(&mut current);
    // Per block, dense (indexed by block): what passes changed in it, boxed so the many blocks a
    // pass never touches cost one pointer each (a page where every line loses something still
    // touches each entry in order: a hash map keyed by block cost most of the time there).
    let mut changed: Vec<Option<Box<Changed>>> = Vec::new();
    changed.resize_with(current.len(), || None);
    // What each phrase found says, read once (see `PhraseMemo`).
    let mut memo = PhraseMemo::default();
    let mut facts: Vec<Option<Box<Facts>>> = current
        .iter()
        .enumerate()
        .map(|(i, b)| Facts::of(t, user, &mut memo, i, b))
        .collect();
    for pass in 0..MAX_PASSES {
        let mut hits: Vec<(usize, Hit)> = detect(t, &current, &mut facts, user, &mut memo)
            .into_iter()
            .filter(|(_, h)| pass == 0 || h.start < h.end)
            .collect();
        if hits.is_empty() {
            break;
        }
        for (b, h) in &mut hits {
            let (len, pieces) = match &changed[*b] {
                Some(c) => (c.original.len(), c.pieces.as_slice()),
                None => (current[*b].text.len(), &[][..]),
            };
            h.start = to_original(pieces, len, h.start, false);
            h.end = to_original(pieces, len, h.end, true).max(h.start);
        }
        // By block, each block's hits in the order they were found (merging keeps the first of
        // equal ones).
        let hits = crate::order::by_key(hits, |&(b, _)| (b, 0));
        let mut hits = hits.into_iter();
        while let Some(&(b, _)) = hits.as_slice().first() {
            let c = changed[b].get_or_insert_with(|| {
                Box::new(Changed {
                    original: std::mem::take(&mut current[b].text),
                    removed: Vec::new(),
                    pieces: Vec::new(),
                })
            });
            // Sized exactly: merged in place, this vector is what the block keeps.
            let n = hits
                .as_slice()
                .iter()
                .take_while(|&&(next, _)| next == b)
                .count();
            let mut all = std::mem::take(&mut c.removed);
            all.reserve_exact(n);
            all.extend(hits.by_ref().take(n).map(|(_, h)| h));
            let merged = merge(&c.original, all, |category| user.allows(category));
            c.pieces = rest_of(&c.original, &merged);
            c.removed = merged;
            current[b].text = text_of(&c.original, &c.pieces);
            facts[b] = Facts::of(t, user, &mut memo, b, &current[b]);
            if current[b].title && is_blank(&current[b].text) {
                if let Some(next) = retitle(&mut current, b) {
                    facts[next] = Facts::of(t, user, &mut memo, next, &current[next]);
                }
            }
        }
    }
    changed
        .into_iter()
        .enumerate()
        .filter_map(|(b, c)| Some((b, c?.removed)))
        .filter(|(_, hits)| !hits.is_empty())
        .collect()
}

/// What the passes changed in one block: its original text, the merged removals so far (in
/// original offsets), and where the kept pieces of its current text came from.
struct Changed<'a> {
    original: Cow<'a, str>,
    removed: Vec<Hit>,
    pieces: Pieces,
}

/// Where the text left after removing `hits` (sorted, disjoint) comes from.
fn rest_of(text: &str, hits: &[Hit]) -> Pieces {
    let mut pieces = Vec::new();
    let (mut at, mut len) = (0, 0);
    for (start, end) in hits
        .iter()
        .map(|h| (h.start, h.end))
        .chain(std::iter::once((text.len(), text.len())))
    {
        if start > at {
            pieces.push((at, start, len));
            len += start - at;
        }
        at = at.max(end);
    }
    pieces
}

/// The text of `pieces` of `original`: borrowed from the input when it is one piece (a prefix or
/// a suffix removed, the common case), so a pass copies only blocks cut in the middle.
fn text_of<'a>(original: &Cow<'a, str>, pieces: &Pieces) -> Cow<'a, str> {
    match (original, pieces.as_slice()) {
        (_, []) => Cow::Borrowed(""),
        (Cow::Borrowed(text), [(start, end, _)]) => Cow::Borrowed(&text[*start..*end]),
        (text, pieces) => Cow::Owned(pieces.iter().map(|&(a, b, _)| &text[a..b]).collect()),
    }
}

/// Maps an offset of the cleaned text back to the original. A start at a gap maps after the
/// removed text, an end before it. `pieces` is empty while the block is whole.
///
/// The pieces are contiguous and non-empty in current offsets, so at most one holds `at`: a
/// binary search finds it (many removals in one block stay O(n log n), not quadratic).
fn to_original(pieces: &[(usize, usize, usize)], len: usize, at: usize, is_end: bool) -> usize {
    if pieces.is_empty() {
        // Nothing removed yet: offsets are original ones (within `len`).
        return at.min(len);
    }
    let candidate = if is_end {
        pieces.partition_point(|&(_, _, cs)| cs < at).checked_sub(1)
    } else {
        pieces
            .partition_point(|&(_, _, cs)| cs <= at)
            .checked_sub(1)
    };
    if let Some(&(os, oe, cs)) = candidate.map(|k| &pieces[k]) {
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

/// What one block, as it is now, offers the judgement; recomputed only when the block changes.
#[derive(Debug, Default)]
struct Facts {
    /// Its whole text as platform UI.
    ui: Option<UiMatch>,
    /// Brand-like phrases at its boundaries.
    cands: Vec<Candidate>,
    /// Hits that need no other block: clutter by structure, the user's deny phrases.
    own: Vec<Hit>,
}

impl Facts {
    /// The facts of a block, or `None` when it offers nothing (most lines of a post).
    fn of(
        t: &Tables,
        user: &UserRules,
        memo: &mut PhraseMemo,
        i: usize,
        b: &Part,
    ) -> Option<Box<Facts>> {
        let facts = Facts::gather(t, user, memo, i, b);
        let empty = facts.ui.is_none() && facts.cands.is_empty() && facts.own.is_empty();
        (!empty).then(|| Box::new(facts))
    }

    fn gather(t: &Tables, user: &UserRules, memo: &mut PhraseMemo, i: usize, b: &Part) -> Facts {
        let mut facts = Facts::default();
        if b.kind == BlockKind::Comment {
            return facts;
        }
        if let Some(category) = structural(b.kind) {
            let rule = rule_name(STRUCTURE, category.name());
            facts.own.push(Hit {
                start: 0,
                end: b.text.len(),
                category,
                rule,
            });
            return facts;
        }
        facts.own = user.deny_hits(&b.text);
        if is_blank(&b.text) {
            return facts;
        }
        if matches!(
            b.kind,
            BlockKind::Body | BlockKind::Footer | BlockKind::CommentsHeader
        ) {
            facts.ui = t.footer.match_text(&b.text);
        }
        if facts.ui.is_none() && matches!(b.kind, BlockKind::Body | BlockKind::Footer) {
            // A feed leftover glued onto the text: hidden alone, the text is judged as usual.
            if let Some((start, m)) = t.footer.match_glued_feed(&b.text) {
                let end = b.text.len();
                let rule = t.footer.rule(&m).to_string();
                let category = m.category;
                facts.own.push(Hit {
                    start,
                    end,
                    category,
                    rule,
                });
            }
        }
        if facts.ui.is_none() && b.kind != BlockKind::CommentsHeader {
            // At their exact count (kept across passes for every line of a post).
            facts.cands = extract(t, i, b.post, b.kind, b.title, &b.text, memo);
        }
        facts
    }
}

/// One detection pass over the blocks as they are now.
fn detect(
    t: &Tables,
    blocks: &[Part],
    facts: &mut [Option<Box<Facts>>],
    user: &UserRules,
    memo: &mut PhraseMemo,
) -> Vec<(usize, Hit)> {
    let mut hits: Vec<(usize, Hit)> = Vec::new();
    let ui: Vec<Option<UiMatch>> = facts
        .iter()
        .map(|f| f.as_ref().and_then(|f| f.ui))
        .collect();
    // Only a weak UI line in body text needs a neighbour to count (most pages have none).
    let weak_in_body = |i: usize, m: &UiMatch| m.weak && blocks[i].kind == BlockKind::Body;
    let weak = ui
        .iter()
        .enumerate()
        .any(|(i, m)| m.is_some_and(|m| weak_in_body(i, &m)));
    let beside = if weak {
        beside_strong_ui(blocks, &ui)
    } else {
        Vec::new()
    };
    for (i, m) in ui.iter().enumerate() {
        let Some(m) = m else { continue };
        if weak_in_body(i, m) && !beside[i] {
            continue;
        }
        let (end, category) = (blocks[i].text.len(), m.category);
        hits.push((
            i,
            Hit {
                start: 0,
                end,
                category,
                rule: t.footer.rule(m).to_string(),
            },
        ));
    }
    let lost = complete_needed(t, blocks, facts, memo);
    let cands: Vec<&Candidate> = facts.iter().flatten().flat_map(|f| &f.cands).collect();
    hits.extend(judge_all(t, blocks, &cands, &lost));
    hits.extend(crate::contacts::contact_runs(blocks));
    for (i, f) in facts.iter().enumerate() {
        if let Some(f) = f {
            hits.extend(f.own.iter().map(|h| (i, h.clone())));
        }
    }
    hits.retain(|(i, h)| user.keeps(&blocks[*i].text[h.start..h.end], h.category));
    hits
}

/// How a block counts in a run of UI lines around a weak one (`Home`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum RunRole {
    /// A specific UI line or a structural widget: the weak line beside it is UI too.
    Strong,
    /// Another weak line, or an empty one: the run goes on.
    Pass,
    /// Text: the run ends.
    Stop,
}

/// For every block, whether it sits in a run of UI lines (weak ones and empty ones) of its own
/// post that reaches a specific UI line or a structural widget on either side.
///
/// One sweep each way: a block's answer from the left is its left neighbour's role, or, when that
/// neighbour only passes, the neighbour's own answer. Linear, however long the run (`Home` a
/// hundred thousand times).
fn beside_strong_ui(blocks: &[Part], ui: &[Option<UiMatch>]) -> Vec<bool> {
    let role = |j: usize| {
        let b = &blocks[j];
        if structural(b.kind).is_some() || ui[j].is_some_and(|m| !m.weak) {
            RunRole::Strong
        } else if ui[j].is_none() && !is_blank(&b.text) {
            RunRole::Stop
        } else {
            RunRole::Pass
        }
    };
    let n = blocks.len();
    let roles: Vec<RunRole> = (0..n).map(role).collect();
    let mut left = vec![false; n];
    for i in 1..n {
        if blocks[i - 1].post == blocks[i].post {
            left[i] = match roles[i - 1] {
                RunRole::Strong => true,
                RunRole::Stop => false,
                RunRole::Pass => left[i - 1],
            };
        }
    }
    let mut beside = left;
    let mut right = false;
    for i in (0..n.saturating_sub(1)).rev() {
        right = blocks[i + 1].post == blocks[i].post
            && match roles[i + 1] {
                RunRole::Strong => true,
                RunRole::Stop => false,
                RunRole::Pass => right,
            };
        beside[i] |= right;
    }
    beside
}

/// Groups each post's eligible candidates ([`groups`]: each candidate's `group`), and reads the
/// rest of the facts (see `Candidate::complete`) of every candidate the judgement can use: one
/// naming a listed brand, a prefix (it opens list items, and may be an outlet-dressed
/// abbreviation), a key short enough to be an abbreviation where one may stand, and one whose
/// key's group occurs at two places of its post or more. The others are ordinary prose: no rule
/// can hold them (see [`judge_all`]).
///
/// Returns the groups, as `(post, group)`, that lost a candidate here: one found to have a
/// dateline's shape is no longer eligible (see [`regrouped`]).
fn complete_needed(
    t: &Tables,
    blocks: &[Part],
    facts: &mut [Option<Box<Facts>>],
    memo: &mut PhraseMemo,
) -> HashSet<(u32, u32)> {
    // Per post, the candidates that may be eligible: `(block, index in the block's candidates)`.
    let mut posts: HashMap<u32, Vec<(usize, usize)>> = HashMap::default();
    for (b, f) in facts.iter().enumerate() {
        let Some(f) = f else { continue };
        for (n, c) in f.cands.iter().enumerate() {
            if c.eligible {
                posts.entry(c.post).or_default().push((b, n));
            }
        }
    }
    fn cand(facts: &[Option<Box<Facts>>], (b, n): (usize, usize)) -> Option<&Candidate> {
        facts[b].as_ref().map(|f| &f.cands[n])
    }
    let mut needed: Vec<(usize, usize)> = Vec::new();
    for at in posts.values() {
        let grouped = groups(
            &at.iter()
                .filter_map(|&a| cand(facts, a))
                .collect::<Vec<_>>(),
        );
        for (&(b, n), g) in at.iter().zip(grouped) {
            let Some(c) = facts[b].as_mut().map(|f| &mut f.cands[n]) else {
                continue;
            };
            c.group = g.group;
            let use_ = c.known.is_some() || c.position == Position::Prefix || c.may_abbreviate();
            if !c.complete && (use_ || g.repeats) {
                needed.push((b, n));
            }
        }
    }
    let mut lost = HashSet::default();
    for (b, n) in needed {
        if let Some(f) = &mut facts[b] {
            let c = &mut f.cands[n];
            c.complete(t, &blocks[b].text, memo);
            if !c.eligible {
                lost.insert((c.post, c.group));
            }
        }
    }
    lost
}

/// Judges every candidate with its post's repetition evidence.
///
/// Only complete candidates are judged ([`complete_needed`]). That decides as judging every
/// eligible one would: a candidate that is not complete names no listed brand, opens no list
/// item, cannot be an abbreviation, and its key's group (among all the post's candidates) occurs
/// at one place; grouping fewer candidates only splits groups, so the groups of the complete ones
/// that can repeat are whole, and the others stay at one place (no evidence) either way.
fn judge_all(
    t: &Tables,
    blocks: &[Part],
    cands: &[&Candidate],
    lost: &HashSet<(u32, u32)>,
) -> Vec<(usize, Hit)> {
    let mut posts: HashMap<u32, Vec<&Candidate>> = HashMap::default();
    for c in cands.iter().filter(|c| c.complete && c.eligible) {
        posts.entry(c.post).or_default().push(c);
    }
    let mut hits = Vec::new();
    // Whole link lines judged ads: a bare read-also header right above one goes with it.
    let mut link_lines: Vec<(usize, String)> = Vec::new();
    for (&post, group) in &posts {
        // Items of a list count as ordinary placements (no copy of the candidates: only the
        // evidence reads it).
        let items = list_items(blocks, group);
        let ids = regrouped(group, |g| lost.contains(&(post, g)));
        let mut rules: Vec<Option<String>> = group
            .iter()
            .zip(evidence(group, &ids, &items))
            .map(|(c, ev)| judge(t, c, ev))
            .collect();
        abbreviations(t, blocks, group, &mut rules);
        let mut labels: HashMap<usize, (usize, String)> = HashMap::default();
        for (c, rule) in group.iter().zip(rules) {
            let Some(rule) = rule else { continue };
            if c.position == Position::Label {
                labels.entry(c.block).or_insert((0, rule.clone())).0 += 1;
            }
            let (start, end, category) = (c.remove.start, c.remove.end, c.position.category());
            if category == Category::LinkLine && start == 0 && end == blocks[c.block].text.len() {
                link_lines.push((c.block, rule.clone()));
            }
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
            if judged >= MIN_LABELS_JUDGED && judged * 2 >= total {
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
    hits.extend(read_also_headers(t, blocks, link_lines));
    hits
}

/// Which candidates open an item of a list: a block opened by `Name – ` next to a block opened by
/// another name with the same separator (`Baskara Sekuritas – ...` over `Lentera Sekuritas – ...`,
/// job ads by company). A farm stamps one brand on every paragraph; a list names a different
/// one on each line, so these openings are ordinary, not deliberate placement.
fn list_items<'a>(blocks: &'a [Part], group: &[&'a Candidate]) -> Vec<bool> {
    // Whether a candidate opens its block; then what: its name and separator.
    fn opens(blocks: &[Part], c: &Candidate) -> bool {
        c.position == Position::Prefix && is_blank(&blocks[c.block].text[..c.phrase.start])
    }
    fn opening<'a>(blocks: &'a [Part], c: &'a Candidate) -> (&'a str, &'a str) {
        let text = &blocks[c.block].text;
        (&*c.key, trim(&text[c.phrase.end..c.remove.end]))
    }
    // By block, the last candidate opening it (its index in `group`) and its opening, read once.
    let mut openings: HashMap<usize, (usize, &str, &str)> = HashMap::default();
    for (n, c) in group.iter().enumerate().filter(|(_, c)| opens(blocks, c)) {
        let (key, sep) = opening(blocks, c);
        openings.insert(c.block, (n, key, sep));
    }
    if openings.len() < 2 {
        return vec![false; group.len()];
    }
    let neighbour = |b: usize, up: bool| {
        let post = blocks[b].post;
        let mut i = b;
        loop {
            i = if up { i.checked_sub(1)? } else { i + 1 };
            let next = blocks.get(i).filter(|n| n.post == post)?;
            if !is_blank(&next.text) {
                return Some(i);
            }
        }
    };
    group
        .iter()
        .enumerate()
        .map(|(n, c)| {
            if !opens(blocks, c) {
                return false;
            }
            let (key, sep) = match openings.get(&c.block) {
                Some(&(last, key, sep)) if last == n => (key, sep),
                _ => opening(blocks, c),
            };
            [true, false].into_iter().any(|up| {
                neighbour(c.block, up)
                    .and_then(|b| openings.get(&b))
                    .is_some_and(|&(_, other, other_sep)| {
                        other_sep == sep && !key.starts_with(other) && !other.starts_with(key)
                    })
            })
        })
        .collect()
}

/// `BACA JUGA :` alone on its line, over brand link lines: the header goes with the first link
/// line below it (empty lines between them allowed) when that line was judged an ad. An outlet's
/// own header over its own titles stays.
fn read_also_headers(
    t: &Tables,
    blocks: &[Part],
    link_lines: Vec<(usize, String)>,
) -> Vec<(usize, Hit)> {
    // By block, each once with the least of its rules: a link line judged by two candidates gives
    // its header the same hit twice, and merging keeps the first of equal hits, the least rule
    // in sorted order. (Through `order`, not a `sort_unstable` of these pairs: that was another
    // copy of the standard sort in the Wasm core.)
    let mut lines: Vec<(usize, String)> = Vec::with_capacity(link_lines.len());
    for (block, rule) in crate::order::by_key(link_lines, |&(block, _)| (block, 0)) {
        match lines.last_mut() {
            Some((last, least)) if *last == block => {
                if rule < *least {
                    *least = rule;
                }
            }
            _ => lines.push((block, rule)),
        }
    }
    let mut hits = Vec::new();
    for (block, rule) in lines {
        let post = blocks[block].post;
        let above = (0..block)
            .rev()
            .take_while(|&i| blocks[i].post == post)
            .find(|&i| !is_blank(&blocks[i].text));
        let Some(header) = above.filter(|&i| t.datelines.is_read_also_header(&blocks[i].text))
        else {
            continue;
        };
        let end = blocks[header].text.len();
        hits.push((
            header,
            Hit {
                start: 0,
                end,
                category: Category::LinkLine,
                rule,
            },
        ));
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
fn abbreviations(t: &Tables, blocks: &[Part], group: &[&Candidate], rules: &mut [Option<String>]) {
    let phrase = |c: &Candidate| &blocks[c.block].text[c.phrase.clone()];
    let judged = group.iter().zip(rules.iter()).filter(|(_, r)| r.is_some());
    // Initials depend on the phrase alone, and a farm stamps one phrase on paragraph after
    // paragraph: each distinct phrase is read once.
    let mut seen: HashSet<&str> = HashSet::default();
    let names: HashSet<String> = judged
        .clone()
        .map(|(c, _)| phrase(c))
        .filter(|p| seen.insert(p))
        .map(|p| initials(&t.datelines, p))
        .filter(|i| key_len(i) >= 2)
        .collect();
    let listed: HashSet<&str> = judged
        .filter_map(|(_, r)| r.as_deref()?.strip_prefix(BRAND_LIST))
        .collect();
    if names.is_empty() && listed.is_empty() {
        return;
    }
    let brands = &t.brands;
    // The listed abbreviations of the brands judged here (`rfb`), for outlet-dressed initials.
    let listed_short: Vec<(&str, &str)> = brands
        .exact
        .iter()
        .map(|(k, b)| (k.as_ref(), brands.id(usize::from(*b))))
        .filter(|(k, id)| key_len(k) <= SHORT_KEY && listed.contains(id))
        .collect();
    let mut found = Vec::new();
    for (n, (c, rule)) in group.iter().zip(rules.iter()).enumerate() {
        // `Jakarta, PT RF Press - ` beside `PT RIFAN FINANCINDO BERJANGKA - `: initials that
        // start the abbreviation of an ad judged in the post.
        let press = (rule.is_none() && c.position == Position::Prefix)
            .then(|| press_initials(&t.datelines, phrase(c)))
            .flatten();
        if let Some(initials) = press {
            // Of several that fit, the alphabetically first names the rule (keys are unique; the
            // table is in `key_order`, not alphabetical).
            let fits = listed_short
                .iter()
                .filter(|(k, _)| k.starts_with(&initials));
            if let Some((_, id)) = fits.min_by_key(|&&(k, _)| k) {
                found.push((n, rule_name(BRAND_LIST, id)));
            } else if names.iter().any(|k| k.starts_with(&initials)) {
                found.push((n, rule_name(ABBREVIATION, &initials)));
            }
            continue;
        }
        // A credit's desk code is lower case and so is the abbreviation after it (`(Mbs-kpf)`).
        let caps = c.caps || c.position == Position::Credit;
        if rule.is_some() || !caps || !c.may_abbreviate() {
            continue;
        }
        let brand = brands.lookup(&c.key).map(|i| brands.id(i));
        if let Some(id) = brand.filter(|id| listed.contains(id)) {
            found.push((n, rule_name(BRAND_LIST, id)));
        } else if names.contains(&*c.key) {
            found.push((n, rule_name(ABBREVIATION, &c.key)));
        }
    }
    for (n, rule) in found {
        rules[n] = Some(rule);
    }
}

/// Why a candidate (already known not to be a dateline or marker) is an ad, if it is.
fn judge(t: &Tables, c: &Candidate, ev: Evidence) -> Option<String> {
    if let Some(i) = c.known {
        return Some(rule_name(BRAND_LIST, t.brands.id(i)));
    }
    let len = key_len(&c.key);
    // A short unknown key (`BPJS`, `KPK`) opens sentences of real news: it needs deliberate
    // placement twice.
    let enough = len >= SHORT_NAME || ev.strong >= 2;
    (ev.repeated() && len >= MIN_REPEATED_KEY && enough)
        .then(|| rule_name(REPEATED, &ev.count.to_string()))
}
