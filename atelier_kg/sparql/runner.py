"""One way to run a query, on the embedded store or on an endpoint: check, bind, run.

Parameters are bound the same way on every store: a ``VALUES`` block of the typed terms, written
by pyoxigraph's serialiser, opens the outer WHERE group (:func:`atelier_kg.sparql.lexer.with_values`).
A value is always one RDF term and can never add syntax. (SPARQL has no binding protocol for
endpoints, and Oxigraph's SEP-0007 substitution only takes projected variables, so this is the one
mechanism that works everywhere and gives the same answers everywhere.)
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox

from atelier_kg.errors import RemoteRefused, UsageError

from .embedded import EmbeddedStore, QuerySyntaxError, plain_value, syntax_error
from .lexer import ParsedQuery, with_values, without_service
from .library import Query
from .params import ParamError
from .remote import Endpoint
from .results import QueryResult

Store = EmbeddedStore | Endpoint
Value = str | int | float | bool | ox.NamedNode | ox.Literal

#: Default time limit of a query, in seconds.
TIMEOUT = 30.0


def text_query(text: str) -> Query:
    """A query given as text (no header, no declared parameters)."""
    return Query("<query>", Path("<query>"), {}, text)


def bind(query: Query, given: Mapping[str, Value] | None = None) -> dict[str, ox.NamedNode | ox.Literal]:
    """The terms of the query's parameters: the given values checked by type, else the defaults.

    Values given as text are read by the declared type (an IRI, a prefixed name, a number…);
    pyoxigraph terms are taken as they are. Raises :class:`UsageError` for an unknown parameter,
    a missing required one or a value of the wrong type.
    """
    given = dict(given or {})
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(given) - set(declared))
    if unknown:
        names = ", ".join(declared) or "none"
        raise UsageError(
            f"{query.name}: unknown parameter {', '.join(unknown)} (declared: {names}); "
            "declare parameters in the query's `# params:` header"
        )
    terms: dict[str, ox.NamedNode | ox.Literal] = {}
    for name, param in declared.items():
        value = given.get(name, param.default)
        if value is None:
            raise UsageError(f"{query.name}: parameter {name} ({param.type}) has no default; give it")
        if isinstance(value, ox.NamedNode | ox.Literal):
            terms[name] = value
            continue
        if isinstance(value, bool):
            value = str(value).lower()
        try:
            terms[name] = param.term(str(value))
        except ParamError as exc:
            raise UsageError(f"{query.name}: parameter {name}: {exc}") from None
    return terms


def check_syntax(query: ParsedQuery) -> None:
    """Check the syntax with Oxigraph's parser; raise :class:`QuerySyntaxError` with the position.

    The check runs the query on an empty store with services made graphs (nothing is called).
    Only syntax errors count: a function Oxigraph lacks may well exist on the endpoint.
    """
    missing = query.undeclared_prefix
    if missing:
        raise QuerySyntaxError(
            query.location(missing[1]),
            f"SPARQL syntax error: the prefix {missing[0]}: is not declared",
            f"add `PREFIX {missing[0]}: <…>` at the top of the query",
        )
    try:
        ox.Store().query(without_service(query))
    except SyntaxError as exc:
        raise syntax_error(query.origin, str(exc), query.line_offset) from None
    except Exception:  # noqa: BLE001 - evaluation errors are the store's to report
        pass


def prepare(query: Query, params: Mapping[str, Value] | None = None) -> str:
    """The query text ready to send: syntax checked, parameters bound by a VALUES block.

    Cheap (no store needed), so a command can report a bad query or parameter before loading a graph.
    """
    terms = bind(query, params)
    check_syntax(query.parsed)  # syntax errors point into the file as written
    try:
        return with_values(query.parsed, terms)
    except ValueError as exc:
        raise UsageError(f"{query.path}: {exc}") from None


def run_query(
    store: Store,
    query: Query | str,
    params: Mapping[str, Value] | None = None,
    *,
    timeout: float | None = TIMEOUT,
    allow_remote: bool = False,
) -> QueryResult:
    """Run a library query (or query text) with parameters on a store; the answer as a QueryResult.

    On the embedded store a query that calls ``SERVICE`` is refused unless ``allow_remote``;
    an endpoint runs what it is sent (federation is then the server's business).
    """
    if isinstance(query, str):
        query = text_query(query)
    _refuse_service(store, query, allow_remote)  # before the syntax check: refused however written
    return _execute(store, query, prepare(query, params), timeout)


def select_rows(
    store: Store,
    query: Query,
    params: Mapping[str, Value] | None = None,
    *,
    timeout: float | None = TIMEOUT,
) -> tuple[list[str], list[tuple]]:
    """A SELECT's variables and rows as plain Python values (see :meth:`EmbeddedStore.select`).

    The same query as :func:`run_query`, answered in a compact form for callers that read many
    rows (network building); SERVICE is refused on the embedded store as always.
    """
    _refuse_service(store, query, False)
    text = prepare(query, params)
    if isinstance(store, EmbeddedStore):
        return store.select(text, timeout=timeout, origin=query.path)
    result = _execute(store, query, text, timeout)
    if result.kind != "select":
        raise UsageError(f"{query.path}: a SELECT query is needed here")
    return result.variables, [tuple(plain_value(row.get(v)) for v in result.variables) for row in result.rows]


def run_prepared(
    store: Store, query: Query, text: str, *, timeout: float | None = TIMEOUT, allow_remote: bool = False
) -> QueryResult:
    """Run the text :func:`prepare` made of ``query`` (for callers that check before loading a store)."""
    _refuse_service(store, query, allow_remote)
    return _execute(store, query, text, timeout)


def _execute(store: Store, query: Query, text: str, timeout: float | None) -> QueryResult:
    parsed = query.parsed
    return store.run(text, timeout=timeout, ordered=parsed.ordered, origin=query.path, form=parsed.form)


def _refuse_service(store: Store, query: Query, allow_remote: bool) -> None:
    if isinstance(store, EmbeddedStore) and not allow_remote and query.parsed.uses_service:
        raise RemoteRefused(
            f"{query.path}: the query calls a remote service (SERVICE); the embedded store never "
            "fetches a URL unless you allow it with --allow-remote (allow_remote=True)"
        )
