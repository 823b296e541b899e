//! `cargo xtask test`: the project's single test command.
//!
//! First checks the prerequisites (`prereq`: the Rust target and components, Node.js 20+, npm
//! packages, Chromium, Firefox ESR and its Indonesian language pack), installing what it may.
//! Then runs, in order, stopping at the first failure: formatting, clippy (warnings are errors),
//! the workspace's Rust tests, a short run of the core's fuzz targets (`fuzz.rs`), the JavaScript unit tests (every `tests/**/*.test.mjs` outside
//! `tests/e2e/`, plain `node --test`, no browser), the build (twice: the store zips must come out
//! the same bytes, each within `ZIP_BUDGET`), the Python wheel, its pytest suite in a fresh venv, the Spark example job and
//! `datasets.map` (`python.rs`), `web-ext lint` on `dist/firefox`, then the browser tests
//! (`tests/e2e/*.test.mjs`) once per browser with `BERSIH_BROWSER`, `BERSIH_DIST` and the browser's
//! executable in `BERSIH_CHROMIUM` / `BERSIH_FIREFOX`.
//!
//! Test steps count their tests (`tally`); a skip passes only when `tests/e2e/skips.txt` declares
//! it. The summary has one line per step with its time and counts, the declared skips that
//! happened, and a closing `tests: N passed, N failed, N skipped` line.
//!
//! Adding a step is one `steps.run(...)` call in `run_steps`: a closure returning `Outcome::Done`
//! (a check), or `Outcome::Tests(tally)` from `Steps::cargo_tests`, `Steps::node_tests` or
//! `Steps::counted` (any command, with a function that reads its summary into a `Tally`).

use anyhow::{bail, Context, Result};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::prereq::{self, Needs};
use crate::tally::{self, Skip, Tally};
use crate::{lint_firefox, python, release, util};

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
                let Some(name) = args.next() else {
                    crate::usage!("`--browser` needs chromium or firefox");
                };
                let Some(found) = BROWSERS.iter().find(|b| *b == name) else {
                    crate::usage!("unknown browser `{name}` (expected chromium or firefox)");
                };
                browsers = vec![found];
            }
            other => {
                crate::usage!("unknown option `{other}` (expected --no-browser or --browser NAME)")
            }
        }
    }
    Ok(Options { browsers })
}

pub fn run(args: &[String]) -> Result<()> {
    let options = parse(args)?;
    let root = util::workspace_root();
    isolate_shared_target(&root)?;
    let mut steps = Steps::new(&root)?;
    let result = run_steps(&root, &options, &mut steps);
    steps.print_summary();
    result
}

fn run_steps(root: &Path, options: &Options, steps: &mut Steps) -> Result<()> {
    let needs = Needs {
        lints: true,
        node: true,
        chromium: options.browsers.contains(&"chromium"),
        firefox: options.browsers.contains(&"firefox"),
        python: true,
        java: true,
    };
    let mut found = prereq::Found::default();
    steps.run("prerequisites", |_| {
        found = prereq::ensure(root, needs)?;
        Ok(Outcome::Done)
    })?;
    steps.run("cargo fmt --check", |s| {
        s.cargo(&["fmt", "--all", "--", "--check"])
    })?;
    steps.run("cargo clippy -D warnings", |s| {
        s.cargo(&[
            "clippy",
            "--quiet",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])
    })?;
    steps.run("Rust tests (cargo test --workspace)", |s| {
        s.cargo_tests(&["test", "--quiet", "--workspace"])
    })?;
    steps.run(
        &format!("cargo fuzz ({} s per target)", crate::fuzz::CI_SECONDS),
        |_| {
            crate::fuzz::fuzz(root, &crate::fuzz::TARGETS, crate::fuzz::CI_SECONDS)
                .map(|()| Outcome::Done)
        },
    )?;
    let unit_tests = js_unit_tests(&root.join("tests"))?;
    steps.run("JS unit tests (node --test)", |s| {
        s.node_tests(&unit_tests, "unit", &[])
    })?;
    steps.run(
        "build, twice: the zips must be the same bytes, within their size budget",
        |_| {
            let zips = release::build_twice()?;
            within_budget(&zips)?;
            Ok(Outcome::Done)
        },
    )?;
    let mut wheel = PathBuf::new();
    steps.run("Python wheel (cargo xtask wheel)", |_| {
        wheel = python::build_wheel(root)?;
        Ok(Outcome::Done)
    })?;
    let cli = python::cli_binary(root)?;
    steps.run("Python tests (the wheel in a fresh venv)", |s| {
        let mut pytest = python::wheel_tests(root, &wheel, &cli)?;
        s.counted(&mut pytest, "pytest python/tests", tally::pytest)
    })?;
    steps.run("Spark job and datasets.map (local)", |s| {
        let mut pytest = python::spark_tests(root, &wheel, &cli)?;
        s.counted(&mut pytest, "pytest python/spark", tally::pytest)
    })?;
    if options.browsers.is_empty() {
        return Ok(());
    }
    steps.run("web-ext lint dist/firefox", |_| {
        lint_firefox::lint(root).map(|()| Outcome::Done)
    })?;
    let tests = browser_tests(&root.join("tests/e2e"))?;
    for browser in &options.browsers {
        let executable = match *browser {
            "chromium" => ("BERSIH_CHROMIUM", found.chromium.clone()),
            _ => ("BERSIH_FIREFOX", found.firefox.clone()),
        };
        let mut env: Vec<(&str, OsString)> = vec![
            ("BERSIH_BROWSER", browser.into()),
            ("BERSIH_DIST", root.join("dist").into()),
        ];
        if let (name, Some(path)) = executable {
            env.push((name, path.into()));
        }
        steps.run(&format!("browser tests ({browser})"), |s| {
            s.node_tests(&tests, browser, &env)
        })?;
    }
    Ok(())
}

/// The most bytes a store zip may have (issue 10): readers download it on slow mobile connections,
/// and a build that outgrows it should be a decision, not a drift. The zips were 149.5 KB on
/// 2026-12-04.
const ZIP_BUDGET: usize = 150_000;

/// Fails, naming each zip and its size, when a store zip is over [`ZIP_BUDGET`].
fn within_budget(zips: &[(&str, Vec<u8>)]) -> Result<()> {
    let over: Vec<String> = zips
        .iter()
        .filter(|(_, bytes)| bytes.len() > ZIP_BUDGET)
        .map(|(browser, bytes)| format!("{browser} zip {} bytes", bytes.len()))
        .collect();
    if !over.is_empty() {
        bail!(
            "over the store zip's budget of {ZIP_BUDGET} bytes: {} (`cargo xtask bench wasm-size` lists what is in them)",
            over.join(", ")
        );
    }
    Ok(())
}

/// What a step did.
pub(crate) enum Outcome {
    /// A check without test counts (formatting, lint, build).
    Done,
    /// Tests, counted; any failed test fails the step.
    Tests(Tally),
}

/// The run's steps so far, and what every step needs to run tests.
struct Steps {
    root: PathBuf,
    declared: Vec<Skip>,
    done: Vec<Record>,
}

struct Record {
    name: String,
    took: Duration,
    failed: bool,
    tally: Option<Tally>,
}

impl Steps {
    fn new(root: &Path) -> Result<Steps> {
        Ok(Steps {
            root: root.to_path_buf(),
            declared: tally::declared_skips(root)?,
            done: Vec::new(),
        })
    }

    /// Runs one step: announces it, times it, records its outcome; an error (or a failed test)
    /// ends the run.
    fn run(&mut self, name: &str, action: impl FnOnce(&Steps) -> Result<Outcome>) -> Result<()> {
        eprintln!("\n==> {name}");
        let started = Instant::now();
        let mut result = action(self);
        let tally = match &result {
            Ok(Outcome::Tests(tally)) => Some(tally.clone()),
            _ => None,
        };
        if let Some(failed) = tally.as_ref().map(|t| t.failed).filter(|n| *n > 0) {
            result = Err(anyhow::anyhow!("{failed} test(s) failed"));
        }
        self.done.push(Record {
            name: name.to_string(),
            took: started.elapsed(),
            failed: result.is_err(),
            tally,
        });
        result
            .map(|_| ())
            .with_context(|| format!("step `{name}` failed"))
    }

    /// A cargo command that must succeed.
    fn cargo(&self, args: &[&str]) -> Result<Outcome> {
        util::run(
            util::cargo().args(args).current_dir(&self.root),
            &format!("cargo {}", args.join(" ")),
        )?;
        Ok(Outcome::Done)
    }

    /// A cargo command that runs libtest tests, counted from its summary lines.
    fn cargo_tests(&self, args: &[&str]) -> Result<Outcome> {
        let what = format!("cargo {}", args.join(" "));
        let mut command = util::cargo();
        command.args(args).current_dir(&self.root);
        self.counted(&mut command, &what, tally::cargo_tests)
    }

    /// Any test command whose stdout `count` can read into a `Tally` (`tally::cargo_tests`):
    /// shown as it runs, counted, failed when it fails without a failed test to show for it.
    fn counted(
        &self,
        command: &mut Command,
        what: &str,
        count: fn(&str) -> Result<Tally>,
    ) -> Result<Outcome> {
        let (status, output) = util::run_tee(command, what)?;
        let tally = count(&output)?;
        if !status.success() && tally.failed == 0 {
            bail!("{what} failed ({status})");
        }
        Ok(Outcome::Tests(tally))
    }

    /// `node --test` over `files` with `env`, counted by `tests/count-reporter.mjs`; skips are
    /// held to the declared list for `browser` (`unit` for tests without a browser).
    fn node_tests(
        &self,
        files: &[PathBuf],
        browser: &str,
        env: &[(&str, OsString)],
    ) -> Result<Outcome> {
        if files.is_empty() {
            bail!("no test files found");
        }
        let report = std::env::temp_dir().join(format!(
            "bersih-test-{browser}-{}.jsonl",
            std::process::id()
        ));
        let mut command = Command::new("node");
        command
            .arg("--test")
            .args(["--test-reporter=spec", "--test-reporter-destination=stdout"])
            .arg(format!(
                "--test-reporter={}",
                self.root.join("tests/count-reporter.mjs").display()
            ))
            .arg(format!("--test-reporter-destination={}", report.display()))
            .args(files)
            .envs(env.iter().map(|(k, v)| (k, v)))
            .current_dir(&self.root);
        let what = format!("node --test ({browser})");
        let status = command
            .status()
            .with_context(|| format!("{what}: could not start node"))?;
        let counted = std::fs::read_to_string(&report).unwrap_or_default();
        let _ = std::fs::remove_file(&report);
        let tally = tally::node_tests(&counted, browser, &self.declared)?;
        if !status.success() && tally.failed == 0 {
            bail!("{what} failed ({status})");
        }
        Ok(Outcome::Tests(tally))
    }

    fn print_summary(&self) {
        println!("\n── summary ──");
        for record in &self.done {
            let counts = record.tally.as_ref().map_or(String::new(), |t| {
                let mut text = format!("{} passed", t.passed);
                if t.failed > 0 {
                    text += &format!(", {} failed", t.failed);
                }
                if !t.skipped.is_empty() {
                    text += &format!(", {} skipped", t.skipped.len());
                }
                text
            });
            println!(
                "{:>7}  {:<48} {:>6.1}s  {counts}",
                if record.failed { "FAILED" } else { "ok" },
                record.name,
                record.took.as_secs_f32()
            );
        }
        let skips: Vec<(&str, &(String, String))> = self
            .done
            .iter()
            .filter_map(|r| r.tally.as_ref().map(|t| (r.name.as_str(), t)))
            .flat_map(|(step, t)| t.skipped.iter().map(move |s| (step, s)))
            .collect();
        if !skips.is_empty() {
            println!("skipped, as declared in {}:", tally::SKIPS_FILE);
            for (step, (test, reason)) in &skips {
                println!("  {step}: `{test}`: {reason}");
            }
        }
        let failed_steps = self.done.iter().filter(|r| r.failed).count();
        println!(
            "steps: {} passed, {failed_steps} failed",
            self.done.len() - failed_steps
        );
        let tallies = self.done.iter().filter_map(|r| r.tally.as_ref());
        let (passed, failed) = tallies.fold((0, 0), |(p, f), t| (p + t.passed, f + t.failed));
        println!(
            "tests: {passed} passed, {failed} failed, {} skipped",
            skips.len()
        );
    }
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
    fn a_zip_over_its_budget_fails_the_build_step() {
        let zip = |len: usize| vec![0u8; len];
        assert!(within_budget(&[("chrome", zip(ZIP_BUDGET)), ("firefox", zip(1))]).is_ok());
        let error = within_budget(&[("chrome", zip(1)), ("firefox", zip(ZIP_BUDGET + 1))])
            .unwrap_err()
            .to_string();
        assert!(error.contains("firefox zip 150001 bytes"), "{error}");
        assert!(!error.contains("chrome"), "{error}");
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
            let error = parse(&args(bad)).unwrap_err();
            assert!(error.is::<util::UsageError>(), "{bad:?}: {error}");
        }
    }

    #[test]
    fn a_step_with_a_failed_test_fails_and_keeps_its_counts() {
        let mut steps = Steps {
            root: PathBuf::from("."),
            declared: Vec::new(),
            done: Vec::new(),
        };
        steps.run("checks", |_| Ok(Outcome::Done)).unwrap();
        let tally = Tally {
            passed: 3,
            failed: 1,
            skipped: vec![],
        };
        let error = steps
            .run("tests", |_| Ok(Outcome::Tests(tally.clone())))
            .unwrap_err();
        assert!(format!("{error:#}").contains("1 test(s) failed"));
        assert!(!steps.done[0].failed && steps.done[1].failed);
        assert_eq!(steps.done[1].tally, Some(tally));
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
