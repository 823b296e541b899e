//! `bersih clean --jsonl` run as a user runs it: order, byte-exact fields, bad lines under each
//! `--on-error` policy (no line lost), compression, and threads.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const SPAM: &str = "BESTPROFIT FUTURES - Harga kedelai impor naik menjadi Rp13.500 per kilogram.\n\
Perajin tahu memilih memperkecil ukuran tahu.\n\
BESTPROFIT FUTURES - Koperasi meminta stok kedelai murah.\n\
Dinas akan menggelar pertemuan pekan depan. - BEST PROFIT\n\
0 komentar:\n\
Posting Komentar";
const CLEAN: &str =
    "Harga cabai rawit turun menjelang panen raya.\nJAKARTA – Pedagang menyambut baik.";

fn bersih(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bersih"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run bersih");
    let mut input = child.stdin.take().unwrap();
    let bytes = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&bytes);
    });
    let out = child.wait_with_output().expect("wait for bersih");
    feeder.join().unwrap();
    out
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("jsonl")
        .join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A document line with `text` in field `text`, an id and fields whose formatting must survive.
fn doc(id: usize, text: &str) -> String {
    format!(
        "{{\"id\": {id}, \"score\": 1.50E+2, \"text\": {}, \"meta\": {{\"url\": \"http://x/\\u00e9\", \"n\": [1, 2.0]}}}}",
        serde_json::to_string(text).unwrap()
    )
}

/// The numbers in the summary line `lines: A in, B out, C skipped; ...`.
fn line_counts(stderr: &str) -> (u64, u64, u64) {
    let line = stderr
        .lines()
        .find(|l| l.starts_with("bersih: lines: "))
        .unwrap_or_else(|| panic!("no lines summary in {stderr}"));
    let numbers: Vec<u64> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|w| w.parse().ok())
        .collect();
    (numbers[0], numbers[1], numbers[2])
}

#[test]
fn cleans_the_field_like_clean_and_keeps_the_rest_of_each_line() {
    let input = format!("{}\n{}\n", doc(1, SPAM), doc(2, CLEAN));
    let out = bersih(&["clean", "--jsonl"], input.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);

    let cleaned_by_clean = {
        let out = Command::new(env!("CARGO_BIN_EXE_bersih"))
            .arg("clean")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                child.stdin.take().unwrap().write_all(SPAM.as_bytes())?;
                child.wait_with_output()
            })
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let first: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(first["text"], cleaned_by_clean.as_str());
    assert_ne!(cleaned_by_clean, SPAM);
    assert_eq!(
        first["bersih"],
        serde_json::json!({"removed": {"prefix": 2, "suffix": 1, "comment-count": 1, "comment-form": 1},
                           "removed_chars": SPAM.chars().count() - cleaned_by_clean.chars().count()})
    );
    // Every byte outside the field is the input's: the rest of the line is unchanged.
    let expected_first = doc(1, &cleaned_by_clean);
    let marker = format!(
        ",\"bersih\":{{\"removed\":{{\"prefix\":2,\"suffix\":1,\"comment-count\":1,\"comment-form\":1}},\"removed_chars\":{}}}}}",
        first["bersih"]["removed_chars"]
    );
    assert_eq!(
        lines[0],
        format!("{}{marker}", &expected_first[..expected_first.len() - 1])
    );
    // A document with nothing to remove keeps even its field's bytes.
    let untouched = doc(2, CLEAN);
    assert_eq!(
        lines[1],
        format!(
            "{},\"bersih\":{{\"removed\":{{}},\"removed_chars\":0}}}}",
            &untouched[..untouched.len() - 1]
        )
    );
    let summary = stderr(&out);
    assert!(summary.contains("bersih: 2 documents"), "{summary}");
    assert!(summary.contains("1 touched"), "{summary}");
    assert!(
        summary.contains("prefix 2, suffix 1, comment-count 1, comment-form 1"),
        "{summary}"
    );
}

/// Good documents with every kind of bad line between them; returns the input and which of its
/// lines are bad (0-based).
fn mixed_input(dir: &Path) -> (Vec<u8>, Vec<usize>, PathBuf) {
    let mut lines: Vec<Vec<u8>> = Vec::new();
    let mut bad = Vec::new();
    // Longer than the reader's buffer, so it arrives in several pieces.
    let long = format!("{{\"text\": \"{}\"}}", "a".repeat(300_000));
    for i in 0..600 {
        let line: Vec<u8> = match i % 60 {
            7 => b"not json".to_vec(),
            8 => b"{\"body\": \"no text field\"}".to_vec(),
            9 => b"{\"text\": 42}".to_vec(),
            10 => b"{\"text\": \"caf\xe9\"}".to_vec(),
            11 => b"[1, 2]".to_vec(),
            12 if i == 12 => long.clone().into_bytes(),
            12 => b"{\"text\": {}}".to_vec(),
            13 => b"{\"text\": \"a\", \"text\": \"b\"}".to_vec(),
            14 => b"{\"text\": \"cut".to_vec(),
            15 => b"   ".to_vec(),
            _ => doc(i, if i % 2 == 0 { SPAM } else { CLEAN }).into_bytes(),
        };
        if (7..=14).contains(&(i % 60)) {
            bad.push(i);
        }
        lines.push(line);
    }
    let mut input = lines.join(&b'\n');
    input.extend_from_slice(b"\r\n"); // the last line ends with CRLF
    let path = dir.join("mixed.jsonl");
    fs::write(&path, &input).unwrap();
    (input, bad, path)
}

fn split_lines(bytes: &[u8]) -> Vec<&[u8]> {
    let mut lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    if lines.last() == Some(&&b""[..]) {
        lines.pop();
    }
    lines
}

#[test]
fn no_line_is_lost_under_keep_or_skip() {
    let dir = scratch("mixed");
    let (input, bad, path) = mixed_input(&dir);
    let input_lines = split_lines(&input);
    let path = path.to_str().unwrap();
    let limit = ["--max-line-bytes", "100000", "--threads", "3"];

    let keep = bersih(
        &[
            &["clean", "--jsonl", "--on-error", "keep", path][..],
            &limit,
        ]
        .concat(),
        b"",
    );
    assert!(keep.status.success(), "{}", stderr(&keep));
    let kept = split_lines(&keep.stdout);
    let (lines_in, lines_out, skipped) = line_counts(&stderr(&keep));
    assert_eq!((lines_in, lines_out, skipped), (600, 600, 0));
    assert_eq!(kept.len(), input_lines.len());
    for &i in &bad {
        assert_eq!(
            kept[i],
            input_lines[i],
            "bad line {} is copied unchanged",
            i + 1
        );
    }
    assert!(stderr(&keep).contains("bersih: line 8: not JSON: expected ident at column 2"));
    assert!(stderr(&keep).contains("bersih: line 11: invalid UTF-8 at byte 14 of the line"));
    assert!(stderr(&keep).contains("bersih: line 13: longer than 100000 bytes"));
    assert!(stderr(&keep).contains("only the first 20 of 80 bad lines were reported"));

    let skip = bersih(
        &[
            &["clean", "--jsonl", "--on-error", "skip", path][..],
            &limit,
        ]
        .concat(),
        b"",
    );
    assert!(skip.status.success(), "{}", stderr(&skip));
    let skipped_out = split_lines(&skip.stdout);
    let (lines_in, lines_out, skipped) = line_counts(&stderr(&skip));
    assert_eq!(lines_in, input_lines.len() as u64);
    assert_eq!(lines_in, lines_out + skipped);
    assert_eq!(skipped, bad.len() as u64);
    assert_eq!(skipped_out.len() as u64, lines_out);
    // The lines left are the good ones, in order: the same as `keep` without the bad lines.
    let expected: Vec<&[u8]> = kept
        .iter()
        .enumerate()
        .filter(|(i, _)| !bad.contains(i))
        .map(|(_, l)| *l)
        .collect();
    assert_eq!(skipped_out, expected);
    // The last line's CR is kept (it is JSON whitespace inside the line).
    assert!(skipped_out.last().unwrap().ends_with(b"}\r"));
}

#[test]
fn fail_stops_at_the_first_bad_line_after_writing_the_lines_before_it() {
    let dir = scratch("fail");
    let (input, _, path) = mixed_input(&dir);
    let out = bersih(&["clean", "--jsonl", path.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(
        message.contains("mixed.jsonl: line 8: not JSON: expected ident at column 2 (--on-error skip or keep goes on past bad lines)"),
        "{message}"
    );
    assert_eq!(split_lines(&out.stdout).len(), 7);
    assert_eq!(line_counts(&message), (7, 7, 0));
    let _ = input;
}

#[test]
fn output_is_the_same_on_any_number_of_threads() {
    // Enough bytes for several batches, so workers finish out of order; the whitespace lines make
    // up the bytes cheaply (they are copied, not scanned).
    let mut input = String::new();
    let padding = " ".repeat(2000);
    for i in 0..3000 {
        input.push_str(&doc(i, if i % 3 == 0 { SPAM } else { "Pendek." }));
        input.push('\n');
        input.push_str(&padding);
        input.push('\n');
    }
    let one = bersih(&["clean", "--jsonl", "--threads", "1"], input.as_bytes());
    let four = bersih(&["clean", "--jsonl", "--threads", "4"], input.as_bytes());
    assert!(
        one.status.success() && four.status.success(),
        "{}",
        stderr(&four)
    );
    assert_eq!(split_lines(&one.stdout).len(), 6000);
    assert!(
        one.stdout == four.stdout,
        "outputs differ between 1 and 4 threads"
    );
    let ids: Vec<u64> = split_lines(&four.stdout)
        .iter()
        .step_by(2)
        .map(|l| {
            serde_json::from_slice::<serde_json::Value>(l).unwrap()["id"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert!(ids.iter().enumerate().all(|(i, &id)| i as u64 == id));
}

#[test]
fn gzip_and_zstd_in_and_out() {
    let dir = scratch("compressed");
    let input = format!("{}\n{}\n", doc(1, SPAM), doc(2, CLEAN));
    let plain = bersih(&["clean", "--jsonl"], input.as_bytes());
    assert!(plain.status.success());

    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(input.as_bytes()).unwrap();
    let gz_path = dir.join("in.jsonl.gz");
    fs::write(&gz_path, gz.finish().unwrap()).unwrap();
    let zst = zstd::encode_all(input.as_bytes(), 3).unwrap();

    let out_zst = dir.join("out.jsonl.zst");
    let out = bersih(
        &[
            "clean",
            "--jsonl",
            "-o",
            out_zst.to_str().unwrap(),
            gz_path.to_str().unwrap(),
        ],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let decoded = zstd::decode_all(fs::File::open(&out_zst).unwrap()).unwrap();
    assert_eq!(decoded, plain.stdout);

    let out_gz = dir.join("out.jsonl.gz");
    let out = bersih(
        &["clean", "--jsonl", "--output", out_gz.to_str().unwrap()],
        &zst,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let mut decoded = Vec::new();
    flate2::read::MultiGzDecoder::new(fs::File::open(&out_gz).unwrap())
        .read_to_end(&mut decoded)
        .unwrap();
    assert_eq!(decoded, plain.stdout);
}

#[test]
fn corrupt_compressed_input_is_an_error_after_the_lines_before_it() {
    let input: String = (0..50).map(|i| doc(i, CLEAN) + "\n").collect();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(input.as_bytes()).unwrap();
    let mut bytes = gz.finish().unwrap();
    let cut = bytes.len() / 2;
    bytes.truncate(cut);
    let out = bersih(&["clean", "--jsonl"], &bytes);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("standard input: cannot read line"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_byte_order_mark_before_the_first_line_is_skipped() {
    let input = format!("\u{feff}{}\n{}\n", doc(1, SPAM), doc(2, CLEAN));
    let with_bom = bersih(&["clean", "--jsonl"], input.as_bytes());
    let without = bersih(
        &["clean", "--jsonl"],
        input.trim_start_matches('\u{feff}').as_bytes(),
    );
    assert!(with_bom.status.success(), "{}", stderr(&with_bom));
    assert_eq!(with_bom.stdout, without.stdout);
}

#[test]
fn the_output_must_not_be_the_input() {
    let dir = scratch("same");
    let path = dir.join("a.jsonl");
    fs::write(&path, doc(1, CLEAN)).unwrap();
    let p = path.to_str().unwrap();
    let out = bersih(&["clean", "--jsonl", "-o", p, p], b"");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::read_to_string(&path).unwrap(), doc(1, CLEAN));
}
