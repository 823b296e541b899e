//! `cargo xtask test`: the project's single test command.
//!
//! Runs, in order, stopping at the first failure: formatting, clippy (warnings are errors), the
//! workspace's Rust tests, the JavaScript unit tests (every `tests/**/*.test.mjs` outside
//! `tests/e2e/`, plain `node --test`, no browser), the build, the Python wheel, its pytest suite
//! in a fresh venv, the Spark example job and `datasets.map` (see `python.rs`), `npm ci` when `node_modules` is
//! missing or older than `package-lock.json`, `web-ext lint` on `dist/firefox`, then the browser
//! tests (`tests/e2e/*.test.mjs` under `node --test`) once per browser with `BERSIH_BROWSER` set
//! to `chromium` or `firefox` and `BERSIH_DIST` to `dist/`.
//! Ends with one summary line per step and a total.

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::{build, lint_firefox, python, util};

/// The browsers the end-to-end tests run in, in order.
pub const BROWSERS: [&str; 2] = ["chromium", "firefox"];

#[derive(Debug, PartialEq)]
struct Options {
    browsers: Vec<&'static str>,
}

fn parse(args: &[String]) -> Result<Options> {
    let mut browsers = BROWSERS.to_vec();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--no-browser" => browsers.clear(),
            "--browser" => {
                let name = args
                    .next()
                    .context("`--browser` needs chromium or firefox")?;
                let Some(found) = BROWSERS.iter().find(|b| *b == name) else {
                    bail!("unknown browser `{name}` (expected chromium or firefox)");
                };
                browsers = vec![found];
            }
            other => bail!("unknown option `{other}` (expected --no-browser or --browser NAME)"),
        }
    }
    Ok(Options { browsers })
}

pub fn run(args: &[String]) -> Result<()> {
    let options = parse(args)?;
    let root = util::workspace_root();
    isolate_shared_target(&root)?;
    let mut summary: Vec<(String, Duration, &str)> = Vec::new();
    let result = run_steps(&root, &options, &mut summary);
    println!("\n── summary ──");
    for (name, took, outcome) in &summary {
        println!("{outcome:>7}  {name:<34} {:>6.1}s", took.as_secs_f32());
    }
    let failed = summary.iter().filter(|s| s.2 == "FAILED").count();
    let passed = summary.iter().filter(|s| s.2 == "ok").count();
    let skipped = summary.iter().filter(|s| s.2 == "skipped").count();
    println!("steps: {passed} passed, {failed} failed, {skipped} skipped");
    result
}

fn run_steps(
    root: &Path,
    options: &Options,
    summary: &mut Vec<(String, Duration, &str)>,
) -> Result<()> {
    let mut step = |name: String, action: &mut dyn FnMut() -> Result<Outcome>| -> Result<()> {
        eprintln!("\n==> {name}");
        let started = Instant::now();
        let result = action();
        let outcome = match &result {
            Ok(Outcome::Ran) => "ok",
            Ok(Outcome::Skipped(why)) => {
                eprintln!("skipped: {why}");
                "skipped"
            }
            Err(_) => "FAILED",
        };
        summary.push((name.clone(), started.elapsed(), outcome));
        result
            .map(|_| ())
            .with_context(|| format!("step `{name}` failed"))
    };
    let cargo = |args: &[&str]| {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        move || -> Result<Outcome> {
            util::run(
                util::cargo().args(&args).current_dir(root),
                &format!("cargo {}", args.join(" ")),
            )?;
            Ok(Outcome::Ran)
        }
    };
    step(
        "cargo fmt --check".into(),
        &mut cargo(&["fmt", "--all", "--", "--check"]),
    )?;
    step(
        "cargo clippy -D warnings".into(),
        &mut cargo(&[
            "clippy",
            "--quiet",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    step(
        "cargo test --workspace".into(),
        &mut cargo(&["test", "--quiet", "--workspace"]),
    )?;
    let unit_tests = js_unit_tests(&root.join("tests"))?;
    step("node --test (JS unit tests)".into(), &mut || {
        if unit_tests.is_empty() {
            return Ok(Outcome::Skipped(
                "no tests/**/*.test.mjs outside tests/e2e".into(),
            ));
        }
        util::run(
            Command::new("node")
                .arg("--test")
                .args(&unit_tests)
                .current_dir(root),
            "JS unit tests",
        )?;
        Ok(Outcome::Ran)
    })?;
    step("cargo xtask build".into(), &mut || {
        build::build().map(|_| Outcome::Ran)
    })?;
    let mut wheel = PathBuf::new();
    step("cargo xtask wheel".into(), &mut || {
        wheel = python::build_wheel(root)?;
        Ok(Outcome::Ran)
    })?;
    let cli = python::cli_binary(root)?;
    step("python tests (fresh venv)".into(), &mut || {
        python::test_wheel(root, &wheel, &cli).map(|()| Outcome::Ran)
    })?;
    step("spark job + datasets.map".into(), &mut || {
        python::test_spark(root, &wheel, &cli).map(|()| Outcome::Ran)
    })?;
    if options.browsers.is_empty() {
        return Ok(());
    }
    step("npm ci (when stale)".into(), &mut || npm_ci_if_stale(root))?;
    step("web-ext lint dist/firefox".into(), &mut || {
        lint_firefox::lint(root).map(|()| Outcome::Ran)
    })?;
    let tests = browser_tests(&root.join("tests/e2e"))?;
    for browser in &options.browsers {
        step(format!("browser tests ({browser})"), &mut || {
            if tests.is_empty() {
                return Ok(Outcome::Skipped("no tests/e2e/*.test.mjs yet".into()));
            }
            util::run(
                Command::new("node")
                    .arg("--test")
                    .args(&tests)
                    .env("BERSIH_BROWSER", browser)
                    .env("BERSIH_DIST", root.join("dist"))
                    .current_dir(root),
                &format!("browser tests in {browser}"),
            )?;
            Ok(Outcome::Ran)
        })?;
    }
    Ok(())
}

/// When the target directory lies outside this checkout (shared by several checkouts), points
/// every cargo command of this run at a folder of its own inside it. Cargo names artifacts the same
/// in every checkout of one workspace and judges freshness by the sources of whichever checkout
/// built last, so a shared folder can run another checkout's tests and report them as ours.
fn isolate_shared_target(root: &Path) -> Result<()> {
    let target_dir = util::metadata(root)?.target_dir;
    if target_dir.starts_with(root) {
        return Ok(());
    }
    let own = util::checkout_dir(&target_dir, "test-per-checkout", root);
    eprintln!(
        "note: {} is outside this checkout; testing in {} so no other checkout's build is used",
        target_dir.display(),
        own.display()
    );
    std::env::set_var("CARGO_TARGET_DIR", own);
    Ok(())
}

pub(crate) enum Outcome {
    Ran,
    Skipped(String),
}

/// `npm ci` when `node_modules` is missing or older than `package-lock.json`.
pub(crate) fn npm_ci_if_stale(root: &Path) -> Result<Outcome> {
    let installed = root.join("node_modules/.package-lock.json");
    let modified = |path: &Path| path.metadata().and_then(|m| m.modified()).ok();
    let lock = modified(&root.join("package-lock.json")).context("package-lock.json is missing")?;
    if modified(&installed).is_some_and(|installed| installed >= lock) {
        return Ok(Outcome::Skipped("node_modules is up to date".into()));
    }
    util::run(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .env("PUPPETEER_SKIP_DOWNLOAD", "1")
            .current_dir(root),
        "npm ci",
    )?;
    Ok(Outcome::Ran)
}

/// The JavaScript unit tests: `*.test.mjs` anywhere under `tests/` except `tests/e2e/`, sorted.
fn js_unit_tests(tests: &Path) -> Result<Vec<PathBuf>> {
    if !tests.is_dir() {
        return Ok(Vec::new());
    }
    let e2e = tests.join("e2e");
    Ok(util::files_under(tests)?
        .into_iter()
        .filter(|p| !p.starts_with(&e2e) && p.to_string_lossy().ends_with(".test.mjs"))
        .collect())
}

/// The browser test files: `*.test.mjs` directly under `dir`, sorted.
fn browser_tests(dir: &Path) -> Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut tests: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("listing {}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    tests.sort();
    Ok(tests)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn options_choose_browsers() {
        assert_eq!(parse(&[]).unwrap().browsers, BROWSERS);
        assert!(parse(&args(&["--no-browser"])).unwrap().browsers.is_empty());
        assert_eq!(
            parse(&args(&["--browser", "firefox"])).unwrap().browsers,
            ["firefox"]
        );
        for bad in [&["--browser"][..], &["--browser", "safari"], &["--fast"]] {
            assert!(parse(&args(bad)).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn js_unit_tests_skip_browser_tests_and_helpers() {
        let tmp = std::env::temp_dir().join(format!("xtask-js-{}", std::process::id()));
        for file in [
            "ui/a.test.mjs",
            "ui/helper.mjs",
            "e2e/b.test.mjs",
            "c.test.mjs",
        ] {
            let path = tmp.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        let found = js_unit_tests(&tmp).unwrap();
        assert_eq!(found, [tmp.join("c.test.mjs"), tmp.join("ui/a.test.mjs")]);
        assert_eq!(
            browser_tests(&tmp.join("e2e")).unwrap(),
            [tmp.join("e2e/b.test.mjs")]
        );
        std::fs::remove_dir_all(&tmp).unwrap();
    }
}
