#!/usr/bin/env python3
"""Reads a GraphML file with networkx and igraph and prints node and edge counts and the attribute names,
as JSON: what a Gephi-like reader sees. Usage: check_graphml.py FILE.graphml"""
import json
import sys

import igraph
import networkx as nx

g = nx.read_graphml(sys.argv[1], force_multigraph=True)
node_keys = sorted({k for _, data in g.nodes(data=True) for k in data})
edge_keys = sorted({k for _, _, data in g.edges(data=True) for k in data})
labels = sorted(data.get('label', '') for _, data in g.nodes(data=True))
ig = igraph.Graph.Read_GraphML(sys.argv[1])
print(json.dumps({'nodes': g.number_of_nodes(), 'edges': g.number_of_edges(), 'directed': g.is_directed(),
                  'node_keys': node_keys, 'edge_keys': edge_keys, 'labels': labels,
                  'igraph': {'nodes': ig.vcount(), 'edges': ig.ecount(), 'directed': ig.is_directed(),
                             'node_keys': sorted(ig.vs.attributes()), 'labels': sorted(ig.vs['label'])}}, sort_keys=True))
