#!/usr/bin/env python3
"""Prints, as JSON, the node labels networkx reads from a GraphML file and the schema:name values
rdflib reads from a JSON-LD file (offline), so a test can check that names survive every export.
Usage: read_names.py FILE.graphml FILE.jsonld"""
import json
import sys

import networkx as nx
from pyld import jsonld
from rdflib import Graph, URIRef


def refuse(url, options=None):
    raise jsonld.JsonLdError('offline', 'jsonld.LoadDocumentError', code='loading document failed')


jsonld.set_document_loader(refuse)
g = nx.read_graphml(sys.argv[1], force_multigraph=True)
labels = sorted(d.get('label', '') for _, d in g.nodes(data=True) if d.get('kind') == 'entity')
doc = json.load(open(sys.argv[2], encoding='utf-8'))
rdf = Graph().parse(data=jsonld.to_rdf(doc, {'format': 'application/n-quads'}), format='nquads')
names = sorted(str(o) for s, p, o in rdf.triples((None, URIRef('https://schema.org/name'), None)) if '/entity/' in str(s))
print(json.dumps({'graphml': labels, 'jsonld': names}))
