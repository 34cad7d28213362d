"""rdflib and pyoxigraph terms, one into the other (pyoxigraph for speed, rdflib for pyshacl)."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

_XSD_STRING = str(XSD.string)


def rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> URIRef | BNode | Literal:
    """The rdflib twin of a pyoxigraph term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == _XSD_STRING:  # RDF 1.1 simple literal: rdflib keeps it untyped
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _rdflib_to_ox(term: URIRef | BNode | Literal) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def ox_triples(graph: Graph) -> list[ox.Triple]:
    """The triples of an rdflib graph as pyoxigraph triples."""
    return [ox.Triple(_rdflib_to_ox(s), _rdflib_to_ox(p), _rdflib_to_ox(o)) for s, p, o in graph]


def rdflib_graph(triples: Iterable[ox.Triple]) -> Graph:
    """An rdflib graph holding pyoxigraph triples."""
    g = Graph()
    g.addN((rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object), g) for t in triples)
    return g
