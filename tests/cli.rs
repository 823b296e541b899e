//! Runs the built `bersih` binary the way a user does: files, stdin, exit codes and messages.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const POST: &str = "\
Harga Kedelai Naik, Perajin Tahu Mengurangi Ukuran
BESTPROFIT FUTURES - Harga kedelai impor di tingkat perajin naik menjadi Rp13.500 per kilogram.
Perajin tahu di Cibuntu memilih memperkecil ukuran tahu daripada menaikkan harga jual.
BESTPROFIT FUTURES - Koperasi perajin meminta pemerintah menambah stok kedelai murah.
Dinas perdagangan akan menggelar pertemuan dengan importir pekan depan. - BEST PROFIT
0 komentar:
Posting Komentar
";

fn bersih(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bersih"))
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run bersih");
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    child.wait_with_output().expect("wait for bersih")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn write_post(name: &str) -> PathBuf {
    let path = scratch(name).join("post.txt");
    fs::write(&path, POST).unwrap();
    path
}

#[test]
fn scan_json_has_the_documented_shape_and_byte_offsets() {
    let path = write_post("json");
    let out = bersih(&["scan", "--json", path.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    let object = report.as_object().unwrap();
    assert_eq!(object.keys().collect::<Vec<_>>(), ["cleaned", "findings"]);
    let cleaned = report["cleaned"].as_str().unwrap();
    assert!(
        !report["findings"].as_array().unwrap().is_empty(),
        "the post carries a known brand's ads: {report}"
    );
    // Removing every finding's bytes from the input gives exactly `cleaned`.
    let mut rebuilt = String::new();
    let mut at = 0;
    for f in report["findings"].as_array().unwrap() {
        let f = f.as_object().unwrap();
        let mut keys: Vec<_> = f.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["category", "end", "rule", "start", "text"]);
        let (start, end) = (
            f["start"].as_u64().unwrap() as usize,
            f["end"].as_u64().unwrap() as usize,
        );
        assert!(
            at <= start && start <= end && end <= POST.len(),
            "ordered, in bounds: {f:?}"
        );
        assert_eq!(
            &POST[start..end],
            f["text"].as_str().unwrap(),
            "text is the removed bytes"
        );
        assert!(
            !f["category"].as_str().unwrap().is_empty() && !f["rule"].as_str().unwrap().is_empty()
        );
        rebuilt.push_str(&POST[at..start]);
        at = end;
    }
    rebuilt.push_str(&POST[at..]);
    assert_eq!(rebuilt, cleaned);
}

#[test]
fn clean_prints_the_cleaned_text_from_a_file_and_from_stdin() {
    let path = write_post("clean");
    let from_file = bersih(&["clean", path.to_str().unwrap()], None);
    let from_dash = bersih(&["clean", "-"], Some(POST.as_bytes()));
    let from_stdin = bersih(&["clean"], Some(POST.as_bytes()));
    let json = bersih(&["scan", "--json"], Some(POST.as_bytes()));
    let report: Value = serde_json::from_str(&stdout(&json)).unwrap();
    for out in [&from_file, &from_dash, &from_stdin] {
        assert!(out.status.success(), "{}", stderr(out));
        assert_eq!(stdout(out), report["cleaned"].as_str().unwrap());
    }
    // The article itself always survives.
    assert!(stdout(&from_file).contains("Perajin tahu di Cibuntu memilih memperkecil ukuran tahu"));
}

#[test]
fn scan_without_json_lists_findings_with_a_count() {
    let out = bersih(&["scan"], Some(POST.as_bytes()));
    assert!(out.status.success(), "{}", stderr(&out));
    let json = bersih(&["scan", "--json"], Some(POST.as_bytes()));
    let report: Value = serde_json::from_str(&stdout(&json)).unwrap();
    let n = report["findings"].as_array().unwrap().len();
    let listing = stdout(&out);
    let expected = if n == 1 {
        "1 finding".to_string()
    } else {
        format!("{n} findings")
    };
    assert_eq!(listing.lines().last(), Some(expected.as_str()), "{listing}");
    assert_eq!(listing.lines().count(), n + 1, "{listing}");
    // Each line locates its finding by 1-based line and character column, like an editor.
    for (line, f) in listing.lines().zip(report["findings"].as_array().unwrap()) {
        let start = f["start"].as_u64().unwrap() as usize;
        let before = &POST[..start];
        let row = before.matches('\n').count() + 1;
        let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
            .chars()
            .count()
            + 1;
        let head = format!(
            "{row}:{col}\t{}\t{}\t",
            f["category"].as_str().unwrap(),
            f["rule"].as_str().unwrap()
        );
        assert!(
            line.starts_with(&head),
            "{line:?} should start with {head:?}"
        );
    }
}

#[test]
fn clean_text_passes_through_unchanged() {
    let text = "JAKARTA – Harga beras medium Rp13.160 – Rp13.255 per kilogram.\nEnditem\n";
    let out = bersih(&["clean"], Some(text.as_bytes()));
    assert!(out.status.success());
    assert_eq!(stdout(&out), text);
}

#[test]
fn a_byte_order_mark_hides_no_prefix_and_offsets_still_count_it() {
    let body = "BESTPROFIT FUTURES - Harga emas naik.\nDua.\n";
    let input = format!("\u{feff}{body}");
    let path = scratch("bom").join("bom.txt");
    fs::write(&path, &input).unwrap();
    let json = bersih(&["scan", "--json", path.to_str().unwrap()], None);
    assert!(json.status.success(), "{}", stderr(&json));
    let report: Value = serde_json::from_str(&stdout(&json)).unwrap();
    let f = &report["findings"][0];
    let (start, end) = (
        f["start"].as_u64().unwrap() as usize,
        f["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        start, 3,
        "byte offsets count the mark's three bytes: {report}"
    );
    assert_eq!(&input[start..end], "BESTPROFIT FUTURES - ");
    assert_eq!(
        report["cleaned"].as_str().unwrap(),
        "\u{feff}Harga emas naik.\nDua.\n"
    );
    let listing = bersih(&["scan"], Some(input.as_bytes()));
    assert!(
        stdout(&listing).starts_with("1:1\tprefix\t"),
        "{}",
        stdout(&listing)
    );
    let clean = bersih(&["clean"], Some(input.as_bytes()));
    assert_eq!(stdout(&clean), "\u{feff}Harga emas naik.\nDua.\n");
}

#[test]
fn missing_file_is_an_error_naming_it() {
    let path = scratch("missing").join("nope.txt");
    let out = bersih(&["clean", path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("cannot read") && err.contains("nope.txt"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn invalid_utf8_is_located_by_byte_line_and_column() {
    let path = scratch("utf8").join("latin1.txt");
    fs::write(&path, b"Baris pertama.\nHarga caf\xe9 naik.\n").unwrap();
    let out = bersih(&["scan", "--json", path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("latin1.txt: invalid UTF-8 at byte offset 24 (line 2, column 10)"),
        "{err}"
    );
    let out = bersih(&["clean"], Some(b"ok\n\xff"));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("standard input: invalid UTF-8 at byte offset 3 (line 2, column 1)")
    );
}

#[test]
fn usage_errors_exit_with_2() {
    for args in [
        &[][..],
        &["--jsn"],
        &["scan", "--jsn"],
        &["clean", "a", "b"],
        &["eval"],
        &["lint"],
    ] {
        let out = bersih(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("Usage: bersih"), "{args:?}: {err}");
    }
}

#[test]
fn help_and_version() {
    for flag in ["--help", "-h"] {
        let out = bersih(&[flag], None);
        assert!(out.status.success());
        let help = stdout(&out);
        assert!(
            help.contains("bersih scan [--json] [FILE|-]")
                && help.contains("eval [--no-brand-list] DIR")
                && help.contains("COL is the 1-based column in characters"),
            "{help}"
        );
    }
    let out = bersih(&["--version"], None);
    assert!(out.status.success());
    assert_eq!(
        stdout(&out),
        format!("bersih {}\n", env!("CARGO_PKG_VERSION"))
    );
}

/// A small labeled folder: one spam post with labels, and one "clean" post that carries a known
/// brand's prefix on its second line, so the report must show a touched clean post.
fn corpus(name: &str, labels: &str) -> PathBuf {
    let dir = scratch(name);
    fs::create_dir_all(dir.join("spam")).unwrap();
    fs::create_dir_all(dir.join("clean")).unwrap();
    fs::write(dir.join("spam/kedelai.txt"), POST).unwrap();
    fs::write(dir.join("spam/kedelai.labels"), labels).unwrap();
    fs::write(
        dir.join("clean/beras.txt"),
        "JAKARTA – Harga beras stabil.\nBESTPROFIT FUTURES - Harga gula naik.\n",
    )
    .unwrap();
    dir
}

#[test]
fn eval_prints_scores_and_every_miss() {
    // Line 3 labels ordinary article text: no detector finds it, so it must be listed as a miss.
    let labels =
        "BESTPROFIT FUTURES - \nBESTPROFIT FUTURES - \nDinas perdagangan \n - BEST PROFIT\n\
                  0 komentar:\nPosting Komentar\n";
    let dir = corpus("eval-ok", labels);
    let out = bersih(&["eval", dir.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = stdout(&out);
    for expected in [
        "2 documents (1 with labels, 1 clean)",
        "whitespace at span edges is not counted",
        "precision ",
        "recall ",
        "f1 ",
        "clean documents touched: 1 of 1",
        "false hits (",
        "clean/beras.txt:2:1 prefix ",
        "spam/kedelai.txt:5:1 (label line 3): \"Dinas perdagangan \"",
    ] {
        assert!(
            report.contains(expected),
            "missing {expected:?} in:\n{report}"
        );
    }
}

#[test]
fn eval_without_the_brand_list_scores_the_unlisted_path_alone() {
    // A listed brand injected once: only the brand list can know it.
    let dir = scratch("eval-no-list");
    fs::create_dir_all(dir.join("spam")).unwrap();
    fs::write(
        dir.join("spam/sekali.txt"),
        "PT KONTAK PERKASA FUTURES - Harga gula naik di pasar.\nDua.\n",
    )
    .unwrap();
    fs::write(
        dir.join("spam/sekali.labels"),
        "PT KONTAK PERKASA FUTURES - \n",
    )
    .unwrap();
    let shipped = bersih(&["eval", dir.to_str().unwrap()], None);
    let ablated = bersih(&["eval", "--no-brand-list", dir.to_str().unwrap()], None);
    assert!(shipped.status.success() && ablated.status.success());
    assert!(
        stdout(&shipped).contains("recall    1.0000"),
        "{}",
        stdout(&shipped)
    );
    let report = stdout(&ablated);
    assert!(report.contains("(brand list empty)"), "{report}");
    assert!(report.contains("recall    0.0000"), "{report}");
    assert!(
        report.contains("recall of injected ads alone 0.0000"),
        "{report}"
    );
}

#[test]
fn eval_rejects_a_label_not_in_order_naming_file_and_line() {
    let dir = corpus("eval-order", " - BEST PROFIT\nBESTPROFIT FUTURES - \n");
    let out = bersih(&["eval", dir.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("kedelai.labels: line 2: label \"BESTPROFIT FUTURES - \""),
        "{err}"
    );
    assert!(err.contains("document order"), "{err}");
}

#[test]
fn eval_rejects_missing_labels_and_non_corpus_folders() {
    let dir = corpus("eval-nolabels", "x");
    fs::remove_file(dir.join("spam/kedelai.labels")).unwrap();
    let out = bersih(&["eval", dir.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("kedelai.txt: no labels file"),
        "{}",
        stderr(&out)
    );

    let empty = scratch("eval-empty");
    let out = bersih(&["eval", empty.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("not a labeled folder"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn eval_on_the_devset_runs() {
    let root = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| env!("CARGO_MANIFEST_DIR").into(), PathBuf::from);
    let dir = root.join("tests/devset");
    let out = bersih(&["eval", dir.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("clean documents touched: "));
}

/// A reader that stops early (`bersih clean big.txt | head`) ends the program quietly: status 0,
/// nothing on stderr, and the output it did read is the cleaned text's start.
#[test]
fn a_closed_pipe_ends_quietly() {
    let path = scratch("closed-pipe").join("big.txt");
    fs::write(&path, POST.repeat(20_000)).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_bersih"))
        .args(["clean", path.to_str().unwrap()])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run bersih");
    let mut first = [0; 80];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait for bersih");
    assert!(out.status.success(), "{:?}", out.status);
    assert_eq!(stderr(&out), "");
    assert!(std::str::from_utf8(&first)
        .unwrap()
        .starts_with("Harga Kedelai Naik, Perajin Tahu Mengurangi Ukuran\nHarga kedelai impor"));
}
