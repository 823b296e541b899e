//! `cargo xtask eval-pages DIR`: builds, then hands a folder of saved pages to the browser-side
//! evaluator `tests/e2e/eval-pages.mjs`, which loads the real extension over each page and reports
//! what it hid. This side only checks the arguments and the build.

use anyhow::{bail, ensure, Context, Result};
use std::path::PathBuf;
use std::process::Command;

use crate::{build, util};

pub fn run(args: &[String]) -> Result<()> {
    let [dir] = args else {
        bail!("usage: cargo xtask eval-pages DIR (a folder of saved .html pages)");
    };
    let dir = PathBuf::from(dir);
    ensure!(dir.is_dir(), "{} is not a folder", dir.display());
    let dir = dir
        .canonicalize()
        .with_context(|| format!("resolving {}", dir.display()))?;
    let root = util::workspace_root();
    let script = root.join("tests/e2e/eval-pages.mjs");
    ensure!(
        script.is_file(),
        "{} is missing: the page evaluator has not been written yet",
        script.display()
    );
    let output = build::build()?;
    util::run(
        Command::new("node")
            .arg(&script)
            .arg(&dir)
            .env("BERSIH_DIST", &output.dist)
            .current_dir(&root),
        "node tests/e2e/eval-pages.mjs",
    )
}
