"""The fast engine of :mod:`atelier_kg.network.metrics`: igraph and scipy, in worker processes when large.

igraph computes the communities (Louvain), modularity, clustering and core numbers; scipy the
weighted shortest paths (Dijkstra) from which betweenness (Brandes' accumulation) and closeness
are read, and Burt's constraint and effective size (sparse matrix products). On Linux, for graphs
of many ties, the tasks run in forked worker processes; the results do not depend on how many.
The networkx engine (:mod:`atelier_kg.network.nxengine`) is the reference: both agree to 1e-9 on
small graphs (``tests/network/test_netmetrics.py``). Equal path lengths are ties to a relative
1e-10, as igraph compares them.
"""

from __future__ import annotations

import os
import random
import sys
import threading
import warnings
from collections.abc import Callable, Sequence
from itertools import count
from typing import Any

import networkx as nx
import numpy as np

from .arrays import NetArrays
from .graphmetrics import type_assortativity
from .sampling import closeness_note, undersampled

_STATES: dict[int, dict[str, Any]] = {}  # state of running igraph-engine calls, read by the tasks
_CALLS = count()
_PATH_CHUNK = 16  # sources per shortest-path task
_BURT_CELLS = 4_000_000  # rows x nodes per Burt task: bounds the memory of one sparse product
_TIE_EPSILON = 1e-10  # igraph's IGRAPH_SHORTEST_PATH_EPSILON: relative tolerance of equal lengths
_PARALLEL_EDGES = 100_000  # below this many ties one process is faster than a pool


def igraph_engine(
    G: nx.Graph, net: NetArrays, sources: list[int] | None, seed: int, workers: int
) -> tuple[dict[str, Any], list[str]]:
    """Every metric but degree, strength and eigenvector, with igraph and scipy."""
    n = net.n
    state = _engine_state(net, seed)
    tasks = _engine_tasks(n, list(range(n)) if sources is None else sources)
    token = next(_CALLS)
    _STATES[token] = state
    try:
        results = _run_tasks(token, tasks, workers)
    finally:
        del _STATES[token]
    (membership, modularity), (clustering, core) = results[0], results[1]
    dependency, total, reached = _summed_paths(n, tasks, results)
    burt = [result for task, result in zip(tasks, results, strict=True) if task[0] == "burt"]
    constraint, esize = _burt(state, burt)
    closeness, notes = _closeness(state, sources, total, reached)
    notes.append(
        f"computed with igraph: communities (Louvain, community_multilevel, seed {seed}), modularity, "
        "clustering, core; with scipy: shortest paths (Dijkstra) for betweenness (Brandes' "
        "accumulation) and closeness, eigenvector, constraint and effective size (sparse products)"
    )
    values = {
        "betweenness": (dependency * _sample_scales(n, sources)).tolist(),
        "closeness": closeness.tolist(),
        "clustering": clustering,
        "core": core,
        "constraint": constraint.tolist(),
        "effective_size": esize.tolist(),
        "membership": membership,
        "modularity": modularity,
        "type_assortativity": type_assortativity(G, net),
    }
    return values, notes


def worker_count(workers: int | None, net: NetArrays) -> int:
    """The processes the igraph engine runs in: ``workers`` if given, else the available cores for
    graphs of ``_PARALLEL_EDGES`` ties or more (one below: a pool costs more than it saves)."""
    if workers is not None:
        return workers
    if len(net.src) < _PARALLEL_EDGES:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, cores)


def _engine_state(net: NetArrays, seed: int) -> dict[str, Any]:
    """What every task reads: the arrays, the igraph graphs (with and without self-loops), the
    distance matrix, the seed and Burt's terms."""
    import igraph

    g = igraph.Graph(n=net.n)
    g.add_edges(np.column_stack([net.src, net.dst]))
    g.es["weight"] = net.weight.tolist()
    g_loops = g
    if net.loops:
        g_loops = g.copy()
        g_loops.add_edges([(i, i) for i, _ in net.loops], attributes={"weight": [w for _, w in net.loops]})
    state = {"net": net, "g": g, "g_loops": g_loops, "D": net.matrix(1.0 / net.weight), "seed": seed}
    state.update(_burt_terms(net.matrix(net.weight)))
    return state


def _engine_tasks(n: int, path_sources: list[int]) -> list[tuple]:
    """The tasks, in order: Louvain, the local metrics, shortest paths by chunk of sources, Burt by rows."""
    rows = max(1, _BURT_CELLS // max(n, 1))
    tasks: list[tuple] = [("louvain",), ("local",)]
    tasks += [("paths", path_sources[i : i + _PATH_CHUNK]) for i in range(0, len(path_sources), _PATH_CHUNK)]
    tasks += [("burt", r, min(r + rows, n)) for r in range(0, n, rows)]
    return tasks


def _summed_paths(
    n: int, tasks: list[tuple], results: list[Any]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The path tasks' dependencies, summed distances and reach counts, added up in task order."""
    dependency, total, reached = np.zeros(n), np.zeros(n), np.zeros(n)
    for task, result in zip(tasks, results, strict=True):
        if task[0] == "paths":
            dependency += result[0]
            total += result[1]
            reached += result[2]
    return dependency, total, reached


def _closeness(
    state: dict[str, Any], sources: list[int] | None, total: np.ndarray, reached: np.ndarray
) -> tuple[np.ndarray, list[str]]:
    """Closeness from the summed distances; exact in the undersampled components, with its note."""
    net = state["net"]
    n = net.n
    size = net.component_size[net.component] if n else np.zeros(0)
    closeness = _wf_closeness(total, reached, size, n)
    notes = []
    if sources is not None:
        exact = undersampled(net, sources)
        if len(exact):
            _, t, r = _paths_chunk(state, exact.tolist(), dependencies=False)
            closeness[exact] = _wf_closeness(t, r, size, n)[exact]
        notes.append(closeness_note(net, sources, state["seed"], exact))
    return closeness, notes


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


def _wf_closeness(total: np.ndarray, reached: np.ndarray, size: np.ndarray, n: int) -> np.ndarray:
    """Closeness from summed distances to ``reached`` nodes, corrected for the component's size."""
    out = np.zeros(len(total))
    ok = (reached > 0) & (total > 0)
    if n > 1:
        out[ok] = reached[ok] / total[ok] * (size[ok] - 1) / (n - 1)
    return out


def _can_fork() -> bool:
    """Forked workers inherit the arrays without copying; only on Linux, from a single thread."""
    import multiprocessing

    return (
        sys.platform == "linux"
        and "fork" in multiprocessing.get_all_start_methods()
        and not multiprocessing.current_process().daemon
        and threading.active_count() == 1
    )


def _run_tasks(token: int, tasks: list[tuple], workers: int) -> list[Any]:
    """The tasks' results in order, from a pool of forked workers or in this process."""
    jobs = [(token, task) for task in tasks]
    if workers > 1 and len(tasks) > 1 and _can_fork():
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        with warnings.catch_warnings():
            # Python 3.12+ warns on fork in a process with threads (BLAS); the workers only run
            # igraph, scipy.sparse and numpy code that holds no lock across the fork.
            warnings.filterwarnings("ignore", message=r".*multi-threaded.*", category=DeprecationWarning)
            context = multiprocessing.get_context("fork")
            # unlike multiprocessing.Pool, a worker that dies (out of memory) raises BrokenProcessPool
            with ProcessPoolExecutor(min(workers, len(tasks)), mp_context=context) as pool:
                return list(pool.map(_run_task, jobs))
    return [_run_task(job) for job in jobs]


def _run_task(job: tuple[int, tuple]) -> Any:
    token, (name, *args) = job
    state = _STATES[token]
    task: Callable[..., Any] = {
        "louvain": _louvain_task,
        "local": _local_task,
        "paths": _paths_chunk,
        "burt": _burt_chunk,
    }[name]
    return task(state, *args)


def _louvain_task(state: dict[str, Any]) -> tuple[list[int], float | None]:
    """Louvain with igraph's RNG seeded (and reset to ``random`` after), and its modularity."""
    import igraph

    g, net = state["g_loops"], state["net"]
    if g.ecount() == 0:
        return list(range(net.n)), None
    igraph.set_random_number_generator(random.Random(state["seed"]))
    try:
        membership = g.community_multilevel(weights="weight").membership
    finally:
        igraph.set_random_number_generator(random)
    return membership, g.modularity(membership, weights="weight")


def _local_task(state: dict[str, Any]) -> tuple[list[float], list[int]]:
    g = state["g"]
    return g.transitivity_local_undirected(mode="zero"), g.coreness()


def _paths_chunk(
    state: dict[str, Any], sources: list[int], dependencies: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """From each source: Dijkstra, then Brandes' dependencies; also the distances summed per node.

    Returns the summed dependencies, and per node the summed distances to the sources it reaches
    and how many (undirected: the distance from s to v is the distance from v to s).
    """
    from scipy.sparse.csgraph import dijkstra

    net, D = state["net"], state["D"]
    n = net.n
    dependency, total, reached = np.zeros(n), np.zeros(n), np.zeros(n)
    if not sources:
        return dependency, total, reached
    length = 1.0 / net.weight
    for start in range(0, len(sources), _PATH_CHUNK):
        batch = sources[start : start + _PATH_CHUNK]
        distances = dijkstra(D, directed=True, indices=batch)
        for s, d in zip(batch, distances, strict=True):
            finite = np.isfinite(d)
            finite[s] = False
            total[finite] += d[finite]
            reached[finite] += 1
            if dependencies:
                dependency += _dependencies(d, s, net, length)
    return dependency, total, reached


def _dependencies(d: np.ndarray, s: int, net: NetArrays, length: np.ndarray) -> np.ndarray:
    """Brandes' dependencies of source ``s`` given its distances ``d``.

    The shortest-path DAG holds the ties a→b with d[a] + l = d[b] to igraph's relative 1e-10. In
    the order of distance it is triangular, so the path counts sigma = e_s + A sigma and the
    dependencies delta = C (1 + delta), C[a, b] = sigma[a] / sigma[b], are two triangular solves.
    """
    import scipy.sparse as sp
    from scipy.sparse.linalg import spsolve_triangular

    n = net.n
    du, dv = d[net.src], d[net.dst]
    with np.errstate(invalid="ignore"):  # inf - inf between unreached nodes: NaN, never tight
        tolerance = du + dv
        tolerance += length
        tolerance *= _TIE_EPSILON
        rise = dv - du
        gap = np.abs(rise)
        gap -= length
        np.abs(gap, out=gap)
        tight = np.flatnonzero(gap <= tolerance)
    up = rise[tight] > 0
    a = np.where(up, net.src[tight], net.dst[tight])
    b = np.where(up, net.dst[tight], net.src[tight])
    rank = np.empty(n, np.int64)
    rank[np.argsort(d, kind="stable")] = np.arange(n)
    ra, rb = rank[a], rank[b]
    diagonal = np.arange(n)
    lower = sp.csr_array(
        (np.r_[-np.ones(len(a)), np.ones(n)], (np.r_[rb, diagonal], np.r_[ra, diagonal])), shape=(n, n)
    )
    unit = np.zeros(n)
    unit[rank[s]] = 1.0
    sigma = spsolve_triangular(lower, unit, lower=True, unit_diagonal=True)
    share = sigma[ra] / sigma[rb]
    upper = sp.csr_array(
        (np.r_[-share, np.ones(n)], (np.r_[ra, diagonal], np.r_[rb, diagonal])), shape=(n, n)
    )
    outflow = np.bincount(ra, weights=share, minlength=n)
    delta = spsolve_triangular(upper, outflow, lower=False, unit_diagonal=True)
    out = delta[rank]
    out[s] = 0.0
    return out


def _burt_terms(W: Any) -> dict[str, Any]:
    """What every Burt task reads: W, its upper triangle, and diag(1/s + i) W."""
    import scipy.sparse as sp

    strength = np.asarray(W.sum(axis=1)).ravel()
    inverse = np.divide(1.0, strength, out=np.zeros_like(strength), where=strength > 0)
    return {
        "W": W,
        "upper": sp.triu(W, k=1, format="csr"),
        "right": (sp.diags_array(inverse + 1j) @ W).tocsr(),  # row q of W times (1/s_q + i)
    }


def _burt_chunk(state: dict[str, Any], first: int, last: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """T_ij + i U_ij on the ties (i, j), i < j, of the nodes first..last-1 (see ``_burt``).

    T = W diag(1/s) W and U = W W are symmetric, so only the columns from ``first`` on are
    computed: half the work of the whole product.
    """
    rows = state["W"][first:last].astype(complex)
    product = rows @ state["right"][:, first:]
    ties = product.multiply(state["upper"][first:last][:, first:] != 0).tocoo()
    return ties.row + first, ties.col + first, ties.data


def _burt(state: dict[str, Any], parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> tuple:
    """Burt's constraint and effective size of every node, networkx's definitions, from the chunks.

    With p_ij = w_ij / s_i and m_jq = w_jq / max_k w_jk, on the ties (i, j) of i:
    constraint_i = sum_j (p_ij + sum_q p_iq p_qj)^2 = sum_j ((w_ij + T_ij) / s_i)^2 and
    effective size_i = deg_i - sum_j sum_q p_iq m_jq = deg_i - sum_j U_ij / (s_i max_j).
    Isolates: NaN.
    """
    import scipy.sparse as sp

    W = state["W"]
    n = W.shape[0]
    rows, cols, values = (np.concatenate([p[k] for p in parts]) if parts else np.zeros(0) for k in range(3))
    upper = sp.coo_array((values, (rows, cols)), shape=(n, n), dtype=complex).tocsr()
    ties = upper + upper.T
    strength = np.asarray(W.sum(axis=1)).ravel()
    largest = W.max(axis=1).toarray().ravel() if n else np.zeros(0)
    inverse_max = np.divide(1.0, largest, out=np.zeros(n), where=largest > 0)
    direct = W + sp.csr_array(ties.real)  # w_ij + T_ij on the ties
    with np.errstate(divide="ignore", invalid="ignore"):
        constraint = np.asarray(direct.power(2).sum(axis=1)).ravel() / strength**2
        redundancy = np.asarray(sp.csr_array(ties.imag) @ inverse_max).ravel() / strength
    esize = np.diff(W.indptr) - redundancy
    constraint[strength == 0] = np.nan
    esize[strength == 0] = np.nan
    return constraint, esize
