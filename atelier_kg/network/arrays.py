"""The network as arrays for the metrics: nodes in order, ties as index arrays, components; read once.

Both metric engines (:mod:`atelier_kg.network.nxengine`, :mod:`atelier_kg.network.fast`) and the
metrics they share (:mod:`~atelier_kg.network.centrality`, :mod:`~atelier_kg.network.graphmetrics`)
read a network this way. Self-loops are kept apart from the ties.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np

from atelier_kg.errors import UsageError


@dataclass
class NetArrays:
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


def read_arrays(G: nx.Graph) -> NetArrays:
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
    return NetArrays(nodes, src_array, dst_array, weight[: len(src)], loops, component, size)


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
