"""The metrics of a network as RDF, so that SPARQL can rank the nodes of a network by centrality.

The network is an ``akg:Network`` (``id:network/<name>``, plus the time slice if any) carrying its
graph metrics; each node has an ``akg:NodeMeasurement`` (``…/node/<16 hex of SHA-256 of the node
IRI>``) with ``akg:inNetwork``, ``akg:measuredNode`` and one property per metric. Written as
Turtle with the project's deterministic writer, or as TriG in the named graph ``<network>/metrics``.
"""

from __future__ import annotations

import hashlib
import math
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import networkx as nx

from atelier_kg.errors import AtelierKGError, UsageError

if TYPE_CHECKING:
    import pyoxigraph as ox

    from .metrics import Metrics

#: Metrics whose values are counts or indices (the others are real numbers).
INTEGER_METRICS = frozenset(
    {"degree", "core", "community", "nodes", "edges", "components", "largest_component", "communities"}
    | {"crossing_ties", "sided_ties"}
)


def metric_value(name: str, value: Any) -> Any:
    """A metric value with the type its name calls for; None for an undefined one (None or NaN)."""
    if value is None or isinstance(value, bool) or not isinstance(value, int | float):
        return value
    if isinstance(value, float) and math.isnan(value):
        return None
    if name in INTEGER_METRICS and float(value).is_integer():
        return int(value)
    return value if name in INTEGER_METRICS else float(value)


def graph_metric_values(metrics: Metrics | None) -> dict[str, Any]:
    """The defined graph metrics, by name."""
    if metrics is None:
        return {}
    values = {name: metric_value(name, value) for name, value in sorted(metrics.graph.items())}
    return {name: value for name, value in values.items() if value is not None}


AKG_NS = "https://w3id.org/atelier-kg/def#"
NETWORK_NS = "https://w3id.org/atelier-kg/id/network/"

#: The akg: property of each node metric (on an akg:NodeMeasurement) and graph metric (on the
#: akg:Network). A metric without a term here is not written to RDF.
NODE_METRIC_TERMS = {
    "degree": "degree",
    "strength": "strength",
    "betweenness": "betweenness",
    "closeness": "closeness",
    "eigenvector": "eigenvectorCentrality",
    "clustering": "clusteringCoefficient",
    "core": "coreNumber",
    "constraint": "constraint",
    "effective_size": "effectiveSize",
    "community": "community",
}
GRAPH_METRIC_TERMS = {
    "nodes": "nodeCount",
    "edges": "edgeCount",
    "density": "density",
    "components": "componentCount",
    "largest_component": "largestComponentSize",
    "communities": "communityCount",
    "modularity": "modularity",
    "type_assortativity": "typeAssortativity",
    "crossing_share": "crossingShare",
    "crossing_ties": "crossingTies",
    "sided_ties": "sidedTies",
}


def network_iri(G: nx.Graph) -> str:
    """``https://w3id.org/atelier-kg/id/network/<name>``, the IRI of the network as an akg:Network.

    A time slice is part of it (``…/organisation-cooperation/at-2022-01-20``), so the metrics of
    two slices loaded into one store stay apart.
    """
    name = str(G.graph.get("name") or "")
    if not name:
        raise UsageError("the network has no name (G.graph['name']): it is needed for its IRI")
    iri = NETWORK_NS + quote(name, safe="-._~")
    time_slice = str(G.graph.get("slice") or "")
    if time_slice:
        iri += "/" + quote(re.sub(r"\s+", "-", time_slice), safe="-._~")
    return iri


def measurement_iri(network: str, node: str) -> str:
    """The IRI of the measurement of ``node`` in ``network``: …/node/<first 16 hex of SHA-256(node)>."""
    return f"{network}/node/{hashlib.sha256(str(node).encode('utf-8')).hexdigest()[:16]}"


def _literal(value: Any) -> ox.Literal:
    import pyoxigraph as ox

    if isinstance(value, bool) or not isinstance(value, int | float):
        return ox.Literal(str(value))
    if isinstance(value, float) and math.isinf(value):
        return ox.Literal("INF" if value > 0 else "-INF", datatype=ox.NamedNode(_XSD_DOUBLE))
    return ox.Literal(value)  # int → xsd:integer, float → xsd:double


_XSD_DOUBLE = "http://www.w3.org/2001/XMLSchema#double"


def metrics_triples(G: nx.Graph, metrics: Metrics) -> list[ox.Triple]:
    """The network and one akg:NodeMeasurement per node, with their metrics, as RDF triples."""
    import pyoxigraph as ox

    from atelier_kg.namespaces import DCTERMS, PROV, RDF, SKOS

    def akg(local: str) -> ox.NamedNode:
        return ox.NamedNode(AKG_NS + local)

    a, entity = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(PROV.Entity))
    network = ox.NamedNode(network_iri(G))
    triples = [
        ox.Triple(network, a, akg("Network")),
        ox.Triple(network, a, entity),
        ox.Triple(network, ox.NamedNode(str(DCTERMS.title)), ox.Literal(str(G.graph.get("title") or ""))),
    ]
    if G.graph.get("kind"):
        triples.append(ox.Triple(network, akg("networkKind"), ox.Literal(str(G.graph["kind"]))))
    if G.graph.get("slice"):
        triples.append(ox.Triple(network, akg("timeSlice"), ox.Literal(str(G.graph["slice"]))))
    for name, value in graph_metric_values(metrics).items():
        if name in GRAPH_METRIC_TERMS:
            triples.append(ox.Triple(network, akg(GRAPH_METRIC_TERMS[name]), _literal(value)))
    for note in metrics.notes:
        triples.append(ox.Triple(network, ox.NamedNode(str(SKOS.note)), ox.Literal(str(note))))
    for node in sorted(G, key=str):
        values = metrics.nodes.get(node, {})
        try:
            measured = ox.NamedNode(str(node))
        except ValueError:
            raise AtelierKGError(f"node {node!r} is not an IRI: RDF export needs IRIs as node keys") from None
        measurement = ox.NamedNode(measurement_iri(network.value, node))
        triples += [
            ox.Triple(measurement, a, akg("NodeMeasurement")),
            ox.Triple(measurement, a, entity),
            ox.Triple(measurement, akg("inNetwork"), network),
            ox.Triple(measurement, akg("measuredNode"), measured),
        ]
        for name, local in NODE_METRIC_TERMS.items():
            value = metric_value(name, values.get(name))
            if value is not None:
                triples.append(ox.Triple(measurement, akg(local), _literal(value)))
    return triples


def _rdf_prefixes(G: nx.Graph) -> dict[str, str]:
    from atelier_kg.namespaces import PREFIXES

    return {**PREFIXES, "network": NETWORK_NS, "measurement": network_iri(G) + "/node/"}


def needs_metrics(metrics: Metrics | None, fmt: str) -> Metrics:
    if metrics is None:
        raise UsageError(f"the {fmt} export writes the metrics: compute them first (compute_metrics)")
    return metrics


def turtle_bytes(G: nx.Graph, metrics: Metrics) -> bytes:
    """The metrics as Turtle, with the project's deterministic writer."""
    from atelier_kg.serialise import sorted_triples, turtle

    return turtle(sorted_triples(metrics_triples(G, needs_metrics(metrics, "ttl"))), _rdf_prefixes(G))


def trig_bytes(G: nx.Graph, metrics: Metrics) -> bytes:
    """The metrics as TriG, in the named graph ``<network IRI>/metrics``."""
    import pyoxigraph as ox

    graph_name = ox.NamedNode(network_iri(G) + "/metrics")
    quads = sorted(
        (
            ox.Quad(t.subject, t.predicate, t.object, graph_name)
            for t in metrics_triples(G, needs_metrics(metrics, "trig"))
        ),
        key=str,
    )
    # "graph:" writes the graph name <…/network/NAME/metrics> as graph:metrics, not network:NAME\/metrics
    prefixes = {**_rdf_prefixes(G), "graph": network_iri(G) + "/"}
    text = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes)
    lines = text.split(b"\n")
    head = 0
    while head < len(lines) and lines[head].startswith(b"@prefix "):
        head += 1
    return b"\n".join(sorted(lines[:head]) + lines[head:])
