#!/usr/bin/env bash
# Builds one article of about 100 MB (the generated benchmark corpus's articles joined, one
# paragraph each) and reports the seconds and peak resident memory of extracting it with
# `eventgraph build` (release). Issue 9 asks for under 2 GB. Not run by CI.
#
#   Scripts/huge-article.sh [MEGABYTES]      default: 100
set -euo pipefail
cd "$(dirname "$0")/.."
megabytes=${1:-100}
scratch=${SCRATCH:-/tmp/eventgraph-huge}
mkdir -p "$scratch"
swift build -c release --product eventgraph-bench >/dev/null
swift build -c release --product eventgraph >/dev/null
corpus=${CORPUS:-$scratch/corpus-30000}
[ -d "$corpus" ] || .build/release/eventgraph-bench --articles 30000 --write "$corpus" >/dev/null
article=$scratch/huge-${megabytes}mb.txt
{
  printf -- '---\ntitle: One huge article\npublished: 2023-06-21\n---\n'
  # The bodies only (after the front matter), until the size is reached.
  find "$corpus" -name '*.txt' | sort | while read -r file; do awk 'n >= 2 { print } /^---$/ { n++ }' "$file"; echo; done
} | head -c $((megabytes * 1000 * 1000)) > "$article" || true   # the loop ends on SIGPIPE once head has enough
ls -l "$article"
/usr/bin/time -f 'seconds %e, peak resident memory %M KB' .build/release/eventgraph build "$article" -o "$scratch/out" --formats none
