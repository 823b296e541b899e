//! Counting what a test step ran, and holding skips to the one list that allows them.
//!
//! Rust tests are counted from libtest's `test result:` lines. JavaScript tests (`node --test`) run
//! with `tests/count-reporter.mjs` beside node's own output; it writes one JSON line per finished
//! test, read here. A skipped test passes nothing, so a skip is only accepted when
//! `tests/e2e/skips.txt` declares it for that browser with its reason (the harness reads the same
//! file to skip it); any other skip, a `todo` test, an `#[ignore]`d Rust test, a declared skip that
//! did not happen, or a step that ran no test at all fails the step.

use anyhow::{bail, Context, Result};
use std::path::Path;

/// The declared skips, relative to the workspace root.
pub const SKIPS_FILE: &str = "tests/e2e/skips.txt";

/// What one test step ran.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Tally {
    pub passed: usize,
    pub failed: usize,
    /// Skipped tests that were declared, as `(test name, reason)`.
    pub skipped: Vec<(String, String)>,
}

/// One declared skip: in `browser`, the test named `test` is skipped because of `reason`.
#[derive(Debug, Clone, PartialEq)]
pub struct Skip {
    pub browser: String,
    pub test: String,
    pub reason: String,
}

/// Reads `tests/e2e/skips.txt`: `browser | test name | reason` a line, `#` comments.
pub fn declared_skips(root: &Path) -> Result<Vec<Skip>> {
    let path = root.join(SKIPS_FILE);
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    parse_skips(&text).with_context(|| format!("in {SKIPS_FILE}"))
}

fn parse_skips(text: &str) -> Result<Vec<Skip>> {
    let mut skips = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.splitn(3, '|').map(str::trim).collect();
        let [browser, test, reason] = fields[..] else {
            bail!(
                "line {}: expected `browser | test name | reason`, got `{line}`",
                number + 1
            );
        };
        if [browser, test, reason].iter().any(|f| f.is_empty()) {
            bail!("line {}: an empty field in `{line}`", number + 1);
        }
        skips.push(Skip {
            browser: browser.into(),
            test: test.into(),
            reason: reason.into(),
        });
    }
    Ok(skips)
}

/// Adds up libtest's summary lines (`test result: ok. 12 passed; 0 failed; 1 ignored; ...`) in
/// `output`. An ignored test is a failure: it would pass the step without running.
pub fn cargo_tests(output: &str) -> Result<Tally> {
    let mut tally = Tally::default();
    let mut ignored = 0;
    for line in output.lines() {
        let Some(rest) = line.trim().strip_prefix("test result: ") else {
            continue;
        };
        for (number, kind) in rest.split([';', '.']).filter_map(count) {
            match kind {
                "passed" => tally.passed += number,
                "failed" => tally.failed += number,
                "ignored" => ignored += number,
                _ => {}
            }
        }
    }
    if ignored > 0 {
        bail!(
            "{ignored} Rust test(s) are #[ignore]d (or doc examples marked `ignore`): a test \
             that does not run cannot pass; run it, or make the example `text`"
        );
    }
    Ok(tally)
}

/// One `N kind` part of a summary line (`3 passed`), or `None` for anything else.
fn count(part: &str) -> Option<(usize, &str)> {
    let mut words = part.split_whitespace();
    let number = words.next()?.parse().ok()?;
    Some((number, words.next()?))
}

/// Reads pytest's closing summary (`3 passed, 1 failed in 2.1s`, with or without `=` rules
/// around it) in `output`. Errors count as failures; a skipped, xfailed or deselected test is
/// refused like an ignored Rust test: a test that does not run cannot pass.
pub fn pytest(output: &str) -> Result<Tally> {
    let summary = output
        .lines()
        .rev()
        .map(|l| l.trim().trim_matches('=').trim())
        .find(|l| {
            l.contains(" in ")
                && (l.contains("passed") || l.contains("failed") || l.contains("error"))
        })
        .with_context(|| "no pytest summary line (`N passed in Xs`) in its output")?;
    let counts = summary
        .rsplit_once(" in ")
        .map_or(summary, |(counts, _)| counts);
    let mut tally = Tally::default();
    let mut not_run = Vec::new();
    for (number, kind) in counts.split(',').filter_map(count) {
        match kind {
            "passed" => tally.passed += number,
            "failed" | "error" | "errors" => tally.failed += number,
            other => not_run.push(format!("{number} {other}")),
        }
    }
    if !not_run.is_empty() {
        bail!(
            "pytest did not run every test ({}): a test that does not run cannot pass",
            not_run.join(", ")
        );
    }
    Ok(tally)
}

/// Reads the count reporter's JSON lines for a run in `browser` (`unit` for the JS unit tests) and
/// holds its skips to `declared`.
pub fn node_tests(report: &str, browser: &str, declared: &[Skip]) -> Result<Tally> {
    let mut tally = Tally::default();
    let mut problems = Vec::new();
    for line in report.lines().filter(|l| !l.trim().is_empty()) {
        let event: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("reading the test reporter's line `{line}`"))?;
        let name = event["name"].as_str().unwrap_or("?").to_string();
        let flag = |key: &str| match &event[key] {
            serde_json::Value::String(reason) => Some(reason.clone()),
            serde_json::Value::Bool(true) => Some(String::new()),
            _ => None,
        };
        if let Some(reason) = flag("todo") {
            problems.push(format!(
                "`{name}` is marked todo ({reason}): fix it or let it fail"
            ));
        } else if let Some(reason) = flag("skip") {
            match declared
                .iter()
                .find(|s| s.browser == browser && s.test == name)
            {
                Some(skip) => tally.skipped.push((name, skip.reason.clone())),
                None => problems.push(format!(
                    "`{name}` was skipped ({reason}) but {SKIPS_FILE} does not declare it for \
                     {browser}: make it run, or declare it with the reason"
                )),
            }
        } else if event["passed"] == true {
            tally.passed += 1;
        } else {
            tally.failed += 1;
        }
    }
    for skip in declared.iter().filter(|s| s.browser == browser) {
        if !tally.skipped.iter().any(|(name, _)| *name == skip.test) {
            problems.push(format!(
                "{SKIPS_FILE} declares `{}` skipped in {browser}, but it was not: remove the line",
                skip.test
            ));
        }
    }
    if tally.passed + tally.failed + tally.skipped.len() == 0 {
        problems.push("no test ran".into());
    }
    if !problems.is_empty() {
        bail!("{}", problems.join("\n"));
    }
    Ok(tally)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo_skip() -> Vec<Skip> {
        parse_skips("# comment\n\nfirefox | the demo | it runs Chromium\n").unwrap()
    }

    #[test]
    fn skips_are_parsed_with_their_reason() {
        assert_eq!(
            demo_skip(),
            [Skip {
                browser: "firefox".into(),
                test: "the demo".into(),
                reason: "it runs Chromium".into(),
            }]
        );
        assert!(parse_skips("firefox | no reason\n").is_err());
        assert!(parse_skips("firefox |  | why\n").is_err());
    }

    #[test]
    fn libtest_summaries_are_added_up_and_ignored_tests_refused() {
        let output = "running 3 tests\n...\ntest result: ok. 3 passed; 0 failed; 0 ignored; \
                      0 measured; 0 filtered out; finished in 0.01s\n\
                      test result: FAILED. 10 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out\n";
        assert_eq!(
            cargo_tests(output).unwrap(),
            Tally {
                passed: 13,
                failed: 2,
                skipped: vec![]
            }
        );
        let ignored =
            "test result: ok. 1 passed; 0 failed; 2 ignored; 0 measured; 0 filtered out\n";
        assert!(cargo_tests(ignored)
            .unwrap_err()
            .to_string()
            .contains("2 Rust test(s) are #[ignore]d"));
    }

    fn line(name: &str, passed: bool, extra: &str) -> String {
        format!("{{\"name\":\"{name}\",\"passed\":{passed}{extra}}}\n")
    }

    #[test]
    fn node_runs_count_and_hold_skips_to_the_list() {
        let report = [
            line("a", true, ""),
            line("b", false, ""),
            line("the demo", true, ",\"skip\":\"it runs Chromium\""),
        ]
        .concat();
        let tally = node_tests(&report, "firefox", &demo_skip()).unwrap();
        assert_eq!((tally.passed, tally.failed), (1, 1));
        assert_eq!(
            tally.skipped,
            [("the demo".to_string(), "it runs Chromium".to_string())]
        );
        // The same skip in another browser is not declared there.
        let error = node_tests(&report, "chromium", &demo_skip()).unwrap_err();
        assert!(error
            .to_string()
            .contains("does not declare it for chromium"));
        // A declared skip that did not happen is stale.
        let error = node_tests(&line("the demo", true, ""), "firefox", &demo_skip()).unwrap_err();
        assert!(error.to_string().contains("remove the line"), "{error}");
        // A skip without a reason and a todo fail too.
        let bare = [
            line("a", true, ",\"skip\":true"),
            line("b", false, ",\"todo\":\"later\""),
        ]
        .concat();
        let error = node_tests(&bare, "unit", &[]).unwrap_err().to_string();
        assert!(
            error.contains("`a` was skipped") && error.contains("`b` is marked todo"),
            "{error}"
        );
        assert!(node_tests("", "unit", &[])
            .unwrap_err()
            .to_string()
            .contains("no test ran"));
    }

    #[test]
    fn pytest_summaries_are_counted_and_skips_refused() {
        let t = pytest("....\n8 passed in 2.31s\n").unwrap();
        assert_eq!((t.passed, t.failed), (8, 0));
        let t = pytest("F.\n==== 1 failed, 7 passed, 1 error in 3.20s ====\n").unwrap();
        assert_eq!((t.passed, t.failed), (7, 2));
        let err = pytest("s.\n1 passed, 1 skipped in 0.1s\n").unwrap_err();
        assert!(err.to_string().contains("1 skipped"), "{err}");
        assert!(pytest("no tests ran in 0.01s\n").is_err());
    }

    #[test]
    fn the_committed_skip_list_parses() {
        let skips = declared_skips(&crate::util::workspace_root()).unwrap();
        assert!(skips
            .iter()
            .all(|s| ["chromium", "firefox"].contains(&s.browser.as_str())));
    }
}
