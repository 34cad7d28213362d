"""SHACL validation of any graph: the fast path (SPARQL rules on Oxigraph) and pyshacl, and the report."""

from __future__ import annotations

from .report import report_graph, report_text
from .shacl import Report, Result, load_shapes, validate_graph, validate_triples

__all__ = [
    "Report",
    "Result",
    "load_shapes",
    "report_graph",
    "report_text",
    "validate_graph",
    "validate_triples",
]
