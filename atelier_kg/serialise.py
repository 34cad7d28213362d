"""Deterministic serialisations of a set of triples (N-Triples, Turtle, JSON-LD).

N-Triples are canonical and sorted; Turtle and JSON-LD are written from the sorted triples, with
the project's prefixes. The same triples give byte-identical files whatever ``PYTHONHASHSEED``
is. All three serialisers are pyoxigraph's (fast at a million triples); JSON-LD gets a context of
the prefixes and its IRIs written as compact IRIs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

import pyoxigraph as ox

from .namespaces import PREFIXES


def sorted_triples(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """The triples in the order of their N-Triples lines."""
    return sorted(triples, key=str)


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


def compactor(prefixes: dict[str, str]):
    # longest namespace first, so that id:org/… becomes organisation:… rather than id:org/…
    ordered = sorted(prefixes.items(), key=lambda item: -len(item[1]))

    def compact(iri: str) -> str:
        for prefix, ns in ordered:
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns) :]}"
        return iri

    return compact


# In JSON text a quote inside a string is always escaped, so these patterns only ever match the
# structure: node and value IRIs ("@id"/"@type") and property keys.
_ID_OR_TYPE = re.compile(rb'"(@id|@type)":"([^"\\]*)"')
_KEY = re.compile(rb'([{,])"([a-z][a-z0-9+.-]*:[^"\\]*)":')


def jsonld(triples: list[ox.Triple], prefixes: dict[str, str] | None = None) -> bytes:
    """JSON-LD with a context of the project's prefixes, one node per subject, in sorted order."""
    prefixes = prefixes or PREFIXES
    compact = compactor(prefixes)
    body = ox.serialize(triples, format=ox.RdfFormat.JSON_LD)
    body = _ID_OR_TYPE.sub(lambda m: b'"%s":"%s"' % (m[1], compact(m[2].decode()).encode()), body)
    body = _KEY.sub(lambda m: b'%s"%s":' % (m[1], compact(m[2].decode()).encode()), body)
    context = json.dumps(dict(sorted(prefixes.items())), ensure_ascii=False, indent=1)
    return b'{"@context": ' + context.encode() + b',\n"@graph": ' + body + b"}\n"
