"""The HTML page of a resource: its label and types, every property with links, what points to it,
its provenance, and the same data embedded as JSON-LD (as entity pages of VIVO and Wikidata do).

Where links go is a :class:`LinkStyle`: on the server (:data:`SERVER`) our IRIs link to their local
page (``/id/…``) and other IRIs are outgoing links; a static site (``atelier-kg publish``) links
to its own files with relative URLs instead.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph as ox

from atelier_kg.namespaces import ID, PREFIXES
from atelier_kg.serialise import jsonld

from .linkeddata import Document

_LABELS = (
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "https://schema.org/name",
)
_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_PROVENANCE = "http://www.w3.org/ns/prov#wasDerivedFrom"
#: The CSS of the pages (the static site's home page shares it).
STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
    "table{border-collapse:collapse;width:100%}td,th{border-top:1px solid #ddd;padding:.3rem;"
    "text-align:left;vertical-align:top}th{width:30%}code{font-size:.85em;color:#555}"
)


def short(iri: str) -> str:
    """``prefix:local`` for an IRI under a known prefix (the longest namespace wins), else the IRI."""
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return iri
    prefix = next(name for name, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{iri[len(best) :]}"


def href(iri: str) -> str:
    """The link of an IRI: the local page for ours, the IRI itself for others."""
    return "/id/" + iri[len(str(ID)) :] if iri.startswith(str(ID)) else iri


def _server_turtle(iri: str) -> str:
    return "/doc/" + iri[len(str(ID)) :] + ".ttl"


@dataclass(frozen=True)
class LinkStyle:
    """Where the links of a page go: the href of any IRI, of the page's Turtle, and the foot links."""

    resource: Callable[[str], str]
    turtle: Callable[[str], str]
    #: (href, text) of the links at the foot of the page.
    foot: tuple[tuple[str, str], ...]


#: The server's links: ``/id/…`` for our IRIs, ``/doc/X.ttl``, and the SPARQL endpoint.
SERVER = LinkStyle(href, _server_turtle, (("/sparql", "SPARQL endpoint"),))


class _Linker:
    """The links of one page: its labels and its link style."""

    def __init__(self, labels: dict[str, str], style: LinkStyle) -> None:
        self.labels = labels
        self.style = style

    def link(self, iri: str) -> str:
        text = self.labels.get(iri) or short(iri)
        return f'<a href="{html.escape(self.style.resource(iri))}">{html.escape(text)}</a>'

    def value(self, term: object) -> str:
        if isinstance(term, ox.NamedNode):
            return self.link(term.value)
        if isinstance(term, ox.Literal):
            suffix = f" <code>@{term.language}</code>" if term.language else ""
            return html.escape(term.value) + suffix
        return html.escape(str(term))


def _labels(document: Document) -> dict[str, str]:
    """A label for each IRI of the document, French first."""
    found: dict[str, tuple[tuple[bool, int], str]] = {}
    for t in document.triples:
        if t.predicate.value in _LABELS and isinstance(t.object, ox.Literal):
            rank = (t.object.language != "fr", _LABELS.index(t.predicate.value))
            if t.subject.value not in found or rank < found[t.subject.value][0]:
                found[t.subject.value] = (rank, t.object.value)
    labels = {iri: label for iri, (_rank, label) in found.items()}
    for subject, _property, label in document.inbound:
        if label:
            labels.setdefault(subject, label)
    return labels


def title(document: Document) -> str:
    """The title of a resource's page: its label (French first), else its short IRI."""
    return _heading(_labels(document), document.iri)


def _heading(labels: dict[str, str], iri: str) -> str:
    return labels.get(iri) or short(iri)


def _rows(document: Document, linker: _Linker) -> str:
    by_property: dict[str, list[str]] = defaultdict(list)
    for t in document.triples:
        if t.subject.value == document.iri:
            by_property[t.predicate.value].append(linker.value(t.object))
    return "".join(
        f"<tr><th>{linker.link(prop)}</th><td>{'<br>'.join(values)}</td></tr>"
        for prop, values in sorted(by_property.items(), key=lambda item: short(item[0]))
    )


def _inbound(document: Document, linker: _Linker) -> str:
    if not document.inbound:
        return "<p>Nothing in the graph points here.</p>"
    rows = "".join(
        f"<tr><th>{linker.link(subject)}</th><td>{linker.link(prop)}</td></tr>"
        for subject, prop, _label in document.inbound
    )
    return f"<table>{rows}</table>"


def _foot(style: LinkStyle) -> str:
    links = " · ".join(f'<a href="{html.escape(url)}">{html.escape(text)}</a>' for url, text in style.foot)
    return f"<p>{links}</p>"


def resource_page(document: Document, style: LinkStyle = SERVER) -> bytes:
    """The HTML page of a resource, with its data embedded as JSON-LD, linked in ``style``."""
    labels = _labels(document)
    linker = _Linker(labels, style)
    own = [t for t in document.triples if t.subject.value == document.iri]
    heading = _heading(labels, document.iri)
    types = ", ".join(linker.link(t.object.value) for t in own if t.predicate.value == _TYPE) or "—"
    sources = [linker.value(t.object) for t in own if t.predicate.value == _PROVENANCE]
    provenance = "<br>".join(sources) or "not recorded"
    turtle_href = style.turtle(document.iri)
    data = jsonld(document.triples, PREFIXES).decode("utf-8").replace("</", "<\\/")
    page = (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
        f"<title>{html.escape(heading)} — atelier-kg</title><style>{STYLE}</style>"
        f'<link rel="alternate" type="text/turtle" href="{html.escape(turtle_href)}">'
        f'<script type="application/ld+json">{data}</script></head><body>'
        f"<h1>{html.escape(heading)}</h1><p><code>{html.escape(document.iri)}</code></p>"
        f"<p>Types: {types}</p><p>Source: {provenance}</p>"
        f"<h2>Statements</h2><table>{_rows(document, linker)}</table>"
        f"<h2>What points here</h2>{_inbound(document, linker)}"
        f"{_foot(style)}</body></html>\n"
    )
    return page.encode("utf-8")
