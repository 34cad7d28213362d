"""The dataset description and the dumps a real `atelier-kg serve` publishes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest
from httpserver import ask, serving
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import VOID

DATASET = URIRef("https://w3id.org/atelier-kg/id/dataset")
DUMPS = ("atelier.nt", "atelier.ttl", "atelier.jsonld")


@pytest.fixture(scope="module")
def base(seed_build) -> Iterator[str]:
    with serving(seed_build / "atelier.nt") as url:
        yield url.removesuffix("/sparql")


def test_the_void_names_the_endpoint_the_dumps_and_counts_the_triples(base, seed_build):
    status, headers, body = ask(base + "/.well-known/void", headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    assert (DATASET, VOID.sparqlEndpoint, URIRef(base + "/sparql")) in graph
    assert set(graph.objects(DATASET, VOID.dataDump)) == {URIRef(f"{base}/download/{name}") for name in DUMPS}
    assert (DATASET, VOID.uriSpace, Literal("https://w3id.org/atelier-kg/id/")) in graph
    lines = [
        line for line in (seed_build / "atelier.nt").read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    assert [int(n) for n in graph.objects(DATASET, VOID.triples)] == [len(lines)]


def test_the_download_page_gives_each_dump_with_its_size_and_checksum(base, seed_build):
    status, _, body = ask(base + "/download/")
    page = body.decode("utf-8")
    assert status == 200
    for name in DUMPS:
        data = (seed_build / name).read_bytes()
        assert f'href="/download/{name}"' in page
        assert f"{len(data):,} bytes" in page
        assert hashlib.sha256(data).hexdigest() in page
        assert ask(f"{base}/download/{name}")[2] == data


@pytest.mark.parametrize(
    "path", ["/download/void.ttl", "/download/..%2Fvoid.ttl", "/download/validation-report.txt"]
)
def test_no_other_file_of_the_build_folder_is_served(base, path):
    assert ask(base + path)[0] == 404
