//! Throughput of `scan_text` on one core: typical posts, and 100 KB, 1 MB and 10 MB inputs.
//!
//! Run with `cargo bench --bench throughput`. Inputs are built from the development set's posts
//! (`tests/devset`), so the mix of ads, clutter and article text is realistic. Each size is scanned
//! many times, in samples of at least 100 ms, and the median per call is reported. Throughput is
//! computed from the thread's CPU time (Linux `/proc/thread-self/schedstat`), which a busy shared
//! machine does not inflate; wall time is shown beside it, and used when CPU time is unavailable.
//! The last column compares each step's time ratio with its size ratio (1.00 means cost grows
//! exactly linearly with input size).

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
    let cpu_clock = cpu_time().is_some();

    println!("bersih scan_text throughput, one core, median time per call");
    println!(
        "MB/s and the ratio column use {}",
        if cpu_clock {
            "CPU time"
        } else {
            "wall time (no CPU clock here)"
        }
    );
    println!(
        "{:<30} {:>10} {:>5} {:>11} {:>11} {:>8} {:>22}",
        "input", "bytes", "runs", "wall", "cpu", "MB/s", "time/size ratio"
    );

    let typical = typical_posts(&posts);
    let typical_bytes: usize = typical.iter().map(String::len).sum();
    let sample = measure(|| {
        for post in &typical {
            black_box(scan_text(black_box(post), &options));
        }
    });
    let label = format!(
        "typical post (avg {:.1} KB) x{}",
        typical_bytes as f64 / typical.len() as f64 / 1024.0,
        typical.len()
    );
    print_row(&label, typical_bytes, &sample, "-".into());

    let mut previous: Option<(usize, Duration)> = None;
    for (label, size) in SIZES {
        let input = concatenated(&posts, size);
        let sample = measure(|| {
            black_box(scan_text(black_box(&input), &options));
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
        print_row(label, input.len(), &sample, ratio);
        previous = Some((input.len(), time));
    }
}

/// Median times of one call on one input.
struct Sample {
    /// Calls timed, over all samples.
    runs: usize,
    wall: Duration,
    cpu: Option<Duration>,
}

impl Sample {
    /// The time throughput is computed from: CPU time when the platform gives it.
    fn time(&self) -> Duration {
        self.cpu.unwrap_or(self.wall)
    }
}

fn print_row(label: &str, bytes: usize, sample: &Sample, ratio: String) {
    let cpu = sample.cpu.map_or("-".to_string(), |t| format!("{t:.2?}"));
    println!(
        "{:<30} {:>10} {:>5} {:>11} {:>11} {:>8.1} {:>22}",
        label,
        bytes,
        sample.runs,
        format!("{:.2?}", sample.wall),
        cpu,
        bytes as f64 / (1024.0 * 1024.0) / sample.time().as_secs_f64(),
        ratio
    );
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

/// Shortest sample: the kernel's CPU clock advances in scheduler ticks (a few ms), so each sample
/// repeats `f` until it lasts this long, and the per-call time is the sample divided by the count.
const MIN_SAMPLE: Duration = Duration::from_millis(100);

/// Times `f` in at least 5 samples and for at least about a second, and returns the median time
/// of one call.
fn measure(mut f: impl FnMut()) -> Sample {
    // Warm-up (pages in the input and the automata) and calibration of calls per sample.
    let t = Instant::now();
    f();
    let once = t.elapsed().max(Duration::from_micros(1));
    let reps = (MIN_SAMPLE.as_nanos() / once.as_nanos()).clamp(1, 100_000) as u32;

    let mut walls = Vec::new();
    let mut cpus = Vec::new();
    let started = Instant::now();
    while walls.len() < 5 || (started.elapsed() < Duration::from_secs(1) && walls.len() < 100) {
        let (wall, cpu) = (Instant::now(), cpu_time());
        for _ in 0..reps {
            f();
        }
        walls.push(wall.elapsed() / reps);
        if let (Some(before), Some(after)) = (cpu, cpu_time()) {
            cpus.push(after.saturating_sub(before) / reps);
        }
    }
    let samples = walls.len();
    Sample {
        runs: samples * reps as usize,
        wall: median(walls),
        cpu: (cpus.len() == samples).then(|| median(cpus)),
    }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times[times.len() / 2]
}

/// CPU time this thread has used (Linux), in nanoseconds from the scheduler's accounting.
fn cpu_time() -> Option<Duration> {
    let stat = fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}
