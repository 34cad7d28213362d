"""Queries on any SPARQL 1.1 endpoint, through SPARQLWrapper.

The query arrives with its parameters bound (see :mod:`atelier_kg.sparql`).
"""

from __future__ import annotations

import ast
import math
from pathlib import Path

import pyoxigraph as ox
from SPARQLWrapper import ASK, CONSTRUCT, JSON, POST, SELECT, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from atelier_kg.errors import EndpointError

from .http import USER_AGENT, auth_headers, check_url, server_message, with_retries
from .lexer import parse_query
from .results import QueryResult

_WEB_PAGE = ("text/html", "application/xhtml+xml")


def _response(exc: SPARQLWrapperException) -> bytes | str:
    """The server's answer that SPARQLWrapper put in its message (as the repr of the bytes)."""
    text = str(exc)
    _, found, body = text.partition("Response:\n")
    if not found:
        return text
    try:
        return ast.literal_eval(body.strip())
    except (ValueError, SyntaxError):
        return body


class Endpoint:
    """A remote SPARQL 1.1 query endpoint (``…/sparql``, Oxigraph's ``…/query``)."""

    def __init__(self, url: str) -> None:
        self.url = check_url(url)

    def run(
        self,
        text: str,
        timeout: float | None = 30.0,
        ordered: bool = False,
        origin: Path = Path("<query>"),
        form: str | None = None,
    ) -> QueryResult:
        """Send the query (parameters already bound); parse the answer into a :class:`QueryResult`.

        ``form`` (``select``, ``ask`` or ``graph``) is the one the runner read; else it is read here.
        """
        kind = form or parse_query(text).form
        wrapper = SPARQLWrapper(self.url, agent=USER_AGENT)
        wrapper.setMethod(POST)
        wrapper.setQuery(text)
        # SPARQLWrapper guesses the form with a regex that reads comments too ("added" in a comment
        # made it an ADD update, sent as `update=`); our lexer knows the form, so it decides
        wrapper.queryType = {"select": SELECT, "ask": ASK}.get(kind, CONSTRUCT)
        wrapper.setReturnFormat(TURTLE if kind == "graph" else JSON)
        if timeout:
            wrapper.setTimeout(max(1, math.ceil(timeout)))
        for name, value in auth_headers().items():
            wrapper.addCustomHttpHeader(name, value)

        def send() -> tuple[bytes, str]:
            try:
                response = wrapper.query().response
            except SPARQLWrapperException as exc:
                name = type(exc).__name__
                raise EndpointError(f"{self.url}: {name}: {server_message(_response(exc))}") from None
            return response.read(), response.headers.get_content_type()

        data, media_type = with_retries(send, self.url, timeout or 0)
        if media_type in _WEB_PAGE:  # a web site answers any request with a page: say so, not "bad JSON"
            raise EndpointError(
                f"{self.url}: not a SPARQL endpoint (it answered with a web page, {media_type}); "
                "give the endpoint's query URL, e.g. Oxigraph's …/query or Fuseki's …/DATASET/sparql"
            )
        try:
            if kind == "graph":
                fmt = ox.RdfFormat.from_media_type(media_type) or ox.RdfFormat.TURTLE
                return QueryResult.from_graph(data, fmt)
            return QueryResult.from_results(data, ordered=ordered)
        except (SyntaxError, ValueError) as exc:
            raise EndpointError(f"{self.url}: the answer is not valid {media_type}: {exc}") from None
