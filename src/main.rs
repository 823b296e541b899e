//! The `bersih` command line: clean, scan and evaluate posts given as plain text.
//!
//! Everything lives in the `cli` module; this file only hands it the arguments.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run(std::env::args_os().skip(1))
}
