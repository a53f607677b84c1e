#!/usr/bin/env bash
# Trains the syntax models from the openly licensed treebanks listed in Training/syntax-manifest.tsv
# (see Training/README.md for where the data comes from and why each document is in or out).
# Fetches nothing: point it at local copies of the two repositories, checked out or bare:
#
#   GUM=path/to/UD_English-GUM EWT=path/to/UD_English-EWT Scripts/train-syntax.sh
#
# It copies the manifest's documents (train and held-out) into $WORK/data, trains with the release
# build of eventgraph-train (deterministic: the same data gives the same bytes), writes the models to
# $OUT (default: a scratch folder; Sources/EventGraphSyntax/Resources/ to ship them) and prints
# the held-out scores. Not run by CI.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${GUM:?set GUM to a copy of UD_English-GUM}" "${EWT:?set EWT to a copy of UD_English-EWT}"
work=${WORK:-/tmp/eventgraph-train}
out=${OUT:-$work/models}
mkdir -p "$work/data" "$out"
# A file at HEAD of a repository, whether it is a work tree or a bare git directory.
show() {
  local repo=$1 path=$2
  if [ -f "$repo/$path" ]; then cat "$repo/$path"; else git --git-dir="$repo" show "HEAD:$path"; fi
}
while IFS=$'\t' read -r treebank path document genre use rest; do
  case $treebank in \#*|treebank) continue ;; esac
  [ "$use" = excluded ] && continue
  case $treebank in UD_English-GUM) repo=$GUM ;; UD_English-EWT) repo=$EWT ;; *) echo "unknown treebank $treebank" >&2; exit 2 ;; esac
  mkdir -p "$work/data/$treebank/$(dirname "$path")"
  show "$repo" "$path" > "$work/data/$treebank/$path"
done < Training/syntax-manifest.tsv
swift build -c release --product eventgraph-train >/dev/null
train=.build/release/eventgraph-train
lexicons=(--common-words Sources/EventGraphExtraction/Resources/entities/common-words.tsv
  --names Sources/EventGraphExtraction/Resources/entities/cities.tsv --names Sources/EventGraphExtraction/Resources/entities/countries.tsv)
time "$train" tagger --two-pass "${TWO_PASS:-yes}" --data "$work/data" --minimum-updates "${TAGGER_MINIMUM_UPDATES:-2}" \
  --version "${TAGGER_VERSION:-tagger-2}" "${lexicons[@]}" -o "$out/tagger.egm"
time "$train" parser --data "$work/data" --tagger "$out/tagger.egm" --epochs "${PARSER_EPOCHS:-15}" --minimum-updates "${MINIMUM_UPDATES:-10}" --version "${PARSER_VERSION:-parser-2}" \
  "${lexicons[@]}" -o "$out/parser.egm"
