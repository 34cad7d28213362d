"""Build a network from the graph: run its node and edge queries and merge the rows into a networkx graph.

The node query decides the node set: an edge row whose end is not a node is dropped, and so is,
in a bipartite network, a row joining two nodes of one side (both counted in the notes). The
rows of one pair of nodes become one undirected edge: its ``weight`` sums the rows' weights (1
each unless the query says ``?weight``) over the distinct (relation, context) rows, ``relation``
keeps the distinct relations and ``contexts`` counts the distinct contexts. A time slice keeps the
nodes and rows whose dates overlap it (undated ones always).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from atelier_kg.errors import Location, SourceError, UsageError
from atelier_kg.sparql.library import Query
from atelier_kg.sparql.runner import TIMEOUT, Store, select_rows

from .defs import NetworkDef, find_network
from .slices import Slice, period

#: Node attributes the builder knows; any other variable of a node query is kept as it comes.
NODE_FIELDS = ("label", "type", "sector", "bipartite", "start", "end")
EDGE_FIELDS = ("source", "target", "relation", "context", "weight", "start", "end")


@dataclass
class Network:
    """A built network: the graph (see docs/model.md, "Networks") and notes on what was left out."""

    graph: nx.Graph
    notes: list[str] = field(default_factory=list)


def build_network(
    store: Store,
    network: str | NetworkDef,
    *,
    time_slice: Slice | None = None,
    timeout: float | None = TIMEOUT,
) -> Network:
    """The network ``network`` (a name of the registry or a definition) built from ``store``."""
    definition = find_network(network) if isinstance(network, str) else network
    if definition.derive is not None:
        base = build_network(store, definition.base, time_slice=time_slice, timeout=timeout)
        graph = definition.derive(base.graph)
        notes = base.notes
    else:
        nodes = _rows(store, definition.nodes, ("node",), timeout)
        edges = _rows(store, definition.edges, ("source", "target"), timeout)
        graph, notes = _assemble(definition, nodes, edges, time_slice)
    graph.graph.update(name=definition.name, title=definition.title, kind=definition.kind)
    if time_slice is not None:
        graph.graph["slice"] = time_slice.text
    return Network(graph, notes)


def _rows(store: Store, query: Query, required: tuple[str, ...], timeout: float | None) -> list[dict]:
    try:
        variables, rows = select_rows(store, query, timeout=timeout)
    except UsageError:
        variables, rows = [], []
    missing = [name for name in required if name not in variables]
    if missing or not variables:
        raise SourceError(
            Location(query.path),
            f"a network query must be a SELECT returning {' '.join('?' + n for n in required)}",
            f"project {' '.join('?' + n for n in missing) or 'the variables'} in the SELECT clause",
        )
    return [
        {name: value for name, value in zip(variables, row, strict=True) if value is not None} for row in rows
    ]


def _assemble(
    definition: NetworkDef, node_rows: list[dict], edge_rows: list[dict], time_slice: Slice | None
) -> tuple[nx.Graph, list[str]]:
    notes: list[str] = []
    nodes = _merge_nodes(node_rows)
    if time_slice is not None:
        before = len(nodes)
        where = definition.nodes.path
        nodes = {
            k: a
            for k, a in nodes.items()
            if time_slice.keeps(_date(a.get("start"), where), _date(a.get("end"), where))
        }
        if before > len(nodes):
            notes.append(f"{before - len(nodes)} nodes left out: their dates fall outside the slice")
    pairs: dict[tuple[str, str], set[tuple]] = defaultdict(set)
    unknown: set[tuple] = set()
    same_side: set[tuple] = set()
    outside: set[tuple] = set()
    for row in edge_rows:
        source, target = str(row["source"]), str(row["target"])
        if source == target:
            continue
        key = (source, target) if source < target else (target, source)
        start, end = (
            _date(row.get("start"), definition.edges.path),
            _date(row.get("end"), definition.edges.path),
        )
        tie = (
            str(row.get("relation", "")),
            str(row.get("context", "")),
            start,
            end,
            float(row.get("weight", 1.0)),
        )
        if source not in nodes or target not in nodes:
            unknown.add((key, tie))
        elif definition.kind == "bipartite" and nodes[source].get("bipartite") == nodes[target].get(
            "bipartite"
        ):
            same_side.add((key, tie))
        elif time_slice is not None and not time_slice.keeps(start, end):
            outside.add((key, tie))
        else:
            pairs[key].add(tie)
    for left_out, why in (
        (unknown, "an end is not a node of the node query"),
        (same_side, "they join two nodes of one side of the bipartite network"),
        (outside, "their dates fall outside the slice"),
    ):
        if left_out:
            notes.append(f"{len(left_out)} ties left out: {why}")
    graph = nx.Graph()
    for key in sorted(nodes):
        graph.add_node(key, **nodes[key])
    for (source, target), rows in sorted(pairs.items()):
        graph.add_edge(source, target, **_edge_attributes(rows))
    return graph, notes


def _merge_nodes(rows: list[dict]) -> dict[str, dict]:
    """One attribute dict per node; several rows of a node keep the smallest value of each field."""
    values: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        node = str(row["node"])
        values[node]  # a node with no other column still counts
        for name, value in row.items():
            if name != "node":
                values[node][name].add(value)
    nodes: dict[str, dict] = {}
    for node, fields in values.items():
        attributes: dict[str, object] = {}
        for name, found in sorted(fields.items()):
            if name in NODE_FIELDS:
                attributes[name] = min(found, key=str)
            else:
                attributes[name] = (
                    " | ".join(sorted(map(str, found))) if len(found) > 1 else next(iter(found))
                )
        type_value = str(attributes.get("type", ""))
        if "://" in type_value:
            attributes["type_iri"] = type_value
        attributes["type"] = short_name(type_value)
        attributes["label"] = str(attributes.get("label") or _last_segment(node))
        attributes["sector"] = str(attributes.get("sector", ""))
        for name in ("start", "end"):
            if name in attributes:
                attributes[name] = str(attributes[name])
        nodes[node] = attributes
    return nodes


def _edge_attributes(rows: set[tuple]) -> dict[str, object]:
    attributes: dict[str, object] = {
        "weight": math.fsum(row[4] for row in rows),  # exactly rounded: the set's order does not matter
        "relation": " ".join(sorted({row[0] for row in rows if row[0]})),
        "contexts": len({row[1] for row in rows}),
    }
    if all(row[2] is not None or row[3] is not None for row in rows):
        # every context is dated: the tie holds only then (an undated tie is always present)
        spells = sorted({(row[2], row[3]) for row in rows}, key=_spell_order)
        if all(start is not None for start, _ in spells):
            attributes["start"] = min((start for start, _ in spells), key=lambda v: period(v)[0])
        if all(end is not None for _, end in spells):
            attributes["end"] = max((end for _, end in spells), key=lambda v: period(v)[1])
        attributes["spells"] = tuple(spells)
    return attributes


def _spell_order(spell: tuple[str | None, str | None]) -> tuple:
    return tuple("" if v is None else v for v in spell)


def _date(value: object, where: Path) -> str | None:
    if value is None or value == "":
        return None
    text = str(value)
    try:
        period(text)
    except ValueError:
        raise SourceError(
            Location(where),
            f"?start/?end value {text!r} is not a date",
            "return an xsd:date, xsd:dateTime, xsd:gYear or xsd:gYearMonth",
        ) from None
    return text


def short_name(value: str) -> str:
    """A type's short name: the last segment of an IRI, in kebab case (akg:GroupPurchase → group-purchase)."""
    if "://" not in value:
        return value
    segment = _last_segment(value)
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"-\1", segment).lower()


def _last_segment(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/#"))[-1]
