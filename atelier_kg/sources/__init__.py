"""Reading and cross-checking the curated sources: CSV tables, Turtle files, SSSOM mapping sets."""

from __future__ import annotations

from .cleaning import usual_capitalisation
from .graphfile import read_graph, read_triples
from .identifiers import SCHEMES, Scheme, problem
from .load import SourceData, SourceFile, Tables, known_iris, load_sources, read_turtle
from .mappings import ENTITY_TARGETS, Duplicate, Mapping, Mappings, load_alignment, load_mappings
from .sssom import (
    BASE_COLUMNS,
    CURIE_COLUMNS,
    MappingRow,
    MappingSet,
    curated_paths,
    expand,
    format_mapping_set,
    read_mapping_set,
    row_cells,
    split,
    write_mapping_set,
)
from .tables import Row, TableSpec, read_table

__all__ = [
    "BASE_COLUMNS",
    "CURIE_COLUMNS",
    "Duplicate",
    "ENTITY_TARGETS",
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
    "Tables",
    "curated_paths",
    "expand",
    "format_mapping_set",
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
    "row_cells",
    "split",
    "usual_capitalisation",
    "write_mapping_set",
]
