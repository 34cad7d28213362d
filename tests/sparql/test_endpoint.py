"""The same queries on the embedded store and on a real Oxigraph server; pushing the build to it.

The server is `oxigraph serve` from the `oxigraph` package, started on 127.0.0.1 by the tests.
Failures of a server (503, 429) are produced by a small forwarding HTTP server placed in front of
the real one.
"""

from __future__ import annotations

import http.server
import threading
import time
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import Server, free_port, oxigraph_serve, run_cli

from atelier_kg.errors import EndpointError
from atelier_kg.sparql.embedded import EmbeddedStore
from atelier_kg.sparql.library import library
from atelier_kg.sparql.push import push
from atelier_kg.sparql.remote import Endpoint
from atelier_kg.sparql.runner import run_query

PARAMS = {  # non-default values, to compare bound parameters on both paths too
    "check/participants": {"about": "organisation:ciridd"},
    "organisations-by-type": {"type": "org-type:region"},
    "role-holders": {"role": "role:participant"},
}


@pytest.fixture(scope="module")
def loaded(seed_build, tmp_path_factory):
    """A server holding the seed build in its default graph, and the same build embedded."""
    with oxigraph_serve(tmp_path_factory.mktemp("oxigraph")) as server:
        push(seed_build / "atelier.nt", server.store)
        yield server, EmbeddedStore.from_file(seed_build / "atelier.nt")


def store_triples(server: Server, graph: str | None = None) -> set[str]:
    """Every triple of a graph of the server, read back through the Graph Store Protocol."""
    target = f"graph={urllib.parse.quote(graph, safe='')}" if graph else "default"
    request = urllib.request.Request(f"{server.store}?{target}", headers={"Accept": "application/n-triples"})
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
    return {str(t) for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)}


def build_triples(build: Path) -> set[str]:
    return {str(t) for t in ox.parse(path=str(build / "atelier.nt"), format=ox.RdfFormat.N_TRIPLES)}


# -- same answers -------------------------------------------------------------------------------


def test_every_library_query_gives_the_same_answer_on_both_paths(loaded):
    server, embedded = loaded
    endpoint = Endpoint(server.query)
    compared = 0
    for query in library():
        if query.needs_internet:
            continue
        for params in ({}, PARAMS.get(query.name)):
            if params is None:
                continue
            here = run_query(embedded, query, params)
            there = run_query(endpoint, query, params)
            assert here.kind == there.kind, query.name
            assert here.comparable() == there.comparable(), (query.name, params)
            compared += 1
    assert compared >= 20 + len(PARAMS)


def test_the_cli_runs_a_query_on_the_endpoint(loaded):
    server, _ = loaded
    run = run_cli("query", "check/participants", "--endpoint", server.query, "--format", "csv")
    assert run.code == 0, run.err
    assert run.out.splitlines() == ["value", "36"]  # the 35 table rows and Priscilla Rabier


def test_an_injected_parameter_adds_no_rows_on_the_endpoint(loaded, tmp_path):
    server, _ = loaded
    path = tmp_path / "q.rq"
    path.write_text(
        "# params: name (xsd:string, default Defait, a family name)\n"
        "PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n"
        "SELECT ?s WHERE { { ?s foaf:familyName $name }\n}\n",
        encoding="utf-8",
    )
    base = ["query", str(path), "--endpoint", server.query, "--format", "csv"]
    assert len(run_cli(*base).out.splitlines()) == 2  # header + Julien Defait
    run = run_cli(*base, "--param", 'name=x" } UNION { ?s ?p ?o } #')
    assert run.code == 0, run.err
    assert run.out.splitlines() == ["s"]


def test_a_slow_query_on_the_endpoint_is_stopped(oxigraph_server, seed_build, tmp_path):
    server = oxigraph_server  # its own server: it goes on computing until the test stops it
    push(seed_build / "atelier.nt", server.store)
    path = tmp_path / "slow.rq"
    path.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }\n", encoding="utf-8")
    start = time.monotonic()
    run = run_cli("query", str(path), "--endpoint", server.query, "--timeout", "1")
    assert run.code == 2 and "no answer within 1 s" in run.err
    assert time.monotonic() - start < 20


# -- push ---------------------------------------------------------------------------------------


def test_pushing_twice_leaves_exactly_the_build(oxigraph_server, seed_build):
    expected = build_triples(seed_build)
    for _ in range(2):
        run = run_cli("push", "--endpoint", oxigraph_server.store, "--file", str(seed_build / "atelier.nt"))
        assert run.code == 0, run.err
        assert f"pushed {len(expected)} triples into the default graph" in run.out
        assert store_triples(oxigraph_server) == expected


def test_push_into_a_named_graph_replaces_only_that_graph(oxigraph_server, seed_build, tmp_path):
    other = tmp_path / "other.nt"
    other.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    graph = "https://w3id.org/atelier-kg/id/dataset"
    push(other, oxigraph_server.store)  # the default graph holds something else
    push(other, oxigraph_server.store, graph)
    push(seed_build / "atelier.nt", oxigraph_server.store, graph)
    assert store_triples(oxigraph_server, graph) == build_triples(seed_build)
    assert store_triples(oxigraph_server) == {"<urn:a> <urn:b> <urn:c>"}


def test_push_errors_are_messages(oxigraph_server, seed_build):
    nt = str(seed_build / "atelier.nt")
    closed = f"http://127.0.0.1:{free_port()}/store"
    run = run_cli("push", "--endpoint", closed, "--file", nt)
    assert run.code == 2 and "cannot reach the server" in run.err and "Traceback" not in run.err
    run = run_cli("push", "--endpoint", f"{oxigraph_server.base}/nowhere", "--file", nt)
    assert run.code == 2 and "HTTP 404" in run.err and "Traceback" not in run.err
    run = run_cli("push", "--endpoint", oxigraph_server.store.replace("//", "//me:secret@"), "--file", nt)
    assert run.code == 2 and "credentials in the URL are refused" in run.err
    assert "secret" not in run.err
    run = run_cli("push", "--endpoint", oxigraph_server.store, "--file", str(seed_build / "none.nt"))
    assert run.code == 2 and "run `atelier-kg build` first" in run.err


def test_an_endpoint_error_shows_the_server_message(loaded, tmp_path):
    server, _ = loaded
    # Oxigraph answers 404 "POST /nowhere is not supported by this server"
    with pytest.raises(EndpointError, match="EndPointNotFound: POST /nowhere is not supported"):
        run_query(Endpoint(f"{server.base}/nowhere"), "SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    # a function the server lacks: its own words, no traceback
    path = tmp_path / "f.rq"
    path.write_text("SELECT * WHERE { ?s ?p ?o FILTER (<urn:f>(?o)) }\n", encoding="utf-8")
    run = run_cli("query", str(path), "--endpoint", server.query)
    assert run.code == 2 and "The custom function <urn:f> is not supported" in run.err
    assert "Traceback" not in run.err
    run = run_cli("query", "check/participants", "--endpoint", f"http://127.0.0.1:{free_port()}/query")
    assert run.code == 2 and "cannot reach the server" in run.err and "Traceback" not in run.err


# -- a failing server in front of the real one --------------------------------------------------


class Flaky:
    """A forwarding HTTP server: answers the first ``failures`` requests with ``status``."""

    def __init__(self, upstream: str, status: int, failures: int, retry_after: str | None) -> None:
        self.requests: list[tuple[str, dict[str, str], float]] = []
        flaky = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _any(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                flaky.requests.append((self.command, dict(self.headers), time.monotonic()))
                if len(flaky.requests) <= failures:
                    self.send_response(status)
                    if retry_after is not None:
                        self.send_header("Retry-After", retry_after)
                    self.send_header("Content-Length", "4")
                    self.end_headers()
                    self.wfile.write(b"busy")
                    return
                keep = ("Content-Type", "Accept")
                headers = {k: v for k, v in self.headers.items() if k in keep}
                request = urllib.request.Request(
                    upstream + self.path, data=body or None, method=self.command, headers=headers
                )
                with urllib.request.urlopen(request, timeout=30) as answer:
                    data = answer.read()
                    self.send_response(answer.status)
                    self.send_header("Content-Type", answer.headers.get("Content-Type", "text/plain"))
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)

            do_GET = do_POST = do_PUT = _any

            def log_message(self, *args) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_push_retries_on_503_honouring_retry_after(oxigraph_server, seed_build):
    flaky = Flaky(oxigraph_server.base, 503, failures=2, retry_after="1")
    try:
        run = run_cli(
            "push", "--endpoint", f"{flaky.base}/store", "--file", str(seed_build / "atelier.nt"),
            env={"ATELIER_KG_TOKEN": "tok-3141592"},
        )  # fmt: skip
    finally:
        flaky.close()
    assert run.code == 0, run.err
    assert [r[0] for r in flaky.requests] == ["PUT", "PUT", "PUT"]
    times = [r[2] for r in flaky.requests]
    assert times[1] - times[0] >= 0.9 and times[2] - times[1] >= 0.9  # Retry-After: 1
    for _, headers, _ in flaky.requests:
        assert headers["User-Agent"].startswith("atelier-kg/")
        assert headers["Authorization"] == "Bearer tok-3141592"
    assert "tok-3141592" not in run.out + run.err
    assert store_triples(oxigraph_server) == build_triples(seed_build)


def test_a_query_honours_retry_after_on_429(loaded):
    server, _ = loaded
    flaky = Flaky(server.base, 429, failures=1, retry_after="2")
    try:
        run = run_cli(
            "query", "check/participants", "--endpoint", f"{flaky.base}/query", "--format", "csv",
            env={"ATELIER_KG_USER": "researcher", "ATELIER_KG_PASSWORD": "pw-2718"},
        )  # fmt: skip
    finally:
        flaky.close()
    assert run.code == 0, run.err
    assert run.out.splitlines() == ["value", "36"]
    (_, first, t0), (_, second, t1) = flaky.requests
    assert t1 - t0 >= 1.9  # Retry-After: 2
    assert first["User-Agent"].startswith("atelier-kg/") and second["Authorization"].startswith("Basic ")
    assert "pw-2718" not in run.out + run.err


def test_a_server_that_stays_busy_gives_up_with_a_message(oxigraph_server, seed_build):
    flaky = Flaky(oxigraph_server.base, 503, failures=100, retry_after="3600")
    try:
        run = run_cli("push", "--endpoint", f"{flaky.base}/store", "--file", str(seed_build / "atelier.nt"))
    finally:
        flaky.close()
    assert run.code == 2 and "asks to wait 3600 s" in run.err
    assert len(flaky.requests) == 1


def test_a_comment_does_not_change_the_form_of_a_query(loaded, tmp_path):
    """SPARQLWrapper alone reads "added" in a comment as an ADD update; the lexer decides the form."""
    server, _ = loaded
    path = tmp_path / "commented.rq"
    path.write_text(
        "# title: t\n# question: q\n# params: none\n# a property added here, then LOAD and DROP in words\n"
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }\n",
        encoding="utf-8",
    )
    run = run_cli("query", str(path), "--endpoint", server.query, "--format", "csv")
    assert run.code == 0, run.err
    assert int(run.out.splitlines()[1]) > 1000
