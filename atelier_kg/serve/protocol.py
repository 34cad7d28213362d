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

from atelier_kg.errors import AtelierKGError
from atelier_kg.sparql.lexer import ParsedQuery, parse_query

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
    """A query request: the query read once, and the dataset the protocol names (if any)."""

    query: ParsedQuery
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def _text(body: bytes, what: str) -> str:
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
        return params + parse_qsl(_text(body, "the form"), keep_blank_values=True), None
    if media == DIRECT:
        return params, _text(body, "the query")
    if media == UPDATE:
        raise ProtocolError(403, "this endpoint is read-only: SPARQL updates are refused")
    if not media:
        raise ProtocolError(415, f"a POST needs a Content-Type: {FORM} or {DIRECT}")
    raise ProtocolError(415, f"{media} is not a SPARQL query media type; use {FORM} or {DIRECT}")


def read_request(method: str, query_string: str, content_type: str | None, body: bytes) -> SparqlRequest:
    """Read one protocol request; raise :class:`ProtocolError` for what must be refused."""
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
    return SparqlRequest(
        parsed,
        default_graphs=tuple(v for n, v in params if n == "default-graph-uri"),
        named_graphs=tuple(v for n, v in params if n == "named-graph-uri"),
    )
