//! `cargo xtask build`: the core to Wasm, its bindings, and the folders and zips in `dist/`.
//!
//! Output (the contract in docs/ARCHITECTURE.md):
//! `dist/chrome/`, `dist/firefox/` (everything under `extension/` except the template and the
//! domain list, plus the generated `manifest.json`, `core/` and `icons/`), `dist/bersih-chrome.zip`,
//! `dist/bersih-firefox.zip`, and `dist/www/` (a copy of `www/` plus the same `core/`).
//! Cargo decides whether the Wasm is rebuilt; bindings are regenerated only when the Wasm changed;
//! the dist folders are reassembled every time (a fraction of a second) so no stale file survives.

use anyhow::{ensure, Context, Result};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::manifest::{self, Browser};
use crate::{icons, pack, util, wasm};

/// Files under `extension/` that are build inputs, not part of the extension.
const BUILD_INPUTS: [&str; 2] = ["manifest.template.json", "blogspot-domains.txt"];

/// Where a finished build put things.
pub struct Output {
    pub dist: PathBuf,
    /// The generated module, as shipped in every folder.
    pub wasm: PathBuf,
    /// Where the bindings were generated (reused while the Wasm is unchanged).
    pub bindings: PathBuf,
}

pub fn run(args: &[String]) -> Result<()> {
    ensure!(args.is_empty(), "`build` takes no arguments, got {args:?}");
    let started = Instant::now();
    let output = build()?;
    let size = fs::metadata(&output.wasm)
        .with_context(|| format!("reading {}", output.wasm.display()))?
        .len();
    println!(
        "built {} in {:.1}s (core {} bytes)",
        output.dist.display(),
        started.elapsed().as_secs_f32(),
        size
    );
    Ok(())
}

/// The whole build; other commands (`test`, `bench`, `eval-pages`) call this directly.
pub fn build() -> Result<Output> {
    let root = util::workspace_root();
    let meta = util::metadata(&root)?;
    let lock = fs::read_to_string(root.join("Cargo.lock")).context("reading Cargo.lock")?;
    wasm::check_pins(&lock)?;

    step("compiling the core to Wasm");
    let raw = wasm::compile(&root, &meta.target_dir)?;

    step("generating bindings");
    let core = util::checkout_dir(&meta.target_dir, "bindgen-per-checkout", &root);
    wasm::bindgen(&raw, &core).context("generating the wasm-bindgen glue")?;

    let dist = root.join("dist");
    let extension = root.join("extension");
    let template = read(&extension.join("manifest.template.json"))?;
    let domains = manifest::parse_domains(&read(&extension.join("blogspot-domains.txt"))?)
        .context("in extension/blogspot-domains.txt")?;
    for browser in Browser::ALL {
        step(&format!("assembling dist/{}", browser.name()));
        let dir = dist.join(browser.name());
        let manifest = manifest::generate(&template, browser, &meta.core_version, &domains)
            .with_context(|| format!("generating the {} manifest", browser.name()))?;
        assemble(&extension, &core, &dir, &manifest)
            .with_context(|| format!("assembling {}", dir.display()))?;
        let zip = dist.join(format!("bersih-{}.zip", browser.name()));
        pack::zip_dir(&dir, &zip)?;
    }

    step("assembling dist/www");
    let www = dist.join("www");
    util::fresh_dir(&www)?;
    if root.join("www").is_dir() {
        util::copy_tree(&root.join("www"), &www, &[])?;
    }
    copy_core(&core, &www.join("core"))?;

    Ok(Output {
        wasm: wasm::output_path(&dist.join(Browser::Chrome.name()).join("core"), "wasm"),
        dist,
        bindings: core,
    })
}

fn assemble(extension: &Path, core: &Path, dir: &Path, manifest: &serde_json::Value) -> Result<()> {
    util::fresh_dir(dir)?;
    util::copy_tree(extension, dir, &BUILD_INPUTS)?;
    copy_core(core, &dir.join("core"))?;
    icons::write_all(&dir.join("icons"))?;
    let text = serde_json::to_string_pretty(manifest).context("serializing the manifest")? + "\n";
    fs::write(dir.join("manifest.json"), text).context("writing manifest.json")?;
    manifest::check_references(manifest, dir)
}

/// Copies the generated glue and module (not the stamp) into `to`.
fn copy_core(core: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    for ext in ["js", "wasm"] {
        let from = wasm::output_path(core, ext);
        let target = wasm::output_path(to, ext);
        fs::copy(&from, &target)
            .with_context(|| format!("copying {} to {}", from.display(), target.display()))?;
    }
    Ok(())
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

fn step(what: &str) {
    eprintln!("==> {what}");
}
