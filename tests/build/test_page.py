"""Everything the page states is in the graph: checked against the page text itself."""

from __future__ import annotations

import hashlib

from conftest import PAGE, ROOT
from rdflib import Literal, URIRef
from rdflib.namespace import FOAF, ORG, RDF, SKOS

from atelier_kg.namespaces import AKG, ID
from atelier_kg.sources.cleaning import clean_cell


def participant_table() -> list[tuple[str, str, str, str]]:
    """The rows of the page's participant table (Nom, Prénom, Fonction, Organisation), read from
    the page text: the cells follow the four headers, one per non-empty line, blank cells being
    a lone non-breaking space."""
    lines = [line for line in PAGE.read_text(encoding="utf-8").split("\n") if line != ""]
    start = lines.index("Organisation") + 1
    assert lines[start - 4 : start] == ["Nom", "Prénom", "Fonction", "Organisation"]
    cells = []
    for line in lines[start:]:
        if line.lstrip().startswith("•"):
            break
        cells.append(line)
    assert len(cells) % 4 == 0
    return [tuple(cells[i : i + 4]) for i in range(0, len(cells), 4)]


def test_the_page_table_has_35_rows():
    # Counted by hand on the page: from EL KIRA Hamza to Laulan Frédéric.
    rows = participant_table()
    assert len(rows) == 35
    assert rows[0][:2] == ("EL KIRA", "Hamza") and rows[-1][:2] == ("Laulan", "Frédéric")


def test_every_row_of_the_table_is_a_person_with_a_job(seed_graph):
    g = seed_graph
    for nom, prenom, fonction, organisation in participant_table():
        persons = set(g.subjects(AKG.familyNameAsWritten, Literal(clean_cell(nom)))) & set(
            g.subjects(AKG.givenNameAsWritten, Literal(clean_cell(prenom)))
        )
        assert len(persons) == 1, (nom, prenom)
        person = persons.pop()
        jobs = [
            j
            for j in g.subjects(ORG.member, person)
            if (j, RDF.type, AKG.Job) in g
            and (j, AKG.organisationAsWritten, Literal(clean_cell(organisation))) in g
        ]
        assert len(jobs) == 1, (nom, organisation)
        titles = {str(t) for t in g.objects(jobs[0], AKG.jobTitle)}
        assert titles == ({clean_cell(fonction)} if clean_cell(fonction) else set()), nom


def test_the_page_is_a_source_with_its_sha256(seed_graph):
    page = ID["source/page"]
    recorded = str(seed_graph.value(page, AKG.sha256))
    assert recorded == hashlib.sha256(PAGE.read_bytes()).hexdigest()
    shared = ROOT.parent / "shared" / "seed" / "000_1741af10534f528b.txt"
    if shared.exists():  # the copy in data/ is the page, byte for byte
        assert recorded == hashlib.sha256(shared.read_bytes()).hexdigest()


def test_person_iris_are_opaque(seed_graph):
    for person in seed_graph.subjects(RDF.type, FOAF.Person):
        local = str(person).rsplit("/", 1)[-1]
        assert len(local) == 8 and all(c in "0123456789abcdef" for c in local)
        for name in seed_graph.objects(person, FOAF.familyName):
            assert str(name).lower() not in str(person).lower()


def test_name_variants_of_one_person_resolve_to_one_resource(seed_graph):
    # « Pedron James » in the table and « James Pédron » in the prose are one person.
    people = set(seed_graph.subjects(FOAF.familyName, Literal("Pédron")))
    assert len(people) == 1
    person = people.pop()
    assert {str(x) for x in seed_graph.objects(person, AKG.familyNameAsWritten)} == {"Pédron", "Pedron"}
    assert (person, SKOS.altLabel, Literal("James Pedron")) in seed_graph


def test_cleaned_names_keep_their_written_form(seed_graph):
    # « ORTOLAN ZASSO sylvie » gets its usual capitals; the written form stays.
    person = seed_graph.value(None, FOAF.name, Literal("Sylvie Ortolan Zasso"))
    assert person is not None
    assert str(seed_graph.value(person, AKG.familyNameAsWritten)) == "ORTOLAN ZASSO"
    assert str(seed_graph.value(person, AKG.givenNameAsWritten)) == "sylvie"


def test_blank_cells_produce_no_triple(seed_graph):
    # ORELLANO Martha's Fonction cell is a lone non-breaking space: no job title at all.
    person = seed_graph.value(None, FOAF.name, Literal("Martha Orellano"))
    jobs = list(seed_graph.subjects(ORG.member, person))
    assert jobs and all(seed_graph.value(j, AKG.jobTitle) is None for j in jobs)


def test_unknown_dates_stay_unknown(seed_graph):
    from atelier_kg.namespaces import SCHEMA

    past = [s for s in seed_graph.subjects(AKG.sessionTiming, Literal("past"))]
    assert len(past) == 4
    assert all(seed_graph.value(s, SCHEMA.startDate) is None for s in past)


def test_prose_organisations_and_their_relations(seed_graph):
    def org(slug: str) -> URIRef:
        return ID[f"org/{slug}"]

    assert (org("ciridd"), AKG.animates, org("club-clef")) in seed_graph
    assert (org("ciridd"), AKG.carries, org("coef-p")) in seed_graph
    assert (org("club-efc-noe"), RDF.type, ORG.OrganizationalCollaboration) in seed_graph
    assert (org("direction-teee-grand-est"), ORG.subOrganizationOf, org("region-grand-est")) in seed_graph
    # Romain Demissy sits on the advisory board of the Club EFC Noé (podcast).
    jobs = {
        str(t)
        for j in seed_graph.subjects(ORG.organization, org("club-efc-noe"))
        for t in seed_graph.objects(j, AKG.jobTitle)
    }
    assert jobs == {"membre du conseil d’orientation"}
