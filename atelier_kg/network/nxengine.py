"""The networkx engine of the metrics: networkx's own functions, the model and the reference.

Shortest paths run on distances ``1 / weight``. Equal path lengths are ties, whose paths share the
betweenness: this engine reads each weight as a fraction (counts and Newman's weights are) and
adds lengths exactly; plain floats (networkx's own behaviour) would split ties such as
1/3 + 1/6 = 1/2 and give a wrong betweenness. The igraph engine (:mod:`atelier_kg.network.fast`)
agrees with it to 1e-9 on small graphs (``tests/network/test_netmetrics.py``).
"""

from __future__ import annotations

import math
import random
from fractions import Fraction
from typing import Any

import networkx as nx
import numpy as np

from .arrays import NetArrays
from .graphmetrics import type_assortativity
from .sampling import closeness_note, undersampled

_MAX_DENOMINATOR = 10**6  # a weight is read as the simplest fraction with this denominator at most


def _path_lengths(net: NetArrays) -> tuple[list[int] | list[float], int]:
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


def networkx_engine(
    G: nx.Graph, net: NetArrays, sources: list[int] | None, seed: int
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
        notes.append(closeness_note(net, sources, seed, undersampled(net, sources)))
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
    values["type_assortativity"] = type_assortativity(G, net)
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


def _networkx_sampled_closeness(H: nx.Graph, net: NetArrays, sources: list[int], scale: int) -> list[float]:
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
    for i in undersampled(net, sources).tolist():
        closeness[i] = nx.closeness_centrality(H, u=nodes[i], distance="length") * scale
    return closeness
