//! Counting what a run did, the progress bar, and the closing summary on stderr.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bersih::Category;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::pipeline::REPORTED_BAD_LINES;
use super::record::DocStats;

/// Totals of a run (or of one batch, merged into the run's by the writer).
#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// Input bytes (decompressed), line breaks included.
    pub bytes: u64,
    /// Documents cleaned (lines that were good JSON objects with the field).
    pub documents: u64,
    /// Documents with at least one finding.
    pub touched: u64,
    pub counts: [u64; Category::ALL.len()],
    pub removed_chars: u64,
    /// Whitespace-only lines, copied as they are.
    pub blank: u64,
    /// Bad lines copied unchanged (`--on-error keep`).
    pub kept: u64,
    /// Bad lines left out (`--on-error skip`).
    pub skipped: u64,
    /// Lines written.
    pub lines_out: u64,
    /// Bad lines seen by the writer (the first `REPORTED_BAD_LINES` are printed).
    pub bad_reported: u64,
}

impl Stats {
    pub fn add_document(&mut self, doc: &DocStats) {
        self.documents += 1;
        self.lines_out += 1;
        self.touched += u64::from(doc.touched());
        for (total, n) in self.counts.iter_mut().zip(doc.counts) {
            *total += n;
        }
        self.removed_chars += doc.removed_chars;
    }

    pub fn merge(&mut self, other: &Stats) {
        self.bytes += other.bytes;
        self.documents += other.documents;
        self.touched += other.touched;
        for (total, n) in self.counts.iter_mut().zip(other.counts) {
            *total += n;
        }
        self.removed_chars += other.removed_chars;
        self.blank += other.blank;
        self.kept += other.kept;
        self.skipped += other.skipped;
        self.lines_out += other.lines_out;
    }

    /// Lines read and accounted for: every one was written or skipped.
    pub fn lines_in(&self) -> u64 {
        self.documents + self.blank + self.kept + self.skipped
    }

    /// The closing summary, a few lines for stderr.
    pub fn summary(&self, elapsed: Duration) -> String {
        let mb = self.bytes as f64 / 1e6;
        let seconds = elapsed.as_secs_f64();
        let mut text = format!(
            "bersih: {} documents, {mb:.1} MB in {seconds:.1} s ({:.1} MB/s); {} touched, {} characters removed\n",
            self.documents,
            mb / seconds.max(1e-9),
            self.touched,
            self.removed_chars,
        );
        let removed: Vec<String> = Category::ALL
            .iter()
            .zip(self.counts)
            .filter(|(_, n)| *n > 0)
            .map(|(c, n)| format!("{} {n}", c.name()))
            .collect();
        if !removed.is_empty() {
            text.push_str(&format!("bersih: removed: {}\n", removed.join(", ")));
        }
        text.push_str(&format!(
            "bersih: lines: {} in = {} out + {} skipped (bad lines: {} kept, {} skipped; {} blank lines copied)\n",
            self.lines_in(),
            self.lines_out,
            self.skipped,
            self.kept,
            self.skipped,
            self.blank,
        ));
        if self.bad_reported > REPORTED_BAD_LINES {
            text.push_str(&format!(
                "bersih: only the first {REPORTED_BAD_LINES} of {} bad lines were reported above\n",
                self.bad_reported
            ));
        }
        text
    }
}

/// The progress bar on stderr, drawn only when stderr is a terminal.
pub struct Progress {
    bar: ProgressBar,
    /// Raw input bytes read so far, counted by the reader: shown for compressed input, whose
    /// size is only known raw. For plain input the bytes written so far are shown instead (the
    /// reader runs a few batches ahead of the writer).
    position: Option<Arc<AtomicU64>>,
    started: Instant,
}

impl Progress {
    /// A bar over `size` raw input bytes (a spinner when the size is unknown); `position` is
    /// the raw bytes read, for compressed input.
    pub fn new(size: Option<u64>, position: Option<Arc<AtomicU64>>) -> Progress {
        let target = if std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = match size {
            Some(size) => ProgressBar::with_draw_target(Some(size), target).with_style(
                ProgressStyle::with_template(
                    "{bar:30} {bytes}/{total_bytes} {bytes_per_sec} eta {eta} {msg}",
                )
                .expect("a valid template"),
            ),
            None => ProgressBar::with_draw_target(None, target).with_style(
                ProgressStyle::with_template("{spinner} {bytes} {bytes_per_sec} {msg}")
                    .expect("a valid template"),
            ),
        };
        Progress {
            bar,
            position,
            started: Instant::now(),
        }
    }

    /// Shows how far reading is and what was written so far.
    pub fn update(&self, stats: &Stats) {
        if !self.bar.is_hidden() {
            let position = match &self.position {
                Some(raw) => raw.load(Ordering::Relaxed),
                None => stats.bytes,
            };
            self.bar.set_position(position);
            self.bar.set_message(format!(
                "{} documents, {} touched",
                stats.documents, stats.touched
            ));
        }
    }

    /// Prints a line above the bar (or plainly, without one).
    pub fn println(&self, line: &str) {
        if self.bar.is_hidden() {
            eprintln!("{line}");
        } else {
            self.bar.println(line);
        }
    }

    /// Removes the bar and returns the time since it was made.
    pub fn finish(&self) -> Duration {
        self.bar.finish_and_clear();
        self.started.elapsed()
    }
}
