//! `cargo xtask build`: the core to Wasm, its bindings, and the folders and zips in `dist/`.
//!
//! Output (the contract in docs/ARCHITECTURE.md):
//! `dist/chrome/`, `dist/firefox/` (everything under `extension/` except the template and the
//! domain list, plus the generated `manifest.json`, the glue in `core/`, the core's bytes in
//! `content/wasm.js` and `icons/`; the content script's modules replaced by their bundle, see
//! `bundle_content`), `dist/bersih-chrome.zip`,
//! `dist/bersih-firefox.zip`, and `dist/www/` (a copy of `www/` plus the same `core/`).
//! Cargo decides whether the Wasm is rebuilt; bindings are regenerated only when the Wasm changed;
//! the dist folders are reassembled every time (a fraction of a second) so no stale file survives.

use anyhow::{ensure, Context, Result};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::manifest::{self, Browser};
use crate::{icons, pack, platforms, prereq, util, wasm};

/// Files under `extension/` that are build inputs, not part of the extension.
const BUILD_INPUTS: [&str; 2] = ["manifest.template.json", "blogspot-domains.txt"];

/// The content script's entry module, and the one classic script it is bundled into.
const CONTENT_ENTRY: &str = "content/main.js";
const CONTENT_BUNDLE: &str = "content/bersih.js";
/// The platform tables (`platforms::module`), written beside the entry before bundling: generated
/// from rules/platforms/*.toml at every build, never a file of `extension/`.
pub const CONTENT_PLATFORMS: &str = "content/platforms.js";
/// The core's bytes, gzipped, as base64, in a classic script the manifest runs before the bundle
/// (`extension/lib/wasm.js` reads it): the one copy of the module in the extension, which the
/// background reads too.
const CONTENT_WASM: &str = "content/wasm.js";
/// Content-side files shipped as they are, besides the bundle: the flag scripts (registered apart,
/// lib/armed.js) and the core's bytes.
const CONTENT_KEPT: [&str; 3] = ["content/on.js", "content/on-defaults.js", CONTENT_WASM];

/// Where a finished build put things.
pub struct Output {
    pub dist: PathBuf,
    /// The generated module (as `dist/www/core/` has it; the extension folders carry it gzipped in
    /// `CONTENT_WASM`).
    pub wasm: PathBuf,
    /// Where the bindings were generated (reused while the Wasm is unchanged).
    pub bindings: PathBuf,
}

pub fn run(args: &[String]) -> Result<()> {
    ensure!(args.is_empty(), "`build` takes no arguments, got {args:?}");
    let started = Instant::now();
    // Node.js and npm: the content script is bundled with esbuild from node_modules.
    let needs = prereq::Needs {
        node: true,
        ..prereq::Needs::default()
    };
    prereq::ensure(&util::workspace_root(), needs)?;
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

    // The content script is bundled with esbuild from node_modules (its binary comes in the npm
    // package; nothing is downloaded at build time).
    prereq::npm_ci_if_stale(&root)?;

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
        assemble(&root, &extension, &core, &dir, &manifest)
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
    copy_core(&core, &www.join("core"), &["js", "wasm"])?;

    Ok(Output {
        wasm: wasm::output_path(&www.join("core"), "wasm"),
        dist,
        bindings: core,
    })
}

fn assemble(
    root: &Path,
    extension: &Path,
    core: &Path,
    dir: &Path,
    manifest: &serde_json::Value,
) -> Result<()> {
    util::fresh_dir(dir)?;
    util::copy_tree(extension, dir, &BUILD_INPUTS)?;
    copy_core(core, &dir.join("core"), &["js"])?;
    write_wasm_script(core, dir)?;
    bundle_content(root, dir)?;
    minify(root, dir)?;
    add_compile_hint(&dir.join(CONTENT_BUNDLE))?;
    strip_locale_notes(dir)?;
    icons::write_all(&dir.join("icons"))?;
    let text = serde_json::to_string_pretty(manifest).context("serializing the manifest")? + "\n";
    fs::write(dir.join("manifest.json"), text).context("writing manifest.json")?;
    manifest::check_references(manifest, dir)
}

/// Writes `CONTENT_WASM` into `dir`: the core gzipped at the best level, as base64, in the one line
/// `globalThis.__bersihWasm = "...";` that `extension/lib/wasm.js` reads (the content script from
/// its world, the background from the file's text). Base64 of gzip is as small in the store zip
/// as the gzip itself; the raw module would be read twice and compress worse inside a string.
fn write_wasm_script(core: &Path, dir: &Path) -> Result<()> {
    use base64::Engine as _;
    let wasm = wasm::output_path(core, "wasm");
    let bytes = fs::read(&wasm).with_context(|| format!("reading {}", wasm.display()))?;
    let text = format!(
        "// The Bersih core (Rust compiled to WebAssembly from src/ and rules/), gzipped, as base64.\n\
         // Written by xtask/src/build.rs; read by extension/lib/wasm.js.\n\
         globalThis.__bersihWasm = \"{}\";\n",
        base64::engine::general_purpose::STANDARD.encode(gzip(&bytes)?)
    );
    let path = dir.join(CONTENT_WASM);
    fs::write(&path, text).with_context(|| format!("writing {}", path.display()))
}

/// Bundles the content script in `dir` (an assembled extension folder) into `CONTENT_BUNDLE`: one
/// classic script with every module it imports (the core's bytes come apart, in `CONTENT_WASM`), so
/// that the content script needs no web-accessible file. The platform tables are generated into
/// `CONTENT_PLATFORMS` first (from rules/platforms/, `platforms::module`). Then the bundled sources
/// are removed from `dir`: `content/` keeps the bundle and `CONTENT_KEPT`, `lib/core.js` (the
/// content script's alone) goes; the other `lib/` modules stay for the extension's pages. Minified
/// with the rest afterwards (`minify`).
fn bundle_content(root: &Path, dir: &Path) -> Result<()> {
    let esbuild = esbuild(root)?;
    let tables = dir.join(CONTENT_PLATFORMS);
    ensure!(
        !tables.exists(),
        "extension/{CONTENT_PLATFORMS} exists: it is generated from {} at build time, remove it",
        platforms::DIR
    );
    let module = platforms::module(&platforms::load(root)?)?;
    fs::write(&tables, module).with_context(|| format!("writing {}", tables.display()))?;
    util::run(
        Command::new(&esbuild)
            .arg(dir.join(CONTENT_ENTRY))
            .args([
                "--bundle",
                "--format=iife",
                "--target=es2022",
                "--charset=ascii",
                "--legal-comments=none",
                // The glue's async `init` resolves its default path from `import.meta.url`; the
                // content script only uses `initSync` with the inlined bytes.
                "--log-override:empty-import-meta=silent",
                "--log-level=warning",
            ])
            .arg(format!("--outfile={}", dir.join(CONTENT_BUNDLE).display())),
        "bundling the content script with esbuild",
    )?;
    let content = dir.join("content");
    for entry in fs::read_dir(&content).with_context(|| format!("listing {}", content.display()))? {
        let path = entry?.path();
        let name = format!(
            "content/{}",
            path.file_name().unwrap_or_default().to_string_lossy()
        );
        if name != CONTENT_BUNDLE && !CONTENT_KEPT.contains(&name.as_str()) {
            fs::remove_file(&path).with_context(|| format!("removing {}", path.display()))?;
        }
    }
    fs::remove_file(dir.join("lib/core.js")).context("removing lib/core.js (bundled)")
}

/// esbuild from the project's `node_modules` (its binary comes in the npm package), or why not.
fn esbuild(root: &Path) -> Result<PathBuf> {
    let esbuild = root.join("node_modules/.bin/esbuild");
    ensure!(
        esbuild.is_file(),
        "{} is missing: run `npm ci`",
        esbuild.display()
    );
    Ok(esbuild)
}

/// Minifies every script and stylesheet of the assembled folder `dir` in place, except the core's
/// bytes (`CONTENT_WASM`, one string already; the background reads its text): whitespace and
/// comments go and syntax is shortened, but no identifier is renamed, so a stack trace in a bug
/// report still names the functions of `extension/`, and DevTools' pretty-print gives readable
/// code. The store zip is ~15% smaller for it (the sources are commented at length), which keeps it
/// within the 150 KB budget (issue 10). Chrome's store allows minification (not obfuscation);
/// Firefox's asks for the source of minified code, which the release's source archive is. The
/// folders in `dist/` are what the zips hold, so the end-to-end tests run the shipped code.
fn minify(root: &Path, dir: &Path) -> Result<()> {
    let esbuild = esbuild(root)?;
    let wasm = dir.join(CONTENT_WASM);
    let mut inputs: Vec<PathBuf> = util::files_under(dir)?
        .into_iter()
        .filter(|p| {
            *p != wasm && matches!(p.extension().and_then(|e| e.to_str()), Some("js" | "css"))
        })
        .collect();
    inputs.sort();
    util::run(
        Command::new(&esbuild)
            .args(&inputs)
            .args([
                "--minify-whitespace",
                "--minify-syntax",
                "--charset=ascii",
                "--legal-comments=none",
                "--allow-overwrite",
                "--log-level=warning",
            ])
            .arg(format!("--outbase={}", dir.display()))
            .arg(format!("--outdir={}", dir.display())),
        "minifying the extension's scripts with esbuild",
    )
}

/// V8's explicit compile hint (Chrome 136 and later; a plain comment to other engines), the first
/// line of the content bundle: compile every function of the script as it is loaded. V8 otherwise
/// pre-parses each function and compiles it on its first call, and most of the bundle's functions
/// run on every page (the rehearsal of `content/warm.js` calls them at document_start), so each is
/// parsed twice and compiled one by one. Measured on the fixture pages (`tests/e2e/bench.mjs`, five
/// rounds, builds alternating, 2026-12-02): the rehearsal 1–2 ms shorter and the extension's
/// main-thread CPU time 3–6 ms lower, every round with it below every round without (README).
const COMPILE_HINT: &str = "//# allFunctionsCalledOnLoad\n";

/// Puts [`COMPILE_HINT`] first in the (minified) script at `path`.
fn add_compile_hint(path: &Path) -> Result<()> {
    let code = read(path)?;
    fs::write(path, format!("{COMPILE_HINT}{code}"))
        .with_context(|| format!("writing {}", path.display()))
}

/// Removes the translators' notes (`description`) from every `_locales/*/messages.json` in `dir`:
/// the browser never reads them, and they are a tenth of the store zip's text. The messages
/// themselves are written back unchanged.
fn strip_locale_notes(dir: &Path) -> Result<()> {
    let locales = dir.join("_locales");
    if !locales.is_dir() {
        return Ok(());
    }
    for path in util::files_under(&locales)? {
        if path.file_name().is_none_or(|n| n != "messages.json") {
            continue;
        }
        let mut messages: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&read(&path)?)
                .with_context(|| format!("parsing {}", path.display()))?;
        for message in messages.values_mut() {
            if let Some(entry) = message.as_object_mut() {
                entry.remove("description");
            }
        }
        let text = serde_json::to_string(&messages).context("serializing messages")? + "\n";
        fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

/// `bytes` gzipped with Zopfli: a deflate stream any gunzip reads (the browser's
/// `DecompressionStream("gzip")` here), searched harder than zlib's `-9` for a smaller one. The
/// header has no name and time (the build is deterministic). Zopfli's default 15 iterations; more
/// bought nothing measurable on the core.
fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    zopfli::compress(
        zopfli::Options::default(),
        zopfli::Format::Gzip,
        bytes,
        &mut out,
    )
    .context("gzip (zopfli)")?;
    Ok(out)
}

/// Copies the generated files of kinds `exts` (`js`: the glue, `wasm`: the module; not the stamp)
/// into `to`.
fn copy_core(core: &Path, to: &Path, exts: &[&str]) -> Result<()> {
    fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    for &ext in exts {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compile_hint_is_the_first_line_and_the_code_follows_unchanged() {
        let dir = std::env::temp_dir().join(format!("xtask-hint-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("bundle.js");
        fs::write(&path, "(()=>{var a=1;})();\n").unwrap();
        add_compile_hint(&path).unwrap();
        let code = fs::read_to_string(&path).unwrap();
        fs::remove_dir_all(&dir).unwrap();
        assert_eq!(
            code, "//# allFunctionsCalledOnLoad\n(()=>{var a=1;})();\n",
            "the hint opens the script, before any code"
        );
        let missing = add_compile_hint(&dir.join("missing.js")).unwrap_err();
        assert!(format!("{missing:#}").contains("missing.js"), "{missing:#}");
    }
}
