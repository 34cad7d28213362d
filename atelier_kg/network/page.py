"""One self-contained interactive HTML page of a network: hover details, search, zoom.

The page draws itself with a little vanilla JavaScript from its embedded JSON (every ``<``, ``>``
and ``&`` escaped, text inserted with ``textContent``): it fetches nothing (a
Content-Security-Policy forbids it) and works offline from a file. Same graph, same bytes. The
HTML skeleton, style sheet and script are in :mod:`atelier_kg.network.pagetemplate`.
"""

from __future__ import annotations

import html
import json
import math
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from atelier_kg.output import atomic_outputs

from .exporters import type_colours
from .layout import (
    LABEL_ALL,
    arrange,
    edge_list,
    edge_widths,
    format_number,
    frame,
    hex_colour,
    node_details,
    node_label,
    node_shares,
    picture_subtitle,
    picture_title,
    short_label,
    shrink_factor,
    type_counts,
    type_name,
)
from .pagetemplate import PAGE, SCRIPT, STYLE

if TYPE_CHECKING:
    from .metrics import Metrics

VIEW_W, VIEW_H = 1200.0, 920.0  # the SVG's units; labels 13 units high


def page_data(G: nx.Graph, metrics: Metrics | None = None) -> dict:
    """What the HTML page draws: positions in its SVG's units (y down), colours, tooltip rows."""
    nodes = sorted(G.nodes, key=str)
    pos, width, height = arrange(G, VIEW_W / VIEW_H)
    colours = type_colours(G)
    size_by, shares = node_shares(G, nodes, metrics)
    shrink = shrink_factor(len(nodes))
    return {
        "name": str(G.graph.get("name", "")),
        "title": picture_title(G),
        "subtitle": picture_subtitle(G, size_by),
        "width": VIEW_W,
        "height": VIEW_H,
        "labelAll": LABEL_ALL,
        "types": [
            {"type": t, "name": type_name(t), "colour": hex_colour(colours[t]), "count": c}
            for t, c in type_counts(G).items()
        ],
        "nodes": _node_rows(G, nodes, shares, pos, frame(width, height, VIEW_W / VIEW_H), shrink, metrics),
        "edges": _edge_rows(G, nodes, shrink),
        "graph": [[k, format_number(v)] for k, v in sorted(metrics.graph.items())]
        if metrics is not None
        else [],
        "notes": list(metrics.notes) if metrics is not None else [],
    }


def _node_rows(
    G: nx.Graph,
    nodes: list,
    shares: list[float],
    pos: dict,
    bounds: tuple[float, float, float, float],
    shrink: float,
    metrics: Metrics | None,
) -> list[dict]:
    """A row per node: id, labels, type, place in the SVG's units (y down), radius, tooltip rows."""
    x0, x1, _, y1 = bounds
    scale = VIEW_W / (x1 - x0)
    rows = []
    for n, share in zip(nodes, shares, strict=True):
        data = G.nodes[n]
        label = node_label(G, n)
        rows.append(
            {
                "id": str(n),
                "label": label,
                "short": short_label(label),
                "type": str(data.get("type", "")),
                "x": round(scale * (pos[n][0] - x0), 1),
                "y": round(scale * (y1 - pos[n][1]), 1),
                "r": round((5.0 + 10.0 * math.sqrt(share)) * shrink, 1),
                "details": node_details(G, n, metrics),
            }
        )
    return rows


def _edge_rows(G: nx.Graph, nodes: list, shrink: float) -> list[dict]:
    """A row per tie: its ends (indices into ``nodes``), drawn width, title and tooltip rows."""
    index = {n: i for i, n in enumerate(nodes)}
    edges = edge_list(G)
    rows = []
    for (a, b), w in zip(edges, edge_widths(G, edges), strict=True):
        data = G.edges[a, b]
        details = [["relation", str(data.get("relation", ""))], ["weight", format_number(data.get("weight"))]]
        if "contexts" in data:
            details.append(["contexts", format_number(data["contexts"])])
        details += [[k, str(data[k])] for k in ("start", "end") if data.get(k)]
        title = f"{node_label(G, a)} — {node_label(G, b)}"
        rows.append(
            {
                "source": index[a],
                "target": index[b],
                "width": round((1.0 + 5.0 * w) * shrink, 2),
                "title": title,
                "details": details,
            }
        )
    return rows


def _script_json(data: dict) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' left to end it or open a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page(G: nx.Graph, metrics: Metrics | None = None) -> str:
    """The HTML page of the network, as text."""
    title = picture_title(G)
    return (
        PAGE.replace("@TITLE@", html.escape(title))
        .replace("@STYLE@", STYLE.strip())
        .replace("@SCRIPT@", SCRIPT.strip())
        .replace("@DATA@", _script_json(page_data(G, metrics)))
    )


def write_html(G: nx.Graph, out: Path, metrics: Metrics | None = None) -> list[Path]:
    """One self-contained interactive HTML page (it requests nothing), byte-identical for the same graph."""
    target = Path(out)
    text = page(G, metrics)
    with atomic_outputs(target.parent) as scratch:
        (scratch / target.name).write_bytes(text.encode("utf-8"))
    return [target]
