//! Loads a labeled folder: `spam/NAME.txt` with `spam/NAME.labels`, and `clean/NAME.txt`.
//!
//! Every file is read and checked before anything is scored, so a broken corpus is reported with
//! the file (and line) at fault rather than producing numbers over part of it. Files other than
//! `.txt` and `.labels` (a README, say) are ignored; a `.labels` without its `.txt`, a `.txt` in
//! `spam/` without labels, and labels in `clean/` are errors, because each is a mistake.
//!
//! A UTF-8 byte-order mark at the start of a file is dropped, as `bersih scan` drops it: it is not
//! text, and the document is scored the way the command line would judge it. Labels are located
//! in the text after it.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::labels::{locate, GoldSpan, LabelError};
use crate::utf8::{decode, Utf8Error};

/// One document of the corpus and the ranges that should be removed from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Path relative to the corpus folder, e.g. `spam/emas-naik.txt` (for messages).
    pub name: String,
    /// The file's text, without a leading byte-order mark.
    pub text: String,
    /// Labeled ranges, in document order; empty for clean documents.
    pub gold: Vec<GoldSpan>,
    /// Whether it came from `clean/` (nothing may be removed).
    pub clean: bool,
}

/// A loaded corpus, spam documents first, each group sorted by name.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub documents: Vec<Document>,
}

impl Corpus {
    /// Reads and checks the whole folder.
    pub fn load(dir: impl AsRef<Path>) -> Result<Corpus, CorpusError> {
        let dir = dir.as_ref();
        let spam_dir = dir.join("spam");
        let clean_dir = dir.join("clean");
        if !spam_dir.is_dir() && !clean_dir.is_dir() {
            return Err(CorpusError::NotACorpus(dir.to_path_buf()));
        }
        let mut documents = Vec::new();
        for (sub, clean) in [("spam", false), ("clean", true)] {
            let folder = dir.join(sub);
            if !folder.is_dir() {
                continue;
            }
            for path in list(&folder)? {
                if let Some(doc) = load_entry(&path, sub, clean)? {
                    documents.push(doc);
                }
            }
        }
        if documents.is_empty() {
            return Err(CorpusError::Empty(dir.to_path_buf()));
        }
        Ok(Corpus { documents })
    }
}

/// What is wrong with a corpus folder.
#[derive(Debug)]
pub enum CorpusError {
    /// The folder has neither `spam/` nor `clean/`.
    NotACorpus(PathBuf),
    /// The folder has no `.txt` documents.
    Empty(PathBuf),
    Io {
        path: PathBuf,
        source: io::Error,
    },
    Utf8 {
        path: PathBuf,
        source: Utf8Error,
    },
    /// `spam/NAME.txt` has no `spam/NAME.labels`.
    MissingLabels {
        text: PathBuf,
        labels: PathBuf,
    },
    /// `NAME.labels` has no `NAME.txt` beside it.
    StrayLabels(PathBuf),
    /// A `.labels` file in `clean/`.
    LabelsInClean(PathBuf),
    /// A labels file that does not fit its document.
    Labels {
        path: PathBuf,
        source: LabelError,
    },
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CorpusError::NotACorpus(dir) => write!(
                f,
                "{}: not a labeled folder (expected a spam/ or clean/ subfolder)",
                dir.display()
            ),
            CorpusError::Empty(dir) => write!(f, "{}: no .txt documents found", dir.display()),
            CorpusError::Io { path, source } => {
                write!(f, "cannot read {}: {source}", path.display())
            }
            CorpusError::Utf8 { path, source } => write!(f, "{}: {source}", path.display()),
            CorpusError::MissingLabels { text, labels } => write!(
                f,
                "{}: no labels file (expected {})",
                text.display(),
                labels.display()
            ),
            CorpusError::StrayLabels(path) => {
                write!(f, "{}: labels file without a .txt document", path.display())
            }
            CorpusError::LabelsInClean(path) => write!(
                f,
                "{}: clean documents have nothing to remove, so take no labels",
                path.display()
            ),
            CorpusError::Labels { path, source } => write!(f, "{}: {source}", path.display()),
        }
    }
}

impl std::error::Error for CorpusError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CorpusError::Io { source, .. } => Some(source),
            CorpusError::Utf8 { source, .. } => Some(source),
            CorpusError::Labels { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The folder's entries, sorted so results and messages are reproducible.
fn list(folder: &Path) -> Result<Vec<PathBuf>, CorpusError> {
    let io_err = |source| CorpusError::Io {
        path: folder.to_path_buf(),
        source,
    };
    let mut paths = Vec::new();
    for entry in fs::read_dir(folder).map_err(io_err)? {
        paths.push(entry.map_err(io_err)?.path());
    }
    paths.sort();
    Ok(paths)
}

/// Loads one folder entry: a document, nothing (other files), or an error for a misplaced file.
fn load_entry(path: &Path, sub: &str, clean: bool) -> Result<Option<Document>, CorpusError> {
    match path.extension().and_then(|e| e.to_str()) {
        Some("labels") if clean => Err(CorpusError::LabelsInClean(path.to_path_buf())),
        Some("labels") if !path.with_extension("txt").is_file() => {
            Err(CorpusError::StrayLabels(path.to_path_buf()))
        }
        Some("txt") if path.is_file() => {
            let text = read_text(path)?;
            let gold = if clean {
                Vec::new()
            } else {
                load_labels(path, &text)?
            };
            let file = path.file_name().unwrap_or_default().to_string_lossy();
            Ok(Some(Document {
                name: format!("{sub}/{file}"),
                text,
                gold,
                clean,
            }))
        }
        _ => Ok(None),
    }
}

fn load_labels(text_path: &Path, text: &str) -> Result<Vec<GoldSpan>, CorpusError> {
    let labels_path = text_path.with_extension("labels");
    if !labels_path.is_file() {
        return Err(CorpusError::MissingLabels {
            text: text_path.to_path_buf(),
            labels: labels_path,
        });
    }
    let labels = read_text(&labels_path)?;
    locate(text, &labels).map_err(|source| CorpusError::Labels {
        path: labels_path,
        source,
    })
}

fn read_text(path: &Path) -> Result<String, CorpusError> {
    let bytes = fs::read(path).map_err(|source| CorpusError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut text = decode(bytes).map_err(|source| CorpusError::Utf8 {
        path: path.to_path_buf(),
        source,
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh folder under the system temp dir, unique to this process and test.
    fn folder(test: &str, files: &[(&str, &[u8])]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("bersih-corpus-{}-{test}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        for (name, bytes) in files {
            let path = dir.join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, bytes).unwrap();
        }
        dir
    }

    fn load_err(test: &str, files: &[(&str, &[u8])]) -> String {
        let dir = folder(test, files);
        let err = Corpus::load(&dir).unwrap_err().to_string();
        fs::remove_dir_all(dir).unwrap();
        err
    }

    #[test]
    fn loads_spam_then_clean_sorted_and_skips_other_files() {
        let dir = folder(
            "ok",
            &[
                ("spam/b.txt", b"KPF - Satu.\n"),
                ("spam/b.labels", b"KPF - \n"),
                ("spam/a.txt", b"Dua. - RFB\n"),
                ("spam/a.labels", b" - RFB\n"),
                ("clean/c.txt", b"JAKARTA - Tiga.\n"),
                ("README.md", b"notes"),
                ("clean/notes.md", b"notes"),
            ],
        );
        let corpus = Corpus::load(&dir).unwrap();
        let names: Vec<_> = corpus.documents.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["spam/a.txt", "spam/b.txt", "clean/c.txt"]);
        assert_eq!(corpus.documents[0].gold[0].start, 4);
        assert!(corpus.documents[2].clean && corpus.documents[2].gold.is_empty());
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_text() {
        let dir = folder(
            "bom",
            &[
                ("spam/a.txt", b"\xef\xbb\xbfKPF - Satu.\n"),
                ("spam/a.labels", b"\xef\xbb\xbfKPF - \n"),
            ],
        );
        let corpus = Corpus::load(&dir).unwrap();
        let doc = &corpus.documents[0];
        assert_eq!(doc.text, "KPF - Satu.\n");
        assert_eq!((doc.gold[0].start, doc.gold[0].end), (0, 6));
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn misplaced_files_are_errors() {
        let err = load_err("stray", &[("spam/a.labels", b"x\n"), ("clean/c.txt", b"c")]);
        assert!(
            err.ends_with("a.labels: labels file without a .txt document"),
            "{err}"
        );
        let err = load_err(
            "clean-labels",
            &[("clean/c.txt", b"c"), ("clean/c.labels", b"c\n")],
        );
        assert!(
            err.ends_with("c.labels: clean documents have nothing to remove, so take no labels")
        );
        let err = load_err("missing", &[("spam/a.txt", b"a")]);
        assert!(err.contains("a.txt: no labels file (expected "), "{err}");
    }

    #[test]
    fn bad_text_and_bad_labels_name_the_file() {
        let err = load_err(
            "utf8",
            &[("spam/a.txt", b"ok\nnot \xe9"), ("spam/a.labels", b"ok\n")],
        );
        assert!(
            err.ends_with("a.txt: invalid UTF-8 at byte offset 7 (line 2, column 5)"),
            "{err}"
        );
        let err = load_err(
            "label",
            &[
                ("spam/a.txt", b"Satu - BPF\n"),
                ("spam/a.labels", b"BPF\nRFB\n"),
            ],
        );
        assert!(
            err.contains("a.labels: line 2: label \"RFB\" does not occur"),
            "{err}"
        );
    }

    #[test]
    fn folders_without_documents_are_errors() {
        let err = load_err("none", &[("other/x.txt", b"x")]);
        assert!(
            err.ends_with("not a labeled folder (expected a spam/ or clean/ subfolder)"),
            "{err}"
        );
        let err = load_err("empty", &[("clean/x.md", b"x")]);
        assert!(err.ends_with("no .txt documents found"), "{err}");
    }
}
