"""Reading a SPARQL 1.1 Protocol request and negotiating its format, without a server."""

from __future__ import annotations

import pytest

from atelier_kg.serve.negotiate import choose
from atelier_kg.serve.protocol import ProtocolError, read_request
from atelier_kg.sparql import Dataset

ASK = "ASK { ?s ?p ?o }"


def test_the_three_ways_to_send_a_query_give_the_same_request():
    get = read_request("GET", "query=ASK+%7B+%3Fs+%3Fp+%3Fo+%7D", None, b"")
    form = read_request("POST", "", "application/x-www-form-urlencoded", b"query=ASK+%7B+%3Fs+%3Fp+%3Fo+%7D")
    direct = read_request("POST", "", "application/sparql-query; charset=utf-8", ASK.encode())
    assert get.query.text == form.query.text == direct.query.text == ASK
    assert get.query.form == "ask"


def test_the_dataset_parameters_are_read():
    request = read_request(
        "GET", "query=ASK%7B%7D&default-graph-uri=http%3A%2F%2Fa&named-graph-uri=http%3A%2F%2Fb", None, b""
    )
    assert request.dataset == Dataset(("http://a",), ("http://b",))
    assert read_request("GET", "query=ASK%7B%7D", None, b"").dataset is None


@pytest.mark.parametrize(
    ("method", "query_string", "content_type", "body", "status", "words"),
    [
        ("PUT", "query=ASK%7B%7D", None, b"", 405, "GET or POST"),
        ("GET", "query=ASK%7B%7D&query=ASK%7B%7D", None, b"", 400, "several queries"),
        ("GET", "", None, b"", 400, "no query"),
        ("POST", "", "text/plain", ASK.encode(), 415, "text/plain"),
        ("POST", "", None, ASK.encode(), 415, "Content-Type"),
        ("POST", "", "application/sparql-query; charset=UTF-16", ASK.encode("utf-16"), 415, "UTF-8"),
        ("GET", "query=ASK%7B%7D&default-graph-uri=data1", None, b"", 400, "absolute IRI"),
        ("GET", "query=ASK%7B%7D&named-graph-uri=%3Chttp%3A%2F%2Fa%3E", None, b"", 400, "IRI"),
        ("POST", "", "application/sparql-query", "ASK { ?s ?p 'é' }".encode("latin-1"), 400, "UTF-8"),
        ("POST", "", "application/sparql-update", b"DROP ALL", 403, "read-only"),
        ("POST", "", "application/x-www-form-urlencoded", b"update=DROP+ALL", 403, "read-only"),
        (
            "GET",
            "query=SELECT+*+%7B+SERVICE+%3Chttp%3A%2F%2Fx%3E+%7B+%3Fs+%3Fp+%3Fo+%7D+%7D",
            None,
            b"",
            403,
            "SERVICE",
        ),
    ],
)
def test_what_a_read_only_endpoint_refuses(method, query_string, content_type, body, status, words):
    with pytest.raises(ProtocolError) as refused:
        read_request(method, query_string, content_type, body)
    assert refused.value.status == status
    assert words in refused.value.message


@pytest.mark.parametrize(
    ("accept", "form", "expected"),
    [
        (None, "select", "application/sparql-results+json"),
        ("*/*", "graph", "text/turtle"),
        ("application/sparql-results+xml", "ask", "application/sparql-results+xml"),
        ("text/csv;q=0.5, text/tab-separated-values", "select", "text/tab-separated-values"),
        ("application/rdf+xml;q=0.9, application/n-triples;q=0.1", "graph", "application/rdf+xml"),
        ("text/html, application/ld+json;q=0.8", "graph", "application/ld+json"),
        ("text/*", "select", "text/csv"),
    ],
)
def test_the_format_follows_accept(accept, form, expected):
    assert choose(accept, form)[0] == expected


def test_nothing_acceptable_is_none():
    assert choose("image/png", "select") is None
    assert choose("text/turtle", "select") is None
