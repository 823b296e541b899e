//! `cargo xtask fuzz [--seconds N] [--target NAME]`: runs the core's fuzz targets (`fuzz/`) with
//! `cargo fuzz` on the nightly toolchain, each for N seconds (default 300).
//!
//! One target per entry point: `scan` (blocks and options), `scan_text` (plain text) and `request`
//! (the JSON the Wasm `scan` export parses). libFuzzer's per-input timeout turns a superlinear
//! path into a failure: an input that takes longer than [`INPUT_TIMEOUT`] seconds is a finding,
//! like a panic. `cargo xtask test` runs every target for [`CI_SECONDS`]; run this command for
//! longer after changing the core. The nightly toolchain and `cargo-fuzz` are installed when
//! missing (`rustup toolchain install nightly`, `cargo install cargo-fuzz`). Inputs that found
//! something are kept under `fuzz/artifacts/<target>/`; the growing corpus under
//! `fuzz/corpus/<target>/` (both ignored by git), seeded from `tests/devset`.

use anyhow::{bail, Context, Result};
use std::fs;
use std::path::Path;
use std::process::Command;

use crate::util;

/// The fuzz targets, one per entry point of the core.
pub const TARGETS: [&str; 3] = ["scan", "scan_text", "request"];
/// Seconds per target in `cargo xtask test`: enough for libFuzzer to reach the detectors from the
/// seeds, short enough for every CI run.
pub const CI_SECONDS: u64 = 20;
/// Seconds per target when the command is run by hand.
const DEFAULT_SECONDS: u64 = 300;
/// A single input that takes longer than this (seconds) fails the run: inputs are at most
/// [`MAX_LEN`] bytes, which a linear core scans in milliseconds even in a sanitizer build.
const INPUT_TIMEOUT: u64 = 10;
/// The largest input libFuzzer builds (bytes): room for many blocks and long lines.
const MAX_LEN: u64 = 64 * 1024;

pub fn run(args: &[String]) -> Result<()> {
    let mut seconds = DEFAULT_SECONDS;
    let mut targets: Vec<&str> = TARGETS.to_vec();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seconds" => {
                let value = args.next().context("`--seconds` needs a number")?;
                seconds = value
                    .parse()
                    .with_context(|| format!("`--seconds {value}` is not a whole number"))?;
            }
            "--target" => {
                let name = args.next().context("`--target` needs a name")?;
                let Some(found) = TARGETS.iter().find(|t| *t == name) else {
                    bail!("unknown fuzz target `{name}` (expected one of {TARGETS:?})");
                };
                targets = vec![found];
            }
            other => bail!("unknown option `{other}` (expected --seconds N or --target NAME)"),
        }
    }
    fuzz(&util::workspace_root(), &targets, seconds)
}

/// Builds the targets and runs each for `seconds`; fails on the first target that finds something.
pub fn fuzz(root: &Path, targets: &[&str], seconds: u64) -> Result<()> {
    prerequisites()?;
    let fuzz_dir = root.join("fuzz");
    util::run(
        nightly_cargo(root)
            .args(["fuzz", "build", "--fuzz-dir"])
            .arg(&fuzz_dir),
        "cargo fuzz build",
    )?;
    for target in targets {
        let corpus = fuzz_dir.join("corpus").join(target);
        seed(root, target, &corpus)?;
        eprintln!("==> fuzzing `{target}` for {seconds} s");
        util::run(
            nightly_cargo(root)
                .args(["fuzz", "run", "--fuzz-dir"])
                .arg(&fuzz_dir)
                .arg(target)
                .arg(&corpus)
                .arg("--")
                .arg(format!("-max_total_time={seconds}"))
                .arg(format!("-timeout={INPUT_TIMEOUT}"))
                .arg(format!("-max_len={MAX_LEN}"))
                .arg("-print_final_stats=1"),
            &format!("fuzz target `{target}` (inputs that failed are in fuzz/artifacts/{target}/)"),
        )?;
    }
    Ok(())
}

/// `cargo` of the nightly toolchain, through rustup (the `CARGO` of this run is the stable one).
fn nightly_cargo(root: &Path) -> Command {
    let mut command = Command::new("rustup");
    command.args(["run", "nightly", "cargo"]).current_dir(root);
    // The fuzz crate is its own workspace with its own target folder; a target directory shared
    // with the stable builds would only mix toolchains.
    command.env_remove("CARGO_TARGET_DIR");
    command
}

/// Installs the nightly toolchain and cargo-fuzz when they are missing.
fn prerequisites() -> Result<()> {
    let toolchains = Command::new("rustup")
        .args(["toolchain", "list"])
        .output()
        .context("running `rustup toolchain list` (fuzzing needs rustup)")?;
    if !String::from_utf8_lossy(&toolchains.stdout)
        .lines()
        .any(|l| l.starts_with("nightly"))
    {
        util::run(
            Command::new("rustup").args([
                "toolchain",
                "install",
                "nightly",
                "--profile",
                "minimal",
            ]),
            "rustup toolchain install nightly",
        )?;
    }
    if !util::on_path("cargo-fuzz") {
        util::run(
            util::cargo().args(["install", "cargo-fuzz", "--locked"]),
            "cargo install cargo-fuzz",
        )?;
    }
    Ok(())
}

/// Seeds an empty corpus: the dev-set posts for the text targets, a few requests for the parser.
fn seed(root: &Path, target: &str, corpus: &Path) -> Result<()> {
    fs::create_dir_all(corpus).with_context(|| format!("creating {}", corpus.display()))?;
    let empty = fs::read_dir(corpus)
        .with_context(|| format!("listing {}", corpus.display()))?
        .next()
        .is_none();
    if !empty {
        return Ok(());
    }
    let mut seeds: Vec<(String, Vec<u8>)> = Vec::new();
    for path in util::files_under(&root.join("tests/devset"))? {
        if path.extension().is_some_and(|e| e == "txt") {
            let text = fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            seeds.push((format!("devset-{name}"), text));
        }
    }
    if target == "request" {
        // As fuzz/fuzz_targets/request.rs cuts its input: each post's lines as body blocks.
        let options = br#"{"allow":["harga"],"deny":["PT Contoh"],"disabled":["pager"]}"#;
        seeds = seeds
            .into_iter()
            .map(|(name, text)| {
                let lines: Vec<&[u8]> = text.split(|&b| b == b'\n').take(1000).collect();
                let mut bytes = Vec::new();
                bytes.extend_from_slice(&(3 * lines.len() as u16).to_le_bytes());
                for line in &lines {
                    // A block's length is in UTF-16 code units (`api::handle`).
                    let units = String::from_utf8_lossy(line).encode_utf16().count();
                    for number in [units as u32, 0, 0] {
                        bytes.extend_from_slice(&number.to_le_bytes());
                    }
                }
                bytes.extend_from_slice(&(options.len() as u16).to_le_bytes());
                bytes.extend_from_slice(options);
                bytes.extend(lines.concat());
                (name, bytes)
            })
            .collect();
    }
    for (name, bytes) in seeds {
        fs::write(corpus.join(name), bytes).context("writing a seed")?;
    }
    Ok(())
}
