"""Reading and cross-checking the curated sources: CSV tables, Turtle files, SSSOM mapping sets."""

from __future__ import annotations

from .graphfile import read_graph, read_triples
from .identifiers import SCHEMES, Scheme, problem
from .load import SourceData, SourceFile, known_iris, load_sources, read_turtle
from .mappings import Duplicate, Mapping, Mappings, load_alignment, load_mappings
from .sssom import MappingRow, MappingSet, read_mapping_set, write_mapping_set
from .tables import Row, TableSpec, read_table

__all__ = [
    "Duplicate",
    "Mapping",
    "MappingRow",
    "MappingSet",
    "Mappings",
    "Row",
    "SCHEMES",
    "Scheme",
    "SourceData",
    "SourceFile",
    "TableSpec",
    "known_iris",
    "load_alignment",
    "load_mappings",
    "load_sources",
    "problem",
    "read_graph",
    "read_mapping_set",
    "read_table",
    "read_triples",
    "read_turtle",
    "write_mapping_set",
]
