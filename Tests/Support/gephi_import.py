#!/usr/bin/env python3
"""What Gephi's default import keeps of a GraphML and a GEXF file, and whether the two carry the
same columns. Usage: gephi_import.py FILE.graphml FILE.gexf

Gephi (0.9/0.10) merges edges that have the same source, target and edge type on import (the
"merge" strategy, the default); its GraphML importer reads no edge type, its GEXF importer takes
the edge's `kind`. So a GraphML file keeps one edge per (source, target) pair, and a GEXF file one
per (source, target, kind). Prints JSON: the edge count of each file, what each import keeps, the
attribute titles of each file, and the labels of parallel GEXF edges (which must be distinct).
"""
import json
import sys
import xml.etree.ElementTree as ET

GRAPHML = '{http://graphml.graphdrawing.org/xmlns}'
GEXF = '{http://gexf.net/1.3}'


def graphml(path):
    root = ET.parse(path).getroot()
    keys = {k.get('id'): (k.get('for'), k.get('attr.name')) for k in root.iter(GRAPHML + 'key')}
    edges = [(e.get('source'), e.get('target')) for e in root.iter(GRAPHML + 'edge')]
    columns = {domain: sorted(name for d, name in keys.values() if d == domain) for domain in ('node', 'edge')}
    return len(edges), len(set(edges)), columns


def gexf(path):
    root = ET.parse(path).getroot()
    columns = {a.get('class'): sorted(['label'] + [x.get('title') for x in a.iter(GEXF + 'attribute')]) for a in root.iter(GEXF + 'attributes')}
    edges = list(root.iter(GEXF + 'edge'))
    kept = {(e.get('source'), e.get('target'), e.get('kind')) for e in edges}
    pairs = {}
    for e in edges:
        pairs.setdefault((e.get('source'), e.get('target')), []).append(e)
    parallel = [[e.get('label') for e in group] for _, group in sorted(pairs.items()) if len(group) > 1]
    ids = [e.get('id') for e in edges]
    node_labels = {n.get('id'): n.get('label') for n in root.iter(GEXF + 'node')}
    return len(edges), len(kept), columns, parallel, len(set(ids)) == len(ids), node_labels


def main(graphml_path, gexf_path):
    graphml_edges, graphml_kept, graphml_columns = graphml(graphml_path)
    gexf_edges, gexf_kept, gexf_columns, parallel, unique_ids, node_labels = gexf(gexf_path)
    print(json.dumps({
        'graphml': {'edges': graphml_edges, 'kept': graphml_kept, 'columns': graphml_columns},
        'gexf': {'edges': gexf_edges, 'kept': gexf_kept, 'columns': gexf_columns, 'unique_ids': unique_ids,
                 'parallel_labels': parallel, 'node_labels': node_labels},
    }, sort_keys=True, ensure_ascii=False))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
