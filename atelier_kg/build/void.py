"""The VoID/DCAT description of a built graph: licence, sources, triples per class and property."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD

from atelier_kg.version import __version__
from .triples import TYPE, N, lit, node
from atelier_kg.namespaces import ID, PREFIXES

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


def describe(triples: Iterable[ox.Triple], source_documents: list[str]) -> list[ox.Triple]:
    """Return a VoID and DCAT description of the graph made of ``triples``.

    Class partitions count distinct instances; property partitions count triples. No build date
    is written, so that the same inputs give the same bytes.
    """
    d: list[ox.Triple] = []

    def add(s: ox.NamedNode, p: str, o: ox.NamedNode | ox.Literal) -> None:
        d.append(ox.Triple(s, N(p), o))

    dataset = ox.NamedNode(f"{ID}dataset")
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

    subjects: set[ox.NamedNode | ox.BlankNode] = set()
    objects: set[ox.NamedNode | ox.BlankNode] = set()
    classes: Counter[ox.NamedNode] = Counter()
    properties: Counter[ox.NamedNode] = Counter()
    count = 0
    links: Counter[tuple[str, ox.NamedNode]] = Counter()
    for t in triples:
        count += 1
        if t.predicate.value in LINK_PREDICATES and isinstance(t.object, ox.NamedNode):
            target = next((name for name, _, space in TARGETS if t.object.value.startswith(space)), None)
            if target:
                links[(target, t.predicate)] += 1
        subjects.add(t.subject)
        if not isinstance(t.object, ox.Literal):
            objects.add(t.object)
        properties[t.predicate] += 1
        if t.predicate == TYPE:
            classes[t.object] += 1
    for prop, n in (
        (VOID.triples, count),
        (VOID.distinctSubjects, len(subjects)),
        (VOID.distinctObjects, len(objects)),
        (VOID.entities, len(subjects)),
        (VOID.classes, len(classes)),
        (VOID.properties, len(properties)),
    ):
        add(dataset, prop, lit(str(n), datatype=INTEGER))
    for cls, n in classes.items():
        part = node("dataset", "class", _local(cls.value))
        add(dataset, VOID.classPartition, part)
        add(part, VOID["class"], cls)
        add(part, VOID.entities, lit(str(n), datatype=INTEGER))
    for prop, n in properties.items():
        part = node("dataset", "property", _local(prop.value))
        add(dataset, VOID.propertyPartition, part)
        add(part, VOID.property, prop)
        add(part, VOID.triples, lit(str(n), datatype=INTEGER))
    for name, title, space in TARGETS:
        if not any(target == name for target, _ in links):
            continue
        other = node("dataset", "target", name)
        add(other, RDF.type, N(VOID.Dataset))
        add(other, DCTERMS.title, lit(title))
        add(other, VOID.uriSpace, lit(space))
    for (name, predicate), n in links.items():
        linkset = node("dataset", "linkset", f"{name}.{_local(predicate.value)}")
        add(dataset, VOID.subset, linkset)
        add(linkset, RDF.type, N(VOID.Linkset))
        add(linkset, VOID.subjectsTarget, dataset)
        add(linkset, VOID.objectsTarget, node("dataset", "target", name))
        add(linkset, VOID.linkPredicate, predicate)
        add(linkset, VOID.triples, lit(str(n), datatype=INTEGER))
    return d


def _local(text: str) -> str:
    """A readable, unique partition name: the prefixed name of a term (``akg-Case``)."""
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns) and "/" not in text[len(ns) :]:
            return f"{prefix}-{text[len(ns) :]}"
    return "iri-" + "".join(c if c.isalnum() else "-" for c in text)
