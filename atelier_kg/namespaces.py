"""Namespaces and IRI minting: the one place that knows the project's IRI patterns."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD

AKG = Namespace("https://w3id.org/atelier-kg/def#")
AKGSH = Namespace("https://w3id.org/atelier-kg/shapes#")
ID = Namespace("https://w3id.org/atelier-kg/id/")
SCHEMA = Namespace("https://schema.org/")
ADMS = Namespace("http://www.w3.org/ns/adms#")
SSSOM = Namespace("https://w3id.org/sssom/")
SEMAPV = Namespace("https://w3id.org/semapv/vocab/")
WD = Namespace("http://www.wikidata.org/entity/")
CPV = Namespace("http://data.europa.eu/cpv/cpv/")
EPO = Namespace("http://data.europa.eu/a4g/ontology#")

#: The kinds of data IRI (``id:<kind>/<key>``); each gets a prefix of its own in the outputs.
KINDS = (
    "case",
    "dataset",
    "domain",
    "figure",
    "finding",
    "format-step",
    "hypothesis",
    "identifier",
    "job",
    "lever",
    "mapping",
    "org-type",
    "person",
    "place",
    "podcast",
    "premise",
    "role",
    "role-membership",
    "scheme",
    "session",
    "source",
    "theme",
)

#: Prefixes written into Turtle and JSON-LD outputs. ``org:`` is W3C ORG, so organisations
#: (``id:org/…``) are written ``organisation:``.
PREFIXES: dict[str, str] = {
    "akg": str(AKG),
    "id": str(ID),
    "org": str(ORG),
    "foaf": str(FOAF),
    "skos": str(SKOS),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "dcat": str(DCAT),
    "adms": str(ADMS),
    "sssom": str(SSSOM),
    "semapv": str(SEMAPV),
    "owl": str(OWL),
    "wd": str(WD),
    "cpv": str(CPV),
    "epo": str(EPO),
    "void": str(VOID),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "organisation": f"{ID}org/",
    **{kind: f"{ID}{kind}/" for kind in KINDS},
}


def iri(kind: str, *parts: str) -> URIRef:
    """Return the data IRI ``id:<kind>/<part>/<part>…`` of a resource."""
    return ID["/".join((kind, *parts))]


def row_iri(file_name: str, line: int) -> URIRef:
    """Return the provenance IRI of one row of a source table (RFC 7111 ``#row=``)."""
    return URIRef(f"{ID}source/{file_name}#row={line}")
