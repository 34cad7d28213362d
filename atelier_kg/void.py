"""The VoID/DCAT description of a built graph: licence, sources, triples per class and property."""

from __future__ import annotations

from collections import Counter
from datetime import date

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, VOID, XSD

from . import __version__
from .namespaces import ID, PREFIXES, iri

DATASET = ID["dataset"]
LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")


def describe(graph: Graph, source_documents: list[URIRef], issued: date | None = None) -> Graph:
    """Return a VoID and DCAT description of ``graph``.

    Class partitions count distinct instances; property partitions count triples. No build date
    is written unless ``issued`` is given, so that the same inputs give the same bytes.
    """
    d = Graph()
    for prefix, ns in PREFIXES.items():
        d.bind(prefix, ns)
    add = d.add
    add((DATASET, RDF.type, VOID.Dataset))
    add((DATASET, RDF.type, DCAT.Dataset))
    add(
        (
            DATASET,
            DCTERMS.title,
            Literal("Atelier Commande publique & EFC — graphe de connaissances", lang="fr"),
        )
    )
    add((DATASET, DCTERMS.title, Literal("Atelier Commande publique & EFC — knowledge graph", lang="en")))
    add(
        (
            DATASET,
            DCTERMS.description,
            Literal(
                "Acteurs, rôles, séances, thèmes, cas, constats et chiffres clés de l'Atelier « Commande "
                "publique & économie de la fonctionnalité et de la coopération », tirés de sa page.",
                lang="fr",
            ),
        )
    )
    add((DATASET, DCTERMS.license, LICENCE))
    add((DATASET, DCTERMS.hasVersion, Literal(__version__)))
    add((DATASET, VOID.uriSpace, Literal(str(ID))))
    add((DATASET, VOID.vocabulary, URIRef(PREFIXES["akg"])))
    if issued is not None:
        add((DATASET, DCTERMS.issued, Literal(issued.isoformat(), datatype=XSD.date)))
    for doc in source_documents:
        add((DATASET, DCTERMS.source, doc))
        add((DATASET, PROV.wasDerivedFrom, doc))
    for fmt, name in (
        ("text/turtle", "atelier.ttl"),
        ("application/n-triples", "atelier.nt"),
        ("application/ld+json", "atelier.jsonld"),
    ):
        dist = iri("dataset", name)
        add((DATASET, DCAT.distribution, dist))
        add((dist, RDF.type, DCAT.Distribution))
        add((dist, DCAT.mediaType, Literal(fmt)))
        add((dist, DCTERMS.title, Literal(name)))

    subjects, objects = set(), set()
    classes: Counter[URIRef] = Counter()
    properties: Counter[URIRef] = Counter()
    for s, p, o in graph:
        subjects.add(s)
        if not isinstance(o, Literal):
            objects.add(o)
        properties[p] += 1
        if p == RDF.type:
            classes[o] += 1
    add((DATASET, VOID.triples, Literal(len(graph), datatype=XSD.integer)))
    add((DATASET, VOID.distinctSubjects, Literal(len(subjects), datatype=XSD.integer)))
    add((DATASET, VOID.distinctObjects, Literal(len(objects), datatype=XSD.integer)))
    add((DATASET, VOID.entities, Literal(len(subjects), datatype=XSD.integer)))
    add((DATASET, VOID.classes, Literal(len(classes), datatype=XSD.integer)))
    add((DATASET, VOID.properties, Literal(len(properties), datatype=XSD.integer)))
    for cls, n in classes.items():
        part = iri("dataset", "class", _local(cls))
        add((DATASET, VOID.classPartition, part))
        add((part, VOID["class"], cls))
        add((part, VOID.entities, Literal(n, datatype=XSD.integer)))
    for prop, n in properties.items():
        part = iri("dataset", "property", _local(prop))
        add((DATASET, VOID.propertyPartition, part))
        add((part, VOID.property, prop))
        add((part, VOID.triples, Literal(n, datatype=XSD.integer)))
    return d


def _local(term: URIRef) -> str:
    """A readable, unique partition name: the prefixed name of a term (``akg-Case``)."""
    text = str(term)
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns) and "/" not in text[len(ns) :]:
            return f"{prefix}-{text[len(ns) :]}"
    return "iri-" + "".join(c if c.isalnum() else "-" for c in text)
