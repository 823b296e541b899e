//! `cargo xtask demo`: Bersih working, from a clean clone, with one command.
//!
//! Checks its prerequisites first (`prereq`: the Wasm target, Chromium, and Node.js with the npm
//! packages for the headless run), installing what it may. Then builds everything, serves `dist/www` (the playground and the sample Blogger pages) on
//! 127.0.0.1, then:
//! - with no display (no `$DISPLAY` / `$WAYLAND_DISPLAY`) or with `--headless`: runs the real
//!   extension in headless Chromium on a sample page (`tests/e2e/demo.mjs`) and prints what a
//!   reader sees before and after, and the extension's report; exits with its status, unless
//!   `--serve` asks it to keep serving the playground until Ctrl-C (it prints the address only
//!   then: an address that is gone when the command returns helps nobody);
//! - with a display: opens Chromium with the extension loaded on the sample page and the
//!   playground, and keeps serving until Ctrl-C.
//!
//! The content script runs only on Blogger hosts, so Chromium resolves `demo.blogspot.com` to
//! 127.0.0.1 (`--host-resolver-rules`) and the page is opened as `http://demo.blogspot.com:PORT/`;
//! nothing goes to the network. Chromium, not Google Chrome: branded Chrome ignores
//! `--load-extension` since version 137.

mod serve;
mod shrink;

use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::prereq::{self, Needs};
use crate::{build, util};

const DEFAULT_PORT: u16 = 8737;
/// The Blogger host the sample page is opened under (mapped to 127.0.0.1 inside Chromium).
const DEMO_HOST: &str = "demo.blogspot.com";
const DEFAULT_SAMPLE: &str = "cabai";

const USAGE: &str = "\
usage: cargo xtask demo [--port N] [--headless] [--serve] [--sample NAME] [--screenshot DIR]
  --port N          serve on 127.0.0.1:N (default 8737)
  --headless        print the result in the terminal even when a display is available
  --serve           headless: keep serving the playground on 127.0.0.1 after the report, until Ctrl-C
  --sample NAME     cabai (default), jembatan or banjir: a page under www/samples/
  --screenshot DIR  also save DIR/before.png and DIR/after.png of the post (implies --headless)";

#[derive(Debug, PartialEq)]
struct Options {
    port: u16,
    headless: bool,
    serve: bool,
    sample: String,
    screenshot: Option<PathBuf>,
}

fn parse(args: &[String]) -> Result<Options> {
    let mut options = Options {
        port: DEFAULT_PORT,
        headless: false,
        serve: false,
        sample: DEFAULT_SAMPLE.into(),
        screenshot: None,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| util::UsageError(format!("`{name}` needs a value\n{USAGE}")))
        };
        match arg.as_str() {
            "--port" => {
                let port = value("--port")?;
                let Some(number) = port.parse().ok().filter(|p| *p != 0) else {
                    crate::usage!("`--port {port}`: expected a port number from 1 to 65535");
                };
                options.port = number;
            }
            "--headless" => options.headless = true,
            "--serve" => options.serve = true,
            "--sample" => {
                let name = value("--sample")?;
                if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                    crate::usage!(
                        "`--sample {name}`: expected the name of a page in www/samples/, like cabai"
                    );
                }
                options.sample = name.clone();
            }
            "--screenshot" => options.screenshot = Some(value("--screenshot")?.into()),
            other => crate::usage!("unknown option `{other}`\n{USAGE}"),
        }
    }
    Ok(options)
}

pub fn run(args: &[String]) -> Result<()> {
    if args.iter().any(|a| a == "--help" || a == "-h") {
        // Not println!: `cargo xtask demo --help | head` must not panic on a closed pipe.
        let _ = writeln!(std::io::stdout(), "{USAGE}");
        return Ok(());
    }
    let options = parse(args)?;
    let root = util::workspace_root();
    // Take the port first: a clash is reported at once, not after the build.
    let listener = serve::bind(options.port)?;
    let headless = options.headless || options.screenshot.is_some() || !has_display();
    if headless && !options.headless && options.screenshot.is_none() {
        eprintln!("no display ($DISPLAY and $WAYLAND_DISPLAY are unset): the demo runs headless");
    }
    // Check the sample and the tools before the build, so a mistake costs no waiting.
    let page = format!("samples/{}.html", options.sample);
    if !root.join("www").join(&page).is_file() {
        bail!(
            "no sample page `{}` in www/samples/ (try cabai, jembatan or banjir)",
            options.sample
        );
    }
    eprintln!("==> prerequisites");
    let needs = Needs {
        node: headless,
        chromium: true,
        ..Needs::default()
    };
    let chromium = prereq::ensure(&root, needs)?
        .chromium
        .context("Chromium was checked for")?;

    build::build().context("building the extension and the playground")?;
    let www = root.join("dist/www");
    serve::spawn(listener, www);
    let port = options.port;
    let sample_url = format!("http://{DEMO_HOST}:{port}/{page}");

    if !headless {
        return run_with_display(&root, &chromium, &sample_url, port);
    }
    run_headless(&root, &chromium, &sample_url, options.screenshot.as_deref())?;
    if options.serve {
        println!("\nserving the playground on http://127.0.0.1:{port}/ until Ctrl-C");
        wait_for_ctrl_c()?;
    } else {
        println!(
            "\nthe playground is in dist/www; `cargo xtask demo --headless --serve` keeps serving it \
             on port {port} after the report, until Ctrl-C (over SSH, forward that port)"
        );
    }
    Ok(())
}

/// Blocks until Ctrl-C.
fn wait_for_ctrl_c() -> Result<()> {
    let (stop, stopped) = mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = stop.send(());
    })
    .context("installing the Ctrl-C handler")?;
    let _ = stopped.recv();
    println!("stopped");
    Ok(())
}

/// The extension in headless Chromium on the sample page, reported on the terminal.
fn run_headless(root: &Path, chromium: &Path, url: &str, screenshot: Option<&Path>) -> Result<()> {
    eprintln!(
        "==> the extension in headless Chromium ({})",
        chromium.display()
    );
    let mut command = Command::new("node");
    command
        .arg(root.join("tests/e2e/demo.mjs"))
        .args(["--url", url, "--map-host", DEMO_HOST])
        .env("BERSIH_DIST", root.join("dist"))
        .env("BERSIH_CHROMIUM", chromium)
        .current_dir(root);
    if let Some(dir) = screenshot {
        command.arg("--screenshot").arg(root.join(dir));
    }
    util::run(&mut command, "the headless demo (tests/e2e/demo.mjs)")?;
    if let Some(dir) = screenshot {
        for name in ["before.png", "after.png"] {
            let path = root.join(dir).join(name);
            let (before, after) = shrink::shrink_png(&path)?;
            println!(
                "{}: {before} -> {after} bytes (palette PNG)",
                path.display()
            );
        }
    }
    Ok(())
}

/// Chromium with the extension loaded, on the sample page and the playground, until Ctrl-C.
fn run_with_display(root: &Path, chromium: &Path, url: &str, port: u16) -> Result<()> {
    let profile = std::env::temp_dir().join(format!("bersih-demo-{}", std::process::id()));
    std::fs::create_dir_all(&profile)
        .with_context(|| format!("creating the browser profile {}", profile.display()))?;
    // Chromium talks a lot on stderr; keep it in the profile and show it only if it fails.
    let log_path = profile.join("chromium.log");
    let log = std::fs::File::create(&log_path)
        .with_context(|| format!("creating {}", log_path.display()))?;
    let extension = root.join("dist/chrome");
    let mut child = Command::new(chromium)
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--load-extension={}", extension.display()))
        .arg(format!(
            "--disable-extensions-except={}",
            extension.display()
        ))
        .arg(format!("--host-resolver-rules=MAP {DEMO_HOST} 127.0.0.1"))
        .args([
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-features=Translate",
        ])
        .args(prereq::is_root().then_some("--no-sandbox"))
        .arg(url)
        .arg(format!("http://127.0.0.1:{port}/"))
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .with_context(|| format!("starting {}", chromium.display()))?;
    println!("serving dist/www on http://127.0.0.1:{port}/ (the playground)");
    println!("opened Chromium with the extension on {url}");
    println!(
        "(the host {DEMO_HOST} is mapped to 127.0.0.1 inside that browser only: that is the \
         --host-resolver-rules flag Chromium warns about)"
    );
    println!("serving until Ctrl-C");

    let (stop, stopped) = mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = stop.send(());
    })
    .context("installing the Ctrl-C handler")?;
    let started = Instant::now();
    let mut announced = false;
    while stopped.recv_timeout(Duration::from_millis(500)).is_err() {
        let Some(status) = child.try_wait().ok().flatten().filter(|_| !announced) else {
            continue;
        };
        announced = true;
        if !status.success() && started.elapsed() < Duration::from_secs(10) {
            let log = std::fs::read_to_string(&log_path).unwrap_or_default();
            let tail: Vec<&str> = log.lines().rev().take(5).collect();
            eprintln!("Chromium exited at once ({status}); its last words:");
            for line in tail.iter().rev() {
                eprintln!("  {line}");
            }
            eprintln!(
                "no usable display? `cargo xtask demo --headless` shows the demo in the terminal"
            );
        }
        println!("Chromium closed; still serving http://127.0.0.1:{port}/ until Ctrl-C");
    }
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&profile);
    println!("stopped");
    Ok(())
}

/// Whether a graphical session is there to show a browser window in.
fn has_display() -> bool {
    if cfg!(any(target_os = "macos", target_os = "windows")) {
        return true;
    }
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn options_have_defaults_and_take_values() {
        let plain = parse(&[]).unwrap();
        assert_eq!(plain.port, DEFAULT_PORT);
        assert!(!plain.headless && plain.screenshot.is_none());
        assert_eq!(plain.sample, DEFAULT_SAMPLE);
        let full = parse(&args(&[
            "--port",
            "9000",
            "--headless",
            "--sample",
            "banjir",
            "--screenshot",
            "docs/img",
        ]))
        .unwrap();
        assert_eq!(
            full,
            Options {
                port: 9000,
                headless: true,
                serve: false,
                sample: "banjir".into(),
                screenshot: Some("docs/img".into()),
            }
        );
    }

    #[test]
    fn bad_options_are_refused_with_the_reason() {
        assert!(parse(&args(&["--headless", "--serve"])).unwrap().serve);
        for (bad, says) in [
            (&["--port"][..], "needs a value"),
            (&["--port", "0"], "from 1 to 65535"),
            (&["--port", "70000"], "from 1 to 65535"),
            (&["--port", "http"], "from 1 to 65535"),
            (&["--fast"], "unknown option `--fast`"),
            (
                &["--sample", "../../etc/passwd"],
                "expected the name of a page",
            ),
        ] {
            let error = parse(&args(bad)).unwrap_err();
            assert!(error.is::<util::UsageError>(), "{bad:?}: {error}");
            assert!(error.to_string().contains(says), "{bad:?}: {error}");
        }
    }
}
