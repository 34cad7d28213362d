"""The query page: YASGUI, served from this package, set up for this endpoint and the query library.

YASGUI (``@zazuko/yasgui``, vendored in ``static/yasgui/``, see its README) is the SPARQL editor
and result viewer most endpoints offer. Out of the box it talks to outside services (DBpedia as the
default endpoint, Linked Open Vocabularies for class and property completion); the page's script
(``static/query.js``) switches those off, points YASGUI at this server's ``/sparql``, completes
the graph's prefixes and the ontology's classes and properties from data in the page, and shows
the query library as ready-made examples. Every URL in the page is relative, so the same bytes
work at ``/`` and at ``/sparql``, and behind a proxy that mounts the server under a path.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from string import Template

import pyoxigraph as ox

from atelier_kg.namespaces import ID, PREFIXES
from atelier_kg.paths import ontology_dir
from atelier_kg.sparql import Query, library, prepare

from .negotiate import GRAPH_TYPES, media_ranges

#: The folder of the page's template, script, style and the vendored YASGUI.
STATIC = Path(__file__).parent / "static"
#: The YASGUI release vendored in ``static/yasgui/``.
YASGUI_VERSION = "4.6.2"
#: Every file served under ``/static/`` (no other path is), with its media type.
STATIC_TYPES = {
    "yasgui/yasgui.min.js": "text/javascript; charset=utf-8",
    "yasgui/yasgui.min.css": "text/css; charset=utf-8",
    "yasgui/LICENSE": "text/plain; charset=utf-8",
    "query.js": "text/javascript; charset=utf-8",
    "query.css": "text/css; charset=utf-8",
}
#: The endpoint, relative to the page (served at ``/`` and ``/sparql``: both resolve to ``/sparql``).
ENDPOINT = "sparql"
#: What the page may load and where it may connect: this server only (a second guard, after the
#: script's settings, that nothing leaves the machine); YASGUI sets inline styles on its elements.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)
#: The ontology files whose terms the editor completes: ours, and the reused vocabularies' axioms.
ONTOLOGY_FILES = ("atelier.ttl", "external.ttl")
_RDF, _RDFS, _OWL = (PREFIXES[name] for name in ("rdf", "rdfs", "owl"))
_CLASS_TYPES = {f"{_OWL}Class", f"{_RDFS}Class"}
_PROPERTY_TYPES = {f"{_OWL}ObjectProperty", f"{_OWL}DatatypeProperty", f"{_OWL}AnnotationProperty"}
_PROPERTY_TYPES.add(f"{_RDF}Property")
#: How long a browser reuses a static file before it checks the file's tag again (one day).
STATIC_MAX_AGE = 86_400


@dataclass(frozen=True)
class Asset:
    """A file served as it is: its bytes, media type and entity tag (from its SHA-256)."""

    body: bytes
    media_type: str
    etag: str


def asset(body: bytes, media_type: str) -> Asset:
    """``body`` with a strong entity tag made of its digest (the same bytes give the same tag)."""
    return Asset(body, media_type, '"' + hashlib.sha256(body).hexdigest()[:32] + '"')


@cache
def static_assets(root: Path = STATIC) -> dict[str, Asset]:
    """The files of ``/static/``, read once: their path under ``/static/`` to the asset."""
    return {name: asset((root / name).read_bytes(), media) for name, media in STATIC_TYPES.items()}


@cache
def page_asset() -> Asset:
    """The query page, made once per process (the library and the prefixes do not change)."""
    return asset(query_page(), "text/html; charset=utf-8")


def not_modified(item: Asset, if_none_match: str | None) -> bool:
    """True if the client's ``If-None-Match`` names ``item``'s tag (weakly compared) or is ``*``."""
    if not if_none_match:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return item.etag in tags or "*" in tags


def page_headers(item: Asset, negotiated: bool) -> dict[str, str]:
    """Headers of the page: checked again on every visit (it is small), and confined to this server.

    ``negotiated``: the page answered ``/sparql``, where the same URL gives RDF to other clients.
    """
    headers = {
        "ETag": item.etag,
        "Cache-Control": "no-cache",
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }
    if negotiated:
        headers["Vary"] = "Accept"
    return headers


def static_headers(item: Asset) -> dict[str, str]:
    """Headers of a static file: cached for a day, then revalidated by its tag."""
    return {
        "ETag": item.etag,
        "Cache-Control": f"public, max-age={STATIC_MAX_AGE}",
        "X-Content-Type-Options": "nosniff",
    }


@dataclass(frozen=True)
class Example:
    """A library query offered on the page: its name, title, question and text ready to run."""

    name: str
    title: str
    question: str
    text: str


def examples(queries: list[Query] | None = None) -> list[Example]:
    """The library queries that run on this endpoint, their parameters bound to their defaults.

    Queries with a ``# needs:`` header are left out: they are written for Wikidata or call it
    through ``SERVICE``, which this endpoint refuses; so are queries with a parameter that has no
    default (there is nothing to run until it is given). The defaults are bound the one way every
    query gets its parameters, a ``VALUES`` block (:func:`atelier_kg.sparql.prepare`), so a user
    changes a value there.
    """
    offered = []
    for query in library() if queries is None else queries:
        if "needs" in query.header or any(p.default is None for p in query.params):
            continue
        question = query.header.get("question", "")
        if query.params:
            bound = ", ".join(f"{p.name} = {p.default}" for p in query.params)
            question = f"{question} (parameters, in the VALUES block: {bound})".strip()
        offered.append(Example(query.name, query.title, question, prepare(query)))
    return offered


def vocabulary(folder: Path | None = None) -> dict[str, list[str]]:
    """The classes and properties the editor completes, sorted: those the ontology declares, and
    the reused terms its axioms link (``rdfs:subClassOf``, ``rdfs:subPropertyOf``).

    They stand in for YASGUI's look-ups on Linked Open Vocabularies, which would leave the machine.
    """
    folder = ontology_dir(folder)
    classes: set[str] = set()
    properties: set[str] = set()
    for name in ONTOLOGY_FILES:
        for quad in ox.parse(path=str(folder / name), format=ox.RdfFormat.TURTLE):
            subject, predicate, value = quad.subject, quad.predicate.value, quad.object
            if not isinstance(subject, ox.NamedNode) or not isinstance(value, ox.NamedNode):
                continue
            if predicate == f"{_RDF}type" and value.value in _CLASS_TYPES:
                classes.add(subject.value)
            elif predicate == f"{_RDF}type" and value.value in _PROPERTY_TYPES:
                properties.add(subject.value)
            elif predicate == f"{_RDFS}subClassOf":
                classes |= {subject.value, value.value}
            elif predicate == f"{_RDFS}subPropertyOf":
                properties |= {subject.value, value.value}
    return {"classes": sorted(classes), "properties": sorted(properties)}


def script_json(value: object) -> str:
    """``value`` as JSON that is safe inside a ``<script>`` element (no ``</``, ``<!--`` nor ``&``)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, indent=None)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, escaped)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def page_config(
    offered: list[Example], prefixes: dict[str, str], terms: dict[str, list[str]]
) -> dict[str, object]:
    """What the page's script reads: endpoint, prefixes, terms to complete, examples, storage key."""
    return {
        "endpoint": ENDPOINT,
        "persistenceId": "atelier-kg-yasgui",
        "resources": str(ID),
        "prefixes": prefixes,
        "classes": terms["classes"],
        "properties": terms["properties"],
        "examples": [{"name": e.name, "title": e.title, "text": e.text} for e in offered],
    }


def _example_items(offered: list[Example]) -> str:
    """The examples as list items: a button with the title, then the question."""
    items = []
    for index, example in enumerate(offered):
        items.append(
            f'<li><button type="button" data-example="{index}" title="{html.escape(example.name)}">'
            f"{html.escape(example.title)}</button>"
            f'<span class="question">{html.escape(example.question)}</span></li>'
        )
    return "\n".join(items)


def _prefix_rows(prefixes: dict[str, str]) -> str:
    return "\n".join(
        f"<tr><td><code>{html.escape(name)}:</code></td><td><code>{html.escape(iri)}</code></td></tr>"
        for name, iri in prefixes.items()
    )


def query_page(
    offered: list[Example] | None = None,
    prefixes: dict[str, str] | None = None,
    terms: dict[str, list[str]] | None = None,
) -> bytes:
    """The HTML page: YASGUI on this endpoint, the examples, the prefixes; the same bytes every time."""
    offered = examples() if offered is None else offered
    prefixes = dict(PREFIXES) if prefixes is None else prefixes
    terms = vocabulary() if terms is None else terms
    template = Template((STATIC / "query.html").read_text(encoding="utf-8"))
    page = template.substitute(
        yasgui_version=html.escape(YASGUI_VERSION),
        example_count=str(len(offered)),
        examples=_example_items(offered),
        prefixes=_prefix_rows(prefixes),
        config=script_json(page_config(offered, prefixes, terms)),
    )
    return page.encode("utf-8")


def wants_page(method: str, params: Mapping[str, str], accept: str | None) -> bool:
    """True for a browser's plain visit to ``/sparql``: a GET with no query, no format, HTML preferred."""
    asked = {"query", "update", "format"} & set(params)
    return method in ("GET", "HEAD") and not asked and prefers_html(accept)


def prefers_html(accept: str | None) -> bool:
    """True if ``accept`` wants HTML more than any RDF format (a browser), False for RDF clients.

    ``text/html`` must be named and rank above every range an RDF type matches, ``*/*`` included:
    a browser's ``text/html,…,*/*;q=0.8`` gets the page; ``*/*``, no header, ``text/turtle`` or
    a tie get the Service Description, as before the page existed.
    """
    if not accept:
        return False
    html_q = rdf_q = 0.0
    for negative_q, _position, wanted in media_ranges(accept):
        q = -negative_q
        if wanted in ("text/html", "application/xhtml+xml"):
            html_q = max(html_q, q)
        for media, _name in GRAPH_TYPES:
            if wanted in (media, media.split("/")[0] + "/*", "*/*", "*"):
                rdf_q = max(rdf_q, q)
    return html_q > rdf_q
