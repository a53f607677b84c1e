#!/usr/bin/env python3
"""Build the frame lexicon: Sources/EventGraphExtraction/Resources/events/frames.tsv.

    Scripts/build-frames.py           # rewrite frames.tsv
    Scripts/build-frames.py --check   # exit 1 if frames.tsv is not what the sources give

Every predicate (a verb or an event noun, by lemma) that states an event or a relation in news,
with its event type, the relation it states between its agent and one of its roles, its CAMEO code
and where it comes from. Derived, in this order, from committed copies of open resources
(Training/README.md has their sources and licences):

1. CAMEO verbs: the verb blocks of PETRARCH2's CAMEO verb dictionary
   (Training/petrarch2/CAMEO.verbpatterns.150430.txt, MIT), typed by the reviewed block mapping
   Training/frames/cameo-blocks.tsv. Verb plus particle entries ("+PULL_OUT") are kept as
   "pull out"; other multiword entries (idioms with an object) are not predicates.
2. FrameNet frames through PropBank: the verb and noun aliases of every PropBank roleset
   (Training/propbank/rolesets.tsv, CC BY-SA 4.0) that links to a frame of the reviewed mapping
   Training/frames/framenet-frames.tsv.
3. Nominalizations through PropBank: each verb kept so far gives the noun aliases of its roleset
   ("extradite" → "extradition"): the first of its rolesets linked to a frame of the same type, else
   the first that has a noun alias.
4. Review: Training/frames/review.tsv rejects ambiguous lemmas ("take", "fire"), retypes others
   and adds what none of the sources has (disasters, "ceasefire"), each with its reason.
5. WordNet 3.0 (Debian `wordnet-base`, /usr/share/wordnet; WordNet licence): for each reviewed
   seed of Training/frames/wordnet-seeds.tsv (a predicate so far whose first sense is news's), the other words of its first sense, the direct hyponyms (troponyms for verbs) of that sense,
   and the derivationally related words of the lemma in it ("extradite" → "extradition"), one step,
   single words only. The review is applied again after this step, so its rejections hold for
   what WordNet adds.

The output is sorted by lemma and part of speech; a rerun gives the same bytes.
"""
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRAINING = ROOT / "Training"
OUTPUT = ROOT / "Sources/EventGraphExtraction/Resources/events/frames.tsv"
TAXONOMY = ROOT / "Sources/EventGraphExtraction/Resources/events/taxonomy.tsv"
PARTICLES = {"out", "up", "down", "off", "back", "over", "in", "on", "away", "into"}


def table(path):
    """Rows of a tab-separated file with '#' comments and a header line, as dicts."""
    lines = [line for line in path.read_text(encoding="utf-8").split("\n") if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def cameo_verbs(path):
    """Step 1: (lemma, block, code) for every verb entry of the verb pattern section."""
    lines = path.read_text(encoding="latin-1").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("####### VERB PATTERNS"))
    block, code, out = None, None, []
    for line in lines[start + 1:]:
        header = re.match(r"^---\s*(\S+)\s*\[([^\]]*)\]\s*---", line)
        if header:
            block, code = header.group(1), header.group(2).split(":")[0]
            continue
        text = line.split("#")[0].strip()
        if not text or text.startswith("-") or block is None:
            continue
        entry = re.match(r"^(\+?[A-Z][A-Z_\-]*)\s*(\{[^}]*\})?\s*(\[([^\]]*)\])?", text)
        if not entry:
            continue
        words = entry.group(1).lstrip("+").strip("_").lower().split("_")
        if len(words) > 2 or (len(words) == 2 and words[1] not in PARTICLES) or not words[0].isalpha():
            continue
        own = entry.group(4)
        out.append((" ".join(words), block, (own or code).split(":")[0]))
    return out


def propbank(path):
    """The rolesets: id, lemma, aliases [(lemma, pos)], FrameNet frames."""
    out = []
    for row in table(path):
        aliases = []
        for alias in row["aliases"].split():
            lemma, pos = alias.rsplit("/", 1)
            aliases.append((lemma.replace("_", " ").lower(), pos))
        frames = [] if row["framenet"] == "-" else row["framenet"].split()
        out.append({"id": row["roleset"], "lemma": row["roleset"].rsplit(".", 1)[0].replace("_", " "), "aliases": aliases, "frames": frames})
    return out


def from_cameo(verbs, blocks):
    """Step 1's frames: lemma → frame for the verbs of mapped blocks (first block wins)."""
    frames = {}
    for lemma, block, code in verbs:
        mapping = blocks.get(block)
        if mapping and (lemma, "verb") not in frames:
            frames[(lemma, "verb")] = dict(mapping, cameo=code if code != "---" else "-", source=f"cameo:{block}")
    return frames


def from_framenet(rolesets, mapped_frames, frames):
    """Step 2: aliases of rolesets linked to a mapped FrameNet frame (a CAMEO verb keeps its type)."""
    for roleset in rolesets:
        frame = next((f for f in roleset["frames"] if f in mapped_frames), None)
        if frame is None:
            continue
        for lemma, pos in roleset["aliases"]:
            part = {"v": "verb", "n": "noun"}.get(pos)
            if part and (lemma, part) not in frames and " " not in lemma:
                frames[(lemma, part)] = dict(mapped_frames[frame], cameo="-", source=f"propbank:{roleset['id']} framenet:{frame}")
    return frames


def nominalizations(rolesets, mapped_frames, frames):
    """Step 3: the noun aliases of each verb's roleset."""
    by_lemma = {}
    for roleset in rolesets:
        by_lemma.setdefault(roleset["lemma"], []).append(roleset)
    for (lemma, pos), frame in sorted(frames.items()):
        if pos != "verb" or frame["type"] == "-":
            continue
        candidates = [r for r in by_lemma.get(lemma, []) if any(p == "n" for _, p in r["aliases"])]
        same = [r for r in candidates if any(mapped_frames.get(f, {}).get("type") == frame["type"] for f in r["frames"])]
        chosen = (same or candidates or [None])[0]
        if chosen is None:
            continue
        for noun, p in chosen["aliases"]:
            if p == "n" and " " not in noun and (noun, "noun") not in frames:
                frames[(noun, "noun")] = dict(frame, source=f"propbank:{chosen['id']} nominalization of {lemma}")
    return frames


def review(rows, frames, cameo_roots):
    """Step 4: the reviewed decisions, applied in file order."""
    for row in rows:
        key = (row["lemma"], row["pos"])
        if row["type"] == "reject":
            frames.pop(key, None)
            continue
        old = frames.get(key, {})
        frames[key] = {"type": row["type"], "relation": row["relation"], "object": row["object"],
                       "cameo": old.get("cameo", cameo_roots.get(row["type"], "-")), "source": "review" if not old else old["source"] + " review"}
    return frames


WORDNET = Path("/usr/share/wordnet")


def wordnet(directory):
    """The first sense of each lemma and the synsets: pos → lemma → offset; (pos, offset) → synset."""
    firsts, synsets = {}, {}
    for pos, name in (("noun", "noun"), ("verb", "verb")):
        firsts[pos] = {}
        for line in (directory / f"index.{name}").read_text(encoding="latin-1").split("\n"):
            if not line or line.startswith(" "):
                continue
            fields = line.split()
            pointer_count = int(fields[3])
            offsets = fields[4 + pointer_count + 2:]
            if offsets:
                firsts[pos][fields[0].replace("_", " ")] = offsets[0]
        for line in (directory / f"data.{name}").read_text(encoding="latin-1").split("\n"):
            if not line or line.startswith(" "):
                continue
            fields = line.split(" | ")[0].split()
            count = int(fields[3], 16)
            words = [fields[4 + 2 * i].lower() for i in range(count)]
            words = [re.sub(r"\(.*\)$", "", w).replace("_", " ") for w in words]
            at = 4 + 2 * count
            pointers = []
            for i in range(int(fields[at])):
                symbol, offset, target_pos, numbers = fields[at + 1 + 4 * i:at + 5 + 4 * i]
                pointers.append((symbol, offset, {"n": "noun", "v": "verb"}.get(target_pos), int(numbers[:2], 16), int(numbers[2:], 16)))
            synsets[(pos, fields[0])] = {"words": words, "pointers": pointers, "lexfile": int(fields[1])}
    return firsts, synsets


# WordNet's lexicographer files for nouns that name happenings: noun.act, noun.event,
# noun.phenomenon, noun.process. Nouns of other files (noun.person: "attacker", noun.state) name
# who takes part or a condition, not an event.
EVENT_NOUN_FILES = {4, 11, 19, 22}
# Verbs of the files of doing: verb.body, change, communication, competition, contact, creation,
# motion, possession, social, weather. A first sense in verb.cognition ("apprehend" = understand),
# emotion, perception, consumption or stative is not the sense news uses.
EVENT_VERB_FILES = {29, 30, 32, 33, 35, 36, 38, 40, 41, 43}


def eventive(pos, synset):
    return synset["lexfile"] in (EVENT_NOUN_FILES if pos == "noun" else EVENT_VERB_FILES)


def from_wordnet(firsts, synsets, seeds, frames):
    """Step 5: synonyms, hyponyms and derivations of the first sense of each reviewed seed."""
    added = {}
    for (lemma, pos), frame in sorted(frames.items()):
        if (lemma, pos) not in seeds:
            continue
        offset = firsts.get(pos, {}).get(lemma)
        if offset is None:
            continue
        synset = synsets[(pos, offset)]
        if not eventive(pos, synset):
            continue
        found = [(w, pos, f"synonym of {lemma}") for w in synset["words"]]
        own = synset["words"].index(lemma) + 1 if lemma in synset["words"] else 0
        for symbol, target, target_pos, source_number, target_number in synset["pointers"]:
            other = synsets.get((target_pos, target))
            if other is None or not eventive(target_pos, other):
                continue
            if symbol == "~" and target_pos == pos:
                found += [(w, pos, f"hyponym of {lemma}") for w in other["words"]]
            elif symbol == "+" and source_number == own and own:
                found.append((synsets[(target_pos, target)]["words"][target_number - 1], target_pos, f"derived from {lemma}"))
        for word, word_pos, how in found:
            parts = word.split()
            single = len(parts) == 1 or (word_pos == "verb" and len(parts) == 2 and parts[1] in PARTICLES)
            if single and word.replace("-", "").isalpha() and (word, word_pos) not in frames and (word, word_pos) not in added:
                added[(word, word_pos)] = dict(frame, source=f"wordnet:{pos}.{offset} {how}")
    frames.update(added)
    return frames


def build():
    blocks = {r["block"]: {"type": r["type"], "relation": r["relation"], "object": r["object"]} for r in table(TRAINING / "frames/cameo-blocks.tsv")}
    mapped = {r["frame"]: {"type": r["type"], "relation": r["relation"], "object": r["object"]} for r in table(TRAINING / "frames/framenet-frames.tsv")}
    taxonomy = {r["type"]: r["cameo"] for r in table(TAXONOMY)}
    rolesets = propbank(TRAINING / "propbank/rolesets.tsv")
    frames = from_cameo(cameo_verbs(TRAINING / "petrarch2/CAMEO.verbpatterns.150430.txt"), blocks)
    frames = from_framenet(rolesets, mapped, frames)
    decisions = table(TRAINING / "frames/review.tsv")
    # Reviewed before the nominalizations too: a rejected verb ("hit") gives no nouns.
    frames = review(decisions, frames, taxonomy)
    frames = nominalizations(rolesets, mapped, frames)
    frames = review(decisions, frames, taxonomy)
    seeds = {(r["lemma"], r["pos"]) for r in table(TRAINING / "frames/wordnet-seeds.tsv")}
    missing = sorted(seeds - set(frames))
    if missing:
        sys.exit(f"build-frames: WordNet seeds that are no predicate: {missing}")
    frames = from_wordnet(*wordnet(WORDNET), seeds, frames)
    frames = review(decisions, frames, taxonomy)
    unknown = sorted({f["type"] for f in frames.values()} - set(taxonomy) - {"-"})
    if unknown:
        sys.exit(f"build-frames: event types missing from taxonomy.tsv: {', '.join(unknown)}")
    lines = ["# Predicates that state an event or a relation, by lemma. Generated by Scripts/build-frames.py from",
             "# CAMEO (PETRARCH2, MIT), PropBank (CC BY-SA 4.0) and Training/frames/review.tsv: edit those, not this.",
             "# type: event type (taxonomy.tsv) or \"-\"; relation: what the event states from its agent to its",
             "# `object` role (relations/types.tsv) or \"-\"; cameo: the CAMEO code of the verb or of its type.",
             "lemma\tpos\ttype\trelation\tobject\tcameo\tsource"]
    for (lemma, pos), f in sorted(frames.items()):
        if f["type"] == "-" and f["relation"] == "-":
            continue
        lines.append("\t".join([lemma, pos, f["type"], f["relation"], f["object"], f["cameo"], f["source"]]))
    return "\n".join(lines) + "\n"


def main():
    text = build()
    if "--check" in sys.argv:
        if OUTPUT.read_text(encoding="utf-8") != text:
            sys.exit("build-frames: frames.tsv is not what the sources give; run Scripts/build-frames.py")
        return
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"{OUTPUT.relative_to(ROOT)}: {text.count(chr(10)) - 5} predicates", file=sys.stderr)


if __name__ == "__main__":
    main()
