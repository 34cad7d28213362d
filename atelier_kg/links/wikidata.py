"""A polite client for a Wikidata-shaped SPARQL endpoint: who we are, one request at a time, a cache.

Etiquette (the Wikimedia User-Agent policy and the Query Service's rules): every request names the
project *and* a contact (``contact`` argument, else ``ATELIER_KG_CONTACT``, else the project's
URL); requests go one after the other, never in parallel; each has a timeout; a 429 or 503 answer
is retried as the server asks (``Retry-After``, else exponential backoff: :func:`http.with_retries`).

Every answer is kept on disk (``$XDG_CACHE_HOME/atelier-kg/wikidata/``, else
``~/.cache/atelier-kg/wikidata/``): the key is the SHA-256 of the endpoint URL and the query text
after binding, the value the SPARQL JSON results as received. A re-run asks nothing it already
knows; delete the folder (or pass ``refresh=True``) to ask again.

Values enter a query as the library binds its parameters (:mod:`atelier_kg.sparql`): RDF terms
typed by the query's ``# params:`` header and written by pyoxigraph into a ``VALUES`` block opening
the outer ``WHERE`` group — here one row per binding, so a batch is one request. Text given by
the data can never add syntax to a query.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pyoxigraph as ox

from atelier_kg.errors import EndpointError, UsageError
from atelier_kg.output import atomic_write
from atelier_kg.sparql.http import USER_AGENT, auth_headers, check_url, with_retries
from atelier_kg.sparql.lexer import parse_query, with_rows
from atelier_kg.sparql.library import Query
from atelier_kg.sparql.params import Param, ParamError
from atelier_kg.sparql.runner import check_syntax

#: The Wikidata Query Service.
DEFAULT_ENDPOINT = "https://query.wikidata.org/sparql"
#: Who to contact about our requests when nobody says otherwise: the project's home.
DEFAULT_CONTACT = "https://w3id.org/atelier-kg"
#: Seconds to wait for one answer (the Query Service stops a query itself after 60 s and says so).
TIMEOUT = 70.0
ENTITY = "http://www.wikidata.org/entity/"
_ITEM = re.compile(r"^Q[1-9][0-9]*$")

Term = ox.NamedNode | ox.Literal
Binding = dict[str, dict[str, str]]


def contact_of(contact: str | None = None) -> str:
    """The contact named in the User-Agent: the one given, else ``ATELIER_KG_CONTACT``, else the project."""
    value = (contact or os.environ.get("ATELIER_KG_CONTACT") or DEFAULT_CONTACT).strip()
    if not value or any(ord(c) < 32 or ord(c) == 127 for c in value) or any(c in value for c in "()"):
        raise UsageError(
            f"contact {value!r} cannot go into a User-Agent header; "
            "give an e-mail address or a URL (ATELIER_KG_CONTACT)"
        )
    return value


def user_agent(contact: str | None = None) -> str:
    """The project's User-Agent with the contact the Wikimedia User-Agent policy asks for."""
    base = USER_AGENT[:-1] if USER_AGENT.endswith(")") else f"{USER_AGENT} ("
    return f"{base}; contact: {contact_of(contact)})"


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/atelier-kg/wikidata``, else ``~/.cache/atelier-kg/wikidata``."""
    base = os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / "atelier-kg" / "wikidata"


def bind_rows(query: Query, rows: Sequence[Mapping[str, str | Term | None]]) -> str:
    """The query text with a ``VALUES`` block of ``rows`` opening its outer WHERE group.

    Each value is read by its parameter's declared type (pyoxigraph terms are taken as they are);
    a missing or ``None`` value is ``UNDEF``. Raises :class:`UsageError` for an undeclared
    parameter, a value of the wrong type or a query without ``WHERE``.
    """
    declared = {p.name: p for p in query.params}
    names = [p.name for p in query.params if any(row.get(p.name) is not None for row in rows)]
    terms: list[list[Term | None]] = []
    for row in rows:
        unknown = sorted(set(row) - set(declared))
        if unknown:
            raise UsageError(f"{query.name}: unknown parameter {', '.join(unknown)}")
        terms.append([_term(query, declared[name], row.get(name)) for name in names])
    try:
        return with_rows(query.parsed, names, terms)
    except ValueError:
        raise UsageError(
            f"{query.path}: a query with parameters needs the WHERE keyword before its group"
        ) from None


def _term(query: Query, param: Param, value: str | Term | None) -> Term | None:
    """A parameter value as a term, read by its declared type (terms as they are, None as None)."""
    if value is None or isinstance(value, ox.NamedNode | ox.Literal):
        return value
    try:
        return param.term(value)
    except ParamError as exc:
        raise UsageError(f"{query.name}: parameter {param.name}: {exc}") from None


def cache_key(endpoint: str, text: str) -> str:
    """The cache key of a query: SHA-256 of the endpoint URL and the bound query text."""
    return hashlib.sha256(f"{endpoint}\n{text}".encode()).hexdigest()


def _bindings(data: bytes, url: str) -> list[Binding]:
    """The ``results.bindings`` of a SPARQL JSON answer; :class:`EndpointError` when it is not one."""
    try:
        document = json.loads(data.decode("utf-8"))
        bindings = document["results"]["bindings"]
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise EndpointError(f"{url}: the answer is not SPARQL JSON results ({exc})") from None
    if not isinstance(bindings, list) or not all(isinstance(b, dict) for b in bindings):
        raise EndpointError(f"{url}: the answer's results.bindings is not a list of bindings")
    return bindings


def value(binding: Binding, name: str) -> str | None:
    """The lexical value (or IRI) of a variable in one result row, None when unbound."""
    cell = binding.get(name)
    return cell.get("value") if isinstance(cell, dict) else None


def truth(binding: Binding, name: str) -> bool:
    """A boolean variable of a result row (``true``/``1``), False when unbound."""
    return (value(binding, name) or "").strip().lower() in ("true", "1")


def item_id(iri: str | None) -> str | None:
    """``Q42`` for ``http://www.wikidata.org/entity/Q42``; None for anything that is not an item."""
    if not iri or not iri.startswith(ENTITY):
        return None
    local = iri[len(ENTITY) :]
    return local if _ITEM.match(local) else None


class WikidataClient:
    """Sends SELECT queries to one endpoint, one at a time, and keeps every answer in the cache."""

    def __init__(
        self,
        endpoint: str = DEFAULT_ENDPOINT,
        *,
        cache_dir: Path | None = None,
        timeout: float = TIMEOUT,
        contact: str | None = None,
        refresh: bool = False,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.endpoint = check_url(endpoint)
        if not timeout or timeout <= 0:
            raise UsageError(f"timeout must be a positive number of seconds, not {timeout!r}")
        self.cache_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        self.timeout = float(timeout)
        self.agent = user_agent(contact)
        self.refresh = refresh
        self.sleep = sleep
        self.requests = 0
        self.hits = 0
        self._checked: set[Path] = set()

    def _headers(self) -> dict[str, str]:
        headers = {
            "User-Agent": self.agent,
            "Accept": "application/sparql-results+json",
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
        }
        # the project's credentials are for its own store: never sent to the public Query Service
        if self.endpoint != DEFAULT_ENDPOINT:
            headers.update(auth_headers())
        return headers

    def _path(self, key: str) -> Path:
        return self.cache_dir / key[:2] / f"{key}.json"

    def _cached(self, key: str) -> list[Binding] | None:
        path = self._path(key)
        if self.refresh or not path.is_file():
            return None
        try:
            return _bindings(path.read_bytes(), str(path))
        except (OSError, EndpointError):
            return None  # a damaged entry is asked again and overwritten

    def _store(self, key: str, data: bytes) -> None:
        path = self._path(key)
        try:
            atomic_write(path, data)
        except OSError as exc:
            raise UsageError(f"{self.cache_dir}: cannot write the cache ({exc.strerror or exc})") from None

    def _send(self, text: str) -> bytes:
        body = urllib.parse.urlencode({"query": text}).encode("utf-8")
        request = urllib.request.Request(self.endpoint, data=body, headers=self._headers(), method="POST")

        def send() -> bytes:
            self.requests += 1
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read()

        return with_retries(send, self.endpoint, self.timeout, sleep=self.sleep)

    def select_text(self, text: str) -> list[Binding]:
        """The result rows of a bound SELECT query: from the cache if asked before, else from the endpoint."""
        if parse_query(text).form != "select":
            raise UsageError("only SELECT queries are sent to a Wikidata-shaped endpoint")
        return self._answer(text)

    def _answer(self, text: str) -> list[Binding]:
        key = cache_key(self.endpoint, text)
        cached = self._cached(key)
        if cached is not None:
            self.hits += 1
            return cached
        data = self._send(text)
        bindings = _bindings(data, self.endpoint)
        self._store(key, data)
        return bindings

    def select(self, query: Query, rows: Sequence[Mapping[str, str | Term | None]]) -> list[Binding]:
        """Bind ``rows`` into a library query (one ``VALUES`` row each) and return the answer's rows."""
        if query.path not in self._checked:
            check_syntax(query.parsed)
            self._checked.add(query.path)
        text = bind_rows(query, rows)
        if query.parsed.form != "select":  # read once with the query: the bound text is not lexed again
            raise UsageError("only SELECT queries are sent to a Wikidata-shaped endpoint")
        return self._answer(text)
