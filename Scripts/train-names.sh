#!/usr/bin/env bash
# Trains the name tagger (issue 16) from GUM's entity annotation: the GUM documents marked `train` in
# Training/syntax-manifest.tsv (never `news`, the benchmark; never the development set or the seeds),
# converted to BIO name labels by Scripts/gum-entities.py, with UPOS from the shipped tagger and the
# entity stage's word lists as features. Fetches nothing: run Scripts/train-syntax.sh first (it lays
# the documents out in $WORK/data), or point GUM at a copy of UD_English-GUM.
#
#   WORK=/tmp/eventgraph-train Scripts/train-names.sh        # writes $OUT/names.egm (default $WORK/models)
#
# Deterministic; not run by CI. Prints exact-span P/R/F1 on GUM news (typed and untyped).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${WORK:-/tmp/eventgraph-train}
out=${OUT:-$work/models}
mkdir -p "$out"
documents() { awk -F'\t' -v use="$1" -v genre="$2" -v root="$work/data/UD_English-GUM/" \
  '$1 == "UD_English-GUM" && $5 == use && (genre == "" || $4 == genre) { print root $2 }' Training/syntax-manifest.tsv; }
rm -rf "$work/names"
# shellcheck disable=SC2046
python3 Scripts/gum-entities.py train "$work/names/train" $(documents train "")
# shellcheck disable=SC2046
python3 Scripts/gum-entities.py train "$work/names/news" $(documents held-out news)
swift build -c release --product eventgraph-train >/dev/null
entities=Sources/EventGraphExtraction/Resources/entities
lists=()
for list in cities:places countries:countries organization-heads:org-heads facility-heads:facility-heads titles:titles \
            demonyms:demonyms common-words:common place-heads:place-heads first-names:first-names regions:regions \
            institutions:institutions peoples:peoples; do
  lists+=(--list "${list#*:}=$entities/${list%%:*}.tsv")
done
time .build/release/eventgraph-train names --data "$work/names/train" --test "$work/names/news" \
  --tagger Sources/EventGraphSyntax/Resources/tagger.egm --epochs "${EPOCHS:-10}" --minimum-updates "${MINIMUM_UPDATES:-1}" \
  --version "${NAMES_VERSION:-names-2}" "${lists[@]}" -o "$out/names.egm"
