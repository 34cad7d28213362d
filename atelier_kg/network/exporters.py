"""Exporting a network (a networkx graph, see atelier_kg.network.build) to files other tools read.

A name-keyed registry of exporters: GraphML (igraph, R, yEd), GEXF 1.3 (Gephi, with colours,
sizes and a timeline), node-link JSON (D3, networkx), two CSV tables (Cytoscape, R) and the
metrics as RDF (Turtle or TriG), so that SPARQL can rank the nodes of a network by centrality.
Every writer is byte-deterministic (same graph and metrics → same bytes: sorted nodes, edges and
attributes, no dates, no random ids) and atomic (a failed export leaves the previous file intact).

When metrics are given, each node metric becomes a node attribute (an undefined metric, None, is
left out for that node) and the graph metrics graph attributes where the format has them.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from atelier_kg.errors import AtelierKGError, UsageError
from atelier_kg.output import atomic_outputs, spreadsheet_safe

from .rdf import (
    NODE_METRIC_TERMS,
    graph_metric_values,
    metric_value,
    needs_metrics,
    trig_bytes,
    turtle_bytes,
)

if TYPE_CHECKING:  # metrics is imported only for type hints: a Metrics is read by duck typing
    from .metrics import Metrics

Colour = tuple[int, int, int]

# ---------------------------------------------------------------------------------------------
# The registry
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Exporter:
    """One export format: its name (the CLI's ``--format``), what it is for, the file suffix,
    and the function that writes ``G`` at ``out`` and returns the paths it wrote."""

    name: str
    description: str
    suffix: str
    write: Callable[[nx.Graph, Path, Metrics | None], list[Path]]
    needs_metrics: bool = False


EXPORTERS: dict[str, Exporter] = {}


def register(exporter: Exporter) -> Exporter:
    """Add an exporter to the registry (the built-in ones come in the same way)."""
    EXPORTERS[exporter.name] = exporter
    return exporter


def export(G: nx.Graph, fmt: str, out: Path | str, metrics: Metrics | None = None) -> list[Path]:
    """Write ``G`` (with ``metrics`` if given) in format ``fmt`` at ``out``; return the files written."""
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise UsageError(f"unknown network format {fmt!r}: use one of {', '.join(sorted(EXPORTERS))}")
    if G.is_directed() or G.is_multigraph():
        raise UsageError("a network to export is an undirected nx.Graph (see atelier_kg.network.build)")
    return exporter.write(G, Path(out), metrics)


# ---------------------------------------------------------------------------------------------
# Colours and sizes (shared with the pictures)
# ---------------------------------------------------------------------------------------------

#: matplotlib's qualitative palette "tab20", dark shades first then light ones, greys left out
#: (they mean "no type"); written out so that colours never change with the matplotlib version.
PALETTE: tuple[Colour, ...] = (
    (31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189),
    (140, 86, 75), (227, 119, 194), (188, 189, 34), (23, 190, 207),
    (174, 199, 232), (255, 187, 120), (152, 223, 138), (255, 152, 150), (197, 176, 213),
    (196, 156, 148), (247, 182, 210), (219, 219, 141), (158, 218, 229),
)  # fmt: skip
#: The colour of nodes without a type ("").
NO_TYPE_COLOUR: Colour = (127, 127, 127)


def type_colours(G: nx.Graph) -> dict[str, Colour]:
    """The colour of each node type in ``G``: the sorted types take the palette in turn (cycling
    after 18 types); nodes without a type are grey."""
    types = sorted({str(data.get("type", "")) for _, data in G.nodes(data=True)} - {""})
    colours = {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(types)}
    if any(not data.get("type") for _, data in G.nodes(data=True)):
        colours[""] = NO_TYPE_COLOUR
    return colours


def node_size(degree: int) -> float:
    """The drawn size of a node of this degree: 5 + 3·√degree, so that hubs stand out gently."""
    return round(5 + 3 * math.sqrt(degree), 3)


# ---------------------------------------------------------------------------------------------
# Metrics as attributes
# ---------------------------------------------------------------------------------------------


def _annotated(G: nx.Graph, metrics: Metrics | None) -> nx.Graph:
    """A copy of ``G`` in a canonical order (nodes, edges and attributes sorted) with the node
    metrics as node attributes, so that every writer gives the same bytes for the same graph."""
    node_metrics = metrics.nodes if metrics is not None else {}
    strangers = sorted(map(str, set(node_metrics) - set(G)))
    if strangers:
        raise UsageError(f"the metrics are of another network: {strangers[0]} is not one of its nodes")
    H = nx.Graph()
    H.graph.update(G.graph)
    for node in sorted(G, key=str):
        attributes = dict(sorted(G.nodes[node].items()))
        for name, value in node_metrics.get(node, {}).items():
            value = metric_value(name, value)
            if value is not None:
                attributes[name] = value
        H.add_node(node, **attributes)
    ends = sorted(tuple(sorted((u, v), key=str)) for u, v in G.edges())
    for u, v in sorted(ends, key=lambda e: (str(e[0]), str(e[1]))):
        attributes = dict(sorted(G.edges[u, v].items()))
        if "weight" in attributes:
            attributes["weight"] = float(attributes["weight"])
        H.add_edge(u, v, **attributes)
    return H


def _scalars(attributes: dict[str, Any], drop: Iterable[str] = ()) -> dict[str, Any]:
    """The attributes every format can hold: strings, numbers and booleans (not spells, not None)."""
    dropped = set(drop)
    return {
        k: v for k, v in attributes.items() if isinstance(v, str | int | float | bool) and k not in dropped
    }


def _write(out: Path, files: dict[str, bytes]) -> list[Path]:
    """Write each named file beside ``out`` atomically (all serialised before anything is moved)."""
    folder = out.parent
    with atomic_outputs(folder) as scratch:
        for name, body in files.items():
            (scratch / name).write_bytes(body)
    return [folder / name for name in files]


# ---------------------------------------------------------------------------------------------
# GraphML
# ---------------------------------------------------------------------------------------------


def graphml_bytes(G: nx.Graph, metrics: Metrics | None = None) -> bytes:
    """GraphML (networkx's pure-Python writer, numeric types inferred: weight is a double)."""
    H = _annotated(G, metrics)
    K = nx.Graph()
    K.graph.update(_scalars(H.graph))
    K.graph.update(graph_metric_values(metrics))
    if metrics is not None and metrics.notes:
        K.graph["notes"] = "\n".join(metrics.notes)
    for node, data in H.nodes(data=True):
        K.add_node(node, **_scalars(data))
    for u, v, data in H.edges(data=True):
        K.add_edge(u, v, **_scalars(data))
    buffer = io.BytesIO()
    nx.write_graphml_xml(K, buffer, encoding="utf-8", prettyprint=True, infer_numeric_types=True)
    return buffer.getvalue()


def _write_graphml(G: nx.Graph, out: Path, metrics: Metrics | None) -> list[Path]:
    return _write(out, {out.name: graphml_bytes(G, metrics)})


# ---------------------------------------------------------------------------------------------
# GEXF 1.3
# ---------------------------------------------------------------------------------------------

# networkx 3.6 writes GEXF 1.3 with a misspelt XML Schema instance namespace (no "www.").
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_TIME = re.compile(r"^(-?\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")


def _gexf_time(value: str, *, end: bool, with_time: bool) -> str:
    """A date of any precision as an xsd:date (or xsd:dateTime when the network has times):
    a start is the first instant of its period, an end the last (``2019`` ends on 2019-12-31)."""
    from .slices import period

    text = str(value).strip()
    timed = _TIME.match(text)
    if timed:
        if not with_time:
            return timed[1]
        return f"{timed[1]}T{timed[2]}{timed[3] or ':00'}{timed[4] or ''}"
    try:
        first, last = period(text)
    except ValueError:
        raise AtelierKGError(f"{text!r} is not an ISO 8601 date: the GEXF timeline cannot place it") from None
    day = (last if end else first).isoformat()
    return f"{day}T{'23:59:59' if end else '00:00:00'}" if with_time else day


def _dates(H: nx.Graph) -> list[str]:
    """Every start, end and spell bound of the nodes and edges."""
    found = []
    for _, data in [*H.nodes(data=True), *((None, d) for *_, d in H.edges(data=True))]:
        found += [str(data[k]) for k in ("start", "end") if data.get(k) is not None]
        found += [str(b) for spell in data.get("spells") or () for b in spell if b is not None]
    return found


def _gexf_element(data: dict[str, Any], with_time: bool) -> dict[str, Any]:
    """Start, end and spells of a node or edge as GEXF wants them; with spells, the element exists
    only during them (a start…end attribute would make Gephi show it in between too)."""
    timing: dict[str, Any] = {}
    spells = data.get("spells")
    if spells:
        timing["spells"] = [
            tuple(
                None if b is None else _gexf_time(b, end=i == 1, with_time=with_time) for i, b in enumerate(s)
            )
            for s in spells
        ]
        return timing
    for key in ("start", "end"):
        if data.get(key) is not None:
            timing[key] = _gexf_time(data[key], end=key == "end", with_time=with_time)
    return timing


def gexf_bytes(G: nx.Graph, metrics: Metrics | None = None) -> bytes:
    """GEXF 1.3 for Gephi: nodes coloured by type and sized by degree, dated elements dynamic."""
    from networkx.readwrite.gexf import GEXFWriter

    H = _annotated(G, metrics)
    colours = type_colours(H)
    with_time = any("T" in value for value in _dates(H))
    K = nx.Graph()
    # attributes networkx's GEXF writer reads as parts of the element rather than as data (an edge's
    # "type" would be its direction); time is set apart by _gexf_element
    special = ("start", "end", "spells", "viz", "id", "pid", "parents")
    for node, data in H.nodes(data=True):
        r, g, b = colours[str(data.get("type", ""))]
        viz = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "size": node_size(H.degree(node))}
        K.add_node(node, **_scalars(data, drop=special), **_gexf_element(data, with_time), viz=viz)
    for u, v, data in H.edges(data=True):
        attributes = _scalars(data, drop=(*special, "type", "label"))
        K.add_edge(u, v, **attributes, **_gexf_element(data, with_time))
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.3")
    writer.add_graph(K)
    root = writer.xml
    root.set("xmlns:xsi", _XSI)
    meta = root.find("meta")
    meta.attrib.clear()  # networkx dates it today: the same network must give the same bytes
    meta.find("creator").text = "atelier-kg"
    description = str(H.graph.get("title") or H.graph.get("name") or "")
    if H.graph.get("slice"):
        description += f" ({H.graph['slice']})"
    if description:
        ET.SubElement(meta, "description").text = description
    writer.graph_element.attrib.pop("name", None)  # not in the GEXF 1.3 schema: the title is in <meta>
    if writer.graph_element.get("timeformat") is not None:
        writer.graph_element.set("timeformat", "dateTime" if with_time else "date")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _write_gexf(G: nx.Graph, out: Path, metrics: Metrics | None) -> list[Path]:
    return _write(out, {out.name: gexf_bytes(G, metrics)})


# ---------------------------------------------------------------------------------------------
# Node-link JSON
# ---------------------------------------------------------------------------------------------


def json_bytes(G: nx.Graph, metrics: Metrics | None = None) -> bytes:
    """Node-link JSON (``nx.node_link_graph(data, edges="edges")`` reads it back), keys sorted."""
    H = _annotated(G, metrics)
    data = nx.node_link_data(H, edges="edges")
    data["graph"] = {
        **H.graph,
        **graph_metric_values(metrics),
        "notes": list(metrics.notes) if metrics else [],
    }
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, indent=1, allow_nan=False)
    return (text + "\n").encode("utf-8")


def _write_json(G: nx.Graph, out: Path, metrics: Metrics | None) -> list[Path]:
    return _write(out, {out.name: json_bytes(G, metrics)})


# ---------------------------------------------------------------------------------------------
# CSV: a node table and an edge table
# ---------------------------------------------------------------------------------------------

NODE_COLUMNS = ("id", "label", "type", "sector", "start", "end")
EDGE_COLUMNS = ("source", "target", "weight", "relation", "contexts", "start", "end")


def _cell(value: Any) -> Any:
    """A CSV cell: empty for None; text a spreadsheet would run as a formula neutralised."""
    if value is None:
        return ""
    return spreadsheet_safe(value) if isinstance(value, str) else value


def _csv(header: list[str], rows: Iterable[dict[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, header, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        # text a spreadsheet would run as a formula is neutralised; numbers (-0.19) stay as they are
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return buffer.getvalue().encode("utf-8")


def _columns(first: tuple[str, ...], rows: list[dict[str, Any]], metric_names: list[str]) -> list[str]:
    """The fixed columns, then other attributes (sorted), then the metrics in their own order."""
    seen = {key for row in rows for key in row}
    others = sorted(seen - set(first) - set(metric_names))
    return [*first, *others, *(m for m in metric_names if m in seen)]


def csv_bytes(G: nx.Graph, metrics: Metrics | None = None) -> tuple[bytes, bytes]:
    """The node table (id, label, type, sector, start, end, other attributes, metrics) and the
    edge table (source, target, weight, relation, contexts, start, end, others); spells left out."""
    H = _annotated(G, metrics)
    named = {m for values in (metrics.nodes.values() if metrics else []) for m in values}
    metric_names = [m for m in NODE_METRIC_TERMS if m in named] + sorted(named - set(NODE_METRIC_TERMS))
    nodes = [{"id": n, **_scalars(d, drop=("id",))} for n, d in H.nodes(data=True)]
    edges = [
        {"source": u, "target": v, **_scalars(d, drop=("source", "target"))} for u, v, d in H.edges(data=True)
    ]
    return (
        _csv(_columns(NODE_COLUMNS, nodes, metric_names), nodes),
        _csv(_columns(EDGE_COLUMNS, edges, []), edges),
    )


def csv_paths(out: Path) -> tuple[Path, Path]:
    """``PATH/name.csv`` → ``PATH/name.nodes.csv`` and ``PATH/name.edges.csv``."""
    stem = out.name[: -len(".csv")] if out.name.endswith(".csv") else out.name
    return out.with_name(f"{stem}.nodes.csv"), out.with_name(f"{stem}.edges.csv")


def _write_csv(G: nx.Graph, out: Path, metrics: Metrics | None) -> list[Path]:
    nodes_path, edges_path = csv_paths(out)
    nodes, edges = csv_bytes(G, metrics)
    return _write(out, {nodes_path.name: nodes, edges_path.name: edges})


def _write_ttl(G: nx.Graph, out: Path, metrics: Metrics | None) -> list[Path]:
    return _write(out, {out.name: turtle_bytes(G, needs_metrics(metrics, "ttl"))})


def _write_trig(G: nx.Graph, out: Path, metrics: Metrics | None) -> list[Path]:
    return _write(out, {out.name: trig_bytes(G, needs_metrics(metrics, "trig"))})


# ---------------------------------------------------------------------------------------------
# The built-in exporters
# ---------------------------------------------------------------------------------------------

for _exporter in (
    Exporter("graphml", "GraphML for igraph, R, yEd, Cytoscape", ".graphml", _write_graphml),
    Exporter("gexf", "GEXF 1.3 for Gephi: colours by type, sizes by degree, timeline", ".gexf", _write_gexf),
    Exporter("json", "node-link JSON for D3 and networkx", ".json", _write_json),
    Exporter("csv", "a node table and an edge table (NAME.nodes.csv, NAME.edges.csv)", ".csv", _write_csv),
    Exporter("ttl", "the metrics as RDF (Turtle), to rank nodes with SPARQL", ".ttl", _write_ttl, True),
    Exporter("trig", "the metrics as RDF in a named graph (TriG)", ".trig", _write_trig, True),
):
    register(_exporter)

# The pictures (png, svg, html) register themselves here too, from atelier_kg.network.draw, which
# the package imports: one registry for every format, and this module never imports the pictures.
