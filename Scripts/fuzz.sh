#!/usr/bin/env bash
# Fuzzes EventGraph with libFuzzer: builds eventgraph-fuzz with -sanitize=fuzzer,address and runs each
# target for the given number of minutes, starting from Tests/Fuzz/TARGET/ (the committed regression
# inputs) and seeds/. Crashes and failed invariants are saved in $WORK/TARGET/artifacts/; copy each
# into Tests/Fuzz/TARGET/ once fixed, and the tests replay it from then on.
#
#   Scripts/fuzz.sh [MINUTES_PER_TARGET] [TARGET ...]     default: 1 minute, every target
# Dictionaries: Tests/Fuzz/dictionaries/common.dict for every target, plus TARGET.dict.
#   WORK=/tmp/eventgraph-fuzz Scripts/fuzz.sh 5 html json
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-1}; shift || true
targets=("$@"); [ ${#targets[@]} -eq 0 ] && targets=(front-matter json jsonl html graph-json timex pipeline diff display syntax)
work=${WORK:-/tmp/eventgraph-fuzz}
swift build -c release --product eventgraph-fuzz --build-path .build/fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -parse-as-library >/dev/null
binary=.build/fuzz/release/eventgraph-fuzz
echo "| target | seconds | executions | executions/s | corpus | findings |"
echo "|---|---:|---:|---:|---:|---|"
for target in "${targets[@]}"; do
  corpus=$work/$target/corpus; artifacts=$work/$target/artifacts
  mkdir -p "$corpus" "$artifacts"
  [ -d "Tests/Fuzz/$target" ] && cp -n Tests/Fuzz/"$target"/* "$corpus"/ 2>/dev/null || true
  case $target in
    front-matter|timex|pipeline) cp -n seeds/*.txt "$corpus"/ 2>/dev/null || true ;;
  esac
  # Tokens worth inserting: huge numbers, YAML aliases, controls, markup (common.dict), and the
  # target's own fields; libFuzzer takes one dictionary, so the two are joined.
  dict=$work/$target/dict
  cat Tests/Fuzz/dictionaries/common.dict > "$dict"
  [ -f "Tests/Fuzz/dictionaries/$target.dict" ] && cat "Tests/Fuzz/dictionaries/$target.dict" >> "$dict"
  log=$work/$target/log.txt
  set +e
  EVENTGRAPH_FUZZ_TARGET=$target "$binary" "$corpus" -max_total_time=$((minutes * 60)) -max_len=65536 \
    -rss_limit_mb=4096 -timeout=30 -print_final_stats=1 -dict="$dict" -artifact_prefix="$artifacts/" >"$log" 2>&1
  status=$?
  set -e
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  elapsed=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | grep -o 'in [0-9]*' | grep -o '[0-9]*' || echo $((minutes * 60)))
  size=$(ls "$corpus" | wc -l)
  findings=$(ls "$artifacts" | tr '\n' ' ')
  [ $status -ne 0 ] && [ -z "$findings" ] && findings="exit $status, see $log"
  awk -v t="$target" -v s="$elapsed" -v r="$runs" -v c="$size" -v f="${findings:-none}" \
    'BEGIN { printf "| %s | %d | %d | %.0f | %d | %s |\n", t, s, r, (s > 0 ? r / s : r), c, f }'
done
