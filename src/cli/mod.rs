//! The `bersih` command line: dispatches a parsed command and maps failures to exit statuses.
//!
//! Exit status 0 on success, 1 when the input cannot be used (missing file, invalid UTF-8, broken
//! labels), 2 for a command line that does not parse. Output goes through one buffered writer to
//! stdout; a closed pipe (`bersih scan big.txt | head`) ends the program quietly, not with a panic.

mod args;
mod input;
mod jsonl;
mod listing;
mod report;

use std::ffi::OsString;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use bersih::eval::{evaluate_with, Corpus, Rules};
use bersih::{Engine, Options};

use args::{parse, Command};

const USAGE: &str = "\
Usage: bersih clean [FILE|-]
       bersih clean --jsonl [--field NAME] [--threads N] [--on-error fail|skip|keep]
                    [--max-line-bytes N] [-o FILE] [FILE|-]
       bersih scan [--json] [FILE|-]
       bersih eval [--no-brand-list] DIR
       bersih --help | --version";

const HELP: &str = "\
Finds injected broker ads and Blogger footer clutter in blog posts given as plain text
(one paragraph a line).

Commands:
  clean [FILE|-]         print the text with every finding removed
  scan [--json] [FILE|-] list the findings as LINE:COL, category, rule and text, where
                         LINE counts from 1 and COL is the 1-based column in characters
                         (Unicode scalar values, not bytes); with --json print
                         {\"findings\":[{\"start\",\"end\",\"category\",\"rule\",\"text\"}],\"cleaned\"}
                         where start and end are UTF-8 byte offsets into the input
  eval [--no-brand-list] DIR
                         score against a labeled folder: DIR/spam/NAME.txt with
                         DIR/spam/NAME.labels (the exact text to remove, one substring a line,
                         in document order) and DIR/clean/NAME.txt (nothing to remove);
                         --no-brand-list scores with rules/brands.txt empty, measuring how
                         brands that are on no list are found

With no FILE, or when FILE is -, the text is read from standard input. A UTF-8 byte-order
mark at the start is not text: it is skipped (and kept in the output of clean), byte offsets
still count it, columns do not.

Options:
  -h, --help     print this help
  -V, --version  print the version

Exit status: 0 on success, 1 when the input cannot be used, 2 for a usage error.";

/// How a run failed.
enum Failure {
    Usage(String),
    Input(String),
    Output(io::Error),
}

/// Runs the command line given by `args` (without the program name).
pub fn run(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let result = parse(args)
        .map_err(|e| Failure::Usage(e.0))
        .and_then(|command| execute(&command));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("bersih: {message}\n{USAGE}\nTry `bersih --help` for more.");
            ExitCode::from(2)
        }
        Err(Failure::Input(message)) => {
            eprintln!("bersih: error: {message}");
            ExitCode::from(1)
        }
        Err(Failure::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Output(e)) => {
            eprintln!("bersih: error: cannot write output: {e}");
            ExitCode::from(1)
        }
    }
}

/// Where the output goes: standard output, written in large pieces.
///
/// On Unix, the file behind it, not `Stdout`: that is line-buffered, and searched every piece
/// written to it for its last line break (its own buffer is small), which was 1.5% of
/// `scan --json`'s instructions on 1 MB of posts (callgrind). Nothing else writes to standard
/// output, so bypassing its buffer reorders nothing.
fn output() -> BufWriter<Box<dyn Write>> {
    #[cfg(unix)]
    let raw = {
        use std::os::fd::AsFd;
        io::stdout()
            .as_fd()
            .try_clone_to_owned()
            .map(std::fs::File::from)
            .ok()
    };
    #[cfg(not(unix))]
    let raw: Option<std::fs::File> = None;
    let sink: Box<dyn Write> = match raw {
        Some(file) => Box::new(file),
        None => Box::new(io::stdout().lock()),
    };
    BufWriter::with_capacity(64 * 1024, sink)
}

fn execute(command: &Command) -> Result<(), Failure> {
    let mut out = output();
    match command {
        Command::Help => {
            writeln!(out, "{USAGE}\n\n{HELP}\n\n{}", jsonl::HELP).map_err(Failure::Output)?
        }
        Command::Version => {
            writeln!(out, "bersih {}", env!("CARGO_PKG_VERSION")).map_err(Failure::Output)?
        }
        Command::CleanJsonl(config) => jsonl::run(config, &mut out)?,
        Command::Clean(input) => {
            let text = input::read(input).map_err(Failure::Input)?;
            let spans = text.spans(Engine::embedded(), &Options::default());
            report::write_cleaned(&mut out, text.raw(), &spans).map_err(Failure::Output)?;
        }
        Command::Scan { input, json } => {
            let text = input::read(input).map_err(Failure::Input)?;
            let spans = text.spans(Engine::embedded(), &Options::default());
            if *json {
                report::write_json(&mut out, text.raw(), &spans).map_err(Failure::Output)?;
            } else {
                listing::write(&mut out, text.raw(), &spans).map_err(Failure::Output)?;
            }
        }
        Command::Eval { dir, no_brand_list } => {
            let corpus = Corpus::load(dir).map_err(|e| Failure::Input(e.to_string()))?;
            let (rules, note) = match no_brand_list {
                true => (Rules::NoBrandList, " (brand list empty)"),
                false => (Rules::Shipped, ""),
            };
            let summary = evaluate_with(&corpus, &Options::default(), rules);
            write!(out, "bersih eval {}{note}\n{summary}", dir.display())
                .map_err(Failure::Output)?;
        }
    }
    out.flush().map_err(Failure::Output)
}
