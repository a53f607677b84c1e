#!/usr/bin/env python3
"""EventGraph as an Apache Spark job: `eventgraph extract` on each partition, `eventgraph merge` in a tree.

The corpus is read where Spark reads (a local folder, hdfs://, s3a://, any Hadoop file system), one
record per file, with the file's path relative to the corpus root. Each task writes its files into a
private scratch folder under their relative paths and runs `eventgraph extract FOLDER --root FOLDER`,
so every article is read by the same readers and gets the same document id as in
`eventgraph build ROOT`; then `eventgraph merge --partial` turns the task's fragments into one
partial graph (merged, not resolved). Partial graphs are merged again, `--fan-in` at a time, until
one task's worth is left, which the driver hands to `eventgraph merge` for resolution and the
exports. Merging unresolved graphs is associative and commutative, so neither the partitioning nor
the order in which tasks finish, nor a retried task, can change a byte of the output.

A task has no side effect outside its scratch folder, which it removes, so Spark may run it again.
What `extract` reports about bad inputs (path and line) is carried back to the driver and printed,
and the job goes on, as `build` does; the job's exit status is then 1.

    spark-submit --files /path/to/eventgraph Integrations/spark/eventgraph_spark.py \\
        --eventgraph ./eventgraph hdfs:///news/2023 -o out/news-2023
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import subprocess
import sys
import tempfile
from typing import Iterable, Iterator

# Stages of a task's output records: (kind, text). "partial" is one JSONL line of a partial graph,
# "report" one line of extract's diagnostics, already pointing at the original file.
PARTIAL, REPORT = "partial", "report"


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", help="the corpus root: a folder or a Hadoop URI (file:, hdfs:, s3a:)")
    parser.add_argument("-o", "--output", required=True, help="output prefix, on the driver's file system")
    parser.add_argument("--eventgraph", default="eventgraph",
                        help="the eventgraph binary: a path present on every worker, or the name of a file shipped with "
                             "spark-submit --files (default: eventgraph on PATH)")
    parser.add_argument("--partitions", type=int, default=0, help="extraction tasks (default: as Spark reads the corpus)")
    parser.add_argument("--fan-in", type=int, default=8, help="partial graphs merged by one merge task (default 8)")
    parser.add_argument("--master", help="the Spark master when not run through spark-submit, e.g. local[2]")
    parser.add_argument("--formats", help="passed to eventgraph merge --formats")
    parser.add_argument("--base", help="passed to eventgraph merge --base")
    parser.add_argument("--published", help="passed to eventgraph extract --published")
    parser.add_argument("--rules", help="passed to eventgraph extract --rules (a folder present on every worker)")
    parser.add_argument("--overrides",
                        help="entity overrides for the final merge (default: eventgraph.overrides.yaml at the corpus root, if any)")
    arguments = parser.parse_args(argv)
    if arguments.fan_in < 2:
        parser.error("--fan-in must be at least 2")
    return arguments


def resolve_binary(name: str) -> str:
    """The binary on this machine: a file shipped with --files, a path, or a command on PATH."""
    try:
        from pyspark import SparkFiles
        shipped = SparkFiles.get(os.path.basename(name))
        if os.path.isfile(shipped):
            return shipped
    except Exception:  # not in a Spark task, or nothing shipped under that name
        pass
    if os.path.sep in name:
        return os.path.abspath(name)
    return shutil.which(name) or name


def relative_path(uri: str, root: str) -> str:
    """The part of a file's URI below the corpus root's, with / separators."""
    if not uri.startswith(root):
        raise ValueError(f"{uri} is not below the corpus root {root}")
    return uri[len(root):].lstrip("/")


def run(command: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(command, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)


def extract_partition(rows: Iterable, settings: dict) -> Iterator[tuple[str, str]]:
    """One extraction task: the partition's files into a scratch folder, extract, merge --partial."""
    rows = list(rows)
    if not rows:
        return
    binary = resolve_binary(settings["eventgraph"])
    scratch = tempfile.mkdtemp(prefix="eventgraph-spark-")
    try:
        corpus = os.path.join(scratch, "corpus")
        for uri, content in rows:
            relative = relative_path(uri, settings["root"])
            target = os.path.join(corpus, *relative.split("/"))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(bytes(content))
        fragments = os.path.join(scratch, "fragments.jsonl")
        command = [binary, "extract", corpus, "--root", corpus, "-o", fragments]
        for option in ("published", "rules"):
            if settings.get(option):
                command += ["--" + option, settings[option]]
        extracted = run(command)
        # Status 1: some inputs could not be read; they are reported and the rest is extracted.
        for line in extracted.stderr.decode("utf-8", "replace").splitlines():
            yield REPORT, line.replace(corpus + "/", settings["root"].rstrip("/") + "/")
        if extracted.returncode not in (0, 1):
            raise RuntimeError(f"eventgraph extract failed ({extracted.returncode}): {extracted.stderr.decode('utf-8', 'replace')}")
        failure_for_tests(settings)
        yield from merge_lines(binary, fragments)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def failure_for_tests(settings: dict) -> None:
    """With EVENTGRAPH_SPARK_FAIL_ONCE set, the first attempt of the first task dies mid-partition,
    after extracting and before handing anything back: the tests check that Spark's retry gives the
    same bytes."""
    if not settings.get("fail_once"):
        return
    from pyspark import TaskContext
    context = TaskContext.get()
    if context is not None and context.partitionId() == 0 and context.attemptNumber() == 0:
        raise RuntimeError("EVENTGRAPH_SPARK_FAIL_ONCE: this attempt fails on purpose")


def merge_lines(binary: str, path: str) -> Iterator[tuple[str, str]]:
    """`eventgraph merge --partial` over a file of fragment or partial-graph lines: one line."""
    merged = run([binary, "merge", path, "--partial", "--allow-empty"])
    if merged.returncode != 0:
        raise RuntimeError(f"eventgraph merge --partial failed ({merged.returncode}): {merged.stderr.decode('utf-8', 'replace')}")
    for line in merged.stdout.decode("utf-8").splitlines():
        if line:
            yield PARTIAL, line


def merge_partition(records: Iterable[tuple[str, str]], settings: dict) -> Iterator[tuple[str, str]]:
    """One merge task of the tree: its partial graphs into one; reports pass through."""
    binary = resolve_binary(settings["eventgraph"])
    scratch = tempfile.mkdtemp(prefix="eventgraph-spark-")
    try:
        inputs = os.path.join(scratch, "inputs.jsonl")
        count = 0
        with open(inputs, "w", encoding="utf-8") as handle:
            for kind, text in records:
                if kind == PARTIAL:
                    handle.write(text + "\n")
                    count += 1
                else:
                    yield kind, text
        if count:
            yield from merge_lines(binary, inputs)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def qualified_root(spark, corpus: str) -> str:
    """The corpus root as Spark names its files (scheme and authority included)."""
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(corpus)
    filesystem = path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    return filesystem.makeQualified(path).toString().rstrip("/")


def default_overrides(spark, root: str) -> str | None:
    """The corpus root's eventgraph.overrides.yaml, copied to the driver, when there is one."""
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(root + "/eventgraph.overrides.yaml")
    filesystem = path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    if not filesystem.exists(path):
        return None
    local = tempfile.NamedTemporaryFile(prefix="eventgraph-overrides-", suffix=".yaml", delete=False).name
    filesystem.copyToLocalFile(False, path, jvm.org.apache.hadoop.fs.Path("file://" + local))
    return local


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("eventgraph")
    if arguments.master:
        builder = builder.master(arguments.master)
    spark = builder.getOrCreate()
    try:
        return build(spark, arguments)
    finally:
        spark.stop()


def build(spark, arguments: argparse.Namespace) -> int:
    root = qualified_root(spark, arguments.corpus)
    settings = {"eventgraph": arguments.eventgraph, "root": root, "published": arguments.published, "rules": arguments.rules,
                "fail_once": bool(os.environ.get("EVENTGRAPH_SPARK_FAIL_ONCE"))}
    files = (spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(arguments.corpus)
             .select("path", "content").rdd.map(lambda row: (row[0], row[1])))
    # Which files share a task does not change the output; --partitions only sets how many tasks.
    # Fewer tasks than Spark read the corpus in: a coalesce, so that each task reads its own files
    # instead of every file's bytes going through a shuffle; more: a shuffle is the only way.
    if arguments.partitions and arguments.partitions < files.getNumPartitions():
        files = files.coalesce(arguments.partitions)
    elif arguments.partitions > files.getNumPartitions():
        files = files.repartition(arguments.partitions)
    records = files.mapPartitions(lambda rows: extract_partition(rows, settings))
    while records.getNumPartitions() > 1:
        fewer = max(1, math.ceil(records.getNumPartitions() / arguments.fan_in))
        # A shuffle, not a plain coalesce: coalescing would fold the tasks of the level below into
        # this level's fewer tasks, and at the root one task would extract the whole corpus.
        records = records.repartition(fewer).mapPartitions(lambda part: merge_partition(part, settings))
    collected = records.collect()
    reports = [text for kind, text in collected if kind == REPORT]
    partials = [text for kind, text in collected if kind == PARTIAL]
    for line in reports:
        print(line, file=sys.stderr)
    return final_merge(arguments, partials, spark, root) or (1 if any(": error:" in line for line in reports) else 0)


def final_merge(arguments: argparse.Namespace, partials: list[str], spark, root: str) -> int:
    """Resolution and the exports, on the driver, from the last partial graph."""
    binary = resolve_binary(arguments.eventgraph)
    scratch = tempfile.mkdtemp(prefix="eventgraph-spark-")
    try:
        inputs = os.path.join(scratch, "partials.jsonl")
        with open(inputs, "w", encoding="utf-8") as handle:
            for line in partials:
                handle.write(line + "\n")
        command = [binary, "merge", inputs, "-o", arguments.output, "--allow-empty"]
        overrides = arguments.overrides or default_overrides(spark, root)
        if overrides:
            command += ["--overrides", overrides]
        for option in ("formats", "base"):
            if getattr(arguments, option):
                command += ["--" + option, getattr(arguments, option)]
        merged = run(command)
        sys.stderr.write(merged.stderr.decode("utf-8", "replace"))
        return 0 if merged.returncode == 0 else 2
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
