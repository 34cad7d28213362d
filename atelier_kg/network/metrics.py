"""Node and graph metrics of a network: centralities, Burt's structural holes, communities, mixing.

The front door: :func:`compute_metrics` checks the options, reads the graph into arrays
(:mod:`~atelier_kg.network.arrays`), draws the sampled sources (:mod:`~atelier_kg.network.sampling`),
chooses the engine and assembles :class:`Metrics`; :func:`metrics_table` and :func:`graph_summary`
print them. networkx is the model and the reference: the ``"networkx"`` engine
(:mod:`atelier_kg.network.nxengine`) calls its functions. On large graphs the ``"igraph"`` engine
(:mod:`atelier_kg.network.fast`) takes over, because networkx needs minutes to hours there: igraph
computes the communities (Louvain), modularity, clustering and core numbers; scipy computes the
weighted shortest paths (Dijkstra) from which betweenness (Brandes' accumulation) and closeness
are read, and Burt's constraint and effective size (sparse matrix products). Both are several
times faster than igraph's own weighted betweenness, distances and constraint. The engines agree
to 1e-9 on small graphs (``tests/network/test_netmetrics.py``). On Linux the igraph engine's tasks
run in forked worker processes (``workers``); the results do not depend on it. Degree, strength
and eigenvector (:mod:`~atelier_kg.network.centrality`) and the graph metrics
(:mod:`~atelier_kg.network.graphmetrics`) are computed alike for both.

Conventions shared by both engines:

- Shortest paths run on distances ``1 / weight`` (Newman 2001: a stronger tie is a shorter path).
  Equal path lengths are ties, whose paths share the betweenness: the networkx engine reads each
  weight as a fraction (counts and Newman's weights are) and adds lengths exactly; the igraph
  engine compares lengths to a relative 1e-10, as igraph does. Plain floats (networkx's own
  behaviour) would split ties such as 1/3 + 1/6 = 1/2 and give a wrong betweenness.
- Self-loops (ties inside one organisation type, in the "mixing" network only) count in
  ``edges``, the communities and the modularity; every other metric ignores them.
- Above ``exact_limit`` nodes, betweenness and closeness are estimated from ``samples`` sources
  drawn with ``random.Random(seed)``; ``Metrics.notes`` says so.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from atelier_kg.errors import UsageError

from .arrays import NetArrays, read_arrays
from .centrality import centralities
from .fast import igraph_engine, worker_count
from .graphmetrics import graph_metrics
from .nxengine import networkx_engine
from .sampling import sample_sources

NODE_METRICS = (
    "degree",
    "strength",
    "betweenness",
    "closeness",
    "eigenvector",
    "clustering",
    "core",
    "constraint",
    "effective_size",
    "community",
)
GRAPH_METRICS = (
    "nodes",
    "edges",
    "density",
    "components",
    "largest_component",
    "communities",
    "modularity",
    "type_assortativity",
    "crossing_share",
    "crossing_ties",
    "sided_ties",
)
ENGINES = ("auto", "networkx", "igraph")
#: "auto" takes the igraph engine above these sizes, exact all the same up to ``exact_limit`` nodes:
#: the networkx engine took 45 s on 1,000 nodes and 20k ties where the igraph engine took 3.2 s.
IGRAPH_NODES = 1_000
IGRAPH_TIES = 20_000


@dataclass
class Metrics:
    """Metrics of one network: per node, for the whole graph, and notes on how they were computed."""

    nodes: dict[str, dict[str, float | int | None]]  # node → metric name → value (None = undefined)
    graph: dict[str, float | int | str | None]
    notes: list[str] = field(default_factory=list)


def compute_metrics(
    G: nx.Graph,
    *,
    seed: int = 1,
    exact_limit: int = 5000,
    samples: int = 200,
    engine: str = "auto",
    workers: int | None = None,
) -> Metrics:
    """Every node and graph metric of ``G``; same graph and options, same values.

    Node metrics (``NODE_METRICS``): degree (neighbours) and strength (sum of weights);
    betweenness (normalised as networkx does) and closeness (Wasserman–Faust correction for
    disconnected graphs, networkx's default) on distances 1/weight; eigenvector centrality
    (weighted), computed per connected component — each component's vector of unit Euclidean
    norm scaled by sqrt(n_c / n), so the vector of a graph without isolates has unit norm, and
    single nodes get 0.0 (networkx's power iteration is not defined on a disconnected graph);
    clustering (unweighted) and core number; Burt's constraint and effective size (weighted,
    networkx's definitions; None for an isolate); the index of the node's Louvain community
    (communities ordered by size, largest first, then by their smallest node key).

    Graph metrics (``GRAPH_METRICS``): nodes, edges, density, components, largest_component,
    communities, modularity of the Louvain partition (weighted), type_assortativity on the
    "type" attribute (None when undefined), and the public/private line: sided_ties (ties
    between two nodes whose sector is public or private), crossing_ties (those between a public
    and a private node) and crossing_share (None without sided ties).

    ``engine``: "networkx", "igraph" (igraph with scipy), or "auto" — networkx up to 1,000 nodes
    and 20,000 ties, igraph above (still exact up to ``exact_limit`` nodes). Above ``exact_limit``
    nodes, betweenness and closeness are estimated from ``samples`` sources drawn with
    ``random.Random(seed)`` (networkx's ``k`` semantics: unbiased and normalised like the exact
    value). ``workers``: processes for the igraph engine on Linux (default: the available cores
    for graphs of 100,000 ties or more); the results do not depend on it. ``seed`` also seeds Louvain.
    """
    _check_options(G, seed=seed, exact_limit=exact_limit, samples=samples, engine=engine, workers=workers)
    net = read_arrays(G)
    sources, notes = sample_sources(net, exact_limit, samples, seed)
    if _takes_igraph(engine, net, exact_limit):
        values, extra = igraph_engine(G, net, sources, seed, worker_count(workers, net))
    else:
        values, extra = networkx_engine(G, net, sources, seed)
    notes.extend(extra)
    if net.loops:
        notes.append(f"{len(net.loops):,} self-loop(s) count only in edges, communities and modularity")
    values.update(centralities(net))
    membership, modularity = values.pop("membership"), values.pop("modularity")
    values["community"] = _community_numbers(net.nodes, membership)
    node_metrics = {
        u: {name: _clean(values[name][i]) for name in NODE_METRICS} for i, u in enumerate(net.nodes)
    }
    assortativity = values.pop("type_assortativity")
    graph = graph_metrics(G, net, values["community"], _clean(modularity), _clean(assortativity))
    return Metrics(node_metrics, graph, notes)


def _takes_igraph(engine: str, net: NetArrays, exact_limit: int) -> bool:
    """The engine choice: "igraph", or "auto" on a large graph or one with sampled sources."""
    large = net.n > IGRAPH_NODES or len(net.src) > IGRAPH_TIES
    return engine == "igraph" or (engine == "auto" and (large or net.n > exact_limit))


def metrics_table(
    G: nx.Graph, metrics: Metrics, *, sort: str = "betweenness", limit: int | None = None
) -> str:
    """A ranked plain-text table: rank, label, type, then every node metric, ``sort`` descending.

    Ties in ``sort`` are ranked by label, then by node key; an undefined value ("–") comes last.
    """
    if sort not in NODE_METRICS:
        raise UsageError(f"sort {sort!r}: unknown; use one of {', '.join(NODE_METRICS)}")
    if limit is not None and limit < 0:
        raise UsageError(f"limit {limit}: must be 0 or more")

    def key(node: str) -> tuple:
        value = metrics.nodes[node].get(sort)
        return (value is None, -(value or 0), _label(G, node), node)

    ranked = sorted(metrics.nodes, key=key)[:limit]
    header = ["rank", "label", "type", *NODE_METRICS]
    rows = [
        [str(r), _label(G, u), str(G.nodes[u].get("type", "")) if u in G else ""]
        + [_format(metrics.nodes[u].get(name)) for name in NODE_METRICS]
        for r, u in enumerate(ranked, start=1)
    ]
    widths = [max(len(row[c]) for row in [header, *rows]) for c in range(len(header))]
    left = {1, 2}  # text columns; numbers align right

    def line(cells: list[str]) -> str:
        text = "  ".join(
            c.ljust(w) if i in left else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )
        return text.rstrip() + "\n"

    return "".join(line(row) for row in [header, *rows])


def graph_summary(metrics: Metrics) -> str:
    """The graph metrics, one ``name: value`` a line, then the notes, one ``note: …`` a line."""
    names = [name for name in GRAPH_METRICS if name in metrics.graph]
    names += sorted(set(metrics.graph) - set(names))
    width = max((len(name) for name in names), default=0)
    lines = [f"{name:<{width}}  {_format(metrics.graph[name])}\n" for name in names]
    return "".join(lines) + "".join(f"note: {note}\n" for note in metrics.notes)


# ---------------------------------------------------------------------------------------------
# Checks and small helpers
# ---------------------------------------------------------------------------------------------


def _check_options(G: Any, **options: Any) -> None:
    if not isinstance(G, nx.Graph) or G.is_directed() or G.is_multigraph():
        raise UsageError(
            "compute_metrics needs an undirected networkx.Graph (not directed, not a multigraph)"
        )
    if options["engine"] not in ENGINES:
        raise UsageError(f"engine {options['engine']!r}: unknown; use one of {', '.join(ENGINES)}")
    if options["samples"] < 2:
        raise UsageError(f"samples {options['samples']}: need at least 2 sampled sources")
    if options["exact_limit"] < 0:
        raise UsageError(f"exact_limit {options['exact_limit']}: must be 0 or more")
    if options["workers"] is not None and options["workers"] < 1:
        raise UsageError(f"workers {options['workers']}: must be 1 or more")


def _clean(value: Any) -> float | int | None:
    """A plain Python number, None for NaN."""
    if value is None:
        return None
    if isinstance(value, int | np.integer):
        return int(value)
    value = float(value)
    return None if math.isnan(value) else value


def _format(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def _label(G: nx.Graph, node: str) -> str:
    label = G.nodes[node].get("label") if node in G else None
    return str(label) if label else str(node).rstrip("/").rsplit("/", 1)[-1]


def _community_numbers(nodes: list[str], membership: Sequence[int]) -> list[int]:
    """Community indices: by size (largest first), then by the smallest node key in them."""
    groups: dict[int, list[str]] = {}
    for u, c in zip(nodes, membership, strict=True):
        groups.setdefault(c, []).append(u)
    order = sorted(groups, key=lambda c: (-len(groups[c]), min(groups[c])))
    number = {c: i for i, c in enumerate(order)}
    return [number[c] for c in membership]
