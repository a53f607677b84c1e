#!/usr/bin/env python3
"""Runs a SPARQL query on an EventGraph JSON-LD export, offline, as an analyst would.

Usage: sparql_query.py FILE.jsonld QUERY.rq
pyld expands the file (refusing every URL: the context is embedded), rdflib loads its N-Quads and
runs the query. Prints the rows as a JSON list of lists of strings (an unbound value is null).
"""
import json
import sys

from pyld import jsonld
from rdflib import Graph


def refuse(url, options=None):
    raise jsonld.JsonLdError('offline: refusing to fetch ' + url, 'jsonld.LoadDocumentError', code='loading document failed')


def main():
    with open(sys.argv[1], encoding='utf-8') as f:
        document = json.load(f)
    with open(sys.argv[2], encoding='utf-8') as f:
        query = f.read()
    nquads = jsonld.to_rdf(document, {'format': 'application/n-quads', 'documentLoader': refuse})
    graph = Graph()
    graph.parse(data=nquads, format='nquads')
    rows = [[None if value is None else str(value) for value in row] for row in graph.query(query)]
    print(json.dumps(rows, ensure_ascii=False))


if __name__ == '__main__':
    sys.exit(main())
