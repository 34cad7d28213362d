"""The endpoint's work: run a protocol request on the store within its limits, in the format asked.

A query runs in a forked process that is killed at the time limit: one of the store's pool of
query processes when it has one (:mod:`atelier_kg.sparql.pool`, as ``atelier-kg serve`` sets up),
else a child forked for the query (:mod:`atelier_kg.sparql.timeout`). A runaway query is really
stopped, and the server goes on answering the other clients. The engine's JSON results are passed
on as they are (their rows counted in the query's process); results past ``max_rows`` are cut, and
the answer says so in a header.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pyoxigraph as ox

from atelier_kg.errors import AtelierKGError, QueryTimeout
from atelier_kg.namespaces import PREFIXES
from atelier_kg.serialise import jsonld, ntriples, sorted_triples, turtle
from atelier_kg.sparql.embedded import EmbeddedStore
from atelier_kg.sparql.results import QueryResult

from .description import service_description
from .negotiate import ALIASES, GRAPH_TYPES, RESULT_TYPES, choose
from .protocol import ProtocolError, SparqlRequest

#: The header that says the results were cut at ``--max-rows``, and at how many.
TRUNCATED = "X-SPARQL-Truncated"

_RESULTS_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}


@dataclass(frozen=True)
class Answer:
    """What the endpoint answers: status, media type, body and extra headers."""

    status: int
    media_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


@dataclass
class SparqlService:
    """A read-only SPARQL service over one embedded store."""

    store: EmbeddedStore
    timeout: float = 30.0
    max_rows: int = 10_000
    _size: int | None = field(default=None, init=False, repr=False)

    @property
    def size(self) -> int:
        """The number of triples served, counted once (the store is read-only)."""
        if self._size is None:
            self._size = len(self.store)
        return self._size

    def answer(self, request: SparqlRequest, accept: str | None, fmt: str | None = None) -> Answer:
        """Run ``request`` and serialise its result as negotiated; raise ProtocolError if refused."""
        form = request.query.form
        chosen = self._format(accept, fmt, form)
        try:
            kind, raw, size = self.store.run_raw(
                request.query.text, timeout=self.timeout, dataset=request.dataset, base=request.base
            )
        except QueryTimeout as exc:
            raise ProtocolError(503, str(exc)) from None
        except AtelierKGError as exc:  # a syntax error (with its position) or the engine's refusal
            raise ProtocolError(400, str(exc)) from None
        media, name = chosen
        if kind == "graph":
            return self._graph(QueryResult.from_graph(raw), media, name)
        return self._results(raw, size, media, name)

    @staticmethod
    def _format(accept: str | None, fmt: str | None, form: str) -> tuple[str, str]:
        offered = GRAPH_TYPES if form == "graph" else RESULT_TYPES
        if fmt is not None:
            name = ALIASES.get(fmt.lower())
            for media, known in offered:
                if known == name:
                    return media, known
            names = ", ".join(n for _, n in offered)
            raise ProtocolError(406, f"format={fmt}: not a format of this query; use one of {names}")
        chosen = choose(accept, form)
        if chosen is None:
            types = ", ".join(m for m, _ in offered)
            raise ProtocolError(
                406, f"no acceptable media type in Accept: {accept}; this query gives {types}"
            )
        return chosen

    def description(self, endpoint: str, accept: str | None, fmt: str | None = None) -> Answer:
        """The Service Description of this endpoint, in the RDF format negotiated (never cut)."""
        return self.rdf(service_description(endpoint, self.size), accept, fmt)

    def _results(self, raw: bytes, size: int, media: str, name: str) -> Answer:
        """SPARQL JSON results of ``size`` rows, cut at ``max_rows``, in the format ``name``."""
        headers: tuple[tuple[str, str], ...] = ()
        if size > self.max_rows:  # cut: the JSON is rewritten with the first rows only
            data = json.loads(raw)
            data["results"]["bindings"] = data["results"]["bindings"][: self.max_rows]
            raw, headers = json.dumps(data).encode("utf-8"), ((TRUNCATED, str(self.max_rows)),)
        if name == "json":
            return Answer(200, media, raw, headers)
        parsed = ox.parse_query_results(raw, format=ox.QueryResultsFormat.JSON)
        return Answer(200, media, parsed.serialize(format=_RESULTS_FORMATS[name]), headers)

    def _graph(self, result: QueryResult, media: str, name: str) -> Answer:
        triples = result.triples
        headers: tuple[tuple[str, str], ...] = ()
        if len(triples) > self.max_rows:
            triples = triples[: self.max_rows]
            headers = ((TRUNCATED, str(self.max_rows)),)
        return Answer(200, media, serialise_graph(triples, name), headers)

    def rdf(self, triples: list[ox.Triple], accept: str | None, fmt: str | None = None) -> Answer:
        """A description (``triples``, never cut) in the RDF format negotiated."""
        media, name = self._format(accept, fmt, "graph")
        return Answer(200, media, serialise_graph(sorted_triples(triples), name))


def serialise_graph(triples: list[ox.Triple], name: str) -> bytes:
    """``triples`` as ``name`` (ttl, nt, rdfxml, jsonld), with the project's prefixes."""
    if name == "nt":
        return ntriples(triples)
    if name == "jsonld":
        return jsonld(triples, PREFIXES)
    if name == "rdfxml":
        return ox.serialize(triples, format=ox.RdfFormat.RDF_XML)
    return turtle(triples, PREFIXES)
