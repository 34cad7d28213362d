"""The graph metrics: size, density, components, communities, type assortativity, the public/private line.

``type_assortativity`` is networkx's attribute assortativity on "type", read from the type mixing
matrix with integer counts (networkx sums floats over sets, whose order follows string hashing, so
its last bits changed from one process to the next); both engines take it from here.
"""

from __future__ import annotations

import networkx as nx
import numpy as np

from .arrays import NetArrays

SIDES = ("public", "private")


def graph_metrics(
    G: nx.Graph, net: NetArrays, community: list[int], modularity: float | None, assortativity: float | None
) -> dict[str, float | int | str | None]:
    """Every graph metric (``GRAPH_METRICS``), given the communities, modularity and assortativity."""
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
        "modularity": modularity,
        "type_assortativity": assortativity,
        "crossing_share": crossing / sided if sided else None,
        "crossing_ties": crossing,
        "sided_ties": sided,
    }


def type_assortativity(G: nx.Graph, net: NetArrays) -> float | None:
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
