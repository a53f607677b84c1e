#!/usr/bin/env python3
"""Converts GUM's entity annotation to name spans: training data for the name tagger and the gold of
the GUM news benchmark.

GUM marks every mention in the MISC column (`Entity=(eid-etype-infstat-salience-centering-minspan-
link-identity ...`, `eid)` closing). A *name* here is a mention typed person, organization or place
whose head (its minspan) holds a proper noun, or that carries a Wikification identity; it is cut down
to the run of proper nouns (with inner "of", "the", "for", "de", "&" and hyphens) around its head,
since news gold names "United States", not "the United States"; a person's name loses the titles
before it ("President Donald Trump" → "Donald Trump", by the recognizer's title list), and plural
proper nouns typed person ("Afghans") are groups, not names. Nested names keep
the outermost. Types map person → PER, organization → ORG, place → LOC (GUM has no facility type:
facilities come from the recognizer's head words, not from this data).

  Scripts/gum-entities.py train DIR FILE.conllu...    one `form<TAB>upos<TAB>label` file per document (BIO)
  Scripts/gum-entities.py gold DIR FILE.conllu...     one NNN.gold.json per document (entities only)

Reads the files of Training/syntax-manifest.tsv; never the dev set or the seeds.
"""
import json, os, re, sys

TYPES = {"person": "PER", "organization": "ORG", "place": "LOC"}
OUR_TYPES = {"PER": "person", "ORG": "organization", "LOC": "place"}
CONNECTORS = {"of", "the", "for", "de", "du", "al", "-", "&"}
HERE = os.path.dirname(os.path.abspath(__file__))


def _first_column(name):
    """The lowercased first column of one of the recognizer's word lists (comments and header skipped)."""
    path = os.path.join(HERE, "..", "Sources", "EventGraphExtraction", "Resources", "entities", name)
    rows = [line.split("\t")[0].strip().lower() for line in open(path, encoding="utf-8") if not line.startswith("#")]
    return set(rows[1:])


# Single-word titles from the recognizer's own list: "President Donald Trump" is named "Donald Trump".
TITLES = {t for t in _first_column("titles.tsv") if t and " " not in t}
OPEN = re.compile(r"\(([0-9]+)-([a-z]+)-([^()|]*)")
CLOSE = re.compile(r"([0-9]+)\)")


def sentences(path):
    """(sent_id, text, words) per sentence; words are dicts with form, upos, misc (multiword tokens skipped)."""
    sid, text, words = None, None, []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            if words:
                yield sid, text, words
            sid, text, words = None, None, []
            continue
        if line.startswith("# sent_id = "):
            sid = line[12:]
        elif line.startswith("# text = "):
            text = line[9:]
        elif not line.startswith("#"):
            cols = line.split("\t")
            if len(cols) == 10 and cols[0].isdigit():
                words.append({"form": cols[1], "upos": cols[3], "xpos": cols[4], "misc": cols[9]})
    if words:
        yield sid, text, words


def mentions(words):
    """(start, end, etype, minspan, identity) for every mention of the sentence; end exclusive."""
    return [m[1:] for m in entity_mentions(words)]


def entity_mentions(words):
    """(eid, start, end, etype, minspan, identity) for every mention of the sentence; end exclusive.
    Mentions of one entity share the eid within a document."""
    stack, found = [], []
    for i, w in enumerate(words):
        entity = next((m[7:] for m in w["misc"].split("|") if m.startswith("Entity=")), "")
        pos = 0
        while pos < len(entity):
            if entity[pos] == "(":
                m = OPEN.match(entity, pos)
                if not m:
                    pos += 1
                    continue
                fields = m.group(3).split("-")
                # infstat, salience, centering, minspan, link, identity (identity may hold hyphens)
                minspan = fields[3] if len(fields) > 3 else ""
                identity = "-".join(fields[5:]) if len(fields) > 5 else ""
                stack.append((m.group(1), i, m.group(2), minspan, identity))
                pos = m.end()
                if pos < len(entity) and entity[pos] == ")":
                    eid, start, etype, minspan, identity = stack.pop()
                    found.append((eid, start, i + 1, etype, minspan, identity))
                    pos += 1
            else:
                m = CLOSE.match(entity, pos)
                if not m:
                    pos += 1
                    continue
                for k in range(len(stack) - 1, -1, -1):
                    if stack[k][0] == m.group(1):
                        eid, start, etype, minspan, identity = stack.pop(k)
                        found.append((eid, start, i + 1, etype, minspan, identity))
                        break
                pos = m.end()
    return found


def name_like(word):
    """A word of a name: a proper noun, or a capitalized word of another tag inside the mention
    ("United" in "United States" and "Homeland" in "Department of Homeland Security" are not always
    tagged PROPN in GUM's source files), but not a capitalized article or pronoun."""
    if word["upos"] == "PROPN":
        return True
    form = word["form"]
    return form[:1].isupper() and word["upos"] not in ("DET", "PRON", "ADP", "CCONJ", "SCONJ", "PUNCT", "NUM", "AUX", "PART")


def names(words):
    """Name spans (start, end, label), outermost first, no overlaps."""
    spans = []
    for start, end, etype, minspan, identity in mentions(words):
        if etype not in TYPES:
            continue
        heads = [start + int(k) - 1 for k in re.findall(r"[0-9]+", minspan) if start + int(k) - 1 < end] or [start]
        proper = [h for h in heads if words[h]["upos"] == "PROPN"]
        if not proper and not identity:
            continue
        anchor = proper[0] if proper else heads[0]
        if words[anchor]["upos"] != "PROPN":
            candidates = [k for k in range(start, end) if words[k]["upos"] == "PROPN"]
            if not candidates:
                continue
            anchor = candidates[0]
        lo = hi = anchor
        # Connectors join proper nouns; in a person's name only hyphens do ("Ann Chiang of DAB" is
        # Ann Chiang, of a party; "Lam Cheuk-ting" is one name).
        joins = etype != "person"
        while lo - 1 >= start and (name_like(words[lo - 1]) or ((joins or words[lo - 1]["form"] == "-") and words[lo - 1]["form"].lower() in CONNECTORS and lo - 2 >= start and words[lo - 2]["upos"] == "PROPN")):
            lo -= 1
        while hi + 1 < end and (name_like(words[hi + 1]) or ((joins or words[hi + 1]["form"] == "-") and words[hi + 1]["form"].lower() in CONNECTORS and hi + 2 < end and words[hi + 2]["upos"] == "PROPN")):
            hi += 1
        if etype == "person":
            # A title before the name is not part of it; a plural proper noun ("Afghans") is a group.
            titles = [k for k in range(lo, hi + 1) if words[k]["form"].lower().rstrip(".") in TITLES]
            if titles and titles[-1] < hi:
                lo = titles[-1] + 1
            elif titles:
                continue
            if words[anchor]["xpos"] == "NNPS" or all(words[k]["xpos"] == "NNPS" for k in range(lo, hi + 1)):
                continue
        spans.append((lo, hi + 1, TYPES[etype]))
    spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    kept = []
    for s in spans:
        if all(s[1] <= k[0] or s[0] >= k[1] for k in kept):
            kept.append(s)
    return sorted(kept)


# Country names from the recognizer's gazetteer.
COUNTRIES = _first_column("countries.tsv")


def write_training(out, paths):
    """BIO files for training. One convention differs from GUM's: a country is a place even where GUM
    types it organization (a national team, a government acting), as news gold does."""
    os.makedirs(out, exist_ok=True)
    for path in paths:
        doc = os.path.basename(path).replace(".conllu", "")
        with open(os.path.join(out, doc + ".names.tsv"), "w", encoding="utf-8") as f:
            f.write(f"# doc = {doc}\n")
            for sid, text, words in sentences(path):
                labels = ["O"] * len(words)
                for start, end, label in names(words):
                    if label == "ORG" and " ".join(w["form"] for w in words[start:end]).lower() in COUNTRIES:
                        label = "LOC"
                    labels[start] = "B-" + label
                    for k in range(start + 1, end):
                        labels[k] = "I-" + label
                for w, label in zip(words, labels):
                    f.write(f"{w['form']}\t{w['upos']}\t{label}\n")
                f.write("\n")


def align(text, words):
    """Each word's character offset in the sentence's `# text` (searched left to right), or None
    when the text does not hold the words in order."""
    offsets, cursor = [], 0
    for w in words:
        found = text.find(w["form"], cursor)
        if found < 0:
            return None
        offsets.append(found)
        cursor = found + len(w["form"])
    return offsets


def detokenize(words):
    """A sentence text from the words and SpaceAfter=No, for a sentence without a usable `# text`."""
    text, offsets = "", []
    for w in words:
        offsets.append(len(text))
        text += w["form"]
        if "SpaceAfter=No" not in w["misc"].split("|"):
            text += " "
    return text.rstrip(), offsets


def write_gold(out, paths):
    """One article (text) and gold file per document: the entities, each with every name it goes by
    (GUM's entity ids link the mentions of one entity)."""
    os.makedirs(os.path.join(out, "corpus"), exist_ok=True)
    os.makedirs(os.path.join(out, "gold"), exist_ok=True)
    for path in paths:
        doc = os.path.basename(path).replace(".conllu", "")
        lines, entities = [], {}
        for sid, text, words in sentences(path):
            offsets = align(text, words) if text else None
            sentence = text
            if offsets is None:
                sentence, offsets = detokenize(words)
            lines.append(sentence)
            by_span = {(s, e): (etype, identity) for s, e, etype, _, identity in mentions(words)}
            for start, end, label in names(words):
                name = sentence[offsets[start]:offsets[end - 1] + len(words[end - 1]["form"])]
                key = next((f"{identity or name}" for (s, e), (t, identity) in by_span.items() if s <= start and end <= e and TYPES.get(t) == label), name)
                entry = entities.setdefault((label, key), {"key": key, "type": OUR_TYPES[label], "names": [], "level": "must"})
                if name not in entry["names"]:
                    entry["names"].append(name)
        with open(os.path.join(out, "corpus", doc + ".txt"), "w", encoding="utf-8") as f:
            f.write("---\ntitle: " + json.dumps(doc) + "\nsource: GUM (Wikinews, CC BY 2.5)\n---\n" + "\n".join(lines) + "\n")
        gold = {"document": doc + ".txt", "entities": sorted(entities.values(), key=lambda e: (e["type"], e["key"])),
                "not_entities": [], "timexes": [], "events": [], "relations": []}
        with open(os.path.join(out, "gold", doc + ".gold.json"), "w", encoding="utf-8") as f:
            json.dump(gold, f, indent=2, ensure_ascii=False, sort_keys=True)
            f.write("\n")


if __name__ == "__main__":
    commands = {"train": write_training, "gold": write_gold}
    if len(sys.argv) < 4 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](sys.argv[2], sys.argv[3:])
