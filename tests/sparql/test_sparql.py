"""The query runner on the embedded store: parameters, kinds, formats, safety, errors, the API.

Expected values are counted by hand in data/ (see each comment), never taken from a run.
"""

from __future__ import annotations

import csv
import io
import json
import socket
import threading
import time
from pathlib import Path

import pytest
import rdflib
from conftest import ROOT, run_cli

from atelier_kg import KnowledgeGraph
from atelier_kg.errors import QueryTimeout, RemoteRefused, UsageError
from atelier_kg.sparql.embedded import EmbeddedStore
from atelier_kg.sparql.library import library, library_markdown, read_query
from atelier_kg.sparql.runner import run_query

PREFIXES = """PREFIX akg: <https://w3id.org/atelier-kg/def#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
CIRIDD = "https://w3id.org/atelier-kg/id/org/ciridd"


@pytest.fixture(scope="module")
def store(seed_build) -> EmbeddedStore:
    return EmbeddedStore.from_file(seed_build / "atelier.nt")


def write_query(folder: Path, text: str, name: str = "q.rq") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# -- the library -------------------------------------------------------------------------------


def test_library_has_at_least_20_research_queries_with_headers():
    queries = [q for q in library() if "/" not in q.name]
    assert len(queries) >= 20
    for q in queries:
        assert {"title", "question", "params"} <= q.header.keys(), q.name
        assert all(p.default is not None for p in q.params), q.name


def test_queries_readme_is_generated_from_the_headers():
    readme = (ROOT / "queries" / "README.md").read_text(encoding="utf-8")
    assert readme == library_markdown(library()), "regenerate: atelier-kg queries --format md"


def test_cli_lists_the_library_with_parameters():
    run = run_cli("queries")
    assert run.code == 0, run.err
    names = [q.name for q in library()]
    for name in names:
        assert name in run.out
    assert "--param about=" in run.out
    assert f"{len(names)} queries" in run.out


# -- parameters --------------------------------------------------------------------------------


def test_parameters_are_bound_as_typed_terms(store, tmp_path):
    # jobs.csv: rows 22, 23 and 38 give CIRIDD as the organisation of three persons
    query = read_query(write_query(tmp_path, _JOBS_AT, "jobs.rq"))
    assert len(run_query(store, query).rows) == 3
    assert len(run_query(store, query, {"org": "organisation:ciridd"}).rows) == 3
    assert len(run_query(store, query, {"org": f"<{CIRIDD}>"}).rows) == 3
    assert run_query(store, query, {"org": "organisation:atemis"}).rows != []


_JOBS_AT = (
    "# params: org (IRI, default organisation:ciridd, an organisation)\n"
    + PREFIXES
    + "SELECT ?job WHERE { ?job a akg:Job ; org:organization $org }\n"
)


INJECTION = 'x" } UNION { ?s ?p ?o } #'


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_a_parameter_cannot_inject_syntax(seed_build, tmp_path, engine):
    store = EmbeddedStore.from_file(seed_build / "atelier.nt", engine)
    # the query shape the injection string is made for: a value inside a nested group
    text = (
        "# params: name (xsd:string, default Defait, a family name)\n"
        + PREFIXES
        + "SELECT ?s WHERE { { ?s foaf:familyName $name }\n}\n"
    )
    query = read_query(write_query(tmp_path, text))
    # persons.csv row 3: Julien Defait, the one person of that family name
    assert len(run_query(store, query).rows) == 1
    assert run_query(store, query, {"name": INJECTION}).rows == []
    # the same text spliced into the query would have returned every subject of every triple
    spliced = query.text.replace("$name", f'"{INJECTION}"')
    assert len(run_query(store, spliced.replace("# params:", "#"), {}).rows) > 1000


def test_an_iri_parameter_must_be_an_iri(tmp_path):
    query = read_query(write_query(tmp_path, _JOBS_AT))
    store = EmbeddedStore()
    for bad in (INJECTION, "<http://x> } UNION { ?s ?p ?o", "nowhere:thing", "plain words"):
        with pytest.raises(UsageError, match="parameter org"):
            run_query(store, query, {"org": bad})


def test_cli_parameter_errors_name_the_parameter():
    run = run_cli("query", "check/participants", "--param", "nope=1")
    assert run.code == 2 and "unknown parameter nope (declared: about)" in run.err
    run = run_cli("query", "check/participants", "--param", "about")
    assert run.code == 2 and "NAME=VALUE" in run.err
    assert "Traceback" not in run.err


def test_a_typed_parameter_is_checked_against_its_type(tmp_path):
    text = "# params: n (xsd:integer, default 2, a number)\nSELECT ?x WHERE { BIND($n + 1 AS ?x) }\n"
    query = read_query(write_query(tmp_path, text))
    store = EmbeddedStore()
    assert run_query(store, query).records() == [{"x": 3}]
    assert run_query(store, query, {"n": "40"}).records() == [{"x": 41}]
    with pytest.raises(UsageError, match="not a valid xsd:integer"):
        run_query(store, query, {"n": "forty"})


def test_a_bad_params_header_names_the_file_and_line(tmp_path):
    path = write_query(tmp_path, "# title: t\n# params: org IRI\nSELECT * WHERE { ?s ?p ?o }\n")
    run = run_cli("query", str(path))
    assert run.code == 2
    assert f"{path}:2:1: bad `# params:` header" in run.err


# -- query kinds and formats, re-read by real readers ------------------------------------------

SELECT_THEMES = PREFIXES + "SELECT ?t ?n WHERE { ?t a akg:Theme ; akg:ordinal ?n } ORDER BY ?n\n"


def test_select_in_every_format(seed_build, tmp_path):
    path = write_query(tmp_path, SELECT_THEMES)
    graph = ["--graph", str(seed_build / "atelier.nt")]
    # the page lists four themes, numbered 1 to 4
    formats = ("table", "csv", "tsv", "json", "md")
    out = {fmt: run_cli("query", str(path), "--format", fmt, *graph) for fmt in formats}
    assert all(r.code == 0 for r in out.values()), {f: r.err for f, r in out.items()}
    rows = list(csv.DictReader(io.StringIO(out["csv"].out)))
    assert [r["n"] for r in rows] == ["1", "2", "3", "4"]
    assert rows[0]["t"] == "https://w3id.org/atelier-kg/id/theme/1"
    bindings = json.loads(out["json"].out)["results"]["bindings"]
    assert [b["n"]["value"] for b in bindings] == ["1", "2", "3", "4"]
    tsv = list(csv.reader(io.StringIO(out["tsv"].out), delimiter="\t"))
    assert tsv[0] == ["?t", "?n"] and tsv[1][0] == "<https://w3id.org/atelier-kg/id/theme/1>"
    assert "theme:1" in out["table"].out and "(4 rows)" in out["table"].out
    assert out["md"].out.splitlines()[0] == "| t | n |" and len(out["md"].out.splitlines()) == 6


def test_ask_is_true_or_false(store, tmp_path):
    ask = PREFIXES + "ASK WHERE { ?o skos:prefLabel ?l FILTER (STR(?l) = $name) }\n"
    query = read_query(
        write_query(tmp_path, "# params: name (xsd:string, default CIRIDD, x)\n" + ask, "a.rq")
    )
    assert run_query(store, query).boolean is True
    assert run_query(store, query, {"name": "Nowhere Inc."}).boolean is False


@pytest.mark.parametrize("fmt, reader", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_construct_and_describe_are_graphs_re_read_by_rdflib(seed_build, tmp_path, fmt, reader):
    construct = PREFIXES + "CONSTRUCT { ?t a akg:Theme } WHERE { ?t a akg:Theme }\n"
    path = write_query(tmp_path, construct)
    run = run_cli("query", str(path), "--format", fmt, "--graph", str(seed_build / "atelier.nt"))
    assert run.code == 0, run.err
    graph = rdflib.Graph().parse(data=run.out, format=reader)
    assert len(graph) == 4  # four themes, one triple each
    describe = write_query(tmp_path, f"DESCRIBE <{CIRIDD}>\n", "d.rq")
    run = run_cli("query", str(describe), "--format", fmt, "--graph", str(seed_build / "atelier.nt"))
    graph = rdflib.Graph().parse(data=run.out, format=reader)
    labels = {str(o) for o in graph.objects(rdflib.URIRef(CIRIDD), rdflib.SKOS.prefLabel)}
    assert labels == {"CIRIDD"}


def test_a_graph_cannot_be_written_as_csv(seed_build, tmp_path):
    path = write_query(tmp_path, "CONSTRUCT WHERE { ?s ?p ?o }\n")
    run = run_cli("query", str(path), "--format", "csv", "--graph", str(seed_build / "atelier.nt"))
    assert run.code == 2 and "a graph is written as ttl, nt, jsonld" in run.err


def test_out_writes_the_file_and_a_failure_keeps_the_previous_one(seed_build, tmp_path):
    path = write_query(tmp_path, SELECT_THEMES)
    target = tmp_path / "themes.csv"
    graph = ["--graph", str(seed_build / "atelier.nt")]
    assert run_cli("query", str(path), "--format", "csv", "--out", str(target), *graph).code == 0
    before = target.read_bytes()
    assert before.count(b"\n") == 5
    bad = write_query(tmp_path, "SELECT * WHERE { ?s ?p }\n", "bad.rq")
    assert run_cli("query", str(bad), "--format", "csv", "--out", str(target), *graph).code == 2
    assert target.read_bytes() == before


# -- errors -------------------------------------------------------------------------------------


def test_a_syntax_error_names_file_line_and_column(seed_build, tmp_path):
    # line 4 is `} LIMIT x`: LIMIT wants an integer, and x stands at column 9
    path = write_query(tmp_path, "# title: broken\nSELECT * WHERE {\n  ?s ?p ?o\n} LIMIT x\n")
    run = run_cli("query", str(path), "--graph", str(seed_build / "atelier.nt"))
    assert run.code == 2
    assert run.err.startswith(f"atelier-kg: error: {path}:4:9: SPARQL syntax error")
    assert "fix:" in run.err and "Traceback" not in run.err


def test_an_undeclared_prefix_is_named(tmp_path):
    # line 3, column 6 is where `foaf:name` starts; only skos: is declared
    text = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\nSELECT * WHERE {\n  ?s foaf:name ?n\n}\n"
    run = run_cli("query", str(write_query(tmp_path, text)))
    assert run.code == 2
    assert f"{tmp_path / 'q.rq'}:3:6: SPARQL syntax error: the prefix foaf: is not declared" in run.err
    assert "add `PREFIX foaf: <…>`" in run.err


def test_an_unknown_query_lists_close_matches():
    run = run_cli("query", "check/participant")
    assert run.code == 2
    assert "no query named 'check/participant'" in run.err and "check/participants" in run.err


def test_an_update_is_not_run(tmp_path):
    path = write_query(tmp_path, "INSERT DATA { <urn:a> <urn:b> <urn:c> }\n")
    run = run_cli("query", str(path), "--graph", str(ROOT / "ontology" / "atelier.ttl"))
    assert run.code == 2 and "SPARQL syntax error" in run.err


def test_a_missing_build_says_to_build(tmp_path):
    run = run_cli("query", "check/participants", "--graph", str(tmp_path / "none.nt"))
    assert run.code == 2 and "run `atelier-kg build` first" in run.err


# -- timeouts -----------------------------------------------------------------------------------


def test_a_cartesian_product_is_stopped_at_the_timeout(seed_build, tmp_path):
    path = write_query(tmp_path, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }\n")
    start = time.monotonic()
    run = run_cli("query", str(path), "--timeout", "1", "--graph", str(seed_build / "atelier.nt"))
    elapsed = time.monotonic() - start
    assert run.code == 2 and "was stopped after 1 s" in run.err
    assert elapsed < 20  # a run to the end would take hours


def test_catastrophic_regex_backtracking_is_stopped_at_the_timeout():
    # Python's re backtracks exponentially on (a+)+$ against a's ending in b; rdflib uses re
    store = EmbeddedStore("rdflib")
    text = 'SELECT ?x WHERE { BIND (REGEX("' + "a" * 40 + 'b", "^(a+)+$") AS ?x) }'
    start = time.monotonic()
    with pytest.raises(QueryTimeout):
        run_query(store, text, timeout=1)
    assert time.monotonic() - start < 10


def test_the_default_timeout_is_30_seconds():
    run = run_cli("query", "--help")
    assert "default: 30 s" in run.out


# -- no fetching --------------------------------------------------------------------------------


class Listener:
    """A TCP socket on 127.0.0.1 that counts the connections it receives."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(8)
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self.stop = False
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self.stop:
            try:
                conn, _ = self.socket.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.stop = True
        self.thread.join()
        self.socket.close()


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_from_service_and_load_never_fetch(tmp_path, engine):
    listener = Listener()
    local = tmp_path / "secret.ttl"
    local.write_text("<urn:s> <urn:p> <urn:o> .\n", encoding="utf-8")
    store = EmbeddedStore.from_triples([], engine)
    url = f"http://127.0.0.1:{listener.port}/data.ttl"
    try:
        for source in (url, local.as_uri()):
            answer = run_query(store, f"SELECT * FROM <{source}> WHERE {{ ?s ?p ?o }}")
            assert answer.rows == []  # FROM names a graph of the store, never a document
        for text in (
            f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        ):
            with pytest.raises(RemoteRefused, match="--allow-remote"):
                run_query(store, text)
        run = run_cli("query", str(write_query(tmp_path, f"LOAD <{url}>\n")), "--graph", str(local))
        assert run.code == 2
        time.sleep(0.5)
    finally:
        listener.close()
    assert listener.connections == 0


def test_service_runs_with_allow_remote(oxigraph_server, tmp_path):
    # a federated query against a real local endpoint stands in for Wikidata
    data = tmp_path / "remote.nt"
    data.write_text('<urn:a> <urn:label> "remote" .\n', encoding="utf-8")
    from atelier_kg.sparql.push import push

    push(data, oxigraph_server.store)
    text = f"SELECT ?l WHERE {{ SERVICE <{oxigraph_server.query}> {{ <urn:a> <urn:label> ?l }} }}"
    path = write_query(tmp_path, text)
    run = run_cli("query", str(path), "--allow-remote", "--format", "csv", "--graph", str(data))
    assert run.code == 0, run.err
    assert run.out.splitlines() == ["l", "remote"]
    assert run_cli("query", str(path), "--graph", str(data)).code == 2


# -- the Python API -----------------------------------------------------------------------------


def test_api_rows_and_dataframe(seed_build):
    kg = KnowledgeGraph.load(seed_build / "atelier.nt")
    # data/: the participant table (35 rows) plus Priscilla Rabier
    assert kg.rows("check/participants") == [{"value": 36}]
    assert kg.rows("check/participants", about=CIRIDD) == [{"value": 0}]
    frame = kg.dataframe(SELECT_THEMES)
    assert list(frame.columns) == ["t", "n"] and list(frame["n"]) == [1, 2, 3, 4]
    assert kg.query("ASK { ?s ?p ?o }").boolean is True
    assert len(kg.query(f"DESCRIBE <{CIRIDD}>")) > 3


def test_api_from_sources_matches_the_build(seed_build):
    built = KnowledgeGraph.load(seed_build / "atelier.nt")
    fresh = KnowledgeGraph.from_sources(ROOT / "data", ROOT / "ontology")
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert fresh.rows(query) == built.rows(query)
