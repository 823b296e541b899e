//! `cargo xtask bench`: the numbers a reader compares between versions.
//!
//! Runs the native throughput bench (`benches/throughput.rs`) when it exists, builds and prints the
//! shipped Wasm size raw and gzip -9 (what a store download and the browser's cache hold) and the
//! content script's size (what every Blogger page parses: its code and the core, inlined), and
//! runs the browser-side benches `tests/e2e/bench.mjs` (the extension beside the same pages without
//! it, with Readability as a yardstick) and `tests/e2e/playground-bench.mjs` (the playground) when
//! they exist.

use anyhow::{ensure, Context, Result};
use flate2::{write::GzEncoder, Compression};
use std::io::Write;
use std::process::Command;

use crate::{build, util, wasm};

pub fn run(args: &[String]) -> Result<()> {
    ensure!(args.is_empty(), "`bench` takes no arguments, got {args:?}");
    let root = util::workspace_root();
    if root.join("benches/throughput.rs").is_file() {
        eprintln!("==> native throughput (cargo bench --bench throughput)");
        util::run(
            util::cargo()
                .args(["bench", "--bench", "throughput"])
                .current_dir(&root),
            "cargo bench --bench throughput",
        )?;
    } else {
        eprintln!("no benches/throughput.rs: skipping the native bench");
    }

    let output = build::build()?;
    let core = output.wasm.parent().context("core folder")?;
    println!(
        "\n{:<22} {:>10} {:>12}",
        "file", "raw bytes", "gzip -9 bytes"
    );
    let content = output.dist.join("chrome/content/bersih.js");
    for path in [
        wasm::output_path(core, "wasm"),
        wasm::output_path(core, "js"),
        content,
    ] {
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let name = path
            .strip_prefix(output.dist.join("chrome"))
            .unwrap_or(&path)
            .to_string_lossy();
        println!("{name:<22} {:>10} {:>12}", bytes.len(), gzip_len(&bytes)?);
    }

    // The extension's timing on pages, then the playground's on large pastes (both need node_modules).
    crate::test::npm_ci_if_stale(&root)?;
    for script in ["tests/e2e/bench.mjs", "tests/e2e/playground-bench.mjs"] {
        let path = root.join(script);
        if !path.is_file() {
            eprintln!("no {script}: skipping it");
            continue;
        }
        eprintln!("\n==> browser timing (node {script})");
        util::run(
            Command::new("node")
                .arg(&path)
                .env("BERSIH_DIST", &output.dist)
                .current_dir(&root),
            &format!("node {script}"),
        )?;
    }
    Ok(())
}

/// Size of `bytes` compressed with gzip at level 9.
pub fn gzip_len(bytes: &[u8]) -> Result<usize> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).context("gzip")?;
    Ok(encoder.finish().context("gzip")?.len())
}

#[cfg(test)]
mod tests {
    #[test]
    fn gzip_shrinks_repetitive_input() {
        let input = b"bersih ".repeat(1000);
        let size = super::gzip_len(&input).unwrap();
        assert!(size > 10 && size < input.len() / 20, "{size}");
    }
}
