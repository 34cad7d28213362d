"""The HTML page of a resource: its label and types, every property with links, what points to it,
its provenance, and the same data embedded as JSON-LD (as entity pages of VIVO and Wikidata do).

Our IRIs link to their local page (``/id/…``); other IRIs are outgoing links.
"""

from __future__ import annotations

import html
from collections import defaultdict

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
_STYLE = (
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


def _link(iri: str, labels: dict[str, str]) -> str:
    text = labels.get(iri) or short(iri)
    return f'<a href="{html.escape(href(iri))}">{html.escape(text)}</a>'


def _value(term: object, labels: dict[str, str]) -> str:
    if isinstance(term, ox.NamedNode):
        return _link(term.value, labels)
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


def _rows(document: Document, labels: dict[str, str]) -> str:
    by_property: dict[str, list[str]] = defaultdict(list)
    for t in document.triples:
        if t.subject.value == document.iri:
            by_property[t.predicate.value].append(_value(t.object, labels))
    return "".join(
        f"<tr><th>{_link(prop, labels)}</th><td>{'<br>'.join(values)}</td></tr>"
        for prop, values in sorted(by_property.items(), key=lambda item: short(item[0]))
    )


def _inbound(document: Document, labels: dict[str, str]) -> str:
    if not document.inbound:
        return "<p>Nothing in the graph points here.</p>"
    rows = "".join(
        f"<tr><th>{_link(subject, labels)}</th><td>{_link(prop, labels)}</td></tr>"
        for subject, prop, _label in document.inbound
    )
    return f"<table>{rows}</table>"


def resource_page(document: Document) -> bytes:
    """The HTML page of a resource, with its data embedded as JSON-LD."""
    labels = _labels(document)
    own = [t for t in document.triples if t.subject.value == document.iri]
    title = labels.get(document.iri) or short(document.iri)
    types = ", ".join(_link(t.object.value, labels) for t in own if t.predicate.value == _TYPE) or "—"
    sources = [_value(t.object, labels) for t in own if t.predicate.value == _PROVENANCE]
    provenance = "<br>".join(sources) or "not recorded"
    turtle_href = "/doc/" + document.iri[len(str(ID)) :] + ".ttl"
    data = jsonld(document.triples, PREFIXES).decode("utf-8").replace("</", "<\\/")
    page = (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)} — atelier-kg</title><style>{_STYLE}</style>"
        f'<link rel="alternate" type="text/turtle" href="{html.escape(turtle_href)}">'
        f'<script type="application/ld+json">{data}</script></head><body>'
        f"<h1>{html.escape(title)}</h1><p><code>{html.escape(document.iri)}</code></p>"
        f"<p>Types: {types}</p><p>Source: {provenance}</p>"
        f"<h2>Statements</h2><table>{_rows(document, labels)}</table>"
        f"<h2>What points here</h2>{_inbound(document, labels)}"
        '<p><a href="/sparql">SPARQL endpoint</a></p></body></html>\n'
    )
    return page.encode("utf-8")
