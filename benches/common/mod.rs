//! Timing shared by the benches: medians of CPU time per call, in samples long enough for the
//! kernel's CPU clock, and the dev-set posts the inputs are built from.

#![allow(dead_code)]

use std::fs;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Median times of one call on one input.
pub struct Sample {
    /// Calls timed, over all samples.
    pub runs: usize,
    pub wall: Duration,
    pub cpu: Option<Duration>,
}

impl Sample {
    /// The time throughput is computed from: CPU time when the platform gives it.
    pub fn time(&self) -> Duration {
        self.cpu.unwrap_or(self.wall)
    }
}

/// Shortest sample: the kernel's CPU clock advances in scheduler ticks (a few ms), so each sample
/// repeats `f` until it lasts this long, and the per-call time is the sample divided by the count.
const MIN_SAMPLE: Duration = Duration::from_millis(100);

/// Times `f` in at least 5 samples and for at least about a second, and returns the median time
/// of one call.
pub fn measure(mut f: impl FnMut()) -> Sample {
    // Warm-up (pages in the input, compiles the options once), then calibration of calls per
    // sample on a call like the measured ones.
    f();
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
pub fn cpu_time() -> Option<Duration> {
    let stat = fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

/// Every development-set document, spam and clean, in name order.
pub fn devset_posts() -> Vec<String> {
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
