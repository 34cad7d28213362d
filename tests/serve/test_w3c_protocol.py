"""The W3C SPARQL 1.1 Protocol tests that apply to a read-only endpoint, replayed from their manifest
against `atelier-kg serve --store` (their data loaded as named graphs before the server starts)."""

from __future__ import annotations

import http.client
import json
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from httpserver import serving
from rdflib import RDF, RDFS, Graph, Namespace
from rdflib.collection import Collection

SUITE = Path(__file__).resolve().parents[1] / "data" / "w3c-protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = "http://www.w3.org/2011/http-statusCodes#StatusCode"
RESULTS = {"application/sparql-results+json", "application/sparql-results+xml"}
TABULAR = RESULTS | {"text/csv", "text/tab-separated-values"}
RDF_TYPES = {"text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json"}

MANIFEST = Graph().parse(SUITE / "manifest.ttl", format="turtle")
ENTRIES = list(
    Collection(MANIFEST, MANIFEST.value(MANIFEST.value(predicate=RDF.type, object=MF.Manifest), MF.entries))
)


def _name(entry) -> str:
    return str(entry).rsplit("#", 1)[1]


#: The tests a read-only endpoint must pass: every query test, and every bad request (a 4xx is
#: expected, updates included); the update tests that expect success do not apply.
APPLICABLE = [e for e in ENTRIES if not _name(e).startswith("update_")]


def test_the_manifest_is_read_whole():
    """34 tests in the manifest: 13 query tests, 7 update tests, 14 bad requests."""
    names = [_name(e) for e in ENTRIES]
    assert len(names) == 34
    assert sum(n.startswith("query_") for n in names) == 13
    assert sum(n.startswith("bad_") for n in names) == 14
    assert len(APPLICABLE) == 27


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("w3c") / "store"
    store = ox.Store(str(folder))
    for entry in ENTRIES:
        for data in MANIFEST.objects(entry, UT.graphData):
            graph = ox.NamedNode(str(MANIFEST.value(data, RDFS.label)))
            name = str(MANIFEST.value(data, UT.graph)).rsplit("/", 1)[1]
            store.bulk_load(path=str(SUITE / name), format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
    store.flush()
    del store
    with serving(None, "--store", str(folder)) as url:
        yield url


def _requests(entry) -> list:
    action = MANIFEST.value(entry, MF.action)
    return list(Collection(MANIFEST, MANIFEST.value(action, HT.requests)))


def _send(endpoint: str, request) -> tuple[int, http.client.HTTPMessage, bytes]:
    """Send the request as the manifest writes it: http.client adds no header of its own (urllib
    would add a form Content-Type to a POST that has none, and the test is that it has none)."""
    path = str(MANIFEST.value(request, HT.absolutePath))
    assert path.startswith("/sparql/")
    url = urllib.parse.urlsplit(endpoint)
    headers = {}
    listed = MANIFEST.value(request, HT.headers)
    for header in Collection(MANIFEST, listed) if listed is not None else []:
        headers[str(MANIFEST.value(header, HT.fieldName))] = str(MANIFEST.value(header, HT.fieldValue))
    body = MANIFEST.value(request, HT.body)
    data = None
    if body is not None:
        encoding = str(MANIFEST.value(body, CNT.characterEncoding) or "UTF-8")
        data = str(MANIFEST.value(body, CNT.chars)).encode(encoding)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=20)
    try:
        target = url.path + path[len("/sparql/") :]
        connection.request(str(MANIFEST.value(request, HT.methodName)), target, body=data, headers=headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def _boolean(media: str, body: bytes) -> bool:
    if media == "application/sparql-results+json":
        return json.loads(body)["boolean"]
    found = ET.fromstring(body).find("{http://www.w3.org/2005/sparql-results#}boolean")
    return found.text == "true"


@pytest.mark.parametrize("entry", APPLICABLE, ids=_name)
def test_w3c_protocol(endpoint, entry):
    for request in _requests(entry):
        status, headers, body = _send(endpoint, request)
        response = MANIFEST.value(request, HT.resp)
        allowed = {str(s)[len(HTS) :] for s in MANIFEST.objects(response, MF.expectedStatus)}
        assert f"{status // 100}xx" in allowed, (status, body[:300])
        media = (headers.get("Content-Type") or "").split(";")[0]
        expected = MANIFEST.value(response, MF.expectedFormat)
        if expected is not None and str(expected) == "boolean":
            assert media in RESULTS
        elif expected is not None and str(expected) == "tabular":
            assert media in TABULAR
        elif expected is not None:
            assert media in RDF_TYPES
            Graph().parse(data=body, format=media)
        boolean = MANIFEST.value(response, MF.expectedBoolean)
        if boolean is not None:
            assert _boolean(media, body) is boolean.toPython()
