"""Materialising superclasses and superproperties, so that clients without a reasoner see them.

Only the named-class and named-property hierarchy of the ontology is used (rdfs:subClassOf,
rdfs:subPropertyOf between IRIs): an RDFS-lite closure, not OWL reasoning.
"""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS


def _ancestors(ontology: Graph, predicate: URIRef) -> dict[URIRef, set[URIRef]]:
    result: dict[URIRef, set[URIRef]] = {}
    for child in {s for s in ontology.subjects(predicate, None) if isinstance(s, URIRef)}:
        result[child] = {
            a for a in ontology.transitive_objects(child, predicate) if isinstance(a, URIRef) and a != child
        }
    return result


def materialise(graph: Graph, ontology: Graph) -> int:
    """Add to ``graph`` every superclass type and superproperty triple; return how many were added."""
    classes = _ancestors(ontology, RDFS.subClassOf)
    properties = _ancestors(ontology, RDFS.subPropertyOf)
    before = len(graph)
    new = []
    for s, p, o in graph:
        if p == RDF.type and o in classes:
            new.extend((s, RDF.type, c) for c in classes[o])
        elif p in properties:
            new.extend((s, q, o) for q in properties[p])
    for triple in new:
        graph.add(triple)
    return len(graph) - before
