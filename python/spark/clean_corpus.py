"""Cleans one text column of a Parquet or JSON Lines dataset with bersih, on Spark.

    spark-submit clean_corpus.py INPUT OUTPUT [--column text] [--format parquet|json]
                 [--threads-per-task 1]

Every node needs the `bersih` wheel installed (`pip install bersih-*.whl`). Rows and every other
column are kept; the column is replaced by its cleaned text (nulls stay null). The format is
taken from INPUT's extension when not given (.parquet, or .json/.jsonl/.gz for JSON Lines), and
OUTPUT is written as a folder in the same format. Batches go to `bersih.clean_batch` through
`mapInArrow`, so text crosses from the JVM as Arrow and bersih cleans it with the GIL released.
"""

import argparse
import sys


def clean_batches(batches, column, threads):
    """Cleans `column` in every Arrow record batch of a partition (runs on the executors)."""
    import bersih
    import pyarrow as pa

    for batch in batches:
        index = batch.schema.get_field_index(column)
        texts = batch.column(index).to_pylist()
        present = [t for t in texts if t is not None]
        cleaned = iter(bersih.clean_batch(present, threads=threads))
        column_out = pa.array(
            [None if t is None else next(cleaned) for t in texts], type=pa.string()
        )
        arrays = list(batch.columns)
        arrays[index] = column_out
        yield pa.RecordBatch.from_arrays(arrays, schema=batch.schema)


def clean_dataframe(frame, column="text", threads=1):
    """`frame` with `column` cleaned; the schema is unchanged."""
    if column not in frame.columns:
        raise ValueError(f"no column {column!r} in {frame.columns}")
    return frame.mapInArrow(lambda batches: clean_batches(batches, column, threads), frame.schema)


def guess_format(path):
    name = path.rstrip("/").lower()
    if name.endswith(".parquet"):
        return "parquet"
    if name.endswith((".json", ".jsonl", ".jsonl.gz", ".json.gz")):
        return "json"
    raise ValueError(f"cannot tell the format of {path}: give --format parquet or json")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--column", default="text")
    parser.add_argument("--format", choices=["parquet", "json"])
    parser.add_argument(
        "--threads-per-task",
        type=int,
        default=1,
        help="bersih threads per Spark task (Spark already runs one task per core)",
    )
    args = parser.parse_args(argv)
    fmt = args.format or guess_format(args.input)

    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("bersih-clean-corpus").getOrCreate()
    frame = spark.read.format(fmt).load(args.input)
    cleaned = clean_dataframe(frame, args.column, args.threads_per_task)
    cleaned.write.mode("overwrite").format(fmt).save(args.output)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
