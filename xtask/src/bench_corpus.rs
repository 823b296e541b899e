//! The corpus numbers of `cargo xtask bench`: `bersih clean --jsonl` on 1 and 2 threads over a
//! generated JSONL corpus of at least 200 MB (MB/s, peak memory, the scaling ratio), peak memory
//! on a 1 GB input, and the Spark example job in local mode next to the CLI on the same data.
//!
//! The corpus is the dev set's posts (`tests/devset/*/*.txt`) repeated with ids, written once
//! under `target/bench/` and reused. Each timing is the median of `RUNS` whole-process runs,
//! 1 and 2 threads interleaved so that load from elsewhere on the machine falls on both; peak
//! memory is the child's maximum resident set size as the kernel reports it (`wait4`).

use anyhow::{bail, Context, Result};
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::{python, util};

const SCALING_MB: u64 = 210;
const MEMORY_MB: u64 = 1024;
const SPARK_MB: u64 = 50;
const RUNS: usize = 3;

/// Prints a line and keeps it for the section `cargo xtask bench` writes.
macro_rules! say {
    ($md:expr, $($arg:tt)*) => {{
        let line = format!($($arg)*);
        println!("{line}");
        $md.push_str(&line);
        $md.push('\n');
    }};
}

/// The release build of the command line, built now, and `target/bench/` for generated inputs.
pub fn release_cli(root: &Path) -> Result<(PathBuf, PathBuf)> {
    util::run(
        util::cargo()
            .args(["build", "--release", "--quiet", "--bin", "bersih"])
            .current_dir(root),
        "cargo build --release --bin bersih",
    )?;
    let cli = util::metadata(root)?.target_dir.join("release/bersih");
    let dir = root.join("target/bench");
    fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    Ok((cli, dir))
}

/// Measures the corpus numbers; returns the printed lines as the bench section's text.
pub fn run(root: &Path) -> Result<String> {
    let mut md = String::new();
    eprintln!("\n==> corpus: bersih clean --jsonl (release build)");
    let (cli, dir) = release_cli(root)?;
    let texts = devset_texts(root, "")?;

    let corpus = corpus_file(&dir, &texts, SCALING_MB)?;
    let mut times = [Vec::new(), Vec::new()];
    let mut peaks = [0u64; 2];
    for _ in 0..RUNS {
        for (i, threads) in ["1", "2"].into_iter().enumerate() {
            let (took, peak) = measure(&cli, &corpus, threads)?;
            times[i].push(took);
            peaks[i] = peaks[i].max(peak);
        }
    }
    let mb = size_mb(&corpus)?;
    say!(md, "corpus: {mb:.1} MB JSONL, median of {RUNS} runs each");
    say!(md, "{:<8} {:>10} {:>12}", "threads", "MB/s", "peak memory");
    let speeds: Vec<f64> = times.iter().map(|t| mb / median(t).as_secs_f64()).collect();
    for (i, speed) in speeds.iter().enumerate() {
        say!(
            md,
            "{:<8} {speed:>10.1} {:>9.1} MB",
            i + 1,
            peaks[i] as f64 / 1e6
        );
    }
    say!(md, "scaling 1 -> 2 threads: {:.2}x", speeds[1] / speeds[0]);

    let big = corpus_file(&dir, &texts, MEMORY_MB)?;
    let (took, peak) = measure(&cli, &big, "2")?;
    let big_mb = size_mb(&big)?;
    say!(
        md,
        "{big_mb:.0} MB input, 2 threads: {:.1} MB/s, peak memory {:.1} MB",
        big_mb / took.as_secs_f64(),
        peak as f64 / 1e6
    );

    spark(root, &dir, &cli, &texts, &mut md)?;
    Ok(md)
}

/// The Spark example job (`spark-submit --master local[2]`) on a small and a `SPARK_MB` corpus,
/// next to the CLI on 2 threads on the same file.
fn spark(root: &Path, dir: &Path, cli: &Path, texts: &[String], md: &mut String) -> Result<()> {
    if !util::on_path("java") {
        say!(
            md,
            "spark: skipped (no java; apt-get install openjdk-17-jre-headless)"
        );
        return Ok(());
    }
    let wheel = python::build_wheel(root)?;
    let venv = python::corpus_venv(root, &wheel)?;
    let small = corpus_file(dir, texts, 1)?;
    let data = corpus_file(dir, texts, SPARK_MB)?;
    let submit = |input: &Path| -> Result<Duration> {
        let started = Instant::now();
        util::run(
            Command::new(venv.join("bin/spark-submit"))
                .args(["--master", "local[2]", "--conf", "spark.ui.enabled=false"])
                .arg(root.join("python/spark/clean_corpus.py"))
                .arg(input)
                .arg(dir.join("spark-out"))
                .args(["--format", "json"])
                .env("PYSPARK_PYTHON", venv.join("bin/python"))
                .env("SPARK_LOCAL_IP", "127.0.0.1")
                .stderr(Stdio::null()),
            "spark-submit clean_corpus.py",
        )?;
        Ok(started.elapsed())
    };
    let start_up = submit(&small)?;
    let whole = submit(&data)?;
    let (cli_time, _) = measure(cli, &data, "2")?;
    let mb = size_mb(&data)?;
    let small_mb = size_mb(&small)?;
    say!(
        md,
        "spark local[2] vs CLI (2 threads), same {mb:.0} MB JSONL:"
    );
    let past_start_up = whole.saturating_sub(start_up).as_secs_f64();
    let marginal = if past_start_up > 0.0 {
        format!("{:.1} MB/s", (mb - small_mb) / past_start_up)
    } else {
        "n/a (start-up varies more than the work)".to_string()
    };
    say!(
        md,
        "  spark-submit: {:.1} s = {:.1} MB/s end to end; past start-up {marginal} ({:.1} s on {small_mb:.1} MB)",
        whole.as_secs_f64(),
        mb / whole.as_secs_f64(),
        start_up.as_secs_f64()
    );
    say!(
        md,
        "  bersih clean --jsonl: {:.1} s = {:.1} MB/s",
        cli_time.as_secs_f64(),
        mb / cli_time.as_secs_f64()
    );
    Ok(())
}

/// Runs `bersih clean --jsonl --threads N FILE` into /dev/null; wall time and peak RSS in bytes.
fn measure(cli: &Path, input: &Path, threads: &str) -> Result<(Duration, u64)> {
    let started = Instant::now();
    let child = Command::new(cli)
        .args(["clean", "--jsonl", "--threads", threads, "-o", "/dev/null"])
        .arg(input)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .context("starting bersih")?;
    let (status, peak) = wait_with_peak(child.id())?;
    let took = started.elapsed();
    if status != 0 {
        bail!(
            "bersih clean --jsonl on {} failed ({status})",
            input.display()
        );
    }
    Ok((took, peak))
}

/// Waits for process `pid` (a child not yet waited for) and returns its exit status word and
/// its peak resident set size in bytes.
fn wait_with_peak(pid: u32) -> Result<(i32, u64)> {
    let mut status = 0;
    // SAFETY: `rusage` is plain data, valid when zeroed; wait4 writes into the two locals only.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    if waited < 0 {
        bail!("wait4: {}", std::io::Error::last_os_error());
    }
    // Linux reports ru_maxrss in KiB.
    Ok((status, usage.ru_maxrss as u64 * 1024))
}

fn median(times: &[Duration]) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    sorted[sorted.len() / 2]
}

fn size_mb(path: &Path) -> Result<f64> {
    Ok(fs::metadata(path)
        .with_context(|| format!("reading {}", path.display()))?
        .len() as f64
        / 1e6)
}

/// The dev set's posts under `tests/devset/<sub>` (all of them for `""`), in path order: the
/// corpus's documents, and the inputs of `bench instructions`.
pub fn devset_texts(root: &Path, sub: &str) -> Result<Vec<String>> {
    let dir = root.join("tests/devset").join(sub);
    let mut texts = Vec::new();
    for file in util::files_under(&dir)? {
        if file.extension().is_some_and(|e| e == "txt") {
            texts.push(
                fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?,
            );
        }
    }
    if texts.is_empty() {
        bail!("no posts under {}", dir.display());
    }
    Ok(texts)
}

/// `target/bench/corpus-NMB.jsonl`: the posts repeated as `{"id","url","text"}` lines until the
/// file holds at least `mb` MB; written once.
fn corpus_file(dir: &Path, texts: &[String], mb: u64) -> Result<PathBuf> {
    let path = dir.join(format!("corpus-{mb}MB.jsonl"));
    let target = mb * 1_000_000;
    if fs::metadata(&path).is_ok_and(|m| m.len() >= target) {
        return Ok(path);
    }
    let partial = path.with_extension("partial");
    let file =
        fs::File::create(&partial).with_context(|| format!("creating {}", partial.display()))?;
    let mut out = BufWriter::new(file);
    let mut written = 0u64;
    let mut id = 0usize;
    while written < target {
        let text = &texts[id % texts.len()];
        let line = serde_json::json!({
            "id": id,
            "url": format!("https://blog.example/{id}.html"),
            "text": text,
        })
        .to_string();
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
        written += line.len() as u64 + 1;
        id += 1;
    }
    out.flush()?;
    drop(out);
    fs::rename(&partial, &path).with_context(|| format!("writing {}", path.display()))?;
    Ok(path)
}
