//! Reads lines in batches, cleans batches on worker threads, writes them back in input order.
//!
//! ```text
//! reader ──batches──▶ worker × N ──results──▶ writer (reorders by sequence number)
//!    ▲                                           │
//!    └──────────────── tokens ◀──────────────────┘
//! ```
//!
//! Memory is bounded by the tokens: the reader takes one before it reads a batch and the writer
//! gives it back once the batch is written, so at most `IN_FLIGHT_PER_THREAD × N + 2` batches of
//! about `BATCH_BYTES` (plus one line) exist at once, whatever the input's size. A line longer
//! than the limit is never held whole: it travels as a run of chunks that are copied (`keep`) or
//! dropped (`skip`) as they come.

use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, Read, Write};

use crossbeam_channel::{bounded, Receiver, Sender};

use super::record::{self, BadLine};
use super::summary::{Progress, Stats};
use super::{Config, OnError};

/// A batch is closed once it holds this many bytes: large enough that handing it between
/// threads costs nothing next to cleaning it, small enough that the batches in flight stay small.
const BATCH_BYTES: usize = 1 << 20;
/// Batches in flight per worker: one being cleaned, one waiting, one being written or reordered.
const IN_FLIGHT_PER_THREAD: usize = 3;
/// Bad lines reported one by one on stderr; the summary counts the rest.
pub const REPORTED_BAD_LINES: u64 = 20;

/// A piece of the input, numbered in reading order.
struct Unit {
    seq: u64,
    /// Line number (1-based) of the first line.
    first_line: u64,
    kind: UnitKind,
}

enum UnitKind {
    /// Whole lines: `data` holds them, each followed by `\n`; `ends[i]` is where line `i`'s
    /// content ends.
    Lines { data: Vec<u8>, ends: Vec<usize> },
    /// A piece of a line longer than the limit.
    Long {
        chunk: Vec<u8>,
        first: bool,
        last: bool,
    },
}

/// A cleaned unit: the bytes to write and what happened.
struct Done {
    seq: u64,
    output: Vec<u8>,
    stats: Stats,
    /// Bad lines handled by `skip` or `keep`: line number and description.
    bad: Vec<(u64, String)>,
    /// The bad line that stops the run under `fail`.
    fatal: Option<(u64, String)>,
}

/// How a run ended early.
pub enum Stop {
    /// A bad line under `--on-error fail`: its number and what is wrong.
    BadLine(u64, String),
    Read(String),
    Write(io::Error),
}

/// Cleans every line of `input` into `out` on `config.threads` workers, keeping input order.
/// Returns the totals, and why it stopped when it did not reach the end.
pub fn run(
    config: &Config,
    input: Box<dyn Read + Send>,
    out: &mut impl Write,
    progress: &Progress,
) -> (Stats, Option<Stop>) {
    let capacity = IN_FLIGHT_PER_THREAD * config.threads + 2;
    let (token_tx, token_rx) = bounded::<()>(capacity);
    for _ in 0..capacity {
        token_tx
            .send(())
            .expect("the token channel has room for every token");
    }
    let (work_tx, work_rx) = bounded::<Unit>(capacity);
    let (done_tx, done_rx) = bounded::<Done>(capacity);

    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let mut reader = BufReader::with_capacity(256 * 1024, input);
            read_units(&mut reader, config.max_line_bytes, &token_rx, &work_tx)
        });
        for _ in 0..config.threads {
            let (work_rx, done_tx) = (work_rx.clone(), done_tx.clone());
            scope.spawn(move || {
                for unit in work_rx {
                    if done_tx.send(clean_unit(unit, config)).is_err() {
                        break;
                    }
                }
            });
        }
        drop((work_rx, done_tx));
        let (stats, stop) = write_in_order(done_rx, token_tx, out, progress);
        let read = reader
            .join()
            .unwrap_or_else(|_| Err("the reader panicked".into()));
        let stop = stop.or(read.err().map(Stop::Read));
        (stats, stop)
    })
}

/// Reads `input` into units and sends them, taking a token for each. Stops quietly when the
/// writer has stopped (no tokens left to take).
fn read_units(
    input: &mut impl BufRead,
    max_line: usize,
    tokens: &Receiver<()>,
    work: &Sender<Unit>,
) -> Result<(), String> {
    let mut seq = 0;
    let mut send = |first_line: u64, kind: UnitKind| -> bool {
        if tokens.recv().is_err() {
            return false;
        }
        let unit = Unit {
            seq,
            first_line,
            kind,
        };
        seq += 1;
        work.send(unit).is_ok()
    };
    let mut line = 1u64; // number of the line being read
    let mut batch_first = 1u64;
    let mut data = Vec::with_capacity(BATCH_BYTES + BATCH_BYTES / 4);
    let mut ends = Vec::new();
    let mut line_start = 0; // where the line being read starts in `data`
    let mut in_long = false;
    loop {
        let buf = input
            .fill_buf()
            .map_err(|e| format!("cannot read line {line}: {e}"))?;
        if buf.is_empty() {
            break;
        }
        let newline = memchr::memchr(b'\n', buf);
        let take = newline.unwrap_or(buf.len());
        let consumed = newline.map_or(buf.len(), |i| i + 1);
        if in_long {
            let chunk = buf[..take].to_vec();
            input.consume(consumed);
            let last = newline.is_some();
            if !send(
                line,
                UnitKind::Long {
                    chunk,
                    first: false,
                    last,
                },
            ) {
                return Ok(());
            }
            if last {
                in_long = false;
                line += 1;
                batch_first = line;
            }
            continue;
        }
        if data.len() - line_start + take > max_line {
            // Too long: the lines before it go as a batch, the line itself as chunks.
            let mut chunk = data.split_off(line_start);
            chunk.extend_from_slice(&buf[..take]);
            input.consume(consumed);
            if !ends.is_empty() && !send(batch_first, lines(&mut data, &mut ends)) {
                return Ok(());
            }
            data.clear();
            line_start = 0;
            let last = newline.is_some();
            if !send(
                line,
                UnitKind::Long {
                    chunk,
                    first: true,
                    last,
                },
            ) {
                return Ok(());
            }
            if last {
                line += 1;
                batch_first = line;
            } else {
                in_long = true;
            }
            continue;
        }
        data.extend_from_slice(&buf[..take]);
        input.consume(consumed);
        if newline.is_none() {
            continue;
        }
        ends.push(data.len());
        data.push(b'\n');
        line_start = data.len();
        line += 1;
        if data.len() >= BATCH_BYTES {
            if !send(batch_first, lines(&mut data, &mut ends)) {
                return Ok(());
            }
            line_start = 0;
            batch_first = line;
        }
    }
    if in_long {
        let end = UnitKind::Long {
            chunk: Vec::new(),
            first: false,
            last: true,
        };
        send(line, end);
        return Ok(());
    }
    if data.len() > line_start {
        // The last line has no line break.
        ends.push(data.len());
        data.push(b'\n');
    }
    if !ends.is_empty() {
        send(batch_first, lines(&mut data, &mut ends));
    }
    Ok(())
}

/// Takes the lines gathered so far as a unit, leaving empty buffers behind.
fn lines(data: &mut Vec<u8>, ends: &mut Vec<usize>) -> UnitKind {
    UnitKind::Lines {
        data: std::mem::replace(data, Vec::with_capacity(BATCH_BYTES + BATCH_BYTES / 4)),
        ends: std::mem::take(ends),
    }
}

/// Cleans the lines of one unit (on a worker thread).
fn clean_unit(unit: Unit, config: &Config) -> Done {
    let mut done = Done {
        seq: unit.seq,
        output: Vec::new(),
        stats: Stats::default(),
        bad: Vec::new(),
        fatal: None,
    };
    match unit.kind {
        UnitKind::Long { chunk, first, last } => {
            done.stats.bytes += chunk.len() as u64 + u64::from(last);
            if first {
                let bad = BadLine::TooLong {
                    limit: config.max_line_bytes,
                };
                handle_bad(&mut done, config, unit.first_line, &bad, &[]);
            }
            // The line is copied chunk by chunk as it comes, never whole.
            if config.on_error == OnError::Keep {
                done.output.extend_from_slice(&chunk);
                if last {
                    done.output.push(b'\n');
                }
            }
        }
        UnitKind::Lines { data, ends } => {
            done.output.reserve(data.len() + data.len() / 8);
            let mut start = 0;
            for (i, &end) in ends.iter().enumerate() {
                let number = unit.first_line + i as u64;
                let line = &data[start..end];
                start = end + 1;
                done.stats.bytes += line.len() as u64 + 1;
                if record::is_blank(line) {
                    done.stats.blank += 1;
                    done.stats.lines_out += 1;
                    done.output.extend_from_slice(line);
                    done.output.push(b'\n');
                    continue;
                }
                let result = std::str::from_utf8(line)
                    .map_err(|e| BadLine::Utf8 {
                        byte: e.valid_up_to(),
                    })
                    .and_then(|text| record::clean_line(text, &config.field, &mut done.output));
                match result {
                    Ok(doc) => {
                        done.output.push(b'\n');
                        done.stats.add_document(&doc);
                    }
                    Err(bad) => {
                        handle_bad(&mut done, config, number, &bad, line);
                        if done.fatal.is_some() {
                            break;
                        }
                    }
                }
            }
        }
    }
    done
}

/// Applies `--on-error` to a bad line: notes it for the writer, and copies `line` for `keep`.
fn handle_bad(done: &mut Done, config: &Config, number: u64, bad: &BadLine, line: &[u8]) {
    let message = bad.describe(&config.field);
    match config.on_error {
        OnError::Fail => done.fatal = Some((number, message)),
        OnError::Skip => {
            done.stats.skipped += 1;
            done.bad.push((number, message));
        }
        OnError::Keep => {
            done.stats.kept += 1;
            done.stats.lines_out += 1;
            done.output.extend_from_slice(line);
            if !matches!(bad, BadLine::TooLong { .. }) {
                done.output.push(b'\n');
            }
            done.bad.push((number, message));
        }
    }
}

/// Writes finished units in sequence order, returning a token for each, until all are written
/// or one stops the run.
fn write_in_order(
    done: Receiver<Done>,
    tokens: Sender<()>,
    out: &mut impl Write,
    progress: &Progress,
) -> (Stats, Option<Stop>) {
    let mut stats = Stats::default();
    let mut waiting: BTreeMap<u64, Done> = BTreeMap::new();
    let mut next = 0;
    for unit in done {
        waiting.insert(unit.seq, unit);
        while let Some(unit) = waiting.remove(&next) {
            next += 1;
            if let Err(e) = out.write_all(&unit.output) {
                return (stats, Some(Stop::Write(e)));
            }
            stats.merge(&unit.stats);
            for (line, message) in &unit.bad {
                stats.bad_reported += 1;
                if stats.bad_reported <= REPORTED_BAD_LINES {
                    progress.println(&format!("bersih: line {line}: {message}"));
                }
            }
            if let Some((line, message)) = unit.fatal {
                return (stats, Some(Stop::BadLine(line, message)));
            }
            progress.update(&stats);
            // The reader may have stopped already; a token nobody takes is harmless.
            let _ = tokens.send(());
        }
    }
    (stats, None)
}
