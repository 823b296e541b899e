//! `cargo xtask bench [PART...]`: the numbers a reader compares between versions, printed and
//! written to `docs/BENCHMARKS.md` (which the README links; no number there is copied by hand).
//!
//! Each part is one function in `PARTS`: it prints as it runs and returns its section of the file
//! (Markdown). Adding a bench is one function and one line in `PARTS`; `util::run_tee` runs a
//! command, shows its output and returns it for the section. Naming parts runs only those and
//! keeps the other sections of the file as they were (each section says when it was measured).
//!
//! Today's parts: the native throughput bench (`benches/throughput.rs`), the shipped Wasm size raw
//! and gzip -9 (what a store download and the browser's cache hold) with the content script that
//! carries it, the browser-side benches `tests/e2e/bench.mjs` (the extension beside the same
//! pages without it, with Readability as a yardstick) and `tests/e2e/playground-bench.mjs` (the
//! playground), the adversarial inputs' time ratios (`benches/adversarial.rs`), the Wasm core's
//! own throughput in Chromium (`tests/e2e/core-bench.mjs`), the corpus bench, and the core's
//! instructions counted beside a literal search (`bench_instructions.rs`), which a busy machine
//! does not blur.

use anyhow::{bail, Context, Result};
use flate2::{write::GzEncoder, Compression};
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{build, prereq, util, wasm};

/// Where the results go, relative to the workspace root.
const REPORT: &str = "docs/BENCHMARKS.md";

/// What every part may use: the workspace and the finished build.
struct Bench {
    root: PathBuf,
    dist: PathBuf,
}

/// A part: its name on the command line, its section title, and the function that measures.
type Part = (&'static str, &'static str, fn(&Bench) -> Result<String>);

const PARTS: &[Part] = &[
    (
        "throughput",
        "Core throughput, native (`cargo bench --bench throughput`)",
        native_throughput,
    ),
    (
        "instructions",
        "Core work counted, native (`valgrind --tool=callgrind`)",
        |b| crate::bench_instructions::run(&b.root),
    ),
    ("wasm-size", "Wasm core size", wasm_size),
    (
        "extension",
        "The extension in Chromium (`tests/e2e/bench.mjs`)",
        |b| node_script(b, "tests/e2e/bench.mjs"),
    ),
    (
        "playground",
        "The playground in Chromium (`tests/e2e/playground-bench.mjs`)",
        |b| node_script(b, "tests/e2e/playground-bench.mjs"),
    ),
    (
        "adversarial",
        "Adversarial inputs, native (`cargo bench --bench adversarial`)",
        |b| cargo_bench(b, "adversarial"),
    ),
    (
        "core-wasm",
        "The Wasm core in Chromium (`tests/e2e/core-bench.mjs`)",
        |b| node_script(b, "tests/e2e/core-bench.mjs"),
    ),
    (
        "corpus",
        "Cleaning a corpus: `clean --jsonl` on 1 and 2 threads, Spark local",
        |b| Ok(code_block(&crate::bench_corpus::run(&b.root)?)),
    ),
];

pub fn run(args: &[String]) -> Result<()> {
    for arg in args {
        if !PARTS.iter().any(|(name, ..)| name == arg) {
            let names: Vec<&str> = PARTS.iter().map(|(name, ..)| *name).collect();
            crate::usage!(
                "unknown bench part `{arg}`\nusage: cargo xtask bench [PART...], parts: {}",
                names.join(" ")
            );
        }
    }
    let root = util::workspace_root();
    eprintln!("==> prerequisites");
    let needs = prereq::Needs {
        node: true,
        chromium: true,
        ..prereq::Needs::default()
    };
    prereq::ensure(&root, needs)?;
    let output = build::build()?;
    let bench = Bench {
        root: root.clone(),
        dist: output.dist,
    };
    let report_path = root.join(REPORT);
    let mut sections = match std::fs::read_to_string(&report_path) {
        Ok(text) => parse_sections(&text),
        Err(_) => Vec::new(),
    };
    let stamp = stamp(&root);
    for (name, title, measure) in PARTS {
        if !args.is_empty() && !args.iter().any(|a| a == name) {
            continue;
        }
        eprintln!("\n==> bench: {title}");
        let body = measure(&bench).with_context(|| format!("bench part `{name}`"))?;
        let section = format!("{}\n\n{}", stamp, body.trim_end());
        match sections.iter_mut().find(|(t, _)| t == title) {
            Some(existing) => existing.1 = section,
            None => sections.push((title.to_string(), section)),
        }
    }
    // Parts in their order in PARTS; sections of parts that no longer exist are dropped.
    let mut text = String::from(
        "# Benchmarks\n\n\
         Written by `cargo xtask bench` (`cargo xtask bench PART` measures one part again); do \
         not edit by hand. Medians on a shared machine: compare ratios within one section rather \
         than absolute times across sections.\n",
    );
    for (_, title, _) in PARTS {
        if let Some((_, body)) = sections.iter().find(|(t, _)| t == title) {
            write!(text, "\n## {title}\n\n{body}\n")?;
        }
    }
    std::fs::write(&report_path, text)
        .with_context(|| format!("writing {}", report_path.display()))?;
    println!("\nwrote {REPORT}");
    Ok(())
}

fn native_throughput(bench: &Bench) -> Result<String> {
    cargo_bench(bench, "throughput")
}

/// One of the native benches in `benches/`; its output is the section.
fn cargo_bench(bench: &Bench, name: &str) -> Result<String> {
    if !bench.root.join(format!("benches/{name}.rs")).is_file() {
        bail!("no benches/{name}.rs");
    }
    let command = format!("cargo bench --bench {name}");
    let (status, output) = util::run_tee(
        util::cargo()
            .args(["bench", "--bench", name])
            .current_dir(&bench.root),
        &command,
    )?;
    if !status.success() {
        bail!("{command} failed ({status})");
    }
    Ok(code_block(&output))
}

/// The core and its glue, what every Blogger page parses (`content/wasm.js`: the core gzipped, as
/// base64; `content/bersih.js`: the content script) and the store zip, which holds the module once.
fn wasm_size(bench: &Bench) -> Result<String> {
    let extension = bench.dist.join("chrome");
    let mut table = String::from("| file | raw bytes | gzip -9 bytes |\n| --- | ---: | ---: |\n");
    let files = [
        wasm::output_path(&bench.dist.join("www/core"), "wasm"),
        wasm::output_path(&extension.join("core"), "js"),
        extension.join("content/wasm.js"),
        extension.join("content/bersih.js"),
        bench.dist.join("bersih-chrome.zip"),
    ];
    for path in files {
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let name = path
            .strip_prefix(&bench.dist)
            .unwrap_or(&path)
            .to_string_lossy();
        let (raw, gzip) = (bytes.len(), gzip_len(&bytes)?);
        println!("{name:<28} {raw:>10} raw {gzip:>10} gzip -9");
        writeln!(table, "| `{name}` | {raw} | {gzip} |")?;
    }
    Ok(table)
}

/// A node script of the browser benches, run against the build; its output is the section.
fn node_script(bench: &Bench, script: &str) -> Result<String> {
    let path = bench.root.join(script);
    if !path.is_file() {
        bail!("no {script}");
    }
    let (status, output) = util::run_tee(
        Command::new("node")
            .arg(&path)
            .env("BERSIH_DIST", &bench.dist)
            .current_dir(&bench.root),
        &format!("node {script}"),
    )?;
    if !status.success() {
        bail!("node {script} failed ({status})");
    }
    Ok(code_block(&output))
}

fn code_block(output: &str) -> String {
    format!("```text\n{}\n```\n", output.trim_end())
}

/// The line each section starts with: when, on what, from which commit.
fn stamp(root: &Path) -> String {
    let first_line =
        |program: &str, args: &[&str]| util::first_line(program, args, root).unwrap_or("?".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!(
        "Measured {} at commit `{}`: {}, node {}, {cores} cores.",
        today(),
        first_line("git", &["rev-parse", "--short", "HEAD"]),
        first_line("rustc", &["--version"]),
        first_line("node", &["--version"]),
    )
}

/// `(title, body)` of every `## ` section of an earlier report.
fn parse_sections(text: &str) -> Vec<(String, String)> {
    let mut sections: Vec<(String, String)> = Vec::new();
    let mut in_code = false;
    for line in text.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
        }
        match line.strip_prefix("## ").filter(|_| !in_code) {
            Some(title) => sections.push((title.trim().to_string(), String::new())),
            None => {
                if let Some((_, body)) = sections.last_mut() {
                    body.push_str(line);
                    body.push('\n');
                }
            }
        }
    }
    for (_, body) in &mut sections {
        *body = body.trim().to_string();
    }
    sections
}

/// Today's date (UTC) as YYYY-MM-DD, from the system clock (civil-from-days, proleptic Gregorian).
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_date(i64::try_from(secs / 86_400).unwrap_or(0))
}

fn civil_date(days_since_epoch: i64) -> String {
    let z = days_since_epoch + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Size of `bytes` compressed with gzip at level 9.
pub fn gzip_len(bytes: &[u8]) -> Result<usize> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).context("gzip")?;
    Ok(encoder.finish().context("gzip")?.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_shrinks_repetitive_input() {
        let input = b"bersih ".repeat(1000);
        let size = gzip_len(&input).unwrap();
        assert!(size > 10 && size < input.len() / 20, "{size}");
    }

    #[test]
    fn dates_are_civil() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(civil_date(20_819), "2027-01-01");
    }

    #[test]
    fn sections_are_read_back_and_code_is_not_a_heading() {
        let text = "# Benchmarks\n\nintro\n\n## A\n\nMeasured x.\n\n```text\n## not a heading\n```\n\n## B\n\nb\n";
        let sections = parse_sections(text);
        assert_eq!(
            sections,
            [
                (
                    "A".to_string(),
                    "Measured x.\n\n```text\n## not a heading\n```".to_string()
                ),
                ("B".to_string(), "b".to_string()),
            ]
        );
    }

    #[test]
    fn part_names_are_unique() {
        let mut names: Vec<&str> = PARTS.iter().map(|(name, ..)| *name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), PARTS.len());
    }
}
