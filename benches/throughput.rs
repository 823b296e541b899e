//! Throughput of `scan_text` on one core: typical posts, and 100 KB, 1 MB and 10 MB inputs.
//!
//! Run with `cargo bench --bench throughput`. Inputs are built from the development set's posts
//! (`tests/devset`), so the mix of ads, clutter and article text is realistic. Each size is scanned
//! several times and the median is reported; the last column compares each step's time ratio with
//! its size ratio (1.00 means cost grows exactly linearly with input size).

use std::fs;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use bersih::{scan_text, Options};

const TYPICAL_POST: usize = 4 * 1024;
const SIZES: [(&str, usize); 3] = [
    ("100 KB", 100 * 1024),
    ("1 MB", 1024 * 1024),
    ("10 MB", 10 * 1024 * 1024),
];

fn main() {
    let posts = devset_posts();
    let options = Options::default();

    let typical = typical_posts(&posts);
    let typical_bytes: usize = typical.iter().map(String::len).sum();
    let (typical_time, typical_runs) = measure(|| {
        for post in &typical {
            black_box(scan_text(black_box(post), &options));
        }
    });
    let avg_post = typical_bytes / typical.len();

    println!("bersih scan_text throughput, one core, median of several runs");
    println!(
        "{:<30} {:>10} {:>6} {:>12} {:>9} {:>16}",
        "input", "bytes", "runs", "median", "MB/s", "time/size ratio"
    );
    println!(
        "{:<30} {:>10} {:>6} {:>12} {:>9.1} {:>16}",
        format!(
            "typical post (avg {:.1} KB) x{}",
            avg_post as f64 / 1024.0,
            typical.len()
        ),
        typical_bytes,
        typical_runs,
        format!("{typical_time:.2?}"),
        mb_per_s(typical_bytes, typical_time),
        "-"
    );

    let mut previous: Option<(usize, Duration)> = None;
    for (label, size) in SIZES {
        let input = concatenated(&posts, size);
        let (time, runs) = measure(|| {
            black_box(scan_text(black_box(&input), &options));
        });
        let ratio = previous.map_or("-".to_string(), |(prev_size, prev_time)| {
            let time_ratio = time.as_secs_f64() / prev_time.as_secs_f64();
            let size_ratio = input.len() as f64 / prev_size as f64;
            format!(
                "{time_ratio:.1}x/{size_ratio:.1}x = {:.2}",
                time_ratio / size_ratio
            )
        });
        println!(
            "{:<30} {:>10} {:>6} {:>12} {:>9.1} {:>16}",
            label,
            input.len(),
            runs,
            format!("{time:.2?}"),
            mb_per_s(input.len(), time),
            ratio
        );
        previous = Some((input.len(), time));
    }
}

/// Every development-set document, spam and clean, in name order.
fn devset_posts() -> Vec<String> {
    // Read at run time: a target directory shared between checkouts may hold another's binary.
    let root = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| env!("CARGO_MANIFEST_DIR").into(), PathBuf::from)
        .join("tests/devset");
    let mut paths = Vec::new();
    for sub in ["spam", "clean"] {
        let entries = fs::read_dir(root.join(sub)).expect("tests/devset is readable");
        for entry in entries {
            let path = entry.expect("directory entry").path();
            if path.extension().is_some_and(|e| e == "txt") {
                paths.push(path);
            }
        }
    }
    paths.sort();
    paths
        .iter()
        .map(|p| fs::read_to_string(p).expect("dev-set posts are UTF-8"))
        .collect()
}

/// Posts of a few KB each: consecutive dev-set documents joined until each reaches 4 KB.
fn typical_posts(posts: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for post in posts {
        current.push_str(post);
        if current.len() >= TYPICAL_POST {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The dev-set posts repeated in turn until the text is at least `size` bytes, then cut back to
/// the last whole line within `size`.
fn concatenated(posts: &[String], size: usize) -> String {
    let mut text = String::with_capacity(size + TYPICAL_POST);
    for post in posts.iter().cycle() {
        if text.len() >= size {
            break;
        }
        text.push_str(post);
    }
    let cut = text[..size].rfind('\n').map_or(size, |i| i + 1);
    text.truncate(cut);
    text
}

/// Runs `f` at least 5 times and for at least about a second, and returns the median time.
fn measure(mut f: impl FnMut()) -> (Duration, usize) {
    f(); // warm-up: page in the input and the automata
    let mut times = Vec::new();
    let started = Instant::now();
    while times.len() < 5 || (started.elapsed() < Duration::from_secs(1) && times.len() < 200) {
        let t = Instant::now();
        f();
        times.push(t.elapsed());
    }
    times.sort_unstable();
    (times[times.len() / 2], times.len())
}

fn mb_per_s(bytes: usize, time: Duration) -> f64 {
    bytes as f64 / (1024.0 * 1024.0) / time.as_secs_f64()
}
