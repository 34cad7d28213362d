"""Dereferenceable IRIs: ``/id/X`` answers 303 See Other to a document ``/doc/X.EXT`` (W3C "Cool
URIs for the Semantic Web"), chosen by ``Accept``: HTML for browsers and by default, Turtle,
N-Triples or JSON-LD for RDF clients.

A document holds the resource's statements and the labels of what they point to
(``queries/serve/document.rq``); the HTML page adds what points to it (``queries/serve/inbound.rq``).
A path is turned into an IRI only if it is plain: no ``.``/``..`` segment, no encoded slash or
backslash, no NUL, so nothing outside the graph is ever reached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import unquote

import pyoxigraph as ox

from atelier_kg.namespaces import ID, PREFIXES
from atelier_kg.serialise import jsonld, ntriples, turtle
from atelier_kg.sparql.library import Query, find_query
from atelier_kg.sparql.runner import Store, run_query

from .negotiate import media_ranges
from .protocol import ProtocolError

#: The document formats: extension -> media type, HTML (the default) first.
DOCUMENT_TYPES = {
    "html": "text/html",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
}
_HTML_RANGES = ("*/*", "text/*", "application/xhtml+xml")
_UNSAFE = re.compile(r"%2f|%5c|%00|\\|\x00", re.IGNORECASE)
_SEGMENT = re.compile(r"[^/]+")


def resource_path(raw: str) -> str:
    """The resource part of an ``/id/…`` or ``/doc/…`` path, decoded; 404 for an unsafe one."""
    if not raw or _UNSAFE.search(raw):
        raise ProtocolError(404, "no such resource: the path is not a resource name")
    path = unquote(raw)
    segments = path.split("/")
    if any(segment in ("", ".", "..") for segment in segments) or not all(map(_SEGMENT.fullmatch, segments)):
        raise ProtocolError(404, "no such resource: the path is not a resource name")
    return path


def document_extension(accept: str | None) -> str:
    """The document format an ``Accept`` header asks for (HTML unless an RDF type is preferred)."""
    if not accept:
        return "html"
    for _q, _position, wanted in media_ranges(accept):
        for extension, media in DOCUMENT_TYPES.items():
            if wanted == media or (
                extension == "html" and wanted in ("*/*", "text/*", "application/xhtml+xml")
            ):
                return extension
    return "html"


def split_document(path: str) -> tuple[str, str | None]:
    """``X.EXT`` as (``X``, ``EXT``) when EXT is a document format, else (path, None)."""
    stem, dot, extension = path.rpartition(".")
    if dot and extension in DOCUMENT_TYPES and stem:
        return stem, extension
    return path, None


@dataclass(frozen=True)
class Document:
    """What the graph says of one resource: its statements, labels, and what points to it."""

    iri: str
    triples: list[ox.Triple]
    inbound: list[tuple[str, str, str]]  # (subject, property, label or "")

    @property
    def exists(self) -> bool:
        return bool(self.triples or self.inbound)


@cache
def _query(name: str) -> Query:
    """A query of ``queries/serve/``, read from its file once."""
    return find_query(f"serve/{name}")


def exists(store: Store, path: str, timeout: float) -> bool:
    """Whether the graph says anything of ``ID + path`` or points to it."""
    resource = ox.NamedNode(f"{ID}{path}")
    return bool(run_query(store, _query("exists"), {"resource": resource}, timeout=timeout).boolean)


def describe(store: Store, path: str, timeout: float | None) -> Document:
    """The document of ``ID + path`` (``queries/serve/document.rq`` and ``inbound.rq``)."""
    iri = f"{ID}{path}"
    resource = ox.NamedNode(iri)
    triples = run_query(store, _query("document"), {"resource": resource}, timeout=timeout).triples
    rows = run_query(store, _query("inbound"), {"resource": resource}, timeout=timeout).rows
    inbound = [
        (row["subject"].value, row["property"].value, row["label"].value if "label" in row else "")
        for row in rows
    ]
    return Document(iri, triples, inbound)


def rdf_document(document: Document, extension: str) -> bytes:
    """The RDF document in ``extension`` (ttl, nt, jsonld)."""
    if extension == "nt":
        return ntriples(document.triples)
    if extension == "jsonld":
        return jsonld(document.triples, PREFIXES)
    return turtle(document.triples, PREFIXES)
