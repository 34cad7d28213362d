"""pyLODE (the OntPub profile) made safe to run inside the server: offline, side-effect free, stable.

pyLODE is the ontology documentation generator GeoSPARQL and ePO use. Four things of its 3.4
releases are worked around here, all without touching the installed package:

- 3.4.1's wheel reads a ``pyproject.toml`` it does not ship (RDFLib/pyLODE issue 260), so importing it
  fails: its version is then given from the installed package metadata;
- importing it configures the root logger at DEBUG (``supermodel/loader.py``): undone at once;
- its background vocabularies are cached as pickles written into ``site-packages`` (a crash where that
  folder is read-only): they are parsed here from the same Turtle files and kept in memory;
- it iterates rdflib graphs, whose order follows string hashes: a graph that yields its triples
  sorted makes two runs byte-identical.

Nothing is ever fetched: pyLODE is handed a parsed graph without ``owl:imports``.
"""

from __future__ import annotations

import logging
import sys
import types
from collections.abc import Callable, Iterator
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from rdflib import DCTERMS, OWL, RDF, RDFS, SKOS, Graph
from rdflib.namespace import DC, SDO


class SortedGraph(Graph):
    """An rdflib graph that yields its triples in sorted order, so that whatever reads it is stable."""

    def triples(self, triple: Any) -> Iterator[Any]:
        """The matching triples, sorted (rdflib terms of different kinds compare)."""
        yield from sorted(super().triples(triple))


def sorted_copy(graph: Graph) -> SortedGraph:
    """A :class:`SortedGraph` holding the triples and prefixes of ``graph``."""
    copy = SortedGraph(bind_namespaces="core")
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace, override=True)
    for triple in graph:
        copy.add(triple)
    return copy


def import_pylode() -> types.ModuleType:
    """The ``pylode`` module, imported without its side effects (see the module's docstring)."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        try:
            import pylode
        except FileNotFoundError:  # 3.4.1: version.py opens a pyproject.toml that is not installed
            shim = types.ModuleType("pylode.version")
            shim.__version__ = metadata.version("pylode")
            sys.modules["pylode.version"] = shim
            import pylode
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    return pylode


@cache
def background() -> tuple[SortedGraph, dict[str, dict[str, Any]]]:
    """pyLODE's background vocabularies (its ``rdf/`` folder) and the labels of the properties it shows.

    The same work as ``pylode.utils.load_background_onts`` and ``back_onts_label_props``, without
    their pickle files.
    """
    pylode = import_pylode()
    from pylode.rdf_elements import PROPS
    from pylode.utils import make_title_from_iri

    graph = SortedGraph(bind_namespaces="core")
    for path in sorted((Path(pylode.__file__).parent / "rdf").glob("*.ttl")):
        graph.parse(path, format="turtle")
    for predicate, target in (
        (DC.title, DCTERMS.title),
        (RDFS.label, DCTERMS.title),
        (SKOS.prefLabel, DCTERMS.title),
        (SDO.name, DCTERMS.title),
        (DC.description, DCTERMS.description),
        (RDFS.comment, DCTERMS.description),
        (SKOS.definition, DCTERMS.description),
        (SDO.description, DCTERMS.description),
    ):
        for subject, value in list(graph.subject_objects(predicate)):
            graph.add((subject, target, value))
    titles = {
        str(ont): str(title)
        for ont in graph.subjects(RDF.type, OWL.Ontology)
        for title in graph.objects(ont, DCTERMS.title)
    }
    labels = {prop: _property_label(graph, titles, prop, make_title_from_iri) for prop in PROPS}
    return graph, labels


def _property_label(graph: Graph, titles: dict[str, str], prop: Any, fallback: Any) -> dict[str, Any]:
    """The title, description and vocabulary title pyLODE shows beside a property's name."""
    title = graph.value(prop, DCTERMS.title) or fallback(prop)
    vocabulary = None
    for iri, name in sorted(titles.items(), key=lambda item: item[1]):
        if str(prop).startswith(iri):
            vocabulary = name
    return {"title": title, "description": graph.value(prop, DCTERMS.description), "ont_title": vocabulary}


@cache
def ontpub_class() -> type:
    """pyLODE's OntPub profile, set up from a prepared graph (no loading, no pickles)."""
    pylode = import_pylode()
    from pylode.utils import get_ns

    class OntPage(pylode.OntPub):
        """OntPub over an already-parsed graph, with fixed fragment ids (``def#Term`` → ``#Term``).

        ``finish`` is called with the page once pyLODE has made its body, to add to it.
        """

        def __init__(self, graph: Graph, fragments: dict[str, str], finish: Callable[[Any], None]) -> None:
            import dominate
            from dominate.tags import div

            self.ont = sorted_copy(graph)
            self._ontdoc_inference(self.ont)
            self.back_onts, self.props_labeled = background()
            self.toc: dict[str, Any] = {}
            self.fids = dict(fragments)
            self.ns = get_ns(self.ont)
            title = next(iter(self.ont.objects(None, DCTERMS.title)), "")
            for ontology in self.ont.subjects(RDF.type, OWL.Ontology):
                title = self.ont.value(ontology, DCTERMS.title) or title
            self.doc = dominate.document(title=str(title))
            with self.doc:
                self.content = div(id="content")
            self.finish = finish

        def _make_body(self) -> None:
            super()._make_body()
            self.finish(self)

        def _make_schema_org(self) -> Graph:
            return sorted_copy(super()._make_schema_org())

    return OntPage
