"""Dereferenceable IRIs on a real `atelier-kg serve`: 303 to a negotiated document, and the page."""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
from httpserver import ask, serving
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import SKOS

ID = "https://w3id.org/atelier-kg/id/"
CIRIDD = URIRef(ID + "org/ciridd")
ATELIER = URIRef(ID + "org/atelier")
ANIMATES = URIRef("https://w3id.org/atelier-kg/def#animates")


@pytest.fixture(scope="module")
def base(seed_build) -> Iterator[str]:
    with serving(seed_build / "atelier.nt") as url:
        yield url.removesuffix("/sparql")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def see_other(url: str, accept: str | None) -> tuple[int, str]:
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with opener.open(request, timeout=20) as response:
            return response.status, response.headers.get("Location", "")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", "")


@pytest.mark.parametrize(
    ("accept", "document"),
    [
        (None, "/doc/org/ciridd.html"),
        ("text/html,application/xhtml+xml,*/*;q=0.8", "/doc/org/ciridd.html"),
        ("text/turtle", "/doc/org/ciridd.ttl"),
        ("application/ld+json", "/doc/org/ciridd.jsonld"),
        ("application/n-triples;q=1, text/html;q=0.5", "/doc/org/ciridd.nt"),
    ],
)
def test_an_iri_answers_303_to_the_document_asked_for(base, accept, document):
    assert see_other(base + "/id/org/ciridd", accept) == (303, document)


def test_the_rdf_document_holds_the_statements_and_the_labels_of_what_they_point_to(base):
    """The page: CIRIDD co-runs the atelier."""
    status, headers, body = ask(base + "/doc/org/ciridd.ttl")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    assert (CIRIDD, ANIMATES, ATELIER) in graph
    assert (CIRIDD, SKOS.prefLabel, Literal("CIRIDD", lang="fr")) in graph
    assert any(graph.objects(ATELIER, SKOS.prefLabel))  # the label of what it points to
    assert {s for s in graph.subjects() if s != CIRIDD} <= set(graph.objects(CIRIDD, None))
    for extension, fmt in (("nt", "nt"), ("jsonld", "json-ld")):
        other = Graph().parse(data=ask(base + f"/doc/org/ciridd.{extension}")[2], format=fmt)
        assert isomorphic(other, graph)


def test_the_page_shows_label_types_links_what_points_here_and_embeds_the_data(base):
    status, headers, body = ask(base + "/doc/org/ciridd.html")
    page = body.decode("utf-8")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "<h1>CIRIDD</h1>" in page
    assert 'href="http://www.w3.org/ns/org#Organization"' in page  # an outgoing link
    assert 'href="/id/org/atelier"' in page  # our IRIs link to their local page
    assert 'href="/id/source/organisations.csv#row=3"' in page  # its source row
    assert (
        "What points here" in page and page.count('href="/id/org/atelier"') >= 2
    )  # atelier has it as member
    embedded = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    turtle = Graph().parse(data=ask(base + "/doc/org/ciridd.ttl")[2], format="turtle")
    assert isomorphic(Graph().parse(data=embedded.replace("<\\/", "</"), format="json-ld"), turtle)


def test_every_local_link_of_a_page_resolves(base):
    page = ask(base + "/doc/org/ciridd.html")[2].decode("utf-8")
    links = sorted({urllib.parse.urldefrag(h)[0] for h in re.findall(r'href="(/[^"]*)"', page)})
    assert len(links) > 5
    for link in links:
        status, _, _ = ask(base + link)  # urllib follows the 303
        assert status == 200, link


@pytest.mark.parametrize(
    "path",
    [
        "/id/org/no-such-organisation",
        "/id/../etc/passwd",
        "/id/org%2Fciridd",
        "/id/org/%00",
        "/id/org//ciridd",
        "/doc/org/no-such.ttl",
        "/doc/..%2F..%2Fetc%2Fpasswd.ttl",
    ],
)
def test_unknown_or_unsafe_paths_are_404(base, path):
    status, _, body = ask(base + path)
    assert status == 404 and b"Traceback" not in body


def test_a_resource_whose_name_ends_like_a_format_is_still_found(base):
    """`id:source/cases.ttl` is a source file of the build: its document is /doc/source/cases.ttl.ttl."""
    assert see_other(base + "/id/source/cases.ttl", "text/turtle") == (303, "/doc/source/cases.ttl.ttl")
    graph = Graph().parse(data=ask(base + "/doc/source/cases.ttl.ttl")[2], format="turtle")
    assert any(graph.subjects(None, None))
