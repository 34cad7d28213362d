"""Materialising superclasses and superproperties, so that clients without a reasoner see them.

Only the named-class and named-property hierarchy of the ontology is used (rdfs:subClassOf,
rdfs:subPropertyOf between IRIs): an RDFS-lite closure, not OWL reasoning.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS


def _ancestors(ontology: Graph, predicate: URIRef) -> dict[str, list[ox.NamedNode]]:
    result: dict[str, list[ox.NamedNode]] = {}
    for child in {s for s in ontology.subjects(predicate, None) if isinstance(s, URIRef)}:
        result[str(child)] = sorted(
            ox.NamedNode(str(a))
            for a in ontology.transitive_objects(child, predicate)
            if isinstance(a, URIRef) and a != child
        )
    return result


def materialise(triples: set[ox.Triple], ontology: Graph) -> int:
    """Add to ``triples`` every superclass type and superproperty triple; return how many were added."""
    classes = _ancestors(ontology, RDFS.subClassOf)
    properties = _ancestors(ontology, RDFS.subPropertyOf)
    rdf_type = str(RDF.type)
    before = len(triples)
    new = []
    for t in triples:
        p = t.predicate.value
        if p == rdf_type:
            supers = classes.get(t.object.value) if isinstance(t.object, ox.NamedNode) else None
            if supers:
                new.extend(ox.Triple(t.subject, t.predicate, c) for c in supers)
        elif p in properties:
            new.extend(ox.Triple(t.subject, q, t.object) for q in properties[p])
    triples.update(new)
    return len(triples) - before
