"""Node and graph metrics of a network: centralities, Burt's structural holes, communities, mixing.

networkx is the model and the reference: the ``"networkx"`` engine calls its functions. On large
graphs the ``"igraph"`` engine (:mod:`atelier_kg.netfast`) takes over, because networkx needs
minutes to hours there: igraph computes the communities (Louvain), modularity, clustering and core
numbers; scipy computes the weighted shortest paths (Dijkstra) from which betweenness (Brandes'
accumulation) and closeness are read, and Burt's constraint and effective size (sparse matrix
products). Both are several times faster than igraph's own weighted betweenness, distances and
constraint. The engines agree to 1e-9 on small graphs (``tests/test_netmetrics.py``). On Linux the
igraph engine's tasks run in forked worker processes (``workers``); the results do not depend on
it.

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
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import networkx as nx
import numpy as np

from atelier_kg.errors import UsageError

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
SIDES = ("public", "private")

_TIE_EPSILON = 1e-10  # igraph's IGRAPH_SHORTEST_PATH_EPSILON: relative tolerance of equal lengths
_MAX_DENOMINATOR = 10**6  # a weight is read as the simplest fraction with this denominator at most
_DENSE_EIGEN = 500  # components up to this size get a dense eigensolver
_PARALLEL_EDGES = 100_000  # below this many ties one process is faster than a pool
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


# ---------------------------------------------------------------------------------------------
# The network as arrays
# ---------------------------------------------------------------------------------------------


@dataclass
class _Net:
    """G's nodes in order and its ties (self-loops apart) as index arrays, read once."""

    nodes: list[str]
    src: np.ndarray  # int64, src[k] < dst[k]
    dst: np.ndarray
    weight: np.ndarray  # float64 > 0
    loops: list[tuple[int, float]]  # (node index, weight) of each self-loop
    component: np.ndarray  # component label of each node, numbered by first node
    component_size: np.ndarray  # size of each component label

    @property
    def n(self) -> int:
        return len(self.nodes)

    def matrix(self, values: np.ndarray) -> Any:
        """The symmetric CSR matrix with ``values`` on the ties (both directions), sorted indices."""
        import scipy.sparse as sp

        n = self.n
        m = sp.coo_array(
            (np.concatenate([values, values]), (np.r_[self.src, self.dst], np.r_[self.dst, self.src])),
            shape=(n, n),
        ).tocsr()
        m.sort_indices()
        return m


def _read(G: nx.Graph) -> _Net:
    """The arrays of ``G``; bad weights raise UsageError."""
    nodes = list(G)
    index = {u: i for i, u in enumerate(nodes)}
    src: list[int] = []
    dst: list[int] = []
    weights: list[float] = []
    loops: list[tuple[int, float]] = []
    for u, nbrs in G.adjacency():
        i = index[u]
        for v, data in nbrs.items():
            j = index[v]
            if j > i:
                src.append(i)
                dst.append(j)
                weights.append(data.get("weight", 1.0))
            elif j == i:
                loops.append((i, data.get("weight", 1.0)))
    try:
        weight = np.asarray(weights + [w for _, w in loops], dtype=float)
    except (TypeError, ValueError):
        weight = np.zeros(1)
    if not np.all(np.isfinite(weight) & (weight > 0)):
        raise UsageError("every tie needs a weight: a finite number > 0 (its distance is 1/weight)")
    src_array, dst_array = np.asarray(src, np.int64), np.asarray(dst, np.int64)
    component, size = _components(len(nodes), src_array, dst_array)
    loops = [(i, float(w)) for i, w in loops]
    return _Net(nodes, src_array, dst_array, weight[: len(src)], loops, component, size)


def _components(n: int, src: np.ndarray, dst: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Connected components: a label per node, labels numbered in the order of their first node."""
    import scipy.sparse as sp
    from scipy.sparse.csgraph import connected_components

    if n == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    adjacency = sp.coo_array((np.ones(len(src)), (src, dst)), shape=(n, n)).tocsr()
    _, labels = connected_components(adjacency, directed=False)
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.empty(len(first), np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    component = rank[inverse]
    return component, np.bincount(component)


# ---------------------------------------------------------------------------------------------
# Public functions
# ---------------------------------------------------------------------------------------------


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
    net = _read(G)
    n = net.n
    large = n > IGRAPH_NODES or len(net.src) > IGRAPH_TIES
    use_igraph = engine == "igraph" or (engine == "auto" and (large or n > exact_limit))
    sources = None
    notes: list[str] = []
    if n > exact_limit:
        k = min(samples, n)
        chosen = set(random.Random(seed).sample(net.nodes, k))
        sources = [i for i, u in enumerate(net.nodes) if u in chosen]
        every = " — every node, so exact" if k == n else ""
        notes.append(
            f"betweenness estimated from {k:,} sampled sources (seed {seed}): "
            f"{n:,} nodes > {exact_limit:,}{every}"
        )
    if use_igraph:
        from .fast import _igraph_engine, _workers

        values, extra = _igraph_engine(G, net, sources, seed, _workers(workers, net))
    else:
        values, extra = _networkx_engine(G, net, sources, seed)
    notes.extend(extra)
    if net.loops:
        notes.append(f"{len(net.loops):,} self-loop(s) count only in edges, communities and modularity")
    values["degree"] = np.bincount(np.r_[net.src, net.dst], minlength=n).tolist()
    values["strength"] = np.bincount(
        np.r_[net.src, net.dst], weights=np.r_[net.weight, net.weight], minlength=n
    ).tolist()
    values["eigenvector"] = _eigenvector(net).tolist()
    membership, modularity = values.pop("membership"), values.pop("modularity")
    values["community"] = _community_numbers(net.nodes, membership)
    node_metrics = {
        u: {name: _clean(values[name][i]) for name in NODE_METRICS} for i, u in enumerate(net.nodes)
    }
    graph = _graph_metrics(G, net, values["community"], modularity, values.pop("type_assortativity"))
    return Metrics(node_metrics, graph, notes)


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


def _graph_metrics(
    G: nx.Graph, net: _Net, community: list[int], modularity: float | None, assortativity: float | None
) -> dict[str, float | int | str | None]:
    n, m = net.n, len(net.src)
    sectors = (G.nodes[u].get("sector") for u in net.nodes)
    side = np.array([SIDES.index(s) + 1 if s in SIDES else 0 for s in sectors], dtype=np.int64)
    a, b = side[net.src], side[net.dst]
    sided = int(np.count_nonzero((a > 0) & (b > 0)))
    crossing = int(np.count_nonzero((a > 0) & (b > 0) & (a != b)))
    return {
        "nodes": n,
        "edges": G.number_of_edges(),
        "density": 2 * m / (n * (n - 1)) if n > 1 else 0.0,
        "components": len(net.component_size),
        "largest_component": int(net.component_size.max()) if n else 0,
        "communities": len(set(community)),
        "modularity": _clean(modularity),
        "type_assortativity": _clean(assortativity),
        "crossing_share": crossing / sided if sided else None,
        "crossing_ties": crossing,
        "sided_ties": sided,
    }


def _sample_scales(n: int, sources: Sequence[int] | None) -> np.ndarray:
    """Factors that turn summed dependencies into normalised betweenness (networkx's ``k`` rule).

    A sampled node cannot be its own source, so its sum has k - 1 terms, another node's k.
    """
    scale = np.zeros(n)
    if n <= 2:
        return scale
    if sources is None:
        scale[:] = 1 / ((n - 1) * (n - 2))
        return scale
    k = len(sources)
    scale[:] = 1 / (k * (n - 2))
    scale[list(sources)] = 1 / ((k - 1) * (n - 2))
    return scale


def _undersampled(net: _Net, sources: Sequence[int]) -> np.ndarray:
    """Nodes of the components holding fewer than 2 sources (too few to estimate closeness)."""
    held = np.bincount(net.component[list(sources)], minlength=len(net.component_size))
    thin = (held < 2) & (net.component_size > 1)
    return np.flatnonzero(thin[net.component])


def _closeness_note(net: _Net, sources: Sequence[int], seed: int, exact: np.ndarray) -> str:
    note = (
        f"closeness estimated from the distances to {len(sources):,} sampled sources (seed {seed}), "
        "Wasserman–Faust corrected"
    )
    if len(exact):
        comps = len(set(net.component[exact].tolist()))
        note += f"; exact in the {comps:,} component(s) holding fewer than 2 sampled sources"
    return note


def _wf_closeness(total: np.ndarray, reached: np.ndarray, size: np.ndarray, n: int) -> np.ndarray:
    """Closeness from summed distances to ``reached`` nodes, corrected for the component's size."""
    out = np.zeros(len(total))
    ok = (reached > 0) & (total > 0)
    if n > 1:
        out[ok] = reached[ok] / total[ok] * (size[ok] - 1) / (n - 1)
    return out


# ---------------------------------------------------------------------------------------------
# Eigenvector centrality, per component (both engines)
# ---------------------------------------------------------------------------------------------


def _eigenvector(net: _Net) -> np.ndarray:
    """Weighted eigenvector centrality per component, scaled by sqrt(n_c / n); 0 for single nodes."""
    import scipy.linalg
    from scipy.sparse.linalg import eigsh

    n = net.n
    x = np.zeros(n)
    if not len(net.src):
        return x
    W = net.matrix(net.weight)
    order = np.argsort(net.component, kind="stable")
    starts = np.r_[0, np.cumsum(net.component_size)]
    for c, size in enumerate(net.component_size.tolist()):
        members = order[starts[c] : starts[c + 1]]
        if size == 1:
            continue
        if size == 2:
            vector = np.full(2, 1 / math.sqrt(2))
        else:
            sub = W[members][:, members]
            if size <= _DENSE_EIGEN:
                _, vectors = scipy.linalg.eigh(sub.toarray(), subset_by_index=[size - 1, size - 1])
            else:
                _, vectors = eigsh(sub, k=1, which="LA", v0=np.ones(size), tol=0)
            vector = np.abs(vectors[:, 0])  # the Perron vector is positive: fix its sign
            vector /= np.linalg.norm(vector)
        x[members] = vector * math.sqrt(size / n)
    return x


# ---------------------------------------------------------------------------------------------
# The networkx engine
# ---------------------------------------------------------------------------------------------


def _path_lengths(net: _Net) -> tuple[list[int] | list[float], int]:
    """Tie lengths 1/weight, as integers in units of 1/scale when every weight is a fraction.

    Integers add exactly, so equal path lengths are equal (ties); otherwise plain floats, scale 1.
    """
    fractions: dict[float, Fraction] = {}
    for w in set(net.weight.tolist()):
        f = Fraction(w).limit_denominator(_MAX_DENOMINATOR)
        if float(f) != w:
            return (1.0 / net.weight).tolist(), 1
        fractions[w] = f
    scale = math.lcm(*(f.numerator for f in fractions.values())) if fractions else 1
    if scale.bit_length() > 256:
        return (1.0 / net.weight).tolist(), 1
    unit = {w: f.denominator * (scale // f.numerator) for w, f in fractions.items()}
    return [unit[w] for w in net.weight.tolist()], scale


def _networkx_engine(
    G: nx.Graph, net: _Net, sources: list[int] | None, seed: int
) -> tuple[dict[str, Any], list[str]]:
    """Every metric but degree, strength and eigenvector, with networkx."""
    nodes, n = net.nodes, net.n
    lengths, scale = _path_lengths(net)
    H = nx.Graph()
    H.add_nodes_from((u, {"type": G.nodes[u].get("type")}) for u in nodes)
    H.add_edges_from(
        (nodes[a], nodes[b], {"weight": w, "length": d})
        for a, b, w, d in zip(net.src.tolist(), net.dst.tolist(), net.weight.tolist(), lengths, strict=True)
    )
    notes: list[str] = []
    if sources is None:
        btw = nx.betweenness_centrality(H, weight="length")
        closeness = [c * scale for c in nx.closeness_centrality(H, distance="length").values()]
    else:
        btw = nx.betweenness_centrality(H, k=len(sources), weight="length", seed=random.Random(seed))
        closeness = _networkx_sampled_closeness(H, net, sources, scale)
        notes.append(_closeness_note(net, sources, seed, _undersampled(net, sources)))
    clustering, core = nx.clustering(H), nx.core_number(H)
    constraint = nx.constraint(H, weight="weight") if n else {}  # it raises on an empty graph
    esize = dict(zip(nodes, _networkx_effective_size(H), strict=True))
    values: dict[str, Any] = {
        "betweenness": [btw[u] for u in nodes],
        "closeness": closeness,
        "clustering": [clustering[u] for u in nodes],
        "core": [core[u] for u in nodes],
        "constraint": [constraint[u] for u in nodes],
        "effective_size": [esize[u] for u in nodes],
        "membership": list(range(n)),
        "modularity": None,
    }
    if len(net.src) or net.loops:
        partition = nx.community.louvain_communities(G, weight="weight", seed=seed)
        where = {u: c for c, group in enumerate(partition) for u in group}
        values["membership"] = [where[u] for u in nodes]
        values["modularity"] = _modularity(G, where)
    # networkx's attribute_assortativity_coefficient and modularity sum floats over sets, whose
    # order follows string hashing: their last bits changed from one process to the next
    values["type_assortativity"] = _type_assortativity(G, net)
    return values, notes


def _modularity(G: nx.Graph, where: dict[str, int]) -> float:
    """networkx's weighted modularity of a partition, summed exactly (``math.fsum``) in any order."""
    total = math.fsum(w for _, _, w in G.edges(data="weight"))
    inside: dict[int, list[float]] = {}
    degree: dict[int, list[float]] = {}
    for u, v, w in G.edges(data="weight"):
        if where[u] == where[v]:
            inside.setdefault(where[u], []).append(w)
        degree.setdefault(where[u], []).append(w)
        degree.setdefault(where[v], []).append(w)
    return math.fsum(
        math.fsum(inside.get(c, [])) / total - (math.fsum(d) / (2 * total)) ** 2
        for c, d in sorted(degree.items())
    )


def _networkx_effective_size(H: nx.Graph) -> list[float]:
    """networkx's sparse effective_size, with the fix of networkx PR #8906 (row, not column, maxima).

    networkx 3.6 divides each mutual weight by its column's maximum on this path (all nodes,
    weighted); its per-node path follows Burt's formula but takes minutes on 400 nodes.
    """
    import scipy.sparse as sp

    if not len(H):
        return []
    P = nx.adjacency_matrix(H, weight="weight")
    mutual = (P + P.T).tocsr()

    def rows_over(norm: np.ndarray) -> Any:  # each row divided by its norm (0 for an isolate)
        return sp.diags_array(np.divide(1.0, norm, out=np.zeros(len(norm)), where=norm > 0)) @ mutual

    by_sum = rows_over(np.asarray(mutual.sum(axis=1)).ravel())
    by_max = rows_over(mutual.max(axis=1).toarray().ravel())
    degree = np.diff(mutual.indptr)
    redundancy = np.asarray((by_sum @ by_max.T).multiply(mutual > 0).sum(axis=1)).ravel()
    esize = (degree - redundancy).astype(float)
    esize[degree == 0] = np.nan
    return esize.tolist()


def _networkx_sampled_closeness(H: nx.Graph, net: _Net, sources: list[int], scale: int) -> list[float]:
    nodes, n = net.nodes, net.n
    index = {u: i for i, u in enumerate(nodes)}
    total: list[int | float] = [0] * n
    reached = [0] * n
    for s in sources:
        for v, d in nx.single_source_dijkstra_path_length(H, nodes[s], weight="length").items():
            if v != nodes[s]:
                total[index[v]] += d
                reached[index[v]] += 1
    size = net.component_size[net.component].tolist()
    # r * scale / t: integers divide with one rounding, so exact lengths stay exact
    closeness = [
        r * scale / t * (c - 1) / (n - 1) if r and t else 0.0
        for r, t, c in zip(reached, total, size, strict=True)
    ]
    for i in _undersampled(net, sources).tolist():
        closeness[i] = nx.closeness_centrality(H, u=nodes[i], distance="length") * scale
    return closeness


def _type_assortativity(G: nx.Graph, net: _Net) -> float | None:
    """networkx's attribute_assortativity_coefficient on "type", from the type mixing matrix."""
    if not len(net.src):
        return None
    names = sorted({str(G.nodes[u].get("type")) for u in net.nodes})
    code = {t: i for i, t in enumerate(names)}
    types = np.array([code[str(G.nodes[u].get("type"))] for u in net.nodes])
    k = len(names)
    a, b = types[net.src], types[net.dst]
    mixing = np.bincount(np.r_[a * k + b, b * k + a], minlength=k * k).reshape(k, k).astype(float)
    mixing /= mixing.sum()
    expected = float(mixing.sum(axis=0) @ mixing.sum(axis=1))
    if expected == 1.0:
        return None
    return (float(np.trace(mixing)) - expected) / (1 - expected)
