//! The core's work counted, not timed: `bersih scan --json` under `valgrind --tool=callgrind`,
//! which counts the instructions a process runs, beside `grep -c -F -i` of ten brand and Blogger
//! words over the same bytes (the literal-search yardstick of issue 10 and of
//! `benches/throughput.rs`), counted the same way in the same run.
//!
//! On a shared machine the timed benches move by a third from run to run; these counts repeat to
//! within a ten-thousandth, so a change of a few percent shows here when no clock can see it. They
//! are not time (a cache miss costs more than an instruction; grep's vector instructions each look
//! at 16 or 32 bytes), so speed claims still come from paired timings, and the ratio to the
//! yardstick is one of instructions, not of time.
//!
//! Inputs, written under `target/bench/`: the dev set's posts in turn up to 1 MB (one input, as
//! `scan --json` reads a file), its spam posts alone, and its clean posts alone (most of a crawled
//! corpus).

use anyhow::{bail, Context, Result};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::bench_corpus::{devset_texts, release_cli};
use crate::util;

/// The yardstick's words, one a line, as `benches/throughput.rs` reads them.
const YARDSTICK: &str = "benches/yardstick.txt";

/// The size of each input.
const INPUT_BYTES: usize = 1 << 20;

/// Counts and prints; returns the printed lines as the section's text.
pub fn run(root: &Path) -> Result<String> {
    if !util::on_path("valgrind") {
        bail!("valgrind is not installed (Debian: apt-get install valgrind)");
    }
    let (cli, dir) = release_cli(root)?;
    let words = fs::read_to_string(root.join(YARDSTICK)).context(YARDSTICK)?;
    let mut lines = vec![
        "instructions counted by valgrind --tool=callgrind, whole process".to_string(),
        format!(
            "{:<26} {:>9} {:>14} {:>9} {:>13} {:>9} {:>12}",
            "input", "bytes", "scan --json", "per byte", "grep -c -F -i", "per byte", "x yardstick"
        ),
    ];
    println!("{}\n{}", lines[0], lines[1]);
    for (name, sub) in [
        ("dev-set posts, 1 MB", ""),
        ("spam posts, 1 MB", "spam"),
        ("clean posts, 1 MB", "clean"),
    ] {
        let input = input_file(root, &dir, sub)?;
        let bytes = fs::metadata(&input)?.len() as f64;
        let scan = counted(Command::new(&cli).args(["scan", "--json"]).arg(&input))?;
        let mut grep = Command::new("grep");
        grep.args(["-c", "-F", "-i"]);
        for word in words.lines() {
            grep.args(["-e", word]);
        }
        let yard = counted(grep.arg(&input))?;
        let line = format!(
            "{name:<26} {bytes:>9} {scan:>14} {:>9.1} {yard:>13} {:>9.1} {:>11.1}x",
            scan as f64 / bytes,
            yard as f64 / bytes,
            scan as f64 / yard as f64
        );
        println!("{line}");
        lines.push(line);
    }
    Ok(format!("```text\n{}\n```\n", lines.join("\n")))
}

/// `target/bench/instructions-<sub>.txt` (`-all` for `""`): the posts under `tests/devset/<sub>`
/// in path order, repeated in turn up to [`INPUT_BYTES`] and cut at a line's end.
fn input_file(root: &Path, dir: &Path, sub: &str) -> Result<PathBuf> {
    let texts = devset_texts(root, sub)?;
    let mut text = String::with_capacity(INPUT_BYTES + (64 << 10));
    for post in texts.iter().cycle() {
        if text.len() >= INPUT_BYTES {
            break;
        }
        text.push_str(post);
    }
    let cut = text[..INPUT_BYTES]
        .rfind('\n')
        .map_or(INPUT_BYTES, |i| i + 1);
    text.truncate(cut);
    let tag = if sub.is_empty() { "all" } else { sub };
    let path = dir.join(format!("instructions-{tag}.txt"));
    fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    Ok(path)
}

/// The instructions `command` runs, counted by callgrind (its output is dropped).
fn counted(command: &Command) -> Result<u64> {
    let mut valgrind = Command::new("valgrind");
    valgrind
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(command.get_program())
        .args(command.get_args())
        .stdout(Stdio::null());
    let what = format!("valgrind {:?}", command.get_program());
    let out = valgrind.output().with_context(|| what.clone())?;
    if !out.status.success() && out.status.code() != Some(1) {
        bail!("{what} failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    // `==<pid>== Collected : <n>`
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .find_map(|l| l.split("Collected :").nth(1)?.trim().parse().ok())
        .with_context(|| format!("{what}: no instruction count in its report"))
}
