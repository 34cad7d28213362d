"""The triples of the curated mapping sets: links, identifiers and the record of each mapping row.

The choices (documented in docs/model.md, "Links to open data"):

- Every row gives its subject an ``adms:Identifier`` whose ``skos:notation`` is typed with the
  scheme's datatype (``"417669587"^^akg:SIREN``) and whose provenance is the mapping record.
- Wikidata and CPV objects are things with IRIs: the row's predicate links to them
  (``skos:exactMatch wd:Q12661``; ``skos:broadMatch cpv:09310000``). A SIREN or an INSEE code is
  an identifier, not a thing we can link to: it stays a notation.
- ``owl:sameAs`` is added for a place and the Wikidata item of the same territory (one INSEE
  code, one territory: merging what Wikidata says of it is what a researcher wants), never for an
  organisation (Wikidata items of bodies often conflate the council, its brand and its
  territory) and never for a row whose only source is one secondary source.
- The record (``akg:MappingRecord``, IRI from the row's record_id) keeps the row: subject,
  predicate and object as an OWL annotation, the SSSOM justification, confidence, author, dates,
  the source in words and as URLs, and ``prov:wasDerivedFrom`` the file line.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from atelier_kg.namespaces import ADMS, AKG, ID, SSSOM, row_iri
from atelier_kg.sources import ENTITY_TARGETS, SCHEMES, Mapping, expand

N = ox.NamedNode
TYPE = N(str(RDF.type))
_P = {
    "identifier": ADMS.identifier,
    "notation": SKOS.notation,
    "agency": ADMS.schemeAgency,
    "derived": PROV.wasDerivedFrom,
    "source": OWL.annotatedSource,
    "property": OWL.annotatedProperty,
    "target": OWL.annotatedTarget,
    "justification": SSSOM.mapping_justification,
    "confidence": SSSOM.confidence,
    "author": SSSOM.author_label,
    "date": SSSOM.mapping_date,
    "reviewer": SSSOM.reviewer_label,
    "reviewDate": SSSOM.review_date,
    "comment": RDFS.comment,
    "seeAlso": RDFS.seeAlso,
    "label": SSSOM.object_label,
    "secondary": AKG.singleSecondarySource,
    "sameAs": OWL.sameAs,
    "exactMatch": SKOS.exactMatch,
}
P = {name: N(str(iri)) for name, iri in _P.items()}
RECORD = N(str(AKG.MappingRecord))
IDENTIFIER = N(str(ADMS.Identifier))
_DATE = N(str(XSD.date))
_DECIMAL = N(str(XSD.decimal))
_TRUE = ox.Literal("true", datatype=N(str(XSD.boolean)))


def identifier_iri(target: str, notation: str) -> str:
    """The IRI of an identifier: ``id:identifier/<scheme>/<notation>`` (e.g. ``…/siren/417669587``)."""
    return f"{ID}identifier/{target.lower().replace('.', '-')}/{notation}"


def _record(m: Mapping, add) -> N:
    row = m.row
    record = N(m.record)
    add(record, TYPE, RECORD)
    add(record, P["source"], N(m.subject))
    add(record, P["property"], N(m.predicate))
    add(record, P["target"], N(m.object))
    add(record, P["justification"], N(expand(row.get("mapping_justification"))))
    add(record, P["author"], ox.Literal(row.get("author_label")))
    add(record, P["date"], ox.Literal(row.get("mapping_date"), datatype=_DATE))
    if row.get("confidence"):
        add(record, P["confidence"], ox.Literal(row.get("confidence"), datatype=_DECIMAL))
    if row.get("reviewer_label"):
        add(record, P["reviewer"], ox.Literal(row.get("reviewer_label")))
        add(record, P["reviewDate"], ox.Literal(row.get("review_date"), datatype=_DATE))
    if row.get("object_label"):
        add(record, P["label"], ox.Literal(row.get("object_label")))
    if row.get("comment"):
        add(record, P["comment"], ox.Literal(row.get("comment")))
    for url in row.see_also():
        add(record, P["seeAlso"], N(url))
    if m.single_secondary:
        add(record, P["secondary"], _TRUE)
    add(record, P["derived"], N(str(row_iri(f"{_folder(m)}/{m.set_name}", row.line))))
    return record


def _folder(m: Mapping) -> str:
    return "ontology" if m.subject_kind == "akg" else "mappings"


def mapping_triples(mappings: Iterable[Mapping]) -> set[ox.Triple]:
    """The links, identifiers and records of checked mappings."""
    triples: set[ox.Triple] = set()

    def add(s: N, p: N, o: N | ox.Literal) -> None:
        triples.add(ox.Triple(s, p, o))

    for m in mappings:
        record = _record(m, add)
        subject = N(m.subject)
        if m.subject_kind == "akg":  # an alignment of one of our terms
            add(subject, N(m.predicate), N(m.object))
            continue
        scheme = SCHEMES[m.target]
        identifier = N(identifier_iri(m.target, m.notation))
        add(subject, P["identifier"], identifier)
        add(identifier, TYPE, IDENTIFIER)
        add(identifier, P["notation"], ox.Literal(m.notation, datatype=N(f"{AKG}{scheme.datatype}")))
        add(identifier, P["agency"], ox.Literal(scheme.agency))
        add(identifier, P["derived"], record)
        if m.target in ENTITY_TARGETS:
            add(subject, N(m.predicate), N(m.object))
        if (
            m.target == "wikidata"
            and m.subject_kind == "place"
            and m.predicate == str(SKOS.exactMatch)
            and not m.single_secondary
        ):
            add(subject, P["sameAs"], N(m.object))
    return triples
