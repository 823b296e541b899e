//! Runs Mozilla's add-on linter (`web-ext lint`, from `node_modules`) over `dist/firefox` and prints
//! its findings one a line. Errors fail the step; warnings and notices are shown, not fatal (the
//! loader's `import()` of its own modules is a warning by design).

use anyhow::{bail, ensure, Context, Result};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

pub fn lint(root: &Path) -> Result<()> {
    let web_ext = root.join("node_modules/.bin/web-ext");
    ensure!(
        web_ext.is_file(),
        "{} is missing: run `npm ci`",
        web_ext.display()
    );
    let output = Command::new(&web_ext)
        .args([
            "lint",
            "--output",
            "json",
            "--no-config-discovery",
            "--source-dir",
        ])
        .arg(root.join("dist/firefox"))
        .current_dir(root)
        .output()
        .context("running web-ext lint")?;
    let report: Value = serde_json::from_slice(&output.stdout).with_context(|| {
        format!(
            "web-ext lint printed no JSON report ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        )
    })?;
    let errors = print_findings(&report)?;
    if errors > 0 || !output.status.success() {
        bail!("web-ext lint found {errors} error(s) in dist/firefox");
    }
    Ok(())
}

/// Prints every finding as `kind CODE file:line message` and returns the number of errors.
fn print_findings(report: &Value) -> Result<usize> {
    let mut errors = 0;
    for kind in ["errors", "warnings", "notices"] {
        let findings = report[kind]
            .as_array()
            .with_context(|| format!("web-ext lint report has no `{kind}` list"))?;
        if kind == "errors" {
            errors = findings.len();
        }
        for finding in findings {
            let text = |key: &str| finding[key].as_str().unwrap_or("").to_string();
            let line = finding["line"]
                .as_u64()
                .map(|l| format!(":{l}"))
                .unwrap_or_default();
            println!(
                "{:<8} {} {}{} {}",
                kind.trim_end_matches('s'),
                text("code"),
                text("file"),
                line,
                text("message")
            );
        }
    }
    println!(
        "web-ext lint: {} errors, {} warnings, {} notices",
        errors,
        report["summary"]["warnings"].as_u64().unwrap_or(0),
        report["summary"]["notices"].as_u64().unwrap_or(0)
    );
    Ok(errors)
}

#[cfg(test)]
mod tests {
    #[test]
    fn errors_are_counted_and_a_malformed_report_is_refused() {
        let report = serde_json::json!({
            "summary": {"errors": 1, "warnings": 1, "notices": 0},
            "errors": [{"code": "MANIFEST_FIELD_INVALID", "file": "manifest.json", "message": "bad"}],
            "warnings": [{"code": "W", "file": "a.js", "line": 3, "message": "careful"}],
            "notices": []
        });
        assert_eq!(super::print_findings(&report).unwrap(), 1);
        assert!(super::print_findings(&serde_json::json!({"errors": []})).is_err());
    }
}
