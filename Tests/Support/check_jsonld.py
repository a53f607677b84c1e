#!/usr/bin/env python3
"""Checks an EventGraph JSON-LD export with real RDF tools, offline.

Usage: check_jsonld.py FILE.jsonld SHAPES.ttl [TEXTS.json]
1. pyld expands it with a document loader that refuses every URL (the context is embedded), and
   every key must be a defined term (JSON-LD drops undefined keys silently);
2. rdflib reads pyld's N-Quads; no literal may be ill-typed;
3. pyshacl validates the graph against SHAPES;
4. SPARQL: who hosted the MKO, and from when;
5. NIF: every mention node belongs to one fact, and with TEXTS (a JSON object from document id,
   the articles' schema:name, to its text) its nif:anchorOf is exactly the text from beginIndex to
   endIndex (Python's string indexes count Unicode scalars, as NIF's offsets do).
Prints a JSON summary; exits 1 on any failure.
"""
import json
import sys

import pyshacl
from pyld import jsonld
from rdflib import Graph, Literal, Namespace, RDF

NIF = Namespace('http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#')
SCHEMA = Namespace('https://schema.org/')
EG = Namespace('https://eventgraph.example/ns#')


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


def span_problems(g, texts):
    """Mentions whose anchor is not their span, or that more than one fact points to."""
    problems = []
    mentions = set(g.subjects(RDF.type, NIF.RFC5147String))
    for mention in sorted(mentions):
        owners = set(g.subjects(EG.mention, mention))
        if len(owners) != 1:
            problems.append(f'mention {mention} belongs to {len(owners)} facts')
        if texts is None:
            continue
        document = g.value(mention, NIF.referenceContext)
        text = texts.get(str(g.value(document, SCHEMA.name)))
        begin, end = g.value(mention, NIF.beginIndex).toPython(), g.value(mention, NIF.endIndex).toPython()
        anchor = str(g.value(mention, NIF.anchorOf))
        if text is None:
            problems.append(f'mention {mention}: no text for its document {document}')
        elif text[begin:end] != anchor:
            problems.append(f'mention {mention}: anchorOf {anchor[:60]!r} is not the span {text[begin:end][:60]!r}')
    return problems, len(mentions)


def main(path, shapes, texts_path=None):
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
        PREFIX schema: <https://schema.org/>
        SELECT ?hostName ?start ?modality WHERE {
          ?r rdf:predicate eg:hostedBy ; rdf:subject ?mko ; rdf:object ?host ; eg:modality ?modality .
          ?mko schema:name ?mkoName . ?host schema:name ?hostName .
          OPTIONAL { ?r schema:startDate ?start }
          FILTER(?mkoName IN ("MKO", "Mujahedin-e-Khalq Organization"))
        } ORDER BY ?hostName ?start""")
    texts = json.load(open(texts_path, encoding='utf-8')) if texts_path else None
    spans, mention_count = span_problems(g, texts)
    problems += spans
    answers = sorted({(str(h), str(s) if s is not None else None, str(m).rsplit('#', 1)[-1]) for h, s, m in hosts}, key=lambda t: (t[0], t[1] or '', t[2]))
    print(json.dumps({'triples': len(g), 'mentions': mention_count, 'problems': problems, 'hosted_by': answers}))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(*sys.argv[1:4]))
