"""Link suggestions, end to end: ``suggest`` against a real ``oxigraph serve`` loaded with a small
Wikidata-shaped fixture (tests/data/wikidata-fixture.ttl), then ``accept``.

The tests build their own curated sets, places and organisation places in a scratch copy of data/
(:func:`linked_data`), so they do not depend on the curated content of data/mappings/. The expected
candidates are worked out by hand from those files, data/organisations.csv, data/organisation_names.csv
and the fixture's triples (see EXPECTED). Etiquette (429/503, User-Agent) is checked against a tiny
real HTTP server on 127.0.0.1; no test reaches the internet.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from conftest import DATA, ROOT, Server, oxigraph_serve
from rdflib.plugins.sparql import prepareQuery

from atelier_kg.errors import EndpointError, UsageError
from atelier_kg.links.candidates import name_forms
from atelier_kg.links.review import accept, curated_text
from atelier_kg.links.reviewsets import candidates_path
from atelier_kg.links.suggest import suggest
from atelier_kg.links.wikidata import WikidataClient, bind_rows, default_cache_dir, user_agent
from atelier_kg.sources.sssom import (
    BASE_COLUMNS,
    curated_paths,
    read_mapping_set,
    row_cells,
    write_mapping_set,
)
from atelier_kg.sparql.library import find_query, read_query
from atelier_kg.sparql.remote import Endpoint
from atelier_kg.sparql.runner import run_query

FIXTURE = ROOT / "tests" / "data" / "wikidata-fixture.ttl"
LINK_QUERIES = sorted((ROOT / "queries" / "link").glob("*.rq"))
DAY = date(2026, 11, 29)
LATER = date(2026, 12, 1)

# ---- the scratch data ----------------------------------------------------------------------------
# Curated sets of the test (identifiers from shared/reference/identifiers.tsv):
SIREN_ROWS = [
    ("akgmap:siren-ciridd", "organisation:ciridd", "SIREN:417669587"),
    ("akgmap:siren-locam", "organisation:locam", "SIREN:310880315"),
    ("akgmap:siren-region-grand-est", "organisation:region-grand-est", "SIREN:200052264"),
    ("akgmap:siren-sicoval", "organisation:sicoval", "SIREN:243100633"),
]
INSEE_ROWS = [
    ("akgmap:insee-place-auvergne-rhone-alpes", "place:auvergne-rhone-alpes", "INSEE.REG:84"),
    ("akgmap:insee-place-hauts-de-france", "place:hauts-de-france", "INSEE.REG:32"),
    ("akgmap:insee-place-grand-est", "place:grand-est", "INSEE.REG:44"),
    ("akgmap:insee-place-grenoble", "place:grenoble", "INSEE.COM:38185"),
    ("akgmap:insee-place-saint-etienne", "place:saint-etienne", "INSEE.COM:42218"),
    ("akgmap:insee-place-sicoval", "place:sicoval", "INSEE.EPCI:243100633"),
]
WIKIDATA_ROWS = [
    ("akgmap:wikidata-place-auvergne-rhone-alpes", "place:auvergne-rhone-alpes", "wikidata:Q18338206"),
    ("akgmap:wikidata-place-grand-est", "place:grand-est", "wikidata:Q18677983"),
    ("akgmap:wikidata-ademe", "organisation:ademe", "wikidata:Q2826025"),
]
PLACES = """id,pref_label,kind,within,source
auvergne-rhone-alpes,Auvergne-Rhône-Alpes,region,,page
hauts-de-france,Hauts-de-France,region,,page
grand-est,Grand Est,region,,identifiers
grenoble,Grenoble,commune,auvergne-rhone-alpes,identifiers
saint-etienne,Saint-Étienne,commune,auvergne-rhone-alpes,identifiers
sicoval,Communauté d'agglomération du Sicoval,epci,,identifiers
territoire-grand-avignon,Territoire du Grand Avignon,epci,,identifiers
"""
ORGANISATION_PLACES = """organisation,relation,place,source
region-grand-est,governs,grand-est,identifiers
ville-grenoble,governs,grenoble,identifiers
sicoval,governs,sicoval,identifiers
ciridd,located-in,saint-etienne,identifiers
emse,located-in,saint-etienne,identifiers
"""

# ---- expected candidates, by hand ----------------------------------------------------------------
# Places first (their items are not offered to organisations); the linked places
# auvergne-rhone-alpes and grand-est are not searched.
#  - place:grenoble: INSEE.COM 38185; the fixture's Q1289 states P374 "38185" → 0.95, insee.
#  - place:hauts-de-france: INSEE.REG 32; Q18677767 states P2585 "32" → 0.95, insee.
#  - place:saint-etienne: INSEE.COM 42218; Q900051 states P374 "42218" → 0.95, insee.
#  - place:sicoval: INSEE.EPCI 243100633; Q900004 states P1616 "243100633" → 0.95, insee.
# Organisations (data/organisations.csv; ademe is linked, not searched):
#  - ciridd: SIREN 417669587; Q900001 states P1616 "417669587" → 0.95, siren (no name search).
#  - locam: SIREN 310880315 is on no item → names: "Locam" (organisations.csv, organisation_names.csv
#    line 25); type entreprise → class Q4830453; no place.
#      Q900002 label "Locam", P31 Q900090, Q900090 P279 Q4830453: 0.5 + 0.2 type = 0.7, label;
#      Q900007 alias "locam" (the lower-case form of "Locam"), P31 Q4830453: 0.4 + 0.2 = 0.6, alias;
#      Q900003 label "Locam" but P31 Q4167410 (disambiguation page) and no place: dropped.
#  - club-clef: no SIREN, no type (no class), area auvergne-rhone-alpes → curated item Q18338206;
#      Q900005 label "Club CLEF" (organisations.csv), P131 Q18338206: 0.5 + 0.2 place = 0.7, label.
#  - emse: type enseignement-recherche → classes Q38723, Q31855; located in saint-etienne (not
#      linked) within auvergne-rhone-alpes → Q18338206. Q900006 alias "école des mines de
#      saint-étienne" = the lower-case form of "École des Mines de Saint-Étienne"; P31 Q38723;
#      P131 Q900051 P131 Q18338206: 0.4 + 0.2 + 0.2 = 0.8, alias.
#  - region-grand-est: SIREN 200052264 → Q18677983, curated for place:grand-est: not offered; by
#      name ("Région Grand Est", alias of Q18677983) the same item again: nothing.
#  - sicoval: SIREN 243100633 → Q900004, proposed for place:sicoval above: not offered.
#  - ville-grenoble: alias "Ville de Grenoble" of Q1289, within Q18338206 (P131 Q900050 P131
#      Q18338206) — but Q1289 is proposed for place:grenoble: not offered.
#  - no other organisation has a label in the fixture.
EXPECTED = [
    (
        "organisation:ciridd",
        "wikidata:Q900001",
        "semapv:BackgroundKnowledgeBasedMatching",
        "0.95",
        "match=siren",
    ),
    ("organisation:club-clef", "wikidata:Q900005", "semapv:LexicalMatching", "0.7", "match=label"),
    ("organisation:emse", "wikidata:Q900006", "semapv:LexicalMatching", "0.8", "match=alias"),
    ("organisation:locam", "wikidata:Q900002", "semapv:LexicalMatching", "0.7", "match=label"),
    ("organisation:locam", "wikidata:Q900007", "semapv:LexicalMatching", "0.6", "match=alias"),
    ("place:grenoble", "wikidata:Q1289", "semapv:BackgroundKnowledgeBasedMatching", "0.95", "match=insee"),
    (
        "place:hauts-de-france",
        "wikidata:Q18677767",
        "semapv:BackgroundKnowledgeBasedMatching",
        "0.95",
        "match=insee",
    ),
    (
        "place:saint-etienne",
        "wikidata:Q900051",
        "semapv:BackgroundKnowledgeBasedMatching",
        "0.95",
        "match=insee",
    ),
    ("place:sicoval", "wikidata:Q900004", "semapv:BackgroundKnowledgeBasedMatching", "0.95", "match=insee"),
]


def rid(subject: str, obj: str) -> str:
    """The documented record_id: the first 10 hex digits of SHA-256 of ``subject|object``."""
    return "akgmap:candidate-" + hashlib.sha256(f"{subject}|{obj}".encode()).hexdigest()[:10]


def _mapping_set(path: Path, rows: list[tuple[str, str, str]]) -> None:
    metadata = {
        "mapping_set_id": f"https://w3id.org/atelier-kg/mappings/{path.name}",
        "mapping_set_title": f"test set {path.name}",
        "license": "https://opensource.org/licenses/MIT",
        "mapping_set_version": DAY.isoformat(),
    }
    cells = [
        {
            "record_id": record,
            "subject_id": subject,
            "predicate_id": "skos:exactMatch",
            "object_id": obj,
            "mapping_justification": "semapv:ManualMappingCuration",
            "author_label": "atelier-kg curators",
            "mapping_date": DAY.isoformat(),
            "confidence": "0.95",
            "comment": "test row",
        }
        for record, subject, obj in rows
    ]
    write_mapping_set(path, metadata, cells)


@pytest.fixture
def linked_data(data_copy: Path) -> Path:
    """data/ with the test's curated sets, places and organisation places (see the constants above)."""
    shutil.rmtree(data_copy / "mappings", ignore_errors=True)
    _mapping_set(data_copy / "mappings" / "siren.sssom.tsv", SIREN_ROWS)
    _mapping_set(data_copy / "mappings" / "insee.sssom.tsv", INSEE_ROWS)
    _mapping_set(data_copy / "mappings" / "wikidata.sssom.tsv", WIKIDATA_ROWS)
    (data_copy / "places.csv").write_text(PLACES, encoding="utf-8")
    (data_copy / "organisation_places.csv").write_text(ORGANISATION_PLACES, encoding="utf-8")
    return data_copy


def _load(location: Path) -> None:
    subprocess.run(
        [shutil.which("oxigraph") or "oxigraph", "load", "--location", str(location), "--file", str(FIXTURE)],
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def wikidata(tmp_path_factory) -> Iterator[Server]:
    """A real Oxigraph server on 127.0.0.1 holding the Wikidata-shaped fixture."""
    location = tmp_path_factory.mktemp("wikidata") / "store"
    _load(location)
    with oxigraph_serve(location) as server:
        yield server


def _snapshot(data_dir: Path) -> dict[str, bytes]:
    """Every file of the data folder but the review folder, as bytes."""
    review = data_dir / "mappings" / "review"
    return {
        str(p.relative_to(data_dir)): p.read_bytes()
        for p in sorted(data_dir.rglob("*"))
        if p.is_file() and review not in p.parents
    }


def _key(row: dict[str, str]) -> tuple[str, ...]:
    return tuple(row[c] for c in ("subject_id", "object_id", "mapping_justification", "confidence", "other"))


# ---- suggest ---------------------------------------------------------------------------------------


def test_suggest_proposes_the_expected_candidates(linked_data, wikidata, tmp_path):
    result = suggest(linked_data, wikidata.query, cache_dir=tmp_path / "cache", today=DAY)
    assert result.path == candidates_path(linked_data)
    assert [_key(row) for row in result.rows] == EXPECTED
    written = read_mapping_set(result.path)
    assert [row_cells(row) for row in written.rows] == result.rows
    assert written.columns == BASE_COLUMNS
    for row in result.rows:
        assert row["record_id"] == rid(row["subject_id"], row["object_id"])
        assert row["predicate_id"] == "skos:exactMatch"
        assert row["author_label"] == "atelier-kg link suggest"
        assert row["mapping_date"] == "2026-11-29"
        assert row["see_also"] == wikidata.query
        assert "reviewer_label" not in row and "review_date" not in row
    by_object = {row["object_id"]: row for row in result.rows}
    assert by_object["wikidata:Q900001"]["comment"].startswith(
        f"Wikidata states P1616 (SIREN) = 417669587 for wd:Q900001 at {wikidata.query}"
    )
    assert "akgmap:siren-ciridd" in by_object["wikidata:Q900001"]["comment"]
    assert "P374 (INSEE municipality code) = 38185" in by_object["wikidata:Q1289"]["comment"]
    emse = by_object["wikidata:Q900006"]["comment"]
    assert 'French alias "école des mines de saint-étienne"' in emse
    assert "wd:Q38723 (higher education institution)" in emse
    assert "within wd:Q18338206, the item of place:auvergne-rhone-alpes" in emse
    assert "type: not shown to fit" in by_object["wikidata:Q900005"]["comment"]
    assert "place: no place to check" in by_object["wikidata:Q900002"]["comment"]
    assert result.proposed == len(EXPECTED) and result.kept == 0
    assert result.requests > 0 and result.cache_hits == 0
    # 40 subjects: 33 organisations + the 7 places of PLACES, less the 3 with a curated Wikidata row
    assert result.subjects == 33 + 7 - 3


def test_suggest_never_writes_the_curated_sets_or_the_tables(linked_data, wikidata, tmp_path):
    before = _snapshot(linked_data)
    suggest(linked_data, wikidata.query, cache_dir=tmp_path / "cache", today=DAY)
    assert _snapshot(linked_data) == before
    assert sorted(p.name for p in (linked_data / "mappings" / "review").iterdir()) == ["candidates.sssom.tsv"]


def test_a_second_run_asks_nothing_it_already_knows(linked_data, tmp_path):
    location = tmp_path / "store"
    _load(location)
    cache = tmp_path / "cache"
    with oxigraph_serve(location) as server:
        endpoint = server.query
        first = suggest(linked_data, endpoint, cache_dir=cache, today=DAY)
        text = first.path.read_bytes()
    # the server is stopped: the second run can only answer from the cache
    second = suggest(linked_data, endpoint, cache_dir=cache, today=DAY)
    assert (second.requests, second.cache_hits) == (0, first.requests)
    assert second.path.read_bytes() == text
    entries = sorted(cache.rglob("*.json"))
    assert len(entries) == first.requests  # one entry per question asked, none asked twice
    for entry in entries:
        assert re.fullmatch(r"[0-9a-f]{64}\.json", entry.name) and entry.parent.name == entry.name[:2]
        assert "bindings" in json.loads(entry.read_text(encoding="utf-8"))["results"]
    with pytest.raises(EndpointError, match="cannot reach"):  # proof that nobody answers any more
        suggest(linked_data, endpoint, cache_dir=cache, today=DAY, refresh=True)


def test_limit_keeps_the_best_candidates_of_each_subject(linked_data, wikidata, tmp_path):
    result = suggest(linked_data, wikidata.query, limit=1, cache_dir=tmp_path / "cache", today=DAY)
    # locam's 0.7 label match stays, its 0.6 alias match goes; every other subject has one
    assert [_key(row) for row in result.rows] == [e for e in EXPECTED if e[1] != "wikidata:Q900007"]
    for bad in (0, -2, True, 1.5):
        with pytest.raises(UsageError, match="--limit"):
            suggest(linked_data, wikidata.query, limit=bad, cache_dir=tmp_path / "cache")


def test_a_rerun_keeps_unreviewed_candidates_and_their_first_date(linked_data, wikidata, tmp_path):
    cache = tmp_path / "cache"
    suggest(linked_data, wikidata.query, cache_dir=cache, today=DAY)
    again = suggest(linked_data, wikidata.query, limit=1, cache_dir=cache, today=LATER)
    # the 0.6 candidate is no longer proposed with --limit 1 but is kept, not reviewed yet
    assert [_key(row) for row in again.rows] == EXPECTED
    assert (again.proposed, again.kept) == (len(EXPECTED) - 1, 1)
    assert {row["mapping_date"] for row in again.rows} == {"2026-11-29"}
    assert read_mapping_set(again.path).metadata["mapping_set_version"] == "2026-12-01"


# ---- accept ----------------------------------------------------------------------------------------


def test_accept_moves_the_rows_with_reviewer_and_date(linked_data, wikidata, tmp_path):
    cache = tmp_path / "cache"
    suggested = suggest(linked_data, wikidata.query, cache_dir=cache, today=DAY)
    curated = linked_data / "mappings" / "wikidata.sssom.tsv"
    before = curated.read_bytes()
    others = {p: p.read_bytes() for p in curated_paths(linked_data) if p != curated}
    locam = rid("organisation:locam", "wikidata:Q900002")
    grenoble = rid("place:grenoble", "wikidata:Q1289")
    result = accept(linked_data, [locam.removeprefix("akgmap:"), grenoble], "Camille Martin", today=LATER)

    assert [row["record_id"] for row in result.accepted] == [locam, grenoble]
    assert result.curated == [curated] and result.remaining == len(EXPECTED) - 2
    after = curated.read_bytes()
    assert after.startswith(before)  # metadata and earlier rows byte for byte; new rows at the end
    added = read_mapping_set(curated).rows[len(WIKIDATA_ROWS) :]
    source = {row["record_id"]: row for row in suggested.rows}
    for row, record in zip(added, (locam, grenoble), strict=True):
        assert row_cells(row) == {
            **source[record],
            "reviewer_label": "Camille Martin",
            "review_date": "2026-12-01",
        }
    assert {p: p.read_bytes() for p in others} == others
    left = [row.get("record_id") for row in read_mapping_set(result.candidates).rows]
    assert left == [row["record_id"] for row in suggested.rows if row["record_id"] not in (locam, grenoble)]

    # the next run drops locam's other candidate: locam is linked now; grenoble is not asked again
    rerun = suggest(linked_data, wikidata.query, cache_dir=cache, today=LATER)
    assert [_key(row) for row in rerun.rows] == [
        e for e in EXPECTED if e[0] not in ("organisation:locam", "place:grenoble")
    ]


def test_accepting_an_unknown_id_names_it_and_the_close_ones(linked_data, wikidata, tmp_path):
    suggest(linked_data, wikidata.query, cache_dir=tmp_path / "cache", today=DAY)
    before = _snapshot(linked_data)
    real = rid("organisation:ciridd", "wikidata:Q900001")
    typo = real[:-1] + ("0" if real[-1] != "0" else "1")
    with pytest.raises(UsageError) as caught:
        accept(linked_data, [typo], "Camille Martin")
    assert f"no candidate {typo!r}" in str(caught.value) and real in str(caught.value)
    with pytest.raises(UsageError, match="no candidate 'candidate-zzz'.*9 candidate"):
        accept(linked_data, ["candidate-zzz"], "Camille Martin")
    with pytest.raises(UsageError, match="reviewer"):
        accept(linked_data, [real], "  ")
    assert _snapshot(linked_data) == before
    accept(linked_data, [real], "Camille Martin", today=LATER)
    with pytest.raises(UsageError, match="accepted into .*wikidata.sssom.tsv"):
        accept(linked_data, [real], "Camille Martin")


def test_accept_never_gives_a_subject_two_items(linked_data, wikidata, tmp_path):
    suggest(linked_data, wikidata.query, cache_dir=tmp_path / "cache", today=DAY)
    first = rid("organisation:locam", "wikidata:Q900002")
    second = rid("organisation:locam", "wikidata:Q900007")
    before = _snapshot(linked_data)
    with pytest.raises(UsageError, match="organisation:locam already links to wikidata:Q900002"):
        accept(linked_data, [first, second], "Camille Martin")  # both at once
    assert _snapshot(linked_data) == before  # nothing written
    accept(linked_data, [first], "Camille Martin", today=LATER)
    with pytest.raises(UsageError, match=r"already links to wikidata:Q900002 \(.*wikidata.sssom.tsv:\d+\)"):
        accept(linked_data, [second], "Camille Martin")


def test_accept_creates_the_curated_set_when_missing(linked_data, wikidata, tmp_path):
    suggest(linked_data, wikidata.query, cache_dir=tmp_path / "cache", today=DAY)
    (linked_data / "mappings" / "wikidata.sssom.tsv").unlink()
    record = rid("place:sicoval", "wikidata:Q900004")
    accept(linked_data, [record], "Camille Martin", today=LATER)
    created = read_mapping_set(linked_data / "mappings" / "wikidata.sssom.tsv")
    assert created.metadata["mapping_set_id"] == "https://w3id.org/atelier-kg/mappings/wikidata.sssom.tsv"
    assert created.metadata["license"] == "https://opensource.org/licenses/MIT"
    assert created.curie_map["wikidata"] == "http://www.wikidata.org/entity/"
    assert [(r.get("record_id"), r.get("reviewer_label")) for r in created.rows] == [
        (record, "Camille Martin")
    ]


def test_curated_sets_keep_their_bytes_when_a_row_is_appended(linked_data, tmp_path):
    # Every curated set of the project's data/ as it stands, and a hand-written (non-canonical) one:
    # the appended text starts with the file's own bytes.
    hand = tmp_path / "hand.sssom.tsv"
    text = (linked_data / "mappings" / "wikidata.sssom.tsv").read_text(encoding="utf-8")
    hand.write_text(
        text.replace("# mapping_set_id", "# a curator's remark: kept\n# mapping_set_id", 1), encoding="utf-8"
    )
    for path in [*curated_paths(DATA), hand]:
        first = read_mapping_set(path).rows[0] if read_mapping_set(path).rows else None
        if first is None:
            continue
        new = {**row_cells(first), "record_id": "akgmap:candidate-0000000000", "reviewer_label": "T"}
        original = path.read_bytes().decode("utf-8")
        assert curated_text(path, [new], DAY).startswith(original), path


def test_curated_text_of_a_set_already_read_is_the_text_of_the_file():
    # accept hands on the curated sets it read for its checks instead of reading them again.
    for path in curated_paths(DATA):
        mapping_set = read_mapping_set(path)
        if not mapping_set.rows:
            continue
        new = {**row_cells(mapping_set.rows[0]), "record_id": "akgmap:candidate-0000000000"}
        assert curated_text(path, [new], DAY, mapping_set) == curated_text(path, [new], DAY), path


# ---- etiquette -------------------------------------------------------------------------------------


class _Scripted(BaseHTTPRequestHandler):
    """Answers each POST with the next scripted (status, headers, body); records what it received."""

    def do_POST(self) -> None:  # noqa: N802 - the http.server name
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.server.seen.append((dict(self.headers), body))  # type: ignore[attr-defined]
        status, headers, payload = self.server.script.pop(0)  # type: ignore[attr-defined]
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def scripted() -> Iterator[HTTPServer]:
    """A real HTTP server on 127.0.0.1 playing a script of answers."""
    server = HTTPServer(("127.0.0.1", 0), _Scripted)
    server.seen, server.script = [], []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


EMPTY = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": []}}).encode()
SPARQL_JSON = {"Content-Type": "application/sparql-results+json"}


def test_429_and_503_are_retried_as_the_server_asks(scripted, tmp_path):
    scripted.script += [
        (429, {"Retry-After": "1"}, b"slow down"),
        (503, {}, b"busy"),  # no Retry-After: exponential backoff, 2 s on the second retry
        (200, SPARQL_JSON, EMPTY),
    ]
    waits: list[float] = []
    url = f"http://127.0.0.1:{scripted.server_address[1]}/sparql"
    client = WikidataClient(url, cache_dir=tmp_path, sleep=waits.append, contact="curators@example.org")
    assert client.select_text("SELECT ?x WHERE { ?x ?p ?o }") == []
    assert waits == [1.0, 2.0]
    assert len(scripted.seen) == 3 and client.requests == 3
    headers, body = scripted.seen[0]
    assert (
        headers["User-Agent"].startswith("atelier-kg/")
        and "contact: curators@example.org" in headers["User-Agent"]
    )
    assert headers["Accept"] == "application/sparql-results+json"
    assert body.startswith(b"query=SELECT")
    # asked again: the cache answers, the server hears nothing
    assert client.select_text("SELECT ?x WHERE { ?x ?p ?o }") == []
    assert len(scripted.seen) == 3 and client.hits == 1


def test_a_bad_answer_is_an_endpoint_error_and_is_not_cached(scripted, tmp_path):
    scripted.script += [(200, {"Content-Type": "text/html"}, b"<html>maintenance</html>"), (500, {}, b"boom")]
    client = WikidataClient(f"http://127.0.0.1:{scripted.server_address[1]}/sparql", cache_dir=tmp_path)
    with pytest.raises(EndpointError, match="not SPARQL JSON"):
        client.select_text("SELECT ?x WHERE { ?x ?p ?o }")
    with pytest.raises(EndpointError, match="HTTP 500"):
        client.select_text("SELECT ?x WHERE { ?x ?p ?o }")  # asked again: nothing was cached
    assert not list(tmp_path.rglob("*.json"))


def test_user_agent_names_the_project_and_a_contact(monkeypatch, tmp_path):
    monkeypatch.delenv("ATELIER_KG_CONTACT", raising=False)
    assert "contact: https://w3id.org/atelier-kg" in user_agent()
    monkeypatch.setenv("ATELIER_KG_CONTACT", "someone@example.org")
    assert user_agent().endswith("contact: someone@example.org)")
    assert "contact: other@example.org" in user_agent("other@example.org")
    with pytest.raises(UsageError, match="User-Agent"):
        user_agent("me\r\nX-Injected: 1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / "atelier-kg" / "wikidata"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_cache_dir() == Path.home() / ".cache" / "atelier-kg" / "wikidata"


# ---- the queries ---------------------------------------------------------------------------------


def test_values_are_bound_as_terms_never_spliced(wikidata, tmp_path):
    query = find_query("link/items-by-label")
    hostile = 'Locam" } ?item ?p ?o . { "'
    text = bind_rows(query, [{"name": hostile, "class": None, "place": None}])
    assert 'VALUES (?name) { ("Locam\\" } ?item ?p ?o . { \\"") }' in text
    client = WikidataClient(wikidata.query, cache_dir=tmp_path)
    assert client.select(query, [{"name": hostile}]) == []  # one literal, matching no label
    with pytest.raises(UsageError, match="parameter class"):
        bind_rows(query, [{"name": "Locam", "class": "not an IRI"}])
    with pytest.raises(UsageError, match="unknown parameter"):
        bind_rows(query, [{"nom": "Locam"}])


def test_name_forms_cover_case_and_apostrophes():
    assert name_forms("Terres d'EFC") == sorted(
        {"Terres d'EFC", "Terres d’EFC", "terres d'efc", "terres d’efc", "terres d'EFC", "terres d’EFC"}
    )
    assert name_forms("  EDF ") == ["EDF", "eDF", "edf"]


@pytest.mark.parametrize("path", LINK_QUERIES, ids=lambda p: p.stem)
def test_link_queries_follow_the_library_conventions(path: Path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert re.match(r"^# title: \S", lines[0]) and re.match(r"^# question: \S.*\?$", lines[1])
    assert re.match(r"^# params: \S", lines[2]) and lines[3].startswith("# needs: a Wikidata-shaped endpoint")
    query = read_query(path)
    prepareQuery(query.text)
    body = "\n".join(line for line in query.text.splitlines() if not line.startswith("#"))
    assert re.search(r"^ORDER BY\b", body, re.MULTILINE) and re.search(r"^LIMIT \d+$", body, re.MULTILINE)
    for param in query.params:
        assert param.default and param.description and re.search(rf"\?{param.name}\b", body)


def test_link_queries_answer_with_their_defaults_on_the_fixture(wikidata):
    endpoint = Endpoint(wikidata.query)

    def rows(name: str) -> list[dict[str, str]]:
        return [{k: v.value for k, v in row.items()} for row in run_query(endpoint, find_query(name)).rows]

    wd = "http://www.wikidata.org/entity/"
    # P1616 "417669587" is stated by Q900001 only
    assert rows("link/items-by-siren") == [
        {"siren": "417669587", "item": f"{wd}Q900001", "label": "CIRIDD (fixture)"}
    ]
    # P2585 "44" is stated by Q18677983 only
    assert rows("link/territories-by-insee") == [
        {
            "code": "44",
            "property": "http://www.wikidata.org/prop/direct/P2585",
            "item": f"{wd}Q18677983",
            "label": "Grand Est",
        }
    ]
    # "Grenoble"@fr is the label of Q1289 (a commune: P31 Q484170), within Q18338206 by P131 Q900050
    assert rows("link/items-by-label") == [
        {
            "name": "Grenoble",
            "class": f"{wd}Q484170",
            "place": f"{wd}Q18338206",
            "item": f"{wd}Q1289",
            "label": "Grenoble",
            "matched": "label",
            "typeOk": "true",
            "placeOk": "true",
        }
    ]
