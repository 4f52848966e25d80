#!/usr/bin/env python3
"""Compares a partitioned output folder with a single-machine export, reading the folder with DuckDB.

Usage: check_output.py OUTPUT_DIR SINGLE.jsonl
Prints one JSON object: duckdb_count (read_json_auto with Hive partitioning), duckdb_channels,
single_count, same_lines (the folder's lines equal the single export's, as a set), and
missing/extra line counts. Exits 2 when duckdb is not installed.
"""
import glob
import gzip
import json
import os
import sys


def main():
    try:
        import duckdb
    except ImportError:
        print("duckdb is not installed", file=sys.stderr)
        sys.exit(2)
    output, single = sys.argv[1], sys.argv[2]
    pattern = os.path.join(output, "*", "part-*.jsonl*")
    count, channels = duckdb.sql(
        f"SELECT count(*), count(DISTINCT channel_id) FROM read_json_auto('{pattern}', hive_partitioning = true)"
    ).fetchall()[0]
    lines = []
    for path in glob.glob(pattern):
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as f:
            lines += [line.rstrip("\n") for line in f if line.strip()]
    with open(single, encoding="utf-8") as f:
        expected = [line.rstrip("\n") for line in f if line.strip()]
    got, want = sorted(lines), sorted(expected)
    print(json.dumps({"duckdb_count": count, "duckdb_channels": channels, "single_count": len(expected),
                      "same_lines": got == want, "missing": len(set(want) - set(got)), "extra": len(set(got) - set(want))}))


if __name__ == "__main__":
    main()
