"""The link commands as a user runs them, on the project's own curated sets: suggest against a
real ``oxigraph serve`` holding the Wikidata-shaped fixture, accept, build, report."""

from __future__ import annotations

import csv
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT, Server, oxigraph_serve, run_cli
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, SKOS

from atelier_kg.namespaces import ID, SSSOM
from atelier_kg.sources.sssom import read_mapping_set

FIXTURE = ROOT / "tests" / "data" / "wikidata-fixture.ttl"
WD = "http://www.wikidata.org/entity/"

# What suggest proposes for data/ as curated, worked out by hand from data/mappings/*.sssom.tsv,
# data/places.csv, data/organisation_places.csv, data/organisations.csv and the fixture:
# - places without a Wikidata row: saint-etienne (INSEE.COM 42218: the fixture's Q900051 states
#   P374 "42218") and territoire-sicoval (INSEE.EPCI 243100633: Q900004 states P1616) → 0.95; the
#   other four EPCI territories match no code, have no class to check names against and no
#   linked place above them: nothing.
# - organisations (all but ademe, the only one with a Wikidata row): ciridd's curated SIREN
#   417669587 is Q900001's P1616 → 0.95. locam (SIREN not in the fixture) by name: Q900002 label
#   "Locam", an instance of a subclass of business Q4830453: 0.5 + 0.2; Q900007 alias "locam":
#   0.4 + 0.2; Q900003 is a disambiguation page with no place: dropped. club-clef: label "Club
#   CLEF" of Q900005, within Q18338206, the item curated for its area auvergne-rhone-alpes:
#   0.5 + 0.2. emse: alias of Q900006 (higher education Q38723 fits its type; emse has no place
#   in the data): 0.4 + 0.2. region-grand-est (SIREN → Q18677983), ville-grenoble (alias of
#   Q1289) and sicoval (SIREN → Q900004) would get items that are the territories'
#   (curated or proposed for the places): never offered to the authority.
EXPECTED = {
    ("organisation:ciridd", "wikidata:Q900001", "0.95"),
    ("organisation:club-clef", "wikidata:Q900005", "0.7"),
    ("organisation:emse", "wikidata:Q900006", "0.6"),
    ("organisation:locam", "wikidata:Q900002", "0.7"),
    ("organisation:locam", "wikidata:Q900007", "0.6"),
    ("place:saint-etienne", "wikidata:Q900051", "0.95"),
    ("place:territoire-sicoval", "wikidata:Q900004", "0.95"),
}


@pytest.fixture(scope="module")
def wikidata(tmp_path_factory) -> Iterator[Server]:
    """A real Oxigraph server on 127.0.0.1 holding the Wikidata-shaped fixture."""
    location = tmp_path_factory.mktemp("wikidata-cli") / "store"
    exe = shutil.which("oxigraph") or "oxigraph"
    subprocess.run([exe, "load", "--location", str(location), "--file", str(FIXTURE)], check=True)
    with oxigraph_serve(location) as server:
        yield server


def ids_of(candidates, obj: str) -> str:
    """The record_id of the candidate row with this object."""
    (row,) = [r for r in candidates.rows if r.get("object_id") == obj]
    return row.get("record_id")


def snapshot(data: Path) -> dict[str, bytes]:
    """Every file of a data folder but the review folder."""
    return {
        str(p.relative_to(data)): p.read_bytes()
        for p in sorted(data.rglob("*"))
        if p.is_file() and "review" not in p.relative_to(data).parts
    }


def test_suggest_accept_build_report(wikidata: Server, data_copy: Path, tmp_path: Path) -> None:
    before = snapshot(data_copy)
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    run = run_cli("link", "suggest", "--data", str(data_copy), "--endpoint", wikidata.query, env=env)
    assert run.code == 0, run.err
    assert "7 candidates" in run.out
    assert snapshot(data_copy) == before, "suggest writes nothing but the review folder"

    candidates = read_mapping_set(data_copy / "mappings" / "review" / "candidates.sssom.tsv")
    got = {(r.get("subject_id"), r.get("object_id"), r.get("confidence")) for r in candidates.rows}
    assert got == EXPECTED
    ids = {r.get("subject_id"): r.get("record_id") for r in candidates.rows}

    # A second build before any review: no candidate is published.
    out = tmp_path / "build"
    assert run_cli("build", "--data", str(data_copy), "--out", str(out), "-q").code == 0
    g = Graph().parse(out / "atelier.nt")
    assert not [o for o in g.objects(None, SKOS.exactMatch) if str(o).startswith(f"{WD}Q9000")]

    run = run_cli(
        "link",
        "accept",
        ids["organisation:ciridd"],
        ids["place:saint-etienne"],
        "--reviewer",
        "A. Curator",
        "--data",
        str(data_copy),
    )
    assert run.code == 0, run.err
    assert "2 accepted" in run.out
    curated = read_mapping_set(data_copy / "mappings" / "wikidata.sssom.tsv")
    accepted = {r.get("subject_id"): r for r in curated.rows if r.get("reviewer_label")}
    assert set(accepted) == {"organisation:ciridd", "place:saint-etienne"}
    assert {r.get("review_date") for r in accepted.values()} == {date.today().isoformat()}

    # Locam's label match Q900002 is turned down: set aside as a negative mapping, valid SSSOM.
    run = run_cli(
        "link",
        "reject",
        ids_of(candidates, "wikidata:Q900002"),
        "--reviewer",
        "A. Curator",
        "--data",
        str(data_copy),
    )
    assert run.code == 0, run.err
    assert "1 rejected" in run.out and "4 candidates left" in run.out
    rejected_file = data_copy / "mappings" / "review" / "rejected.sssom.tsv"
    (rejected,) = read_mapping_set(rejected_file).rows
    assert (rejected.get("subject_id"), rejected.get("object_id"), rejected.get("predicate_modifier")) == (
        "organisation:locam",
        "wikidata:Q900002",
        "Not",
    )
    from sssom.parsers import parse_sssom_table
    from sssom.validators import validate

    validate(parse_sssom_table(rejected_file), fail_on_error=True)
    # A new suggest keeps the 4 unreviewed candidates and never proposes the rejected pair again.
    run = run_cli("link", "suggest", "--data", str(data_copy), "--endpoint", wikidata.query, env=env)
    assert run.code == 0, run.err
    again = read_mapping_set(data_copy / "mappings" / "review" / "candidates.sssom.tsv")
    assert {(r.get("subject_id"), r.get("object_id")) for r in again.rows} == {
        ("organisation:club-clef", "wikidata:Q900005"),
        ("organisation:emse", "wikidata:Q900006"),
        ("organisation:locam", "wikidata:Q900007"),
        ("place:territoire-sicoval", "wikidata:Q900004"),
    }

    # The next build publishes them, with the reviewer on the mapping record.
    run = run_cli("build", "--data", str(data_copy), "--out", str(out), "-q")
    assert run.code == 0, run.err
    g = Graph().parse(out / "atelier.nt")
    ciridd, saint_etienne = ID["org/ciridd"], ID["place/saint-etienne"]
    assert (ciridd, SKOS.exactMatch, URIRef(f"{WD}Q900001")) in g
    assert (ciridd, OWL.sameAs, URIRef(f"{WD}Q900001")) not in g  # an organisation: never sameAs
    assert (saint_etienne, OWL.sameAs, URIRef(f"{WD}Q900051")) in g  # a territory: sameAs
    record = URIRef(ID["mapping/" + ids["organisation:ciridd"].split(":", 1)[1]])
    assert (record, SSSOM.reviewer_label, Literal("A. Curator")) in g

    # The report counts them: 2 of 24 bodies have a Wikidata item now (ademe and ciridd).
    report = tmp_path / "report.md"
    run = run_cli("link", "report", "--data", str(data_copy), "--out", str(report))
    assert run.code == 0, run.err
    assert "| organisations (bodies) with a Wikidata item | 2 | 24 | 8 % |" in run.out
    assert report.read_text(encoding="utf-8") == run.out


def test_accept_an_unknown_id_is_a_clear_error(data_copy: Path) -> None:
    review = data_copy / "mappings" / "review"
    review.mkdir(parents=True)
    shutil.copy(data_copy / "mappings" / "wikidata.sssom.tsv", review / "candidates.sssom.tsv")
    run = run_cli(
        "link", "accept", "akgmap:candidate-0000000000", "--reviewer", "X", "--data", str(data_copy)
    )
    assert run.code == 2
    assert "candidate-0000000000" in run.err and "Traceback" not in run.err


# ---- the report on the curated data, figures worked out by hand -------------------------------


def rows(name: str) -> list[dict[str, str]]:
    with (ROOT / "data" / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_link_report_figures(tmp_path: Path) -> None:
    # Bodies are the 24 organisations of kind formal or organisation (organisations.csv: 33 rows
    # less the atelier, 5 clubs and actions, 2 units and the group purchase).
    bodies = [r for r in rows("organisations.csv") if r["kind"] in ("formal", "organisation")]
    assert len(bodies) == 24
    # siren.sssom.tsv: the 13 bodies of identifiers.tsv with a SIREN (CIRIDD, Nord, Locam, Grand
    # Est, Sicoval, Occitanie, Eurométropole, la CoVe, Grenoble, ADEME, Grand Paris, EDF, Grand
    # Avignon). Wikidata: only ADEME's item names a body (the others are territories).
    # A place: 9 authorities govern a territory, CIRIDD, Locam, the museum, Grand Est (seat), the
    # Eurométropole, la CoVe and Grand Avignon are located somewhere, and 4 collaborations serve an
    # area: region-grand-est, region-occitanie, departement-nord, ville-grenoble, sicoval,
    # eurometropole-strasbourg, la-cove, grand-avignon, metropole-grand-paris, ciridd, locam,
    # musee-confluences, club-clef, coef-p, club-efc-noe, and the group purchase, which the page
    # puts « sur l'agglomération du Grand Avignon » (its area: the Grand Avignon territory) = 16 of 33.
    # Places: 15 rows of places.csv, each with its INSEE code; Wikidata for the 5 régions, Nord,
    # Grenoble, Lyon, Strasbourg = 9. CPV (cpv.sssom.tsv): the domains fourniture-energie,
    # restauration-collective, gestion-tri, dechets-bureaux, eclairage-public and the Grenoble case
    # = 6 of the 8 domains and 4 cases of concepts.ttl and cases.ttl.
    run = run_cli("link", "report", "--out", str(tmp_path / "r.md"))
    assert run.code == 0, run.err
    for line in (
        "| organisations (bodies) with a SIREN | 13 | 24 | 54 % |",
        "| organisations (bodies) with a Wikidata item | 1 | 24 | 4 % |",
        "| organisations (all kinds) with a place | 16 | 33 | 48 % |",
        "| places with an INSEE code | 15 | 15 | 100 % |",
        "| places with a Wikidata item | 9 | 15 | 60 % |",
        "| procurement domains and cases with a CPV code | 6 | 12 | 50 % |",
    ):
        assert line in run.out, line
    assert "- organisation:ademe → wikidata:Q2826025" in run.out  # the single secondary source
