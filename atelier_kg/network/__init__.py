"""Cooperation networks: definitions, building from the graph, time slices, metrics, exports."""

from __future__ import annotations

# The built-in derived networks and picture formats come in through the registries' own doors
# (defs.register_derived, exporters.register), as a third party's would: importing them here
# registers them whenever the package is imported, and the registries never import them.
from . import derive, draw  # noqa: F401
from .build import Network, build_network
from .defs import NetworkDef, find_network, network_defs
from .exporters import EXPORTERS, Exporter, export
from .metrics import GRAPH_METRICS, NODE_METRICS, Metrics, compute_metrics, graph_summary, metrics_table
from .slices import Slice, period

__all__ = [
    "EXPORTERS",
    "Exporter",
    "GRAPH_METRICS",
    "Metrics",
    "NODE_METRICS",
    "Network",
    "NetworkDef",
    "Slice",
    "build_network",
    "compute_metrics",
    "export",
    "find_network",
    "graph_summary",
    "metrics_table",
    "network_defs",
    "period",
]
