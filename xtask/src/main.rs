//! `cargo xtask`: the project's automation, one module per command.
//!
//! Commands live in their own modules (`build`, `test`, `bench`, `eval_pages`, ...) so a new command
//! is one new module and one match arm here. Every command returns an `anyhow::Result`; errors are
//! printed with their whole context chain. Exit status: 0 done, 1 failed, 2 a bad command line (no
//! command, an unknown one, or an option a command refused with `util::UsageError`).

mod bench;
mod bench_corpus;
mod bench_instructions;
mod build;
mod demo;
mod eval_pages;
mod fuzz;
mod icons;
mod lint_firefox;
mod manifest;
mod pack;
mod platforms;
mod prereq;
mod python;
mod release;
mod tally;
mod test;
mod util;
mod wasm;

use std::process::ExitCode;

const HELP: &str = "\
usage: cargo xtask <command> [options]

commands:
  build                 compile the core to Wasm and assemble dist/chrome, dist/firefox, dist/www and the zips
  test [--no-browser] [--browser chromium|firefox]
                        the project's single test command: checks (and where it may, installs) the
                        prerequisites, then fmt, clippy, cargo test, JS tests, build, browser tests
  bench [PART...]       the benchmarks (native throughput, Wasm size, browser timing, corpus), written
                        to docs/BENCHMARKS.md
  fuzz [--seconds N] [--target scan|scan_text|request]
                        run the core's fuzz targets with cargo fuzz (nightly), N seconds each (300)
  wheel                 build the Python package (one abi3 wheel, CPython >= 3.9) into target/wheels
  eval-pages DIR        build, then run the extension over every saved page in DIR and report
  platforms             check rules/platforms/*.toml and print the content script's platforms.js
  demo [--port N] [--headless] [--sample NAME] [--screenshot DIR]
                        build, serve the playground on 127.0.0.1, and show the extension on a
                        sample page: in Chromium, or headless with before/after in the terminal
  release [--allow-dirty]
                        the store zips, the source archive for add-on review, the listing texts,
                        PRIVACY.md and the CHANGELOG entry, in dist/release/

environment: BERSIH_CHROMIUM, BERSIH_FIREFOX (browser executables), BERSIH_NO_INSTALL=1 (print the
install commands instead of running them); README.md lists them all.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(code) = util::rerun_if_foreign(&args) {
        return code;
    }
    let Some((command, rest)) = args.split_first() else {
        eprint!("xtask: no command given\n\n{HELP}");
        return ExitCode::from(2);
    };
    let command = command.as_str();
    let result = match command {
        "build" => build::run(rest),
        "test" => test::run(rest),
        "bench" => bench::run(rest),
        "wheel" => python::run(rest),
        "eval-pages" => eval_pages::run(rest),
        "fuzz" => fuzz::run(rest),
        "platforms" => platforms::run(rest),
        "demo" => demo::run(rest),
        "release" => release::run(rest),
        "help" | "--help" | "-h" => {
            print!("{HELP}");
            Ok(())
        }
        other => Err(util::UsageError(format!("unknown command `{other}`\n\n{HELP}")).into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask {command}: error: {error}");
            for cause in error.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            if error.downcast_ref::<util::UsageError>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}
