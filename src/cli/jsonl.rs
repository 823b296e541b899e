//! `bersih clean --jsonl`: cleans one field of every JSON object in a JSON Lines corpus, on all
//! cores, in bounded memory, keeping the input's order and every other byte of each line.
//!
//! Each output line is its input line with the field cleaned and a `bersih` object added:
//! `{"removed":{"prefix":2,...},"removed_chars":37}` (categories found, characters removed).
//! A line that cannot be cleaned (not UTF-8, not JSON, not an object, no such field, not a
//! string, too long) is reported with its number and then, by `--on-error`, stops the run
//! (`fail`, the default), is left out (`skip`) or is copied unchanged (`keep`); whitespace-only
//! lines are copied as they are. The summary accounts for every line: lines in = lines out +
//! skipped.
//!
//! The parts: `record` (one line), `pipeline` (threads and order), `files` (compression),
//! `summary` (counts, progress bar, summary).

mod files;
mod pipeline;
mod record;
mod summary;

use std::ffi::OsString;
use std::num::NonZeroUsize;
use std::path::PathBuf;

use super::args::{Input, UsageError};
use super::Failure;
use pipeline::Stop;
use summary::Progress;

pub const HELP: &str = "\
clean --jsonl: one JSON object a line in, the same object out with one field cleaned and a
\"bersih\" object added ({\"removed\":{CATEGORY:COUNT,...},\"removed_chars\":N}); every other byte of
the line is kept. Lines stay in input order; a summary goes to stderr, with a progress bar when
stderr is a terminal. Gzip or zstd input is recognized by its content (files and stdin).
  --field NAME           the string field to clean (default: text)
  --threads N            worker threads (default: one per CPU)
  --on-error POLICY      a bad line (invalid UTF-8, not JSON, not an object, field missing or not
                         a string, too long) is reported with its number, then:
                         fail: stop with exit status 1 (default); skip: leave it out;
                         keep: copy it unchanged. Whitespace-only lines are copied as they are.
  --max-line-bytes N     a longer line is a bad line, never read whole (default: 16777216)
  -o, --output FILE      write to FILE instead of stdout; FILE.gz is gzip, FILE.zst zstd";

/// What `--on-error` says to do with a bad line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnError {
    Fail,
    Skip,
    Keep,
}

/// A parsed `clean --jsonl` command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub input: Input,
    pub output: Option<PathBuf>,
    pub field: String,
    pub threads: usize,
    pub on_error: OnError,
    pub max_line_bytes: usize,
}

/// Longest line cleaned by default: far above any real web document, and small enough that
/// every worker holding one at once stays within a few hundred MB.
const DEFAULT_MAX_LINE_BYTES: usize = 16 << 20;

/// Parses the arguments after `clean` (one of them is `--jsonl`).
pub fn parse(args: Vec<OsString>) -> Result<Config, UsageError> {
    let usage = |message: String| Err(UsageError(message));
    let mut config = Config {
        input: Input::Stdin,
        output: None,
        field: "text".into(),
        threads: std::thread::available_parallelism().map_or(1, NonZeroUsize::get),
        on_error: OnError::Fail,
        max_line_bytes: DEFAULT_MAX_LINE_BYTES,
    };
    let mut positional: Vec<OsString> = Vec::new();
    let mut args = args.into_iter();
    let mut options_done = false;
    while let Some(arg) = args.next() {
        let text = match arg.to_str() {
            Some(text) if !options_done => text.to_string(),
            _ => {
                positional.push(arg);
                continue;
            }
        };
        let (flag, inline) = match text.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_string(), Some(value.to_string()))
            }
            _ => (text.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, UsageError> {
            inline
                .clone()
                .or_else(|| args.next().and_then(|v| v.into_string().ok()))
                .ok_or_else(|| UsageError(format!("`{name}` needs a value")))
        };
        match flag.as_str() {
            "--jsonl" => {}
            "--" => options_done = true,
            "--field" => {
                config.field = value("--field")?;
                if config.field == record::MARKER {
                    return usage(format!(
                        "--field cannot be `{}`: that key holds what bersih removed",
                        record::MARKER
                    ));
                }
            }
            "--threads" => {
                config.threads = match value("--threads")?.parse::<usize>() {
                    Ok(n) if n > 0 => n,
                    _ => return usage("`--threads` needs a whole number of at least 1".into()),
                }
            }
            "--on-error" => {
                config.on_error = match value("--on-error")?.as_str() {
                    "fail" => OnError::Fail,
                    "skip" => OnError::Skip,
                    "keep" => OnError::Keep,
                    other => {
                        return usage(format!("`--on-error` is fail, skip or keep, not {other:?}"))
                    }
                }
            }
            "--max-line-bytes" => {
                config.max_line_bytes = match value("--max-line-bytes")?.parse::<usize>() {
                    Ok(n) if n > 0 => n,
                    _ => {
                        return usage(
                            "`--max-line-bytes` needs a whole number of at least 1".into(),
                        )
                    }
                }
            }
            "-o" | "--output" => {
                let path = value("--output")?;
                config.output = (path != "-").then(|| PathBuf::from(path));
            }
            "-" => positional.push(arg),
            flag if flag.starts_with('-') => {
                return usage(format!("unknown option {flag:?} for `clean --jsonl`"))
            }
            _ => positional.push(arg),
        }
    }
    if positional.len() > 1 {
        return usage(format!(
            "`clean --jsonl` takes one input (FILE or -), got {}",
            positional.len()
        ));
    }
    if let Some(path) = positional.pop().filter(|p| p != "-") {
        config.input = Input::File(path.into());
    }
    Ok(config)
}

/// Runs `clean --jsonl`; the summary is printed whether or not the run reached the end.
pub fn run(config: &Config, stdout: &mut dyn std::io::Write) -> Result<(), Failure> {
    if let (Input::File(input), Some(output)) = (&config.input, &config.output) {
        let same = |p: &std::path::Path| std::fs::canonicalize(p).ok();
        if same(input).is_some() && same(input) == same(output) {
            return Err(Failure::Usage(format!(
                "the output {} is the input: it would be overwritten before it is read",
                output.display()
            )));
        }
    }
    let source = files::open(&config.input).map_err(Failure::Input)?;
    let mut sink = files::Sink::create(config.output.as_deref(), stdout).map_err(Failure::Input)?;
    let raw_position = source.compressed.then_some(source.position);
    let progress = Progress::new(source.size, raw_position);
    let (stats, stop) = pipeline::run(config, source.reader, &mut sink, &progress);
    let finished = match stop {
        None => sink.finish().map_err(Failure::Output),
        Some(stop) => {
            // Write what was cleaned before the stop, so the output ends at the reported line.
            let _ = sink.finish();
            Err(match stop {
                Stop::BadLine(line, message) => Failure::Input(format!(
                    "{}: line {line}: {message} (--on-error skip or keep goes on past bad lines)",
                    source.name
                )),
                Stop::Read(message) => Failure::Input(format!("{}: {message}", source.name)),
                Stop::Write(e) => Failure::Output(e),
            })
        }
    };
    let elapsed = progress.finish();
    eprint!("{}", stats.summary(elapsed));
    finished
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_strs(args: &[&str]) -> Result<Config, UsageError> {
        parse(args.iter().map(OsString::from).collect())
    }

    #[test]
    fn options_and_defaults() {
        let config = parse_strs(&["--jsonl"]).unwrap();
        assert_eq!(config.field, "text");
        assert_eq!(config.on_error, OnError::Fail);
        assert_eq!(config.input, Input::Stdin);
        assert!(config.threads >= 1);
        let config = parse_strs(&[
            "--jsonl",
            "--field",
            "body",
            "--threads=3",
            "--on-error",
            "keep",
            "-o",
            "out.jsonl.gz",
            "in.jsonl.zst",
        ])
        .unwrap();
        assert_eq!(config.field, "body");
        assert_eq!(config.threads, 3);
        assert_eq!(config.on_error, OnError::Keep);
        assert_eq!(config.output, Some(PathBuf::from("out.jsonl.gz")));
        assert_eq!(config.input, Input::File("in.jsonl.zst".into()));
    }

    #[test]
    fn mistakes_are_usage_errors() {
        for args in [
            &["--jsonl", "--threads", "0"][..],
            &["--jsonl", "--threads"],
            &["--jsonl", "--on-error", "ignore"],
            &["--jsonl", "--field", "bersih"],
            &["--jsonl", "--json"],
            &["--jsonl", "a", "b"],
            &["--jsonl", "--max-line-bytes", "x"],
        ] {
            assert!(parse_strs(args).is_err(), "{args:?} should not parse");
        }
    }
}
