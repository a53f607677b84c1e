#!/usr/bin/env bash
# Reproduces BENCHMARKS.md in one run: for each corpus size, generates the corpus (deterministically:
# the development articles of Tests/Gold/dev/corpus and seeds/ recombined, their names replaced by
# Zipf draws from large pools; see Sources/eventgraph-bench/CorpusGenerator.swift) into a scratch folder, then times `wc -w` and `eventgraph build --timings` over the
# same files, with peak memory from GNU time; then prints the per-step table of the largest build
# and the diff timing. Release build; not run by CI.
#
#   Scripts/benchmark.sh [ARTICLES ...]      default: 1000 10000 100000
#   SCRATCH=/tmp/eventgraph-bench Scripts/benchmark.sh 1000
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${SCRATCH:-/tmp/eventgraph-bench}
sizes=("$@"); [ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000 100000)
mkdir -p "$scratch"
rebuilds=()
swift build -c release --product eventgraph-bench >/dev/null
swift build -c release --product eventgraph >/dev/null
bench=.build/release/eventgraph-bench; eventgraph=.build/release/eventgraph
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(swift --version 2>/dev/null | head -1)"
echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| articles | MB on disk | wc -w s | wc -w MB/s | build s | build MB/s | build articles/s | ratio to wc -w | peak MB |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  corpus=$scratch/corpus-$n
  [ -d "$corpus" ] || "$bench" --articles "$n" --write "$corpus" >/dev/null
  bytes=$(find "$corpus" -type f -name '*.txt' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
  # Warm the page cache so that both measure reading text, not the disk.
  find "$corpus" -type f -name '*.txt' -print0 | xargs -0 cat >/dev/null
  wc_s=$( { /usr/bin/time -f '%e' sh -c "find '$corpus' -type f -name '*.txt' -print0 | xargs -0 wc -w >/dev/null"; } 2>&1 | tail -1)
  /usr/bin/time -f 'time %e %M' "$eventgraph" build "$corpus" -o "$scratch/out-$n" --timings 2>"$scratch/timings-$n.txt" >/dev/null
  build=$(grep '^time ' "$scratch/timings-$n.txt" | tail -1)
  read -r _ build_s peak_kb <<<"$build"
  awk -v n="$n" -v b="$bytes" -v w="$wc_s" -v s="$build_s" -v m="$peak_kb" 'BEGIN {
    mb = b / 1e6; if (w < 0.01) w = 0.01
    printf "| %d | %.1f | %.2f | %.0f | %.1f | %.2f | %.0f | %.0f× | %.0f |\n", n, mb, w, mb / w, s, mb / s, n / s, s / w, m / 1024 }'
  # The incremental rebuild: the same corpus plus 1 % new articles (copies of existing ones with
  # one word changed, so that they are new texts), built against the store the full build left.
  grown=$scratch/grown-$n
  rm -rf "$grown"; cp -r "$corpus" "$grown"
  find "$grown" -type f -name '*.txt' | sort | awk -v k=$(( n / 100 > 0 ? n / 100 : 1 )) 'NR <= k' | while read -r f; do
    sed 's/ the / a /' "$f" > "${f%.txt}-added.txt"
  done
  /usr/bin/time -f 'time %e %M' "$eventgraph" build "$grown" -o "$scratch/out-$n" --timings 2>"$scratch/rebuild-$n.txt" >/dev/null
  read -r _ rebuild_s rebuild_kb <<<"$(grep '^time ' "$scratch/rebuild-$n.txt" | tail -1)"
  reused=$(grep -o '[0-9]* of [0-9]* articles from the fragment store' "$scratch/rebuild-$n.txt" | head -1)
  rebuilds+=("$(awk -v n="$n" -v f="$build_s" -v r="$rebuild_s" -v m="$rebuild_kb" -v u="$reused" 'BEGIN {
    printf "| %d + 1 %% | %.1f | %.1f | %.0f %% | %.0f | %s |", n, f, r, 100 * r / f, m / 1024, u }')")
  rm -rf "$grown"
  rm -f "$scratch/out-$n".*
done
echo
echo "Rebuild after adding 1 % new articles, against the full build's fragment store:"
echo
echo "| articles | full build s | rebuild s | rebuild / full | rebuild peak MB | reused |"
echo "|---:|---:|---:|---:|---:|---|"
printf '%s\n' "${rebuilds[@]}"
largest=${sizes[${#sizes[@]}-1]}
echo
echo "Per step, $largest articles (\`eventgraph build --timings\`; extraction stages are CPU seconds summed over both workers):"
echo
echo '```'
sed -n '/timings over/,/build, wall/p' "$scratch/timings-$largest.txt"
echo '```'
echo
"$bench" --articles 10 --diff-entities "${DIFF_ENTITIES:-100000}" | grep -E '^diff of'
