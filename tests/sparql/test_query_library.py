"""The research query library (queries/*.rq): headers, parameters, and answers worked out by hand.

Expected values come from data/*.csv (row numbers are file lines, the header being line 1),
data/*.ttl and the page (data/sources/atelier-commande-publique.txt), never from the program's
output. All store access goes through ``_rows`` (``_ask`` and ``_graph`` are typed twins).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import DATA, ONTOLOGY, ROOT
from rdflib.plugins.sparql import prepareQuery

from atelier_kg.build.pipeline import make_triples
from atelier_kg.sparql.embedded import EmbeddedStore
from atelier_kg.sparql.library import find_query, read_query
from atelier_kg.sparql.runner import run_query

QUERIES = ROOT / "queries"
XSD = "http://www.w3.org/2001/XMLSchema#"
ID = "https://w3id.org/atelier-kg/id/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ORG = "http://www.w3.org/ns/org#"
AKG = "https://w3id.org/atelier-kg/def#"
FOAF = "http://xmlns.com/foaf/0.1/"

_STORE: EmbeddedStore | None = None


def _rows(name: str, **params) -> list[dict] | bool | set[ox.Triple]:
    """Run queries/<name>.rq on the seed graph with its defaults overridden by ``params``.

    SELECT gives rows (variable name → term, unbound variables left out); ASK a bool;
    CONSTRUCT and DESCRIBE a set of triples. Goes through the project's runner.
    """
    global _STORE
    if _STORE is None:
        _STORE = EmbeddedStore.from_triples(make_triples(DATA, ONTOLOGY))
    result = run_query(_STORE, find_query(name, QUERIES), params)
    if result.kind == "ask":
        return result.boolean
    if result.kind == "graph":
        return set(result.triples)
    return result.rows


def _ask(name: str, **params) -> bool:
    result = _rows(name, **params)
    assert isinstance(result, bool)
    return result


def _graph(name: str, **params) -> set[ox.Triple]:
    result = _rows(name, **params)
    assert isinstance(result, set)
    return result


def _values(rows: list[dict], *names: str) -> list[tuple]:
    """The lexical values of ``names`` in each row (None when unbound), in row order."""
    return [tuple(row[n].value if n in row else None for n in names) for row in rows]


def _iri(kind: str, key: str) -> str:
    return f"{ID}{kind}/{key}"


def _key(row: dict, name: str) -> str:
    """The key of a data IRI (``…/id/org/ciridd`` → ``ciridd``), or "" when ``name`` is unbound."""
    return row[name].value.rsplit("/", 1)[1] if name in row else ""


def _triple(s: str, p: str, o: str | ox.Literal) -> ox.Triple:
    obj = o if isinstance(o, ox.Literal) else ox.NamedNode(o)
    return ox.Triple(ox.NamedNode(s), ox.NamedNode(p), obj)


LIBRARY = sorted(QUERIES.glob("*.rq"))
FEDERATED = {
    "wikidata-regions",
    "wikidata-organisation-candidates",
    "wikidata-regional-councils",
    "wikidata-by-siren",
}


# ---- The library as files -----------------------------------------------------------------------


def test_there_are_at_least_twenty_queries_and_check_queries_stay_apart():
    assert len(LIBRARY) >= 20
    assert (QUERIES / "check").is_dir()
    for path in LIBRARY:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*\.rq", path.name), path.name


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.stem)
def test_header_opens_with_title_question_params(path: Path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert re.match(r"^# title: \S", lines[0]), lines[0]
    assert re.match(r"^# question: \S.*\?$", lines[1]), lines[1]
    assert re.match(r"^# params: \S", lines[2]), lines[2]


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.stem)
def test_params_parse_have_defaults_and_are_used(path: Path):
    query = read_query(path)
    body = "\n".join(line for line in query.text.splitlines() if not line.startswith("#"))
    params = query.params
    for param in params:
        name, default = param.name, param.default
        assert default and default.strip() and param.description.strip()
        term = param.term(default)  # a default must make a term of the declared type
        assert term.value
        assert re.search(rf"[?$]{name}\b", body), f"{name} is not used in {path.name}"
        assert name != "limit"
    if params:
        assert re.search(r"\bWHERE\s*\{", body), "a query with parameters needs the WHERE keyword"


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.stem)
def test_federated_queries_and_only_they_call_a_service_and_need_internet(path: Path):
    text = path.read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    header = read_query(path).header
    calls = re.search(r"\bSERVICE\b", body) is not None
    assert calls == (header.get("needs") == "internet"), path.name
    assert calls == (path.stem in FEDERATED)
    if calls:
        assert "<https://query.wikidata.org/sparql>" in body


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.stem)
def test_every_query_parses_and_selects_are_ordered(path: Path):
    text = path.read_text(encoding="utf-8")
    prepareQuery(text)  # SPARQL 1.1 grammar of a second engine (SERVICE included)
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    if re.search(r"^SELECT\b", body, re.MULTILINE):
        assert re.search(r"^ORDER BY\b", body, re.MULTILINE), "a SELECT must fix its row order"


@pytest.mark.parametrize("path", [p for p in LIBRARY if p.stem not in FEDERATED], ids=lambda p: p.stem)
def test_every_local_query_runs_with_its_defaults_and_answers(path: Path):
    result = _rows(path.stem)
    # No data-quality query is empty on the seed data: all organisations lack an identifier and
    # five persons lack a job title (see the tests below).
    assert result, f"{path.stem} gives no answer with its defaults"


# ---- Answers worked out by hand -----------------------------------------------------------------


def test_who_takes_part_lists_every_job_of_every_role_holder():
    rows = _rows("who-takes-part")
    # jobs.csv has 38 rows (lines 2-39) for the 37 persons of persons.csv; every person holds a
    # role (roles.csv: 36 participants, lines 2-37, plus Margaux Lallemant as coordinator, line 40),
    # so there is one row per job.
    assert len(rows) == 38
    assert len({row["person"].value for row in rows}) == 37
    # Romain Demissy has two jobs: ATEMIS (jobs.csv line 11) and club EFC Noé (line 37).
    demissy = [r for r in rows if r["person"].value == _iri("person", "9a924e02")]
    assert _values(demissy, "organisationLabel", "jobTitle") == [
        ("ATEMIS", "Intervenant Chercheur associé"),
        ("Club EFC Noé", "membre du conseil d’orientation"),
    ]
    # Elisabeth Mouchot is « Indépendante » (jobs.csv line 21): a job with no organisation.
    (mouchot,) = [r for r in rows if r["person"].value == _iri("person", "d96a83bb")]
    assert "organisation" not in mouchot and mouchot["selfEmployed"].value == "true"


def test_participants_by_organisation_default_and_with_a_unit():
    # Default CIRIDD: jobs.csv lines 22 (Pedron), 23 (Forot) and 38 (Lallemant), all without a title.
    rows = _rows("participants-by-organisation")
    assert _values(rows, "name", "jobTitle") == [
        ("Audrey Forot", None),
        ("James Pédron", None),
        ("Margaux Lallemant", None),
    ]
    # Région Grand Est: Marion Bardot works there directly (line 5); Priscilla Rabier works in its
    # Direction de la Transition… (line 39), a unit of the région (organisations.csv line 14).
    rows = _rows("participants-by-organisation", org=_iri("org", "region-grand-est"))
    assert _values(rows, "name", "workplace") == [
        ("Marion Bardot", _iri("org", "region-grand-est")),
        ("Priscilla Rabier", _iri("org", "direction-teee-grand-est")),
    ]


def test_organisations_with_at_least_two_people():
    rows = _rows("organisations-by-people", min=2)
    # Counted from jobs.csv: Département du Nord lines 2, 12, 13; CIRIDD 22, 23, 38; La 27e Région 3,
    # 28; Locam 4, 35; EMSE 14, 16; Musée des Confluences 17, 18; Terres d'EFC 25, 29; ADEME 27, 34;
    # Idée Alsace 31, 32; Région Grand Est 5 plus 39 through its unit.
    assert {r["label"].value: int(r["people"].value) for r in rows} == {
        "Département du Nord": 3,
        "CIRIDD": 3,
        "La 27e Région": 2,
        "Locam": 2,
        "École des Mines de Saint-Étienne": 2,
        "Musée des Confluences": 2,
        "Terres d'EFC": 2,
        "ADEME": 2,
        "Idée Alsace": 2,
        "Région Grand Est": 2,
    }
    # Most people first, ties by label (code-point order: "CIRIDD" < "Département du Nord").
    assert _values(rows[:2], "label") == [("CIRIDD",), ("Département du Nord",)]
    # With the default (1): the 26 distinct organisation cells of jobs.csv (the independent has none).
    assert len(_rows("organisations-by-people")) == 26


def test_organisations_by_type_default_epci_and_private_actors():
    # organisations.csv type "epci": lines 15 (Sicoval), 18 (Strasbourg), 19 (la CoVe), 28 (Grand
    # Paris), 32 (Grand Avignon); only Grand Avignon has nobody in jobs.csv.
    rows = _rows("organisations-by-type")
    assert {r["label"].value: int(r["people"].value) for r in rows} == {
        "Communauté d'agglomération du Sicoval": 1,
        "Eurométropole de Strasbourg": 1,
        "Communauté d'agglomération Ventoux Comtat Venaissin": 1,
        "Métropole du Grand Paris": 1,
        "Grand Avignon": 0,
    }
    # Private actors (concepts.ttl: entreprise, conseil, association, laboratoire, centre-ressources
    # are skos:broader acteur-prive): companies Locam, Vibratec, revalueSystems, Annecy
    # Electronique, EDF; consultancies INDDIGO, correl; associations La 27e Région, INEC, Idée
    # Alsace; the lab ATEMIS; the resource centre CIRIDD.
    rows = _rows("organisations-by-type", type=_iri("org-type", "acteur-prive"))
    assert Counter(r["orgTypeLabel"].value for r in rows) == {
        "Entreprise": 5,
        "Bureau d'études et de conseil": 2,
        "Association": 3,
        "Laboratoire d'intervention et de recherche": 1,
        "Centre de ressources": 1,
    }


def test_public_and_private_actors():
    rows = _rows("public-and-private-actors")
    by_type = {_key(r, "orgType"): (int(r["organisations"].value), int(r["people"].value)) for r in rows}
    # Organisations by the type column of organisations.csv; people through jobs.csv (a unit's
    # people count for its parent): régions Grand Est (Bardot, Rabier) and Occitanie (Freu);
    # Département du Nord 3; Grenoble 1 (Curto); EPCIs 4 people in 5 bodies; ADEME 2; EMSE 2; Musée 2.
    assert by_type == {
        "region": (2, 3),
        "departement": (1, 3),
        "commune": (1, 1),
        "epci": (5, 4),
        "agence-etat": (1, 2),
        "enseignement-recherche": (1, 2),
        "etablissement-culturel": (1, 2),
        "entreprise": (5, 6),  # Locam 2, Vibratec, revalueSystems, Annecy Electronique, EDF
        "conseil": (2, 2),  # INDDIGO, correl
        "association": (3, 5),  # La 27e Région 2, INEC 1, Idée Alsace 2
        "laboratoire": (1, 1),  # ATEMIS: Demissy
        "centre-ressources": (1, 3),  # CIRIDD: Pédron, Forot, Lallemant
    }
    heads = Counter()
    for r in rows:
        heads[r["headLabel"].value] += int(r["people"].value)
    # 17 + 17 = 34 of the 37 persons; the other three work for Terres d'EFC (a club, untyped:
    # Pépin, Guyot) or are independent (Mouchot).
    assert heads == {"Acteur public": 17, "Acteur privé": 17}


def test_organisations_by_place():
    # organisations.csv, column area: Club CLEF and COEF-P (lines 5, 6) in Auvergne-Rhône-Alpes,
    # Club EFC Noé (line 7) in Hauts-de-France, the group purchase (line 34) « sur l'agglomération
    # du Grand Avignon »; organisation_places.csv: 9 authorities govern
    # their territory, 7 rows give a seat; pref_label of the places from places.csv.
    rows = _rows("organisations-by-place")
    assert _values(rows, "placeLabel", "organisationLabel", "relation") == [
        ("Auvergne-Rhône-Alpes", "COEF-P", "areaServed"),
        ("Auvergne-Rhône-Alpes", "Club CLEF", "areaServed"),
        ("Grand Est", "Région Grand Est", "governs"),
        ("Grenoble", "Ville de Grenoble", "governs"),
        ("Hauts-de-France", "Club EFC Noé", "areaServed"),
        ("Lyon", "Musée des Confluences", "location"),
        ("Nord", "Département du Nord", "governs"),
        ("Occitanie", "Région Occitanie", "governs"),
        ("Provence-Alpes-Côte d'Azur", "Communauté d'agglomération Ventoux Comtat Venaissin", "location"),
        ("Provence-Alpes-Côte d'Azur", "Grand Avignon", "location"),
        ("Saint-Étienne", "CIRIDD", "location"),
        ("Saint-Étienne", "Locam", "location"),
        ("Strasbourg", "Eurométropole de Strasbourg", "location"),
        ("Strasbourg", "Région Grand Est", "location"),
        ("Territoire de l'Eurométropole de Strasbourg", "Eurométropole de Strasbourg", "governs"),
        ("Territoire de la Métropole du Grand Paris", "Métropole du Grand Paris", "governs"),
        (
            "Territoire de la communauté d'agglomération Ventoux Comtat Venaissin",
            "Communauté d'agglomération Ventoux Comtat Venaissin",
            "governs",
        ),
        (
            "Territoire de la communauté d'agglomération du Sicoval",
            "Communauté d'agglomération du Sicoval",
            "governs",
        ),
        ("Territoire du Grand Avignon", "Grand Avignon", "governs"),
        (
            "Territoire du Grand Avignon",
            "Groupement d'achat - transition énergétique sur l'agglomération du Grand Avignon",
            "areaServed",
        ),
    ]


def test_organisations_by_region_and_type():
    # A région reached through governs, location or areaServed, and from a commune or
    # département through places.csv `within`: Grenoble, Lyon, Saint-Étienne in
    # Auvergne-Rhône-Alpes, Strasbourg in Grand Est, Nord in Hauts-de-France. EPCI territories
    # have no région in the data, so the EPCIs appear only through their seats (la CoVe and Grand
    # Avignon in PACA; the Eurométropole in Strasbourg). Types from organisations.csv.
    rows = _rows("organisations-by-region")
    got = sorted((r["regionLabel"].value, r["organisationLabel"].value, r["relation"].value) for r in rows)
    assert got == sorted(
        [
            ("Auvergne-Rhône-Alpes", "Club CLEF", "areaServed"),
            ("Auvergne-Rhône-Alpes", "COEF-P", "areaServed"),
            ("Auvergne-Rhône-Alpes", "Ville de Grenoble", "governs"),
            ("Auvergne-Rhône-Alpes", "Musée des Confluences", "location"),
            ("Auvergne-Rhône-Alpes", "CIRIDD", "location"),
            ("Auvergne-Rhône-Alpes", "Locam", "location"),
            ("Grand Est", "Région Grand Est", "governs"),
            ("Grand Est", "Région Grand Est", "location"),
            ("Grand Est", "Eurométropole de Strasbourg", "location"),
            ("Hauts-de-France", "Club EFC Noé", "areaServed"),
            ("Hauts-de-France", "Département du Nord", "governs"),
            ("Occitanie", "Région Occitanie", "governs"),
            ("Provence-Alpes-Côte d'Azur", "Communauté d'agglomération Ventoux Comtat Venaissin", "location"),
            ("Provence-Alpes-Côte d'Azur", "Grand Avignon", "location"),
        ]
    )
    types = {r["organisationLabel"].value: r["typeLabel"].value for r in rows if "typeLabel" in r}
    assert types["Ville de Grenoble"] == "Commune" and types["Grand Avignon"] == "EPCI"


def test_case_involvement_links_cases_to_organisations_and_their_people():
    rows = _rows("case-involvement")
    # cases.ttl: Grenoble (theme 1) involves Ville de Grenoble, where Olivier Curto works (jobs.csv
    # line 19); the Musée des Confluences case (theme 2) its museum (Tourlonias, Moulin: lines 17,
    # 18); the Grand Avignon case (theme 3) Grand Avignon and its service DD (nobody in jobs.csv)
    # and Terres d'EFC (Pépin, Guyot: lines 25, 29); theme 4's case names no organisation.
    assert _values(rows, "themeNotation", "organisationLabel", "name") == [
        ("Thème 1", "Ville de Grenoble", "Olivier Curto"),
        ("Thème 2", "Musée des Confluences", "Bérénice Moulin"),
        ("Thème 2", "Musée des Confluences", "Gwladys Tourlonias"),
        ("Thème 3", "Grand Avignon", None),
        ("Thème 3", "Service Développement durable du Grand Avignon", None),
        ("Thème 3", "Terres d'EFC", "Elodie Guyot"),
        ("Thème 3", "Terres d'EFC", "Mélanie Pépin"),
        ("Thème 4", None, None),
    ]


def test_cases_by_theme_and_by_lever():
    # cases.ttl: one case per theme; domains and levers as stated there (theme 2 has no lever,
    # theme 4 neither domain nor lever).
    rows = _rows("cases-by-theme")
    assert _values(rows, "ordinal", "case", "domainLabel", "leverLabel") == [
        ("1", _iri("case", "grenoble-eclairage-public"), "Éclairage public",
         "Marché de conception, réalisation, exploitation, maintenance (CREM)"),
        ("2", _iri("case", "musee-confluences-reemploi"),
         "Démontage, enlèvement et réemploi d'éléments scénographiques", None),
        ("3", _iri("case", "grand-avignon-groupement-achat"), "Transition énergétique", "Groupement d'achat"),
        ("4", _iri("case", "trame-cooperation"), None, None),
    ]  # fmt: skip
    # The six levers of finding 1 (« autant de leviers pour l'EFC ») have no case; CREM and group
    # purchasing are the instruments of the theme 1 and theme 3 cases.
    levers = {_key(r, "lever"): r for r in _rows("cases-by-lever")}
    assert len(levers) == 8
    assert levers["crem"]["case"].value == _iri("case", "grenoble-eclairage-public")
    assert levers["groupement-achat"]["case"].value == _iri("case", "grand-avignon-groupement-achat")
    named = {k for k, r in levers.items() if r.get("namedBy", ox.Literal("")).value == _iri("finding", "1")}
    assert named == {
        "cout-global",
        "analyse-cycle-de-vie",
        "analyse-fonctionnelle",
        "externalites",
        "achats-innovants",
        "besoin-usage",
    }
    # Domains: hypothesis 1 names five; the three others are the subjects of cases.
    domains = _rows("cases-by-domain")
    assert len(domains) == 8
    assert sum(1 for r in domains if "namedBy" in r) == 5
    assert sum(1 for r in domains if "case" in r) == 3


def test_role_holders_default_animators_and_other_roles():
    # The page: « animé et piloté par James Pédron du CIRIDD et Romain Demissy du laboratoire de
    # recherche ATEMIS » (roles.csv lines 38, 39); Demissy has two jobs, hence three rows.
    rows = _rows("role-holders")
    assert _values(rows, "name", "organisationLabel") == [
        ("James Pédron", "CIRIDD"),
        ("Romain Demissy", "ATEMIS"),
        ("Romain Demissy", "Club EFC Noé"),
    ]
    # Coordinators: « Margaux Lallemant (CIRIDD), James Pédron (CIRIDD), Romain Demissy (ATEMIS) »
    # (roles.csv lines 40-42).
    rows = _rows("role-holders", role=_iri("role", "coordinateur"))
    assert {r["name"].value for r in rows} == {"Margaux Lallemant", "James Pédron", "Romain Demissy"}
    assert {r["roleLabel"].value for r in rows} == {"Coordinateur"}
    # Podcast speakers: roles.csv lines 43-46.
    rows = _rows("role-holders", role=_iri("role", "intervenant-podcast"))
    assert {_key(r, "person") for r in rows} == {"9a924e02", "e504fe84", "028f87ce", "92be84f4"}
    # Nobody is recorded as case presenter (data/README.md: who presented which case is not said).
    assert _rows("role-holders", role=_iri("role", "presentateur-cas")) == []


def test_roles_overview_in_french_and_english():
    # roles.csv: 36 participant rows (lines 2-37), 2 animateur, 3 coordinateur, 4 intervenant-podcast,
    # no presentateur-cas.
    rows = _rows("roles-overview")
    assert _values(rows, "roleLabel", "persons") == [
        ("Participant", "36"),
        ("Intervenant du podcast", "4"),
        ("Coordinateur", "3"),
        ("Animateur", "2"),
        ("Présentateur de cas", "0"),
    ]
    # The English labels of concepts.ttl.
    rows = _rows("roles-overview", lang="en")
    assert _values(rows, "roleLabel") == [
        ("Participant",),
        ("Podcast speaker",),
        ("Coordinator",),
        ("Animator",),
        ("Case presenter",),
    ]


def test_session_timeline_is_in_time_order():
    rows = _rows("session-timeline")
    # sessions.csv: four undated past sessions bounded by 2019-10 (« 4 Séances depuis Octobre
    # 2019 »), then the three announced dates of the page, 30/11/2021, 20/01/2022, 17/03/2022.
    assert _values(rows, "session", "timing", "earliestStart") == [
        (_iri("session", "past-1"), "past", "2019-10"),
        (_iri("session", "past-2"), "past", "2019-10"),
        (_iri("session", "past-3"), "past", "2019-10"),
        (_iri("session", "past-4"), "past", "2019-10"),
        (_iri("session", "2021-11-30"), "upcoming", None),
        (_iri("session", "2022-01-20"), "upcoming", None),
        (_iri("session", "2022-03-17"), "upcoming", None),
    ]
    assert rows[4]["start"].value == "2021-11-30T10:00:00+01:00"
    assert rows[4]["end"].value == "2021-11-30T12:30:00+01:00"


def test_sub_organisations_and_part_of_paths():
    # organisations.csv: the only units are line 14 (parent region-grand-est) and line 33 (parent
    # grand-avignon), one level deep.
    rows = _rows("sub-organisations")
    assert _values(rows, "unit", "depth") == [(_iri("org", "direction-teee-grand-est"), "1")]
    rows = _rows("sub-organisations", org=_iri("org", "grand-avignon"))
    assert _values(rows, "unit", "parent", "depth") == [
        (_iri("org", "service-dd-grand-avignon"), _iri("org", "grand-avignon"), "1")
    ]
    # Part-of pairs: the two units, plus organisation_links.csv (each link makes the subject a
    # member of the object): ciridd → atelier, club-clef, coef-p; atemis → atelier; service DD
    # and terres-efc → the group purchase.
    pairs = {(_key(r, "organisation"), _key(r, "whole")) for r in _rows("part-of-paths")}
    assert pairs == {
        ("direction-teee-grand-est", "region-grand-est"),
        ("service-dd-grand-avignon", "grand-avignon"),
        ("ciridd", "atelier"),
        ("ciridd", "club-clef"),
        ("ciridd", "coef-p"),
        ("atemis", "atelier"),
        ("service-dd-grand-avignon", "groupement-achat-grand-avignon"),
        ("terres-efc", "groupement-achat-grand-avignon"),
    }


def test_person_affiliations_follow_units_and_collaborations():
    # Default Priscilla Rabier: works in the Direction (jobs.csv line 39), a unit of Région Grand Est.
    rows = _rows("person-affiliations")
    assert _values(rows, "label", "depth") == [
        ("Direction de la Transition Énergétique, Écologique et Environnement", "1"),
        ("Région Grand Est", "2"),
    ]
    # James Pédron: CIRIDD (line 22), which animates the atelier and Club CLEF and carries COEF-P.
    rows = _rows("person-affiliations", person=_iri("person", "e504fe84"))
    assert {(_key(r, "organisation"), int(r["depth"].value)) for r in rows} == {
        ("ciridd", 1),
        ("atelier", 2),
        ("club-clef", 2),
        ("coef-p", 2),
    }


def test_collaborations_and_how_organisations_take_part():
    rows = _rows("collaborations")
    links = {
        (_key(r, "collaboration"), _key(r, "member"), r["link"].value if "link" in r else "") for r in rows
    }
    # organisation_links.csv lines 2-7; Club EFC Noé, Club EFC Grand Est and Terres d'EFC (as a
    # club) have no member organisation.
    assert links == {
        ("atelier", "ciridd", "animates"),
        ("atelier", "atemis", "animates"),
        ("club-clef", "ciridd", "animates"),
        ("coef-p", "ciridd", "carries"),
        ("groupement-achat-grand-avignon", "service-dd-grand-avignon", "initiates"),
        ("groupement-achat-grand-avignon", "terres-efc", "initiates"),
        ("club-efc-noe", "", ""),
        ("club-efc-grand-est", "", ""),
        ("terres-efc", "", ""),
    }


def test_declared_figures_against_the_data():
    rows = {_key(r, "figure"): r for r in _rows("declared-figures-check")}
    counted = {
        k: (r["declared"].value if "declared" in r else None, r.get("counted")) for k, r in rows.items()
    }
    # Page « Chiffres clés » against the data: 36 participants (35 table rows + Priscilla Rabier,
    # roles.csv lines 2-37) for the 34 declared; 2 animators; 4 past sessions (sessions.csv lines
    # 5-8); 4 themes (concepts.ttl); 2021 (first announced session) - 2018 (founded) = 3 years.
    assert {k: (d, c.value if c else None) for k, (d, c) in counted.items()} == {
        "participants": ("34", "36"),
        "animators": ("2", "2"),
        "sessions-since-2019-10": ("4", "4"),
        "themes": ("4", "4"),
        "years-of-existence": ("3", "3"),
        "participants-per-year": (None, None),  # « 15 à 20 », no measure
    }
    assert rows["participants"]["agrees"].value == "false"
    assert rows["animators"]["agrees"].value == "true"
    assert "agrees" not in rows["participants-per-year"]


def test_people_without_a_job_title():
    # jobs.csv job_title blank or a single space: lines 16 (Orellano, EMSE), 22 (Pedron, CIRIDD),
    # 23 (Forot, CIRIDD), 36 (Laulan, EDF), 38 (Lallemant, CIRIDD).
    rows = _rows("people-without-job-title")
    assert sorted(int(r["derivedFrom"].value.rsplit("=", 1)[1]) for r in rows) == [16, 22, 23, 36, 38]
    assert {r["name"].value for r in rows} == {
        "Martha Orellano",
        "James Pédron",
        "Audrey Forot",
        "Frédéric Laulan",
        "Margaux Lallemant",
    }


def test_organisations_without_identifier():
    # organisations.csv lines 2-34: 33 organisations; data/mappings/siren.sssom.tsv gives a SIREN
    # to 13 of them (ADEME also has a Wikidata item); the other 20 have no identifier.
    rows = _rows("organisations-without-identifier")
    assert len(rows) == 20
    labels = {r["label"].value for r in rows}
    assert "ATEMIS" in labels and "CIRIDD" not in labels and "ADEME" not in labels


def test_cases_by_cpv_division():
    # cpv.sssom.tsv: the Grenoble case and its domain eclairage-public are both related to CPV
    # 50232000-0 (public-lighting maintenance, division 50); the other cases have no CPV code
    # (their domains, reemploi-scenographie and transition-energetique, have none either).
    rows = _rows("cases-by-cpv-division")
    assert _values(rows, "division", "code", "via") == [
        ("50", "50232000-0", f"{ID}case/grenoble-eclairage-public"),
        ("50", "50232000-0", f"{ID}domain/eclairage-public"),
    ]
    assert {r["predicate"].value for r in rows} == {"http://www.w3.org/2004/02/skos/core#relatedMatch"}


def test_organisation_name_variants():
    rows = _rows("organisation-name-variants")
    # organisation_names.csv has 50 names; 21 of them equal the preferred name of organisations.csv
    # once cleaned (e.g. line 5 "CIRIDD", line 47 " EDF"), leaving 29 variants of 19 organisations.
    assert len(rows) == 29
    assert len({r["organisation"].value for r in rows}) == 19
    atemis = [r["altLabel"].value for r in rows if r["organisation"].value == _iri("org", "atemis")]
    assert sorted(atemis) == sorted(
        [
            "laboratoire de recherche ATEMIS",
            "laboratoire d’intervention et recherche ATEMIS",
            "laboratoire de recherche et d’intervention ATEMIS",
            "laboratoire ATEMIS",
        ]
    )  # lines 8-11


def test_person_name_variants():
    rows = _rows("person-name-variants")
    # persons.csv: 15 family names in capitals or lower case (EL KIRA, annabi, BARDOT, ORTOLAN ZASSO,
    # BOURGEOIS, DEGABRIEL, COLIN, GERARDI, COULON, ORELLANO, TOURLONIAS, VANDER SCHUEREN, VEUILLET,
    # COLOMER, PINGEON) and 5 given names (achour, sylvie, pauline, NATHALIE, ELisabeth);
    # person_names.csv line 2 adds « Pedron James » for James Pédron: a family name and a full name.
    assert Counter(r["part"].value for r in rows) == {"family name": 16, "given name": 5, "other name": 1}
    pairs = {(r["cleaned"].value, r["asWritten"].value) for r in rows}
    assert ("Vander Schueren", "VANDER SCHUEREN") in pairs
    assert ("James Pédron", "James Pedron") in pairs


def test_provenance_of_a_resource():
    # CIRIDD is line 3 of organisations.csv.
    (row,) = _rows("provenance")
    assert row["derivedFrom"].value == f"{ID}source/organisations.csv#row=3"
    assert row["file"].value == f"{ID}source/organisations.csv"
    assert int(row["line"].value) == 3
    assert row["document"].value == f"{ID}source/page"
    # Romain Demissy's club EFC Noé job is jobs.csv line 37.
    (row,) = _rows("provenance", resource=_iri("job", "9a924e02.club-efc-noe"))
    assert (row["fileTitle"].value, int(row["line"].value)) == ("jobs.csv", 37)
    # A Turtle resource comes from the page itself.
    (row,) = _rows("provenance", resource=_iri("case", "trame-cooperation"))
    assert row["derivedFrom"].value == f"{ID}source/page" and "line" not in row


def test_resources_by_source_table():
    rows = {r["title"].value: int(r["resources"].value) for r in _rows("provenance-by-table")}
    # One resource per data row: persons.csv 37, jobs.csv 38, roles.csv 45, organisations.csv 33,
    # sessions.csv 7, places.csv 15; name variants and links only add to other resources. Each
    # row of a mapping set makes its mapping record: siren 13, insee 15, wikidata 10, cpv 6.
    assert {k: v for k, v in rows.items() if v} == {
        "persons.csv": 37,
        "jobs.csv": 38,
        "roles.csv": 45,
        "organisations.csv": 33,
        "sessions.csv": 7,
        "places.csv": 15,
        "mappings/insee.sssom.tsv": 15,
        "mappings/siren.sssom.tsv": 13,
        "mappings/wikidata.sssom.tsv": 10,
        "mappings/cpv.sssom.tsv": 6,
    }
    assert rows["organisation_names.csv"] == 0


def test_is_member_ask_true_and_false():
    # James Pédron works at CIRIDD (jobs.csv line 22): the default is true.
    assert _ask("is-member") is True
    # …but has nothing to do with ATEMIS.
    assert _ask("is-member", org=_iri("org", "atemis")) is False
    # Priscilla Rabier works in a unit of Région Grand Est (jobs.csv line 39; organisations.csv line 14).
    assert _ask("is-member", person=_iri("person", "92be84f4"), org=_iri("org", "region-grand-est")) is True
    # A role in the atelier is a membership too (roles.csv line 38).
    assert _ask("is-member", org=_iri("org", "atelier")) is True
    # Marion Bardot is not in the Direction unit, only in the région itself (line 5).
    bardot, unit = _iri("person", "06f5b097"), _iri("org", "direction-teee-grand-est")
    assert _ask("is-member", person=bardot, org=unit) is False


def test_cooperation_links_construct():
    graph = _graph("cooperation-links")
    links = {
        (t.subject.value[len(ID) + 4 :], t.predicate.value, t.object.value[len(ID) + 4 :])
        for t in graph
        if t.predicate.value != SKOS + "prefLabel"
    }
    # organisation_links.csv lines 2-7, each both as its own property and as org:hasMember from
    # the collaboration; the two units of organisations.csv (lines 14, 33).
    assert links == {
        ("ciridd", AKG + "animates", "atelier"),
        ("atemis", AKG + "animates", "atelier"),
        ("ciridd", AKG + "animates", "club-clef"),
        ("ciridd", AKG + "carries", "coef-p"),
        ("service-dd-grand-avignon", AKG + "initiates", "groupement-achat-grand-avignon"),
        ("terres-efc", AKG + "initiates", "groupement-achat-grand-avignon"),
        ("atelier", ORG + "hasMember", "ciridd"),
        ("atelier", ORG + "hasMember", "atemis"),
        ("club-clef", ORG + "hasMember", "ciridd"),
        ("coef-p", ORG + "hasMember", "ciridd"),
        ("groupement-achat-grand-avignon", ORG + "hasMember", "service-dd-grand-avignon"),
        ("groupement-achat-grand-avignon", ORG + "hasMember", "terres-efc"),
        ("direction-teee-grand-est", ORG + "subOrganizationOf", "region-grand-est"),
        ("service-dd-grand-avignon", ORG + "subOrganizationOf", "grand-avignon"),
    }
    # …and the French name of each of the 11 organisations they connect.
    labels = [t for t in graph if t.predicate.value == SKOS + "prefLabel"]
    assert len(labels) == 11
    assert _triple(_iri("org", "coef-p"), SKOS + "prefLabel", ox.Literal("COEF-P", language="fr")) in graph


def test_organisation_neighbourhood_construct():
    # CIRIDD: name and type (organisations.csv line 3), three jobs without a title (jobs.csv
    # lines 22, 23, 38: 2 triples each) and the three names, three links (animates the atelier and
    # Club CLEF, carries COEF-P) with the collaborations' names and their org:hasMember back.
    graph = _graph("organisation-neighbourhood")
    assert len(graph) == 2 + 6 + 3 + 3 + 3 + 3
    assert _triple(_iri("job", "028f87ce.ciridd"), ORG + "member", _iri("person", "028f87ce")) in graph
    assert _triple(_iri("person", "3604784c"), FOAF + "name", ox.Literal("Audrey Forot")) in graph
    assert _triple(_iri("org", "club-clef"), ORG + "hasMember", _iri("org", "ciridd")) in graph
    # Musée des Confluences: name, type, two jobs with titles (lines 17, 18) and two names, the
    # theme 2 case and its title.
    graph = _graph("organisation-neighbourhood", org=_iri("org", "musee-confluences"))
    assert len(graph) == 2 + 6 + 2 + 2
    case = _iri("case", "musee-confluences-reemploi")
    assert _triple(case, AKG + "involves", _iri("org", "musee-confluences")) in graph
    assert (
        _triple(_iri("job", "deb6a28e.musee-confluences"), AKG + "jobTitle", ox.Literal("Régisseure projets"))
        in graph
    )


def test_describe_resource():
    # What organisations.csv line 3 and organisation_links.csv lines 2, 4, 5 say of CIRIDD.
    graph = _graph("describe-resource")
    ciridd = _iri("org", "ciridd")
    assert _triple(ciridd, SKOS + "prefLabel", ox.Literal("CIRIDD", language="fr")) in graph
    assert _triple(ciridd, AKG + "carries", _iri("org", "coef-p")) in graph
    assert _triple(ciridd, AKG + "organisationType", _iri("org-type", "centre-ressources")) in graph
    # Another resource: Romain Demissy (persons.csv line 11).
    graph = _graph("describe-resource", resource=_iri("person", "9a924e02"))
    demissy = _iri("person", "9a924e02")
    assert _triple(demissy, FOAF + "name", ox.Literal("Romain Demissy")) in graph
    assert _triple(demissy, FOAF + "familyName", ox.Literal("Demissy")) in graph
    assert not any(t.subject.value == ciridd for t in graph)


def test_organisation_search_by_any_name():
    # Default "Avignon": Grand Avignon (organisations.csv line 32, variant line 49), its service DD
    # (line 33, variant line 50), the group purchase (line 34, variant line 51).
    rows = _rows("organisation-search")
    assert Counter(_key(r, "organisation") for r in rows) == {
        "grand-avignon": 2,
        "service-dd-grand-avignon": 2,
        "groupement-achat-grand-avignon": 2,
    }
    # "atemis", case ignored: its preferred name and the four variants of lines 8-11.
    rows = _rows("organisation-search", text="atemis")
    assert Counter(r["nameKind"].value for r in rows) == {"preferred": 1, "variant": 4}


def test_statements_by_kind():
    # Default findings: finding 1 names six levers, findings 2-4 none (statements.ttl).
    rows = _rows("statements")
    assert Counter(_key(r, "statement") for r in rows) == {"1": 6, "2": 1, "3": 1, "4": 1}
    # Hypotheses: the unnumbered methodological one first, then hypothesis 1 with its five domains
    # and hypothesis 2 with its outcome.
    rows = _rows("statements", kind=AKG + "Hypothesis")
    assert [_key(r, "statement") for r in rows] == ["methodologique"] + ["1"] * 5 + ["2"]
    assert "outcome" in rows[-1]
