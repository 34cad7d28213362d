"""What the server serves, opened into the web application: a graph file or an on-disk store.

The settings are one small value, so that each worker of a multi-process server (``--workers``)
opens the same application from them: the command line puts them in the environment, and uvicorn's
workers call :func:`app_from_environment`.

Each server process runs its queries in a pool of forked query processes over its store
(:mod:`atelier_kg.sparql.pool`): one per core, at least two, or ``$ATELIER_KG_QUERY_PROCESSES``.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from starlette.applications import Starlette

from atelier_kg.errors import UsageError
from atelier_kg.sparql import EmbeddedStore
from atelier_kg.sparql.pool import default_size

from .app import make_app
from .dataset import Publication, read_publication
from .service import SparqlService

#: The environment variable that hands the settings to the server's worker processes.
ENVIRONMENT = "ATELIER_KG_SERVE"
#: The environment variable that sets the number of query processes of each server process
#: (default: one per core, at least two); 0 forks a fresh child for each query instead.
PROCESSES = "ATELIER_KG_QUERY_PROCESSES"


@dataclass(frozen=True)
class ServeSettings:
    """What to serve and within which limits: ``graph`` (a file) or ``store`` (an Oxigraph folder)."""

    graph: str | None = None
    store: str | None = None
    timeout: float = 30.0
    max_rows: int = 10_000

    def __post_init__(self) -> None:
        if (self.graph is None) == (self.store is None):
            raise UsageError("serve either a graph file (--graph) or a store folder (--store), not both")
        if self.timeout <= 0 or self.max_rows <= 0:
            raise UsageError("--timeout and --max-rows must be positive")

    def to_json(self) -> str:
        """The settings as JSON, for the environment of the worker processes."""
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> ServeSettings:
        """The settings written by :meth:`to_json`."""
        return cls(**json.loads(text))


def open_store(settings: ServeSettings) -> EmbeddedStore:
    """The store served: the on-disk store opened read-only, or the graph file loaded in memory."""
    if settings.store is not None:
        return EmbeddedStore.from_directory(Path(settings.store))
    return EmbeddedStore.from_file(Path(settings.graph or ""))


def open_publication(settings: ServeSettings) -> Publication:
    """The dumps and VoID of the build a graph file belongs to; none for a store folder."""
    if settings.graph is None:
        return Publication()
    return read_publication(Path(settings.graph).parent)


def query_processes() -> int:
    """The query processes of each server process: ``$ATELIER_KG_QUERY_PROCESSES``, else the default."""
    value = os.environ.get(PROCESSES, "")
    if not value:
        return default_size()
    if not value.isdigit():
        raise UsageError(f"{PROCESSES}={value}: give a number of query processes (0: one fork per query)")
    return int(value)


def open_app(settings: ServeSettings) -> Starlette:
    """The web application serving what ``settings`` name."""
    store = open_store(settings)
    processes = query_processes()
    if processes:
        store.use_processes(processes)  # forked at the first query, then reused
    service = SparqlService(store, timeout=settings.timeout, max_rows=settings.max_rows)
    return make_app(service, open_publication(settings))


def app_from_environment() -> Starlette:
    """The application of the settings in ``$ATELIER_KG_SERVE`` (what each worker process calls)."""
    return open_app(ServeSettings.from_json(os.environ[ENVIRONMENT]))
