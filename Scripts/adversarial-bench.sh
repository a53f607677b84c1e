#!/usr/bin/env bash
# Times the inputs that were quadratic or exponential before issue 14, one row each, with the
# release build: graph JSON on one line (40,000 sentences no evidence quotes; 10,000 documents;
# 10,000 entities quoting one sentence), corpora of many distinct names (1,000 and 3,000 articles),
# one article of 5,000 and 20,000 names (meetings and support, each dated), and user rule files (26 optional elements; 1,000 rules
# that all start with one word). Inputs are generated deterministically by python3. Not run by CI.
#
#   Scripts/adversarial-bench.sh            SCRATCH=/tmp/eventgraph-adversarial by default
#   EVENTGRAPH=/path/to/old/eventgraph LIMIT=120 Scripts/adversarial-bench.sh   (another binary; seconds before stopping a row)
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${SCRATCH:-/tmp/eventgraph-adversarial}
mkdir -p "$scratch"
# EVENTGRAPH=path/to/eventgraph measures another build (an older commit's, for a before/after).
if [ -z "${EVENTGRAPH:-}" ]; then swift build -c release --product eventgraph >/dev/null; fi
eventgraph=${EVENTGRAPH:-$PWD/.build/release/eventgraph}
limit=${LIMIT:-120}
python3 - "$scratch" <<'PY'
import json, os, sys
root = sys.argv[1]
def document(i, sentences):
    return {"id": "d%05d.txt" % i, "license": None, "path": "c/d%05d.txt" % i, "published": "2023-06-21", "sentences": sentences,
            "sha256": "0" * 64, "source": None, "title": None, "url": None}
def evidence(doc, sentence):
    return {"byteEnd": 5, "byteStart": 0, "confidence": 0.8, "document": doc, "end": 5, "rule": "r", "sentence": sentence,
            "start": 0, "text": "Alice", "toolVersion": "0.1.0"}
def graph(name, documents, entities):
    g = {"documents": documents, "entities": entities, "events": [], "format": "eventgraph-graph", "formatVersion": 2,
         "generator": "eventgraph 0.1.0", "relations": [], "timexes": []}
    with open(os.path.join(root, name), "w") as f: json.dump(g, f, sort_keys=True)
graph("sentences.graph.json", [document(0, [{"index": i, "text": "Alice went %d." % i} for i in range(40000)])], [])
graph("documents.graph.json", [document(i, [{"index": 0, "text": "Alice went."}]) for i in range(10000)],
      [{"aliases": [], "id": "person:alice", "mentions": [evidence("d%05d.txt" % i, 0) for i in range(10000)], "name": "Alice", "type": "person"}])
graph("entities.graph.json", [document(0, [{"index": 0, "text": "Alice went."}])],
      [{"aliases": [], "id": "person:a%05d" % i, "mentions": [evidence("d00000.txt", 0)], "name": "A%05d" % i, "type": "person"} for i in range(10000)])
first = ["Ahmed", "John", "Maria", "Ali", "Sara", "Omar", "Elena", "Pavel", "Chen", "Aisha", "Jonas", "Lucia", "Hassan", "Nadia", "Tomas",
         "Irina", "Karim", "Leila", "Marco", "Fatima"]
syllables = ["ka", "ro", "mi", "ta", "ne", "lo", "vi", "sa", "du", "re", "po", "li", "ga", "zo", "be"]
def surname(i):
    s, n = "", i
    for _ in range(4): s, n = s + syllables[n % 15], n // 15
    return s.capitalize()
for articles in (1000, 3000):
    folder = os.path.join(root, "names-%d" % articles); os.makedirs(folder, exist_ok=True)
    k = 0
    for a in range(articles):
        sentences = []
        for _ in range(5):
            sentences.append("%s %s supported %s %s in Tirana on Monday, officials said." % (first[k % 20], surname(k), first[(k + 7) % 20], surname(k + 1)))
            k += 2
        with open(os.path.join(folder, "a%05d.txt" % a), "w") as f: f.write("---\npublished: 2023-06-21\n---\n" + " ".join(sentences) + "\n")
for names in (5000, 20000):
    people = ["%s %s" % (first[i % 20], surname(i)) for i in range(names)]
    # Meetings (events with a place and a date) and support (relations with a date), alternating.
    text = " ".join(("%s met %s in Tirana on Monday, officials said." if i % 4 == 0 else "%s supported %s on Tuesday, officials said.")
                    % (people[i], people[i + 1]) for i in range(0, names, 2))
    with open(os.path.join(root, "article-%d-names.txt" % names), "w") as f: f.write("---\npublished: 2023-06-21\n---\n" + text + "\n")
os.makedirs(os.path.join(root, "rules-optional/timex"), exist_ok=True)
os.makedirs(os.path.join(root, "rules-many/timex"), exist_ok=True)
with open(os.path.join(root, "rules-optional/timex/rules.json"), "w") as f:
    json.dump({"rules": [{"id": "optional", "pattern": " ".join(["the?"] * 26) + " year", "type": "DATE", "normalize": "ref", "params": {"value": "PAST_REF"}}]}, f)
with open(os.path.join(root, "rules-many/timex/rules.json"), "w") as f:
    json.dump({"rules": [{"id": "r%d" % i, "pattern": "the w%d year" % i, "type": "DATE", "normalize": "ref", "params": {"value": "PAST_REF"}} for i in range(1000)]}, f)
with open(os.path.join(root, "the.txt"), "w") as f: f.write("---\npublished: 2023-06-21\n---\n" + ("the " * 40 + "day. ") * 50 + "\n")
PY
row() {
  local what=$1; shift
  local status=0
  /usr/bin/time -o "$scratch/time.txt" -f '%e %M' timeout "$limit" "$@" >/dev/null 2>&1 || status=$?
  read -r seconds kilobytes < <(tail -1 "$scratch/time.txt")
  [ "$status" -eq 124 ] && seconds="> $limit (stopped)"
  [ "$status" -gt 128 ] && [ "$status" -ne 124 ] && seconds="$seconds (killed by signal $((status - 128)))"
  printf '| %s | %s | %.0f |\n' "$what" "$seconds" "$((kilobytes / 1024))"
}
echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
echo
echo "| input | seconds | peak MB |"
echo "|---|---:|---:|"
for name in sentences documents entities; do
  row "graph JSON on one line: $name (export to GraphML)" "$eventgraph" export "$scratch/$name.graph.json" --format graphml -o "$scratch/out-$name.graphml"
done
for articles in 1000 3000; do
  row "$articles articles, distinct names (build)" "$eventgraph" build "$scratch/names-$articles" -o "$scratch/out-names-$articles" --formats none
done
for names in 5000 20000; do
  row "one article of $names names (build)" "$eventgraph" build "$scratch/article-$names-names.txt" -o "$scratch/out-article-$names" --formats none
done
row "user rule of 26 optional elements (timex)" "$eventgraph" timex "$scratch/the.txt" --rules "$scratch/rules-optional" --format text
row "1,000 user rules starting with one word (timex)" "$eventgraph" timex "$scratch/the.txt" --rules "$scratch/rules-many" --format text
