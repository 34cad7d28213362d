"""What a static site has that the server makes on request: relative links between its files, a
home page, and the ``.htaccess`` that w3id.org needs to answer the graph's IRIs.

A resource ``ID + X`` has its documents at ``doc/X.html``, ``.ttl``, ``.nt`` and ``.jsonld``, as on
the server, so a page links to another with a relative URL (``../theme/1.html``) and the site works
from any folder, with no server.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from atelier_kg.check import FigureCheck
from atelier_kg.errors import UsageError
from atelier_kg.namespaces import AKG, ID, KINDS
from atelier_kg.version import __version__

from .dataset import Dump
from .page import STYLE, LinkStyle

#: The kinds of resource the home page lists first, with their headings; the others follow, folded.
HEADINGS = {
    "org": "Organisations",
    "theme": "Themes",
    "case": "Cases",
    "session": "Sessions",
    "hypothesis": "Hypotheses",
    "finding": "Findings",
    "premise": "Premises",
    "lever": "Levers",
    "domain": "Domains",
    "podcast": "Podcast",
    "person": "People",
    "role": "Roles",
    "place": "Places",
    "figure": "Declared figures",
}
_ATELIER = str(AKG.Atelier)
_HOME_STYLE = ".figures th{width:auto}"
_BASE_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[A-Za-z0-9._~!&'()*+,;=:@/-]*)?")


def document_file(path: str, extension: str) -> str:
    """The site file of the document of ``ID + path`` in a format: ``doc/PATH.EXT``."""
    return f"doc/{path}.{extension}"


def relative(target: str, page: str) -> str:
    """The relative URL of the site file ``target`` from the site file ``page``."""
    return quote(posixpath.relpath(target, posixpath.dirname(page) or "."), safe="/")


def site_style(path: str, published: frozenset[str]) -> LinkStyle:
    """The links of the page of ``ID + path``: relative URLs to the site's documents.

    An IRI of ours links to the page of its resource (keeping a ``#row=N`` fragment), if the site
    has one; any other IRI is an outgoing link, as on the server.
    """
    page = document_file(path, "html")

    def resource(iri: str) -> str:
        if not iri.startswith(str(ID)):
            return iri
        target, hash_sign, fragment = iri[len(str(ID)) :].partition("#")
        if target not in published:
            return iri
        return relative(document_file(target, "html"), page) + hash_sign + fragment

    def turtle(_iri: str) -> str:
        return relative(document_file(path, "ttl"), page)

    formats = (("ttl", "Turtle"), ("nt", "N-Triples"), ("jsonld", "JSON-LD"))
    foot = ((relative("index.html", page), "Home"),) + tuple(
        (relative(document_file(path, extension), page), name) for extension, name in formats
    )
    return LinkStyle(resource, turtle, foot)


def base_url(url: str) -> str:
    """A ``--base-url`` checked (an http(s) URL with no space, quote, ``%`` or ``$``), without its final /."""
    if not _BASE_URL.fullmatch(url):
        raise UsageError(
            f"--base-url {url!r}: give the http(s) URL the site is served from, "
            "e.g. https://example.github.io/atelier-kg (no spaces, quotes, % or $)"
        )
    return url.rstrip("/")


@dataclass(frozen=True)
class Entry:
    """A resource of the site as the home page lists it: its path, title and types."""

    path: str
    title: str
    types: frozenset[str]

    @property
    def kind(self) -> str:
        return self.path.split("/", 1)[0]


def _link(url: str, text: str) -> str:
    return f'<a href="{html.escape(url)}">{html.escape(text)}</a>'


def _href(iri: str) -> str:
    """The link from the home page to the page of one of our IRIs."""
    return relative(document_file(iri[len(str(ID)) :], "html"), "index.html")


def _entry_link(entry: Entry) -> str:
    return _link(_href(str(ID) + entry.path), entry.title)


def _figures(figures: list[FigureCheck]) -> str:
    """The key figures the page declares, as ``atelier-kg check`` compares them with the data."""
    if not figures:
        return "<p>The graph declares no key figure.</p>"
    rows = "".join(
        f"<tr><td>{_link(_href(f.figure), f.as_written)}</td><td>{html.escape(f.declared)}</td>"
        f"<td>{'—' if f.counted is None else f.counted}</td>"
        f"<td>{html.escape(f.status)}</td><td>{html.escape(f.method)}</td></tr>"
        for f in figures
    )
    head = "<tr><th>figure</th><th>declared</th><th>counted</th><th>check</th><th>how it is counted</th></tr>"
    return f'<table class="figures">{head}{rows}</table>'


def _index(entries: Iterable[Entry]) -> str:
    """Links into the graph: one list per kind of resource, the main kinds first and open."""
    by_kind: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_kind[entry.kind].append(entry)
    order = [k for k in HEADINGS if k in by_kind] + sorted(
        by_kind, key=lambda k: (KINDS.index(k) if k in KINDS else len(KINDS), k)
    )
    parts = []
    for kind in dict.fromkeys(order):
        found = sorted(by_kind[kind], key=lambda e: (e.title.casefold(), e.path))
        items = "".join(f"<li>{_entry_link(e)}</li>" for e in found)
        heading = f"{html.escape(HEADINGS.get(kind, kind))} ({len(found)})"
        if kind in HEADINGS:
            parts.append(f"<h3>{heading}</h3><ul>{items}</ul>")
        else:
            parts.append(f"<details><summary>{heading}</summary><ul>{items}</ul></details>")
    return "".join(parts)


def _dumps(dumps: Iterable[Dump]) -> str:
    rows = "".join(
        f"<tr><td>{_link('download/' + d.name, d.name)}</td><td>{html.escape(d.media_type)}</td>"
        f"<td>{d.size:,} bytes</td><td><code>{d.sha256}</code></td></tr>"
        for d in dumps
    )
    return f"<table><tr><th>file</th><th>media type</th><th>size</th><th>SHA-256</th></tr>{rows}</table>"


def _ontology(links: dict[str, str]) -> str:
    if not links:
        return ""
    items = "".join(f"<li>{_link(url, text)}</li>" for url, text in links.items())
    return f"<h2>Ontology</h2><ul>{items}</ul>"


@dataclass(frozen=True)
class Home:
    """What the home page shows: the resources, the key figures, the dumps, the ontology documents."""

    entries: list[Entry]
    figures: list[FigureCheck]
    dumps: tuple[Dump, ...]
    #: site file -> link text, for the ontology documents the site holds
    ontology: dict[str, str]
    pseudonymised: bool = False


def home_page(home: Home) -> bytes:
    """The site's ``index.html``: the atelier, its key figures, links into the graph, the data."""
    ateliers = [e for e in home.entries if _ATELIER in e.types]
    title = ateliers[0].title if ateliers else "atelier-kg"
    lead = "".join(f"<p>The atelier: {_entry_link(e)}</p>" for e in ateliers)
    note = (
        "<p>Persons are pseudonymised: their names, job titles and source rows are left out.</p>"
        if home.pseudonymised
        else ""
    )
    page = (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)} — atelier-kg</title><style>{STYLE}{_HOME_STYLE}</style>"
        '<link rel="alternate" type="text/turtle" href="void.ttl"></head><body>'
        f"<h1>{html.escape(title)}</h1><p>A knowledge graph, as linked data: a page and RDF "
        f"documents for each of its {len(home.entries)} resources.</p>{lead}{note}"
        f"<h2>Key figures</h2>{_figures(home.figures)}"
        f"<h2>The graph</h2>{_index(home.entries)}"
        f"<h2>Data</h2>{_dumps(home.dumps)}"
        f"<p>Described (VoID, DCAT) in {_link('void.ttl', 'void.ttl')}.</p>"
        f"{_ontology(home.ontology)}"
        f"<p>Made by atelier-kg {html.escape(__version__)} (<code>atelier-kg publish</code>).</p>"
        "</body></html>\n"
    )
    return page.encode("utf-8")
