"""Networks built from the seed graph: the registry, facts checked by hand against data/ and the page,
Newman's weights, time slices and pseudonymised networks.

Organisation IRIs are abbreviated to their slug. Hand derivations cite data/ files (row = line).
"""

from __future__ import annotations

import os
from fractions import Fraction
from pathlib import Path

import pytest
import rdflib
from conftest import DATA, ONTOLOGY, run_cli

from atelier_kg.errors import SourceError, UsageError
from atelier_kg.network.build import build_network, short_name
from atelier_kg.network.defs import find_network, network_defs
from atelier_kg.network.slices import Slice, period
from atelier_kg.sparql.embedded import EmbeddedStore

ORG = "https://w3id.org/atelier-kg/id/org/"
BUILT_IN = {
    "organisation-cooperation",
    "person",
    "organisation-activity",
    "organisation-activity-projection",
    "sector-mixing",
}


@pytest.fixture(scope="module")
def store(seed_build):
    return EmbeddedStore.from_file(seed_build / "atelier.nt")


def slugs(graph):
    return {(u.removeprefix(ORG), v.removeprefix(ORG)) if u < v else (v, u) for u, v in graph.edges()}


def tie(graph, a, b):
    return graph.edges[ORG + a, ORG + b]


def test_the_registry_lists_the_built_in_networks():
    assert set(network_defs()) == BUILT_IN
    run = run_cli("network")
    assert run.code == 0
    for name in BUILT_IN:
        assert name in run.out
    assert "derived from organisation-activity" in run.out


def test_an_unknown_network_names_the_close_ones():
    with pytest.raises(UsageError, match="did you mean organisation-cooperation"):
        find_network("organisation-cooperaton")
    run = run_cli("network", "persons")
    assert run.code == 2 and "did you mean person" in run.err and "Traceback" not in run.err


def test_organisation_cooperation_ties_worked_out_by_hand(store):
    graph = build_network(store, "organisation-cooperation").graph
    # Nodes: the 33 rows of organisations.csv (the atelier, clubs and units included).
    assert graph.number_of_nodes() == 33
    # Ties, from organisation_links.csv, cases.ttl, jobs.csv and podcast.ttl:
    # atelier members CIRIDD and ATEMIS (links rows 2-3), CIRIDD animates Club CLEF (row 4), carries
    # COEF-P (row 5); the Grand Avignon unit and Terres d'EFC initiate the group purchase (rows 6-7);
    # two units (organisations.csv rows 14, 33); case 3 involves Grand Avignon, its unit and Terres
    # d'EFC; person 9a924e02 works for ATEMIS and Club EFC Noé (jobs rows 33, 36); the podcast's four
    # speakers work for CIRIDD (two), ATEMIS + Club EFC Noé, and the Grand Est directorate.
    expected = {
        ("atelier", "atemis"), ("atelier", "ciridd"), ("atemis", "ciridd"),
        ("ciridd", "club-clef"), ("ciridd", "coef-p"),
        ("groupement-achat-grand-avignon", "service-dd-grand-avignon"),
        ("groupement-achat-grand-avignon", "terres-efc"), ("service-dd-grand-avignon", "terres-efc"),
        ("direction-teee-grand-est", "region-grand-est"), ("grand-avignon", "service-dd-grand-avignon"),
        ("grand-avignon", "terres-efc"),
        ("atemis", "club-efc-noe"),
        ("atemis", "direction-teee-grand-est"), ("ciridd", "club-efc-noe"),
        ("ciridd", "direction-teee-grand-est"), ("club-efc-noe", "direction-teee-grand-est"),
    }  # fmt: skip
    assert slugs(graph) == expected
    # CIRIDD and ATEMIS: co-organisers of the atelier and heard together in the podcast.
    assert tie(graph, "atemis", "ciridd") == {"weight": 2.0, "relation": "co-member podcast", "contexts": 2}
    assert tie(graph, "atemis", "club-efc-noe")["relation"] == "podcast shared-person"
    assert tie(graph, "grand-avignon", "service-dd-grand-avignon")["relation"] == "case sub-organisation"
    assert tie(graph, "service-dd-grand-avignon", "terres-efc")["weight"] == 2.0  # the case and the purchase
    assert tie(graph, "ciridd", "club-clef")["relation"] == "animates"


def test_which_organisations_tie_the_public_side_to_the_private_side(store):
    graph = build_network(store, "organisation-cooperation").graph
    crossing = {
        (u, v)
        for u, v in slugs(graph)
        if {graph.nodes[ORG + u]["sector"], graph.nodes[ORG + v]["sector"]} == {"public", "private"}
    }
    # Only the podcast does: CIRIDD (centre-ressources → private) and ATEMIS (laboratoire → private)
    # with the Grand Est directorate (a unit of a région → public). The companies (entreprise) are
    # tied to nobody in this network: the data link them to the atelier only through their people.
    assert crossing == {("atemis", "direction-teee-grand-est"), ("ciridd", "direction-teee-grand-est")}
    companies = [n for n, a in graph.nodes(data=True) if a["type"] == "entreprise"]
    assert len(companies) == 5 and all(graph.degree(n) == 0 for n in companies)


def test_which_organisations_belong_to_several_collaborations(store):
    graph = build_network(store, "organisation-cooperation").graph
    membership = {"animates", "carries", "initiates", "member"}
    kinds = {"atelier", "club", "action", "group-purchase"}
    collaborations = {
        org.removeprefix(ORG): sorted(
            other.removeprefix(ORG)
            for other in graph[org]
            if membership & set(graph.edges[org, other]["relation"].split())
            and graph.nodes[other]["type"] in kinds
        )
        for org in graph
    }
    several = {org: c for org, c in collaborations.items() if len(c) > 1}
    # CIRIDD co-animates the atelier, animates Club CLEF and carries COEF-P (organisation_links.csv).
    assert several == {"ciridd": ["atelier", "club-clef", "coef-p"]}


def test_node_attributes_from_the_node_query(store):
    graph = build_network(store, "organisation-cooperation").graph
    ciridd = graph.nodes[ORG + "ciridd"]
    assert (ciridd["label"], ciridd["type"], ciridd["sector"]) == ("CIRIDD", "centre-ressources", "private")
    unit = graph.nodes[ORG + "direction-teee-grand-est"]
    assert (unit["type"], unit["sector"]) == ("organizational-unit", "public")  # the side of its région
    assert graph.nodes[ORG + "atelier"]["start"] == "2018"  # "Créé en 2018"
    assert graph.nodes[ORG + "terres-efc"]["sector"] == ""  # no organisation type in the data
    assert graph.nodes[ORG + "groupement-achat-grand-avignon"]["type"] == "group-purchase"


def test_newman_projection_weights_worked_out_by_hand(store):
    bipartite = build_network(store, "organisation-activity")
    graph = bipartite.graph
    # Side 0 of the atelier: the 25 organisations of jobs.csv other than Club EFC Noé (an activity),
    # every one of them with a person holding a role (roles.csv) — so d(atelier) = 25.
    assert graph.degree("https://w3id.org/atelier-kg/id/org/atelier") == 25
    # Person 9a924e02's job in Club EFC Noé joins two activities (the club, and the atelier and the
    # podcast through that job): those two ties are left out and said so.
    assert bipartite.notes == ["2 ties left out: they join two nodes of one side of the bipartite network"]
    projection = build_network(store, "organisation-activity-projection").graph
    assert projection.number_of_nodes() == sum(1 for _, a in graph.nodes(data=True) if a["bipartite"] == 0)

    def weight(a, b):
        return Fraction(tie(projection, a, b)["weight"]).limit_denominator(1000)

    # CIRIDD–ATEMIS: the atelier (25 organisations: 1/24) and the podcast (CIRIDD, ATEMIS and the
    # Grand Est directorate on side 0: 1/2).
    assert weight("atemis", "ciridd") == Fraction(1, 24) + Fraction(1, 2)
    # The Grand Avignon unit and Terres d'EFC: case 3 (three organisations: 1/2) and the group
    # purchase they initiate (two: 1); the unit has no person, so not the atelier.
    assert weight("service-dd-grand-avignon", "terres-efc") == Fraction(3, 2)
    assert tie(projection, "service-dd-grand-avignon", "terres-efc")["relation"] == "case group-purchase"
    # Two companies share only the atelier.
    assert weight("locam", "vibratec") == Fraction(1, 24)
    assert tie(projection, "locam", "vibratec")["start"] == "2018"  # the atelier exists from 2018


def test_sector_mixing_counts_ties_between_types(store):
    graph = build_network(store, "sector-mixing").graph
    types = {a["label"]: n for n, a in graph.nodes(data=True)}
    # From the 16 ties above: epci–unit ties are Grand Avignon–its unit (weight 2: case and unit).
    assert graph.edges[types["epci"], types["organizational-unit"]] == {
        "weight": 2.0,
        "relation": "case sub-organisation",
        "contexts": 1,
    }
    # centre-ressources (CIRIDD) – laboratoire (ATEMIS): one tie of weight 2.
    assert graph.edges[types["centre-ressources"], types["laboratoire"]]["contexts"] == 1
    assert graph.nodes[types["entreprise"]]["size"] == 5  # Locam, Vibratec, revalueSystems, Annecy E., EDF
    assert sum(a["contexts"] for *_, a in graph.edges(data=True)) == 16


def test_person_network_leaves_the_participant_role_out(store):
    graph = build_network(store, "person").graph
    assert graph.number_of_nodes() == 37  # persons.csv
    p = "https://w3id.org/atelier-kg/id/person/"
    # e504fe84 and 9a924e02 are both animators, coordinators and podcast speakers (roles.csv).
    assert graph.edges[p + "9a924e02", p + "e504fe84"] == {
        "weight": 3.0,
        "relation": "shared-role",
        "contexts": 3,
    }
    # e504fe84 and 028f87ce work for CIRIDD and are coordinators and podcast speakers.
    assert graph.edges[p + "028f87ce", p + "e504fe84"]["relation"] == "shared-organisation shared-role"
    # two Locam participants: same organisation only
    assert graph.edges[p + "21d8e486", p + "25b651bc"]["relation"] == "shared-organisation"


def test_short_type_names():
    assert short_name("https://w3id.org/atelier-kg/def#GroupPurchase") == "group-purchase"
    assert short_name("http://www.w3.org/ns/org#OrganizationalUnit") == "organizational-unit"
    assert short_name("https://w3id.org/atelier-kg/id/org-type/epci") == "epci"
    assert short_name("plain") == "plain"


# -- time -----------------------------------------------------------------------------------------


def test_periods_and_slices():
    assert period("2018") == (period("2018-01-01")[0], period("2018-12-31")[1])
    assert period("2024-02")[1].day == 29
    assert period("2022-01-20T10:00:00+01:00") == period("2022-01-20")
    assert Slice.at("2022").keeps("2022-01-20T10:00:00+01:00", "2022-01-20T12:30:00+01:00")
    assert not Slice.at("2021").keeps("2022-01-20", "2022-01-20")
    assert Slice.at("2017").keeps(None, None)  # undated: kept
    assert not Slice.at("2017").keeps("2018", None)  # founded later
    assert Slice.between("2021-11", "2021-12").keeps("2021-11-30", "2021-11-30")
    with pytest.raises(UsageError, match="the end comes before the start"):
        Slice.between("2022", "2021")
    with pytest.raises(UsageError, match="write YYYY, YYYY-MM or YYYY-MM-DD"):
        Slice.at("20 janvier")


@pytest.fixture(scope="module")
def dated_build(tmp_path_factory):
    """The seed data with attendance added: two sessions, people of three organisations."""
    import shutil

    from atelier_kg.build.pipeline import build

    root = tmp_path_factory.mktemp("dated")
    data = root / "data"
    shutil.copytree(DATA, data)
    with (data / "attendance.csv").open("a", encoding="utf-8") as f:
        # 39b331d1 Département du Nord, 21d8e486 Locam, 2e679dd0 La 27e Région (jobs.csv)
        f.write("39b331d1,2021-11-30,page\n2e679dd0,2021-11-30,page\n")
        f.write("39b331d1,2022-01-20,page\n21d8e486,2022-01-20,page\n")
    build(data, ONTOLOGY, root / "build")
    return root / "build"


def test_time_slices_of_the_cooperation_network(dated_build):
    store = EmbeddedStore.from_file(dated_build / "atelier.nt")
    whole = build_network(store, "organisation-cooperation").graph
    nord_27e = tie(whole, "departement-nord", "la-27e-region")
    assert nord_27e["relation"] == "session"
    assert nord_27e["spells"] == (("2021-11-30T10:00:00+01:00", "2021-11-30T12:30:00+01:00"),)
    assert tie(whole, "departement-nord", "locam")["start"] == "2022-01-20T10:00:00+01:00"
    at = build_network(store, "organisation-cooperation", time_slice=Slice.at("2022-01-20"))
    assert ("departement-nord", "locam") in slugs(at.graph)
    assert ("departement-nord", "la-27e-region") not in slugs(at.graph)
    assert ("atemis", "ciridd") in slugs(at.graph)  # undated ties stay
    assert at.graph.graph["slice"] == "at 2022-01-20"
    assert at.notes == ["1 ties left out: their dates fall outside the slice"]
    between = build_network(store, "organisation-cooperation", time_slice=Slice.between("2021-11", "2021-12"))
    assert ("departement-nord", "la-27e-region") in slugs(between.graph)
    assert ("departement-nord", "locam") not in slugs(between.graph)
    before = build_network(store, "organisation-cooperation", time_slice=Slice.at("2017"))
    assert ORG + "atelier" not in before.graph  # founded in 2018
    bipartite = build_network(store, "organisation-activity", time_slice=Slice.at("2022-01-20")).graph
    sessions = sorted(n.rsplit("/", 1)[1] for n, a in bipartite.nodes(data=True) if a["type"] == "session")
    # the dated sessions other than that day are left out; the four undated past sessions stay
    assert sessions == ["2022-01-20", "past-1", "past-2", "past-3", "past-4"]


def test_cli_slices_and_reports_bad_dates(dated_build):
    graph = str(dated_build / "atelier.nt")
    run = run_cli("network", "organisation-cooperation", "--graph", graph, "--at", "2022-01-20")
    assert run.code == 0, run.err
    assert "(at 2022-01-20)" in run.out and "1 ties left out" in run.out
    bad = run_cli("network", "organisation-cooperation", "--graph", graph, "--at", "janvier")
    assert bad.code == 2 and "--at janvier: not a date" in bad.err and "Traceback" not in bad.err


# -- user-defined networks and bad queries ----------------------------------------------------------


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


HEADER = "# title: {title}\n# question: ?\n# params: none\n"


def test_a_researcher_adds_a_network_with_two_query_files(store, tmp_path):
    root = tmp_path / "queries"
    write(
        root / "network" / "places.rq",
        HEADER.format(title="Clubs and their regions (edges)")
        + "# network: one-mode\nPREFIX schema: <https://schema.org/>\n"
        "SELECT ?source ?target WHERE { ?source schema:areaServed ?target }\n",
    )
    write(
        root / "network" / "places.nodes.rq",
        HEADER.format(title="nodes") + "PREFIX schema: <https://schema.org/>\n"
        "SELECT ?node WHERE { { ?node schema:areaServed ?x } UNION { ?y schema:areaServed ?node } }\n",
    )
    definition = network_defs(root)["places"]
    assert definition.title == "Clubs and their regions"
    graph = build_network(store, definition).graph
    # data/organisations.csv: Club CLEF and COEF-P in Auvergne-Rhône-Alpes, Club EFC Noé in
    # Hauts-de-France (3 edges, 5 nodes); data/organisation_places.csv: 9 authorities govern 9
    # other territories (akg:governs is a subproperty of schema:areaServed): 9 edges, 18 nodes; the
    # group purchase serves the Grand Avignon territory (organisations.csv): 1 edge, 1 new node.
    assert graph.number_of_edges() == 3 + 9 + 1 and graph.number_of_nodes() == 5 + 18 + 1
    assert graph.nodes["https://w3id.org/atelier-kg/id/place/hauts-de-france"]["label"] == "hauts-de-france"


def test_a_network_query_without_source_is_reported_with_its_file(store, tmp_path):
    root = tmp_path / "queries"
    edges = write(
        root / "network" / "broken.rq", HEADER.format(title="x") + "SELECT ?s ?o WHERE { ?s ?p ?o }\n"
    )
    write(
        root / "network" / "broken.nodes.rq",
        HEADER.format(title="x") + "SELECT ?node WHERE { ?node ?p ?o }\n",
    )
    with pytest.raises(SourceError) as caught:
        build_network(store, network_defs(root)["broken"])
    assert str(edges) in str(caught.value) and "?source ?target" in str(caught.value)


def test_a_network_without_node_query_or_with_a_bad_kind(tmp_path):
    root = tmp_path / "queries"
    write(root / "network" / "alone.rq", HEADER.format(title="x") + "SELECT ?source ?target WHERE {}\n")
    with pytest.raises(SourceError, match="add alone.nodes.rq"):
        network_defs(root)
    write(root / "network" / "alone.nodes.rq", HEADER.format(title="x") + "SELECT ?node WHERE {}\n")
    write(root / "network" / "alone.rq", "# network: tripartite\nSELECT ?source ?target WHERE {}\n")
    with pytest.raises(SourceError, match="unknown network kind 'tripartite'") as caught:
        network_defs(root)
    assert ":1:1" in str(caught.value)


# -- pseudonymised exports, endpoints, the command ----------------------------------------------------

FORMATS = ("graphml", "gexf", "json", "csv", "ttl", "png", "svg", "html")


@pytest.fixture
def key(tmp_path):
    path = tmp_path / "key"
    path.write_bytes(b"network-key-material-never-shown-42")
    return path


def exported_text(paths: list[Path]) -> str:
    """The text of every export; pictures are scanned in their SVG/HTML forms (a PNG holds no text)."""
    return "\n".join(p.read_bytes().decode("utf-8", errors="replace") for p in paths if p.suffix != ".png")


@pytest.fixture(scope="module")
def pseudonymised_store(seed_build):
    import pyoxigraph as ox

    from atelier_kg.pseudonymise import pseudonymise

    triples = [q.triple for q in ox.parse(path=str(seed_build / "atelier.nt"), format=ox.RdfFormat.N_TRIPLES)]
    return EmbeddedStore.from_triples(pseudonymise(triples, b"network-key-material-never-shown-42"))


@pytest.mark.parametrize("name", sorted(BUILT_IN))
def test_a_pseudonymised_export_holds_no_name_or_job_title(pseudonymised_store, built, tmp_path, name):
    from test_pseudonymise import names_in

    from atelier_kg.network.draw import DRAWERS, draw
    from atelier_kg.network.exporters import EXPORTERS, export
    from atelier_kg.network.metrics import compute_metrics

    graph = build_network(pseudonymised_store, name).graph
    metrics = compute_metrics(graph)
    written: list[Path] = []
    for fmt in EXPORTERS:
        written += export(graph, fmt, tmp_path / f"{name}.{fmt}", metrics)
    for fmt in DRAWERS:
        written += draw(graph, fmt, tmp_path / f"{name}.{fmt}", metrics)
    text = exported_text(written)
    assert names_in(text) == set()
    assert "network-key-material" not in text
    if name == "person":
        assert text.count("/person/pseudo-") > 37
        # the same exports without pseudonymisation name people: the scan finds them where they are
        plain = export(built[name][0], "graphml", tmp_path / "plain.graphml", built[name][1])
        assert len(names_in(exported_text(plain))) > 30


def test_the_command_pseudonymises_every_format(seed_build, key, tmp_path):
    from test_pseudonymise import names_in

    for fmt in FORMATS:
        out = tmp_path / fmt / f"person.{fmt}"
        run = run_cli(
            "network", "person", "--graph", str(seed_build / "atelier.nt"), "--pseudonymise", str(key),
            "--format", fmt, "--out", str(out),
        )  # fmt: skip
        assert run.code == 0, run.err
        assert names_in(run.out) == set()
    text = exported_text(sorted(tmp_path.rglob("person.*")))
    assert names_in(text) == set() and "network-key-material" not in text
    assert "/person/pseudo-" in text


def test_the_same_key_gives_the_same_pseudonyms(seed_build, key, tmp_path):
    outputs = []
    for i in range(2):
        out = tmp_path / f"run{i}.json"
        args = (
            "network",
            "person",
            "--graph",
            str(seed_build / "atelier.nt"),
            "--format",
            "json",
            "--out",
            str(out),
        )
        assert run_cli(*args, "--pseudonymise", str(key)).code == 0
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


@pytest.fixture(scope="module")
def built(store):
    from atelier_kg.network.metrics import compute_metrics

    networks = {name: build_network(store, name).graph for name in sorted(BUILT_IN)}
    return {name: (graph, compute_metrics(graph)) for name, graph in networks.items()}


def same_network(graph, nodes: dict[str, dict], edges: dict[tuple[str, str], dict], metrics) -> None:
    """A re-read network (node → attributes, sorted pair → attributes) is the one built, metrics included."""
    assert set(nodes) == set(graph.nodes)
    for node, attributes in graph.nodes(data=True):
        for name in ("label", "type", "sector"):
            assert str(nodes[node].get(name, "")) == attributes[name], (node, name)
        assert int(float(nodes[node]["degree"])) == metrics.nodes[node]["degree"]
    assert set(edges) == {tuple(sorted(e)) for e in graph.edges()}
    for u, v, attributes in graph.edges(data=True):
        read = edges[tuple(sorted((u, v)))]
        assert float(read["weight"]) == pytest.approx(attributes["weight"], rel=1e-12)
        assert (
            read["relation"] == attributes["relation"]
            and int(float(read["contexts"])) == attributes["contexts"]
        )


def same_igraph(graph, ig, metrics) -> None:
    """An igraph graph read from an export (vertex attribute ``id``: the node IRI) is the one built."""
    ids = ig.vs["id"]
    edges = {tuple(sorted((ids[e.source], ids[e.target]))): e.attributes() for e in ig.es}
    same_network(graph, {v["id"]: v.attributes() for v in ig.vs}, edges, metrics)


@pytest.mark.parametrize("name", sorted(BUILT_IN))
def test_every_network_exports_and_re_reads_in_networkx_and_igraph(built, tmp_path, name):
    import csv
    import json
    import xml.etree.ElementTree as ET

    import igraph
    import networkx as nx

    from atelier_kg.network.draw import draw
    from atelier_kg.network.exporters import export

    graph, metrics = built[name]
    # GraphML, read by networkx and by igraph
    (path,) = export(graph, "graphml", tmp_path / f"{name}.graphml", metrics)
    read = nx.read_graphml(path)
    same_network(
        graph,
        dict(read.nodes(data=True)),
        {tuple(sorted((u, v))): a for u, v, a in read.edges(data=True)},
        metrics,
    )
    ig = igraph.Graph.Read_GraphML(str(path))
    same_igraph(graph, ig, metrics)
    # node-link JSON, read by networkx and (as vertex and edge dicts) by igraph
    (path,) = export(graph, "json", tmp_path / f"{name}.json", metrics)
    data = json.loads(path.read_text(encoding="utf-8"))
    read = nx.node_link_graph(data, edges="edges")
    same_network(
        graph,
        dict(read.nodes(data=True)),
        {tuple(sorted((u, v))): a for u, v, a in read.edges(data=True)},
        metrics,
    )
    ig = igraph.Graph.DictList(
        data["nodes"], data["edges"], vertex_name_attr="id", edge_foreign_keys=("source", "target")
    )
    same_igraph(graph, ig, metrics)
    # CSV tables, read by the csv module into igraph (what Cytoscape and R read)
    nodes_csv, edges_csv = export(graph, "csv", tmp_path / f"{name}.csv", metrics)
    with nodes_csv.open(encoding="utf-8") as f:
        node_rows = list(csv.DictReader(f))
    with edges_csv.open(encoding="utf-8") as f:
        edge_rows = list(csv.DictReader(f))
    ig = igraph.Graph.DictList(
        node_rows, edge_rows, vertex_name_attr="id", edge_foreign_keys=("source", "target")
    )
    same_igraph(graph, ig, metrics)
    # GEXF 1.3: nodes, labels, weights and colours in the XML (igraph reads no GEXF)
    (path,) = export(graph, "gexf", tmp_path / f"{name}.gexf", metrics)
    ns = {"g": "http://gexf.net/1.3", "viz": "http://gexf.net/1.3/viz"}
    root = ET.parse(path).getroot()
    gexf_nodes = root.findall(".//g:nodes/g:node", ns)
    assert {n.get("id") for n in gexf_nodes} == set(graph.nodes)
    assert {n.get("label") for n in gexf_nodes} == {a["label"] for _, a in graph.nodes(data=True)}
    assert all(n.find("viz:color", ns) is not None and n.find("viz:size", ns) is not None for n in gexf_nodes)
    weights = sorted(float(e.get("weight")) for e in root.findall(".//g:edges/g:edge", ns))
    assert weights == pytest.approx(sorted(a["weight"] for *_, a in graph.edges(data=True)))
    # metrics as RDF: SPARQL ranks the nodes by betweenness as the metrics do
    (path,) = export(graph, "ttl", tmp_path / f"{name}.ttl", metrics)
    rdf = rdflib.Graph().parse(path, format="turtle")
    ranked = [
        str(row.node)
        for row in rdf.query(
            "PREFIX akg: <https://w3id.org/atelier-kg/def#> SELECT ?node ?b WHERE "
            "{ ?m akg:measuredNode ?node ; akg:betweenness ?b } ORDER BY DESC(?b) STR(?node)"
        )
    ]
    expected = sorted(graph.nodes, key=lambda n: (-metrics.nodes[n]["betweenness"], n))
    assert ranked == expected
    for fmt in ("png", "svg", "html"):
        (path,) = draw(graph, fmt, tmp_path / f"{name}.{fmt}", metrics)
        assert path.stat().st_size > 1000


def test_metrics_are_printed_ranked(seed_build):
    run = run_cli(
        "network", "organisation-cooperation", "--graph", str(seed_build / "atelier.nt"), "--metrics"
    )
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == "Organisation cooperation network: 33 nodes, 16 edges"
    # CIRIDD lies on every path from Club CLEF, COEF-P and the atelier's other side: first by betweenness.
    ranked = [line for line in lines if line.strip()[:2].strip().isdigit()]
    assert "CIRIDD" in ranked[0]
    # CIRIDD lies between Club CLEF and the 6 others and between COEF-P and the 5 others left (11
    # pairs), and on one of two equal paths from the atelier to the Grand Est directorate and to
    # the région (2 × 1/2): 12 of the (33−1)(33−2)/2 = 496 pairs.
    assert ranked[0].split()[:2] == ["1", "CIRIDD"] and "0.0242" in ranked[0]
    graph_metrics = dict(line.split() for line in lines if line[:1].isalpha() and len(line.split()) == 2)
    # 16 ties of 33·32/2 = 528 pairs; components: the 8 around CIRIDD, the 4 of Grand Avignon and
    # 21 isolates; sided ties: ATEMIS–CIRIDD, the two podcast ties to the directorate, the
    # directorate–région and Grand Avignon–its unit; crossing: the two podcast ties.
    assert graph_metrics["density"] == "0.0303" and graph_metrics["components"] == "23"
    assert (graph_metrics["sided_ties"], graph_metrics["crossing_ties"]) == ("5", "2")
    assert graph_metrics["crossing_share"] == "0.4000" and graph_metrics["largest_component"] == "8"
    graph = str(seed_build / "atelier.nt")
    bad = run_cli("network", "organisation-cooperation", "--graph", graph, "--metrics", "--sort", "fame")
    assert bad.code == 2 and "--sort fame: unknown" in bad.err


def test_a_network_from_an_endpoint_is_the_embedded_one(oxigraph_server, seed_build, store):
    assert (
        run_cli("push", "--endpoint", oxigraph_server.store, "--file", str(seed_build / "atelier.nt")).code
        == 0
    )
    from atelier_kg.sparql.remote import Endpoint

    for name in ("organisation-cooperation", "organisation-activity-projection"):
        remote = build_network(Endpoint(oxigraph_server.query), name).graph
        local = build_network(store, name).graph
        assert sorted(remote.nodes(data=True)) == sorted(local.nodes(data=True))
        assert sorted(remote.edges(data=True)) == sorted(local.edges(data=True))


def test_the_metrics_of_a_time_slice_have_their_own_iri(dated_build, tmp_path):
    out = tmp_path / "slice.ttl"
    run = run_cli(
        "network", "organisation-cooperation", "--graph", str(dated_build / "atelier.nt"),
        "--at", "2022-01-20", "--format", "ttl", "--out", str(out),
    )  # fmt: skip
    assert run.code == 0, run.err
    rdf = rdflib.Graph().parse(out, format="turtle")
    networks = set(rdf.subjects(rdflib.RDF.type, rdflib.URIRef("https://w3id.org/atelier-kg/def#Network")))
    assert networks == {
        rdflib.URIRef("https://w3id.org/atelier-kg/id/network/organisation-cooperation/at-2022-01-20")
    }


def test_the_gexf_export_carries_the_times_for_gephis_timeline(dated_build, tmp_path):
    import xml.etree.ElementTree as ET

    out = tmp_path / "orgs.gexf"
    run = run_cli(
        "network", "organisation-cooperation", "--graph", str(dated_build / "atelier.nt"), "--format", "gexf",
        "--out", str(out),
    )  # fmt: skip
    assert run.code == 0, run.err
    ns = {"g": "http://gexf.net/1.3"}
    root = ET.parse(out).getroot()
    graph = root.find("g:graph", ns)
    assert graph.get("mode") == "dynamic"
    spells = {}
    for edge in root.findall(".//g:edge", ns):
        pair = tuple(sorted((edge.get("source").removeprefix(ORG), edge.get("target").removeprefix(ORG))))
        spells[pair] = [(s.get("start"), s.get("end")) for s in edge.findall("g:spells/g:spell", ns)]
    # the two session ties of the fixture, each in its session's interval; undated ties have none
    assert spells[("departement-nord", "locam")] == [
        ("2022-01-20T10:00:00+01:00", "2022-01-20T12:30:00+01:00")
    ]
    assert spells[("departement-nord", "la-27e-region")] == [
        ("2021-11-30T10:00:00+01:00", "2021-11-30T12:30:00+01:00")
    ]
    assert spells[("atemis", "ciridd")] == []
    atelier = root.find(f".//g:node[@id='{ORG}atelier']", ns)
    assert atelier.get("start").startswith("2018-01-01")  # founded in 2018


def test_outputs_do_not_depend_on_string_hashing():
    """Sums over sets follow Python's string hashing; the weights and metrics must not (PYTHONHASHSEED)."""
    import subprocess
    import sys

    script = (
        "import random, networkx as nx\n"
        "from atelier_kg.network.derive import newman_projection\n"
        "from atelier_kg.network.metrics import compute_metrics\n"
        "r = random.Random(3); B = nx.Graph()\n"
        "orgs = [f'org/{i}' for i in range(60)]; acts = [f'act/{i}' for i in range(25)]\n"
        "for o in orgs: B.add_node(o, bipartite=0, label=o, type=r.choice('abc'), sector='')\n"
        "for a in acts: B.add_node(a, bipartite=1, label=a, type='x', sector='')\n"
        "for o in orgs:\n"
        "    for a in r.sample(acts, 4): B.add_edge(o, a, weight=1.0, relation='m', contexts=1)\n"
        "P = newman_projection(B); m = compute_metrics(P, engine='networkx')\n"
        "print(sorted((u, v, w) for u, v, w in P.edges(data='weight')), sorted(m.graph.items()))\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        ).stdout
        for seed in (0, 1, 2)
    }  # fmt: skip
    assert len(outputs) == 1


def test_organisation_nodes_carry_their_siren_and_region(store):
    # data/mappings/siren.sssom.tsv gives CIRIDD 417669587 and the Sicoval 243100633; régions from
    # organisation_places.csv and places.csv: CIRIDD sits in Saint-Étienne, within
    # Auvergne-Rhône-Alpes; the Région Grand Est governs Grand Est and sits in Strasbourg, within
    # Grand Est (one région, not two); la CoVe sits in Provence-Alpes-Côte d'Azur; Club CLEF serves
    # Auvergne-Rhône-Alpes (organisations.csv) and has no SIREN; the Sicoval's territory has no
    # région in the data; ATEMIS has neither.
    nodes = build_network(store, "organisation-cooperation").graph.nodes
    assert (nodes[ORG + "ciridd"]["siren"], nodes[ORG + "ciridd"]["region"]) == (
        "417669587",
        "Auvergne-Rhône-Alpes",
    )
    assert nodes[ORG + "region-grand-est"]["region"] == "Grand Est"
    assert nodes[ORG + "la-cove"]["region"] == "Provence-Alpes-Côte d'Azur"
    assert (
        nodes[ORG + "club-clef"]["region"] == "Auvergne-Rhône-Alpes"
        and "siren" not in nodes[ORG + "club-clef"]
    )
    assert nodes[ORG + "sicoval"]["siren"] == "243100633" and "region" not in nodes[ORG + "sicoval"]
    assert "siren" not in nodes[ORG + "atemis"] and "region" not in nodes[ORG + "atemis"]
