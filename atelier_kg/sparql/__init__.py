"""SPARQL: the query library, typed parameters, one runner over the embedded store and remote endpoints."""

from __future__ import annotations

from .embedded import ENGINES, Dataset, EmbeddedStore
from .lexer import ParsedQuery, parse_query
from .library import Query, find_query, library, library_markdown, read_query
from .params import Param, ParamError
from .push import Pushed, push
from .remote import Endpoint
from .results import FORMATS, QueryResult
from .runner import TIMEOUT, Store, Value, prepare, run_prepared, run_query, select_rows, text_query

__all__ = [
    "ENGINES",
    "Dataset",
    "EmbeddedStore",
    "Endpoint",
    "FORMATS",
    "Param",
    "ParamError",
    "ParsedQuery",
    "Pushed",
    "Query",
    "QueryResult",
    "Store",
    "TIMEOUT",
    "Value",
    "find_query",
    "library",
    "library_markdown",
    "parse_query",
    "prepare",
    "push",
    "read_query",
    "run_prepared",
    "run_query",
    "select_rows",
    "text_query",
]
