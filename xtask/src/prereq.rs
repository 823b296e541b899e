//! What `cargo xtask test` and `cargo xtask demo` need from the machine, checked before any work
//! starts, so a missing browser costs seconds, not a build and a failed test run.
//!
//! Each check prints one line (`ok` or `missing`, and where it looked). What is missing is then
//! installed where this process may do it: rustup targets and components always, Debian/Ubuntu
//! packages when running as root on such a system (`apt-get update`, then `apt-get install` of the
//! packages the system's lists offer), `npm ci` for the project's npm packages. Everything else
//! (and everything, with `BERSIH_NO_INSTALL=1`) stops the command at once with the exact commands
//! to run by hand. A package the lists do not offer (Ubuntu has no `firefox-esr`, Debian 12's own
//! `nodejs` is 18) is said with the way to get it instead.
//!
//! Browsers are found through `BERSIH_CHROMIUM` / `BERSIH_FIREFOX` or their Debian paths; the paths
//! found are handed to the browser tests in those same variables.

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util;

/// Node's oldest major version the tests and the demo support (`package.json` `engines`).
pub const NODE_MIN_MAJOR: u32 = 20;
/// The Firefox interface language the UI tests switch to (besides English, which is built in).
const FIREFOX_LANGPACK: &str = "id";

/// What a command needs besides the Rust target for the Wasm core, which every command needs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Needs {
    /// clippy and rustfmt (`cargo xtask test`).
    pub lints: bool,
    /// Node.js 20+, npm and the project's npm packages (the tests, the headless demo).
    pub node: bool,
    pub chromium: bool,
    /// Firefox ESR and its Indonesian language pack.
    pub firefox: bool,
    /// Python 3 with `venv` (the wheel's tests and the Spark job run in venvs of their own).
    pub python: bool,
    /// Java 17+ for PySpark's local mode (the Spark test).
    pub java: bool,
}

/// The oldest Java that PySpark 4 runs on.
const JAVA_MIN_MAJOR: u32 = 17;

/// The browsers found (when needed), to hand on to the tests.
#[derive(Debug, Default)]
pub struct Found {
    pub chromium: Option<PathBuf>,
    pub firefox: Option<PathBuf>,
}

/// How something missing can be had.
#[derive(Debug, Clone, PartialEq)]
enum Fix {
    /// `rustup` with these arguments (a user-level change, no root needed).
    Rustup(&'static [&'static str]),
    /// Debian/Ubuntu packages; `min_major` when the package's version matters (nodejs); `otherwise`
    /// is what to do where the system's package lists do not offer it.
    Apt {
        packages: &'static [&'static str],
        min_major: Option<u32>,
        otherwise: &'static str,
    },
    /// Nothing this process can do; the text says what to do by hand.
    Manual(String),
}

#[derive(Debug, Clone)]
struct Missing {
    what: String,
    fix: Fix,
}

/// Checks everything `needs` names, installs what it may, and fails with the commands to run for
/// whatever is still missing. Ends with `npm ci` when `node_modules` is missing or stale.
pub fn ensure(root: &Path, needs: Needs) -> Result<Found> {
    eprintln!("checking what this needs (with BERSIH_NO_INSTALL=1 it only says what is missing)");
    let (mut found, missing) = check(root, needs);
    if !missing.is_empty() {
        let may_install = std::env::var_os("BERSIH_NO_INSTALL").is_none_or(|v| v.is_empty());
        let leftover = if may_install {
            install(missing)?
        } else {
            offered_by_apt(missing)
        };
        if !leftover.is_empty() {
            bail!("{}", instructions(&leftover, is_root()));
        }
        eprintln!("==> checking again after installing");
        let (again, still) = check(root, needs);
        if !still.is_empty() {
            let what: Vec<String> = still.iter().map(|m| format!("  {}", m.what)).collect();
            bail!(
                "still missing after installing (not on PATH, or not where it was looked for?):\n{}",
                what.join("\n")
            );
        }
        found = again;
    }
    if needs.node {
        npm_ci_if_stale(root)?;
    }
    Ok(found)
}

/// Runs every check, printing one line each; returns what was found and what is missing.
fn check(root: &Path, needs: Needs) -> (Found, Vec<Missing>) {
    let mut missing = Vec::new();
    let mut report = |what: &str, result: Result<String, Missing>| match result {
        Ok(detail) => eprintln!("  ok       {what}: {detail}"),
        Err(miss) => {
            eprintln!("  missing  {what}: {}", miss.what);
            missing.push(miss);
        }
    };
    report("Rust target wasm32-unknown-unknown", wasm_target(root));
    if needs.lints {
        for (component, cargo_command) in [("clippy", "clippy"), ("rustfmt", "fmt")] {
            report(
                &format!("Rust component {component}"),
                rust_component(root, component, cargo_command),
            );
        }
    }
    if needs.node {
        let node = node_version(command_output("node", &["--version"]).as_deref());
        // npm comes with Node.js from NodeSource, nvm or nodejs.org: asked for only beside a good node.
        let node_ok = node.is_ok();
        report(&format!("Node.js {NODE_MIN_MAJOR}+"), node);
        if node_ok {
            report("npm", npm());
        }
    }
    let mut found = Found::default();
    if needs.chromium {
        let chromium = find_browser(
            "BERSIH_CHROMIUM",
            &[
                "/usr/bin/chromium",
                "/usr/bin/chromium-browser",
                "/snap/bin/chromium",
            ],
        );
        report("Chromium", chromium_fix(&chromium));
        found.chromium = chromium.ok();
    }
    if needs.firefox {
        let firefox = find_browser("BERSIH_FIREFOX", &["/usr/bin/firefox-esr"]);
        report("Firefox ESR", firefox_fix(&firefox));
        if let Ok(path) = &firefox {
            report(
                &format!("Firefox language pack `{FIREFOX_LANGPACK}`"),
                langpack(path, FIREFOX_LANGPACK),
            );
        }
        found.firefox = firefox.ok();
    }
    if needs.python {
        report("Python 3 with venv", python_venv());
    }
    if needs.java {
        report(&format!("Java {JAVA_MIN_MAJOR}+"), java());
    }
    (found, missing)
}

/// `python3` (or `BERSIH_PYTHON`) able to make a venv with pip in it.
fn python_venv() -> Result<String, Missing> {
    let python = std::env::var("BERSIH_PYTHON").unwrap_or_else(|_| "python3".into());
    let probe = "import sys, venv, ensurepip; print(sys.version.split()[0])";
    match command_output(&python, &["-c", probe]) {
        Some(version) => Ok(format!("{python} {}", version.trim())),
        None => Err(Missing {
            what: format!("`{python}` with its venv and ensurepip modules"),
            fix: Fix::Apt {
                packages: &["python3", "python3-venv"],
                min_major: None,
                otherwise: "install Python 3.9+ with its venv module, or set BERSIH_PYTHON to one",
            },
        }),
    }
}

/// `java -version` (printed on stderr) at least `JAVA_MIN_MAJOR`.
fn java() -> Result<String, Missing> {
    let missing = |what: String| Missing {
        what,
        fix: Fix::Apt {
            packages: &["openjdk-17-jre-headless"],
            min_major: None,
            otherwise: "install a Java 17+ runtime (OpenJDK) and put `java` on PATH",
        },
    };
    let output = Command::new("java").arg("-version").output().ok();
    let Some(output) = output.filter(|o| o.status.success()) else {
        return Err(missing("`java` is not on PATH".into()));
    };
    let text = String::from_utf8_lossy(&output.stderr);
    let version = java_major(&text);
    match version {
        Some(major) if major >= JAVA_MIN_MAJOR => Ok(text.lines().next().unwrap_or("").into()),
        _ => Err(missing(format!(
            "Java {JAVA_MIN_MAJOR}+ needed, found `{}`",
            text.lines().next().unwrap_or("?")
        ))),
    }
}

/// The major version in `java -version`'s first line (`openjdk version "17.0.15" ...`, or
/// `"1.8.0_392"` for Java 8).
fn java_major(text: &str) -> Option<u32> {
    let quoted = text.split('"').nth(1)?;
    let mut parts = quoted.split(['.', '_', '-']);
    let first: u32 = parts.next()?.parse().ok()?;
    if first == 1 {
        parts.next()?.parse().ok()
    } else {
        Some(first)
    }
}

fn wasm_target(root: &Path) -> Result<String, Missing> {
    let sysroot = Command::new("rustc")
        .args(["--print", "sysroot"])
        .current_dir(root)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    let installed = sysroot
        .as_ref()
        .map(|s| s.join("lib/rustlib/wasm32-unknown-unknown/lib"))
        .filter(|dir| dir.is_dir());
    match installed {
        Some(dir) => Ok(format!("{}", dir.display())),
        None => Err(Missing {
            what: "the standard library for wasm32-unknown-unknown is not installed".into(),
            fix: rustup_or(
                &["target", "add", "wasm32-unknown-unknown"],
                "install the wasm32-unknown-unknown target for your Rust toolchain \
                 (rustup: `rustup target add wasm32-unknown-unknown`; https://rustup.rs)",
            ),
        }),
    }
}

fn rust_component(
    root: &Path,
    component: &'static str,
    cargo_command: &str,
) -> Result<String, Missing> {
    let output = util::cargo()
        .args([cargo_command, "--version"])
        .current_dir(root)
        .output()
        .ok()
        .filter(|o| o.status.success());
    match output {
        Some(o) => Ok(String::from_utf8_lossy(&o.stdout).trim().to_string()),
        None => Err(Missing {
            what: format!("`cargo {cargo_command}` does not run"),
            fix: rustup_or(
                match component {
                    "clippy" => &["component", "add", "clippy"],
                    _ => &["component", "add", "rustfmt"],
                },
                "install clippy and rustfmt for your Rust toolchain (rustup: \
                 `rustup component add clippy rustfmt`)",
            ),
        }),
    }
}

fn rustup_or(args: &'static [&'static str], manual: &str) -> Fix {
    if util::on_path("rustup") {
        Fix::Rustup(args)
    } else {
        Fix::Manual(manual.into())
    }
}

/// The fix for a missing or old Node.js; Debian 12's own `nodejs` is 18, hence `min_major`.
const NODE_FIX: Fix = Fix::Apt {
    packages: &["nodejs"],
    min_major: Some(NODE_MIN_MAJOR),
    otherwise: "install Node.js 20 or newer: from NodeSource (`curl -fsSL \
                https://deb.nodesource.com/setup_20.x | sudo -E bash - && sudo apt-get install -y \
                nodejs`), with nvm (`nvm install 20`), or from https://nodejs.org",
};

/// Judges `node --version`'s output (`v20.20.2`).
fn node_version(output: Option<&str>) -> Result<String, Missing> {
    let Some(version) = output else {
        return Err(Missing {
            what: "`node` is not on PATH".into(),
            fix: NODE_FIX,
        });
    };
    match leading_number(version.trim().trim_start_matches('v')) {
        Some(major) if major >= NODE_MIN_MAJOR => Ok(version.trim().to_string()),
        _ => Err(Missing {
            what: format!("found Node.js {}, too old", version.trim()),
            fix: NODE_FIX,
        }),
    }
}

fn npm() -> Result<String, Missing> {
    match command_output("npm", &["--version"]) {
        Some(version) => Ok(version.trim().to_string()),
        None => Err(Missing {
            what: "`npm` is not on PATH".into(),
            fix: Fix::Apt {
                packages: &["npm"],
                min_major: None,
                otherwise: "install npm (it comes with Node.js from NodeSource, nvm or nodejs.org)",
            },
        }),
    }
}

/// A browser: the executable named by `variable`, else the first of `known` that exists.
/// `Err` holds where it looked.
fn find_browser(variable: &str, known: &[&str]) -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os(variable).filter(|v| !v.is_empty()) {
        let path = PathBuf::from(path);
        return if is_executable(&path) {
            Ok(path)
        } else {
            Err(format!(
                "{variable}={} is not an executable file",
                path.display()
            ))
        };
    }
    known
        .iter()
        .map(PathBuf::from)
        .find(|p| is_executable(p))
        .ok_or_else(|| {
            format!(
                "{variable} is unset and none of {} exists",
                known.join(", ")
            )
        })
}

fn chromium_fix(found: &Result<PathBuf, String>) -> Result<String, Missing> {
    match found {
        Ok(path) => Ok(path.display().to_string()),
        Err(looked) => Err(Missing {
            what: looked.clone(),
            fix: Fix::Apt {
                packages: &["chromium"],
                min_major: None,
                otherwise: "install Chromium (Ubuntu: `sudo snap install chromium`) or set \
                            BERSIH_CHROMIUM to its executable; Google Chrome will not do, it \
                            ignores --load-extension since version 137",
            },
        }),
    }
}

fn firefox_fix(found: &Result<PathBuf, String>) -> Result<String, Missing> {
    match found {
        Ok(path) => Ok(path.display().to_string()),
        Err(looked) => Err(Missing {
            what: looked.clone(),
            fix: Fix::Apt {
                packages: &["firefox-esr", "firefox-esr-l10n-id"],
                min_major: None,
                otherwise: "install Firefox ESR with its Indonesian language pack (Ubuntu: the \
                            Mozilla team PPA, `sudo add-apt-repository ppa:mozillateam/ppa`, \
                            packages firefox-esr and firefox-esr-locale-id) or set BERSIH_FIREFOX \
                            to a Firefox ESR, Developer Edition or Nightly executable: release \
                            builds refuse the unsigned test build",
            },
        }),
    }
}

/// Firefox's language pack for `lang`, where Debian's package puts it (`browser/extensions`) or a
/// system-wide install would (`distribution/extensions`), beside the real executable.
fn langpack(firefox: &Path, lang: &str) -> Result<String, Missing> {
    let real = firefox.canonicalize().unwrap_or_else(|_| firefox.into());
    let dir = real.parent().unwrap_or(Path::new("/"));
    let name = format!("langpack-{lang}@");
    let places = [
        dir.join("browser/extensions"),
        dir.join("distribution/extensions"),
    ];
    for place in &places {
        let Ok(entries) = std::fs::read_dir(place) else {
            continue;
        };
        for entry in entries.flatten() {
            let file = entry.file_name().to_string_lossy().into_owned();
            if file.starts_with(&name) && file.ends_with(".xpi") {
                return Ok(place.join(file).display().to_string());
            }
        }
    }
    Err(Missing {
        what: format!(
            "no {name}*.xpi in {} (the UI language test runs Firefox in Indonesian)",
            places
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(" or ")
        ),
        fix: Fix::Apt {
            packages: &["firefox-esr-l10n-id"],
            min_major: None,
            otherwise: "put the Indonesian language pack of this Firefox version \
                        (langpack-id@firefox.mozilla.org.xpi) into the distribution/extensions \
                        folder beside its executable",
        },
    })
}

/// Installs what it may; returns what is left for the user. Prints every command it runs.
fn install(missing: Vec<Missing>) -> Result<Vec<Missing>> {
    let mut leftover = Vec::new();
    let mut apt = Vec::new();
    for miss in missing {
        match &miss.fix {
            Fix::Rustup(args) => {
                eprintln!("==> installing for Rust: rustup {}", args.join(" "));
                util::run(
                    Command::new("rustup").args(*args),
                    &format!("rustup {}", args.join(" ")),
                )?;
            }
            Fix::Apt { .. } if can_apt() => apt.push(miss),
            _ => leftover.push(miss),
        }
    }
    if apt.is_empty() {
        return Ok(offered_by_apt(leftover));
    }
    eprintln!("==> apt-get update (running as root on a Debian-like system)");
    util::run(
        apt_get().args(["update", "-qq"]),
        "apt-get update (network needed: Debian's package mirrors)",
    )?;
    let mut packages: Vec<&str> = Vec::new();
    for miss in offered_by_apt(apt) {
        match &miss.fix {
            Fix::Apt {
                packages: wanted, ..
            } => {
                for package in wanted.iter() {
                    if !packages.contains(package) {
                        packages.push(package);
                    }
                }
            }
            _ => leftover.push(miss),
        }
    }
    if !packages.is_empty() {
        eprintln!("==> installing with apt-get: {}", packages.join(" "));
        util::run(
            apt_get().args(["install", "-y", "-qq"]).args(&packages),
            &format!("apt-get install {}", packages.join(" ")),
        )?;
    }
    Ok(leftover)
}

/// Keeps an apt fix only where this system's package lists offer every package it names (in the
/// version it needs); any other becomes what to do by hand. Without apt, every one does.
fn offered_by_apt(missing: Vec<Missing>) -> Vec<Missing> {
    let has_apt = util::on_path("apt-cache");
    missing
        .into_iter()
        .map(|miss| {
            let Fix::Apt {
                packages,
                min_major,
                otherwise,
            } = &miss.fix
            else {
                return miss;
            };
            let offered = has_apt
                && packages.iter().all(|p| {
                    apt_candidate(p)
                        .is_some_and(|v| min_major.is_none_or(|m| leading_number(&v) >= Some(m)))
                });
            if offered {
                return miss;
            }
            let fix = Fix::Manual(if has_apt {
                format!(
                    "{otherwise} (this system's package lists offer no {}{})",
                    packages.join(" "),
                    min_major.map_or(String::new(), |m| format!(" {m} or newer"))
                )
            } else {
                otherwise.to_string()
            });
            Missing {
                what: miss.what,
                fix,
            }
        })
        .collect()
}

/// The message for what could not be installed: one command or instruction a line.
fn instructions(missing: &[Missing], root: bool) -> String {
    let sudo = if root { "" } else { "sudo " };
    let mut apt: Vec<&str> = Vec::new();
    let mut lines = Vec::new();
    for miss in missing {
        match &miss.fix {
            Fix::Rustup(args) => lines.push(format!("  rustup {}", args.join(" "))),
            Fix::Apt { packages, .. } => {
                for package in packages.iter() {
                    if !apt.contains(package) {
                        apt.push(package);
                    }
                }
            }
            Fix::Manual(text) => lines.push(format!("  {}: {text}", miss.what)),
        }
    }
    if !apt.is_empty() {
        lines.insert(
            0,
            format!(
                "  {sudo}apt-get update && {sudo}apt-get install -y {}",
                apt.join(" ")
            ),
        );
    }
    format!(
        "missing prerequisites; to install them run:\n{}\nthen run the command again. \
         (Run as root on Debian/Ubuntu, it installs the packages itself.)",
        lines.join("\n")
    )
}

/// `npm ci` when `node_modules` is missing or stale (PUPPETEER_SKIP_DOWNLOAD:
/// no npm package downloads a browser; the tests drive the system's).
pub fn npm_ci_if_stale(root: &Path) -> Result<()> {
    let installed = root.join("node_modules/.package-lock.json");
    let modified = |path: &Path| path.metadata().and_then(|m| m.modified()).ok();
    let lock = modified(&root.join("package-lock.json")).context("package-lock.json is missing")?;
    if modified(&installed).is_some_and(|installed| installed >= lock) {
        eprintln!("  ok       npm packages: node_modules matches package-lock.json");
        return Ok(());
    }
    eprintln!("==> npm ci (node_modules is missing or older than package-lock.json; needs the npm registry)");
    util::run(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .env("PUPPETEER_SKIP_DOWNLOAD", "1")
            .current_dir(root),
        "npm ci",
    )
}

fn apt_get() -> Command {
    let mut command = Command::new("apt-get");
    command.env("DEBIAN_FRONTEND", "noninteractive");
    command
}

/// The version `apt-cache policy` would install, if the lists offer the package at all.
fn apt_candidate(package: &str) -> Option<String> {
    let policy = command_output("apt-cache", &["policy", package])?;
    parse_candidate(&policy)
}

fn parse_candidate(policy: &str) -> Option<String> {
    let line = policy
        .lines()
        .find_map(|l| l.trim().strip_prefix("Candidate:"))?;
    let version = line.trim();
    (!version.is_empty() && version != "(none)").then(|| version.to_string())
}

/// The first number of a version (`1:20.19.2+dfsg-1` is 20: the epoch is skipped).
fn leading_number(version: &str) -> Option<u32> {
    let version = version.split_once(':').map_or(version, |(_, v)| v);
    let digits: String = version.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Root on a Debian or Ubuntu (or derived) system with apt-get: packages can be installed here.
fn can_apt() -> bool {
    is_root() && util::on_path("apt-get") && is_debian_like()
}

fn is_debian_like() -> bool {
    let release = std::fs::read_to_string("/etc/os-release").unwrap_or_default();
    release.lines().any(|line| {
        let Some((key, value)) = line.split_once('=') else {
            return false;
        };
        (key == "ID" || key == "ID_LIKE")
            && value
                .trim_matches('"')
                .split_whitespace()
                .any(|id| id == "debian" || id == "ubuntu")
    })
}

/// Whether this process runs as root (it may install packages; Chromium then needs --no-sandbox).
pub fn is_root() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
    }
    #[cfg(not(unix))]
    {
        false
    }
}

fn is_executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        path.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}

/// A command's stdout when it runs and succeeds.
fn command_output(program: &str, args: &[&str]) -> Option<String> {
    Command::new(program)
        .args(args)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn java_versions_are_read_from_the_quoted_version() {
        assert_eq!(
            java_major("openjdk version \"17.0.15\" 2025-04-15\n"),
            Some(17)
        );
        assert_eq!(java_major("java version \"1.8.0_392\"\n"), Some(8));
        assert_eq!(java_major("openjdk version \"21\" 2023-09-19"), Some(21));
        assert_eq!(java_major("no version here"), None);
    }

    #[test]
    fn node_versions_are_judged_by_their_major() {
        assert!(node_version(Some("v20.20.2\n")).is_ok());
        assert!(node_version(Some("v22.1.0")).is_ok());
        let old = node_version(Some("v18.19.0")).unwrap_err();
        assert!(old.what.contains("18.19.0"), "{}", old.what);
        assert_eq!(old.fix, NODE_FIX);
        assert!(node_version(None).unwrap_err().what.contains("not on PATH"));
        assert!(node_version(Some("garbage")).is_err());
    }

    #[test]
    fn apt_versions_and_candidates_are_read() {
        assert_eq!(leading_number("20.20.2-1nodesource1"), Some(20));
        assert_eq!(leading_number("18.19.0+dfsg-6~deb12u2"), Some(18));
        assert_eq!(leading_number("1:20.19.2+dfsg-1"), Some(20));
        assert_eq!(leading_number("(none)"), None);
        let policy = "nodejs:\n  Installed: (none)\n  Candidate: 18.19.0+dfsg-6~deb12u2\n";
        assert_eq!(
            parse_candidate(policy).as_deref(),
            Some("18.19.0+dfsg-6~deb12u2")
        );
        assert_eq!(
            parse_candidate("x:\n  Installed: (none)\n  Candidate: (none)\n"),
            None
        );
        assert_eq!(parse_candidate(""), None);
    }

    #[test]
    fn a_browser_is_found_by_its_variable_or_a_known_path() {
        let tmp = std::env::temp_dir().join(format!("xtask-prereq-{}", std::process::id()));
        util::fresh_dir(&tmp).unwrap();
        let exe = tmp.join("browser");
        std::fs::write(&exe, "#!/bin/sh\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let known = exe.to_string_lossy().into_owned();
        let missing = tmp.join("none").to_string_lossy().into_owned();
        let unset = "BERSIH_TEST_UNSET_BROWSER";
        assert_eq!(find_browser(unset, &[&missing, &known]).unwrap(), exe);
        let looked = find_browser(unset, &[&missing]).unwrap_err();
        assert!(
            looked.contains(&missing) && looked.contains(unset),
            "{looked}"
        );
        std::fs::remove_dir_all(&tmp).unwrap();
    }

    #[test]
    fn a_langpack_is_found_beside_the_executable() {
        let tmp = std::env::temp_dir().join(format!("xtask-langpack-{}", std::process::id()));
        util::fresh_dir(&tmp.join("browser/extensions")).unwrap();
        let firefox = tmp.join("firefox");
        std::fs::write(&firefox, "").unwrap();
        let miss = langpack(&firefox, "id").unwrap_err();
        assert!(
            matches!(miss.fix, Fix::Apt { packages, .. } if packages == ["firefox-esr-l10n-id"])
        );
        std::fs::write(
            tmp.join("browser/extensions/langpack-id@firefox-esr.mozilla.org.xpi"),
            "",
        )
        .unwrap();
        assert!(langpack(&firefox, "id").unwrap().ends_with(".xpi"));
        assert!(langpack(&firefox, "de").is_err());
        std::fs::remove_dir_all(&tmp).unwrap();
    }

    #[test]
    fn instructions_name_every_command_once() {
        let missing = [
            Missing {
                what: "no chromium".into(),
                fix: Fix::Apt {
                    packages: &["chromium"],
                    min_major: None,
                    otherwise: "",
                },
            },
            Missing {
                what: "no firefox".into(),
                fix: Fix::Apt {
                    packages: &["firefox-esr", "firefox-esr-l10n-id"],
                    min_major: None,
                    otherwise: "",
                },
            },
            Missing {
                what: "no langpack".into(),
                fix: Fix::Apt {
                    packages: &["firefox-esr-l10n-id"],
                    min_major: None,
                    otherwise: "",
                },
            },
            Missing {
                what: "no target".into(),
                fix: Fix::Rustup(&["target", "add", "wasm32-unknown-unknown"]),
            },
        ];
        let text = instructions(&missing, false);
        assert!(
            text.contains("sudo apt-get install -y chromium firefox-esr firefox-esr-l10n-id\n"),
            "{text}"
        );
        assert!(
            text.contains("  rustup target add wasm32-unknown-unknown\n"),
            "{text}"
        );
        assert!(!instructions(&missing, true).contains("sudo"));
    }
}
