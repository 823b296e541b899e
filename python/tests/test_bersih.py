"""The installed `bersih` wheel against the `bersih` command line, on the project's dev set.

Run by `cargo xtask test` in a fresh venv that has only the wheel and pytest; BERSIH_CLI names the
command-line binary built from the same sources."""

import json
import os
import subprocess
import sys
import sysconfig
import threading
from pathlib import Path

import pytest

import bersih

ROOT = Path(__file__).resolve().parents[2]
DEVSET = ROOT / "tests" / "devset"
CLI = os.environ.get("BERSIH_CLI", str(ROOT / "target" / "debug" / "bersih"))


def devset_texts():
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEVSET.glob("*/*.txt"))]
    assert len(texts) > 50, f"the dev set at {DEVSET} is missing"
    return texts


def cli(args, text):
    run = subprocess.run([CLI, *args], input=text.encode(), capture_output=True, check=True)
    return run.stdout.decode()


def test_the_installed_wheel_is_tested():
    site = Path(sysconfig.get_paths()["platlib"]).resolve()
    assert Path(bersih.__file__).resolve().is_relative_to(site), bersih.__file__
    assert Path(sys.prefix).resolve() != Path(sys.base_prefix).resolve(), "not in a venv"
    assert bersih.__version__ == "0.1.0"


def test_clean_equals_the_cli_on_the_dev_set():
    texts = devset_texts()
    touched = 0
    for text in texts:
        expected = cli(["clean"], text)
        assert bersih.clean(text) == expected
        touched += expected != text
    assert touched > 40


def test_scan_equals_the_cli_with_string_offsets():
    for text in devset_texts():
        report = json.loads(cli(["scan", "--json"], text))
        found = bersih.scan(text)
        assert len(found) == len(report["findings"])
        raw = text.encode()
        for mine, theirs in zip(found, report["findings"]):
            assert mine["text"] == theirs["text"]
            assert (mine["category"], mine["rule"]) == (theirs["category"], theirs["rule"])
            # Python offsets index the str; the CLI's index the UTF-8 bytes.
            assert text[mine["start"] : mine["end"]] == mine["text"]
            assert len(raw[: theirs["start"]].decode()) == mine["start"]


def test_offsets_count_code_points():
    text = "Harga naik – turun.\nBESTPROFIT FUTURES - Émas naik.\nPT BESTPROFIT"
    for finding in bersih.scan(text):
        assert text[finding["start"] : finding["end"]] == finding["text"]
    assert [f["category"] for f in bersih.scan(text)] == ["prefix", "line"]


def test_clean_batch_keeps_order_on_any_number_of_threads():
    texts = devset_texts()
    expected = [bersih.clean(t) for t in texts]
    for threads in (None, 1, 2, 7, 1000):
        assert bersih.clean_batch(texts, threads=threads) == expected
    assert bersih.clean_batch(tuple(texts[:3])) == expected[:3]
    assert bersih.clean_batch([]) == []


def test_clean_batch_equals_the_jsonl_mode():
    texts = devset_texts()
    lines = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts))
    out = [json.loads(line) for line in cli(["clean", "--jsonl"], lines).splitlines()]
    assert [o["text"] for o in out] == bersih.clean_batch(texts)


def test_bad_arguments_raise():
    with pytest.raises(ValueError):
        bersih.clean_batch(["a"], threads=0)
    with pytest.raises(TypeError):
        bersih.clean(b"bytes")
    with pytest.raises(TypeError):
        bersih.clean_batch("one string, not a list")
    with pytest.raises(TypeError):
        bersih.clean_batch(["a", None])


def test_clean_batch_releases_the_gil():
    # While clean_batch runs on another thread, this thread must keep running Python code; with
    # the GIL held it could not run at all until the call returned.
    texts = devset_texts() * 20
    started, finished = threading.Event(), threading.Event()

    def work():
        started.set()
        bersih.clean_batch(texts, threads=1)
        finished.set()

    worker = threading.Thread(target=work)
    worker.start()
    started.wait()
    steps = 0
    while not finished.is_set():
        steps += 1
    worker.join()
    assert steps > 1000, steps
