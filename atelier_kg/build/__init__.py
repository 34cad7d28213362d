"""The build: checked sources → triples with provenance → materialised → validated → outputs."""

from __future__ import annotations

from .mappinggraph import mapping_triples
from .materialise import materialise
from .pipeline import (
    DUMPS,
    OUTPUTS,
    BuildResult,
    build,
    load_ontology,
    make_graph,
    make_triples,
    read_and_build,
)
from .triples import build_triples
from .void import describe, describe_graph

__all__ = [
    "BuildResult",
    "DUMPS",
    "OUTPUTS",
    "build",
    "build_triples",
    "describe",
    "describe_graph",
    "load_ontology",
    "make_graph",
    "make_triples",
    "mapping_triples",
    "materialise",
    "read_and_build",
]
