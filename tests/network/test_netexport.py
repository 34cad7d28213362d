"""Network exports: every format re-read by a reader we did not write (networkx, igraph, the csv
module, xml.etree, rdflib), byte-determinism, atomic writes, and the metrics vocabulary."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import igraph
import networkx as nx
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, XSD

from atelier_kg.errors import AtelierKGError, OutputError, UsageError
from atelier_kg.network import exporters as netexport
from atelier_kg.network.draw import DRAWERS
from atelier_kg.network.exporters import (
    EXPORTERS,
    NO_TYPE_COLOUR,
    PALETTE,
    Exporter,
    csv_paths,
    export,
    node_size,
    type_colours,
)
from atelier_kg.network.rdf import GRAPH_METRIC_TERMS, NODE_METRIC_TERMS, measurement_iri

ROOT = Path(__file__).resolve().parents[2]
ID = "https://w3id.org/atelier-kg/id/"
AKG = "https://w3id.org/atelier-kg/def#"
NETWORK = f"{ID}network/organisation-cooperation"
GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"

CIRIDD, REGION, LYON = f"{ID}org/ciridd", f"{ID}org/region-grand-est", f"{ID}org/metropole-lyon"
CLUB, SOCIETE, ISOLEE = f"{ID}org/club-clef", f"{ID}org/societe-ecoles", f"{ID}org/isolee"

# ---------------------------------------------------------------------------------------------
# Fixtures: a small network as netbuild makes it, and metrics worked out by hand
# ---------------------------------------------------------------------------------------------

NODES = {
    CIRIDD: {"label": "CIRIDD", "type": "association", "sector": "private"},
    REGION: {"label": "Région Grand Est", "type": "region", "sector": "public", "start": "2016"},
    LYON: {
        "label": "Métropole de Lyon",
        "type": "epci",
        "sector": "public",
        "start": "2015-01",
        "end": "2022-01-20",
    },
    CLUB: {"label": "Club CLEF", "type": "club", "sector": ""},
    SOCIETE: {"label": "Société « Écoles & Cie »", "type": "entreprise", "sector": "private"},
    ISOLEE: {"label": "Isolée <sans lien>", "type": "", "sector": ""},
}
EDGES = {
    (CIRIDD, REGION): {
        "weight": 2.0,
        "relation": "co-member podcast",
        "contexts": 2,
        "start": "2019-10",
        "end": "2022-01-20",
        "spells": (("2019-10", "2019-10"), ("2022-01-20", "2022-01-20")),
    },
    (CIRIDD, LYON): {"weight": 0.5, "relation": "co-member", "contexts": 1},
    (LYON, REGION): {
        "weight": 1.0,
        "relation": "co-member",
        "contexts": 1,
        "start": "2021-11-30",
        "end": "2021-11-30",
        "spells": (("2021-11-30", "2021-11-30"),),
    },
    (CIRIDD, CLUB): {"weight": 1.0, "relation": "animates", "contexts": 1},
    (CLUB, SOCIETE): {"weight": 1.5, "relation": "co-member", "contexts": 2},
}


def make_network(reverse: bool = False) -> nx.Graph:
    """The fixture network; ``reverse`` inserts nodes, edges and attributes in the opposite order."""
    G = nx.Graph(name="organisation-cooperation", title="Coopération entre organisations", kind="one-mode")
    nodes = list(NODES.items())
    edges = list(EDGES.items())
    for node, attributes in reversed(nodes) if reverse else nodes:
        G.add_node(node, **dict(reversed(attributes.items())) if reverse else attributes)
    for (u, v), attributes in reversed(edges) if reverse else edges:
        if reverse:
            G.add_edge(v, u, **dict(reversed(attributes.items())))
        else:
            G.add_edge(u, v, **attributes)
    return G


@dataclass
class FakeMetrics:
    """Shaped like netmetrics.Metrics."""

    nodes: dict[str, dict[str, float | int | None]]
    graph: dict[str, float | int | str | None]
    notes: list[str] = field(default_factory=list)


# By hand: betweenness normalised by (n-1)(n-2)/2 = 10 pairs; the club lies on the paths from the
# société to CIRIDD, the région and Lyon (3), CIRIDD on those from the société and the club to
# the région and Lyon (4). The isolate's clustering is left undefined (None) on purpose.
BETWEENNESS = {CIRIDD: 0.4, CLUB: 0.3, REGION: 0.0, LYON: 0.0, SOCIETE: 0.0, ISOLEE: 0.0}
DEGREE = {CIRIDD: 3, REGION: 2, LYON: 2, CLUB: 2, SOCIETE: 1, ISOLEE: 0}
STRENGTH = {CIRIDD: 3.5, REGION: 3.0, LYON: 1.5, CLUB: 2.5, SOCIETE: 1.5, ISOLEE: 0.0}
CLUSTERING = {CIRIDD: 1 / 3, REGION: 1.0, LYON: 1.0, CLUB: 0.0, SOCIETE: 0.0, ISOLEE: None}
COMMUNITY = {SOCIETE: 0, CLUB: 0, CIRIDD: 1, REGION: 1, LYON: 1, ISOLEE: 2}
GRAPH_METRICS = {
    "nodes": 6,
    "edges": 5,
    "density": 1 / 3,
    "components": 2,
    "largest_component": 5,
    "communities": 3,
    "modularity": 0.22,
    "type_assortativity": None,
    "crossing_share": 2 / 3,
    "crossing_ties": 2,
    "sided_ties": 3,
}
NOTES = ["betweenness exact (6 nodes)", "communautés : Louvain, graine 1"]


def make_metrics() -> FakeMetrics:
    nodes = {
        n: {
            "degree": DEGREE[n],
            "strength": STRENGTH[n],
            "betweenness": BETWEENNESS[n],
            "clustering": CLUSTERING[n],
            "community": COMMUNITY[n],
        }
        for n in NODES
    }
    return FakeMetrics(nodes, dict(GRAPH_METRICS), list(NOTES))


@pytest.fixture
def network() -> nx.Graph:
    return make_network()


@pytest.fixture
def metrics() -> FakeMetrics:
    return make_metrics()


def expected_node(node: str) -> dict:
    """The node's attributes as every format should give them back: metrics in, None left out."""
    values = {**NODES[node], **make_metrics().nodes[node]}
    return {k: v for k, v in values.items() if v is not None}


def edge_key(u: str, v: str) -> tuple[str, str]:
    return tuple(sorted((u, v)))


EXPECTED_EDGES = {
    edge_key(u, v): {k: x for k, x in a.items() if k != "spells"} for (u, v), a in EDGES.items()
}

# ---------------------------------------------------------------------------------------------
# Registry
# ---------------------------------------------------------------------------------------------


def test_registry_lists_the_formats() -> None:
    # one registry: the data formats, and the pictures netdraw registers beside them
    assert set(EXPORTERS) == {"graphml", "gexf", "json", "csv", "ttl", "trig", "png", "svg", "html"}
    for name, exporter in EXPORTERS.items():
        assert isinstance(exporter, Exporter) and exporter.name == name
        assert exporter.suffix.startswith(".") and exporter.description
    assert {n for n, e in EXPORTERS.items() if e.needs_metrics} == {"ttl", "trig"}


def test_unknown_format_lists_the_formats(network, tmp_path: Path) -> None:
    with pytest.raises(UsageError) as error:
        export(network, "pajek", tmp_path / "net.net")
    for name in EXPORTERS:
        assert name in str(error.value)


def test_metrics_of_another_network_are_refused(network, metrics, tmp_path: Path) -> None:
    metrics.nodes[f"{ID}org/elsewhere"] = {"degree": 1}
    with pytest.raises(UsageError, match="another network"):
        export(network, "json", tmp_path / "net.json", metrics)


# ---------------------------------------------------------------------------------------------
# GraphML
# ---------------------------------------------------------------------------------------------


def test_graphml_round_trip_networkx(network, metrics, tmp_path: Path) -> None:
    (path,) = export(network, "graphml", tmp_path / "deep" / "er" / "net.graphml", metrics)
    assert path == tmp_path / "deep" / "er" / "net.graphml"
    G = nx.read_graphml(path)
    assert set(G) == set(NODES)
    for node in NODES:
        assert G.nodes[node] == expected_node(node)
    assert {edge_key(u, v): d for u, v, d in G.edges(data=True)} == EXPECTED_EDGES
    assert isinstance(G.edges[CIRIDD, LYON]["weight"], float)
    expected_graph = {k: v for k, v in GRAPH_METRICS.items() if v is not None}
    assert {k: G.graph[k] for k in expected_graph} == expected_graph
    assert "type_assortativity" not in G.graph
    assert G.graph["notes"] == "\n".join(NOTES)
    assert G.graph["title"] == "Coopération entre organisations"


def test_graphml_round_trip_igraph(network, metrics, tmp_path: Path) -> None:
    (path,) = export(network, "graphml", tmp_path / "net.graphml", metrics)
    g = igraph.Graph.Read_GraphML(str(path))
    assert not g.is_directed()
    names = g.vs["id"]
    assert sorted(names) == sorted(NODES)
    for vertex in g.vs:
        node = vertex["id"]
        for key, value in expected_node(node).items():
            assert vertex[key] == value, (node, key)
    isolate = g.vs[names.index(ISOLEE)]
    assert isolate.degree() == 0
    edges = {edge_key(names[e.source], names[e.target]): e for e in g.es}
    assert set(edges) == set(EXPECTED_EDGES)
    for key, attributes in EXPECTED_EDGES.items():
        for name in ("weight", "relation", "contexts"):
            assert edges[key][name] == attributes[name]
    assert g["density"] == 1 / 3 and g["modularity"] == 0.22


# ---------------------------------------------------------------------------------------------
# GEXF
# ---------------------------------------------------------------------------------------------


def test_gexf_round_trip_networkx(network, metrics, tmp_path: Path) -> None:
    (path,) = export(network, "gexf", tmp_path / "net.gexf", metrics)
    G = nx.read_gexf(path, version="1.3")
    assert set(G) == set(NODES)
    for node in NODES:
        data = dict(G.nodes[node])
        viz = data.pop("viz")
        # the dates of a node are its lifetime in Gephi, in full xsd:date form
        expected = expected_node(node)
        if node == REGION:
            expected["start"] = "2016-01-01"
        if node == LYON:
            expected["start"] = "2015-01-01"
        assert data == expected
        assert viz["size"] == node_size(DEGREE[node])
    for (u, v), attributes in EXPECTED_EDGES.items():
        data = G.edges[u, v]
        for name in ("weight", "relation", "contexts"):
            assert data[name] == attributes[name]
    # an edge with spells exists only during them (no start…end that would bridge the gap)
    assert G.edges[CIRIDD, REGION]["spells"] == [("2019-10-01", "2019-10-31"), ("2022-01-20", "2022-01-20")]
    assert "start" not in G.edges[CIRIDD, REGION]
    assert "spells" not in G.edges[CIRIDD, LYON] and "start" not in G.edges[CIRIDD, LYON]


def gexf_tree(path: Path) -> ET.Element:
    return ET.parse(path).getroot()


def test_gexf_is_gexf_13_with_colours_sizes_and_a_timeline(network, metrics, tmp_path: Path) -> None:
    (path,) = export(network, "gexf", tmp_path / "net.gexf", metrics)
    root = gexf_tree(path)
    assert root.tag == f"{{{GEXF_NS}}}gexf" and root.get("version") == "1.3"
    assert root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation").startswith(GEXF_NS)
    graph = root.find(f"{{{GEXF_NS}}}graph")
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    assert graph.get("defaultedgetype") == "undirected"
    assert set(graph.attrib) == {"defaultedgetype", "mode", "timeformat"}  # no "name": not in the schema
    colours = type_colours(network)
    nodes = graph.findall(f"{{{GEXF_NS}}}nodes/{{{GEXF_NS}}}node")
    assert [n.get("id") for n in nodes] == sorted(NODES)
    for element in nodes:
        node = element.get("id")
        assert element.get("label") == NODES[node]["label"]
        colour = element.find(f"{{{VIZ_NS}}}color")
        assert tuple(int(colour.get(c)) for c in "rgb") == colours[NODES[node]["type"]]
        assert float(element.find(f"{{{VIZ_NS}}}size").get("value")) == node_size(DEGREE[node])
    # dated elements carry xsd:date bounds; undated ones none (always present)
    lyon = next(n for n in nodes if n.get("id") == LYON)
    assert (lyon.get("start"), lyon.get("end")) == ("2015-01-01", "2022-01-20")
    ciridd = next(n for n in nodes if n.get("id") == CIRIDD)
    assert ciridd.get("start") is None and ciridd.get("end") is None
    spells = graph.findall(f".//{{{GEXF_NS}}}edge/{{{GEXF_NS}}}spells/{{{GEXF_NS}}}spell")
    assert len(spells) == 3
    xsd_date = re.compile(r"^\d{4}-\d{2}-\d{2}$")
    for element in graph.iter():
        for name in ("start", "end"):
            if element.get(name) is not None:
                assert xsd_date.match(element.get(name)), element.attrib
    # the metrics are node attributes
    titles = {a.get("title"): a.get("type") for a in graph.iter(f"{{{GEXF_NS}}}attribute")}
    assert titles["betweenness"] == "double" and titles["degree"] in {"integer", "long"}
    meta = root.find(f"{{{GEXF_NS}}}meta")
    assert meta.get("lastmodifieddate") is None
    assert meta.find(f"{{{GEXF_NS}}}description").text == "Coopération entre organisations"


def test_gexf_uses_date_times_when_the_network_has_times(network, tmp_path: Path) -> None:
    session = f"{ID}session/2021-11-30"
    network.add_node(
        session,
        label="Séance du 30 novembre 2021",
        type="session",
        sector="",
        start="2021-11-30T10:00:00+01:00",
        end="2021-11-30T12:30+01:00",
    )
    network.add_edge(session, CIRIDD, weight=1.0, relation="participates", contexts=1)
    (path,) = export(network, "gexf", tmp_path / "net.gexf")
    graph = gexf_tree(path).find(f"{{{GEXF_NS}}}graph")
    assert graph.get("timeformat") == "dateTime"
    xsd_date_time = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})?$")
    bounds = {}
    for element in graph.iter():
        for name in ("start", "end"):
            if element.get(name) is not None:
                assert xsd_date_time.match(element.get(name)), element.attrib
                bounds[element.get("id"), name] = element.get(name)
    assert bounds[session, "start"] == "2021-11-30T10:00:00+01:00"
    assert bounds[session, "end"] == "2021-11-30T12:30:00+01:00"  # seconds added, as xsd wants
    assert bounds[LYON, "start"] == "2015-01-01T00:00:00"
    assert bounds[LYON, "end"] == "2022-01-20T23:59:59"  # the last instant of the day


def test_gexf_has_no_date_of_today(network, metrics, tmp_path: Path, monkeypatch) -> None:
    """networkx stamps GEXF with today's date: two writes on different days must be identical."""
    (path,) = export(network, "gexf", tmp_path / "today.gexf", metrics)
    today = path.read_bytes()
    assert date.today().isoformat().encode() not in today
    import networkx.readwrite.gexf as nx_gexf

    monkeypatch.setattr(nx_gexf.time, "strftime", lambda fmt, *a: "1970-01-01")  # another day
    (path,) = export(network, "gexf", tmp_path / "another-day.gexf", metrics)
    assert path.read_bytes() == today


def test_gexf_refuses_a_date_it_cannot_place(network, tmp_path: Path) -> None:
    network.nodes[CIRIDD]["start"] = "vers 2019"
    with pytest.raises(AtelierKGError, match="vers 2019"):
        export(network, "gexf", tmp_path / "net.gexf")
    assert not (tmp_path / "net.gexf").exists()


# ---------------------------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------------------------


def test_json_round_trip(network, metrics, tmp_path: Path) -> None:
    (path,) = export(network, "json", tmp_path / "net.json", metrics)
    text = path.read_text(encoding="utf-8")
    assert "Société « Écoles & Cie »" in text  # UTF-8, not \u escapes
    data = json.loads(text)
    assert data["graph"]["notes"] == NOTES
    assert data["graph"]["density"] == 1 / 3 and "type_assortativity" not in data["graph"]
    assert data["graph"]["name"] == "organisation-cooperation"
    G = nx.node_link_graph(data, edges="edges")
    assert set(G) == set(NODES)
    for node in NODES:
        assert G.nodes[node] == expected_node(node)
    for (u, v), attributes in EDGES.items():
        expected = {k: [list(s) for s in x] if k == "spells" else x for k, x in attributes.items()}
        assert G.edges[u, v] == expected

    g = igraph.Graph.DictList(vertices=data["nodes"], edges=data["edges"], vertex_name_attr="id")
    assert g.vcount() == 6 and g.ecount() == 5
    assert g.vs.find(id=CIRIDD)["betweenness"] == 0.4
    assert g.vs.find(id=ISOLEE).degree() == 0
    weights = {edge_key(g.vs[e.source]["id"], g.vs[e.target]["id"]): e["weight"] for e in g.es}
    assert weights == {k: a["weight"] for k, a in EXPECTED_EDGES.items()}


# ---------------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------------


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames), list(reader)


def test_csv_tables(network, metrics, tmp_path: Path) -> None:
    written = export(network, "csv", tmp_path / "out" / "net.csv", metrics)
    assert written == [tmp_path / "out" / "net.nodes.csv", tmp_path / "out" / "net.edges.csv"]
    assert csv_paths(tmp_path / "net.csv") == (tmp_path / "net.nodes.csv", tmp_path / "net.edges.csv")
    assert not (tmp_path / "out" / "net.csv").exists()

    header, nodes = read_csv(written[0])
    assert header == [
        *("id", "label", "type", "sector", "start", "end"),
        *("degree", "strength", "betweenness", "clustering", "community"),
    ]
    assert [row["id"] for row in nodes] == sorted(NODES)
    numbers = {"degree": int, "community": int, "strength": float, "betweenness": float, "clustering": float}
    for row in nodes:
        parsed = {
            k: numbers[k](v) if k in numbers and v else v for k, v in row.items() if k != "id" and v != ""
        }
        expected = {k: v for k, v in expected_node(row["id"]).items() if v != ""}
        assert parsed == expected
    header, edges = read_csv(written[1])
    assert header == ["source", "target", "weight", "relation", "contexts", "start", "end"]
    for row in edges:
        attributes = EXPECTED_EDGES[edge_key(row["source"], row["target"])]
        assert float(row["weight"]) == attributes["weight"] and int(row["contexts"]) == attributes["contexts"]
        assert row["relation"] == attributes["relation"]
        assert (row["start"], row["end"]) == (attributes.get("start", ""), attributes.get("end", ""))

    # igraph builds the same network from the two tables (the isolate comes from the node table)
    for row in edges:
        row["weight"] = float(row["weight"])
    g = igraph.Graph.DictList(vertices=nodes, edges=edges, vertex_name_attr="id")
    assert g.vcount() == 6 and g.ecount() == 5
    assert g.vs.find(id=ISOLEE).degree() == 0
    assert sorted(g.es["weight"]) == sorted(a["weight"] for a in EXPECTED_EDGES.values())
    assert g.vs.find(id=SOCIETE)["label"] == "Société « Écoles & Cie »"


# ---------------------------------------------------------------------------------------------
# RDF: Turtle and TriG
# ---------------------------------------------------------------------------------------------

RANKING = """
PREFIX akg: <https://w3id.org/atelier-kg/def#>
SELECT ?node ?betweenness WHERE {
  ?m akg:inNetwork <https://w3id.org/atelier-kg/id/network/organisation-cooperation> ;
     akg:measuredNode ?node ; akg:betweenness ?betweenness .
}
ORDER BY DESC(?betweenness) ?node
"""


def test_ttl_ranks_nodes_by_betweenness(network, metrics, tmp_path: Path) -> None:
    (path,) = export(network, "ttl", tmp_path / "net.ttl", metrics)
    g = Graph().parse(path, format="turtle")
    ranking = [(str(row.node), float(row.betweenness)) for row in g.query(RANKING)]
    # CIRIDD (0.4), then the club (0.3), then the others at 0 in IRI order
    assert ranking == [
        (CIRIDD, 0.4),
        (CLUB, 0.3),
        (ISOLEE, 0.0),
        (LYON, 0.0),
        (REGION, 0.0),
        (SOCIETE, 0.0),
    ]


def test_ttl_model(network, metrics, tmp_path: Path) -> None:
    (path,) = export(network, "ttl", tmp_path / "net.ttl", metrics)
    g = Graph().parse(path, format="turtle")
    net = URIRef(NETWORK)
    assert (net, RDF.type, URIRef(AKG + "Network")) in g
    assert g.value(net, URIRef(AKG + "networkKind")) == Literal("one-mode")
    assert g.value(net, URIRef("http://purl.org/dc/terms/title")) == Literal(
        "Coopération entre organisations"
    )
    assert g.value(net, URIRef(AKG + "density")) == Literal(1 / 3, datatype=XSD.double)
    assert g.value(net, URIRef(AKG + "nodeCount")) == Literal(6, datatype=XSD.integer)
    assert g.value(net, URIRef(AKG + "typeAssortativity")) is None
    assert {str(n) for n in g.objects(net, URIRef("http://www.w3.org/2004/02/skos/core#note"))} == set(NOTES)
    measurements = set(g.subjects(RDF.type, URIRef(AKG + "NodeMeasurement")))
    assert measurements == {URIRef(measurement_iri(NETWORK, n)) for n in NODES}
    for node in NODES:
        m = URIRef(measurement_iri(NETWORK, node))
        assert re.fullmatch(rf"{re.escape(NETWORK)}/node/[0-9a-f]{{16}}", str(m))
        assert g.value(m, URIRef(AKG + "measuredNode")) == URIRef(node)
        assert g.value(m, URIRef(AKG + "inNetwork")) == net
        assert g.value(m, URIRef(AKG + "degree")) == Literal(DEGREE[node], datatype=XSD.integer)
        assert g.value(m, URIRef(AKG + "community")) == Literal(COMMUNITY[node], datatype=XSD.integer)
        assert g.value(m, URIRef(AKG + "strength")) == Literal(STRENGTH[node], datatype=XSD.double)
        clustering = g.value(m, URIRef(AKG + "clusteringCoefficient"))
        assert (clustering is None) == (CLUSTERING[node] is None)
        if clustering is not None:
            assert clustering.toPython() == CLUSTERING[node]


def test_ttl_uses_only_declared_terms(network, metrics, tmp_path: Path) -> None:
    """Every akg: class and property the export writes is declared in the ontology, and every
    metric of the contract has a term."""
    (path,) = export(network, "ttl", tmp_path / "net.ttl", metrics)
    g = Graph().parse(path, format="turtle")
    ontology = Graph().parse(ROOT / "ontology" / "atelier.ttl", format="turtle")
    used = {p for p in g.predicates() if str(p).startswith(AKG)} | {
        o for o in g.objects(None, RDF.type) if str(o).startswith(AKG)
    }
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}
    assert all(set(ontology.objects(term, RDF.type)) & kinds for term in used), used
    every_term = {*NODE_METRIC_TERMS.values(), *GRAPH_METRIC_TERMS.values()}
    assert all(set(ontology.objects(URIRef(AKG + t), RDF.type)) & kinds for t in every_term)
    contract_nodes = "degree strength betweenness closeness eigenvector clustering core constraint"
    assert set(NODE_METRIC_TERMS) == {*contract_nodes.split(), "effective_size", "community"}
    contract_graph = "nodes edges density components largest_component communities modularity"
    assert set(GRAPH_METRIC_TERMS) == {
        *contract_graph.split(),
        *"type_assortativity crossing_share".split(),
    } | {
        "crossing_ties",
        "sided_ties",
    }


def test_trig_is_the_same_triples_in_a_named_graph(network, metrics, tmp_path: Path) -> None:
    (ttl,) = export(network, "ttl", tmp_path / "net.ttl", metrics)
    (trig,) = export(network, "trig", tmp_path / "net.trig", metrics)
    dataset = Dataset()
    dataset.parse(trig, format="trig")
    named = dataset.graph(URIRef(f"{NETWORK}/metrics"))
    assert len(named) > 0
    assert set(named) == set(Graph().parse(ttl, format="turtle"))
    assert len(dataset.default_graph) == 0  # rdflib.Dataset: nothing outside the named graph


@pytest.mark.parametrize("fmt", ["ttl", "trig"])
def test_rdf_needs_metrics(network, tmp_path: Path, fmt: str) -> None:
    with pytest.raises(UsageError, match="compute"):
        export(network, fmt, tmp_path / f"net.{fmt}")
    assert not (tmp_path / f"net.{fmt}").exists()


def test_rdf_needs_iris(metrics, tmp_path: Path) -> None:
    G = nx.Graph(name="plain", title="plain")
    G.add_node("not an IRI", label="x", type="", sector="")
    with pytest.raises(AtelierKGError, match="not an IRI"):
        export(G, "ttl", tmp_path / "net.ttl", FakeMetrics({"not an IRI": {"degree": 0}}, {}, []))


# ---------------------------------------------------------------------------------------------
# Every format: determinism, atomicity, self-loops, no metrics
# ---------------------------------------------------------------------------------------------

ALL = sorted(set(EXPORTERS) - set(DRAWERS))  # the data formats; the pictures have tests of their own


@pytest.mark.parametrize("fmt", ALL)
def test_exports_are_byte_deterministic(metrics, tmp_path: Path, fmt: str) -> None:
    """Same network → same bytes, whatever order the nodes, edges and attributes came in."""
    first = export(make_network(), fmt, tmp_path / "a" / f"net{EXPORTERS[fmt].suffix}", make_metrics())
    again = export(make_network(), fmt, tmp_path / "b" / f"net{EXPORTERS[fmt].suffix}", make_metrics())
    shuffled = export(
        make_network(reverse=True), fmt, tmp_path / "c" / f"net{EXPORTERS[fmt].suffix}", metrics
    )
    for a, b, c in zip(first, again, shuffled, strict=True):
        assert a.read_bytes() == b.read_bytes() == c.read_bytes()


@pytest.mark.parametrize("fmt", ALL)
def test_failed_write_leaves_previous_files(network, metrics, tmp_path: Path, monkeypatch, fmt: str) -> None:
    """A write that breaks halfway through a file changes nothing at ``out`` and leaves no scratch."""
    out = tmp_path / f"net{EXPORTERS[fmt].suffix}"
    previous = {p: p.read_bytes() for p in export(network, fmt, out, metrics)}
    network.nodes[CIRIDD]["label"] = "CIRIDD (changé)"
    metrics.nodes[CIRIDD]["betweenness"] = 0.9

    def half_then_fail(self: Path, data: bytes) -> int:
        with self.open("wb") as f:
            f.write(data[: len(data) // 2])
        raise OSError("disk full")

    monkeypatch.setattr(Path, "write_bytes", half_then_fail)
    with pytest.raises(OutputError, match="disk full"):
        export(network, fmt, out, metrics)
    monkeypatch.undo()
    assert {p: p.read_bytes() for p in previous} == previous
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in previous)


def test_failing_serialiser_leaves_previous_file(network, metrics, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "net.graphml"
    export(network, "graphml", out, metrics)
    before = out.read_bytes()

    def boom(*args, **kwargs):
        raise RuntimeError("serialiser failed")

    monkeypatch.setattr(nx, "write_graphml_xml", boom)
    with pytest.raises(RuntimeError):
        export(make_network(reverse=True), "graphml", out)
    assert out.read_bytes() == before


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "csv"])
def test_exports_without_metrics(network, tmp_path: Path, fmt: str) -> None:
    paths = export(network, fmt, tmp_path / f"net{EXPORTERS[fmt].suffix}")
    text = "".join(p.read_text(encoding="utf-8") for p in paths)
    assert "betweenness" not in text and "Métropole de Lyon" in text


def test_self_loops_survive(tmp_path: Path) -> None:
    """The mixing network has ties inside one organisation type."""
    G = nx.Graph(name="organisation-mixing", title="Mixing", kind="mixing")
    epci, region = f"{ID}org-type/epci", f"{ID}org-type/region"
    G.add_node(epci, label="EPCI", type="org-type", sector="public")
    G.add_node(region, label="Région", type="org-type", sector="public")
    G.add_edge(epci, epci, weight=3.0, relation="co-member", contexts=3)
    G.add_edge(epci, region, weight=1.0, relation="co-member", contexts=1)
    (graphml,) = export(G, "graphml", tmp_path / "m.graphml")
    assert nx.read_graphml(graphml).edges[epci, epci]["weight"] == 3.0
    assert igraph.Graph.Read_GraphML(str(graphml)).is_loop() == [True, False]
    (gexf,) = export(G, "gexf", tmp_path / "m.gexf")
    assert nx.read_gexf(gexf, version="1.3").edges[epci, epci]["weight"] == 3.0
    (js,) = export(G, "json", tmp_path / "m.json")
    assert nx.node_link_graph(json.loads(js.read_text()), edges="edges").edges[epci, epci]["contexts"] == 3
    _, edges_csv = export(G, "csv", tmp_path / "m.csv")
    _, rows = read_csv(edges_csv)
    assert [(r["source"], r["target"], r["weight"]) for r in rows] == [
        (epci, epci, "3.0"),
        (epci, region, "1.0"),
    ]


# ---------------------------------------------------------------------------------------------
# Colours and sizes
# ---------------------------------------------------------------------------------------------


def test_type_colours(network) -> None:
    colours = type_colours(network)
    types = sorted({a["type"] for a in NODES.values()} - {""})
    assert list(colours) == [*types, ""]
    assert [colours[t] for t in types] == list(PALETTE[: len(types)])
    assert colours[""] == NO_TYPE_COLOUR
    assert type_colours(make_network(reverse=True)) == colours


def test_palette_is_tab20_dark_then_light_without_greys() -> None:
    matplotlib = pytest.importorskip("matplotlib")
    tab20 = [tuple(round(c * 255) for c in rgb) for rgb in matplotlib.colormaps["tab20"].colors]
    assert PALETTE == tuple(tab20[0:14:2] + tab20[16::2] + tab20[1:14:2] + tab20[17::2])
    assert NO_TYPE_COLOUR == tab20[14]
    assert len(set(PALETTE)) == len(PALETTE) == 18


def test_node_size() -> None:
    assert node_size(0) == 5.0 and node_size(4) == 11.0 and node_size(2) == 9.243


# ---------------------------------------------------------------------------------------------
# With the real metrics, once netmetrics is there
# ---------------------------------------------------------------------------------------------


def test_exports_with_computed_metrics(network, tmp_path: Path) -> None:
    netmetrics = pytest.importorskip("atelier_kg.network.metrics", reason="netmetrics is not written yet")
    computed = netmetrics.compute_metrics(network)
    assert set(NODE_METRIC_TERMS) >= {m for values in computed.nodes.values() for m in values}
    assert set(GRAPH_METRIC_TERMS) >= set(computed.graph)
    for fmt, exporter in EXPORTERS.items():
        assert export(network, fmt, tmp_path / f"net{exporter.suffix}", computed)
    g = Graph().parse(tmp_path / "net.ttl", format="turtle")
    assert [str(row.node) for row in g.query(RANKING)][0] == CIRIDD


def test_module_has_no_print() -> None:
    """Library code never prints (STYLE.md)."""
    assert "print(" not in Path(netexport.__file__).read_text(encoding="utf-8")
