"""The embedded store: the graph in memory, queried with Oxigraph (default) or rdflib.

Queries run in a forked child with a hard time limit (see :mod:`atelier_kg.sparql.timeout`), or,
once :meth:`EmbeddedStore.use_processes` was called (a server does), in a pool of forked processes
kept for the store's life, each killed and replaced at the time limit (:mod:`.pool`). The store
holds only what was loaded: ``FROM`` names a graph of the store, never a URL to fetch. ``SERVICE``
is refused before the engine sees the query unless remote access was allowed, and updates
(``LOAD``, ``INSERT``…) are not queries, so the parser rejects them.
"""

from __future__ import annotations

import json
import multiprocessing
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from atelier_kg.errors import AtelierKGError, Location, SourceError, UsageError
from atelier_kg.serialise import ntriples
from atelier_kg.sources.graphfile import read_triples

from .pool import WorkerPool
from .quiet import quiet_rdflib
from .results import QueryResult
from .timeout import ChildError, call_with_timeout

ENGINES = ("oxigraph", "rdflib")
_BULK = {".nt": ox.RdfFormat.N_TRIPLES, ".ttl": ox.RdfFormat.TURTLE}
_POSITION = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.DOTALL)  # Oxigraph
_RDFLIB_POSITION = re.compile(r"\(line:(\d+), col:(\d+)\)")  # pyparsing, used by rdflib


@dataclass(frozen=True)
class Dataset:
    """The RDF dataset a query runs on when the request names one: graph IRIs, default and named.

    The default graph is the merge of ``default_graphs`` (empty if there are none); only
    ``named_graphs`` can be reached with ``GRAPH``.
    """

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


class QuerySyntaxError(SourceError):
    """A query that does not parse: where, what the parser expected, how to fix it."""


_NUMBERS = {
    "http://www.w3.org/2001/XMLSchema#integer": int,
    "http://www.w3.org/2001/XMLSchema#int": int,
    "http://www.w3.org/2001/XMLSchema#long": int,
    "http://www.w3.org/2001/XMLSchema#decimal": float,
    "http://www.w3.org/2001/XMLSchema#double": float,
    "http://www.w3.org/2001/XMLSchema#float": float,
}


def plain_value(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str | int | float | None:
    """A term as a plain value: its lexical form, a number for a numeric literal, None for unbound."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        convert = _NUMBERS.get(term.datatype.value)
        if convert is not None:
            try:
                return convert(term.value)
            except ValueError:
                return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def syntax_error(origin: Path, message: str, line_offset: int = 0) -> QuerySyntaxError:
    """Our error for a parser message of the form ``error at LINE:COLUMN: …``.

    ``line_offset`` counts the lines of the file before the query's text, when it is part of a file.
    """
    match = _POSITION.search(message)
    if match:
        line, column, problem = int(match.group(1)) + line_offset, int(match.group(2)), match.group(3)
    elif found := _RDFLIB_POSITION.search(message):
        line, column, problem = int(found.group(1)) + line_offset, int(found.group(2)), message
    else:
        line, column, problem = None, None, message
    return QuerySyntaxError(
        Location(origin, line, column),
        f"SPARQL syntax error: {problem.strip()}",
        "correct the query there (SPARQL 1.1 query syntax; updates such as LOAD or INSERT are not run)",
    )


class EmbeddedStore:
    """An in-memory store of one graph (the default graph)."""

    def __init__(self, engine: str = "oxigraph") -> None:
        if engine not in ENGINES:
            raise UsageError(f"unknown store engine {engine!r}; use one of {', '.join(ENGINES)}")
        self.engine = engine
        self._pool: WorkerPool | None = None
        if engine == "oxigraph":
            self._store: object = ox.Store()
        else:
            from rdflib import Graph

            self._store = Graph()

    @classmethod
    def from_triples(cls, triples: Iterable[ox.Triple], engine: str = "oxigraph") -> EmbeddedStore:
        """A store holding ``triples``."""
        store = cls(engine)
        store.add(triples)
        return store

    @classmethod
    def from_directory(cls, path: Path) -> EmbeddedStore:
        """An on-disk Oxigraph store opened read-only, with its named graphs (it starts at once)."""
        if not path.is_dir():
            raise UsageError(
                f"{path}: no such store folder; create one with "
                f"`oxigraph load --location {path} --file build/atelier.nt`"
            )
        store = cls("oxigraph")
        try:
            store._store = ox.Store.read_only(str(path))
        except OSError as exc:
            raise SourceError(
                Location(path), f"not an Oxigraph store: {exc}", "give the folder of an Oxigraph store"
            ) from None
        return store

    @classmethod
    def from_file(cls, path: Path, engine: str = "oxigraph") -> EmbeddedStore:
        """A store loaded from an RDF file (N-Triples and Turtle are bulk-loaded)."""
        store = cls(engine)
        store.load(path)
        return store

    def add(self, triples: Iterable[ox.Triple]) -> None:
        """Add triples to the store."""
        if self.engine == "oxigraph":
            self._store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
        else:
            from atelier_kg.terms import rdflib_graph

            with quiet_rdflib():  # data is queried as it is, ill-typed literals included
                self._store += rdflib_graph(triples)

    def load(self, path: Path) -> None:
        """Load an RDF file; a malformed file raises :class:`SourceError` with its position."""
        fmt = _BULK.get(path.suffix.lower())
        if fmt is None or not path.is_file():
            self.add(read_triples(path))  # also checks the file exists; never fetches a context
            return
        try:
            if self.engine == "oxigraph":
                self._store.bulk_load(path=str(path), format=fmt)
            else:
                with quiet_rdflib():
                    self._store.parse(str(path), format="nt" if fmt == ox.RdfFormat.N_TRIPLES else "turtle")
        except SyntaxError as exc:
            raise SourceError(
                Location(path, exc.lineno, exc.offset), f"malformed {fmt.name}: {exc.msg}", "correct it there"
            ) from None
        except Exception as exc:  # rdflib's parsers raise their own types
            raise SourceError(Location(path), f"malformed {fmt.name}: {exc}", "correct it there") from None

    def use_processes(self, size: int) -> None:
        """Run every later query in a pool of ``size`` forked processes, kept for the store's life.

        The pool starts at the first query; the store must not change afterwards (the processes
        hold the store as it was when they were forked).
        """
        if "fork" in multiprocessing.get_all_start_methods():
            self._pool = WorkerPool(self, size)

    def close(self) -> None:
        """Stop the query processes, if any."""
        if self._pool is not None:
            self._pool.close()

    def _call(self, method: str, args: tuple, kwargs: dict, timeout: float | None, what: str) -> object:
        """``self.method(*args, **kwargs)`` with a hard time limit: in the pool, else a forked child."""
        if self._pool is not None:
            return self._pool.call(method, args, kwargs, timeout=timeout, what=what)
        return call_with_timeout(lambda: getattr(self, method)(*args, **kwargs), timeout, what)

    def _query_call(self, method: str, text: str, kwargs: dict, timeout: float | None, origin: Path) -> tuple:
        """``self.method(text, **kwargs)`` within the time limit, its failures as our errors."""
        try:
            return self._call(method, (text,), kwargs, timeout, f"query {origin}")
        except ChildError as exc:
            raise self._error(exc.kind, exc.message, origin) from None
        except AtelierKGError:
            raise
        except SyntaxError as exc:  # run in-process when fork does not exist
            raise syntax_error(origin, str(exc)) from None
        except Exception as exc:  # in-process too: the engine's own error types
            raise self._error(type(exc).__name__, str(exc), origin) from None

    def __len__(self) -> int:
        if self._pool is not None:  # the server's own process leaves the store to the pool
            return int(self._pool.call("_count"))
        return self._count()

    def _count(self) -> int:
        return len(self._store)

    def run(
        self,
        text: str,
        timeout: float | None = 30.0,
        ordered: bool = False,
        origin: Path = Path("<query>"),
        form: str | None = None,
        dataset: Dataset | None = None,
        base: str | None = None,
    ) -> QueryResult:
        """Run a query (parameters already bound); stop it after ``timeout`` seconds.

        ``form`` is taken for the same call as :meth:`Endpoint.run`: the engine here knows the form.
        ``dataset`` (the protocol's ``default-graph-uri`` and ``named-graph-uri``) replaces the
        query's own ``FROM`` and ``FROM NAMED``, as the SPARQL 1.1 Protocol says; relative IRIs of
        the query are resolved against ``base`` (an endpoint's URL), else refused.
        """
        if dataset is not None and self.engine != "oxigraph":
            raise UsageError("a protocol dataset (default-graph-uri, named-graph-uri) needs oxigraph")
        method = "_oxigraph_work" if self.engine == "oxigraph" else "_rdflib_work"
        kwargs: dict[str, object] = {"base": base}
        if dataset is not None:
            kwargs["dataset"] = dataset
        kind, data = self._query_call(method, text, kwargs, timeout, origin)
        if kind == "graph":
            return QueryResult.from_graph(data)
        return QueryResult.from_results(data, ordered=ordered)

    def run_raw(
        self,
        text: str,
        timeout: float | None = 30.0,
        dataset: Dataset | None = None,
        base: str | None = None,
    ) -> tuple[str, bytes, int]:
        """A query's answer as the engine wrote it, for an endpoint that passes it on: (kind, data, size).

        ``kind`` is ``"results"`` (SPARQL JSON of a SELECT, ``size`` its rows, or of an ASK, size 0)
        or ``"graph"`` (N-Triples, ``size`` its triples). The rows are counted in the query's
        process, so the caller need not parse the answer to know whether to cut it.
        """
        if self.engine != "oxigraph":
            result = self.run(text, timeout=timeout, dataset=dataset, base=base)
            if result.kind == "graph":
                return "graph", ntriples(result.triples), len(result.triples)
            return "results", result.raw, len(result.rows)
        kwargs: dict[str, object] = {"base": base, "dataset": dataset}
        origin = Path("<query>")
        return self._query_call("_counted_work", text, kwargs, timeout, origin)

    def _counted_work(
        self, text: str, dataset: Dataset | None = None, base: str | None = None
    ) -> tuple[str, bytes, int]:
        kind, data = self._oxigraph_work(text, dataset=dataset, base=base)
        if kind == "graph":
            return kind, data, data.count(b"\n")  # one triple a line; N-Triples escapes newlines
        return kind, data, len(json.loads(data).get("results", {}).get("bindings", ()))

    def select(
        self, text: str, timeout: float | None = 30.0, origin: Path = Path("<query>")
    ) -> tuple[list[str], list[tuple]]:
        """A SELECT's variables and rows as plain Python values, for callers that read many rows.

        IRIs and literals become their lexical value (numbers as int or float), unbound variables
        None. On Oxigraph the child sends back a table of distinct strings and rows of indexes,
        far smaller than SPARQL JSON results (network queries return hundreds of thousands of rows).
        """
        if self.engine != "oxigraph":
            result = self.run(text, timeout=timeout, origin=origin)
            return result.variables, [
                tuple(plain_value(row.get(v)) for v in result.variables) for row in result.rows
            ]
        try:
            variables, strings, rows = self._call("_select_work", (text,), {}, timeout, f"query {origin}")
        except ChildError as exc:
            raise self._error(exc.kind, exc.message, origin) from None
        except AtelierKGError:
            raise
        except SyntaxError as exc:
            raise syntax_error(origin, str(exc)) from None
        except Exception as exc:
            raise self._error(type(exc).__name__, str(exc), origin) from None
        return variables, [tuple(None if i is None else strings[i] for i in row) for row in rows]

    def _select_work(self, text: str) -> tuple[list[str], list, list[tuple]]:
        answer = self._store.query(text)
        if not isinstance(answer, ox.QuerySolutions):
            raise ValueError("not a SELECT query")
        variables = [v.value for v in answer.variables]
        index: dict[object, int] = {}  # distinct terms, converted once at the end
        rows = []
        for solution in answer:
            rows.append(
                tuple(None if term is None else index.setdefault(term, len(index)) for term in solution)
            )
        return variables, [plain_value(term) for term in index], rows

    @staticmethod
    def _error(kind: str, message: str, origin: Path) -> AtelierKGError:
        if kind in ("SyntaxError", "ParseException"):
            return syntax_error(origin, message)
        return AtelierKGError(f"query {origin} failed: {message}")

    def _oxigraph_work(
        self, text: str, dataset: Dataset | None = None, base: str | None = None
    ) -> tuple[str, bytes]:
        if dataset is None:
            answer = self._store.query(text, base_iri=base)
        else:
            answer = self._store.query(
                text,
                base_iri=base,
                default_graph=[ox.NamedNode(g) for g in dataset.default_graphs],
                named_graphs=[ox.NamedNode(g) for g in dataset.named_graphs],
            )
        if isinstance(answer, ox.QueryTriples):
            return "graph", answer.serialize(format=ox.RdfFormat.N_TRIPLES)
        return "results", answer.serialize(format=ox.QueryResultsFormat.JSON)

    def _rdflib_work(self, text: str, base: str | None = None) -> tuple[str, bytes]:
        from rdflib.plugins import sparql

        sparql.SPARQL_LOAD_GRAPHS = False  # FROM never loads a URL
        with quiet_rdflib():  # an ill-typed literal of the query or the data is no error to log
            answer = self._store.query(text, base=base) if base else self._store.query(text)
            if answer.type in ("CONSTRUCT", "DESCRIBE"):
                return "graph", answer.graph.serialize(format="nt", encoding="utf-8")
            return "results", answer.serialize(format="json")
