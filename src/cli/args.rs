//! Parses the command line into a `Command`, by hand: three subcommands and one flag do not need
//! an argument-parsing library in the binary.
//!
//! Anything not understood is a usage error (exit status 2), never ignored, so a typo such as
//! `--jsn` cannot silently change what is printed.

use std::ffi::OsString;
use std::fmt;
use std::path::PathBuf;

/// Where the text to judge comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

/// What the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Help,
    Version,
    /// Print the input with every finding removed.
    Clean(Input),
    /// Clean one field of every line of a JSON Lines corpus (`clean --jsonl`).
    CleanJsonl(super::jsonl::Config),
    /// List the findings, as text or as the `TextReport` JSON.
    Scan {
        input: Input,
        json: bool,
    },
    /// Score the core against a labeled folder; `no_brand_list` scores it with
    /// `rules/brands.txt` empty (the unlisted-brand path alone).
    Eval {
        dir: PathBuf,
        no_brand_list: bool,
    },
}

/// A command line that does not parse; the message says what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Parses the arguments after the program name.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Command, UsageError> {
    let mut args = args.into_iter();
    let Some(first) = args.next() else {
        return Err(UsageError("missing command".into()));
    };
    let command = match first.to_str() {
        Some("-h" | "--help" | "help") => return Ok(Command::Help),
        Some("-V" | "--version") => return Ok(Command::Version),
        Some(name @ ("clean" | "scan" | "eval")) => name,
        _ => return Err(UsageError(format!("unknown command {first:?}"))),
    };

    let args: Vec<OsString> = args.collect();
    if command == "clean"
        && args
            .iter()
            .take_while(|a| *a != "--")
            .any(|a| a == "--jsonl")
    {
        return super::jsonl::parse(args).map(Command::CleanJsonl);
    }
    let mut json = false;
    let mut no_brand_list = false;
    let mut positional: Vec<OsString> = Vec::new();
    let mut options_done = false;
    for arg in args {
        match arg.to_str() {
            Some(_) if options_done => positional.push(arg),
            Some("--") => options_done = true,
            Some("-h" | "--help") => return Ok(Command::Help),
            Some("--json") if command == "scan" => json = true,
            Some("--no-brand-list") if command == "eval" => no_brand_list = true,
            Some(flag) if flag.starts_with('-') && flag != "-" => {
                return Err(UsageError(format!(
                    "unknown option {flag:?} for `{command}`"
                )))
            }
            _ => positional.push(arg),
        }
    }
    if positional.len() > 1 {
        let what = if command == "eval" {
            "one folder"
        } else {
            "one input (FILE or -)"
        };
        return Err(UsageError(format!(
            "`{command}` takes {what}, got {}",
            positional.len()
        )));
    }
    let operand = positional.pop();
    match command {
        "eval" => operand
            .map(|dir| Command::Eval {
                dir: dir.into(),
                no_brand_list,
            })
            .ok_or_else(|| UsageError("`eval` needs a folder: bersih eval DIR".into())),
        "clean" => Ok(Command::Clean(input(operand))),
        _ => Ok(Command::Scan {
            input: input(operand),
            json,
        }),
    }
}

fn input(operand: Option<OsString>) -> Input {
    match operand {
        Some(path) if path != "-" => Input::File(path.into()),
        _ => Input::Stdin,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_strs(args: &[&str]) -> Result<Command, UsageError> {
        parse(args.iter().map(OsString::from))
    }

    #[test]
    fn subcommands_and_inputs() {
        assert_eq!(parse_strs(&["clean"]), Ok(Command::Clean(Input::Stdin)));
        assert_eq!(
            parse_strs(&["clean", "-"]),
            Ok(Command::Clean(Input::Stdin))
        );
        assert_eq!(
            parse_strs(&["scan", "post.txt", "--json"]),
            Ok(Command::Scan {
                input: Input::File("post.txt".into()),
                json: true
            })
        );
        assert_eq!(
            parse_strs(&["scan", "--", "--json"]),
            Ok(Command::Scan {
                input: Input::File("--json".into()),
                json: false
            })
        );
        assert_eq!(
            parse_strs(&["eval", "tests/devset"]),
            Ok(Command::Eval {
                dir: "tests/devset".into(),
                no_brand_list: false
            })
        );
        assert_eq!(
            parse_strs(&["eval", "--no-brand-list", "tests/holdout"]),
            Ok(Command::Eval {
                dir: "tests/holdout".into(),
                no_brand_list: true
            })
        );
    }

    #[test]
    fn help_and_version() {
        assert_eq!(parse_strs(&["--help"]), Ok(Command::Help));
        assert_eq!(parse_strs(&["-h"]), Ok(Command::Help));
        assert_eq!(parse_strs(&["scan", "-h"]), Ok(Command::Help));
        assert_eq!(parse_strs(&["--version"]), Ok(Command::Version));
    }

    #[test]
    fn mistakes_are_usage_errors() {
        for args in [
            &[][..],
            &["frobnicate"],
            &["--jsn"],
            &["scan", "--jsn"],
            &["clean", "--json"],
            &["clean", "a.txt", "b.txt"],
            &["eval"],
            &["eval", "a", "b"],
            &["scan", "--no-brand-list"],
        ] {
            assert!(parse_strs(args).is_err(), "{args:?} should not parse");
        }
        assert_eq!(
            parse_strs(&["clean", "--json"]).unwrap_err().0,
            "unknown option \"--json\" for `clean`"
        );
    }
}
