"""Turning checked source data into RDF triples with provenance (no inference here)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, SKOS, XSD

from .cleaning import usual_capitalisation
from .load import SourceData
from .namespaces import AKG, SCHEMA, iri, row_iri
from .tables import Row

KIND_CLASSES: dict[str, tuple[URIRef, ...]] = {
    "formal": (ORG.FormalOrganization,),
    "organisation": (ORG.Organization,),
    "unit": (ORG.OrganizationalUnit,),
    "atelier": (AKG.Atelier, SCHEMA.EventSeries),
    "club": (AKG.Club,),
    "action": (AKG.Action,),
    "group-purchase": (AKG.GroupPurchase,),
}
LINK_PROPERTIES = {"animates": AKG.animates, "carries": AKG.carries, "initiates": AKG.initiates}


_XSD_STRING = str(XSD.string)


def _ox_to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> URIRef | BNode | Literal:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == _XSD_STRING:  # RDF 1.1 simple literal: rdflib keeps it untyped
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def rdflib_graph(triples: Iterable[ox.Triple]) -> Graph:
    """An rdflib graph holding pyoxigraph triples."""
    g = Graph()
    g.addN(
        (_ox_to_rdflib(t.subject), _ox_to_rdflib(t.predicate), _ox_to_rdflib(t.object), g) for t in triples
    )
    return g


class _Emitter:
    """Adds triples for one source row, with its provenance."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.add: Callable[[tuple], None] = graph.add

    def provenance(self, subject: URIRef, row: Row) -> None:
        self.add((subject, PROV.wasDerivedFrom, row_iri(row.table, row.line)))
        self.add((subject, DCTERMS.source, iri("source", row.get("source"))))


def _documents_cited(data: SourceData, file_name: str) -> set[URIRef]:
    """The source documents the rows or statements of one file cite."""
    if file_name in data.tables:
        return {iri("source", r.get("source")) for r in data.tables[file_name]}
    return {
        URIRef(t.object.value)
        for t in data.turtle.get(file_name, [])
        if t.predicate.value == str(DCTERMS.source) and isinstance(t.object, ox.NamedNode)
    }


def build_graph(data: SourceData) -> Graph:
    """Return the graph of the sources (before materialisation of superclasses)."""
    g = Graph()
    e = _Emitter(g)
    add = g.add
    t = data.tables

    for doc in data.documents.values():
        s = iri("source", doc.name)
        row = next(r for r in t["sources.csv"] if r.get("id") == doc.name)
        add((s, RDF.type, AKG.SourceDocument))
        add((s, DCTERMS.title, Literal(row.get("title"), lang=row.get("language") or None)))
        add((s, AKG.sha256, Literal(doc.sha256, datatype=XSD.hexBinary)))
        if row.get("language"):
            add((s, DCTERMS.language, Literal(row.get("language"))))
    for f in data.files:
        s = iri("source", f.name)
        add((s, RDF.type, AKG.SourceTable))
        add((s, DCTERMS.title, Literal(f.name)))
        add((s, AKG.sha256, Literal(f.sha256, datatype=XSD.hexBinary)))
        if f.rows is not None:
            add((s, AKG.rowCount, Literal(f.rows, datatype=XSD.nonNegativeInteger)))
        for doc in sorted(_documents_cited(data, f.name)):
            add((s, PROV.wasDerivedFrom, doc))

    for row in t["places.csv"]:
        s = iri("place", row.get("id"))
        add((s, RDF.type, SCHEMA.AdministrativeArea))
        add((s, SKOS.prefLabel, Literal(row.get("pref_label"), lang="fr")))
        e.provenance(s, row)

    pref: dict[URIRef, str] = {}
    for row in t["organisations.csv"]:
        s = iri("org", row.get("id"))
        for cls in KIND_CLASSES[row.get("kind")]:
            add((s, RDF.type, cls))
        pref[s] = row.get("pref_label")
        add((s, SKOS.prefLabel, Literal(row.get("pref_label"), lang="fr")))
        if row.get("type"):
            add((s, AKG.organisationType, iri("org-type", row.get("type"))))
        if row.get("parent"):
            parent = iri("org", row.get("parent"))
            add((s, ORG.subOrganizationOf, parent))
            add((s, ORG.unitOf, parent))
        if row.get("area"):
            add((s, SCHEMA.areaServed, iri("place", row.get("area"))))
        if row.get("founded"):
            add((s, SCHEMA.foundingDate, Literal(row.get("founded"), datatype=XSD.gYear)))
        e.provenance(s, row)
    for row in t["organisation_names.csv"]:
        s = iri("org", row.get("organisation"))
        if row.get("name") != pref[s]:  # SKOS: a label is never both preferred and alternative
            add((s, SKOS.altLabel, Literal(row.get("name"), lang="fr")))
    for row in t["organisation_links.csv"]:
        subject, obj = iri("org", row.get("subject")), iri("org", row.get("object"))
        if row.get("relation") in LINK_PROPERTIES:
            add((subject, LINK_PROPERTIES[row.get("relation")], obj))
        # animating, carrying or initiating a collaboration is taking part in it
        add((obj, ORG.hasMember, subject))

    for row in t["persons.csv"]:
        s = iri("person", row.get("id"))
        family, given = (
            usual_capitalisation(row.get("family_name")),
            usual_capitalisation(row.get("given_name")),
        )
        add((s, RDF.type, FOAF.Person))
        add((s, FOAF.familyName, Literal(family)))
        add((s, AKG.familyNameAsWritten, Literal(row.get("family_name"))))
        if given:
            add((s, FOAF.givenName, Literal(given)))
            add((s, AKG.givenNameAsWritten, Literal(row.get("given_name"))))
        add((s, FOAF.name, Literal(f"{given} {family}".strip())))
        if row.get("description"):
            add((s, DCTERMS.description, Literal(row.get("description"), lang="fr")))
        e.provenance(s, row)
    for row in t["person_names.csv"]:
        s = iri("person", row.get("person"))
        add((s, AKG.familyNameAsWritten, Literal(row.get("family_name"))))
        if row.get("given_name"):
            add((s, AKG.givenNameAsWritten, Literal(row.get("given_name"))))
        add((s, SKOS.altLabel, Literal(f"{row.get('given_name')} {row.get('family_name')}".strip())))

    for row in t["jobs.csv"]:
        person, org_id = row.get("person"), row.get("organisation")
        s = iri("job", f"{person}.{org_id or 'self-employed'}")
        add((s, RDF.type, AKG.Job))
        add((s, ORG.member, iri("person", person)))
        if org_id:
            add((s, ORG.organization, iri("org", org_id)))
        if row.get("self_employed") == "true":
            add((s, AKG.selfEmployed, Literal(True)))
        if row.get("job_title"):
            add((s, AKG.jobTitle, Literal(row.get("job_title"))))
        if row.get("organisation_as_written"):
            add((s, AKG.organisationAsWritten, Literal(row.get("organisation_as_written"))))
        e.provenance(s, row)

    for row in t["roles.csv"]:
        person, atelier, role = row.get("person"), row.get("atelier"), row.get("role")
        s = iri("role-membership", f"{person}.{atelier}.{role}")
        add((s, RDF.type, AKG.RoleMembership))
        add((s, ORG.member, iri("person", person)))
        add((s, ORG.organization, iri("org", atelier)))
        add((s, ORG.role, iri("role", role)))
        e.provenance(s, row)

    for row in t["sessions.csv"]:
        s = iri("session", row.get("id"))
        add((s, RDF.type, AKG.Session))
        add((s, SCHEMA.name, Literal(row.get("label"), lang="fr")))
        add((s, SCHEMA.superEvent, iri("org", row.get("atelier"))))
        for column, prop in (("start", SCHEMA.startDate), ("end", SCHEMA.endDate)):
            if row.get(column):
                add((s, prop, Literal(row.get(column), datatype=XSD.dateTime)))
        add((s, SCHEMA.eventStatus, SCHEMA.EventScheduled))
        add((s, AKG.sessionTiming, Literal(row.get("timing"))))
        if row.get("earliest_start"):
            add((s, AKG.earliestStart, Literal(row.get("earliest_start"), datatype=XSD.gYearMonth)))
        e.provenance(s, row)
    for row in t["attendance.csv"]:
        add((iri("session", row.get("session")), SCHEMA.attendee, iri("person", row.get("person"))))

    g += rdflib_graph(t for triples in data.turtle.values() for t in triples)
    return g
