//! `cargo xtask demo`: Bersih working, from a clean clone, with one command.
//!
//! Builds everything, serves `dist/www` (the playground and the sample Blogger pages) on
//! 127.0.0.1, then:
//! - with no display (no `$DISPLAY` / `$WAYLAND_DISPLAY`) or with `--headless`: runs the real
//!   extension in headless Chromium on a sample page (`tests/e2e/demo.mjs`) and prints what a
//!   reader sees before and after, and the extension's report; exits with its status;
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

use crate::{build, test, util};

const DEFAULT_PORT: u16 = 8737;
/// The Blogger host the sample page is opened under (mapped to 127.0.0.1 inside Chromium).
const DEMO_HOST: &str = "demo.blogspot.com";
const DEFAULT_SAMPLE: &str = "cabai";

const USAGE: &str = "\
usage: cargo xtask demo [--port N] [--headless] [--sample NAME] [--screenshot DIR]
  --port N          serve on 127.0.0.1:N (default 8737)
  --headless        print the result in the terminal even when a display is available
  --sample NAME     cabai (default), jembatan or banjir: a page under www/samples/
  --screenshot DIR  also save DIR/before.png and DIR/after.png of the post (implies --headless)";

#[derive(Debug, PartialEq)]
struct Options {
    port: u16,
    headless: bool,
    sample: String,
    screenshot: Option<PathBuf>,
}

fn parse(args: &[String]) -> Result<Options> {
    let mut options = Options {
        port: DEFAULT_PORT,
        headless: false,
        sample: DEFAULT_SAMPLE.into(),
        screenshot: None,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .with_context(|| format!("`{name}` needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--port" => {
                let port = value("--port")?;
                options.port = port.parse().ok().filter(|p| *p != 0).with_context(|| {
                    format!("`--port {port}`: expected a port number from 1 to 65535")
                })?;
            }
            "--headless" => options.headless = true,
            "--sample" => {
                let name = value("--sample")?;
                if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                    bail!("`--sample {name}`: expected the name of a page in www/samples/, like cabai");
                }
                options.sample = name.clone();
            }
            "--screenshot" => options.screenshot = Some(value("--screenshot")?.into()),
            other => bail!("unknown option `{other}`\n{USAGE}"),
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
    // Check the tools and the sample before the build, so a mistake costs no waiting.
    let chromium = find_chromium()?;
    if headless {
        require_node()?;
    }
    let page = format!("samples/{}.html", options.sample);
    if !root.join("www").join(&page).is_file() {
        bail!(
            "no sample page `{}` in www/samples/ (try cabai, jembatan or banjir)",
            options.sample
        );
    }

    build::build().context("building the extension and the playground")?;
    let www = root.join("dist/www");
    serve::spawn(listener, www);
    let port = options.port;
    println!("serving dist/www on http://127.0.0.1:{port}/ (playground)");
    let sample_url = format!("http://{DEMO_HOST}:{port}/{page}");

    if headless {
        run_headless(&root, &chromium, &sample_url, options.screenshot.as_deref())
    } else {
        run_with_display(&root, &chromium, &sample_url, port)
    }
}

/// The extension in headless Chromium on the sample page, reported on the terminal.
fn run_headless(root: &Path, chromium: &Path, url: &str, screenshot: Option<&Path>) -> Result<()> {
    eprintln!(
        "==> npm packages for driving Chromium (npm ci when node_modules is missing or stale)"
    );
    test::npm_ci_if_stale(root)?;
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
        .args(running_as_root().then_some("--no-sandbox"))
        .arg(url)
        .arg(format!("http://127.0.0.1:{port}/"))
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .with_context(|| format!("starting {}", chromium.display()))?;
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

/// Chromium refuses to start as root unless its sandbox is off (containers, fresh VMs).
fn running_as_root() -> bool {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
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

/// Chromium: `$BERSIH_CHROMIUM`, else the usual install locations, else what to install.
fn find_chromium() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os("BERSIH_CHROMIUM") {
        let path = PathBuf::from(path);
        if !path.is_file() {
            bail!("BERSIH_CHROMIUM={} is not a file", path.display());
        }
        return Ok(path);
    }
    let known = [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/snap/bin/chromium",
    ];
    if let Some(found) = known.iter().map(PathBuf::from).find(|p| p.is_file()) {
        return Ok(found);
    }
    bail!(
        "the demo needs Chromium and none was found. Install it (Debian: `sudo apt-get install \
         chromium`; Ubuntu: `sudo snap install chromium`) or point BERSIH_CHROMIUM at its \
         executable. Google Chrome will not do: it ignores --load-extension since version 137."
    )
}

fn require_node() -> Result<()> {
    if !util::on_path("node") || !util::on_path("npm") {
        bail!(
            "the headless demo needs Node.js 20 or newer and npm (Debian/Ubuntu: `sudo apt-get \
             install nodejs npm`); the npm packages it uses are then installed by `npm ci` itself"
        );
    }
    Ok(())
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
                sample: "banjir".into(),
                screenshot: Some("docs/img".into()),
            }
        );
    }

    #[test]
    fn bad_options_are_refused_with_the_reason() {
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
            let error = parse(&args(bad)).unwrap_err().to_string();
            assert!(error.contains(says), "{bad:?}: {error}");
        }
    }
}
