"""The ontology and the shapes as documents: ``/def`` and ``/def/shapes`` in HTML and in RDF.

``https://w3id.org/atelier-kg/def`` names the ontology, a document; its terms are hash IRIs
(``def#Session``) that a browser resolves to the page and its ``#Session`` entry. So ``/def`` answers
200 with the format negotiated (HTML by default, Turtle to RDF clients), as W3C "Cool URIs for the
Semantic Web" allows for hash IRIs. The Turtle is the ontology file itself, comments included; the
HTML is made by pyLODE (:mod:`.ontologypage`), the shapes page here (:mod:`.shapesdoc`). Everything
is made once from the local files; nothing is ever fetched.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from rdflib import OWL, Graph

from atelier_kg.namespaces import PREFIXES
from atelier_kg.paths import ontology_dir as find_ontology_dir
from atelier_kg.serialise import jsonld, ntriples, sorted_triples
from atelier_kg.terms import ox_triples

from .linkeddata import DOCUMENT_TYPES
from .ontologyextras import read_alignment
from .ontologypage import ontology_page
from .shapesdoc import shapes_page

ONTOLOGY_FILE = "atelier.ttl"
SHAPES_FILE = "shapes.ttl"
ALIGNMENT_FILE = "alignment.sssom.tsv"


@dataclass(frozen=True)
class OntologyDocs:
    """The ontology's and the shapes' documents, made once (UTF-8 bytes)."""

    ontology_html: bytes  # /def (pyLODE)
    ontology_ttl: bytes  # /def as Turtle
    shapes_html: bytes  # /def/shapes
    shapes_ttl: bytes  # /def/shapes as Turtle


def parse_turtle(text: bytes) -> Graph:
    """A Turtle document as an rdflib graph; rdflib's Turtle parser never dereferences anything."""
    graph = Graph(bind_namespaces="core")
    graph.parse(data=text, format="turtle")
    graph.remove((None, OWL.imports, None))
    return graph


def read_ontology_docs(ontology_dir: Path | None = None) -> OntologyDocs:
    """The documents of the ontology folder (``./ontology`` or the installed copy by default).

    Deterministic: the same files give byte-identical documents.
    """
    folder = find_ontology_dir(ontology_dir)
    ontology_ttl = (folder / ONTOLOGY_FILE).read_bytes()
    shapes_ttl = (folder / SHAPES_FILE).read_bytes()
    alignment, metadata = read_alignment(folder / ALIGNMENT_FILE)
    return OntologyDocs(
        ontology_html=ontology_page(parse_turtle(ontology_ttl), alignment, metadata),
        ontology_ttl=ontology_ttl,
        shapes_html=shapes_page(parse_turtle(shapes_ttl)),
        shapes_ttl=shapes_ttl,
    )


def rdf_variant(turtle: bytes, extension: str) -> bytes:
    """The Turtle document ``turtle`` as ``extension`` (ttl: itself; nt, jsonld: re-serialised).

    Blank nodes (the shapes have some) get stable labels, so the result is deterministic.
    """
    if extension == "ttl":
        return turtle
    from rdflib.compare import to_canonical_graph

    triples = sorted_triples(ox_triples(to_canonical_graph(parse_turtle(turtle))))
    return ntriples(triples) if extension == "nt" else jsonld(triples, PREFIXES)


class OntologyDocsCache:
    """The documents, made at the first request that needs them and kept (one lock, made once)."""

    def __init__(self, ontology_dir: Path | None = None) -> None:
        self.ontology_dir = ontology_dir
        self._lock = threading.Lock()
        self._docs: OntologyDocs | None = None
        self._variants: dict[tuple[str, str], bytes] = {}

    def docs(self) -> OntologyDocs:
        """The documents (generated on the first call)."""
        with self._lock:
            if self._docs is None:
                self._docs = read_ontology_docs(self.ontology_dir)
            return self._docs

    def document(self, name: str, extension: str) -> bytes:
        """``name`` (ontology, shapes) in ``extension`` (html, ttl, nt, jsonld)."""
        docs = self.docs()
        if extension == "html":
            return docs.ontology_html if name == "ontology" else docs.shapes_html
        turtle = docs.ontology_ttl if name == "ontology" else docs.shapes_ttl
        with self._lock:
            if (name, extension) not in self._variants:
                self._variants[name, extension] = rdf_variant(turtle, extension)
            return self._variants[name, extension]


#: The paths of the two documents: path -> (document, extension, or None when negotiated).
DOCUMENT_PATHS = {
    f"{base}{suffix}": (name, extension)
    for base, name in (("/def", "ontology"), ("/def/shapes", "shapes"))
    for suffix, extension in [("", None), *((f".{ext}", ext) for ext in DOCUMENT_TYPES)]
}
