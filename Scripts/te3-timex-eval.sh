#!/usr/bin/env bash
# Scores `eventgraph timex` on TBAQ-cleaned (TimeBank and AQUAINT) with the official TempEval-3
# toolkit, as the README's Time expressions section reports it. Not run by CI: it needs the toolkit
# and the corpus (e.g. a checkout of a repository that holds `tools/` and `data/TBAQ-cleaned/` of
# TempEval-3), Java, Python 2 (the toolkit's scripts) and Perl. Never point it at the TE3 platinum
# test set: that is a held-out benchmark.
#
#   Scripts/te3-timex-eval.sh TOOLKIT_ROOT [SCRATCH]
#
# TOOLKIT_ROOT holds tools/TimeML-Normalizer, tools/evaluation-entities and data/TBAQ-cleaned.
# The toolkit's tokenize.pl files carry Latin-1 bytes that Perl 5.36 refuses under `use utf8`; the
# scratch copy is re-encoded to UTF-8 (the scores do not change: the bytes are in comments and
# abbreviation lists).
set -euo pipefail
root=${1:?usage: Scripts/te3-timex-eval.sh TOOLKIT_ROOT [SCRATCH]}
scratch=${2:-/tmp/eventgraph-te3}
python2=(${PYTHON2:-python2})
cd "$(dirname "$0")/.."
swift build -c release --product eventgraph >/dev/null
eventgraph=$PWD/.build/release/eventgraph
rm -rf "$scratch" && mkdir -p "$scratch"
cp -r "$root/tools" "$scratch/tools"
find "$scratch/tools" -name 'tokenize.pl' | while read -r f; do iconv -f latin1 -t utf-8 "$f" > "$f.utf8" && mv "$f.utf8" "$f" && chmod +x "$f"; done
for corpus in TimeBank AQUAINT; do
  mkdir -p "$scratch/input/$corpus" "$scratch/out/$corpus" "$scratch/$corpus/gold" "$scratch/$corpus/system"
  # The input: each file with the annotations inside <TEXT> and the links after it removed.
  python3 - "$root/data/TBAQ-cleaned/$corpus" "$scratch/input/$corpus" <<'PY'
import glob, os, re, sys
source, target = sys.argv[1], sys.argv[2]
for path in sorted(glob.glob(source + "/*.tml")):
    text = open(path, encoding="utf-8").read()
    start, end = text.index("<TEXT>"), text.index("</TEXT>") + len("</TEXT>")
    body = re.sub(r"</?(TIMEX3|EVENT|SIGNAL)\b[^>]*>", "", text[start:end])
    rest = re.sub(r"<(TLINK|SLINK|ALINK|MAKEINSTANCE)\b[^>]*/>\s*", "", text[end:])
    open(os.path.join(target, os.path.basename(path)), "w", encoding="utf-8").write(text[:start] + body + rest)
PY
  "$eventgraph" timex "$scratch/input/$corpus"/*.tml --format timeml --output-dir "$scratch/out/$corpus" >/dev/null
  cp "$root/data/TBAQ-cleaned/$corpus"/*.tml "$scratch/$corpus/gold/"
  cp "$scratch/out/$corpus"/*.tml "$scratch/$corpus/system/"
  (cd "$scratch/tools" && java -jar TimeML-Normalizer/TimeML-Normalizer.jar -a "$scratch/$corpus/gold;$scratch/$corpus/system" >/dev/null 2>&1)
  echo "== $corpus"
  (cd "$scratch/tools" && "${python2[@]}" evaluation-entities/evaluate_entities.py "$scratch/$corpus/gold-normalized/" "$scratch/$corpus/system-normalized/" 0) \
    | grep -A7 "Timex Performance"
done
