//! Character-level scoring of found spans against labeled spans, and the report listing every
//! miss and false hit.
//!
//! Characters (not bytes, not findings) are counted so a long ad line weighs more than a stray
//! hyphen, and a finding that is almost right loses only the characters it gets wrong.
//! Whitespace at the edges of every span, labeled or found, is not counted: whether a removed
//! prefix takes its trailing space, or a removed line its newline, is a presentation convention,
//! not a detection error. Separators are not whitespace: a found ` - BEST PROFIT` against a label
//! `BEST PROFIT` costs the ` -`.

use std::fmt;

use super::corpus::Document;
use super::labels::{GoldSpan, LabelKind};
use crate::{Category, TextFinding};

const GOLD: u8 = 1;
const FOUND: u8 = 2;
/// Labeled as platform clutter (see [`LabelKind`]); always set together with `GOLD`.
const CLUTTER: u8 = 4;

/// Character counts over a document or a corpus.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Labeled and found.
    pub true_positive: usize,
    /// Found but not labeled.
    pub false_positive: usize,
    /// Labeled but not found.
    pub false_negative: usize,
}

impl Counts {
    /// Share of found characters that were labeled; 1 when nothing was found.
    pub fn precision(&self) -> f64 {
        ratio(self.true_positive, self.true_positive + self.false_positive)
    }

    /// Share of labeled characters that were found; 1 when nothing was labeled.
    pub fn recall(&self) -> f64 {
        ratio(self.true_positive, self.true_positive + self.false_negative)
    }

    /// Harmonic mean of precision and recall; 0 when both are 0.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: Counts) {
        self.true_positive += other.true_positive;
        self.false_positive += other.false_positive;
        self.false_negative += other.false_negative;
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// A labeled span that was not (wholly) found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Miss {
    pub line: usize,
    pub column: usize,
    /// Line of the label in the labels file.
    pub label_line: usize,
    pub label: String,
    /// The parts of the label that were not found, when some of it was.
    pub missed: Option<String>,
}

/// A found span that is (partly) not labeled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FalseHit {
    pub line: usize,
    pub column: usize,
    pub category: Category,
    pub rule: String,
    pub text: String,
    /// The parts of the finding that are not labeled, when some of it is.
    pub unlabeled: Option<String>,
}

/// How one document scored.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentScore {
    pub name: String,
    pub clean: bool,
    /// How many findings the core returned for it.
    pub findings: usize,
    pub counts: Counts,
    /// The counts over injected-ad labels alone: true positives and false negatives only (a
    /// found character outside every label is no ad's and no clutter's).
    pub ads: Counts,
    pub misses: Vec<Miss>,
    pub false_hits: Vec<FalseHit>,
}

impl DocumentScore {
    /// Fully right: every label found whole and nothing else touched (a clean document: no
    /// finding at all). The per-document no-regression record keeps the names of these.
    pub fn is_right(&self) -> bool {
        self.misses.is_empty() && self.false_hits.is_empty() && !(self.clean && self.findings > 0)
    }
}

/// Scores `findings` (what the core found in `doc.text`) against `doc`'s labels.
pub fn score_document(doc: &Document, findings: &[TextFinding]) -> DocumentScore {
    let text = doc.text.as_str();
    let mut marks = vec![0u8; text.len()];
    let gold: Vec<(usize, usize)> = doc
        .gold
        .iter()
        .map(|g| trim(text, g.start, g.end))
        .collect();
    let found: Vec<(usize, usize)> = findings
        .iter()
        .map(|f| trim(text, f.start, f.end))
        .collect();
    for (span, &(start, end)) in doc.gold.iter().zip(&gold) {
        let mark = match span.kind {
            LabelKind::Ad => GOLD,
            LabelKind::Clutter => GOLD | CLUTTER,
        };
        marks[start..end].iter_mut().for_each(|m| *m |= mark);
    }
    for &(start, end) in &found {
        marks[start..end].iter_mut().for_each(|m| *m |= FOUND);
    }

    let mut counts = Counts::default();
    let mut ads = Counts::default();
    for (i, _) in text.char_indices() {
        let m = marks[i];
        let counted = match (m & GOLD != 0, m & FOUND != 0) {
            (true, true) => &mut counts.true_positive,
            (true, false) => &mut counts.false_negative,
            (false, true) => &mut counts.false_positive,
            (false, false) => continue,
        };
        *counted += 1;
        if m & (GOLD | CLUTTER) == GOLD {
            match m & FOUND {
                0 => ads.false_negative += 1,
                _ => ads.true_positive += 1,
            }
        }
    }

    let misses = doc
        .gold
        .iter()
        .zip(&gold)
        .filter_map(|(span, &(start, end))| miss(text, &marks, span, start, end))
        .collect();
    let false_hits = findings
        .iter()
        .zip(&found)
        .filter_map(|(finding, &(start, end))| false_hit(text, &marks, finding, start, end))
        .collect();
    DocumentScore {
        name: doc.name.clone(),
        clean: doc.clean,
        findings: findings.len(),
        counts,
        ads,
        misses,
        false_hits,
    }
}

fn miss(text: &str, marks: &[u8], span: &GoldSpan, start: usize, end: usize) -> Option<Miss> {
    let runs = runs_without(text, marks, start, end, FOUND);
    if runs.is_empty() {
        return None;
    }
    let (line, column) = position(text, start);
    let label = text
        .get(span.start..span.end)
        .unwrap_or(&text[start..end])
        .to_string();
    let whole = runs.len() == 1 && runs[0] == text[start..end];
    Some(Miss {
        line,
        column,
        label_line: span.label_line,
        label,
        missed: (!whole).then(|| runs.join(" … ")),
    })
}

fn false_hit(
    text: &str,
    marks: &[u8],
    finding: &TextFinding,
    start: usize,
    end: usize,
) -> Option<FalseHit> {
    let runs = runs_without(text, marks, start, end, GOLD);
    if runs.is_empty() {
        return None;
    }
    let (line, column) = position(text, finding.start.min(text.len()));
    let whole = runs.len() == 1 && runs[0] == text[start..end];
    Some(FalseHit {
        line,
        column,
        category: finding.category,
        rule: finding.rule.clone(),
        text: finding.text.clone(),
        unlabeled: (!whole).then(|| runs.join(" … ")),
    })
}

/// The maximal runs of non-whitespace-edged text in `start..end` whose marks lack `flag`.
fn runs_without(text: &str, marks: &[u8], start: usize, end: usize, flag: u8) -> Vec<String> {
    let mut runs = Vec::new();
    let mut run_start = None;
    for (i, _) in text[start..end].char_indices() {
        let at = start + i;
        match (marks[at] & flag == 0, run_start) {
            (true, None) => run_start = Some(at),
            (false, Some(s)) => {
                push_run(&mut runs, text, s, at);
                run_start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = run_start {
        push_run(&mut runs, text, s, end);
    }
    runs
}

fn push_run(runs: &mut Vec<String>, text: &str, start: usize, end: usize) {
    let (start, end) = trim(text, start, end);
    if start < end {
        runs.push(text[start..end].to_string());
    }
}

/// `start..end` clamped to the text and to character boundaries, without edge whitespace.
fn trim(text: &str, start: usize, end: usize) -> (usize, usize) {
    let end = floor_boundary(text, end.min(text.len()));
    let start = floor_boundary(text, start.min(end));
    let span = &text[start..end];
    let leading = span.len() - span.trim_start().len();
    let trimmed_end = start + span.trim_end().len();
    ((start + leading).min(trimmed_end), trimmed_end)
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// 1-based line and character column of byte `offset`.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..floor_boundary(text, offset)];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// The scores of a whole corpus.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Summary {
    pub documents: Vec<DocumentScore>,
    pub counts: Counts,
    /// Over injected-ad labels alone (see [`DocumentScore::ads`]).
    pub ads: Counts,
}

impl Summary {
    pub fn new(documents: Vec<DocumentScore>) -> Summary {
        let mut counts = Counts::default();
        let mut ads = Counts::default();
        for d in &documents {
            counts.add(d.counts);
            ads.add(d.ads);
        }
        Summary {
            documents,
            counts,
            ads,
        }
    }

    pub fn precision(&self) -> f64 {
        self.counts.precision()
    }

    pub fn recall(&self) -> f64 {
        self.counts.recall()
    }

    pub fn f1(&self) -> f64 {
        self.counts.f1()
    }

    /// Recall over the labels of injected ads alone, platform clutter left out.
    pub fn ad_recall(&self) -> f64 {
        self.ads.recall()
    }

    /// The names of the documents that are fully right (see [`DocumentScore::is_right`]).
    pub fn right_documents(&self) -> impl Iterator<Item = &str> {
        self.documents
            .iter()
            .filter(|d| d.is_right())
            .map(|d| d.name.as_str())
    }

    /// How many documents came from `clean/`.
    pub fn clean_documents(&self) -> usize {
        self.documents.iter().filter(|d| d.clean).count()
    }

    /// How many clean documents got at least one finding.
    pub fn clean_touched(&self) -> usize {
        self.documents
            .iter()
            .filter(|d| d.clean && d.findings > 0)
            .count()
    }

    pub fn misses(&self) -> impl Iterator<Item = (&str, &Miss)> {
        self.documents
            .iter()
            .flat_map(|d| d.misses.iter().map(move |m| (d.name.as_str(), m)))
    }

    pub fn false_hits(&self) -> impl Iterator<Item = (&str, &FalseHit)> {
        self.documents
            .iter()
            .flat_map(|d| d.false_hits.iter().map(move |h| (d.name.as_str(), h)))
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.counts;
        let clean = self.clean_documents();
        writeln!(
            f,
            "{} documents ({} with labels, {clean} clean)",
            self.documents.len(),
            self.documents.len() - clean
        )?;
        writeln!(
            f,
            "scored by character: labeled spans vs. found spans; whitespace at span edges is not counted"
        )?;
        let found = c.true_positive + c.false_positive;
        let labeled = c.true_positive + c.false_negative;
        writeln!(
            f,
            "precision {:.4}  ({} of {found} found characters are labeled)",
            c.precision(),
            c.true_positive
        )?;
        writeln!(
            f,
            "recall    {:.4}  ({} of {labeled} labeled characters were found)",
            c.recall(),
            c.true_positive
        )?;
        let ads = &self.ads;
        writeln!(
            f,
            "recall of injected ads alone {:.4}  ({} of {} characters labeled as ads were found)",
            ads.recall(),
            ads.true_positive,
            ads.true_positive + ads.false_negative
        )?;
        writeln!(f, "f1        {:.4}", c.f1())?;
        writeln!(
            f,
            "clean documents touched: {} of {clean}",
            self.clean_touched()
        )?;
        writeln!(
            f,
            "documents fully right: {} of {} (every label found, nothing else touched)",
            self.right_documents().count(),
            self.documents.len()
        )?;

        let misses: Vec<_> = self.misses().collect();
        writeln!(f, "\nmisses ({}): labeled text not found", misses.len())?;
        for (name, m) in misses {
            write!(
                f,
                "  {name}:{}:{} (label line {}): {:?}",
                m.line, m.column, m.label_line, m.label
            )?;
            match &m.missed {
                Some(part) => writeln!(f, "  missed {part:?}")?,
                None => writeln!(f)?,
            }
        }
        let hits: Vec<_> = self.false_hits().collect();
        writeln!(f, "\nfalse hits ({}): found text not labeled", hits.len())?;
        for (name, h) in hits {
            write!(
                f,
                "  {name}:{}:{} {} {}: {:?}",
                h.line,
                h.column,
                h.category.name(),
                h.rule,
                h.text
            )?;
            match &h.unlabeled {
                Some(part) => writeln!(f, "  unlabeled {part:?}")?,
                None => writeln!(f)?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::labels::locate;

    fn doc(text: &str, labels: &str, clean: bool) -> Document {
        Document {
            name: "spam/t.txt".into(),
            text: text.into(),
            gold: locate(text, labels).unwrap(),
            clean,
        }
    }

    fn found(text: &str, start: usize, end: usize) -> TextFinding {
        TextFinding {
            start,
            end,
            category: Category::Prefix,
            rule: "test".into(),
            text: text[start..end].into(),
        }
    }

    const TEXT: &str = "BEST PROFIT - Harga naik.\nJAKARTA – Turun.\n";

    #[test]
    fn exact_match_scores_perfectly_ignoring_edge_space() {
        let d = doc(TEXT, "BEST PROFIT - \n", false);
        // The finding leaves out the trailing space: edge whitespace is not counted.
        let s = score_document(&d, &[found(TEXT, 0, 13)]);
        assert_eq!(
            s.counts,
            Counts {
                true_positive: 13,
                false_positive: 0,
                false_negative: 0
            }
        );
        assert!(s.misses.is_empty() && s.false_hits.is_empty());
    }

    #[test]
    fn partial_finding_reports_the_missed_part_and_the_false_hit() {
        let d = doc(TEXT, "BEST PROFIT - \n", false);
        // "PROFIT - Harga": "PROFIT -" (8 chars) is labeled, " Harga" is not.
        let s = score_document(&d, &[found(TEXT, 5, 19)]);
        assert_eq!(s.counts.true_positive, 8);
        assert_eq!(s.counts.false_negative, 5, "BEST and the space after it");
        assert_eq!(s.counts.false_positive, 6, "space inside the span + Harga");
        assert_eq!(s.misses[0].missed.as_deref(), Some("BEST"));
        assert_eq!(s.false_hits[0].unlabeled.as_deref(), Some("Harga"));
    }

    #[test]
    fn characters_not_bytes_are_counted_and_positions_are_line_column() {
        let d = doc(TEXT, "BEST PROFIT - \n", false);
        let start = TEXT.find("JAKARTA").unwrap();
        let s = score_document(&d, &[found(TEXT, start, start + "JAKARTA – ".len())]);
        // "JAKARTA –" is 9 characters (the en dash is 3 bytes, one character).
        assert_eq!(s.counts.false_positive, 9);
        assert_eq!(s.counts.false_negative, 13);
        assert_eq!((s.false_hits[0].line, s.false_hits[0].column), (2, 1));
        assert_eq!(s.misses[0].missed, None, "wholly missed");
    }

    #[test]
    fn summary_counts_touched_clean_documents_and_rates() {
        let spam = doc(TEXT, "BEST PROFIT - \n", false);
        let clean = doc("JAKARTA – Turun.\n", "", true);
        let summary = Summary::new(vec![
            score_document(&spam, &[found(TEXT, 0, 14)]),
            score_document(
                &clean,
                &[found("JAKARTA – Turun.\n", 0, "JAKARTA – ".len())],
            ),
        ]);
        assert_eq!(summary.clean_touched(), 1);
        assert_eq!(summary.clean_documents(), 1);
        assert!((summary.precision() - 13.0 / 22.0).abs() < 1e-9);
        assert_eq!(summary.recall(), 1.0);
        let report = summary.to_string();
        assert!(
            report.contains("clean documents touched: 1 of 1"),
            "{report}"
        );
        assert!(
            report.contains("spam/t.txt:1:1 prefix test: \"JAKARTA – \""),
            "{report}"
        );
    }

    #[test]
    fn clutter_labels_count_in_recall_but_not_in_ad_recall() {
        let text = "KPF - Harga naik.\n0 komentar:\n";
        let d = doc(text, "KPF - \nclutter\t0 komentar:\n", false);
        // Only the ad is found: "KPF -" (5) found, "0 komentar:" (11) missed.
        let s = score_document(&d, &[found(text, 0, 6)]);
        assert_eq!((s.counts.true_positive, s.counts.false_negative), (5, 11));
        assert_eq!((s.ads.true_positive, s.ads.false_negative), (5, 0));
        let summary = Summary::new(vec![s]);
        assert_eq!(summary.ad_recall(), 1.0);
        assert!((summary.recall() - 5.0 / 16.0).abs() < 1e-9);
        assert!(summary
            .to_string()
            .contains("recall of injected ads alone 1.0000"));
    }

    #[test]
    fn a_document_is_right_only_when_nothing_is_missed_or_added() {
        let d = doc(TEXT, "BEST PROFIT - \n", false);
        assert!(score_document(&d, &[found(TEXT, 0, 14)]).is_right());
        assert!(
            !score_document(&d, &[found(TEXT, 0, 8)]).is_right(),
            "part missed"
        );
        let dateline = TEXT.find("JAKARTA").unwrap();
        let extra = [found(TEXT, 0, 14), found(TEXT, dateline, dateline + 7)];
        assert!(!score_document(&d, &extra).is_right(), "a dateline touched");
        let clean = doc("Satu.\n", "", true);
        assert!(score_document(&clean, &[]).is_right());
        // A finding of whitespace only is no false hit, but a clean post is still touched.
        assert!(!score_document(&clean, &[found("Satu.\n", 5, 6)]).is_right());
        let summary = Summary::new(vec![score_document(&clean, &[])]);
        assert_eq!(
            summary.right_documents().collect::<Vec<_>>(),
            ["spam/t.txt"]
        );
    }

    #[test]
    fn nothing_found_means_full_precision_and_zero_recall() {
        let d = doc(TEXT, "BEST PROFIT - \n", false);
        let summary = Summary::new(vec![score_document(&d, &[])]);
        assert_eq!(
            (summary.precision(), summary.recall(), summary.f1()),
            (1.0, 0.0, 0.0)
        );
    }

    proptest::proptest! {
        /// Whatever the spans (even past the end or inside a character), scoring never panics and
        /// every character is counted at most once.
        #[test]
        fn scoring_is_total(
            text in "[a-zé –\\n]{0,40}",
            gold in proptest::collection::vec((0usize..50, 0usize..50), 0..4),
            found in proptest::collection::vec((0usize..50, 0usize..50), 0..4),
        ) {
            let gold = gold
                .into_iter()
                .map(|(a, b)| GoldSpan {
                    start: a.min(b),
                    end: a.max(b),
                    label_line: 1,
                    kind: LabelKind::Ad,
                })
                .collect();
            let doc = Document { name: "t".into(), text: text.clone(), gold, clean: false };
            let findings: Vec<_> = found
                .into_iter()
                .map(|(a, b)| TextFinding {
                    start: a.min(b),
                    end: a.max(b),
                    category: Category::Line,
                    rule: "p".into(),
                    text: String::new(),
                })
                .collect();
            let s = score_document(&doc, &findings);
            let c = s.counts;
            proptest::prop_assert!(
                c.true_positive + c.false_positive + c.false_negative <= text.chars().count()
            );
        }
    }
}
