//! The Python package: `cargo xtask wheel` builds it, and `cargo xtask test` tests it installed.
//!
//! Python tools live in virtual environments under `target/py/` that are kept between runs and
//! remade when their requirement list changes: `build` (maturin), `corpus` (pytest, PySpark,
//! pyarrow, pandas, datasets; the wheel is reinstalled into it every run). The package's own
//! tests run in a venv made afresh every time with nothing but the wheel and pytest, so they see
//! the wheel exactly as a user's `pip install` leaves it. Everything comes from PyPI through pip;
//! the wheel is built from source by maturin (one abi3 wheel for CPython 3.9 and later).

use anyhow::{bail, ensure, Context, Result};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util;

const BUILD_TOOLS: &[&str] = &["maturin>=1.9.4,<2"];
const CORPUS_TOOLS: &[&str] = &[
    "pytest>=8",
    "pyspark>=4,<5",
    "pyarrow>=15",
    "pandas>=2,<3",
    "datasets>=3",
];

/// `cargo xtask wheel`: builds the wheel and prints its path.
pub fn run(args: &[String]) -> Result<()> {
    ensure!(args.is_empty(), "`wheel` takes no arguments, got {args:?}");
    let wheel = build_wheel(&util::workspace_root())?;
    println!("{}", wheel.display());
    Ok(())
}

/// Builds `target/wheels/bersih-VERSION-cp39-abi3-PLATFORM.whl` with maturin (release profile)
/// and returns its path.
pub fn build_wheel(root: &Path) -> Result<PathBuf> {
    let venv = venv(root, "build", BUILD_TOOLS)?;
    let out = root.join("target/wheels");
    util::run(
        Command::new(venv.join("bin/maturin"))
            .args(["build", "--release", "--quiet", "--manifest-path"])
            .arg(root.join("python/Cargo.toml"))
            .arg("--out")
            .arg(&out)
            .current_dir(root),
        "maturin build",
    )?;
    let version = util::metadata(root)?.core_version;
    let prefix = format!("bersih-{version}-cp39-abi3-");
    let mut wheels: Vec<(std::time::SystemTime, PathBuf)> = fs::read_dir(&out)
        .with_context(|| format!("listing {}", out.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            name.starts_with(&prefix) && name.ends_with(".whl")
        })
        .filter_map(|p| Some((p.metadata().ok()?.modified().ok()?, p)))
        .collect();
    wheels.sort();
    wheels
        .pop()
        .map(|(_, path)| path)
        .with_context(|| format!("maturin wrote no {prefix}*.whl into {}", out.display()))
}

/// Test step: the wheel's pytest suite (`python/tests`) in a fresh venv with only the wheel and
/// pytest, compared against the CLI binary `cli`. Returns the pytest command, ready to run.
pub fn wheel_tests(root: &Path, wheel: &Path, cli: &Path) -> Result<Command> {
    let venv = root.join("target/py/fresh");
    util::fresh_dir(&venv)?;
    create_venv(&venv)?;
    pip(&venv, &[wheel.as_os_str(), "pytest>=8".as_ref()])?;
    Ok(pytest(root, &venv, "python/tests", cli))
}

/// Test step: the Spark example job with spark-submit in local mode, and `datasets.map`
/// (`python/spark`), compared against the CLI binary `cli`. Returns the pytest command.
pub fn spark_tests(root: &Path, wheel: &Path, cli: &Path) -> Result<Command> {
    if !util::on_path("java") {
        bail!("Spark needs Java 17: apt-get install openjdk-17-jre-headless");
    }
    let venv = corpus_venv(root, wheel)?;
    Ok(pytest(root, &venv, "python/spark", cli))
}

/// The `corpus` venv (PySpark, pyarrow, pandas, datasets, pytest) with `wheel` installed.
pub fn corpus_venv(root: &Path, wheel: &Path) -> Result<PathBuf> {
    let venv = venv(root, "corpus", CORPUS_TOOLS)?;
    pip(
        &venv,
        &[
            "--force-reinstall".as_ref(),
            "--no-deps".as_ref(),
            wheel.as_os_str(),
        ],
    )?;
    Ok(venv)
}

/// The CLI binary the Python tests compare with: the debug build `cargo test` made.
pub fn cli_binary(root: &Path) -> Result<PathBuf> {
    util::run(
        util::cargo()
            .args(["build", "--quiet", "--bin", "bersih"])
            .current_dir(root),
        "cargo build --bin bersih",
    )?;
    Ok(util::metadata(root)?.target_dir.join("debug/bersih"))
}

/// `pytest -q` over `tests` in `venv`, with the CLI to compare against; its summary line is
/// counted by `tally::pytest`.
fn pytest(root: &Path, venv: &Path, tests: &str, cli: &Path) -> Command {
    let mut command = Command::new(venv.join("bin/python"));
    command
        .args(["-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", tests])
        .env("BERSIH_CLI", cli)
        // Local data only: nothing may reach for a hub, and Spark binds to loopback.
        .env("HF_HUB_OFFLINE", "1")
        .env("HF_DATASETS_OFFLINE", "1")
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .current_dir(root);
    command
}

/// The venv `target/py/NAME` with `requirements` installed; made again when they change.
fn venv(root: &Path, name: &str, requirements: &[&str]) -> Result<PathBuf> {
    let venv = root.join("target/py").join(name);
    let stamp = venv.join("bersih-requirements.txt");
    let wanted = requirements.join("\n");
    if fs::read_to_string(&stamp).is_ok_and(|have| have == wanted) {
        return Ok(venv);
    }
    eprintln!(
        "making the Python venv {} ({})",
        venv.display(),
        requirements.join(", ")
    );
    util::fresh_dir(&venv)?;
    create_venv(&venv)?;
    let args: Vec<&std::ffi::OsStr> = requirements.iter().map(|r| r.as_ref()).collect();
    pip(&venv, &args)?;
    fs::write(&stamp, wanted).with_context(|| format!("writing {}", stamp.display()))?;
    Ok(venv)
}

fn create_venv(venv: &Path) -> Result<()> {
    let python = std::env::var_os("BERSIH_PYTHON").unwrap_or_else(|| "python3".into());
    util::run(
        Command::new(&python).args(["-m", "venv"]).arg(venv),
        &format!("{} -m venv", python.to_string_lossy()),
    )
}

fn pip(venv: &Path, args: &[&std::ffi::OsStr]) -> Result<()> {
    util::run(
        Command::new(venv.join("bin/python"))
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
            ])
            .args(args),
        "pip install",
    )
}
