//! Compiles the core to WebAssembly and generates its JavaScript bindings.
//!
//! The crate's `crate-type` is `rlib` (for the CLI and tests), and cargo does not LTO an rlib, so
//! the Wasm is built with `cargo rustc --lib --crate-type cdylib --profile wasm`, where the root
//! manifest's size profile (`opt-level = "z"`, inheriting release's `lto = true`, with a higher
//! inlining threshold: see [`WASM_INLINING`]) applies. Bindings come from
//! `wasm-bindgen-cli-support` used as a library (no downloaded binaries); it must be exactly the
//! version of the `wasm-bindgen` crate the core links, which `check_pins` verifies from
//! Cargo.lock before every build. The name and producers sections are removed here rather than by
//! `strip = true`, which would also drop the target_features section.
//!
//! No `wasm-opt` pass: measured on this module (binaryen 132, `-Oz`) it saves 4% of the raw bytes
//! but adds 1.3% to the gzipped ones, which are what every page carries (the content script inlines
//! the module gzipped), and a pass that runs only where the tool is installed would make the
//! shipped bytes depend on the machine that built them.

use anyhow::{bail, Context, Result};
use std::fs;
use std::path::{Path, PathBuf};

use crate::util;

/// The file stem of the generated glue and module: `bersih.js` and `bersih_bg.wasm`.
pub const OUT_NAME: &str = "bersih";

/// How the glue is generated, recorded in the stamp so a change here regenerates it.
const GLUE_OPTIONS: &str = "web, reset-state";

/// Runs cargo for the wasm32 cdylib and returns the path of the raw (pre-bindgen) module.
///
/// The cdylib's file name has no hash, so it gets a target folder of its own per checkout
/// (see `util::checkout_dir`); otherwise checkouts sharing a target directory would ship each
/// other's core.
pub fn compile(root: &Path, target_dir: &Path) -> Result<PathBuf> {
    let target_dir = util::checkout_dir(target_dir, "wasm-per-checkout", root);
    util::run(
        util::cargo()
            .args([
                "rustc",
                "--package",
                "bersih",
                "--lib",
                "--crate-type",
                "cdylib",
                "--target",
                "wasm32-unknown-unknown",
                "--profile",
                "wasm",
                "--target-dir",
            ])
            .arg(&target_dir)
            .env("RUSTFLAGS", reproducible_rustflags())
            .current_dir(root),
        "compiling the core to wasm32-unknown-unknown \
         (is the target installed? `rustup target add wasm32-unknown-unknown`)",
    )?;
    let wasm = target_dir.join("wasm32-unknown-unknown/wasm/bersih.wasm");
    if !wasm.is_file() {
        bail!("cargo succeeded but {} is missing", wasm.display());
    }
    Ok(wasm)
}

/// The Wasm features the module may use beyond the baseline. SIMD (128-bit vectors: Chrome 91+,
/// Firefox 89+, both on Android too; the manifest asks for Chrome 91 and Firefox 142): LLVM turns
/// some of the core's byte loops and copies into vector code, which made the module 377 bytes
/// smaller gzipped at the same speed (Node, paired with the scalar build, identical answers,
/// ratios 0.98–1.00 in three runs, 2026-12-03).
const WASM_FEATURES: &str = "-C target-feature=+simd128";

/// LLVM's inlining threshold for the Wasm build: 40 instead of the 5 that `opt-level = "z"`
/// sets. At 5, every small helper (a char's decoding, a space skip, an iterator's `next`) stays a
/// call, and calls are much of what V8 spends in the core. Measured in Node, each build paired
/// with the one at 5 (identical answers on 149 requests, 2026-12-03): 25 took 0.88-0.93 of the
/// time for 641 bytes more gzipped, 40 0.81-0.83 for 915, 45 another 0.97-0.99 for 1,219 more, 60
/// 0.77-0.79 for 6,067; `opt-level = "s"` took 0.67 for 14 KB more and `2` 0.61 for 36 KB, both
/// over the size budget (100 KB gzipped).
const WASM_INLINING: &str = "-C llvm-args=-inline-threshold=40";

/// `RUSTFLAGS` for the Wasm build ([`WASM_FEATURES`], [`WASM_INLINING`]), with cargo's home
/// folder written as `/cargo`: panic locations in dependencies name their source files by
/// absolute path, and the shipped module must be the same bytes wherever a reviewer builds it
/// (see `cargo xtask release`). Keeps any `RUSTFLAGS` set.
fn reproducible_rustflags() -> String {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")));
    let mut flags = format!(
        "{} {WASM_FEATURES} {WASM_INLINING}",
        std::env::var("RUSTFLAGS").unwrap_or_default()
    );
    if let Some(home) = cargo_home {
        flags = format!("{flags} --remap-path-prefix={}=/cargo", home.display());
    }
    flags.trim().to_string()
}

/// Generates `bersih.js` + `bersih_bg.wasm` (`--target web`) from `wasm` into `out_dir`.
///
/// Skips the work when `out_dir` already holds the bindings of this exact input (same length and
/// modification time, recorded in a stamp file), so an unchanged core costs nothing.
pub fn bindgen(wasm: &Path, out_dir: &Path) -> Result<()> {
    let stamp_path = out_dir.join(".input-stamp");
    let stamp = input_stamp(wasm)?;
    let outputs_present = ["js", "wasm"]
        .iter()
        .all(|ext| output_path(out_dir, ext).is_file());
    if outputs_present && fs::read_to_string(&stamp_path).ok().as_deref() == Some(&stamp) {
        return Ok(());
    }
    util::fresh_dir(out_dir)?;
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(wasm)
        .web(true)
        .context("selecting wasm-bindgen's web target")?
        .out_name(OUT_NAME)
        // Exports `__wbg_reset_state()`, a fresh instance of the same compiled module: the
        // background starts over with it after a trap instead of reusing a poisoned instance.
        .reset_state_function(true)
        .typescript(false)
        .omit_default_module_path(false)
        .remove_name_section(true)
        .remove_producers_section(true)
        .generate(out_dir)
        .with_context(|| format!("wasm-bindgen on {}", wasm.display()))?;
    fs::write(&stamp_path, stamp).with_context(|| format!("writing {}", stamp_path.display()))
}

/// Makes the next `bindgen` into `out_dir` run even though its input is unchanged (to check that
/// the bindings come out the same).
pub fn forget_bindings(out_dir: &Path) -> Result<()> {
    let stamp = out_dir.join(".input-stamp");
    match fs::remove_file(&stamp) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("removing {}", stamp.display()))
        }
        _ => Ok(()),
    }
}

/// The generated glue (`ext` = "js") or module (`ext` = "wasm") inside `dir`.
pub fn output_path(dir: &Path, ext: &str) -> PathBuf {
    match ext {
        "wasm" => dir.join(format!("{OUT_NAME}_bg.wasm")),
        _ => dir.join(format!("{OUT_NAME}.{ext}")),
    }
}

fn input_stamp(wasm: &Path) -> Result<String> {
    let meta = fs::metadata(wasm).with_context(|| format!("reading {}", wasm.display()))?;
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    Ok(format!(
        "{} {} {} {GLUE_OPTIONS}\n",
        env!("CARGO_PKG_VERSION"),
        meta.len(),
        modified
    ))
}

/// Checks that `wasm-bindgen` (linked by the core) and `wasm-bindgen-cli-support` (used here) are
/// the same version in `Cargo.lock`: their schemas must match or the generated glue is wrong.
pub fn check_pins(lock: &str) -> Result<String> {
    let lock: toml::Table = lock.parse().context("parsing Cargo.lock")?;
    let version_of = |name: &str| -> Result<String> {
        let versions: Vec<&str> = lock
            .get("package")
            .and_then(|p| p.as_array())
            .into_iter()
            .flatten()
            .filter(|p| p.get("name").and_then(|n| n.as_str()) == Some(name))
            .filter_map(|p| p.get("version").and_then(|v| v.as_str()))
            .collect();
        match versions.as_slice() {
            [one] => Ok(one.to_string()),
            [] => bail!("Cargo.lock has no package `{name}`"),
            many => bail!("Cargo.lock has several versions of `{name}`: {many:?}"),
        }
    };
    let linked = version_of("wasm-bindgen")?;
    let generator = version_of("wasm-bindgen-cli-support")?;
    if linked != generator {
        bail!(
            "wasm-bindgen {linked} (core) and wasm-bindgen-cli-support {generator} (xtask) differ; \
             pin both with `=` to the same version in Cargo.toml and xtask/Cargo.toml"
        );
    }
    Ok(linked)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pinned(manifest: &str, dependency: &str) -> String {
        let table: toml::Table = manifest.parse().unwrap();
        let mut found = Vec::new();
        let mut visit = |deps: Option<&toml::Value>| {
            if let Some(spec) = deps.and_then(|d| d.get(dependency)) {
                let version = spec
                    .as_str()
                    .or_else(|| spec.get("version").and_then(|v| v.as_str()))
                    .unwrap();
                found.push(version.to_string());
            }
        };
        visit(table.get("dependencies"));
        if let Some(targets) = table.get("target").and_then(|t| t.as_table()) {
            for target in targets.values() {
                visit(target.get("dependencies"));
            }
        }
        assert_eq!(found.len(), 1, "{dependency} declared once");
        found.pop().unwrap()
    }

    #[test]
    fn bindgen_pins_agree_in_manifests_and_lock() {
        let root = util::workspace_root();
        let core = pinned(
            &fs::read_to_string(root.join("Cargo.toml")).unwrap(),
            "wasm-bindgen",
        );
        let xtask = pinned(
            &fs::read_to_string(root.join("xtask/Cargo.toml")).unwrap(),
            "wasm-bindgen-cli-support",
        );
        assert!(
            core.starts_with('='),
            "wasm-bindgen pinned with `=`: {core}"
        );
        assert_eq!(core, xtask, "the two pins must be the same exact version");
        let locked = check_pins(&fs::read_to_string(root.join("Cargo.lock")).unwrap()).unwrap();
        assert_eq!(format!("={locked}"), core);
    }

    #[test]
    fn check_pins_rejects_a_mismatch() {
        let lock = r#"
            [[package]]
            name = "wasm-bindgen"
            version = "0.2.1"
            [[package]]
            name = "wasm-bindgen-cli-support"
            version = "0.2.2"
        "#;
        let error = check_pins(lock).unwrap_err().to_string();
        assert!(
            error.contains("0.2.1") && error.contains("0.2.2"),
            "{error}"
        );
    }
}
