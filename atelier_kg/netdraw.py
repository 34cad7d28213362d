"""Pictures of a network: PNG and SVG drawn with matplotlib, and one self-contained HTML page.

Every drawer has the same door, ``write(G, out, metrics=None) -> list[Path]``, and sits in the
name-keyed ``DRAWERS`` registry (its keys feed the CLI's choices). All three share one layout:
each connected component is laid out on its own with igraph (Kamada-Kawai up to 500 nodes,
Fruchterman-Reingold on a grid above, from a fixed seed), turned so that its long side is
horizontal, and the components are packed in rows, largest first, isolated nodes last. A sparse
network with many isolates thus stays readable, and the same graph always gives the same bytes.
Node colour says the type, node area the degree (the betweenness when metrics are given), edge
width the weight. The HTML page draws itself with a little vanilla JavaScript from its embedded
JSON: it fetches nothing (a Content-Security-Policy forbids it) and works offline from a file.
"""

from __future__ import annotations

import html
import json
import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np

from .errors import UsageError
from .netexport import type_colours
from .write import atomic_outputs

if TYPE_CHECKING:
    from .netmetrics import Metrics

SEED = 1
LABEL_MAX = 30  # longer labels are cut (on a word when possible) and end with an ellipsis
LABEL_ALL = 60  # up to this many nodes every node is labelled; above, the largest that fit
KAMADA_KAWAI_MAX = 500  # larger components get the faster Fruchterman-Reingold layout
SIZE_METRIC = "betweenness"  # node area when metrics are given (else the degree)
NEIGHBOUR_GAP = 0.7  # layout units (an edge is about one unit long)
LABEL_SHARE = 0.0135  # label font size / picture height, about so in the PNG, SVG and HTML
ASPECT = 1.3  # width / height the layout aims to fill


@dataclass(frozen=True)
class Drawer:
    """One picture format: its name (the CLI's choice), what it is, the file suffix, and the function
    that draws ``G`` at ``out`` and returns the paths it wrote."""

    name: str
    description: str
    suffix: str
    write: Callable[[nx.Graph, Path, Metrics | None], list[Path]]


DRAWERS: dict[str, Drawer] = {}


def register(drawer: Drawer) -> Drawer:
    """Add a drawer to the registry (the built-in ones come in the same way)."""
    DRAWERS[drawer.name] = drawer
    return drawer


# ---------------------------------------------------------------------------------------------
# what every format shares: labels, colours, sizes, layout


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


def _label(G: nx.Graph, node) -> str:
    return str(G.nodes[node].get("label") or node)


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _type_name(t: str) -> str:
    return t or "(no type)"


def _sizes(G: nx.Graph, nodes: list[str], metrics: Metrics | None) -> tuple[str, list[float]]:
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


def _edges(G: nx.Graph) -> list[tuple[str, str]]:
    """The edges between two distinct nodes, each end-sorted, in sorted order (self-loops apart)."""
    return sorted((tuple(sorted((a, b), key=str)) for a, b in G.edges() if a != b), key=str)


def _type_counts(G: nx.Graph) -> dict[str, int]:
    """How many nodes of each type, by type in sorted order (the legend)."""
    counts: dict[str, int] = {}
    for _, data in G.nodes(data=True):
        counts[str(data.get("type", ""))] = counts.get(str(data.get("type", "")), 0) + 1
    return dict(sorted(counts.items()))


def _subtitle(G: nx.Graph, size_by: str) -> str:
    """The line under the title: the time slice if any, the size, what the marks mean."""
    parts = [f"{G.number_of_nodes()} nodes", f"{G.number_of_edges()} edges", f"node area: {size_by}"]
    parts.append("edge width: weight")
    if G.graph.get("slice"):
        parts.insert(0, str(G.graph["slice"]))
    return " · ".join(parts)


def _title(G: nx.Graph) -> str:
    return str(G.graph.get("title") or G.graph.get("name") or "network")


def _shrink(n: int) -> float:
    """How much smaller nodes are drawn in a large network (1 up to 200 nodes)."""
    return min(1.0, (200 / max(n, 1)) ** 0.25)


def _widths(G: nx.Graph, edges: list[tuple[str, str]]) -> list[float]:
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
    return _arrange(G, aspect)[0]


def _arrange(G: nx.Graph, aspect: float = ASPECT) -> tuple[dict[str, tuple[float, float]], float, float]:
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
        (nodes[0] for nodes, _ in shapes if len(nodes) == 1), key=lambda v: (_label(G, v).casefold(), str(v))
    )
    longest = max((len(short_label(_label(G, v))) for v in alone), default=0)
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


def _node_details(G: nx.Graph, node: str, metrics: Metrics | None) -> list[list[str]]:
    """The rows of a node's tooltip: attributes, then metrics, then the IRI."""
    data = G.nodes[node]
    rows = [["type", _type_name(str(data.get("type", "")))], ["degree", str(G.degree(node))]]
    if data.get("sector"):
        rows.insert(1, ["sector", str(data["sector"])])
    for key in ("start", "end"):
        if data.get(key):
            rows.append([key, str(data[key])])
    if G.has_edge(node, node):
        rows.append(["self-loop weight", _number(G.edges[node, node].get("weight"))])
    if metrics is not None:
        for name, value in sorted((metrics.nodes.get(node) or {}).items()):
            rows.append([name, _number(value)])
    rows.append(["IRI", str(node)])
    return rows


def _number(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


# ---------------------------------------------------------------------------------------------
# PNG and SVG (matplotlib, Agg canvas: never a display)

FIGSIZE = (13.0, 9.0)  # inches
DPI = 150
AXES = (0.01, 0.02, 0.76, 0.87)  # left, bottom, width, height, in figure fractions
FONT = 7.5  # points, node labels


def _figure(G: nx.Graph, metrics: Metrics | None):
    """The matplotlib figure of ``G`` (a fresh Figure on an Agg canvas, no pyplot state)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    nodes = sorted(G.nodes, key=str)
    edges = _edges(G)
    loops = sorted((n for n in nodes if G.has_edge(n, n)), key=str)
    pos, width, height = _arrange(G, (FIGSIZE[0] * AXES[2]) / (FIGSIZE[1] * AXES[3]))
    colours = type_colours(G)
    size_by, shares = _sizes(G, nodes, metrics)
    shrink = _shrink(len(nodes))
    node_area = {n: (30.0 + 420.0 * s) * shrink**2 for n, s in zip(nodes, shares, strict=True)}  # points²

    fig = Figure(figsize=FIGSIZE, dpi=DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_axes(AXES)
    ax.set_axis_off()
    x0, x1, y0, y1 = _frame(width, height, (FIGSIZE[0] * AXES[2]) / (FIGSIZE[1] * AXES[3]))
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)

    widths = _widths(G, edges)
    ax.add_collection(
        LineCollection(
            [(pos[a], pos[b]) for a, b in edges],
            linewidths=[(0.6 + 3.0 * w) * shrink for w in widths],
            colors="#8c8c8c",
            alpha=0.6,
            zorder=1,
            capstyle="round",
        )
    )
    if nodes:
        ax.scatter(
            [pos[n][0] for n in nodes],
            [pos[n][1] for n in nodes],
            s=[node_area[n] for n in nodes],
            c=[_hex(colours[str(G.nodes[n].get("type", ""))]) for n in nodes],
            edgecolors="white",
            linewidths=0.8,
            zorder=3,
        )
    _draw_loops(ax, G, loops, pos, node_area)
    _place_labels(fig, ax, G, nodes, pos, node_area)

    handles = [
        Line2D(
            [], [], ls="", marker="o", ms=8, mfc=_hex(colours[t]), mec="white", label=f"{_type_name(t)} ({c})"
        )
        for t, c in _type_counts(G).items()
    ]
    if handles:
        legend = fig.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(AXES[0] + AXES[2] + 0.01, AXES[1] + AXES[3]),
            frameon=False,
            fontsize=8,
            title="type",
            title_fontsize=9,
            alignment="left",
            ncols=1 if len(handles) <= 30 else 2,
        )
        for text in legend.get_texts():
            text.set_parse_math(False)
    fig.text(0.01, 0.965, _title(G), fontsize=14, va="baseline", parse_math=False)
    fig.text(0.01, 0.935, _subtitle(G, size_by), fontsize=9, color="#555555", va="baseline", parse_math=False)
    if metrics is not None and metrics.notes:
        fig.text(
            0.01, 0.005, "; ".join(metrics.notes), fontsize=7, color="#777777", va="bottom", parse_math=False
        )
    return fig


def _frame(width: float, height: float, aspect: float) -> tuple[float, float, float, float]:
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


def _draw_loops(ax, G: nx.Graph, loops: list[str], pos, node_area) -> None:
    """A self-loop (ties inside one organisation type) as a ring resting on top of its node."""
    from matplotlib.patches import Circle

    if not loops:
        return
    per_point = (ax.get_xlim()[1] - ax.get_xlim()[0]) / (ax.figure.get_figwidth() * AXES[2] * 72)
    top = max(float(G.edges[n, n].get("weight", 1.0)) for n in loops)
    for n in loops:
        radius = math.sqrt(node_area[n]) / 2 * per_point
        x, y = pos[n]
        width = 0.6 + 3.0 * float(G.edges[n, n].get("weight", 1.0)) / top
        ax.add_patch(
            Circle((x, y + 1.6 * radius), 0.8 * radius, fill=False, ec="#8c8c8c", lw=width, zorder=2)
        )


def _place_labels(fig, ax, G: nx.Graph, nodes: list[str], pos, node_area) -> None:
    """Label nodes, largest first, each where it overlaps least the labels and nodes placed so far
    (with many nodes, only the largest whose label finds a free spot)."""
    renderer = fig.canvas.get_renderer()
    ax_box = ax.get_window_extent(renderer)
    frame = np.array([ax_box.x0, ax_box.y0, ax_box.x1, ax_box.y1])
    centres = ax.transData.transform([pos[n] for n in nodes]) if nodes else np.zeros((0, 2))
    radii = np.array([math.sqrt(node_area[n]) / 2 * DPI / 72 for n in nodes])  # pixels
    discs = (
        np.column_stack([centres - radii[:, None], centres + radii[:, None]]) if nodes else np.zeros((0, 4))
    )
    row = {n: i for i, n in enumerate(nodes)}
    order = sorted(nodes, key=lambda n: (-node_area[n], str(n)))
    many = len(nodes) > LABEL_ALL
    placed = np.zeros((0, 4))
    for rank, n in enumerate(order):
        if many and (rank >= 4 * LABEL_ALL or len(placed) >= LABEL_ALL):
            break
        gap = math.sqrt(node_area[n]) / 2 + 2.0  # points
        d = gap * 0.75
        spots = [
            ((gap, 0), "left", "center"),
            ((-gap, 0), "right", "center"),
            ((0, gap), "center", "bottom"),
            ((0, -gap), "center", "top"),
            ((d, d), "left", "bottom"),
            ((d, -d), "left", "top"),
            ((-d, d), "right", "bottom"),
            ((-d, -d), "right", "top"),
        ]
        text = ax.annotate(
            short_label(_label(G, n)),
            xy=pos[n],
            xytext=(0, 0),
            textcoords="offset points",
            fontsize=FONT,
            parse_math=False,  # a "$" in a label is a dollar
            zorder=4 + (len(order) - rank) / (len(order) + 1),  # the first placed stay on top
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75},
        )
        own = discs[row[n]]
        best = None
        for offset, ha, va in spots:
            text.xyann = offset
            text.set_ha(ha)
            text.set_va(va)
            e = text.get_window_extent(renderer)
            box = np.array([e.x0 - 1, e.y0 - 1, e.x1 + 1, e.y1 + 1])
            # clashes: with the labels placed and out of the frame; overlaps: with the nodes
            clash = _overlaps(box, placed)
            clash += 10 * ((box[2] - box[0]) * (box[3] - box[1]) - _overlaps(box, frame[None, :]))
            cost = clash + _overlaps(box, discs) - _overlaps(box, own[None, :])
            if best is None or cost < best[0] - 1e-9:
                best = (cost, clash, offset, ha, va, box)
            if cost <= 1e-9:
                break
        assert best is not None
        if many and best[1] > 1e-9:  # a crowded network: no label over another
            text.remove()
            continue
        _, _, text.xyann, ha, va, box = best
        text.set_ha(ha)
        text.set_va(va)
        placed = np.vstack([placed, box])


def _overlaps(box: np.ndarray, boxes: np.ndarray) -> float:
    """The summed area of ``box`` (x0, y0, x1, y1) overlapping each of ``boxes``."""
    w = np.minimum(box[2], boxes[:, 2]) - np.maximum(box[0], boxes[:, 0])
    h = np.minimum(box[3], boxes[:, 3]) - np.maximum(box[1], boxes[:, 1])
    return float(np.sum(np.clip(w, 0, None) * np.clip(h, 0, None)))


def _save(G: nx.Graph, out: Path, metrics: Metrics | None, fmt: str) -> list[Path]:
    import matplotlib

    target = Path(out)
    # SVG text stays text (searchable, accessible); ids hashed with a fixed salt; no dates
    with matplotlib.rc_context(
        {"svg.hashsalt": "atelier-kg", "svg.fonttype": "none", "font.family": "DejaVu Sans"}
    ):
        fig = _figure(G, metrics)
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        with atomic_outputs(target.parent) as scratch:
            fig.savefig(scratch / target.name, format=fmt, dpi=DPI, metadata=metadata, facecolor="white")
    return [target]


def write_png(G: nx.Graph, out: Path, metrics: Metrics | None = None) -> list[Path]:
    """A PNG picture of the network (1950×1350 pixels), byte-identical for the same graph."""
    return _save(G, out, metrics, "png")


def write_svg(G: nx.Graph, out: Path, metrics: Metrics | None = None) -> list[Path]:
    """An SVG picture of the network, its labels and legend as text, byte-identical for the same graph."""
    return _save(G, out, metrics, "svg")


# ---------------------------------------------------------------------------------------------
# HTML: one self-contained interactive page

VIEW_W, VIEW_H = 1200.0, 920.0  # the SVG's units; labels 13 units high


def page_data(G: nx.Graph, metrics: Metrics | None = None) -> dict:
    """What the HTML page draws: positions in its SVG's units (y down), colours, tooltip rows."""
    nodes = sorted(G.nodes, key=str)
    index = {n: i for i, n in enumerate(nodes)}
    edges = _edges(G)
    pos, width, height = _arrange(G, VIEW_W / VIEW_H)
    colours = type_colours(G)
    size_by, shares = _sizes(G, nodes, metrics)
    x0, x1, _, y1 = _frame(width, height, VIEW_W / VIEW_H)
    scale = VIEW_W / (x1 - x0)
    shrink = _shrink(len(nodes))
    node_rows = []
    for n, share in zip(nodes, shares, strict=True):
        data = G.nodes[n]
        label = _label(G, n)
        node_rows.append(
            {
                "id": str(n),
                "label": label,
                "short": short_label(label),
                "type": str(data.get("type", "")),
                "x": round(scale * (pos[n][0] - x0), 1),
                "y": round(scale * (y1 - pos[n][1]), 1),
                "r": round((5.0 + 10.0 * math.sqrt(share)) * shrink, 1),
                "details": _node_details(G, n, metrics),
            }
        )
    edge_rows = []
    for (a, b), w in zip(edges, _widths(G, edges), strict=True):
        data = G.edges[a, b]
        details = [["relation", str(data.get("relation", ""))], ["weight", _number(data.get("weight"))]]
        if "contexts" in data:
            details.append(["contexts", _number(data["contexts"])])
        details += [[k, str(data[k])] for k in ("start", "end") if data.get(k)]
        title = f"{_label(G, a)} — {_label(G, b)}"
        edge_rows.append(
            {
                "source": index[a],
                "target": index[b],
                "width": round((1.0 + 5.0 * w) * shrink, 2),
                "title": title,
                "details": details,
            }
        )
    return {
        "name": str(G.graph.get("name", "")),
        "title": _title(G),
        "subtitle": _subtitle(G, size_by),
        "width": VIEW_W,
        "height": VIEW_H,
        "labelAll": LABEL_ALL,
        "types": [
            {"type": t, "name": _type_name(t), "colour": _hex(colours[t]), "count": c}
            for t, c in _type_counts(G).items()
        ],
        "nodes": node_rows,
        "edges": edge_rows,
        "graph": [[k, _number(v)] for k, v in sorted(metrics.graph.items())] if metrics is not None else [],
        "notes": list(metrics.notes) if metrics is not None else [],
    }


def _script_json(data: dict) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' left to end it or open a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page(G: nx.Graph, metrics: Metrics | None = None) -> str:
    """The HTML page of the network, as text."""
    title = _title(G)
    return (
        _PAGE.replace("@TITLE@", html.escape(title))
        .replace("@STYLE@", _STYLE.strip())
        .replace("@SCRIPT@", _SCRIPT.strip())
        .replace("@DATA@", _script_json(page_data(G, metrics)))
    )


def write_html(G: nx.Graph, out: Path, metrics: Metrics | None = None) -> list[Path]:
    """One self-contained interactive HTML page (it requests nothing), byte-identical for the same graph."""
    target = Path(out)
    text = page(G, metrics)
    with atomic_outputs(target.parent) as scratch:
        (scratch / target.name).write_bytes(text.encode("utf-8"))
    return [target]


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; \
style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="atelier-kg">
<title>@TITLE@</title>
<style>
@STYLE@
</style>
</head>
<body>
<header>
<h1>@TITLE@</h1>
<p id="subtitle"></p>
<label>Search <input id="search" type="search" autocomplete="off" placeholder="label…"></label>
<span id="status" aria-live="polite"></span>
</header>
<main>
<svg id="canvas" role="img" aria-label="@TITLE@" preserveAspectRatio="xMidYMid meet"></svg>
<aside>
<h2>Types</h2>
<ul id="legend"></ul>
<div id="metrics"></div>
<p class="help">Hover a node or an edge for details. Wheel to zoom, drag to pan, double-click to reset.
The search ignores case and accents; <code>#search=…</code> in the address searches on load.</p>
</aside>
</main>
<div id="tooltip" hidden></div>
<script type="application/json" id="network-data">@DATA@</script>
<script>
@SCRIPT@
</script>
</body>
</html>
"""

_STYLE = """
body { margin: 0; font: 14px/1.4 "DejaVu Sans", system-ui, sans-serif; color: #222; background: #fff; }
header { padding: 8px 16px; border-bottom: 1px solid #ddd; }
h1 { font-size: 20px; margin: 0; }
#subtitle { margin: 2px 0 6px; color: #555; }
#status { margin-left: 8px; color: #555; }
main { display: flex; height: calc(100vh - 110px); min-height: 400px; }
#canvas { flex: 1; min-width: 0; height: 100%; cursor: grab; user-select: none; }
aside { width: 260px; padding: 8px 16px; border-left: 1px solid #ddd; overflow: auto; }
aside h2 { font-size: 15px; margin: 4px 0; }
#legend { list-style: none; padding: 0; margin: 0 0 12px; }
#legend li { margin: 2px 0; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 50%; margin-right: 6px;
  vertical-align: -1px; }
#metrics table { border-collapse: collapse; font-size: 12px; }
#metrics td { padding: 1px 6px 1px 0; }
.help, .note { font-size: 12px; color: #666; }
.edge { stroke: #8c8c8c; stroke-opacity: 0.6; stroke-linecap: round; }
.edge:hover { stroke: #333; stroke-opacity: 0.9; }
.node { stroke: #fff; stroke-width: 1.2; cursor: pointer; }
.node:hover { stroke: #222; }
.label { font-size: 13px; fill: #222; paint-order: stroke; stroke: #fff; stroke-width: 3px;
  stroke-linejoin: round; pointer-events: none; }
.label.spare { display: none; }
.label.spare.match { display: inline; }
.node.match { stroke: #000; stroke-width: 2.5; }
.label.match { font-weight: bold; }
.dimmed { opacity: 0.15; }
#tooltip { position: fixed; z-index: 2; max-width: 360px; padding: 6px 8px; background: #fff;
  border: 1px solid #999; border-radius: 4px; box-shadow: 0 2px 6px rgba(0, 0, 0, 0.2);
  font-size: 12px; pointer-events: none; overflow-wrap: anywhere; }
#tooltip .head { font-weight: bold; margin-bottom: 2px; }
#tooltip .key { color: #666; }
"""

# Vanilla JavaScript, no library: every text reaches the page through textContent, never innerHTML.
_SCRIPT = r"""
(() => {
  "use strict";
  const data = JSON.parse(document.getElementById("network-data").textContent);
  const svg = document.getElementById("canvas");
  const NS = svg.namespaceURI;
  const tip = document.getElementById("tooltip");
  const html = (tag, text, parent) => {
    const el = document.createElement(tag);
    if (text !== null) el.textContent = text;
    parent.appendChild(el);
    return el;
  };
  const draw = (tag, attrs, parent) => {
    const el = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    parent.appendChild(el);
    return el;
  };
  document.getElementById("subtitle").textContent = data.subtitle;

  const colour = Object.fromEntries(data.types.map((t) => [t.type, t.colour]));
  const legend = document.getElementById("legend");
  for (const t of data.types) {
    const li = html("li", null, legend);
    li.dataset.type = t.type;
    html("span", null, li).className = "swatch";
    li.firstChild.style.background = t.colour;
    li.appendChild(document.createTextNode(`${t.name} (${t.count})`));
  }
  const panel = document.getElementById("metrics");
  if (data.graph.length) {
    html("h2", "Metrics", panel);
    const table = html("table", null, panel);
    for (const [k, v] of data.graph) {
      const tr = html("tr", null, table);
      html("td", k, tr);
      html("td", v, tr);
    }
  }
  for (const note of data.notes) html("p", note, panel).className = "note";

  // drawing: edges under nodes under labels
  let view = [0, 0, data.width, data.height];
  const setView = () => svg.setAttribute("viewBox", view.join(" "));
  setView();
  const gEdges = draw("g", { id: "edges" }, svg);
  const gNodes = draw("g", { id: "nodes" }, svg);
  const gLabels = draw("g", { id: "labels" }, svg);
  const edgeEls = data.edges.map((e, i) => {
    const a = data.nodes[e.source], b = data.nodes[e.target];
    return draw("line", { class: "edge", x1: a.x, y1: a.y, x2: b.x, y2: b.y,
                          "stroke-width": e.width, "data-index": i }, gEdges);
  });
  const nodeEls = data.nodes.map((n, i) => draw("circle", { class: "node", cx: n.x, cy: n.y, r: n.r,
    fill: colour[n.type], "data-id": n.id, "data-index": i }, gNodes));
  const labelEls = data.nodes.map((n) => {
    const t = draw("text", { class: "label", x: n.x, y: n.y }, gLabels);
    t.textContent = n.short;
    return t;
  });

  // labels: largest nodes first, each at the spot overlapping least what is already there
  const overlap = (p, q) => Math.max(0, Math.min(p[2], q[2]) - Math.max(p[0], q[0])) *
    Math.max(0, Math.min(p[3], q[3]) - Math.max(p[1], q[1]));
  const discs = data.nodes.map((n) => [n.x - n.r, n.y - n.r, n.x + n.r, n.y + n.r]);
  const order = data.nodes.map((_, i) => i).sort((i, j) => data.nodes[j].r - data.nodes[i].r || i - j);
  const many = data.nodes.length > data.labelAll;
  const placed = [];
  order.forEach((i, rank) => {
    const n = data.nodes[i], t = labelEls[i], g = n.r + 3;
    if (many && (rank >= 4 * data.labelAll || placed.length >= data.labelAll)) {
      t.setAttribute("x", n.x + g);
      t.setAttribute("dy", "0.35em");
      t.classList.add("spare");
      return;
    }
    let best = null;
    for (const [dx, dy, anchor, shift] of [[g, 0, "start", "0.35em"], [-g, 0, "end", "0.35em"],
        [0, -g, "middle", "0"], [0, g, "middle", "0.8em"]]) {
      t.setAttribute("x", n.x + dx);
      t.setAttribute("y", n.y + dy);
      t.setAttribute("dy", shift);
      t.setAttribute("text-anchor", anchor);
      const b = t.getBBox(), box = [b.x, b.y, b.x + b.width, b.y + b.height];
      // clashes: with the labels placed and out of the picture; overlaps: with the nodes
      let clash = placed.reduce((s, p) => s + overlap(box, p), 0);
      clash += 10 * (b.width * b.height - overlap(box, [0, 0, data.width, data.height]));
      let cost = clash;
      for (let j = 0; j < discs.length; j++) if (j !== i) cost += overlap(box, discs[j]);
      if (best === null || cost < best.cost) best = { cost, clash, dx, dy, anchor, shift, box };
      if (cost === 0) break;
    }
    t.setAttribute("x", n.x + best.dx);
    t.setAttribute("y", n.y + best.dy);
    t.setAttribute("dy", best.shift);
    t.setAttribute("text-anchor", best.anchor);
    if (many && best.clash > 0) t.classList.add("spare");
    else placed.push(best.box);
  });

  // tooltip
  const show = (ev, head, rows) => {
    tip.replaceChildren();
    html("div", head, tip).className = "head";
    for (const [k, v] of rows) {
      const row = html("div", null, tip);
      html("span", `${k}: `, row).className = "key";
      row.appendChild(document.createTextNode(v));
    }
    tip.hidden = false;
    move(ev);
  };
  const move = (ev) => {
    const x = Math.min(ev.clientX + 14, window.innerWidth - tip.offsetWidth - 4);
    const y = Math.min(ev.clientY + 14, window.innerHeight - tip.offsetHeight - 4);
    tip.style.left = `${Math.max(0, x)}px`;
    tip.style.top = `${Math.max(0, y)}px`;
  };
  svg.addEventListener("pointerover", (ev) => {
    const el = ev.target, i = Number(el.dataset ? el.dataset.index : NaN);
    if (el.classList.contains("node")) show(ev, data.nodes[i].label, data.nodes[i].details);
    else if (el.classList.contains("edge")) show(ev, data.edges[i].title, data.edges[i].details);
  });
  svg.addEventListener("pointerout", () => { tip.hidden = true; });

  // search: case- and accent-insensitive, on the full label
  const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/\s+/g, " ").trim();
  const keys = data.nodes.map((n) => fold(n.label));
  const input = document.getElementById("search");
  const status = document.getElementById("status");
  const search = (query) => {
    const q = fold(query), on = q !== "";
    const hit = keys.map((k) => on && k.includes(q));
    nodeEls.forEach((el, i) => {
      for (const e of [el, labelEls[i]]) {
        e.classList.toggle("match", hit[i]);
        e.classList.toggle("dimmed", on && !hit[i]);
      }
    });
    edgeEls.forEach((el, i) => {
      const e = data.edges[i];
      el.classList.toggle("dimmed", on && !(hit[e.source] || hit[e.target]));
    });
    const count = hit.filter(Boolean).length;
    status.textContent = on ? `${count} matching node${count === 1 ? "" : "s"}` : "";
  };
  input.addEventListener("input", () => search(input.value));
  const fromAddress = () => {
    const wanted = new URLSearchParams(location.hash.slice(1)).get("search") ??
      new URLSearchParams(location.search).get("search");
    if (wanted !== null) {
      input.value = wanted;
      search(wanted);
    }
  };
  window.addEventListener("hashchange", fromAddress);
  fromAddress();

  // zoom with the wheel around the pointer, pan by dragging the background, reset by double-click
  const toView = (ev) => new DOMPoint(ev.clientX, ev.clientY).matrixTransform(svg.getScreenCTM().inverse());
  svg.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const p = toView(ev), k = ev.deltaY > 0 ? 1.2 : 1 / 1.2;
    view = [p.x - (p.x - view[0]) * k, p.y - (p.y - view[1]) * k, view[2] * k, view[3] * k];
    setView();
  }, { passive: false });
  let drag = null;
  svg.addEventListener("pointerdown", (ev) => {
    if (ev.target !== svg) return;
    drag = toView(ev);
    svg.setPointerCapture(ev.pointerId);
  });
  svg.addEventListener("pointermove", (ev) => {
    if (!tip.hidden) move(ev);
    if (drag === null) return;
    const p = toView(ev);
    view = [view[0] - (p.x - drag.x), view[1] - (p.y - drag.y), view[2], view[3]];
    setView();
  });
  svg.addEventListener("pointerup", () => { drag = null; });
  svg.addEventListener("dblclick", () => { view = [0, 0, data.width, data.height]; setView(); });
})();
"""


register(Drawer("png", "PNG picture (matplotlib): colour by type, area by degree, labels", ".png", write_png))
register(Drawer("svg", "SVG picture (matplotlib), its labels and legend as text", ".svg", write_svg))
register(Drawer("html", "self-contained interactive HTML page: hover details, search", ".html", write_html))


def draw(G: nx.Graph, fmt: str, out: Path | str, metrics: Metrics | None = None) -> list[Path]:
    """Draw ``G`` (sized by ``metrics`` if given) in format ``fmt`` at ``out``; return the files written."""
    drawer = DRAWERS.get(fmt)
    if drawer is None:
        raise UsageError(f"unknown picture format {fmt!r}: use one of {', '.join(sorted(DRAWERS))}")
    if G.is_directed() or G.is_multigraph():
        raise UsageError("a network to draw is an undirected nx.Graph (see atelier_kg.netbuild)")
    return drawer.write(G, Path(out), metrics)
