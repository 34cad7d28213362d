"""A SPARQL 1.1 Protocol request read once into a value, or refused with its HTTP status.

The three ways to send a query (GET with ``query=``, POST form-encoded, POST with the query as
the body) give the same :class:`SparqlRequest`. What a read-only endpoint does not do is refused
here, before any engine sees the text: updates (403), several queries (400), a wrong method (405)
or media type (415), a body that is not UTF-8 (400), and ``SERVICE``, which would make the server
fetch another endpoint (403).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

import pyoxigraph as ox

from atelier_kg.errors import AtelierKGError
from atelier_kg.sparql import Dataset, ParsedQuery, parse_query

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"


class ProtocolError(AtelierKGError):
    """A request the endpoint refuses: the HTTP status and a message saying why and what to do."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class SparqlRequest:
    """A query request: the query read once, and the dataset the protocol names (None if none)."""

    query: ParsedQuery
    dataset: Dataset | None = None
    #: The IRI the query's relative IRIs are resolved against: the endpoint's URL.
    base: str | None = None


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def _charset(content_type: str | None) -> str | None:
    for parameter in (content_type or "").split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"').lower()
    return None


def _text(body: bytes, what: str, content_type: str | None) -> str:
    charset = _charset(content_type)
    if charset not in (None, "utf-8", "utf8"):
        raise ProtocolError(415, f"charset={charset}: {what} must be sent as UTF-8 (charset=utf-8)")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError(400, f"{what} is not UTF-8 text; send the query encoded as UTF-8") from None


def _pairs(method: str, query_string: str, content_type: str | None, body: bytes) -> tuple[list, str | None]:
    """The request's parameters and, for a direct POST, the query given as the body."""
    params = parse_qsl(query_string, keep_blank_values=True)
    if method == "GET":
        return params, None
    if method != "POST":
        raise ProtocolError(405, f"{method} is not a SPARQL query method; use GET or POST")
    media = _media_type(content_type)
    if media == FORM:
        return params + parse_qsl(_text(body, "the form", content_type), keep_blank_values=True), None
    if media == DIRECT:
        return params, _text(body, "the query", content_type)
    if media == UPDATE:
        raise ProtocolError(403, "this endpoint is read-only: SPARQL updates are refused")
    if not media:
        raise ProtocolError(415, f"a POST needs a Content-Type: {FORM} or {DIRECT}")
    raise ProtocolError(415, f"{media} is not a SPARQL query media type; use {FORM} or {DIRECT}")


def read_request(
    method: str, query_string: str, content_type: str | None, body: bytes, base: str | None = None
) -> SparqlRequest:
    """Read one protocol request sent to ``base``; raise :class:`ProtocolError` to refuse it."""
    params, direct = _pairs(method.upper(), query_string, content_type, body)
    if any(name == "update" for name, _ in params):
        raise ProtocolError(403, "this endpoint is read-only: SPARQL updates are refused")
    queries = [value for name, value in params if name == "query"]
    if direct is not None:
        queries.append(direct)
    if not queries:
        raise ProtocolError(400, "no query: give one as query=… (GET or form POST) or as the POST body")
    if len(queries) > 1:
        raise ProtocolError(400, "several queries in one request; send one query per request")
    parsed = parse_query(queries[0])
    if parsed.uses_service:
        raise ProtocolError(403, "SERVICE is refused: this endpoint never fetches another endpoint")
    return SparqlRequest(parsed, _dataset(params), base)


def _dataset(params: list[tuple[str, str]]) -> Dataset | None:
    """The dataset of ``default-graph-uri`` and ``named-graph-uri``, each an absolute IRI."""
    default = tuple(v for n, v in params if n == "default-graph-uri")
    named = tuple(v for n, v in params if n == "named-graph-uri")
    for iri in default + named:
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise ProtocolError(400, f"{iri!r} is not an absolute IRI; name each graph by its IRI") from None
    return Dataset(default, named) if default or named else None
