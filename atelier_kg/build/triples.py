"""Turning checked source data into RDF triples with provenance (no inference here).

Triples are pyoxigraph terms: cheap to make, hash and serialise at a million triples. Use
:func:`rdflib_graph` to get an rdflib graph of them.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, SKOS, XSD

from atelier_kg.namespaces import AKG, ID, SCHEMA, row_iri
from atelier_kg.sources import Row, SourceData, Tables, usual_capitalisation

from .mappinggraph import mapping_triples

Triple = ox.Triple


def N(iri: str) -> ox.NamedNode:
    """A named node."""
    return ox.NamedNode(str(iri))


def node(kind: str, *parts: str) -> ox.NamedNode:
    """The data IRI ``id:<kind>/<part>/…`` as a named node."""
    return ox.NamedNode(f"{ID}{kind}/{'/'.join(parts)}")


_DATATYPES: dict[str, ox.NamedNode] = {}


def lit(value: str, lang: str | None = None, datatype: str | None = None) -> ox.Literal:
    """A literal: language-tagged, typed, or a plain string."""
    if lang:
        return ox.Literal(value, language=lang)
    if datatype:
        dt = _DATATYPES.get(datatype) or _DATATYPES.setdefault(datatype, N(datatype))
        return ox.Literal(value, datatype=dt)
    return ox.Literal(value)


TYPE = N(RDF.type)
KIND_CLASSES: dict[str, tuple[ox.NamedNode, ...]] = {
    "formal": (N(ORG.FormalOrganization),),
    "organisation": (N(ORG.Organization),),
    "unit": (N(ORG.OrganizationalUnit),),
    "atelier": (N(AKG.Atelier), N(SCHEMA.EventSeries)),
    "club": (N(AKG.Club),),
    "action": (N(AKG.Action),),
    "group-purchase": (N(AKG.GroupPurchase),),
}
LINK_PROPERTIES = {"animates": N(AKG.animates), "carries": N(AKG.carries), "initiates": N(AKG.initiates)}
P = {
    name: N(term)
    for name, term in {
        "derived": PROV.wasDerivedFrom,
        "source": DCTERMS.source,
        "title": DCTERMS.title,
        "sha256": AKG.sha256,
        "language": DCTERMS.language,
        "rowCount": AKG.rowCount,
        "prefLabel": SKOS.prefLabel,
        "altLabel": SKOS.altLabel,
        "orgType": AKG.organisationType,
        "subOrg": ORG.subOrganizationOf,
        "unitOf": ORG.unitOf,
        "area": SCHEMA.areaServed,
        "founded": SCHEMA.foundingDate,
        "hasMember": ORG.hasMember,
        "familyName": FOAF.familyName,
        "givenName": FOAF.givenName,
        "name": FOAF.name,
        "familyAsWritten": AKG.familyNameAsWritten,
        "givenAsWritten": AKG.givenNameAsWritten,
        "description": DCTERMS.description,
        "member": ORG.member,
        "organization": ORG.organization,
        "selfEmployed": AKG.selfEmployed,
        "jobTitle": AKG.jobTitle,
        "orgAsWritten": AKG.organisationAsWritten,
        "role": ORG.role,
        "schemaName": SCHEMA.name,
        "superEvent": SCHEMA.superEvent,
        "startDate": SCHEMA.startDate,
        "endDate": SCHEMA.endDate,
        "eventStatus": SCHEMA.eventStatus,
        "timing": AKG.sessionTiming,
        "earliest": AKG.earliestStart,
        "attendee": SCHEMA.attendee,
        "within": SCHEMA.containedInPlace,
        "governs": AKG.governs,
        "location": SCHEMA.location,
    }.items()
}
C = {
    name: N(term)
    for name, term in {
        "SourceDocument": AKG.SourceDocument,
        "SourceTable": AKG.SourceTable,
        "Place": SCHEMA.AdministrativeArea,
        "Person": FOAF.Person,
        "Job": AKG.Job,
        "RoleMembership": AKG.RoleMembership,
        "Session": AKG.Session,
        "EventScheduled": SCHEMA.EventScheduled,
    }.items()
}
XSD_DATETIME, XSD_GYEAR, XSD_GYEARMONTH = str(XSD.dateTime), str(XSD.gYear), str(XSD.gYearMonth)
TRUE = lit("true", datatype=str(XSD.boolean))
PLACE_CLASSES = {
    "region": N(AKG.Region),
    "departement": N(AKG.Departement),
    "commune": N(AKG.Commune),
    "epci": N(AKG.IntercommunalTerritory),
}


class _Sink:
    """Collects triples (without duplicates) and the provenance of each row's resource."""

    def __init__(self) -> None:
        self.triples: set[ox.Triple] = set()

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        self.triples.add(ox.Triple(s, p, o))

    def provenance(self, subject: ox.NamedNode, row: Row) -> None:
        self.add(subject, P["derived"], N(row_iri(row.table, row.line)))
        self.add(subject, P["source"], node("source", row.get("source")))


def _documents_cited(data: SourceData, file_name: str) -> set[str]:
    """The IRIs of the source documents the rows or statements of one file cite."""
    if file_name in data.tables:
        return {f"{ID}source/{r.get('source')}" for r in data.tables[file_name]}
    return {
        t.object.value
        for t in data.turtle.get(file_name, [])
        if t.predicate.value == str(DCTERMS.source) and isinstance(t.object, ox.NamedNode)
    }


def build_triples(data: SourceData) -> set[ox.Triple]:
    """Return the triples of the sources (before materialisation of superclasses)."""
    sink = _Sink()
    _add_sources(sink, data)
    _add_places(sink, data.tables)
    _add_organisations(sink, data.tables)
    _add_persons(sink, data.tables)
    _add_jobs_and_roles(sink, data.tables)
    _add_sessions(sink, data.tables)
    for triples in data.turtle.values():
        sink.triples.update(triples)
    sink.triples.update(mapping_triples(data.mappings.mappings))
    return sink.triples


def _add_sources(sink: _Sink, data: SourceData) -> None:
    """The source documents (title, language, SHA-256) and the files read, with what they cite."""
    add = sink.add
    rows = {r.get("id"): r for r in data.tables["sources.csv"]}  # ids are unique: checked by load
    for doc in data.documents.values():
        s = node("source", doc.name)
        row = rows[doc.name]
        add(s, TYPE, C["SourceDocument"])
        add(s, P["title"], lit(row.get("title"), lang=row.get("language") or None))
        add(s, P["sha256"], lit(doc.sha256, datatype=str(XSD.hexBinary)))
        if row.get("language"):
            add(s, P["language"], lit(row.get("language")))
    for f in data.files:
        s = node("source", f.name)
        add(s, TYPE, C["SourceTable"])
        add(s, P["title"], lit(f.name))
        add(s, P["sha256"], lit(f.sha256, datatype=str(XSD.hexBinary)))
        if f.rows is not None:
            add(s, P["rowCount"], lit(str(f.rows), datatype=str(XSD.integer)))
        for doc in sorted(_documents_cited(data, f.name)):
            add(s, P["derived"], N(doc))


def _add_places(sink: _Sink, t: Tables) -> None:
    """The places of ``places.csv``: kind, label, the place they lie within."""
    add = sink.add
    for row in t["places.csv"]:
        s = node("place", row.get("id"))
        add(s, TYPE, C["Place"])
        if row.get("kind"):
            add(s, TYPE, PLACE_CLASSES[row.get("kind")])
        if row.get("within"):
            add(s, P["within"], node("place", row.get("within")))
        add(s, P["prefLabel"], lit(row.get("pref_label"), lang="fr"))
        sink.provenance(s, row)


def _add_organisations(sink: _Sink, t: Tables) -> None:
    """The organisations, their other names, their links to each other and to places."""
    add = sink.add
    pref: dict[str, str] = {}
    for row in t["organisations.csv"]:
        s = node("org", row.get("id"))
        for cls in KIND_CLASSES[row.get("kind")]:
            add(s, TYPE, cls)
        pref[row.get("id")] = row.get("pref_label")
        add(s, P["prefLabel"], lit(row.get("pref_label"), lang="fr"))
        if row.get("type"):
            add(s, P["orgType"], node("org-type", row.get("type")))
        if row.get("parent"):
            parent = node("org", row.get("parent"))
            add(s, P["subOrg"], parent)
            add(s, P["unitOf"], parent)
        if row.get("area"):
            add(s, P["area"], node("place", row.get("area")))
        if row.get("founded"):
            add(s, P["founded"], lit(row.get("founded"), datatype=XSD_GYEAR))
        sink.provenance(s, row)
    for row in t["organisation_names.csv"]:
        org_id = row.get("organisation")
        if row.get("name") != pref[org_id]:  # SKOS: a label is never both preferred and alternative
            add(node("org", org_id), P["altLabel"], lit(row.get("name"), lang="fr"))
    for row in t["organisation_links.csv"]:
        subject, obj = node("org", row.get("subject")), node("org", row.get("object"))
        if row.get("relation") in LINK_PROPERTIES:
            add(subject, LINK_PROPERTIES[row.get("relation")], obj)
        # animating, carrying or initiating a collaboration is taking part in it
        add(obj, P["hasMember"], subject)
    for row in t["organisation_places.csv"]:
        relation = P["governs"] if row.get("relation") == "governs" else P["location"]
        add(node("org", row.get("organisation")), relation, node("place", row.get("place")))


def _add_persons(sink: _Sink, t: Tables) -> None:
    """The persons: names in their usual capitalisation and as written, other names, description."""
    add = sink.add
    for row in t["persons.csv"]:
        s = node("person", row.get("id"))
        family = usual_capitalisation(row.get("family_name"))
        given = usual_capitalisation(row.get("given_name"))
        add(s, TYPE, C["Person"])
        add(s, P["familyName"], lit(family))
        add(s, P["familyAsWritten"], lit(row.get("family_name")))
        if given:
            add(s, P["givenName"], lit(given))
            add(s, P["givenAsWritten"], lit(row.get("given_name")))
        add(s, P["name"], lit(f"{given} {family}".strip()))
        if row.get("description"):
            add(s, P["description"], lit(row.get("description"), lang="fr"))
        sink.provenance(s, row)
    for row in t["person_names.csv"]:
        s = node("person", row.get("person"))
        add(s, P["familyAsWritten"], lit(row.get("family_name")))
        if row.get("given_name"):
            add(s, P["givenAsWritten"], lit(row.get("given_name")))
        add(s, P["altLabel"], lit(f"{row.get('given_name')} {row.get('family_name')}".strip()))


def _add_jobs_and_roles(sink: _Sink, t: Tables) -> None:
    """Who works where (jobs) and who holds which role in an atelier (role memberships)."""
    add = sink.add
    for row in t["jobs.csv"]:
        person, org_id = row.get("person"), row.get("organisation")
        s = node("job", f"{person}.{org_id or 'self-employed'}")
        add(s, TYPE, C["Job"])
        add(s, P["member"], node("person", person))
        if org_id:
            add(s, P["organization"], node("org", org_id))
        if row.get("self_employed") == "true":
            add(s, P["selfEmployed"], TRUE)
        if row.get("job_title"):
            add(s, P["jobTitle"], lit(row.get("job_title")))
        if row.get("organisation_as_written"):
            add(s, P["orgAsWritten"], lit(row.get("organisation_as_written")))
        sink.provenance(s, row)
    for row in t["roles.csv"]:
        person, atelier, role = row.get("person"), row.get("atelier"), row.get("role")
        s = node("role-membership", f"{person}.{atelier}.{role}")
        add(s, TYPE, C["RoleMembership"])
        add(s, P["member"], node("person", person))
        add(s, P["organization"], node("org", atelier))
        add(s, P["role"], node("role", role))
        sink.provenance(s, row)


def _add_sessions(sink: _Sink, t: Tables) -> None:
    """The sessions of the ateliers (dates as written, already checked) and who attended them."""
    add = sink.add
    for row in t["sessions.csv"]:
        s = node("session", row.get("id"))
        add(s, TYPE, C["Session"])
        add(s, P["schemaName"], lit(row.get("label"), lang="fr"))
        add(s, P["superEvent"], node("org", row.get("atelier")))
        if row.get("start"):
            add(s, P["startDate"], lit(row.get("start"), datatype=XSD_DATETIME))
        if row.get("end"):
            add(s, P["endDate"], lit(row.get("end"), datatype=XSD_DATETIME))
        add(s, P["eventStatus"], C["EventScheduled"])
        add(s, P["timing"], lit(row.get("timing")))
        if row.get("earliest_start"):
            add(s, P["earliest"], lit(row.get("earliest_start"), datatype=XSD_GYEARMONTH))
        sink.provenance(s, row)
    for row in t["attendance.csv"]:
        add(node("session", row.get("session")), P["attendee"], node("person", row.get("person")))
