//! The rule data shipped with the core: files under `rules/`, embedded at build time.
//!
//! What Bersih knows about the world (brands, company words, each platform's UI strings, dateline
//! shapes) is data, so it can grow without touching code. This module only embeds the files and
//! splits them into entries; `brands`, `company`, `footer` and `datelines` each parse their own
//! file once (behind a `OnceLock`). A data error names the file and line; the unit tests parse
//! every file, so a bad entry fails `cargo test`.

use std::fmt;

/// One embedded data file.
#[derive(Debug, Clone, Copy)]
pub struct Source {
    /// The path in the repository, used in error messages and rule names.
    pub name: &'static str,
    pub text: &'static str,
}

pub const BRANDS: Source = Source {
    name: "rules/brands.txt",
    text: include_str!("../rules/brands.txt"),
};

pub const DATELINES: Source = Source {
    name: "rules/datelines.txt",
    text: include_str!("../rules/datelines.txt"),
};

pub const COMPANY_WORDS: Source = Source {
    name: "rules/company-words.txt",
    text: include_str!("../rules/company-words.txt"),
};

macro_rules! ui_strings {
    ($(#[$doc:meta])* $name:ident, $dir:literal: $($lang:literal),* $(,)?) => {
        $(#[$doc])*
        pub const $name: &[(&str, Source)] = &[$(
            ($lang, Source {
                name: concat!("rules/", $dir, "/", $lang, ".txt"),
                text: include_str!(concat!("../rules/", $dir, "/", $lang, ".txt")),
            }),
        )*];
    };
}

ui_strings!(
    /// Blogger's UI strings, one file per interface language: `(language code, file)`.
    BLOGGER_UI, "blogger-ui": "id", "en", "de", "fr", "es", "pt", "it", "nl", "ms", "pl", "tr", "ru",
    "vi", "ja", "zh", "sv", "da", "no", "fi", "cs", "hu", "ro", "uk", "el", "ko", "th", "ar", "hi",
    "ca", "fil"
);

ui_strings!(
    /// WordPress's UI strings (core, default themes, Jetpack), one file per language.
    WORDPRESS_UI, "wordpress-ui": "id", "en"
);

/// Every platform's UI strings as `(directory, files)`; the directory names the rule
/// (`wordpress-ui:id`). A string is listed by one platform only (a test checks).
pub const UI_STRINGS: &[(&str, &[(&str, Source)])] =
    &[("blogger-ui", BLOGGER_UI), ("wordpress-ui", WORDPRESS_UI)];

/// A problem in a data file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub file: &'static str,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for RuleError {}

/// One meaningful line of a data file.
#[derive(Debug, Clone, Copy)]
pub struct Line {
    pub number: usize,
    pub text: &'static str,
}

impl Source {
    /// The non-blank, non-comment lines, trimmed, with their 1-based line numbers.
    pub fn lines(&self) -> impl Iterator<Item = Line> {
        self.text.lines().enumerate().filter_map(|(i, raw)| {
            let text = raw.trim();
            (!text.is_empty() && !text.starts_with('#')).then_some(Line {
                number: i + 1,
                text,
            })
        })
    }

    /// An error at `line` of this file.
    pub fn error(&self, line: usize, message: impl Into<String>) -> RuleError {
        RuleError {
            file: self.name,
            line,
            message: message.into(),
        }
    }

    /// Splits every line into `(kind, text)`: the first word, then the rest (which must not be empty).
    pub fn kinded_lines(&self) -> Result<Vec<(Line, &'static str, &'static str)>, RuleError> {
        self.lines()
            .map(|line| {
                let (kind, rest) = line
                    .text
                    .split_once(char::is_whitespace)
                    .ok_or_else(|| self.error(line.number, "expected `<kind> <text>`"))?;
                let rest = rest.trim();
                if rest.is_empty() {
                    return Err(self.error(line.number, format!("`{kind}` has no text")));
                }
                Ok((line, kind, rest))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `rules/*-ui/` directory and every language file in it is embedded (a new platform or
    /// language cannot be forgotten).
    #[test]
    fn every_ui_file_is_embedded() {
        let rules = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/rules"));
        let names = |dir: &std::path::Path, keep: &dyn Fn(&str) -> Option<String>| {
            let mut names: Vec<String> = std::fs::read_dir(dir)
                .unwrap()
                .filter_map(|e| keep(&e.ok()?.file_name().into_string().ok()?))
                .collect();
            names.sort();
            names
        };
        let mut embedded: Vec<String> = UI_STRINGS.iter().map(|(d, _)| d.to_string()).collect();
        embedded.sort();
        let dirs = names(rules, &|n| n.ends_with("-ui").then(|| n.to_string()));
        assert_eq!(dirs, embedded);
        for (dir, files) in UI_STRINGS {
            let mut langs: Vec<String> = files.iter().map(|(l, _)| l.to_string()).collect();
            langs.sort();
            let txt = names(&rules.join(dir), &|n| {
                n.strip_suffix(".txt").map(str::to_string)
            });
            assert_eq!(txt, langs, "{dir}");
        }
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
