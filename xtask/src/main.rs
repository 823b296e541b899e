//! `cargo xtask`: the project's automation, one module per command.
//!
//! Commands live in their own modules (`build`, `test`, `bench`, `eval_pages`, ...) so a new command
//! is one new module and one match arm here. Every command returns an `anyhow::Result`; errors are
//! printed with their whole context chain and the process exits non-zero.

mod bench;
mod bench_corpus;
mod build;
mod demo;
mod eval_pages;
mod icons;
mod lint_firefox;
mod manifest;
mod pack;
mod platforms;
mod python;
mod test;
mod util;
mod wasm;

use std::process::ExitCode;

const HELP: &str = "\
usage: cargo xtask <command> [options]

commands:
  build                 compile the core to Wasm and assemble dist/chrome, dist/firefox, dist/www and the zips
  test [--no-browser] [--browser chromium|firefox]
                        the project's single test command: fmt, clippy, cargo test, build, browser tests
  wheel                 build the Python package (one abi3 wheel, CPython >= 3.9) into target/wheels
  bench                 native throughput bench, Wasm size (raw and gzip -9), browser-side timing
  eval-pages DIR        build, then run the extension over every saved page in DIR and report
  platforms             check rules/platforms/*.toml and print the content script's platforms.js
  demo [--port N] [--headless] [--sample NAME] [--screenshot DIR]
                        build, serve the playground on 127.0.0.1, and show the extension on a
                        sample page: in Chromium, or headless with before/after in the terminal
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(code) = util::rerun_if_foreign(&args) {
        return code;
    }
    let (command, rest) = match args.split_first() {
        Some((command, rest)) => (command.as_str(), rest),
        None => ("help", &[][..]),
    };
    let result = match command {
        "build" => build::run(rest),
        "test" => test::run(rest),
        "bench" => bench::run(rest),
        "wheel" => python::run(rest),
        "eval-pages" => eval_pages::run(rest),
        "platforms" => platforms::run(rest),
        "demo" => demo::run(rest),
        "help" | "--help" | "-h" => {
            print!("{HELP}");
            Ok(())
        }
        other => Err(anyhow::anyhow!("unknown command `{other}`\n\n{HELP}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask {command}: error: {error}");
            for cause in error.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::FAILURE
        }
    }
}
