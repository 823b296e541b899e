//! `cargo xtask release`: everything a store submission needs, in `dist/release/`.
//!
//! - `bersih-VERSION-chrome.zip`, `bersih-VERSION-firefox.zip`: the store zips, built twice (the
//!   second time with the bindings generated anew and every folder reassembled) and refused unless
//!   both builds give the same bytes;
//! - `bersih-VERSION-source.zip`: every file git tracks, plus `BUILD-FOR-REVIEW.md` naming the
//!   toolchain and the steps that rebuild the Firefox zip byte for byte (addons.mozilla.org asks
//!   for the source of any generated code, here the Wasm core and its glue);
//! - `PRIVACY.md`, the store listing texts `listing-en.md` and `listing-id.md` (from `store/`), and
//!   `CHANGELOG-VERSION.md`, this version's section of `CHANGELOG.md`;
//! - `SHA256SUMS` over all of them.
//!
//! The version has one source, `version` in the root `Cargo.toml`: the manifests, the file names,
//! the CHANGELOG section that must exist and the review notes all take it from there.

use anyhow::{bail, ensure, Context, Result};
use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;

use crate::{build, pack, util, wasm};

/// The store zips `cargo xtask build` writes into `dist/`, by browser.
const STORE_ZIPS: [(&str, &str); 2] = [
    ("chrome", "bersih-chrome.zip"),
    ("firefox", "bersih-firefox.zip"),
];

/// Store listing sections, in order, each with the longest length in characters the tighter of
/// the two stores accepts (name: addons.mozilla.org's 50; summary: Chrome's 132 for the short
/// description; single purpose: Chrome's 1,000); `None` for no limit.
const LISTING_SECTIONS: [(&str, Option<usize>); 5] = [
    ("Name", Some(50)),
    ("Summary", Some(132)),
    ("Description", Some(10_000)),
    ("Single purpose", Some(1_000)),
    ("Permissions", None),
];
const LISTING_LANGUAGES: [&str; 2] = ["en", "id"];

pub fn run(args: &[String]) -> Result<()> {
    let allow_dirty = match args {
        [] => false,
        [flag] if flag == "--allow-dirty" => true,
        _ => crate::usage!(
            "usage: cargo xtask release [--allow-dirty]\n  --allow-dirty  \
             make the source archive from a tree with uncommitted changes (it then says so)"
        ),
    };
    let root = util::workspace_root();
    let version = util::metadata(&root)?.core_version;
    // Everything that can be wrong without building is checked first.
    let changelog = changelog_section(&read(&root.join("CHANGELOG.md"))?, &version)?;
    let mut listings = Vec::new();
    for lang in LISTING_LANGUAGES {
        let file = format!("store/{lang}.md");
        let text = read(&root.join(&file))?;
        check_listing(&text).with_context(|| format!("in {file}"))?;
        listings.push((lang, text));
    }
    let privacy = read(&root.join("PRIVACY.md"))?;
    let tree = Tree::read(&root)?;
    ensure!(
        allow_dirty || tree.clean,
        "tracked files have uncommitted changes (`git status`): commit them, or pass \
         --allow-dirty for a trial release"
    );

    let zips = build_twice()?;
    let out = root.join("dist/release");
    util::fresh_dir(&out)?;
    let mut written: Vec<(String, Vec<u8>)> = Vec::new();
    for (browser, bytes) in &zips {
        written.push((format!("bersih-{version}-{browser}.zip"), bytes.clone()));
    }
    let notes = review_notes(&root, &version, &tree, &zips)?;
    let prefix = format!("bersih-{version}");
    let mut source = tree.files(&root, &prefix)?;
    source.push((format!("{prefix}/BUILD-FOR-REVIEW.md"), notes.into_bytes()));
    let source_zip = out.join(format!("bersih-{version}-source.zip"));
    pack::zip_entries(source, &source_zip)?;
    written.push((
        format!("bersih-{version}-source.zip"),
        fs::read(&source_zip).with_context(|| format!("reading {}", source_zip.display()))?,
    ));
    written.push(("PRIVACY.md".into(), privacy.into_bytes()));
    for (lang, text) in listings {
        written.push((format!("listing-{lang}.md"), text.into_bytes()));
    }
    written.push((format!("CHANGELOG-{version}.md"), changelog.into_bytes()));

    let mut sums = String::new();
    for (name, bytes) in &written {
        fs::write(out.join(name), bytes).with_context(|| format!("writing {name}"))?;
        writeln!(sums, "{}  {name}", sha256_hex(bytes))?;
    }
    fs::write(out.join("SHA256SUMS"), &sums).context("writing SHA256SUMS")?;
    println!("\nrelease {version} in {}:", out.display());
    for (name, bytes) in &written {
        println!("  {name:<34} {:>9} bytes", bytes.len());
    }
    println!("  SHA256SUMS");
    if !tree.clean {
        println!("note: made from a tree with uncommitted changes (--allow-dirty)");
    }
    Ok(())
}

/// Builds, keeps the store zips, builds again with the bindings generated anew (the Wasm itself is
/// cargo's, which rebuilds only on change) and every folder reassembled, and fails unless both
/// builds gave the same bytes. Returns the zips by browser name. `cargo xtask test` runs this as its
/// build step, so a build that is not reproducible fails the tests.
pub fn build_twice() -> Result<Vec<(&'static str, Vec<u8>)>> {
    let read_zips = |dist: &Path| -> Result<Vec<(&'static str, Vec<u8>)>> {
        STORE_ZIPS
            .iter()
            .map(|(browser, file)| {
                let path = dist.join(file);
                let bytes =
                    fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
                Ok((*browser, bytes))
            })
            .collect()
    };
    let first = build::build()?;
    let one = read_zips(&first.dist)?;
    eprintln!("==> building again, bindings included, to check the zips are the same bytes");
    wasm::forget_bindings(&first.bindings)?;
    let second = build::build()?;
    let two = read_zips(&second.dist)?;
    for ((browser, a), (_, b)) in one.iter().zip(&two) {
        if a != b {
            let differ = pack::differing_entries(a, b)?;
            bail!(
                "the {browser} zip differs between two builds of the same source: {}",
                if differ.is_empty() {
                    "same files, different zip bytes".to_string()
                } else {
                    differ.join(", ")
                }
            );
        }
    }
    eprintln!(
        "same bytes twice: {}",
        one.iter()
            .map(|(browser, bytes)| format!("{browser} {}", &sha256_hex(bytes)[..16]))
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok(one)
}

/// The section `## VERSION` of the changelog (up to the next `## `), which must say something.
fn changelog_section(changelog: &str, version: &str) -> Result<String> {
    let is_heading = |line: &str| {
        line.strip_prefix("## ")
            .is_some_and(|rest| rest.split_whitespace().next() == Some(version))
    };
    let Some(start) = changelog.lines().position(is_heading) else {
        bail!(
            "CHANGELOG.md has no `## {version}` section: say what this version changes for its \
             users, then release again (the version is `version` in Cargo.toml)"
        );
    };
    let section: Vec<&str> = changelog
        .lines()
        .skip(start)
        .enumerate()
        .take_while(|(i, line)| *i == 0 || !line.starts_with("## "))
        .map(|(_, line)| line)
        .collect();
    ensure!(
        section.iter().skip(1).any(|l| !l.trim().is_empty()),
        "CHANGELOG.md's `## {version}` section is empty"
    );
    Ok(section.join("\n").trim_end().to_string() + "\n")
}

/// A listing has the sections of `LISTING_SECTIONS`, in order, each non-empty and within its limit.
fn check_listing(text: &str) -> Result<()> {
    let mut sections: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if let Some(title) = line.strip_prefix("## ") {
            sections.push((title.trim().to_string(), String::new()));
        } else if let Some((_, body)) = sections.last_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    let titles: Vec<&str> = sections.iter().map(|(t, _)| t.as_str()).collect();
    let expected: Vec<&str> = LISTING_SECTIONS.iter().map(|(t, _)| *t).collect();
    ensure!(
        titles == expected,
        "sections are {titles:?}, expected `## ` sections {expected:?}"
    );
    for ((title, body), (_, limit)) in sections.iter().zip(LISTING_SECTIONS) {
        let body = body.trim();
        ensure!(!body.is_empty(), "the section `{title}` is empty");
        let chars = body.chars().count();
        if let Some(limit) = limit {
            ensure!(
                chars <= limit,
                "the section `{title}` has {chars} characters; the store takes {limit}"
            );
        }
    }
    Ok(())
}

/// The files git tracks, read from the working tree, and whether they match the last commit.
struct Tree {
    paths: Vec<String>,
    commit: String,
    clean: bool,
}

impl Tree {
    fn read(root: &Path) -> Result<Tree> {
        let git = |args: &[&str]| -> Result<String> {
            let output = Command::new("git")
                .args(args)
                .current_dir(root)
                .output()
                .context("running git (the source archive lists the files git tracks)")?;
            ensure!(
                output.status.success(),
                "`git {}` failed: {}",
                args.join(" "),
                String::from_utf8_lossy(&output.stderr).trim()
            );
            Ok(String::from_utf8_lossy(&output.stdout).into_owned())
        };
        let paths = git(&["ls-files", "-z"])?
            .split('\0')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
        Ok(Tree {
            paths,
            commit: git(&["rev-parse", "HEAD"])?.trim().to_string(),
            clean: git(&["status", "--porcelain", "--untracked-files=no"])?
                .trim()
                .is_empty(),
        })
    }

    /// Every tracked file that exists, as `(PREFIX/path, bytes)`.
    fn files(&self, root: &Path, prefix: &str) -> Result<Vec<(String, Vec<u8>)>> {
        let mut out = Vec::new();
        for path in &self.paths {
            let file = root.join(path);
            if !file.is_file() {
                continue; // deleted in a dirty tree
            }
            let bytes = fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
            out.push((format!("{prefix}/{path}"), bytes));
        }
        Ok(out)
    }
}

/// `BUILD-FOR-REVIEW.md`: what this release was built with and how to rebuild it byte for byte.
fn review_notes(
    root: &Path,
    version: &str,
    tree: &Tree,
    zips: &[(&str, Vec<u8>)],
) -> Result<String> {
    let tool = |program: &str, args: &[&str]| -> String {
        util::first_line(program, args, root).unwrap_or_else(|| format!("({program} not found)"))
    };
    let rustc = tool("rustc", &["--version"]);
    let rust_version = rustc
        .split_whitespace()
        .nth(1)
        .unwrap_or("stable")
        .to_string();
    let os = fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|r| {
            r.lines()
                .find_map(|l| l.strip_prefix("PRETTY_NAME="))
                .map(|v| v.trim_matches('"').to_string())
        })
        .unwrap_or_else(|| std::env::consts::OS.to_string());
    let sha = |browser: &str| {
        zips.iter()
            .find(|(b, _)| *b == browser)
            .map(|(_, bytes)| sha256_hex(bytes))
            .unwrap_or_default()
    };
    let dirty = if tree.clean {
        String::new()
    } else {
        "\n**This archive was made from a tree with uncommitted changes: a trial, not a release.**\n"
            .to_string()
    };
    Ok(format!(
        "# Building Bersih {version} from this source\n\
{dirty}\n\
This is the complete source of `bersih-{version}-firefox.zip` and `bersih-{version}-chrome.zip`\n\
(git commit `{commit}`).\n\
The add-on's core, in `content/wasm.js` (the module gzipped, as base64, written by\n\
`xtask/src/build.rs`), is Rust compiled to WebAssembly from `src/` and `rules/`; its JavaScript\n\
glue `core/bersih.js` is generated by\n\
wasm-bindgen (the `wasm-bindgen-cli-support` crate, run inside `xtask/`). `manifest.json` is\n\
generated from `extension/manifest.template.json` and the icons are drawn by `xtask/src/icons.rs`;\n\
`content/bersih.js` is the content script's modules under `extension/content/` and `extension/lib/`\n\
bundled with esbuild (pinned in `package-lock.json`). Every script and stylesheet is minified with\n\
esbuild (whitespace, comments and syntax only: no name is changed), and the translators' notes are\n\
removed from `_locales/*/messages.json`; every other file is copied from `extension/` unchanged.\n\
\n\
## Built with\n\
\n\
- {os}, {arch}\n\
- {rustc} with the `wasm32-unknown-unknown` target (`rust-toolchain.toml` asks rustup for it)\n\
- {cargo}\n\
- the crates pinned in `Cargo.lock`, from crates.io\n\
\n\
## Steps\n\
\n\
1. Install Rust with rustup (https://rustup.rs), then this exact toolchain: \
`rustup toolchain install {rust_version} --target wasm32-unknown-unknown`; and Node.js 20 or later\n\
with npm (the build runs `npm ci` for esbuild)\n\
2. Unpack this archive and enter its folder: `unzip bersih-{version}-source.zip && cd bersih-{version}`\n\
3. Build: `cargo +{rust_version} xtask build` (the first run downloads the crates; a few minutes).\n\
4. Compare: `sha256sum dist/bersih-firefox.zip dist/bersih-chrome.zip` prints\n\
\n\
```\n\
{sha_firefox}  dist/bersih-firefox.zip\n\
{sha_chrome}  dist/bersih-chrome.zip\n\
```\n\
\n\
The build is reproducible: entries are zipped in a fixed order with fixed dates, and the Wasm\n\
build writes cargo's home folder as `/cargo`, so neither the folder it runs in nor the user\n\
changes the bytes. `cargo xtask release` checks this by building twice.\n\
\n\
`README.md` describes the project; `PRIVACY.md` what the add-on stores (nothing leaves the browser).\n",
        commit = tree.commit,
        arch = std::env::consts::ARCH,
        cargo = tool("cargo", &["--version"]),
        sha_firefox = sha("firefox"),
        sha_chrome = sha("chrome"),
    ))
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_changelog_section_of_the_version_is_taken_whole() {
        let log = "# Changelog\n\n## 0.2.0 — 2026-12-01\n\n- new\n\n## 0.1.0\n\n- old\n";
        assert_eq!(
            changelog_section(log, "0.2.0").unwrap(),
            "## 0.2.0 — 2026-12-01\n\n- new\n"
        );
        assert_eq!(
            changelog_section(log, "0.1.0").unwrap(),
            "## 0.1.0\n\n- old\n"
        );
        let missing = changelog_section(log, "0.3.0").unwrap_err().to_string();
        assert!(missing.contains("no `## 0.3.0` section"), "{missing}");
        assert!(changelog_section("## 0.1.0\n\n## 0.0.9\n- x\n", "0.1.0").is_err());
        assert!(changelog_section("## 0.1.01\n- x\n", "0.1.0").is_err());
    }

    #[test]
    fn listings_need_every_section_within_its_limit() {
        let good = "# Bersih\n\n## Name\nBersih\n## Summary\nHides ads.\n## Description\nLong.\n\
                    ## Single purpose\nOne.\n## Permissions\n- storage\n";
        check_listing(good).unwrap();
        let long = good.replace("Hides ads.", &"x".repeat(133));
        assert!(check_listing(&long)
            .unwrap_err()
            .to_string()
            .contains("133 characters"));
        let empty = good.replace("One.", "");
        assert!(check_listing(&empty)
            .unwrap_err()
            .to_string()
            .contains("empty"));
        let reordered = good
            .replace("## Name\nBersih\n", "")
            .replace("# Bersih", "## Name\nB\n");
        assert!(check_listing(&reordered.replace("## Summary", "## Sumary")).is_err());
    }

    #[test]
    fn the_committed_texts_pass_the_release_checks_for_this_version() {
        let root = util::workspace_root();
        for lang in LISTING_LANGUAGES {
            let text = read(&root.join(format!("store/{lang}.md"))).unwrap();
            check_listing(&text).unwrap_or_else(|e| panic!("store/{lang}.md: {e:#}"));
        }
        let manifest: toml::Table = read(&root.join("Cargo.toml")).unwrap().parse().unwrap();
        let version = manifest["package"]["version"].as_str().unwrap();
        let changelog = read(&root.join("CHANGELOG.md")).unwrap();
        changelog_section(&changelog, version).unwrap();
        read(&root.join("PRIVACY.md")).unwrap();
    }

    #[test]
    fn sha256_is_the_standard_one() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
