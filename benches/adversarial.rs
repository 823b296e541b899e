//! Hostile inputs at 1×, 10× and 100× their base size: every path of the core must stay linear.
//!
//! Run with `cargo bench --bench adversarial`. Each generator builds the shape a hostile page (or
//! settings file) would use against a quadratic path: a long run of UI lines (each line used to
//! walk the whole run), the same candidate at every boundary, one huge line of separators, very
//! many short lines, nested deny phrases found many times in one block (offset mapping), many deny
//! phrases, and many posts on one page. The table prints the median CPU time per call at each size
//! and the ratio of each tenfold step: a linear path shows about 10×; the bar is 15×.

mod common;

use std::hint::black_box;
use std::time::Duration;

use bersih::{Block, BlockKind, Engine, Options};
use common::measure;

/// The most a tenfold larger input may cost, as a multiple of the smaller one's time.
const BAR: f64 = 15.0;
const SCALES: [usize; 3] = [1, 10, 100];

/// One hostile input at a scale.
enum Input {
    Text(String, Options),
    Blocks(Vec<Block>, Options),
    /// Text scanned with options never seen before in every call: the phrases are compiled
    /// each time (the engine caches compiled options, which would hide that cost).
    NewOptions(String, Options),
}

struct Case {
    name: &'static str,
    build: fn(usize) -> Input,
}

fn text(s: String) -> Input {
    Input::Text(s, Options::default())
}

const CASES: [Case; 9] = [
    Case {
        name: "repeated UI lines (Home x1k)",
        build: |n| text("Home\n".repeat(1_000 * n)),
    },
    Case {
        name: "UI run around a strong line",
        build: |n| {
            let half = "Beranda\n".repeat(500 * n);
            text(format!("{half}Posting Komentar\n{half}"))
        },
    },
    Case {
        name: "repeated candidates (x200)",
        build: |n| {
            text(
                "MAJU JAYA FUTURES - Harga naik hari ini.\nHarga turun lagi. - MAJUJAYA\n"
                    .repeat(200 * n),
            )
        },
    },
    Case {
        name: "one line of separators (30 KB)",
        build: |n| text(" - | – ".repeat(4_000 * n)),
    },
    Case {
        name: "short lines (a x10k)",
        build: |n| text("a\n".repeat(10_000 * n)),
    },
    Case {
        name: "nested deny phrases in a line",
        build: |n| {
            let options = Options {
                deny: vec![
                    "Acme".into(),
                    "Acme Trade".into(),
                    "Acme Trade Co".into(),
                    "Trade Co".into(),
                ],
                ..Options::default()
            };
            Input::Text("Acme Trade Co, kata dia. ".repeat(300 * n), options)
        },
    },
    Case {
        name: "deny phrases (x100)",
        build: |n| {
            let deny = (0..100 * n).map(|i| format!("frasa nomor {i}")).collect();
            let options = Options {
                deny,
                ..Options::default()
            };
            Input::Text(
                "Harga emas naik, frasa nomor 7 kata dia.\n".repeat(50),
                options,
            )
        },
    },
    Case {
        name: "deny phrases compiled (x100)",
        build: |n| {
            let deny = (0..100 * n).map(|i| format!("frasa nomor {i}")).collect();
            let options = Options {
                deny,
                ..Options::default()
            };
            Input::NewOptions(
                "Harga emas naik, frasa nomor 7 kata dia.\n".repeat(50),
                options,
            )
        },
    },
    Case {
        name: "posts on one page (x100)",
        build: |n| {
            let mut blocks = Vec::new();
            for post in 0..100 * n as u32 {
                for line in [
                    "BESTPROFIT FUTURES - Harga emas naik tipis pagi ini.",
                    "Investor menunggu data inflasi. - BEST PROFIT",
                    "Home",
                    "0 komentar:",
                ] {
                    blocks.push(Block {
                        text: line.into(),
                        kind: BlockKind::Body,
                        post,
                    });
                }
                blocks.push(Block {
                    text: "Posting Lebih Baru Posting Lama Beranda".into(),
                    kind: BlockKind::Pager,
                    post,
                });
            }
            Input::Blocks(blocks, Options::default())
        },
    },
];

fn main() {
    let engine = Engine::embedded();
    println!("bersih adversarial inputs: median CPU time per call at 1x, 10x, 100x");
    println!(
        "{:<34} {:>11} {:>11} {:>11} {:>9} {:>9}  each tenfold step <= {BAR}x",
        "generator", "1x", "10x", "100x", "10x/1x", "100x/10x"
    );
    let mut worst: f64 = 0.0;
    let mut fresh = 0u64;
    for case in CASES {
        let times: Vec<Duration> = SCALES
            .iter()
            .map(|&n| {
                let input = (case.build)(n);
                let sample = measure(|| match &input {
                    Input::Text(s, o) => {
                        black_box(engine.text_spans(black_box(s), o));
                    }
                    Input::Blocks(b, o) => {
                        black_box(engine.scan(black_box(b), o));
                    }
                    Input::NewOptions(s, o) => {
                        fresh += 1;
                        let mut options = o.clone();
                        options.allow.push(format!("sekali {fresh}"));
                        black_box(engine.text_spans(black_box(s), &options));
                    }
                });
                sample.time()
            })
            .collect();
        let step = |a: Duration, b: Duration| b.as_secs_f64() / a.as_secs_f64().max(1e-9);
        let (r1, r2) = (step(times[0], times[1]), step(times[1], times[2]));
        worst = worst.max(r1).max(r2);
        println!(
            "{:<34} {:>11} {:>11} {:>11} {:>8.1}x {:>8.1}x{}",
            case.name,
            format!("{:.2?}", times[0]),
            format!("{:.2?}", times[1]),
            format!("{:.2?}", times[2]),
            r1,
            r2,
            if r1 > BAR || r2 > BAR { "  OVER" } else { "" }
        );
    }
    println!("worst tenfold step: {worst:.1}x (bar {BAR}x)");
}
