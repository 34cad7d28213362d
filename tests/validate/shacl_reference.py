"""The reference validation of each shape example, computed once per test process.

pyshacl with every shape is the reference both for the shapes' own tests (test_shapes.py) and for
the fast path (test_validate.py): each example's results graph is computed here once and shared.

pyshacl hands rdflib each SPARQL constraint as text, once per focus node, and rdflib parses it anew
each time: nine tenths of a reference run is parsing the same ten queries. ``parsed_once`` keeps
each translated query for the next call, as rdflib's own ``prepareQuery`` is meant to be reused
(test_shapes.py checks that the results are the same with and without it).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.plugins.sparql import processor
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery

from atelier_kg.validate.shacl import reference_results

ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
EXAMPLES_DIR = ONTOLOGY_DIR / "examples"


@cache
def shapes() -> Graph:
    """The shapes file, parsed by rdflib alone."""
    return Graph().parse(SHAPES_FILE, format="turtle")


@cache
def data(path: Path) -> Graph:
    """An example file, parsed by rdflib alone."""
    return Graph().parse(path, format="turtle")


_TRANSLATED: dict[tuple, object] = {}  # query text, base and prefixes -> the translated query


@contextmanager
def parsed_once() -> Iterator[None]:
    """While inside, rdflib parses and translates each SPARQL query text once, then reuses it."""
    query = processor.SPARQLProcessor.query

    def reusing(self, text, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803
        if isinstance(text, str):
            key = (text, base, tuple(sorted((initNs or {}).items())))
            if key not in _TRANSLATED:
                _TRANSLATED[key] = translateQuery(parseQuery(text), base, initNs)
            text = _TRANSLATED[key]
        return query(self, text, initBindings, initNs, base, DEBUG)

    processor.SPARQLProcessor.query = reusing
    try:
        yield
    finally:
        processor.SPARQLProcessor.query = query


@cache
def results(path: Path) -> Graph:
    """pyshacl's results graph for one example against every shape (never changed by a test)."""
    with parsed_once():
        return reference_results(data(path), shapes())


def by_example(paths: list[Path]) -> list:
    """``paths`` as test parameters, each named by its example file."""
    return [pytest.param(p, id=p.stem) for p in paths]
