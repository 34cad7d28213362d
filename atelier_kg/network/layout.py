"""What every picture of a network shares: labels, colours, sizes and one layout.

Each connected component is laid out on its own with igraph (Kamada-Kawai up to 500 nodes,
Fruchterman-Reingold on a grid above, from a fixed seed), turned so that its long side is
horizontal, and the components are packed in rows, largest first, isolated nodes last. A sparse
network with many isolates thus stays readable, and the same graph always gives the same layout.
Node colour says the type, node area the degree (the betweenness when metrics are given), edge
width the weight.
"""

from __future__ import annotations

import math
import random
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np

if TYPE_CHECKING:
    from .metrics import Metrics

SEED = 1
LABEL_MAX = 30  # longer labels are cut (on a word when possible) and end with an ellipsis
LABEL_ALL = 60  # up to this many nodes every node is labelled; above, the largest that fit
KAMADA_KAWAI_MAX = 500  # larger components get the faster Fruchterman-Reingold layout
SIZE_METRIC = "betweenness"  # node area when metrics are given (else the degree)
NEIGHBOUR_GAP = 0.7  # layout units (an edge is about one unit long)
LABEL_SHARE = 0.0135  # label font size / picture height, about so in the PNG, SVG and HTML
ASPECT = 1.3  # width / height the layout aims to fill


def short_label(label: str, limit: int = LABEL_MAX) -> str:
    """``label`` cut to ``limit`` characters with an ellipsis, on a word boundary when one is near."""
    label = " ".join(label.split())
    if len(label) <= limit:
        return label
    cut = label[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit * 2 // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—'’") + "…"


def node_label(G: nx.Graph, node) -> str:
    return str(G.nodes[node].get("label") or node)


def hex_colour(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def type_name(t: str) -> str:
    return t or "(no type)"


def node_shares(G: nx.Graph, nodes: list[str], metrics: Metrics | None) -> tuple[str, list[float]]:
    """What sizes the nodes, and each node's share of the largest value (0 to 1)."""
    by = "degree"
    values = [float(G.degree(n)) for n in nodes]
    if metrics is not None:
        picked = [(metrics.nodes.get(n) or {}).get(SIZE_METRIC) for n in nodes]
        if any(v is not None and v > 0 for v in picked):
            by = SIZE_METRIC
            values = [float(v or 0.0) for v in picked]
    top = max(values, default=0.0)
    return by, [v / top if top > 0 else 0.0 for v in values]


def edge_list(G: nx.Graph) -> list[tuple[str, str]]:
    """The edges between two distinct nodes, each end-sorted, in sorted order (self-loops apart)."""
    return sorted((tuple(sorted((a, b), key=str)) for a, b in G.edges() if a != b), key=str)


def type_counts(G: nx.Graph) -> dict[str, int]:
    """How many nodes of each type, by type in sorted order (the legend)."""
    counts: dict[str, int] = {}
    for _, data in G.nodes(data=True):
        counts[str(data.get("type", ""))] = counts.get(str(data.get("type", "")), 0) + 1
    return dict(sorted(counts.items()))


def picture_subtitle(G: nx.Graph, size_by: str) -> str:
    """The line under the title: the time slice if any, the size, what the marks mean."""
    parts = [f"{G.number_of_nodes()} nodes", f"{G.number_of_edges()} edges", f"node area: {size_by}"]
    parts.append("edge width: weight")
    if G.graph.get("slice"):
        parts.insert(0, str(G.graph["slice"]))
    return " · ".join(parts)


def picture_title(G: nx.Graph) -> str:
    return str(G.graph.get("title") or G.graph.get("name") or "network")


def shrink_factor(n: int) -> float:
    """How much smaller nodes are drawn in a large network (1 up to 200 nodes)."""
    return min(1.0, (200 / max(n, 1)) ** 0.25)


def edge_widths(G: nx.Graph, edges: list[tuple[str, str]]) -> list[float]:
    """Each edge's weight as a share of the largest weight (0 to 1)."""
    weights = [float(G.edges[e].get("weight", 1.0)) for e in edges]
    top = max(weights, default=0.0)
    return [w / top if top > 0 else 0.0 for w in weights]


def _component_layout(C: nx.Graph, nodes: list[str]) -> np.ndarray:
    """Positions of one connected component (rows follow ``nodes``), deterministic."""
    import igraph as ig

    n = len(nodes)
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return np.array([[0.0, 0.0], [1.0, 0.0]])
    index = {v: i for i, v in enumerate(nodes)}
    edges = sorted((min(index[a], index[b]), max(index[a], index[b])) for a, b in C.edges() if a != b)
    g = ig.Graph(n=n, edges=edges)
    # random start spread like the result (a start squeezed in one cell makes the grid variant slow)
    start = (np.random.default_rng(SEED).uniform(-1.0, 1.0, (n, 2)) * math.sqrt(n)).tolist()
    # igraph draws from Python's random module; give it a seeded generator, then put it back
    ig.set_random_number_generator(random.Random(SEED))
    try:
        if n <= KAMADA_KAWAI_MAX:
            coords = g.layout_kamada_kawai(seed=start).coords
        else:
            weights = [float(C.edges[nodes[a], nodes[b]].get("weight", 1.0)) for a, b in edges]
            coords = g.layout_fruchterman_reingold(seed=start, weights=weights, niter=500, grid=True).coords
    finally:
        ig.set_random_number_generator(random)
    xy = np.array(coords, dtype=float)
    xy -= xy.mean(axis=0)
    # principal axis horizontal (labels run horizontally, pictures are landscape); fixed signs
    _, vectors = np.linalg.eigh(np.cov(xy.T))
    xy = xy @ vectors[:, ::-1]
    for axis in (0, 1):
        if np.sum(xy[:, axis] ** 3) < 0:
            xy[:, axis] *= -1
    # edges about one unit long whatever the algorithm, and spread further where nodes crowd (the
    # leaves around a hub): most nodes at least NEIGHBOUR_GAP from their nearest neighbour
    from scipy.spatial import cKDTree

    lengths = np.linalg.norm(xy[[a for a, _ in edges]] - xy[[b for _, b in edges]], axis=1)
    scale = 1.0 / (float(np.median(lengths)) or 1.0)
    nearest = cKDTree(xy).query(xy, k=2)[0][:, 1]
    crowded = float(np.quantile(nearest, 0.2))
    if crowded > 0:
        scale = max(scale, NEIGHBOUR_GAP / crowded)
    return xy * scale


def layout(G: nx.Graph, aspect: float = ASPECT) -> dict[str, tuple[float, float]]:
    """Deterministic positions (y up): components laid out apart and packed in rows, largest first,
    isolated nodes in a grid; the packing whose bounding box best fills a width:height of ``aspect``."""
    return arrange(G, aspect)[0]


def arrange(G: nx.Graph, aspect: float = ASPECT) -> tuple[dict[str, tuple[float, float]], float, float]:
    """The layout, and the width and height of its box, from (0, 0) rightwards and downwards (y < 0),
    room for the labels included."""
    parts = sorted(
        (sorted(c, key=str) for c in nx.connected_components(G)), key=lambda c: (-len(c), str(c[0]))
    )
    shapes = []
    for nodes in parts:
        xy = _component_layout(G.subgraph(nodes), nodes) if len(nodes) > 1 else np.zeros((1, 2))
        xy -= xy.min(axis=0)
        shapes.append((nodes, xy))
    # isolated nodes in the alphabetical order of their labels
    alone = sorted(
        (nodes[0] for nodes, _ in shapes if len(nodes) == 1),
        key=lambda v: (node_label(G, v).casefold(), str(v)),
    )
    longest = max((len(short_label(node_label(G, v))) for v in alone), default=0)
    if G.number_of_nodes() > LABEL_ALL:
        longest = 0  # few nodes get a label: no room kept for them
    # Labels keep their size in the picture whatever its scale: the room left for them (right of a
    # component, and a cell of the isolated nodes' grid) follows the label size in layout units,
    # which follows the scale of the packing: a few rounds settle it.
    font = 0.3
    for _ in range(4):
        room = 0.55 * font * longest + 3 * font
        score, placed, width, height = _pack(shapes, alone, (room, (2.4 if longest else 3.0) * font), aspect)
        font = LABEL_SHARE * score
    pos: dict[str, tuple[float, float]] = {}
    for nodes, xy, x, y in placed:
        for v, (px, py) in zip(nodes, xy, strict=True):
            pos[v] = (round(float(px + x), 6), round(float(-(py + y)), 6))
    return pos, width, height


def _pack(shapes: list, alone: list[str], cell: tuple[float, float], aspect: float) -> tuple:
    """The packing of components (and of the grid of isolated nodes) that best fills ``aspect``:
    its height in layout units once fitted, each component's nodes, positions and offset, and the
    packing's width and height."""
    # each block: its content, a little room left and more right (labels mostly run right), and
    # half a row gap above and below
    gap, left = 1.2, 0.15 * cell[0]
    blocks = [
        (nodes, xy + [left, gap / 2], float(xy[:, 0].max()) + cell[0], float(xy[:, 1].max()) + gap)
        for nodes, xy in shapes
        if len(nodes) > 1
    ]
    best = None
    columns = (
        sorted({max(1, round(len(alone) ** 0.5 * f)) for f in (0.5, 0.75, 1, 1.5, 2, 3)}) if alone else [0]
    )
    for cols in columns:
        items = list(blocks)
        if alone:
            grid = np.array(
                [[(i % cols + 0.15) * cell[0], (i // cols + 0.5) * cell[1]] for i in range(len(alone))]
            )
            items.append((alone, grid, cols * cell[0], math.ceil(len(alone) / cols) * cell[1]))
        if not items:
            continue
        widest = max(w for *_, w, _ in items)
        total = sum(w for *_, w, _ in items)
        candidates = sorted({widest, total} | {widest + (total - widest) * k / 12 for k in range(1, 12)})
        if len(items) > 300:  # many components: no search, a square-ish packing
            candidates = [max(widest, math.sqrt(sum(w * h for *_, w, h in items) * aspect))]
        for row_width in candidates:
            placed, width, height = _shelves(items, row_width)
            score = max(width / aspect, height)
            if best is None or score < best[0] - 1e-9:
                best = (score, placed, width, height)
    return best if best is not None else (1.0, [], 1.0, 1.0)


def _shelves(items: list, row_width: float) -> tuple[list, float, float]:
    """Items placed left to right in rows no wider than ``row_width``; the total width and height."""
    placed = []
    x = y = row_height = width = 0.0
    for nodes, xy, w, h in items:
        if x > 0 and x + w > row_width + 1e-9:
            x, y, row_height = 0.0, y + row_height, 0.0
        placed.append((nodes, xy, x, y))
        x += w
        width = max(width, x)
        row_height = max(row_height, h)
    return placed, width, y + row_height


def node_details(G: nx.Graph, node: str, metrics: Metrics | None) -> list[list[str]]:
    """The rows of a node's tooltip: attributes, then metrics, then the IRI."""
    data = G.nodes[node]
    rows = [["type", type_name(str(data.get("type", "")))], ["degree", str(G.degree(node))]]
    if data.get("sector"):
        rows.insert(1, ["sector", str(data["sector"])])
    for key in ("start", "end"):
        if data.get(key):
            rows.append([key, str(data[key])])
    if G.has_edge(node, node):
        rows.append(["self-loop weight", format_number(G.edges[node, node].get("weight"))])
    if metrics is not None:
        for name, value in sorted((metrics.nodes.get(node) or {}).items()):
            rows.append([name, format_number(value)])
    rows.append(["IRI", str(node)])
    return rows


def format_number(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def frame(width: float, height: float, aspect: float) -> tuple[float, float, float, float]:
    """Limits (x0, x1, y0, y1) around the layout's box, with a small margin, widened to ``aspect``."""
    margin = 0.02 * max(width, height, 1e-9)
    x0, x1, y0, y1 = -margin, width + margin, -height - margin, margin
    if (x1 - x0) / aspect > y1 - y0:
        extra = (x1 - x0) / aspect - (y1 - y0)
        y0, y1 = y0 - extra / 2, y1 + extra / 2
    else:
        extra = (y1 - y0) * aspect - (x1 - x0)
        x0, x1 = x0 - extra / 2, x1 + extra / 2
    return x0, x1, y0, y1
