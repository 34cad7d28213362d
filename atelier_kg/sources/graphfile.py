"""Reading a graph file given by a user, safely: no URL is fetched, no other file is read."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from atelier_kg.errors import Location, SourceError, UsageError
from atelier_kg.terms import rdflib_graph

FORMATS = {
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".ttl": ox.RdfFormat.TURTLE,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}


def read_graph(path: Path) -> Graph:
    """Parse an RDF file into an rdflib graph (see :func:`read_triples`)."""
    return rdflib_graph(read_triples(path))


def read_triples(path: Path) -> list[ox.Triple]:
    """Parse an RDF file chosen by its extension with pyoxigraph, which never dereferences IRIs."""
    if not path.is_file():
        raise UsageError(f"{path}: no such file (run `atelier-kg build` first, or name a graph file)")
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UsageError(f"{path}: unknown RDF format; use one of {', '.join(sorted(FORMATS))}")
    try:
        return list(ox.parse(path=str(path), format=fmt))
    except SyntaxError as exc:
        fix = "correct the syntax there"
        if "remote context" in str(exc.msg):
            fix = "remote @context documents are never fetched: put the context inline"
        raise SourceError(
            Location(path, exc.lineno, exc.offset), f"malformed {fmt.name}: {exc.msg}", fix
        ) from None
