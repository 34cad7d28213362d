"""`atelier-kg serve`, started in a subprocess on a free port and spoken to over real HTTP."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
from conftest import run_cli
from httpserver import ask, get, serving
from rdflib import Graph

THEMES = (
    "PREFIX akg: <https://w3id.org/atelier-kg/def#> SELECT (COUNT(DISTINCT ?t) AS ?value) { ?t a akg:Theme }"
)
CIRIDD = "https://w3id.org/atelier-kg/id/org/ciridd"
DESCRIBE = f"CONSTRUCT {{ <{CIRIDD}> ?p ?o }} WHERE {{ <{CIRIDD}> ?p ?o }}"
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def endpoint(seed_build) -> Iterator[str]:
    with serving(seed_build / "atelier.nt", "--timeout", "2") as url:
        yield url


def test_get_post_form_and_post_direct_answer_the_four_themes(endpoint):
    """The page names four themes."""
    answers = [
        get(endpoint, THEMES),
        ask(
            endpoint,
            urllib.parse.urlencode({"query": THEMES}).encode(),
            {"Content-Type": "application/x-www-form-urlencoded"},
        ),
        ask(endpoint, THEMES.encode(), {"Content-Type": "application/sparql-query"}),
    ]
    for status, headers, body in answers:
        assert status == 200
        assert headers["Content-Type"].startswith("application/sparql-results+json")
        assert headers["Access-Control-Allow-Origin"] == "*"
        assert headers["Vary"] == "Accept"  # the format follows Accept: a cache must key on it
        assert json.loads(body)["results"]["bindings"][0]["value"]["value"] == "4"


def test_select_in_every_results_format(endpoint):
    status, _, xml = get(endpoint, THEMES, "application/sparql-results+xml")
    assert (
        status == 200 and b'<literal datatype="http://www.w3.org/2001/XMLSchema#integer">4</literal>' in xml
    )
    assert get(endpoint, THEMES, "text/csv")[2].split() == [b"value", b"4"]
    assert get(endpoint, THEMES, "text/tab-separated-values")[2].split() == [b"?value", b"4"]
    status, headers, body = get(endpoint, f"ASK {{ <{CIRIDD}> ?p ?o }}")
    assert json.loads(body)["boolean"] is True


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "xml"),
        ("application/ld+json", "json-ld"),
    ],
)
def test_a_construct_in_every_graph_format_is_re_read_by_rdflib(endpoint, accept, rdflib_format):
    status, headers, body = get(endpoint, DESCRIBE, accept)
    assert status == 200 and headers["Content-Type"].startswith(accept)
    graph = Graph().parse(data=body, format=rdflib_format)
    assert len(graph) > 0
    assert {str(s) for s in graph.subjects()} == {CIRIDD}


def test_sparqlwrapper_reads_the_endpoint(endpoint):
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(endpoint)
    client.setQuery(THEMES)
    client.setReturnFormat(JSON)
    assert client.query().convert()["results"]["bindings"][0]["value"]["value"] == "4"


def test_a_library_query_gives_the_same_rows_through_the_endpoint(endpoint, seed_build):
    embedded = run_cli(
        "query", "who-takes-part", "--graph", str(seed_build / "atelier.nt"), "--format", "csv"
    )
    remote = run_cli("query", "who-takes-part", "--endpoint", endpoint, "--format", "csv")
    assert embedded.code == remote.code == 0, remote.err
    assert len(embedded.out.splitlines()) > 30  # the page lists 34 participants
    assert remote.out == embedded.out


@pytest.mark.parametrize(
    ("request_args", "status", "words"),
    [
        ({"method": "PUT", "data": b"ASK {}"}, 405, b"GET or POST"),
        ({"data": b"ASK {}", "headers": {"Content-Type": "text/plain"}}, 415, b"text/plain"),
        ({"data": b"DROP ALL", "headers": {"Content-Type": "application/sparql-update"}}, 403, b"read-only"),
        (
            {"data": b"ASK { ?s ?p ", "headers": {"Content-Type": "application/sparql-query"}},
            400,
            b"syntax error",
        ),
    ],
)
def test_bad_requests_get_a_4xx_with_a_message(endpoint, request_args, status, words):
    code, headers, body = ask(endpoint, **request_args)
    assert code == status
    assert headers["Content-Type"].startswith("text/plain") and words in body and body.strip()
    assert b"Traceback" not in body


def test_an_unacceptable_media_type_is_406(endpoint):
    code, _, body = get(endpoint, THEMES, "image/png")
    assert code == 406 and b"application/sparql-results+json" in body


def test_a_runaway_query_is_stopped_in_time_and_the_server_goes_on(endpoint):
    start = time.monotonic()
    code, _, body = get(endpoint, CARTESIAN)
    elapsed = time.monotonic() - start
    assert code == 503 and b"stopped after 2 s" in body
    assert elapsed < 2 + 2
    assert get(endpoint, THEMES)[0] == 200


def test_results_past_max_rows_are_cut_and_the_answer_says_so(seed_build):
    with serving(seed_build / "atelier.nt", "--max-rows", "3") as url:
        status, headers, body = get(url, "SELECT ?s WHERE { ?s a ?type }")
        assert status == 200 and headers["X-SPARQL-Truncated"] == "3"
        assert len(json.loads(body)["results"]["bindings"]) == 3
        status, headers, body = get(url, THEMES)
        assert "X-SPARQL-Truncated" not in headers
        # the Service Description is the server's own description, never cut at --max-rows
        status, headers, body = ask(url, headers={"Accept": "text/turtle"})
        assert status == 200 and "X-SPARQL-Truncated" not in headers
        sd = "http://www.w3.org/ns/sparql-service-description#"
        described = Graph().parse(data=body, format="turtle")
        assert {str(p) for p in described.predicates()} >= {
            sd + "endpoint",
            sd + "supportedLanguage",
            sd + "resultFormat",
            sd + "defaultDataset",
        }


def test_a_missing_graph_is_a_message(tmp_path):
    result = run_cli("serve", "--graph", str(tmp_path / "none.nt"), "--port", "1")
    assert result.code == 2 and "none.nt" in result.err and "Traceback" not in result.err


def test_from_never_reads_a_local_file_nor_fetches_a_url(endpoint):
    for source in ("file:///etc/passwd", "http://127.0.0.1:9/data.ttl"):
        status, _, body = get(endpoint, f"SELECT * FROM <{source}> WHERE {{ ?s ?p ?o }}")
        assert status == 200 and json.loads(body)["results"]["bindings"] == []


def test_a_body_over_1_mb_is_refused_before_it_is_read(endpoint):
    """413 on the declared length alone: the client need not send (nor the server read) the body."""
    import http.client

    address = urllib.parse.urlsplit(endpoint)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=20)
    try:
        connection.putrequest("POST", address.path)
        connection.putheader("Content-Type", "application/sparql-query")
        connection.putheader("Content-Length", "1100000")
        connection.endheaders()
        response = connection.getresponse()
        assert response.status == 413
        assert b"1 MB" in response.read()
    finally:
        connection.close()


def test_without_a_query_the_endpoint_describes_itself(endpoint, seed_build):
    from rdflib import RDF, Namespace, URIRef

    sd = Namespace("http://www.w3.org/ns/sparql-service-description#")
    status, headers, body = ask(endpoint, headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    service = URIRef(endpoint)
    assert (service, RDF.type, sd.Service) in graph
    assert (service, sd.endpoint, service) in graph
    assert (service, sd.supportedLanguage, sd.SPARQL11Query) in graph
    lines = [
        line for line in (seed_build / "atelier.nt").read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    counts = [int(o) for o in graph.objects(None, URIRef("http://rdfs.org/ns/void#triples"))]
    assert counts == [len(lines)]
