"""Deterministic serialisations of a graph and atomic writing of an output folder.

N-Triples are canonical and sorted; Turtle is written from the sorted triples; JSON-LD is
compacted with the project's prefixes and then put in a canonical order. The same graph gives
byte-identical files whatever ``PYTHONHASHSEED`` is.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from .namespaces import PREFIXES


def _to_ox(term: URIRef | BNode | Literal) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def sorted_triples(graph: Graph) -> list[ox.Triple]:
    """The graph's triples as pyoxigraph triples, in the order of their N-Triples lines."""
    triples = [ox.Triple(_to_ox(s), _to_ox(p), _to_ox(o)) for s, p, o in graph]
    triples.sort(key=str)
    return triples


def ntriples(triples: list[ox.Triple]) -> bytes:
    """Canonical N-Triples, one line per triple, sorted."""
    lines = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).splitlines(keepends=True)
    lines.sort()
    return b"".join(lines)


def turtle(triples: list[ox.Triple], prefixes: dict[str, str] | None = None) -> bytes:
    """Readable Turtle with the project's prefixes (sorted), subjects in sorted order."""
    text = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes or PREFIXES)
    lines = text.split(b"\n")
    head = 0
    while head < len(lines) and lines[head].startswith(b"@prefix "):
        head += 1
    return b"\n".join(sorted(lines[:head]) + lines[head:])


def _canonical_jsonld(value: object) -> object:
    if isinstance(value, dict):
        return {k: _canonical_jsonld(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_canonical_jsonld(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def jsonld(graph: Graph, prefixes: dict[str, str] | None = None) -> bytes:
    """JSON-LD compacted with a context of the project's prefixes, in a canonical order."""
    context = dict(prefixes or PREFIXES)
    text = graph.serialize(format="json-ld", context=context, auto_compact=True)
    doc = json.loads(text)
    if isinstance(doc, dict) and "@graph" in doc:
        doc["@graph"] = _canonical_jsonld(doc["@graph"])
    doc["@context"] = context
    return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


@contextmanager
def atomic_outputs(out_dir: Path) -> Iterator[Path]:
    """Yield a scratch folder; on success move each file it holds into ``out_dir`` atomically.

    If the body raises, nothing in ``out_dir`` is touched: previous outputs stay intact.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".atelier-kg-", dir=out_dir))
    try:
        yield scratch
        for item in sorted(scratch.iterdir()):
            os.replace(item, out_dir / item.name)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
