//! The rule data shipped with the core: the files under `rules/`, compiled into static tables.
//!
//! What Bersih knows about the world (brands, company words, UI strings per platform and language,
//! dateline shapes) is data, so it can grow without touching code. `build.rs` parses every file
//! with `data.rs` (a data error fails the build, naming file and line) and writes the tables as
//! static slices ([`EMBEDDED`]); `Engine::from_rules` runs the same parser at run time on small
//! rule sets. `brands`, `company`, `footer` and `datelines` hold the lookups over these tables.

mod data;

pub use data::{
    compile, contains, contains_ascii_lowered, find, head_hash, key_len, platform, strip_pt,
    ui_key, ui_kind, Brands, ByteSet, Company, Datelines, Footer, Line, List, RuleError,
    RuleSources, Source, Str, Tables, UiEntry, UiKind, UiSource, WordFilter, WordHash, LONG_KEY,
};

use std::borrow::Cow;

include!(concat!(env!("OUT_DIR"), "/rules.rs"));

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file under rules/*-ui is embedded (a new language file cannot be forgotten).
    #[test]
    fn every_ui_file_is_embedded() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/rules");
        let mut on_disk = Vec::new();
        for platform in std::fs::read_dir(root).unwrap() {
            let platform = platform.unwrap();
            let name = platform.file_name().into_string().unwrap();
            if !name.ends_with("-ui") {
                continue;
            }
            for file in std::fs::read_dir(platform.path()).unwrap() {
                let file = file.unwrap().file_name().into_string().unwrap();
                if let Some(lang) = file.strip_suffix(".txt") {
                    on_disk.push(format!("{name}:{lang}"));
                }
            }
        }
        on_disk.sort();
        let mut embedded: Vec<String> = SOURCES.ui.iter().map(|u| u.rule.to_string()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded);
        let rules: Vec<&str> = EMBEDDED.footer.rules.iter().map(|r| r.as_ref()).collect();
        assert_eq!(rules[..2], ["blogger-ui:id", "blogger-ui:en"]);
    }

    /// The static tables are exactly what the run-time parser makes of the same files.
    #[test]
    fn embedded_tables_equal_the_parsed_files() {
        let parsed = compile(&SOURCES).unwrap();
        assert_eq!(format!("{parsed:?}"), format!("{EMBEDDED:?}"));
    }

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        let src = Source {
            name: "t",
            text: "# c\n\n  a b \n#x\nc d",
        };
        let got: Vec<(usize, &str)> = src.lines().map(|l| (l.number, l.text)).collect();
        assert_eq!(got, vec![(3, "a b"), (5, "c d")]);
    }

    #[test]
    fn kinded_line_without_text_names_file_and_line() {
        let src = Source {
            name: "rules/x.txt",
            text: "city Jakarta\ncity\n",
        };
        let err = src.kinded_lines().unwrap_err();
        assert_eq!(err.to_string(), "rules/x.txt:2: expected `<kind> <text>`");
    }
}
