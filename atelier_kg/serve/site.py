"""``atelier-kg publish``: the linked data ``atelier-kg serve`` gives, as a static site.

For hosting where no server runs (a university web space, GitHub Pages), the site holds what the
server makes on request: each resource's documents (``doc/X.html``, ``.ttl``, ``.nt``, ``.jsonld``,
the same as the server's ``/doc/X.EXT``, with relative links), the dumps (``download/``), the
VoID (``void.ttl``), a home page (``index.html``) with the key figures as ``atelier-kg check``
compares them, the ontology's and the shapes' documentation (``def/``, from ``ontologydoc``),
and, given the URL the site is served from, the ``.htaccess`` w3id.org needs (``w3id/.htaccess``).

The site is built in a scratch folder beside its target and swapped in whole at the end, so a
failed run leaves the previous site as it was; the same build gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from atelier_kg.build import DUMPS, describe_graph
from atelier_kg.check import check_figures
from atelier_kg.namespaces import ID, PREFIXES
from atelier_kg.output import atomic_folder, check_replaceable
from atelier_kg.progress import QUIET, Progress
from atelier_kg.pseudonymise import DROPPED_EVERYWHERE, FOAF_PERSON, NAME_PREDICATES, RDF_TYPE, pseudonymise
from atelier_kg.serialise import sorted_triples, turtle
from atelier_kg.sources.graphfile import read_triples
from atelier_kg.sparql import EmbeddedStore, find_query, run_query
from atelier_kg.version import __version__

from .dataset import Publication, read_publication
from .linkeddata import describe, rdf_document, resource_path
from .ontologydoc import rdf_variant, read_ontology_docs
from .page import resource_page, title
from .protocol import ProtocolError
from .sitepages import Entry, Home, base_url, document_file, home_page, site_style
from .w3id import htaccess

#: The file that marks a folder as a site made by ``atelier-kg publish`` (which may replace it).
MARKER = ".atelier-kg-site"
#: The time limit of the queries that make the documents: none. They are the project's own, on the
#: project's build, run by its owner; in-process they spare a killable child process per query.
TIMEOUT = None
#: The ontology's documents in a site: its w3id.org name -> STEM, the HTML being ``STEM/index.html``
#: and the RDF ``STEM.ttl``, ``.nt``, ``.jsonld``.
ONTOLOGY_FILES = {"def": "def", "shapes": "def/shapes"}
_VOID_DUMP = ox.NamedNode("http://rdfs.org/ns/void#dataDump")
_DATASET = ox.NamedNode(f"{ID}dataset")
#: Without a base URL the VoID names the dumps relative to itself: written under this base, which
#: shares its scheme with no other IRI of the VoID (RFC 2606: the host never exists).
_PLACEHOLDER = "file:///site.invalid"


@dataclass(frozen=True)
class Site:
    """What a run of :func:`publish` made."""

    out: Path
    resources: int
    base_url: str | None
    pseudonymised: bool
    htaccess: bool
    #: the w3id.org names (def, shapes) whose documents the site holds
    ontology: tuple[str, ...] = ()
    #: those left out of a pseudonymised site because they name a person
    withheld: tuple[str, ...] = ()


@dataclass(frozen=True)
class SiteGraph:
    """The graph a site publishes: its triples, dumps (file name -> bytes) and VoID; when it is
    pseudonymised, what the site must not say (the persons' names and job titles)."""

    triples: list[ox.Triple]
    dumps: dict[str, bytes]
    void: list[ox.Triple]
    private: re.Pattern[str] | None = None


def private_words(triples: list[ox.Triple]) -> re.Pattern[str] | None:
    """A pattern finding any person's name or job title (3 characters or more) as a whole word."""
    persons = {t.subject for t in triples if t.predicate.value == RDF_TYPE and t.object.value == FOAF_PERSON}
    words = {
        t.object.value.strip()
        for t in triples
        if (t.subject in persons and t.predicate.value in NAME_PREDICATES)
        or t.predicate.value in DROPPED_EVERYWHERE
    }
    words = sorted((w for w in words if len(w) >= 3), key=lambda w: (-len(w), w))
    if not words:
        return None
    return re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in words), re.IGNORECASE)


def read_site_graph(build_dir: Path, key: bytes | None = None) -> SiteGraph:
    """The build as it is, or pseudonymised under ``key``: dumps and VoID made again from it."""
    triples = read_triples(build_dir / "atelier.nt")
    if key is None:
        publication = read_publication(build_dir)
        dumps = {d.name: d.path.read_bytes() for d in publication.dumps}
        return SiteGraph(triples, dumps, publication.void or describe_graph(triples))
    private = private_words(triples)
    triples = sorted_triples(pseudonymise(triples, key))
    dumps = {name: write(triples) for name, write in DUMPS.items()}
    return SiteGraph(triples, dumps, describe_graph(triples), private)


def published_paths(store: EmbeddedStore) -> list[str]:
    """The paths X of the resources ``ID + X`` that get documents (``queries/serve/resources.rq``).

    A path is published only if the server could serve it too: plain segments, no fragment.
    """
    paths = []
    for row in run_query(store, find_query("serve/resources"), timeout=TIMEOUT).rows:
        path = row["resource"].value[len(str(ID)) :]
        try:
            if "#" not in path and resource_path(path) == path:
                paths.append(path)
        except ProtocolError:
            pass  # not a plain path: it has no page, on the server either
    return paths


def void_turtle(void: list[ox.Triple], dumps: list[str], base: str | None) -> bytes:
    """The VoID with a ``void:dataDump`` per dump of the site (``download/NAME``) as Turtle.

    Without ``base`` the dumps are relative references, which resolve against wherever
    ``void.ttl`` is read from: right for a site that may be served from anywhere.
    """
    root = base or _PLACEHOLDER
    triples = sorted_triples(
        void + [ox.Triple(_DATASET, _VOID_DUMP, ox.NamedNode(f"{root}/download/{name}")) for name in dumps]
    )
    if base:
        return turtle(triples)
    text = ox.serialize(triples, format=ox.RdfFormat.TURTLE, base_iri=_PLACEHOLDER + "/", prefixes=PREFIXES)
    lines = [line for line in text.split(b"\n") if not line.startswith(b"@base ")]
    head = next((i for i, line in enumerate(lines) if not line.startswith(b"@prefix ")), len(lines))
    return b"\n".join(sorted(lines[:head]) + lines[head:])  # the prefixes sorted, as turtle() does


def _write(root: Path, name: str, data: bytes) -> None:
    target = root / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def write_documents(store: EmbeddedStore, root: Path, paths: list[str]) -> Iterator[Entry]:
    """Write the four documents of each resource under ``root/doc/``; yield each one's index entry."""
    published = frozenset(paths)
    for path in paths:
        document = describe(store, path, TIMEOUT)
        _write(root, document_file(path, "html"), resource_page(document, site_style(path, published)))
        for extension in ("ttl", "nt", "jsonld"):
            _write(root, document_file(path, extension), rdf_document(document, extension))
        types = {
            t.object.value
            for t in document.triples
            if t.subject.value == document.iri and t.predicate.value == RDF_TYPE
        }
        yield Entry(path, title(document), frozenset(types))


def ontology_documents(ontology_dir: Path | None = None) -> dict[str, dict[str, bytes]]:
    """The documentation of the ontology and of the shapes and their RDF: site file -> bytes, by
    w3id.org name (``def``, ``shapes``)."""
    docs = read_ontology_docs(ontology_dir)
    made = {"def": (docs.ontology_html, docs.ontology_ttl), "shapes": (docs.shapes_html, docs.shapes_ttl)}
    documents = {}
    for name, (html_doc, turtle_doc) in made.items():
        stem = ONTOLOGY_FILES[name]
        files = {f"{stem}/index.html": html_doc}
        files.update({f"{stem}.{ext}": rdf_variant(turtle_doc, ext) for ext in ("ttl", "nt", "jsonld")})
        documents[name] = files
    return documents


def withhold(documents: dict[str, dict[str, bytes]], private: re.Pattern[str] | None) -> list[str]:
    """Take out of ``documents`` those that name a person (a comment's example…); their names."""
    if private is None:
        return []
    named = [
        name
        for name, files in documents.items()
        if any(private.search(data.decode("utf-8", "replace")) for data in files.values())
    ]
    for name in named:
        del documents[name]
    return named


def write_data(root: Path, graph: SiteGraph, base: str | None) -> Publication:
    """Write the dumps (``download/``) and the VoID naming them (``void.ttl``); the dumps as published."""
    for name, data in graph.dumps.items():
        _write(root, f"download/{name}", data)
    dumps = read_publication(root / "download").dumps  # sizes and SHA-256 of the files written
    _write(root, "void.ttl", void_turtle(graph.void, [d.name for d in dumps], base))
    return Publication(dumps, graph.void)


def _ontology_links(documents: dict[str, dict[str, bytes]]) -> dict[str, str]:
    titles = {"def": "The ontology", "shapes": "The SHACL shapes"}
    links = {}
    for name in documents:
        stem, title_ = ONTOLOGY_FILES[name], titles.get(name, name)
        links[f"{stem}/index.html"] = title_
        links.update({f"{stem}.{ext}": f"{title_} ({ext})" for ext in ("ttl", "nt", "jsonld")})
    return links


def publish(
    build_dir: Path,
    out: Path,
    *,
    base: str | None = None,
    key: bytes | None = None,
    ontology_dir: Path | None = None,
    progress: Progress = QUIET,
) -> Site:
    """Write the static site of the build in ``build_dir`` to ``out``, replacing a previous site whole.

    ``base`` is the URL the site will be served from: the VoID then names the dumps by absolute
    URLs, and the site holds the ``.htaccess`` for w3id.org. ``key`` pseudonymises the persons
    everywhere. A missing build raises :class:`UsageError`, an ``out`` that cannot be written
    :class:`OutputError`; either way a previous site is left as it was.
    """
    base = base_url(base) if base else None
    check_replaceable(out, MARKER)  # before the work, so that a wrong --out is told at once
    progress.step(f"reading {build_dir}")
    graph = read_site_graph(build_dir, key)
    store = EmbeddedStore.from_triples(graph.triples)
    paths = published_paths(store)
    progress.step("documenting the ontology and the shapes")
    ontology = ontology_documents(ontology_dir)
    withheld = withhold(ontology, graph.private)
    note = f"made by atelier-kg {__version__} publish; the next run replaces this folder whole\n"
    with atomic_folder(out, MARKER, note.encode("utf-8")) as root:
        progress.step(f"writing the documents of {len(paths)} resources")
        entries = list(write_documents(store, root, paths))
        progress.step("writing the dumps, the VoID, the ontology's documents and the home page")
        publication = write_data(root, graph, base)
        for name, data in (item for files in ontology.values() for item in files.items()):
            _write(root, name, data)
        figures = check_figures(store)
        home = Home(entries, figures, publication.dumps, _ontology_links(ontology), key is not None)
        _write(root, "index.html", home_page(home))
        if base:
            _write(root, "w3id/.htaccess", htaccess(base, {n: ONTOLOGY_FILES[n] for n in ontology}))
    return Site(out, len(paths), base, key is not None, base is not None, tuple(ontology), tuple(withheld))
