"""Pictures of a network: PNG and SVG drawn with matplotlib, and one self-contained HTML page.

Every drawer has the same door, ``write(G, out, metrics=None) -> list[Path]``, and sits in the
name-keyed ``DRAWERS`` registry (its keys feed the CLI's choices), registered with the exporters
(:mod:`atelier_kg.network.exporters`). All three share one layout (:mod:`atelier_kg.network.layout`);
the HTML page is :mod:`atelier_kg.network.page`. The same graph always gives the same bytes.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np

from atelier_kg.errors import UsageError
from atelier_kg.output import atomic_outputs

from .exporters import Exporter, export, register, type_colours
from .layout import (
    LABEL_ALL,
    arrange,
    edge_list,
    edge_widths,
    frame,
    hex_colour,
    node_label,
    node_shares,
    picture_subtitle,
    picture_title,
    short_label,
    shrink_factor,
    type_counts,
    type_name,
)
from .page import write_html as write_page

if TYPE_CHECKING:
    from .metrics import Metrics


# ---------------------------------------------------------------------------------------------
# PNG and SVG (matplotlib, Agg canvas: never a display)

FIGSIZE = (13.0, 9.0)  # inches
DPI = 150
AXES = (0.01, 0.02, 0.76, 0.87)  # left, bottom, width, height, in figure fractions
FONT = 7.5  # points, node labels


def _figure(G: nx.Graph, metrics: Metrics | None):
    """The matplotlib figure of ``G`` (a fresh Figure on an Agg canvas, no pyplot state)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    nodes = sorted(G.nodes, key=str)
    loops = sorted((n for n in nodes if G.has_edge(n, n)), key=str)
    pos, width, height = arrange(G, (FIGSIZE[0] * AXES[2]) / (FIGSIZE[1] * AXES[3]))
    colours = type_colours(G)
    size_by, shares = node_shares(G, nodes, metrics)
    shrink = shrink_factor(len(nodes))
    node_area = {n: (30.0 + 420.0 * s) * shrink**2 for n, s in zip(nodes, shares, strict=True)}  # points²

    fig = Figure(figsize=FIGSIZE, dpi=DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_axes(AXES)
    ax.set_axis_off()
    x0, x1, y0, y1 = frame(width, height, (FIGSIZE[0] * AXES[2]) / (FIGSIZE[1] * AXES[3]))
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)

    _draw_ties(ax, G, pos, shrink)
    if nodes:
        ax.scatter(
            [pos[n][0] for n in nodes],
            [pos[n][1] for n in nodes],
            s=[node_area[n] for n in nodes],
            c=[hex_colour(colours[str(G.nodes[n].get("type", ""))]) for n in nodes],
            edgecolors="white",
            linewidths=0.8,
            zorder=3,
        )
    _draw_loops(ax, G, loops, pos, node_area)
    _place_labels(fig, ax, G, nodes, pos, node_area)
    _draw_legend(fig, G, colours)
    _draw_captions(fig, G, size_by, metrics)
    return fig


def _draw_ties(ax, G: nx.Graph, pos, shrink: float) -> None:
    """The ties between distinct nodes, one line collection, widths by weight."""
    from matplotlib.collections import LineCollection

    edges = edge_list(G)
    widths = edge_widths(G, edges)
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


def _draw_legend(fig, G: nx.Graph, colours) -> None:
    """The legend right of the axes: one entry per node type, with its number of nodes."""
    from matplotlib.lines import Line2D

    handles = [
        Line2D(
            [],
            [],
            ls="",
            marker="o",
            ms=8,
            mfc=hex_colour(colours[t]),
            mec="white",
            label=f"{type_name(t)} ({c})",
        )
        for t, c in type_counts(G).items()
    ]
    if not handles:
        return
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


def _draw_captions(fig, G: nx.Graph, size_by: str, metrics: Metrics | None) -> None:
    """The title and subtitle above the picture, the metrics' notes below it."""
    fig.text(0.01, 0.965, picture_title(G), fontsize=14, va="baseline", parse_math=False)
    fig.text(
        0.01,
        0.935,
        picture_subtitle(G, size_by),
        fontsize=9,
        color="#555555",
        va="baseline",
        parse_math=False,
    )
    if metrics is not None and metrics.notes:
        fig.text(
            0.01, 0.005, "; ".join(metrics.notes), fontsize=7, color="#777777", va="bottom", parse_math=False
        )


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
        text = ax.annotate(
            short_label(node_label(G, n)),
            xy=pos[n],
            xytext=(0, 0),
            textcoords="offset points",
            fontsize=FONT,
            parse_math=False,  # a "$" in a label is a dollar
            zorder=4 + (len(order) - rank) / (len(order) + 1),  # the first placed stay on top
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75},
        )
        spots = _label_spots(math.sqrt(node_area[n]) / 2 + 2.0)
        _, clash, offset, ha, va, box = _best_spot(text, renderer, spots, placed, frame, discs, discs[row[n]])
        if many and clash > 1e-9:  # a crowded network: no label over another
            text.remove()
            continue
        text.xyann = offset
        text.set_ha(ha)
        text.set_va(va)
        placed = np.vstack([placed, box])


def _label_spots(gap: float) -> list[tuple[tuple[float, float], str, str]]:
    """Where a label may go, ``gap`` points from its node's centre: (offset, ha, va), best first."""
    d = gap * 0.75
    return [
        ((gap, 0), "left", "center"),
        ((-gap, 0), "right", "center"),
        ((0, gap), "center", "bottom"),
        ((0, -gap), "center", "top"),
        ((d, d), "left", "bottom"),
        ((d, -d), "left", "top"),
        ((-d, d), "right", "bottom"),
        ((-d, -d), "right", "top"),
    ]


def _best_spot(text, renderer, spots, placed: np.ndarray, frame: np.ndarray, discs: np.ndarray, own):
    """The spot of least cost for ``text``: (cost, clash, offset, ha, va, box), the first free one
    if any. Clashes are with the labels placed and out of the frame; overlaps with the nodes."""
    best = None
    for offset, ha, va in spots:
        text.xyann = offset
        text.set_ha(ha)
        text.set_va(va)
        e = text.get_window_extent(renderer)
        box = np.array([e.x0 - 1, e.y0 - 1, e.x1 + 1, e.y1 + 1])
        clash = _overlaps(box, placed)
        clash += 10 * ((box[2] - box[0]) * (box[3] - box[1]) - _overlaps(box, frame[None, :]))
        cost = clash + _overlaps(box, discs) - _overlaps(box, own[None, :])
        if best is None or cost < best[0] - 1e-9:
            best = (cost, clash, offset, ha, va, box)
        if cost <= 1e-9:
            break
    assert best is not None
    return best


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


def write_html(G: nx.Graph, out: Path, metrics: Metrics | None = None) -> list[Path]:
    """One self-contained interactive HTML page (see :mod:`atelier_kg.network.page`)."""
    return write_page(G, out, metrics)


#: The picture formats, registered with the exporters (one registry, one ``export``): their
#: keys join the CLI's ``--format`` choices.
DRAWERS = {
    exporter.name: register(exporter)
    for exporter in (
        Exporter(
            "png", "PNG picture (matplotlib): colour by type, area by degree, labels", ".png", write_png
        ),
        Exporter("svg", "SVG picture (matplotlib), its labels and legend as text", ".svg", write_svg),
        Exporter("html", "self-contained interactive HTML page: hover details, search", ".html", write_html),
    )
}


def draw(G: nx.Graph, fmt: str, out: Path | str, metrics: Metrics | None = None) -> list[Path]:
    """Draw ``G`` (sized by ``metrics`` if given) in picture format ``fmt`` at ``out``."""
    if fmt not in DRAWERS:
        raise UsageError(f"unknown picture format {fmt!r}: use one of {', '.join(sorted(DRAWERS))}")
    return export(G, fmt, out, metrics)
