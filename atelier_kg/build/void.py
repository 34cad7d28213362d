"""The VoID/DCAT description of a built graph: licence, sources, triples per class and property."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD

from atelier_kg.namespaces import AKG, ID, PREFIXES
from atelier_kg.serialise import sorted_triples
from atelier_kg.version import __version__

from .triples import TYPE, N, lit, node

DATASET = node("dataset")
#: The open datasets the graph links to (VoID linksets): name, title and URI space.
TARGETS = (
    ("wikidata", "Wikidata", "http://www.wikidata.org/entity/"),
    ("cpv", "Common Procurement Vocabulary (CPV 2008)", "http://data.europa.eu/cpv/cpv/"),
    ("epo", "eProcurement Ontology (ePO)", "http://data.europa.eu/a4g/ontology#"),
    ("schema", "schema.org", "https://schema.org/"),
)
#: Predicates that make a link (mapping relations and the alignment's axioms), not a description.
LINK_PREDICATES = frozenset(
    str(term)
    for term in (
        SKOS.exactMatch,
        SKOS.closeMatch,
        SKOS.broadMatch,
        SKOS.narrowMatch,
        SKOS.relatedMatch,
        OWL.sameAs,
        OWL.equivalentClass,
        OWL.equivalentProperty,
        RDFS.subClassOf,
        RDFS.subPropertyOf,
    )
)
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
INTEGER = str(XSD.integer)


class _Description:
    """The description's triples, in the order they are added."""

    def __init__(self) -> None:
        self.triples: list[ox.Triple] = []

    def add(self, s: ox.NamedNode, p: str, o: ox.NamedNode | ox.Literal) -> None:
        self.triples.append(ox.Triple(s, N(p), o))

    def count(self, s: ox.NamedNode, p: str, n: int) -> None:
        self.add(s, p, lit(str(n), datatype=INTEGER))


@dataclass
class _Census:
    """What one pass over the graph counts: triples, subjects, objects, classes, properties, links."""

    count: int = 0
    subjects: set[ox.NamedNode | ox.BlankNode] = field(default_factory=set)
    objects: set[ox.NamedNode | ox.BlankNode] = field(default_factory=set)
    classes: Counter[ox.NamedNode] = field(default_factory=Counter)
    properties: Counter[ox.NamedNode] = field(default_factory=Counter)
    #: (target dataset name, link predicate) → how many links
    links: Counter[tuple[str, ox.NamedNode]] = field(default_factory=Counter)


def describe(triples: Iterable[ox.Triple], source_documents: list[str]) -> list[ox.Triple]:
    """Return a VoID and DCAT description of the graph made of ``triples``.

    Class partitions count distinct instances; property partitions count triples. No build date
    is written, so that the same inputs give the same bytes.
    """
    d = _Description()
    dataset = ox.NamedNode(f"{ID}dataset")
    _describe_dataset(d, dataset, source_documents)
    census = _count(triples)
    _describe_partitions(d, dataset, census)
    _describe_linksets(d, dataset, census.links)
    return d.triples


def _describe_dataset(d: _Description, dataset: ox.NamedNode, source_documents: list[str]) -> None:
    """Title, description, licence, version, sources and distributions of the dataset."""
    add = d.add
    add(dataset, RDF.type, N(VOID.Dataset))
    add(dataset, RDF.type, N(DCAT.Dataset))
    add(dataset, DCTERMS.title, lit("Atelier Commande publique & EFC — graphe de connaissances", "fr"))
    add(dataset, DCTERMS.title, lit("Atelier Commande publique & EFC — knowledge graph", "en"))
    add(
        dataset,
        DCTERMS.description,
        lit(
            "Acteurs, rôles, séances, thèmes, cas, constats et chiffres clés de l'Atelier « Commande "
            "publique & économie de la fonctionnalité et de la coopération », tirés de sa page.",
            "fr",
        ),
    )
    add(dataset, DCTERMS.license, N(LICENCE))
    add(dataset, DCTERMS.hasVersion, lit(__version__))
    add(dataset, VOID.uriSpace, lit(str(ID)))
    add(dataset, VOID.vocabulary, N(PREFIXES["akg"]))
    for doc in source_documents:
        add(dataset, DCTERMS.source, N(doc))
        add(dataset, PROV.wasDerivedFrom, N(doc))
    for media_type, name in (
        ("text/turtle", "atelier.ttl"),
        ("application/n-triples", "atelier.nt"),
        ("application/ld+json", "atelier.jsonld"),
    ):
        dist = node("dataset", name)
        add(dataset, DCAT.distribution, dist)
        add(dist, RDF.type, N(DCAT.Distribution))
        add(dist, DCAT.mediaType, lit(media_type))
        add(dist, DCTERMS.title, lit(name))


def _count(triples: Iterable[ox.Triple]) -> _Census:
    """Count, in one pass, what the VoID statistics and linksets report."""
    census = _Census()
    for t in triples:
        census.count += 1
        if t.predicate.value in LINK_PREDICATES and isinstance(t.object, ox.NamedNode):
            target = next((name for name, _, space in TARGETS if t.object.value.startswith(space)), None)
            if target:
                census.links[(target, t.predicate)] += 1
        census.subjects.add(t.subject)
        if not isinstance(t.object, ox.Literal):
            census.objects.add(t.object)
        census.properties[t.predicate] += 1
        if t.predicate == TYPE:
            census.classes[t.object] += 1
    return census


def _describe_partitions(d: _Description, dataset: ox.NamedNode, census: _Census) -> None:
    """The dataset's statistics, then one partition per class (instances) and property (triples)."""
    for prop, n in (
        (VOID.triples, census.count),
        (VOID.distinctSubjects, len(census.subjects)),
        (VOID.distinctObjects, len(census.objects)),
        (VOID.entities, len(census.subjects)),
        (VOID.classes, len(census.classes)),
        (VOID.properties, len(census.properties)),
    ):
        d.count(dataset, prop, n)
    for cls, n in census.classes.items():
        part = node("dataset", "class", _local(cls.value))
        d.add(dataset, VOID.classPartition, part)
        d.add(part, VOID["class"], cls)
        d.count(part, VOID.entities, n)
    for prop, n in census.properties.items():
        part = node("dataset", "property", _local(prop.value))
        d.add(dataset, VOID.propertyPartition, part)
        d.add(part, VOID.property, prop)
        d.count(part, VOID.triples, n)


def _describe_linksets(
    d: _Description, dataset: ox.NamedNode, links: Counter[tuple[str, ox.NamedNode]]
) -> None:
    """The open datasets linked to, and one linkset per target and link predicate."""
    for name, title, space in TARGETS:
        if not any(target == name for target, _ in links):
            continue
        other = node("dataset", "target", name)
        d.add(other, RDF.type, N(VOID.Dataset))
        d.add(other, DCTERMS.title, lit(title))
        d.add(other, VOID.uriSpace, lit(space))
    for (name, predicate), n in links.items():
        linkset = node("dataset", "linkset", f"{name}.{_local(predicate.value)}")
        d.add(dataset, VOID.subset, linkset)
        d.add(linkset, RDF.type, N(VOID.Linkset))
        d.add(linkset, VOID.subjectsTarget, dataset)
        d.add(linkset, VOID.objectsTarget, node("dataset", "target", name))
        d.add(linkset, VOID.linkPredicate, predicate)
        d.count(linkset, VOID.triples, n)


def _local(text: str) -> str:
    """A readable, unique partition name: the prefixed name of a term (``akg-Case``)."""
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns) and "/" not in text[len(ns) :]:
            return f"{prefix}-{text[len(ns) :]}"
    return "iri-" + "".join(c if c.isalnum() else "-" for c in text)


def describe_graph(triples: list[ox.Triple]) -> list[ox.Triple]:
    """The sorted VoID and DCAT description of a built graph, its source documents found in it
    (the resources typed ``akg:SourceDocument``): what the build writes as ``void.ttl``."""
    source = str(AKG.SourceDocument)
    documents = sorted(
        t.subject.value for t in triples if t.predicate.value == str(RDF.type) and t.object.value == source
    )
    return sorted_triples(describe(triples, documents))
