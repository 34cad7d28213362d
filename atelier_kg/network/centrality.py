"""The node metrics computed alike whatever the engine: degree, strength and eigenvector centrality.

Eigenvector centrality is weighted and computed per connected component: each component's vector
of unit Euclidean norm scaled by sqrt(n_c / n), 0 for a single node (networkx's power iteration is
not defined on a disconnected graph). Self-loops count in none of them.
"""

from __future__ import annotations

import math

import numpy as np

from .arrays import NetArrays

_DENSE_EIGEN = 500  # components up to this size get a dense eigensolver


def centralities(net: NetArrays) -> dict[str, list]:
    """``degree`` (neighbours), ``strength`` (sum of weights) and ``eigenvector``, in node order."""
    ends = np.r_[net.src, net.dst]
    return {
        "degree": np.bincount(ends, minlength=net.n).tolist(),
        "strength": np.bincount(ends, weights=np.r_[net.weight, net.weight], minlength=net.n).tolist(),
        "eigenvector": eigenvector(net).tolist(),
    }


def eigenvector(net: NetArrays) -> np.ndarray:
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
