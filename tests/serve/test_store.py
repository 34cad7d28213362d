"""`atelier-kg serve --store DIR`: an on-disk Oxigraph store (made by `oxigraph load`, as a user
would) served read-only, by one or several worker processes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import ROOT, free_port, run_cli, running
from httpserver import ask, children, get, serving
from rdflib import Graph

THEMES = (
    "PREFIX akg: <https://w3id.org/atelier-kg/def#> SELECT (COUNT(DISTINCT ?t) AS ?value) { ?t a akg:Theme }"
)
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
OXIGRAPH = shutil.which("oxigraph")
pytestmark = pytest.mark.skipif(OXIGRAPH is None, reason="needs the oxigraph CLI (pip install oxigraph)")


@pytest.fixture(scope="module")
def store(seed_build, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("store") / "oxigraph"
    command = [str(OXIGRAPH), "load", "--location", str(folder), "--file", str(seed_build / "atelier.nt")]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    return folder


@pytest.fixture(scope="module")
def endpoint(store) -> Iterator[str]:
    with serving(None, "--store", str(store), "--workers", "2", "--timeout", "1") as url:
        yield url


def test_the_store_answers_like_the_graph_file(endpoint, seed_build):
    """The page names four themes; the description counts every triple of the build."""
    status, _, body = get(endpoint, THEMES)
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["value"]["value"] == "4"
    _, _, description = ask(endpoint, headers={"Accept": "application/n-triples"})
    size = len(Graph().parse(seed_build / "atelier.nt"))
    assert f'"{size}"^^<http://www.w3.org/2001/XMLSchema#integer>'.encode() in description
    status, headers, document = ask(
        endpoint.replace("/sparql", "/id/org/ciridd"), headers={"Accept": "text/turtle"}
    )
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")  # after the 303
    assert "CIRIDD" in {str(o) for o in Graph().parse(data=document, format="turtle").objects()}


def test_several_workers_answer_concurrent_clients(endpoint):
    with ThreadPoolExecutor(16) as pool:
        answers = list(pool.map(lambda _: get(endpoint, THEMES)[0], range(64)))
    assert answers == [200] * 64


def test_a_runaway_query_on_the_store_is_stopped_and_the_workers_go_on(endpoint):
    started = time.monotonic()
    status, _, body = get(endpoint, CARTESIAN)
    assert status == 503 and b"stopped after 1 s" in body
    assert time.monotonic() - started < 1 + 2
    assert get(endpoint, THEMES)[0] == 200


def test_workers_are_processes_of_their_own(store):
    port = free_port()
    command = [sys.executable, "-m", "atelier_kg.cli", "serve", "--store", str(store), "--workers", "2"]
    probe = f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D"
    with running([*command, "--port", str(port)], probe, "atelier-kg serve", cwd=ROOT) as process:
        deadline = time.monotonic() + 20
        while len(children(process.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(children(process.pid)) >= 2


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (["--store", "no/such/folder"], "oxigraph load --location"),
        (["--store", "."], "not an Oxigraph store"),
        (["--store", ".", "--graph", "build/atelier.nt"], "not allowed with argument"),
        (["--store", ".", "--workers", "0"], "--workers must be at least 1"),
    ],
)
def test_bad_store_options_are_messages(options, words, tmp_path):
    done = run_cli("serve", *options, "--port", "1", cwd=tmp_path)
    assert done.code != 0 and words in done.err and "Traceback" not in done.err
