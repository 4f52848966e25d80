#!/usr/bin/env python3
"""Tags a DiscordChatExporter guild on Apache Spark with dbind as the worker.

  python3 scripts/spark/dbind_spark.py --input DIR --output DIR [--master local[2]]
      [--dbind PATH] [--partitions N] [--schema NAME] [--gzip]

1. Lists the DCE JSON files under --input and reads each file's channel id from its header.
2. Runs the context pass on the driver (`dbind context FILES --out ctx.json`): the guild's
   channels, roles and members, which every worker needs to tag like a single run.
3. Groups files by channel id (a channel split over several export files goes to one worker)
   and spreads the groups over --partitions partitions.
4. Ships the dbind binary and the context with SparkContext.addFile; each partition runs
   `dbind pipe --context ctx.json` on its files (paths on standard input) and yields the native
   conversation lines it prints.
5. Writes the lines Hive-style, `OUTPUT/channel_id=ID/part-*.jsonl` (`.jsonl.gz` with --gzip),
   plus `_SUCCESS`. A worker that fails names the file and the error; the job then fails with a
   non-zero exit and no `_SUCCESS`.

The input paths must be readable by the executors (a shared or distributed file system).
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

CHANNEL_ID = re.compile(rb'"channel"\s*:\s*\{\s*"id"\s*:\s*"(\d+)"')


def list_files(root):
    if os.path.isfile(root):
        return [os.path.abspath(root)]
    found = []
    for folder, _, names in os.walk(root):
        found += [os.path.abspath(os.path.join(folder, n)) for n in names if n.lower().endswith(".json")]
    return sorted(found)


def channel_of(path):
    """The channel id from a DCE file's header: `guild` and `channel` come before `messages`."""
    with open(path, "rb") as f:
        head = f.read(1 << 16)
    match = CHANNEL_ID.search(head)
    if not match:
        raise SystemExit(f"error: {path}: no channel id in the first 64 KiB; not a DiscordChatExporter JSON export")
    return match.group(1).decode()


def run_partition(groups, dbind_name, context_name, schemas_name, schema):
    """Runs one `dbind pipe` over a partition's channel groups; yields (channel_id, line)."""
    from pyspark import SparkFiles

    groups = list(groups)
    if not groups:
        return
    dbind = SparkFiles.get(dbind_name)
    os.chmod(dbind, 0o755)
    paths = [p for _, files in groups for p in files]
    command = [dbind, "pipe", "--context", SparkFiles.get(context_name)]
    if schemas_name:
        schemas = SparkFiles.get(schemas_name)
        # The folder's question rules, gazetteer and link weights come with it.
        command += ["--schemas-dir", schemas]
    if schema:
        command += ["--schema", schema]
    result = subprocess.run(command, input="\n".join(paths) + "\n", capture_output=True, text=True)
    if result.returncode != 0:
        error = result.stderr.strip().splitlines()
        raise RuntimeError(f"dbind pipe failed (exit {result.returncode}) on {len(paths)} file(s): "
                           + (error[-1] if error else "no message"))
    for line in result.stdout.splitlines():
        if line:
            yield json.loads(line)["channel"]["id"], line


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", required=True, help="DCE JSON file or folder (recursive)")
    parser.add_argument("--output", required=True, help="output folder (must not exist)")
    parser.add_argument("--master", default=None, help="Spark master, e.g. local[2] (default: spark-submit's)")
    parser.add_argument("--dbind", default=None, help="the dbind executable (default: .build/release/dbind, else on PATH)")
    parser.add_argument("--partitions", type=int, default=None, help="worker partitions (default: Spark's parallelism)")
    parser.add_argument("--schema", default=None, help="tag schema name or path, as `dbind tag --schema`")
    parser.add_argument("--schemas", default="schemas",
                        help="folder of tag schemas, question rules and link weights shipped to the workers (default: ./schemas)")
    parser.add_argument("--gzip", action="store_true", help="write part-*.jsonl.gz")
    parser.add_argument("--context", default=None, help="a context file from an earlier `dbind context` (skips the pass)")
    parser.add_argument("--json", action="store_true", help="print a JSON report as the last line")
    args = parser.parse_args()

    dbind = args.dbind or next((p for p in ["./.build/release/dbind", "./.build/debug/dbind"] if os.path.exists(p)), None) \
        or shutil.which("dbind")
    if not dbind:
        raise SystemExit("error: no dbind executable: build it (swift build -c release) or give --dbind PATH")
    dbind = os.path.abspath(dbind)
    timings = {}
    started = time.time()

    files = list_files(args.input)
    if not files:
        raise SystemExit(f"error: {args.input}: no .json files")
    groups = {}
    for path in files:
        groups.setdefault(channel_of(path), []).append(path)

    work = tempfile.mkdtemp(prefix="dbind-spark-")
    try:
        run(args, dbind, files, groups, work, timings, started)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(args, dbind, files, groups, work, timings, started):
    """The context pass, then the Spark job; `work` holds the context file."""
    context = os.path.abspath(args.context) if args.context else os.path.join(work, "ctx.json")
    t = time.time()
    if not args.context:
        done = subprocess.run([dbind, "context", "--out", context] + files, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"error: the context pass failed: {done.stderr.strip()}")
    timings["context_seconds"] = round(time.time() - t, 3)

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("dbind")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.config("spark.ui.enabled", "false").config("spark.task.maxFailures", "1").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    try:
        sc = spark.sparkContext
        sc.addFile(dbind)
        sc.addFile(context)
        schemas_name = None
        if os.path.isdir(args.schemas):
            sc.addFile(os.path.abspath(args.schemas), recursive=True)
            schemas_name = os.path.basename(os.path.abspath(args.schemas))
        partitions = args.partitions or sc.defaultParallelism
        # Channels dealt out biggest first, round robin: parallelize cuts a list into contiguous
        # slices, so slice k gets channels k, k + n, k + 2n… and the partitions even out.
        ordered = sorted(groups.items(), key=lambda g: -sum(os.path.getsize(p) for p in g[1]))
        n = min(partitions, len(ordered))
        dealt = [ordered[i] for k in range(n) for i in range(k, len(ordered), n)]
        rdd = sc.parallelize(dealt, n)
        dbind_name, context_name, schema = os.path.basename(dbind), os.path.basename(context), args.schema
        lines = rdd.mapPartitions(lambda part: run_partition(part, dbind_name, context_name, schemas_name, schema))
        t = time.time()
        frame = spark.createDataFrame(lines, "channel_id string, value string")
        writer = frame.write.partitionBy("channel_id").mode("errorifexists")
        if args.gzip:
            writer = writer.option("compression", "gzip")
        try:
            writer.text(args.output)
        except Exception as error:  # Py4J wraps the worker's RuntimeError; keep its message.
            message = str(error)
            reason = next((l.strip() for l in message.splitlines() if "dbind pipe failed" in l), message.splitlines()[0])
            raise SystemExit(f"error: the Spark job failed, nothing was written as done: {reason}")
        timings["workers_and_write_seconds"] = round(time.time() - t, 3)
        rename_parts(spark, args.output)
        count = spark.read.json(args.output).count()
    finally:
        spark.stop()
    report = {"files": len(files), "channels": len(groups), "conversations": count, "output": args.output,
              "seconds": round(time.time() - started, 3), **timings}
    print(json.dumps(report) if args.json else
          f"Wrote {count} conversations of {len(groups)} channels to {args.output} in {report['seconds']} s")


def rename_parts(spark, output):
    """Spark's text writer names files part-*.txt; JSON Lines readers look for .jsonl."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    root = jvm.org.apache.hadoop.fs.Path(output)
    fs = root.getFileSystem(conf)
    for status in fs.listStatus(root):
        if not status.isDirectory():
            continue
        for part in fs.listStatus(status.getPath()):
            name = part.getPath().getName()
            if name.startswith("part-") and ".txt" in name:
                fs.rename(part.getPath(), jvm.org.apache.hadoop.fs.Path(status.getPath(), name.replace(".txt", ".jsonl")))


if __name__ == "__main__":
    main()
