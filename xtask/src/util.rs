//! Shared plumbing for the commands: where the workspace and cargo's target directory are, running
//! a child process with a clear error, and copying directory trees.
//!
//! The target directory comes from `cargo metadata`, so `CARGO_TARGET_DIR` and `.cargo/config.toml`
//! are respected exactly as cargo itself sees them. Several checkouts may share one target
//! directory (worktrees during development); artifacts without a hash in their file name
//! (`debug/xtask`, the wasm cdylib) would then be whichever checkout built last, so `checkout_dir`
//! gives each checkout its own corner of the target directory and `rerun_if_foreign` makes sure the
//! running xtask is this checkout's.

use anyhow::{bail, Context, Result};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A bad command line (an unknown command or option, a missing value): `main` exits with 2 for it,
/// as for a missing command, instead of 1 for a command that ran and failed.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// Returns early with a `UsageError` built like `format!`.
#[macro_export]
macro_rules! usage {
    ($($arg:tt)*) => {
        return Err($crate::util::UsageError(format!($($arg)*)).into())
    };
}

/// The workspace root: the parent of this crate's directory.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// A folder inside the target directory that belongs to the checkout at `root` alone:
/// `<target>/<purpose>/<root path with separators as dashes>`.
pub fn checkout_dir(target_dir: &Path, purpose: &str, root: &Path) -> PathBuf {
    let slug: String = root
        .to_string_lossy()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    target_dir.join(purpose).join(slug.trim_matches('-'))
}

/// When the running binary was built from another checkout (a shared target directory holds one
/// `debug/xtask` for all of them), builds this checkout's xtask in its own target folder, runs it
/// with the same arguments and returns its exit code. `None` when this binary is the right one.
pub fn rerun_if_foreign(args: &[String]) -> Option<std::process::ExitCode> {
    let runtime = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR")?);
    if runtime == Path::new(env!("CARGO_MANIFEST_DIR")) {
        return None;
    }
    let failed = |why: String| {
        eprintln!("xtask: {why}");
        Some(std::process::ExitCode::FAILURE)
    };
    if std::env::var_os("BERSIH_XTASK_RERUN").is_some() {
        return failed(format!(
            "still running the xtask of {} instead of {}",
            env!("CARGO_MANIFEST_DIR"),
            runtime.display()
        ));
    }
    let root = runtime.parent()?.to_path_buf();
    let target_dir = match metadata(&root) {
        Ok(meta) => checkout_dir(&meta.target_dir, "xtask-per-checkout", &root),
        Err(error) => return failed(format!("{error:#}")),
    };
    let status = cargo()
        .args(["run", "--package", "xtask", "--target-dir"])
        .arg(&target_dir)
        .arg("--")
        .args(args)
        .env("BERSIH_XTASK_RERUN", "1")
        .current_dir(&root)
        .status();
    match status {
        Ok(status) if status.success() => Some(std::process::ExitCode::SUCCESS),
        Ok(status) => Some(std::process::ExitCode::from(
            status
                .code()
                .and_then(|c| u8::try_from(c).ok())
                .unwrap_or(1),
        )),
        Err(error) => failed(format!("could not rerun this checkout's xtask: {error}")),
    }
}

/// The cargo executable that started us (so `cargo +toolchain xtask` keeps its toolchain).
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// What `cargo metadata` says about the workspace: the target directory and the core's version.
pub struct Metadata {
    pub target_dir: PathBuf,
    pub core_version: String,
}

pub fn metadata(root: &Path) -> Result<Metadata> {
    let output = cargo()
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(root)
        .output()
        .context("running `cargo metadata`")?;
    if !output.status.success() {
        bail!(
            "`cargo metadata` failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let json: serde_json::Value =
        serde_json::from_slice(&output.stdout).context("parsing `cargo metadata` output")?;
    let target_dir = json["target_directory"]
        .as_str()
        .context("`cargo metadata` has no target_directory")?
        .into();
    let core_version = json["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["name"] == "bersih")
        .and_then(|p| p["version"].as_str())
        .context("`cargo metadata` lists no package `bersih`")?
        .to_string();
    Ok(Metadata {
        target_dir,
        core_version,
    })
}

/// Runs a command to completion, inheriting stdio; `what` names the step in the error.
pub fn run(command: &mut Command, what: &str) -> Result<()> {
    let status = command
        .status()
        .with_context(|| format!("{what}: could not start {:?}", command.get_program()))?;
    if !status.success() {
        bail!("{what} failed ({status})");
    }
    Ok(())
}

/// Runs a command like `run`, showing its stdout as it comes, and returns its exit status with
/// what it wrote to stdout (a failing test run still has counts to read).
pub fn run_tee(command: &mut Command, what: &str) -> Result<(std::process::ExitStatus, String)> {
    use std::io::{Read, Write};
    let mut child = command
        .stdout(std::process::Stdio::piped())
        .spawn()
        .with_context(|| format!("{what}: could not start {:?}", command.get_program()))?;
    let mut pipe = child.stdout.take().expect("stdout is piped");
    let mut captured = Vec::new();
    let mut buffer = [0u8; 8192];
    let mut out = std::io::stdout();
    loop {
        let n = pipe
            .read(&mut buffer)
            .with_context(|| format!("{what}: reading its output"))?;
        if n == 0 {
            break;
        }
        captured.extend_from_slice(&buffer[..n]);
        let _ = out.write_all(&buffer[..n]).and_then(|()| out.flush());
    }
    let status = child.wait().with_context(|| format!("{what}: waiting"))?;
    Ok((status, String::from_utf8_lossy(&captured).into_owned()))
}

/// The first line a command prints, trimmed, when it runs in `dir` and succeeds (`rustc --version`).
pub fn first_line(program: &str, args: &[&str], dir: &Path) -> Option<String> {
    let output = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    let text = String::from_utf8_lossy(&output.stdout);
    Some(text.lines().next().unwrap_or("").trim().to_string())
}

/// True when `program` is an executable somewhere on PATH.
pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// Removes `dir` if it exists and creates it empty.
pub fn fresh_dir(dir: &Path) -> Result<()> {
    if dir.exists() {
        fs::remove_dir_all(dir).with_context(|| format!("removing {}", dir.display()))?;
    }
    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))
}

/// Copies the tree under `from` into `to`, skipping files whose path relative to `from` is in `skip`.
pub fn copy_tree(from: &Path, to: &Path, skip: &[&str]) -> Result<()> {
    for file in files_under(from)? {
        let relative = file.strip_prefix(from).expect("listed under `from`");
        if skip.iter().any(|s| relative == Path::new(s)) {
            continue;
        }
        let target = to.join(relative);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
        }
        fs::copy(&file, &target)
            .with_context(|| format!("copying {} to {}", file.display(), target.display()))?;
    }
    Ok(())
}

/// Every regular file under `dir`, recursively, in sorted order (so zips and listings are stable).
pub fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries =
            fs::read_dir(&current).with_context(|| format!("listing {}", current.display()))?;
        for entry in entries {
            let path = entry
                .with_context(|| format!("listing {}", current.display()))?
                .path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checkout_dirs_differ_per_checkout_and_stay_inside_the_target() {
        let target = Path::new("/t");
        let a = checkout_dir(target, "wasm", Path::new("/work/wt/build"));
        let b = checkout_dir(target, "wasm", Path::new("/work/wt/core"));
        assert_eq!(a, Path::new("/t/wasm/work-wt-build"));
        assert_ne!(a, b);
    }

    #[test]
    fn copy_tree_copies_nested_files_and_skips_listed_ones() {
        let tmp = std::env::temp_dir().join(format!("xtask-copy-{}", std::process::id()));
        let (from, to) = (tmp.join("from"), tmp.join("to"));
        fresh_dir(&from.join("a/b")).unwrap();
        fs::write(from.join("a/b/c.txt"), "c").unwrap();
        fs::write(from.join("skip.json"), "s").unwrap();
        fs::write(from.join("keep.json"), "k").unwrap();
        copy_tree(&from, &to, &["skip.json"]).unwrap();
        let copied: Vec<_> = files_under(&to)
            .unwrap()
            .iter()
            .map(|f| f.strip_prefix(&to).unwrap().to_path_buf())
            .collect();
        assert_eq!(
            copied,
            [PathBuf::from("a/b/c.txt"), PathBuf::from("keep.json")]
        );
        assert_eq!(fs::read_to_string(to.join("a/b/c.txt")).unwrap(), "c");
        fs::remove_dir_all(&tmp).unwrap();
    }
}
