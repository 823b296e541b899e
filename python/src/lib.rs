//! The `bersih` Python module: the same core as the `bersih` command, for corpus pipelines.
//!
//! `scan` and `clean` take one text (one paragraph a line, like `bersih clean`); `clean_batch`
//! cleans many on several threads with the GIL released, which is what a Spark task or a
//! `datasets.map(batched=True)` call hands over. Offsets in `scan` are Python string indices
//! (code points), so `text[start:end]` is the finding; the CLI's JSON gives UTF-8 byte offsets.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use bersih_core::{scan_text, Options, TextReport};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// Every finding in `text`, in order: dicts with `start`, `end` (code point offsets), `category`,
/// `rule` and `text`.
#[pyfunction]
fn scan(py: Python<'_>, text: String) -> PyResult<Vec<Bound<'_, PyDict>>> {
    let report = py.detach(|| report(&text));
    let mut chars = CharOffsets::new(&text);
    report
        .findings
        .into_iter()
        .map(|f| {
            let dict = PyDict::new(py);
            dict.set_item("start", chars.at(f.start))?;
            dict.set_item("end", chars.at(f.end))?;
            dict.set_item("category", f.category.name())?;
            dict.set_item("rule", f.rule)?;
            dict.set_item("text", f.text)?;
            Ok(dict)
        })
        .collect()
}

/// `text` with every finding removed (what `bersih clean` prints).
#[pyfunction]
fn clean(py: Python<'_>, text: String) -> String {
    py.detach(|| report(&text).cleaned)
}

/// `clean` for every text of `texts`, in order, on `threads` threads (default: one per CPU)
/// with the GIL released.
#[pyfunction]
#[pyo3(signature = (texts, threads=None))]
fn clean_batch(
    py: Python<'_>,
    texts: Vec<String>,
    threads: Option<usize>,
) -> PyResult<Vec<String>> {
    let threads = match threads {
        Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, NonZeroUsize::get),
    };
    Ok(py.detach(|| clean_all(&texts, threads)))
}

/// Cleans `texts` on up to `threads` threads; each thread takes the next text not yet taken, so
/// one long text does not hold up a fixed share of the others.
fn clean_all(texts: &[String], threads: usize) -> Vec<String> {
    let threads = threads.min(texts.len()).max(1);
    if threads == 1 {
        return texts.iter().map(|t| report(t).cleaned).collect();
    }
    let next = AtomicUsize::new(0);
    let done = Mutex::new(vec![String::new(); texts.len()]);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut local = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(text) = texts.get(i) else { break };
                    local.push((i, report(text).cleaned));
                }
                let mut done = done.lock().unwrap_or_else(|e| e.into_inner());
                for (i, cleaned) in local {
                    done[i] = cleaned;
                }
            });
        }
    });
    done.into_inner().unwrap_or_else(|e| e.into_inner())
}

/// The core's report on `text`, with a byte-order mark at its start skipped (not judged) and kept
/// in `cleaned`, as the `bersih` command does (`src/cli/input.rs`); offsets count the mark.
fn report(text: &str) -> TextReport {
    const BOM: char = '\u{feff}';
    let Some(body) = text.strip_prefix(BOM) else {
        return scan_text(text, &Options::default());
    };
    let mut report = scan_text(body, &Options::default());
    for finding in &mut report.findings {
        finding.start += BOM.len_utf8();
        finding.end += BOM.len_utf8();
    }
    report.cleaned.insert(0, BOM);
    report
}

/// Turns ascending UTF-8 byte offsets into code point offsets in one pass over the text.
struct CharOffsets<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharOffsets<'a> {
    fn new(text: &'a str) -> Self {
        CharOffsets {
            text,
            byte: 0,
            chars: 0,
        }
    }

    /// The code point offset of byte offset `byte` (a char boundary); faster when called in
    /// ascending order, correct in any order.
    fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

#[pymodule]
fn bersih(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    module.add_function(wrap_pyfunction!(scan, module)?)?;
    module.add_function(wrap_pyfunction!(clean, module)?)?;
    module.add_function(wrap_pyfunction!(clean_batch, module)?)?;
    Ok(())
}
