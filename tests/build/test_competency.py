"""Competency questions, asked only through the standard-vocabulary contract (ORG, FOAF, SKOS,
schema.org, DCTERMS, PROV), with answers worked out by hand from the page (data/sources/…txt).
"""

from __future__ import annotations

from collections import Counter

import pytest

PREFIXES = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

# Participants: the memberships whose role is labelled "Participant".
PARTICIPANT = """
  ?rm org:member ?person ; org:role ?role .
  ?role skos:prefLabel "Participant"@fr .
"""


def ask(graph, body: str) -> list[tuple[str, ...]]:
    return [tuple(str(v) if v is not None else None for v in row) for row in graph.query(PREFIXES + body)]


def test_cq01_organisations_with_several_people_in_the_table(seed_graph):
    # By hand from the participant table: Département du Nord 3 (El Kira, Colin, Demon); two each
    # for La 27e Région, Locam, EMSE (written "ECOLE DES MINES…" and "EMSE"), Musée des
    # Confluences, CIRIDD (Pedron, Forot), Terres d'EFC, ADEME, Idée Alsace.
    rows = ask(
        seed_graph,
        f"""
    SELECT ?label (COUNT(DISTINCT ?person) AS ?n) WHERE {{
      {PARTICIPANT}
      ?job org:member ?person ; org:organization ?o .
      FILTER NOT EXISTS {{ ?job org:role ?anyRole }}
      ?o skos:prefLabel ?label .
    }} GROUP BY ?label HAVING (COUNT(DISTINCT ?person) > 1)""",
    )
    assert dict((label, int(n)) for label, n in rows) == {
        "Département du Nord": 3,
        "La 27e Région": 2,
        "Locam": 2,
        "École des Mines de Saint-Étienne": 2,
        "Musée des Confluences": 2,
        "CIRIDD": 2,
        "Terres d'EFC": 2,
        "ADEME": 2,
        "Idée Alsace": 2,
    }


def test_cq02_organisations_in_the_grand_avignon_case(seed_graph):
    # Theme 3's case: the group purchase on the Grand Avignon agglomeration, initiated by the
    # sustainable-development service of Grand Avignon and the Terres d'EFC Grande Provence club.
    rows = ask(
        seed_graph,
        """
    SELECT DISTINCT ?label WHERE {
      ?case dcterms:title ?title ; dcterms:relation ?o .
      FILTER (CONTAINS(?title, "Grand Avignon"))
      ?o a org:Organization ; skos:prefLabel ?label .
    }""",
    )
    assert {r[0] for r in rows} == {
        "Grand Avignon",
        "Service Développement durable du Grand Avignon",
        "Terres d'EFC",
        "Groupement d'achat - transition énergétique sur l'agglomération du Grand Avignon",
    }


def test_cq03_dates_of_the_planned_sessions(seed_graph):
    # « 30 novembre 2021, 20 janvier 2022, 17 mars 2022, 10h – 12h30 », Paris time (UTC+1 in winter).
    rows = ask(
        seed_graph,
        """
    SELECT ?start ?end WHERE {
      ?s a schema:Event ; schema:superEvent ?atelier ; schema:startDate ?start ; schema:endDate ?end .
    } ORDER BY ?start""",
    )
    assert rows == [
        ("2021-11-30T10:00:00+01:00", "2021-11-30T12:30:00+01:00"),
        ("2022-01-20T10:00:00+01:00", "2022-01-20T12:30:00+01:00"),
        ("2022-03-17T10:00:00+01:00", "2022-03-17T12:30:00+01:00"),
    ]


def test_cq04_sessions_in_all(seed_graph):
    # Three planned sessions plus the four past ones of « 4 Séances depuis Octobre 2019 ».
    rows = ask(seed_graph, "SELECT (COUNT(?s) AS ?n) WHERE { ?s schema:superEvent ?a . ?s a schema:Event }")
    assert int(rows[0][0]) == 7


@pytest.mark.parametrize(
    ("role", "names"),
    [
        ("Animateur", {"James Pédron", "Romain Demissy"}),
        ("Coordinateur", {"Margaux Lallemant", "James Pédron", "Romain Demissy"}),
        (
            "Intervenant du podcast",
            {"Romain Demissy", "James Pédron", "Margaux Lallemant", "Priscilla Rabier"},
        ),
    ],
)
def test_cq05_people_by_role(seed_graph, role, names):
    rows = ask(
        seed_graph,
        f"""
    SELECT ?name WHERE {{
      ?m org:member ?p ; org:role ?r ; org:organization ?atelier .
      ?r skos:prefLabel "{role}"@fr .
      ?p foaf:name ?name .
    }}""",
    )
    assert {r[0] for r in rows} == names


def test_cq06_number_of_participants(seed_graph):
    # 35 rows in the participant table, plus Priscilla Rabier, « participante à l'atelier ».
    rows = ask(seed_graph, f"SELECT (COUNT(DISTINCT ?person) AS ?n) WHERE {{ {PARTICIPANT} }}")
    assert int(rows[0][0]) == 36


def test_cq07_themes_and_their_questions(seed_graph):
    rows = ask(
        seed_graph,
        """
    SELECT ?label ?question WHERE {
      ?scheme skos:prefLabel "Working themes of the atelier"@en .
      ?t skos:inScheme ?scheme ; skos:prefLabel ?label ; skos:definition ?question .
      FILTER (LANG(?label) = "en" && LANG(?question) = "fr")
    } ORDER BY ?question""",
    )
    assert len(rows) == 4
    questions = [q for _, q in rows]
    assert questions[0].startswith("Comment structurer la coopération entre les services")
    assert questions[1].startswith("Comment travailler avec les bons partenaires")
    assert questions[2].startswith("La coopération entre le secteur public et les acteurs économiques")
    assert questions[3].startswith("Les formes d’évaluations possibles")


def test_cq08_case_of_the_evaluation_theme(seed_graph):
    # Theme 2 (forms of evaluation): the Musée des Confluences dismantling-reuse contract.
    rows = ask(
        seed_graph,
        """
    SELECT ?title ?label WHERE {
      ?theme skos:prefLabel "Forms of evaluation"@en .
      ?case dcterms:subject ?theme ; dcterms:title ?title ; dcterms:relation ?o .
      ?o skos:prefLabel ?label .
    }""",
    )
    assert rows and all("musée des Confluences" in title for title, _ in rows)
    assert {label for _, label in rows} == {"Musée des Confluences"}


def test_cq09_sub_organisations(seed_graph):
    # « Direction de la Transition Énergétique… de la Région Grand Est »;
    # « service Développement durable du Grand Avignon ».
    rows = ask(
        seed_graph,
        """
    SELECT ?child ?parent WHERE {
      ?c org:subOrganizationOf ?p . ?c skos:prefLabel ?child . ?p skos:prefLabel ?parent .
    }""",
    )
    assert set(rows) == {
        ("Direction de la Transition Énergétique, Écologique et Environnement", "Région Grand Est"),
        ("Service Développement durable du Grand Avignon", "Grand Avignon"),
    }


def test_cq10_what_ciridd_is_linked_to(seed_graph):
    # CIRIDD co-runs the atelier, « anime le club CLEF » and « conduit l'action COEF-P ».
    rows = ask(
        seed_graph,
        """
    SELECT ?label WHERE {
      ?c skos:prefLabel "CIRIDD"@fr ; org:linkedTo ?o . ?o skos:prefLabel ?label .
    }""",
    )
    assert {r[0] for r in rows} == {
        "Atelier Commande publique & économie de la fonctionnalité et de la coopération",
        "Club CLEF",
        "COEF-P",
    }


def test_cq11_members_of_the_atelier(seed_graph):
    # « animé conjointement par le CIRIDD … et le laboratoire de recherche et d'intervention ATEMIS ».
    rows = ask(
        seed_graph,
        """
    SELECT ?label WHERE {
      ?a a org:OrganizationalCollaboration ; org:hasMember ?m ; skos:prefLabel ?al .
      FILTER (STRSTARTS(?al, "Atelier"))
      ?m skos:prefLabel ?label .
    }""",
    )
    assert {r[0] for r in rows} == {"CIRIDD", "ATEMIS"}


def test_cq12_name_variants_of_an_organisation(seed_graph):
    # The table writes « ECOLE DES MINES DE SAINT ETIENNE » (Gerardi) and « EMSE » (Orellano).
    rows = ask(
        seed_graph,
        """
    SELECT ?alt WHERE { ?o skos:prefLabel "École des Mines de Saint-Étienne"@fr ; skos:altLabel ?alt }""",
    )
    assert {r[0] for r in rows} == {"ECOLE DES MINES DE SAINT ETIENNE", "EMSE"}


def test_cq13_participants_by_sector(seed_graph):
    # By hand: public actors (Nord 3, Grand Est, Sicoval, Occitanie, Strasbourg, CoVe, EMSE 2,
    # Musée 2, Grenoble, ADEME 2, Grand Paris) = 16; private (27e Région 2, Locam 2, INEC, ATEMIS,
    # Vibratec, revalueSystems, CIRIDD 2, Annecy Electronique, INDDIGO, Idée Alsace 2, correl,
    # EDF) = 16. Terres d'EFC (a club), the independent and the Direction have no type.
    rows = ask(
        seed_graph,
        f"""
    SELECT ?sector (COUNT(DISTINCT ?person) AS ?n) WHERE {{
      {PARTICIPANT}
      ?job org:member ?person ; org:organization ?o .
      ?o dcterms:type/skos:broader/skos:prefLabel ?sector . FILTER (LANG(?sector) = "en")
    }} GROUP BY ?sector""",
    )
    assert dict((s, int(n)) for s, n in rows) == {"Public actor": 16, "Private actor": 16}


def test_cq14_provenance_of_a_person(seed_graph):
    # Every person has a source row; the row of « EL KIRA Hamza » is line 2 of persons.csv.
    rows = ask(
        seed_graph,
        """
    SELECT ?row WHERE { ?p foaf:familyName "El Kira" ; prov:wasDerivedFrom ?row }""",
    )
    assert rows == [("https://w3id.org/atelier-kg/id/source/persons.csv#row=2",)]
    missing = ask(
        seed_graph, "SELECT ?p WHERE { ?p a foaf:Person FILTER NOT EXISTS { ?p prov:wasDerivedFrom ?x } }"
    )
    assert missing == []


def test_cq15_organisations_of_each_type(seed_graph):
    # By hand: EPCIs named by the page: Sicoval, Eurométropole de Strasbourg, la CoVe,
    # Métropole du Grand Paris, Grand Avignon.
    rows = ask(
        seed_graph,
        """
    SELECT ?label WHERE { ?o dcterms:type ?t . ?t skos:prefLabel "EPCI"@fr . ?o skos:prefLabel ?label }""",
    )
    assert Counter(r[0] for r in rows) == Counter(
        {
            "Communauté d'agglomération du Sicoval": 1,
            "Eurométropole de Strasbourg": 1,
            "Communauté d'agglomération Ventoux Comtat Venaissin": 1,
            "Métropole du Grand Paris": 1,
            "Grand Avignon": 1,
        }
    )
