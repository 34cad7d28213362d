"""The Python API for notebooks: load the graph, run library or ad-hoc queries, get rows.

>>> kg = KnowledgeGraph.load("build/atelier.nt")          # doctest: +SKIP
>>> kg.rows("participants-by-organisation")               # doctest: +SKIP
>>> kg.dataframe("SELECT ?s WHERE { ?s a ?c }")           # doctest: +SKIP
>>> kg.network("organisation-cooperation").graph          # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

from atelier_kg.sparql.embedded import EmbeddedStore
from atelier_kg.sparql.library import Query, find_query, library
from atelier_kg.sparql.remote import Endpoint
from atelier_kg.sparql.results import QueryResult
from atelier_kg.sparql.runner import TIMEOUT, Store, Value, run_query, text_query


class KnowledgeGraph:
    """The atelier graph in a store (embedded by default, or a SPARQL endpoint)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @classmethod
    def load(cls, path: str | Path = "build/atelier.nt", engine: str = "oxigraph") -> KnowledgeGraph:
        """The graph of a file (by default the build) in the embedded store."""
        return cls(EmbeddedStore.from_file(Path(path), engine))

    @classmethod
    def from_sources(
        cls, data: str | Path = "data", ontology: str | Path | None = None, engine: str = "oxigraph"
    ) -> KnowledgeGraph:
        """The graph built from the curated sources (nothing written)."""
        from atelier_kg.build.pipeline import make_triples

        from .paths import ontology_dir

        triples = make_triples(Path(data), ontology_dir(Path(ontology) if ontology else None))
        return cls(EmbeddedStore.from_triples(triples, engine))

    @classmethod
    def endpoint(cls, url: str) -> KnowledgeGraph:
        """A graph held by a SPARQL 1.1 endpoint."""
        return cls(Endpoint(url))

    @staticmethod
    def queries() -> list[Query]:
        """The query library."""
        return library()

    def query(
        self,
        query: str | Query,
        timeout: float | None = TIMEOUT,
        allow_remote: bool = False,
        **params: Value,
    ) -> QueryResult:
        """Run a library query by name, a ``.rq`` file, or SPARQL text, with keyword parameters."""
        if isinstance(query, str):
            query = text_query(query) if any(c in query for c in " \n{") else find_query(query)
        return run_query(self.store, query, params, timeout=timeout, allow_remote=allow_remote)

    def rows(self, query: str | Query, **params: Value) -> list[dict[str, object]]:
        """The rows of a SELECT as dicts of Python values."""
        return self.query(query, **params).records()

    def dataframe(self, query: str | Query, **params: Value):
        """The rows of a SELECT as a pandas DataFrame (``pip install 'atelier-kg[pandas]'``)."""
        return self.query(query, **params).dataframe()

    def network(
        self,
        name: str,
        at: str | None = None,
        between: tuple[str, str] | None = None,
        timeout: float | None = TIMEOUT,
    ):
        """A network of the registry (``atelier-kg network`` lists them), built from this graph.

        ``network.graph`` is a networkx graph; ``at`` / ``between`` slice it in time.
        """
        from atelier_kg.network.build import build_network
        from atelier_kg.network.slices import Slice

        time_slice = Slice.at(at) if at else Slice.between(*between) if between else None
        return build_network(self.store, name, time_slice=time_slice, timeout=timeout)
