//! Throughput of `scan_text` on one core: typical posts, and 100 KB, 1 MB and 10 MB inputs, each
//! paired with a yardstick over the same bytes.
//!
//! Run with `cargo bench --bench throughput`. Inputs are built from the development set's posts
//! (`tests/devset`), so the mix of ads, clutter and article text is realistic. Each input is scanned
//! many times, in samples of at least 100 ms, and the median per call is reported. Throughput is
//! computed from the thread's CPU time (Linux `/proc/thread-self/schedstat`), which a busy shared
//! machine does not inflate; wall time is shown beside it, and used when CPU time is unavailable.
//!
//! The yardstick is one pass of literal search over the same input, measured in the same run: an
//! ASCII case-insensitive multi-pattern search for ten brand and Blogger words (what
//! `grep -c -F -i` does), counting the lines that hold one. `x yardstick` is the scan's time over
//! the yardstick's. The last column compares each step's time ratio with its size ratio (1.00
//! means cost grows exactly linearly with input size).

mod common;

use std::hint::black_box;
use std::time::Duration;

use aho_corasick::AhoCorasick;
use bersih::{Engine, Options};
use common::{devset_posts, measure, Sample};

const TYPICAL_POST: usize = 4 * 1024;
const SIZES: [(&str, usize); 3] = [
    ("100 KB", 100 * 1024),
    ("1 MB", 1024 * 1024),
    ("10 MB", 10 * 1024 * 1024),
];
/// The yardstick's patterns, one a line: brand names and Blogger UI words, as a reader would grep
/// for them (`cargo xtask bench instructions` reads the same file).
const YARDSTICK: &str = include_str!("yardstick.txt");

fn main() {
    let posts = devset_posts();
    let options = Options::default();
    let engine = Engine::embedded();
    let grep = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(YARDSTICK.lines())
        .expect("ten literals");
    let yardstick = |text: &str| -> usize {
        text.split_inclusive('\n')
            .filter(|line| grep.is_match(line))
            .count()
    };

    println!("bersih scan_text throughput, one core, median time per call");
    println!(
        "MB/s and ratios use {}",
        if common::cpu_time().is_some() {
            "CPU time"
        } else {
            "wall time (no CPU clock here)"
        }
    );
    println!(
        "{:<30} {:>10} {:>5} {:>10} {:>10} {:>8} {:>12} {:>11} {:>22}",
        "input",
        "bytes",
        "runs",
        "wall",
        "cpu",
        "MB/s",
        "yardstick",
        "x yardstick",
        "time/size ratio"
    );

    let typical = typical_posts(&posts);
    let typical_bytes: usize = typical.iter().map(String::len).sum();
    let sample = measure(|| {
        for post in &typical {
            black_box(engine.text_spans(black_box(post), &options));
        }
    });
    let yard = measure(|| {
        for post in &typical {
            black_box(yardstick(black_box(post)));
        }
    });
    let label = format!(
        "typical post (avg {:.1} KB) x{}",
        typical_bytes as f64 / typical.len() as f64 / 1024.0,
        typical.len()
    );
    print_row(&label, typical_bytes, &sample, &yard, "-".into());

    let mut previous: Option<(usize, Duration)> = None;
    for (label, size) in SIZES {
        let input = concatenated(&posts, size);
        let sample = measure(|| {
            black_box(engine.text_spans(black_box(&input), &options));
        });
        let yard = measure(|| {
            black_box(yardstick(black_box(&input)));
        });
        let time = sample.time();
        let ratio = previous.map_or("-".to_string(), |(prev_size, prev_time)| {
            let time_ratio = time.as_secs_f64() / prev_time.as_secs_f64();
            let size_ratio = input.len() as f64 / prev_size as f64;
            format!(
                "{time_ratio:.1}x/{size_ratio:.1}x = {:.2}",
                time_ratio / size_ratio
            )
        });
        print_row(label, input.len(), &sample, &yard, ratio);
        previous = Some((input.len(), time));
    }
}

fn mb_per_s(bytes: usize, time: Duration) -> f64 {
    bytes as f64 / (1024.0 * 1024.0) / time.as_secs_f64()
}

fn print_row(label: &str, bytes: usize, sample: &Sample, yard: &Sample, ratio: String) {
    let cpu = sample.cpu.map_or("-".to_string(), |t| format!("{t:.2?}"));
    println!(
        "{:<30} {:>10} {:>5} {:>10} {:>10} {:>8.1} {:>7.0} MB/s {:>10.2}x {:>22}",
        label,
        bytes,
        sample.runs,
        format!("{:.2?}", sample.wall),
        cpu,
        mb_per_s(bytes, sample.time()),
        mb_per_s(bytes, yard.time()),
        sample.time().as_secs_f64() / yard.time().as_secs_f64(),
        ratio
    );
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
