#!/usr/bin/env bash
# The Spark job in local mode against a plain build (BENCHMARKS.md, "The Spark job in local mode"):
# generates the benchmark corpus (Sources/eventgraph-bench/CorpusGenerator.swift), times
# `eventgraph build --no-store` and the job with 1 and 2 executor threads over the same files, with
# GNU time, and checks that every run wrote the build's bytes. Release build; needs Java and pyspark
# (Scripts/test installs both into .build/test-python); not run by CI.
#
#   Scripts/spark-benchmark.sh [ARTICLES]      default: 2000
set -euo pipefail
cd "$(dirname "$0")/.."
articles=${1:-2000}
scratch=${SCRATCH:-/tmp/eventgraph-spark-bench}
python=${PYTHON:-.build/test-python/bin/python3}
mkdir -p "$scratch"
swift build -c release --product eventgraph-bench >/dev/null
swift build -c release --product eventgraph >/dev/null
eventgraph=$PWD/.build/release/eventgraph
corpus=$scratch/corpus-$articles
[ -d "$corpus" ] || .build/release/eventgraph-bench --articles "$articles" --write "$corpus" >/dev/null
find "$corpus" -type f -print0 | xargs -0 cat >/dev/null
bytes=$(find "$corpus" -type f -name '*.txt' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
echo "machine: $(nproc) cores, $(swift --version 2>/dev/null | head -1); commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo
echo "| run | threads | tasks | s | MB/s | articles/s | largest process MB | same bytes as build |"
echo "|---|---:|---:|---:|---:|---:|---:|---|"
row() {  # label threads tasks seconds peak-kB prefix
  local same=yes
  for suffix in .graph.json .merges.json .graphml .gexf .jsonld; do cmp -s "$6$suffix" "$scratch/build$suffix" || same=no; done
  awk -v l="$1" -v t="$2" -v k="$3" -v s="$4" -v m="$5" -v b="$bytes" -v n="$articles" -v same="$same" 'BEGIN {
    printf "| %s | %s | %s | %.1f | %.2f | %.0f | %.0f | %s |\n", l, t, k, s, b / 1e6 / s, n / s, m / 1024, same }'
}
/usr/bin/time -f '%e %M' -o "$scratch/time" "$eventgraph" build "$corpus" -o "$scratch/build" --no-store >/dev/null 2>&1
read -r seconds peak < "$scratch/time"
row "eventgraph build --no-store" 2 - "$seconds" "$peak" "$scratch/build"
for threads in 1 2; do
  tasks=$(( threads * 4 ))
  prefix=$scratch/spark-$threads
  /usr/bin/time -f '%e %M' -o "$scratch/time" env PYSPARK_PYTHON="$python" SPARK_LOCAL_IP=127.0.0.1 "$python" Integrations/spark/eventgraph_spark.py \
    "$corpus" -o "$prefix" --eventgraph "$eventgraph" --master "local[$threads]" --partitions "$tasks" >"$scratch/spark-$threads.log" 2>&1
  read -r seconds peak < "$scratch/time"
  row "Spark local[$threads]" "$threads" "$tasks" "$seconds" "$peak" "$prefix"
done
