"""The built-in derived networks: Newman's projection of the bipartite network, and type mixing.

They are registered in :mod:`atelier_kg.network.defs` through the same door a researcher's own
derivation would use (:func:`~atelier_kg.network.defs.register_derived`); the package imports this
module, so they are there whenever :mod:`atelier_kg.network` is.
"""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx
from networkx.algorithms import bipartite

from .build import short_name
from .defs import register_derived
from .slices import period

#: Where a mixing node's IRI comes from when no node of that type had a type IRI.
TYPE_BASE = "https://w3id.org/atelier-kg/id/org-type/"
_KEPT = ("label", "type", "type_iri", "sector", "start", "end")


def newman_projection(bipartite_graph: nx.Graph) -> nx.Graph:
    """The one-mode projection onto side 0 with Newman's collaboration weights.

    Two organisations sharing an activity of ``d`` participants gain ``1 / (d - 1)`` (Newman 2001,
    Phys. Rev. E 64, 016132): a small club ties its members more than the whole atelier does.
    ``relation`` lists the kinds of activities shared, ``contexts`` counts them.
    """
    side = sorted(n for n, a in bipartite_graph.nodes(data=True) if a.get("bipartite") == 0)
    projected = bipartite.collaboration_weighted_projected_graph(bipartite_graph, side)
    graph = nx.Graph()
    for node in side:
        attributes = bipartite_graph.nodes[node]
        graph.add_node(node, **{k: attributes[k] for k in _KEPT if k in attributes})
    for u, v in sorted(tuple(sorted(e)) for e in projected.edges()):
        shared = sorted(set(bipartite_graph[u]) & set(bipartite_graph[v]))
        attributes = {
            # fsum: exactly rounded whatever the order (networkx sums over a set, whose order
            # follows string hashing, so its last bits change from one process to the next)
            "weight": math.fsum(1 / (len(bipartite_graph[a]) - 1) for a in shared),
            "relation": " ".join(sorted({bipartite_graph.nodes[a]["type"] for a in shared})),
            "contexts": len(shared),
        }
        spells = [
            (bipartite_graph.nodes[a].get("start"), bipartite_graph.nodes[a].get("end")) for a in shared
        ]
        if all(start is not None for start, _ in spells):
            # every shared activity is dated: the tie holds only while one of them does
            attributes["start"] = min((start for start, _ in spells), key=lambda v: period(v)[0])
            if all(end is not None for _, end in spells):
                attributes["end"] = max((end for _, end in spells), key=lambda v: period(v)[1])
            attributes["spells"] = tuple(sorted(set(spells), key=lambda s: tuple(v or "" for v in s)))
        graph.add_edge(u, v, **attributes)
    return graph


def type_mixing(graph: nx.Graph) -> nx.Graph:
    """Organisation type × organisation type: one node per type, ties between types summed.

    An edge's ``weight`` sums the weights of the ties between organisations of the two types,
    ``contexts`` counts those ties; a self-loop holds the ties inside one type. A type node's
    ``sector`` is its organisations' side when they all share one, and ``size`` their number.
    """
    members: dict[str, list[str]] = defaultdict(list)
    for node, attributes in graph.nodes(data=True):
        members[attributes.get("type", "")].append(node)
    key = {}
    mixing = nx.Graph()
    for type_name, nodes in sorted(members.items()):
        iris = sorted({graph.nodes[n]["type_iri"] for n in nodes if graph.nodes[n].get("type_iri")})
        key[type_name] = iris[0] if iris else TYPE_BASE + (type_name or "unknown")
        sectors = {graph.nodes[n].get("sector", "") for n in nodes}
        mixing.add_node(
            key[type_name],
            label=type_name or "unknown",
            type=type_name,
            sector=sectors.pop() if len(sectors) == 1 else "",
            size=len(nodes),
        )
    ties: dict[tuple[str, str], dict] = {}
    for u, v, attributes in graph.edges(data=True):
        a, b = sorted((key[graph.nodes[u].get("type", "")], key[graph.nodes[v].get("type", "")]))
        tie = ties.setdefault((a, b), {"weight": 0.0, "relations": set(), "contexts": 0})
        tie["weight"] += attributes["weight"]
        tie["relations"].update(attributes["relation"].split())
        tie["contexts"] += 1
    for (a, b), tie in sorted(ties.items()):
        mixing.add_edge(
            a, b, weight=tie["weight"], relation=" ".join(sorted(tie["relations"])), contexts=tie["contexts"]
        )
    return mixing


register_derived(
    "organisation-activity-projection",
    "organisation-activity",
    "projection",
    "Organisation network projected from the organisation–activity network (Newman weights)",
    "Which organisations share activities, weighted by Newman's collaboration weighting "
    "(1/(d−1) per shared activity of d organisations)?",
    newman_projection,
)
register_derived(
    "sector-mixing",
    "organisation-cooperation",
    "mixing",
    "Sector mixing: organisation type × organisation type",
    "How many cooperation ties join each pair of organisation types (and each type with itself)?",
    type_mixing,
)

__all__ = ["newman_projection", "type_mixing", "short_name"]
