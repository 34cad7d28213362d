"""Sampled sources: above ``exact_limit`` nodes, betweenness and closeness are estimated from a sample.

Which sources are drawn (``random.Random(seed)``, networkx's ``k`` semantics), which components
hold too few of them to estimate closeness (there it is computed exactly), and the notes that say
so. Both metric engines use them, so that they sample alike.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import numpy as np

from .arrays import NetArrays


def sample_sources(
    net: NetArrays, exact_limit: int, samples: int, seed: int
) -> tuple[list[int] | None, list[str]]:
    """The sampled sources (node indices, in node order) and the note saying so; None: exact."""
    n = net.n
    if n <= exact_limit:
        return None, []
    k = min(samples, n)
    chosen = set(random.Random(seed).sample(net.nodes, k))
    sources = [i for i, u in enumerate(net.nodes) if u in chosen]
    every = " — every node, so exact" if k == n else ""
    note = (
        f"betweenness estimated from {k:,} sampled sources (seed {seed}): "
        f"{n:,} nodes > {exact_limit:,}{every}"
    )
    return sources, [note]


def undersampled(net: NetArrays, sources: Sequence[int]) -> np.ndarray:
    """Nodes of the components holding fewer than 2 sources (too few to estimate closeness)."""
    held = np.bincount(net.component[list(sources)], minlength=len(net.component_size))
    thin = (held < 2) & (net.component_size > 1)
    return np.flatnonzero(thin[net.component])


def closeness_note(net: NetArrays, sources: Sequence[int], seed: int, exact: np.ndarray) -> str:
    """The note on an estimated closeness: how many sources, and where it is exact all the same."""
    note = (
        f"closeness estimated from the distances to {len(sources):,} sampled sources (seed {seed}), "
        "Wasserman–Faust corrected"
    )
    if len(exact):
        comps = len(set(net.component[exact].tolist()))
        note += f"; exact in the {comps:,} component(s) holding fewer than 2 sampled sources"
    return note
