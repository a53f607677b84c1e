#!/usr/bin/env python3
"""Checks an EventGraph JSON-LD export with real RDF tools, offline.

Usage: check_jsonld.py FILE.jsonld SHAPES.ttl
1. pyld expands it with a document loader that refuses every URL (the context is embedded), and
   every key must be a defined term (JSON-LD drops undefined keys silently);
2. rdflib reads pyld's N-Quads; no literal may be ill-typed;
3. pyshacl validates the graph against SHAPES;
4. SPARQL: who hosted the MKO, and from when.
Prints a JSON summary; exits 1 on any failure.
"""
import json
import sys

import pyshacl
from pyld import jsonld
from rdflib import Graph, Literal


def refuse(url, options=None):
    raise jsonld.JsonLdError('offline: refusing to fetch ' + url, 'jsonld.LoadDocumentError', code='loading document failed')


def undefined(node, terms, path='$'):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == '@context':
                continue
            if not key.startswith('@') and ':' not in key and key not in terms:
                yield f'{path}.{key}'
            yield from undefined(value, terms, f'{path}.{key}')
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from undefined(value, terms, f'{path}[{i}]')


def main(path, shapes):
    jsonld.set_document_loader(refuse)
    doc = json.load(open(path, encoding='utf-8'))
    problems = [f'undefined term {k}' for k in undefined(doc, set(doc['@context']))]
    nquads = jsonld.to_rdf(doc, {'format': 'application/n-quads'})
    g = Graph().parse(data=nquads, format='nquads')
    problems += [f'ill-typed literal {o!r}' for _, _, o in g if isinstance(o, Literal) and o.ill_typed]
    conforms, _, report = pyshacl.validate(g, shacl_graph=shapes, inference='none')
    if not conforms:
        problems.append(report)
    hosts = g.query("""
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        PREFIX eg: <https://eventgraph.example/ns#>
        PREFIX schema: <http://schema.org/>
        SELECT ?hostName ?start ?modality WHERE {
          ?r rdf:predicate eg:hostedBy ; rdf:subject ?mko ; rdf:object ?host ; eg:modality ?modality .
          ?mko schema:name ?mkoName . ?host schema:name ?hostName .
          OPTIONAL { ?r schema:startDate ?start }
          FILTER(?mkoName IN ("MKO", "Mujahedin-e-Khalq Organization"))
        } ORDER BY ?hostName ?start""")
    answers = sorted({(str(h), str(s) if s is not None else None, str(m).rsplit('#', 1)[-1]) for h, s, m in hosts}, key=lambda t: (t[0], t[1] or '', t[2]))
    print(json.dumps({'triples': len(g), 'problems': problems, 'hosted_by': answers}))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1], sys.argv[2]))
