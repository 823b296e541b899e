"""Runs clean_corpus.py with spark-submit in local mode on a dataset written here, and checks
that every row's text is what `bersih clean --jsonl` makes of it. Also `datasets.map`, the way
the README shows it.

Run by `cargo xtask test` in a venv with the wheel, pyspark, pyarrow and datasets; BERSIH_CLI
names the command-line binary."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CLI = os.environ.get("BERSIH_CLI", str(ROOT / "target" / "debug" / "bersih"))


@pytest.fixture(scope="module")
def rows():
    """The dev set's posts with ids, a null text and an empty one."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "devset").glob("*/*.txt"))]
    assert len(texts) > 50
    rows = [{"id": i, "source": f"devset-{i}", "text": t} for i, t in enumerate(texts)]
    rows.append({"id": len(rows), "source": "empty", "text": ""})
    return rows


@pytest.fixture(scope="module")
def expected(rows, tmp_path_factory):
    """id -> cleaned text, from `bersih clean --jsonl`."""
    lines = "".join(json.dumps(r) + "\n" for r in rows)
    out = subprocess.run(
        [CLI, "clean", "--jsonl"], input=lines.encode(), capture_output=True, check=True
    ).stdout.decode()
    cleaned = {o["id"]: o["text"] for o in map(json.loads, out.splitlines())}
    assert sum(cleaned[r["id"]] != r["text"] for r in rows) > 40
    return cleaned


def spark_submit(*args):
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    submit = Path(sys.executable).parent / "spark-submit"
    subprocess.run(
        [str(submit), "--master", "local[2]", "--conf", "spark.ui.enabled=false",
         str(HERE / "clean_corpus.py"), *map(str, args)],
        env=env, check=True,
    )


def test_spark_job_on_parquet_and_jsonl_equals_the_cli(rows, expected, tmp_path):
    with_null = rows + [{"id": len(rows), "source": "null", "text": None}]
    parquet_in = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist(with_null), parquet_in, row_group_size=40)
    jsonl_in = tmp_path / "in.jsonl"
    jsonl_in.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")

    spark_submit(parquet_in, tmp_path / "out-parquet")
    table = pq.read_table(tmp_path / "out-parquet")
    assert table.schema.names == ["id", "source", "text"]
    got = {r["id"]: r for r in table.to_pylist()}
    assert len(got) == len(with_null)
    for row in with_null:
        assert got[row["id"]]["source"] == row["source"]
        assert got[row["id"]]["text"] == expected.get(row["id"])  # null stays null

    spark_submit(jsonl_in, tmp_path / "out-jsonl", "--format", "json")
    out = [json.loads(line) for f in sorted((tmp_path / "out-jsonl").glob("part-*")) for line in f.read_text(encoding="utf-8").splitlines()]
    assert {o["id"]: o["text"] for o in out} == {r["id"]: expected[r["id"]] for r in rows}


def test_datasets_map_as_in_the_readme(rows, expected, tmp_path):
    import datasets
    import bersih

    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    corpus = datasets.load_dataset("json", data_files=str(path), split="train", cache_dir=str(tmp_path / "cache"))
    corpus = corpus.map(lambda batch: {"text": bersih.clean_batch(batch["text"])}, batched=True)
    assert {r["id"]: r["text"] for r in corpus} == expected
