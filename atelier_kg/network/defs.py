"""Network definitions: a registry of networks, by name, each defined by SPARQL or derived from another.

A network defined by queries is a pair of files in ``queries/network/``: ``NAME.rq`` returns the
edges (``?source ?target``, and optionally ``?relation ?context ?weight ?start ?end``) and
``NAME.nodes.rq`` the nodes (``?node``, and optionally ``?label ?type ?sector ?bipartite ?start
?end`` and any other attribute). Its header says ``# network: one-mode`` or ``# network:
bipartite``. A researcher adds a network by adding the two files. Derived networks (a projection,
a mixing network) are registered here by the same door, under a name of their own: the built-in
ones by :mod:`atelier_kg.network.derive`, which the package imports.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from atelier_kg.errors import Location, SourceError, UsageError
from atelier_kg.paths import queries_dir
from atelier_kg.sparql.library import Query, read_query

KINDS = ("one-mode", "bipartite")
_EDGES_SUFFIX = re.compile(r"\s*\((?:edges|nodes)[^)]*\)\s*$")

#: A derivation: the base network's graph → the derived graph (same node and edge attributes).
Derivation = Callable[[nx.Graph], nx.Graph]


@dataclass(frozen=True)
class NetworkDef:
    """A network of the registry: defined by an edge and a node query, or derived from ``base``."""

    name: str
    title: str
    kind: str
    question: str
    edges: Query | None = None
    nodes: Query | None = None
    base: str | None = None
    derive: Derivation | None = None


_DERIVED: dict[str, NetworkDef] = {}


def register_derived(name: str, base: str, kind: str, title: str, question: str, derive: Derivation) -> None:
    """Register a network computed from another one (e.g. a projection of a bipartite network)."""
    _DERIVED[name] = NetworkDef(name, title, kind, question, base=base, derive=derive)


def network_defs(root: Path | None = None) -> dict[str, NetworkDef]:
    """Every network: those defined by query files in ``queries/network/``, then the derived ones."""
    folder = (root or queries_dir()) / "network"
    found: dict[str, NetworkDef] = {}
    for path in sorted(folder.glob("*.rq")):
        if path.name.endswith(".nodes.rq"):
            continue
        found[path.stem] = _query_def(path)
    for name, definition in sorted(_DERIVED.items()):
        if definition.base in found:
            found[name] = definition
    return found


def find_network(name: str, root: Path | None = None) -> NetworkDef:
    """A network by name; an unknown name raises :class:`UsageError` listing the close matches."""
    defs = network_defs(root)
    if name in defs:
        return defs[name]
    close = difflib.get_close_matches(name, list(defs), n=5, cutoff=0.5)
    hint = f"did you mean {', '.join(close)}?" if close else "run `atelier-kg network` to list them"
    raise UsageError(f"no network named {name!r}; {hint}")


def _query_def(path: Path) -> NetworkDef:
    edges = read_query(path, f"network/{path.stem}")
    kind = edges.header.get("network", "one-mode")
    if kind not in KINDS:
        raise SourceError(
            Location(path, _header_line(edges.text, "network"), 1),
            f"unknown network kind {kind!r}",
            f"write `# network: {' or # network: '.join(KINDS)}`",
        )
    nodes_path = path.with_name(f"{path.stem}.nodes.rq")
    if not nodes_path.is_file():
        raise SourceError(
            Location(path),
            f"the network {path.stem!r} has no node query",
            f"add {nodes_path.name} beside it, returning ?node and optionally ?label ?type ?sector",
        )
    nodes = read_query(nodes_path, f"network/{path.stem}.nodes")
    title = _EDGES_SUFFIX.sub("", edges.title)
    return NetworkDef(path.stem, title, kind, edges.header.get("question", ""), edges=edges, nodes=nodes)


def _header_line(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(f"# {key}:"):
            return number
    return 1
