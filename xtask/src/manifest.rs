//! Turns the one manifest template, `extension/manifest.template.json`, into each browser's
//! `manifest.json`, and checks that every file a manifest names exists in the built folder.
//!
//! The template is plain JSON with three conventions, resolved at every depth:
//! - a key starting with `//` is a comment (JSON has none) and is dropped; the project's rule is that
//!   every unusual entry has one beside it saying why it is there;
//! - an object may hold `"__chrome__": {...}` and `"__firefox__": {...}`: the one for the browser
//!   being built is deep-merged into that object (objects merge key by key, anything else
//!   replaces), the other is dropped;
//! - the string `"$blogspot"` inside an array expands to one match pattern per Blogger domain
//!   listed in `extension/blogspot-domains.txt` (`*://*.blogspot.com/*`, ...).
//!
//! `version` comes from the core crate's version and must not be in the template.

use anyhow::{bail, ensure, Context, Result};
use serde_json::{Map, Value};
use std::path::Path;

/// The browsers the extension is built for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Browser {
    Chrome,
    Firefox,
}

impl Browser {
    pub const ALL: [Browser; 2] = [Browser::Chrome, Browser::Firefox];

    /// The folder and zip name: `dist/chrome`, `dist/bersih-firefox.zip`.
    pub fn name(self) -> &'static str {
        match self {
            Browser::Chrome => "chrome",
            Browser::Firefox => "firefox",
        }
    }

    fn section(self) -> &'static str {
        match self {
            Browser::Chrome => "__chrome__",
            Browser::Firefox => "__firefox__",
        }
    }
}

const SECTIONS: [&str; 2] = ["__chrome__", "__firefox__"];
const BLOGSPOT: &str = "$blogspot";

/// Parses the Blogger domain list: one domain a line, `#` starts a comment.
pub fn parse_domains(text: &str) -> Result<Vec<String>> {
    let mut domains: Vec<String> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let domain = line.split('#').next().unwrap_or("").trim();
        if domain.is_empty() {
            continue;
        }
        let line_no = index + 1;
        ensure!(
            domain.starts_with("blogspot.")
                && domain
                    .split('.')
                    .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase())),
            "line {line_no}: `{domain}` is not a lower-case blogspot.<tld> domain"
        );
        ensure!(
            !domains.iter().any(|d| d == domain),
            "line {line_no}: `{domain}` is listed twice"
        );
        domains.push(domain.to_string());
    }
    ensure!(!domains.is_empty(), "no domains listed");
    Ok(domains)
}

/// Builds one browser's manifest from the template text.
pub fn generate(
    template: &str,
    browser: Browser,
    version: &str,
    domains: &[String],
) -> Result<Value> {
    let template: Value = serde_json::from_str(template).context("parsing the template as JSON")?;
    ensure!(template.is_object(), "the template must be a JSON object");
    ensure!(
        template.get("version").is_none(),
        "the template must not set `version`: it comes from the crate version"
    );
    let patterns: Vec<Value> = domains
        .iter()
        .map(|d| Value::String(format!("*://*.{d}/*")))
        .collect();
    let mut manifest = resolve(template, browser, &patterns)?;
    manifest["version"] = Value::String(manifest_version_string(version)?);
    ensure!(
        manifest["manifest_version"] == 3,
        "`manifest_version` must be 3"
    );
    Ok(manifest)
}

/// Browsers accept 1 to 4 dot-separated integers; a pre-release suffix (`0.2.0-beta.1`) is dropped.
fn manifest_version_string(version: &str) -> Result<String> {
    let core = version.split(['-', '+']).next().unwrap_or_default();
    ensure!(
        !core.is_empty() && core.split('.').all(|p| p.parse::<u32>().is_ok()),
        "crate version `{version}` cannot be a manifest version"
    );
    Ok(core.to_string())
}

fn resolve(value: Value, browser: Browser, patterns: &[Value]) -> Result<Value> {
    Ok(match value {
        Value::Object(object) => Value::Object(resolve_object(object, browser, patterns)?),
        Value::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                if item == BLOGSPOT {
                    out.extend(patterns.iter().cloned());
                } else {
                    out.push(resolve(item, browser, patterns)?);
                }
            }
            Value::Array(out)
        }
        Value::String(s) if s.starts_with('$') => bail!("unknown placeholder `{s}`"),
        other => other,
    })
}

fn resolve_object(
    mut object: Map<String, Value>,
    browser: Browser,
    patterns: &[Value],
) -> Result<Map<String, Value>> {
    let mut own = None;
    for section in SECTIONS {
        if let Some(value) = object.remove(section) {
            ensure!(value.is_object(), "`{section}` must be an object");
            if section == browser.section() {
                own = Some(value);
            }
        }
    }
    object.retain(|key, _| !key.starts_with("//"));
    if let Some(key) = object.keys().find(|k| k.starts_with("__")) {
        bail!("unknown template key `{key}` (per-browser sections are __chrome__ and __firefox__)");
    }
    let mut resolved = Map::new();
    for (key, value) in object {
        let value = resolve(value, browser, patterns).with_context(|| format!("in `{key}`"))?;
        resolved.insert(key, value);
    }
    if let Some(Value::Object(section)) = own {
        let section = resolve_object(section, browser, patterns)
            .with_context(|| format!("in `{}`", browser.section()))?;
        merge(&mut resolved, section);
    }
    Ok(resolved)
}

/// Deep merge: objects merge key by key, anything else in `from` replaces what `into` had.
fn merge(into: &mut Map<String, Value>, from: Map<String, Value>) {
    for (key, value) in from {
        match (into.get_mut(&key), value) {
            (Some(Value::Object(target)), Value::Object(source)) => merge(target, source),
            (_, value) => {
                into.insert(key, value);
            }
        }
    }
}

/// Every file the manifest names, relative to the extension folder. Globs in
/// `web_accessible_resources` (`content/*`) are returned as their folder (`content/`).
pub fn referenced_files(manifest: &Value) -> Vec<String> {
    let mut files = Vec::new();
    let mut push = |value: &Value| {
        if let Some(path) = value.as_str() {
            files.push(path.trim_start_matches('/').to_string());
        }
    };
    let strings = |value: &Value| -> Vec<Value> {
        match value {
            Value::Array(items) => items.clone(),
            Value::String(_) => vec![value.clone()],
            _ => Vec::new(),
        }
    };
    push(&manifest["background"]["service_worker"]);
    strings(&manifest["background"]["scripts"])
        .iter()
        .for_each(&mut push);
    for script in manifest["content_scripts"].as_array().into_iter().flatten() {
        strings(&script["js"]).iter().for_each(&mut push);
        strings(&script["css"]).iter().for_each(&mut push);
    }
    push(&manifest["action"]["default_popup"]);
    push(&manifest["options_ui"]["page"]);
    push(&manifest["options_page"]);
    for icons in [&manifest["icons"], &manifest["action"]["default_icon"]] {
        if let Some(icons) = icons.as_object() {
            icons.values().for_each(&mut push);
        }
    }
    if let Some(locale) = manifest["default_locale"].as_str() {
        files.push(format!("_locales/{locale}/messages.json"));
    }
    for entry in manifest["web_accessible_resources"]
        .as_array()
        .into_iter()
        .flatten()
    {
        for resource in strings(&entry["resources"]) {
            if let Some(resource) = resource.as_str() {
                files.push(match resource.strip_suffix('*') {
                    Some(folder) => folder.to_string(),
                    None => resource.to_string(),
                });
            }
        }
    }
    files.sort();
    files.dedup();
    files
}

/// Fails, naming every missing file, unless all files the manifest references are in `dir`, and
/// every `__MSG_name__` it uses is defined in the default locale's messages.
pub fn check_references(manifest: &Value, dir: &Path) -> Result<()> {
    let missing: Vec<String> = referenced_files(manifest)
        .into_iter()
        .filter(|file| {
            let path = dir.join(file);
            if file.ends_with('/') {
                !path.is_dir()
            } else {
                !path.is_file()
            }
        })
        .collect();
    ensure!(
        missing.is_empty(),
        "the manifest references files missing from {}: {} \
         (add them under extension/, or fix extension/manifest.template.json)",
        dir.display(),
        missing.join(", ")
    );
    if let Some(locale) = manifest["default_locale"].as_str() {
        let path = dir.join(format!("_locales/{locale}/messages.json"));
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let messages: Value =
            serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
        let mut undefined = Vec::new();
        collect_message_names(manifest, &mut |name| {
            if messages.get(name).and_then(|m| m.get("message")).is_none() {
                undefined.push(name.to_string());
            }
        });
        ensure!(
            undefined.is_empty(),
            "the manifest uses messages not defined in {}: {}",
            path.display(),
            undefined.join(", ")
        );
    }
    Ok(())
}

fn collect_message_names(value: &Value, found: &mut impl FnMut(&str)) {
    match value {
        Value::String(s) => {
            if let Some(name) = s.strip_prefix("__MSG_").and_then(|s| s.strip_suffix("__")) {
                found(name);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_message_names(v, found)),
        Value::Object(map) => map.values().for_each(|v| collect_message_names(v, found)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util;
    use std::fs;

    fn real(browser: Browser) -> Value {
        let root = util::workspace_root().join("extension");
        let template = fs::read_to_string(root.join("manifest.template.json")).unwrap();
        let domains =
            parse_domains(&fs::read_to_string(root.join("blogspot-domains.txt")).unwrap()).unwrap();
        generate(&template, browser, "1.2.3", &domains).unwrap()
    }

    const CSP: &str = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'";

    #[test]
    fn chrome_manifest_has_a_module_service_worker_and_no_gecko_keys() {
        let m = real(Browser::Chrome);
        assert!(m["background"]["service_worker"].is_string());
        assert_eq!(m["background"]["type"], "module");
        assert!(m["background"].get("scripts").is_none());
        assert!(m.get("browser_specific_settings").is_none());
        assert_eq!(m["content_security_policy"]["extension_pages"], CSP);
        assert_eq!(m["version"], "1.2.3");
        let text = m.to_string();
        assert!(
            !text.contains("__chrome__") && !text.contains("__firefox__") && !text.contains("\"//")
        );
    }

    #[test]
    fn firefox_manifest_has_scripts_gecko_id_and_data_collection() {
        let m = real(Browser::Firefox);
        assert!(m["background"].get("service_worker").is_none());
        assert!(!m["background"]["scripts"].as_array().unwrap().is_empty());
        assert_eq!(m["background"]["type"], "module");
        let gecko = &m["browser_specific_settings"]["gecko"];
        assert!(gecko["id"].as_str().unwrap().contains('@'));
        assert_eq!(
            gecko["data_collection_permissions"]["required"],
            serde_json::json!(["none"])
        );
        for settings in [gecko, &m["browser_specific_settings"]["gecko_android"]] {
            let min = settings["strict_min_version"].as_str().unwrap();
            let major: u32 = min.split('.').next().unwrap().parse().unwrap();
            assert!(major >= 142, "strict_min_version {min} must be >= 142");
        }
        assert_eq!(m["content_security_policy"]["extension_pages"], CSP);
        // Firefox warns about this Chrome-only key.
        let text = m.to_string();
        assert!(!text.contains("use_dynamic_url") && !text.contains("\"//"));
    }

    #[test]
    fn both_manifests_run_the_bundle_on_every_listed_blogspot_domain_and_expose_nothing() {
        for browser in Browser::ALL {
            let m = real(browser);
            let script = &m["content_scripts"][0];
            assert_eq!(
                script["js"],
                serde_json::json!(["content/wasm.js", "content/bersih.js"])
            );
            assert!(
                script.get("css").is_none(),
                "{browser:?}: no stylesheet on pages"
            );
            assert_eq!(script["run_at"], "document_start");
            // No file of the extension may be loadable by a web page (a page could tell that
            // Bersih is installed); the content script carries everything it needs.
            assert!(
                m.get("web_accessible_resources").is_none(),
                "{browser:?} exposes files to pages"
            );
            let matches = script["matches"].as_array().unwrap();
            for pattern in ["*://*.blogspot.com/*", "*://*.blogspot.co.id/*"] {
                assert!(
                    matches.iter().any(|p| p == pattern),
                    "{browser:?} lacks {pattern}"
                );
                assert!(m["host_permissions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|p| p == pattern));
            }
        }
    }

    #[test]
    fn per_browser_sections_merge_deeply_and_comments_drop() {
        let template = r#"{
            "manifest_version": 3,
            "//": "dropped",
            "a": {"keep": 1, "//why": "dropped", "__chrome__": {"c": true}, "__firefox__": {"f": true}},
            "list": [{"x": 1, "__firefox__": {"y": 2}}, "$blogspot"],
            "__firefox__": {"a": {"keep": 2}}
        }"#;
        let domains = vec!["blogspot.com".to_string()];
        let chrome = generate(template, Browser::Chrome, "0.1.0", &domains).unwrap();
        assert_eq!(
            chrome,
            serde_json::json!({"manifest_version": 3, "version": "0.1.0", "a": {"keep": 1, "c": true},
                "list": [{"x": 1}, "*://*.blogspot.com/*"]})
        );
        let firefox = generate(template, Browser::Firefox, "0.1.0-beta.2", &domains).unwrap();
        assert_eq!(
            firefox,
            serde_json::json!({"manifest_version": 3, "version": "0.1.0", "a": {"keep": 2, "f": true},
                "list": [{"x": 1, "y": 2}, "*://*.blogspot.com/*"]})
        );
    }

    #[test]
    fn bad_templates_are_rejected_with_a_reason() {
        let domains = vec!["blogspot.com".to_string()];
        let cases = [
            ("[]", "object"),
            (r#"{"manifest_version": 3, "version": "1"}"#, "version"),
            (r#"{"manifest_version": 2}"#, "manifest_version"),
            (r#"{"manifest_version": 3, "__edge__": {}}"#, "__edge__"),
            (r#"{"manifest_version": 3, "m": ["$nope"]}"#, "$nope"),
            (r#"{"manifest_version": 3, "__chrome__": []}"#, "__chrome__"),
        ];
        for (template, reason) in cases {
            let error = generate(template, Browser::Chrome, "0.1.0", &domains).unwrap_err();
            assert!(
                format!("{error:#}").contains(reason),
                "{template}: {error:#}"
            );
        }
    }

    #[test]
    fn domain_list_rejects_junk_and_duplicates() {
        assert_eq!(
            parse_domains("# header\nblogspot.com\n\nblogspot.co.id # Indonesia\n").unwrap(),
            ["blogspot.com", "blogspot.co.id"]
        );
        for bad in [
            "example.com",
            "blogspot.com\nblogspot.com",
            "blogspot..com",
            "Blogspot.com",
            "# only",
        ] {
            assert!(parse_domains(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn reference_check_names_missing_files_and_messages() {
        let dir = std::env::temp_dir().join(format!("xtask-refs-{}", std::process::id()));
        util::fresh_dir(&dir.join("_locales/en")).unwrap();
        util::fresh_dir(&dir.join("core")).unwrap();
        fs::write(
            dir.join("_locales/en/messages.json"),
            r#"{"extName": {"message": "B"}}"#,
        )
        .unwrap();
        fs::write(dir.join("bg.js"), "").unwrap();
        let manifest = serde_json::json!({
            "name": "__MSG_extName__",
            "default_locale": "en",
            "background": {"scripts": ["bg.js"]},
            "action": {"default_popup": "popup.html"},
            "web_accessible_resources": [{"resources": ["core/*"]}]
        });
        let error = format!("{:#}", check_references(&manifest, &dir).unwrap_err());
        assert!(
            error.contains("popup.html") && !error.contains("bg.js"),
            "{error}"
        );
        fs::write(dir.join("popup.html"), "").unwrap();
        check_references(&manifest, &dir).unwrap();
        let unnamed = serde_json::json!({"default_locale": "en", "description": "__MSG_nope__"});
        let error = format!("{:#}", check_references(&unnamed, &dir).unwrap_err());
        assert!(error.contains("nope"), "{error}");
        fs::remove_dir_all(&dir).unwrap();
    }
}
