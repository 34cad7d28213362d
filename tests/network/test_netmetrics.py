"""Network metrics: values worked out by hand on small graphs, and the two engines against each other.

Every expected value below is derived in the comment above it (fractions, Burt's and
Wasserman–Faust's formulas written out); none is pasted from the program's output.
"""

from __future__ import annotations

import math
import random

import networkx as nx
import pytest

from atelier_kg.errors import UsageError
from atelier_kg.network.metrics import (
    GRAPH_METRICS,
    NODE_METRICS,
    Metrics,
    compute_metrics,
    graph_summary,
    metrics_table,
)

ENGINES = ("networkx", "igraph")
TOL = 1e-9


def graph(edges, nodes=(), **attrs) -> nx.Graph:
    """A network as netbuild makes them: str nodes with label/type/sector, weighted ties."""
    G = nx.Graph(name="test", title="test", kind="one-mode")
    for u in sorted({*nodes, *(e[0] for e in edges), *(e[1] for e in edges)}):
        G.add_node(
            u,
            label=u.upper(),
            type=attrs.get("types", {}).get(u, ""),
            sector=attrs.get("sectors", {}).get(u, ""),
        )
    for u, v, *w in edges:
        G.add_edge(u, v, weight=float(w[0]) if w else 1.0, relation="test", contexts=1)
    return G


def both(G: nx.Graph, **options) -> list[Metrics]:
    return [compute_metrics(G, engine=engine, **options) for engine in ENGINES]


def node_values(metrics: Metrics, name: str) -> dict[str, float | int | None]:
    return {u: values[name] for u, values in metrics.nodes.items()}


def assert_close(actual: dict, expected: dict, tol: float = TOL) -> None:
    assert actual.keys() == expected.keys()
    for key, value in expected.items():
        if value is None:
            assert actual[key] is None, key
        else:
            assert actual[key] == pytest.approx(value, abs=tol), key


# ---------------------------------------------------------------------------------------------
# Hand-worked values
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_path(engine: str) -> None:
    G = graph([("a", "b"), ("b", "c")])
    m = compute_metrics(G, engine=engine)
    # Only the pair (a, c) has an intermediate, b; normalised by (n-1)(n-2)/2 = 1 pair.
    assert_close(node_values(m, "betweenness"), {"a": 0.0, "b": 1.0, "c": 0.0})
    # a: distances 1 + 2 = 3 over n - 1 = 2 others → 2/3; b: 1 + 1 = 2 → 2/2 = 1.
    assert_close(node_values(m, "closeness"), {"a": 2 / 3, "b": 1.0, "c": 2 / 3})
    # Adjacency of the 3-path: eigenvalue √2, eigenvector (1, √2, 1) / 2.
    assert_close(node_values(m, "eigenvector"), {"a": 1 / 2, "b": math.sqrt(2) / 2, "c": 1 / 2})
    assert node_values(m, "degree") == {"a": 1, "b": 2, "c": 1}
    # a has one contact, p_ab = 1 and no indirect path → 1; b: p = 1/2 twice, a and c not tied → 2 × 1/4.
    assert_close(node_values(m, "constraint"), {"a": 1.0, "b": 1 / 2, "c": 1.0})
    # No contact of b is tied to another: both are non-redundant → 2.
    assert_close(node_values(m, "effective_size"), {"a": 1.0, "b": 2.0, "c": 1.0})


@pytest.mark.parametrize("engine", ENGINES)
def test_weighted_star(engine: str) -> None:
    # Centre h with ties of weight 1, 2, 3 to x, y, z: strength 6.
    G = graph([("h", "x", 1), ("h", "y", 2), ("h", "z", 3)])
    m = compute_metrics(G, engine=engine)
    assert_close(node_values(m, "strength"), {"h": 6.0, "x": 1.0, "y": 2.0, "z": 3.0})
    # p_hx, p_hy, p_hz = 1/6, 2/6, 3/6 and no leaf is tied to another (no indirect term):
    # constraint(h) = (1 + 4 + 9) / 36 = 14/36 = 7/18; a leaf has p = 1 to h → 1.
    assert_close(node_values(m, "constraint"), {"h": 7 / 18, "x": 1.0, "y": 1.0, "z": 1.0})
    # No redundancy among the leaves: effective size of h = 3, of a leaf 1.
    assert_close(node_values(m, "effective_size"), {"h": 3.0, "x": 1.0, "y": 1.0, "z": 1.0})
    # h is between the 3 pairs of leaves, out of (n-1)(n-2)/2 = 3 pairs.
    assert node_values(m, "betweenness")["h"] == pytest.approx(1.0)


@pytest.mark.parametrize("engine", ENGINES)
def test_burt_with_a_tie_between_contacts(engine: str) -> None:
    # The star h–x (1), h–y (2), h–z (3) plus y–z (1). Strengths: h 6, x 1, y 3, z 4.
    # p_ij = w_ij / s_i: p_hx = 1/6, p_hy = 1/3, p_hz = 1/2; p_yh = 2/3, p_yz = 1/3; p_zh = 3/4, p_zy = 1/4.
    G = graph([("h", "x", 1), ("h", "y", 2), ("h", "z", 3), ("y", "z", 1)])
    m = compute_metrics(G, engine=engine)
    # constraint(h) = Σ_j (p_hj + Σ_q p_hq p_qj)²:
    #   x: (1/6)² = 1/36;  y: (1/3 + p_hz p_zy = 1/8)² = (11/24)² = 121/576;
    #   z: (1/2 + p_hy p_yz = 1/9)² = (11/18)² = 121/324;  sum = (144 + 1089 + 1936) / 5184 = 3169/5184.
    # constraint(y): h: (2/3 + p_yz p_zh = 1/4)² = 121/144;  z: (1/3 + p_yh p_hz = 1/3)² = 64/144 → 185/144.
    constraint = node_values(m, "constraint")
    assert constraint["h"] == pytest.approx(3169 / 5184, abs=TOL)
    assert constraint["y"] == pytest.approx(185 / 144, abs=TOL)
    assert constraint["x"] == pytest.approx(1.0, abs=TOL)
    # effective size(h) = Σ_j (1 - Σ_q p_hq m_jq), m_jq = w_jq / max_k w_jk:
    #   x: 1;  y: max 2, m_yz = 1/2 → 1 - (1/2)(1/2) = 3/4;  z: max 3, m_zy = 1/3 → 1 - (1/3)(1/3) = 8/9;
    #   sum = (36 + 27 + 32) / 36 = 95/36.
    # effective size(y): h: 1 - p_yz m_hz (= 3/3) = 2/3;  z: 1 - p_yh m_zh (= 3/3) = 1/3 → 1.
    esize = node_values(m, "effective_size")
    assert esize["h"] == pytest.approx(95 / 36, abs=TOL)
    assert esize["y"] == pytest.approx(1.0, abs=TOL)


@pytest.mark.parametrize("engine", ENGINES)
def test_triangle_with_pendant(engine: str) -> None:
    G = graph([("a", "b"), ("a", "c"), ("b", "c"), ("c", "d")])
    m = compute_metrics(G, engine=engine)
    # c's neighbours a, b, d: one tie (a–b) among 3 pairs → 1/3; a and b: their two neighbours are tied.
    assert_close(node_values(m, "clustering"), {"a": 1.0, "b": 1.0, "c": 1 / 3, "d": 0.0})
    # The triangle is the 2-core; d has one tie.
    assert node_values(m, "core") == {"a": 2, "b": 2, "c": 2, "d": 1}
    # c is on the paths a–d and b–d: 2 of (n-1)(n-2)/2 = 3 pairs.
    assert node_values(m, "betweenness")["c"] == pytest.approx(2 / 3)
    # d: distances 1 (c), 2 (a), 2 (b) → 3/5.
    assert node_values(m, "closeness")["d"] == pytest.approx(3 / 5)


@pytest.mark.parametrize("engine", ENGINES)
def test_two_disjoint_triangles(engine: str) -> None:
    G = graph([("a", "b"), ("a", "c"), ("b", "c"), ("d", "e"), ("d", "f"), ("e", "f")])
    m = compute_metrics(G, engine=engine)
    # Each triangle's unit vector is (1, 1, 1)/√3, scaled by √(3/6): 1/√6 everywhere.
    assert_close(node_values(m, "eigenvector"), dict.fromkeys("abcdef", 1 / math.sqrt(6)))
    # Each node reaches 2 others at distance 1: closeness 2/2, times (2 reached)/(n-1 = 5).
    assert_close(node_values(m, "closeness"), dict.fromkeys("abcdef", 2 / 5))
    assert m.graph["components"] == 2
    assert m.graph["largest_component"] == 3
    # 6 ties out of 15 pairs.
    assert m.graph["density"] == pytest.approx(2 / 5)
    # Split into the two triangles: m = 6, each side has 3 ties inside and degree sum 6:
    # Q = 2 × (3/6 - (6/12)²) = 2 × (1/2 - 1/4) = 1/2.
    assert m.graph["communities"] == 2
    assert m.graph["modularity"] == pytest.approx(0.5)
    # Same sizes: the community holding the smallest key ("a") comes first.
    assert node_values(m, "community") == {"a": 0, "b": 0, "c": 0, "d": 1, "e": 1, "f": 1}


@pytest.mark.parametrize("engine", ENGINES)
def test_public_private_line(engine: str) -> None:
    sectors = {"p1": "public", "p2": "public", "q1": "private", "q2": "private", "u": ""}
    edges = [("p1", "p2"), ("p1", "q1"), ("p2", "q2"), ("q1", "q2"), ("q1", "u"), ("p1", "u")]
    m = compute_metrics(graph(edges, sectors=sectors), engine=engine)
    # Sided ties (both ends public or private): p1–p2, p1–q1, p2–q2, q1–q2 = 4; the ties to u are not.
    # Crossing: p1–q1 and p2–q2 → 2 of 4 = 1/2.
    assert m.graph["sided_ties"] == 4
    assert m.graph["crossing_ties"] == 2
    assert m.graph["crossing_share"] == pytest.approx(1 / 2)


@pytest.mark.parametrize("engine", ENGINES)
def test_crossing_share_undefined_without_sides(engine: str) -> None:
    m = compute_metrics(graph([("a", "b")]), engine=engine)
    assert (m.graph["sided_ties"], m.graph["crossing_ties"], m.graph["crossing_share"]) == (0, 0, None)


@pytest.mark.parametrize("engine", ENGINES)
def test_type_assortativity(engine: str) -> None:
    # A square coloured x, y, x, y: every tie joins two types. Mixing matrix e = [[0, 1/2], [1/2, 0]],
    # row and column sums 1/2 → Σ a_i b_i = 1/2, trace 0: r = (0 - 1/2) / (1 - 1/2) = -1.
    types = {"a": "x", "b": "y", "c": "x", "d": "y"}
    G = graph([("a", "b"), ("b", "c"), ("c", "d"), ("d", "a")], types=types)
    assert compute_metrics(G, engine=engine).graph["type_assortativity"] == pytest.approx(-1.0)
    # One type only: e = [[1]], r = (1 - 1) / (1 - 1) is undefined.
    G = graph([("a", "b"), ("b", "c")], types=dict.fromkeys("abc", "x"))
    assert compute_metrics(G, engine=engine).graph["type_assortativity"] is None


@pytest.mark.parametrize("engine", ENGINES)
def test_distance_is_one_over_weight(engine: str) -> None:
    # s–t weight 1 (distance 1); s–m and m–t weight 4 (distance 1/4 each): the path through m,
    # of length 1/2, is the shortest, so m is between s and t: 1 pair of 1.
    G = graph([("s", "t", 1), ("s", "m", 4), ("m", "t", 4)])
    m = compute_metrics(G, engine=engine)
    assert node_values(m, "betweenness")["m"] == pytest.approx(1.0)
    # s: distances 1/4 (m) and 1/2 (t) → 2 / (3/4) = 8/3.
    assert node_values(m, "closeness")["s"] == pytest.approx(8 / 3)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("a", "b", "c"), [(10, 15, 6), (6, 30, 5)])
def test_equal_lengths_are_ties(engine: str, a: int, b: int, c: int) -> None:
    # 1/a + 1/b = 1/c, yet in floats 1/10 + 1/15 > 1/6 and 1/6 + 1/30 < 1/5. Both paths from s to t
    # are shortest, so x gets half of the pair (s, t): 1/2 of 1 pair.
    G = graph([("s", "x", a), ("x", "t", b), ("s", "t", c)])
    assert node_values(compute_metrics(G, engine=engine), "betweenness")["x"] == pytest.approx(1 / 2)


@pytest.mark.parametrize("engine", ENGINES)
def test_isolates(engine: str) -> None:
    m = compute_metrics(graph([("a", "b"), ("b", "c")], nodes=["z"]), engine=engine)
    z = m.nodes["z"]
    assert z["constraint"] is None and z["effective_size"] is None
    assert z["eigenvector"] == 0.0 and z["closeness"] == 0.0 and z["betweenness"] == 0.0
    assert (z["degree"], z["strength"], z["clustering"], z["core"]) == (0, 0.0, 0.0, 0)
    # Path a–b–c (unit vector (1, √2, 1)/2) scaled by √(3/4); z gets 0.
    assert m.nodes["b"]["eigenvector"] == pytest.approx(math.sqrt(2) / 2 * math.sqrt(3 / 4))
    # b: betweenness of 1 pair, now out of (n-1)(n-2)/2 = 3 pairs.
    assert m.nodes["b"]["betweenness"] == pytest.approx(1 / 3)


@pytest.mark.parametrize("engine", ENGINES)
def test_self_loops(engine: str) -> None:
    # The mixing network: A and B each with a self-loop of weight 2, and A–B of weight 1.
    G = graph([("a", "a", 2), ("b", "b", 2), ("a", "b", 1)])
    m = compute_metrics(G, engine=engine)
    assert m.graph["edges"] == 3
    assert node_values(m, "degree") == {"a": 1, "b": 1}
    assert node_values(m, "strength") == {"a": 1.0, "b": 1.0}
    assert m.graph["density"] == 1.0
    # Total weight 5; {a}, {b}: inside 2 each, degrees 2·2 + 1 = 5 each:
    # Q = 2 × (2/5 - (5/10)²) = 0.3, better than one community (Q = 0).
    assert m.graph["communities"] == 2
    assert m.graph["modularity"] == pytest.approx(0.3)
    assert any("self-loop" in note for note in m.notes)


@pytest.mark.parametrize("engine", ENGINES)
def test_small_and_empty_graphs(engine: str) -> None:
    m = compute_metrics(nx.Graph(), engine=engine)
    assert m.nodes == {} and m.graph["nodes"] == 0 and m.graph["modularity"] is None
    m = compute_metrics(graph([], nodes=["a"]), engine=engine)
    assert m.nodes["a"]["community"] == 0 and m.graph["density"] == 0.0 and m.graph["communities"] == 1
    m = compute_metrics(graph([("a", "b", 3)]), engine=engine)
    assert_close(node_values(m, "eigenvector"), {"a": 1 / math.sqrt(2), "b": 1 / math.sqrt(2)})
    assert_close(node_values(m, "closeness"), {"a": 3.0, "b": 3.0})


# ---------------------------------------------------------------------------------------------
# The engines agree, and networkx is the reference
# ---------------------------------------------------------------------------------------------


def random_network(seed: int, n: int = 30, m: int = 60, weights: str = "counts") -> nx.Graph:
    rng = random.Random(seed)
    base = nx.gnm_random_graph(n, m, seed=seed)
    draw = {
        "counts": lambda: rng.randint(1, 5),
        "real": lambda: rng.uniform(0.1, 3.0),
        "newman": lambda: sum(1 / rng.randint(1, 6) for _ in range(rng.randint(1, 3))),
    }[weights]
    G = nx.Graph()
    for i in range(n):
        G.add_node(
            f"n{i:02d}",
            label=f"N{i:02d}",
            type=rng.choice("xyz"),
            sector=rng.choice(["public", "private", ""]),
        )
    for u, v in base.edges:
        G.add_edge(f"n{u:02d}", f"n{v:02d}", weight=float(draw()))
    return G


AGREEMENT = [(seed, w, m) for seed in range(4) for w, m in [("counts", 60), ("real", 45), ("newman", 25)]]


@pytest.mark.parametrize(("seed", "weights", "edges"), AGREEMENT)
def test_engines_agree(seed: int, weights: str, edges: int) -> None:
    G = random_network(seed, m=edges, weights=weights)  # 25 ties on 30 nodes: several components
    reference, fast = both(G)
    for name in NODE_METRICS:
        if name != "community":
            assert_close(node_values(fast, name), node_values(reference, name))
    for name in ("nodes", "edges", "density", "components", "largest_component", "type_assortativity"):
        assert fast.graph[name] == pytest.approx(reference.graph[name], abs=TOL)
    for name in ("crossing_share", "crossing_ties", "sided_ties"):
        assert fast.graph[name] == reference.graph[name]


@pytest.mark.parametrize("seed", range(3))
def test_reference_functions(seed: int) -> None:
    """The networkx engine is networkx's functions (distances 1/w with exact ties apart)."""
    G = random_network(seed, m=45, weights="real")
    m = compute_metrics(G, engine="networkx")
    H = G.copy()
    for _, _, d in H.edges(data=True):
        d["distance"] = 1 / d["weight"]
    assert_close(node_values(m, "betweenness"), nx.betweenness_centrality(H, weight="distance"))
    assert_close(node_values(m, "closeness"), nx.closeness_centrality(H, distance="distance"))
    assert_close(node_values(m, "clustering"), nx.clustering(G))
    assert_close(
        node_values(m, "constraint"),
        {u: None if math.isnan(c) else c for u, c in nx.constraint(G, weight="weight").items()},
    )
    # networkx's per-node path of effective_size (its all-nodes path divides by the wrong maximum,
    # networkx PR #8906).
    esize = nx.effective_size(G, nodes=list(G), weight="weight")
    assert_close(
        node_values(m, "effective_size"), {u: None if math.isnan(e) else e for u, e in esize.items()}
    )
    # Eigenvector: networkx's numpy solver on each component, scaled by √(n_c / n).
    expected = dict.fromkeys(G, 0.0)
    for component in nx.connected_components(G):
        if len(component) > 2:
            values = nx.eigenvector_centrality_numpy(G.subgraph(component), weight="weight")
            expected.update({u: x * math.sqrt(len(component) / len(G)) for u, x in values.items()})
        elif len(component) == 2:
            expected.update(dict.fromkeys(component, math.sqrt(1 / 2) * math.sqrt(2 / len(G))))
    assert_close(node_values(m, "eigenvector"), expected)
    for engine in ENGINES:
        assert_close(node_values(compute_metrics(G, engine=engine), "eigenvector"), expected)


def test_eigenvector_of_a_large_component() -> None:
    """Above 500 nodes a component goes to the sparse solver (ARPACK); networkx's numpy one agrees."""
    G = random_network(5, n=700, m=2500, weights="real")
    m = compute_metrics(G, engine="igraph", exact_limit=100, samples=10)
    giant = max(nx.connected_components(G), key=len)
    assert len(giant) > 500
    values = nx.eigenvector_centrality_numpy(G.subgraph(giant), weight="weight")
    scale = math.sqrt(len(giant) / len(G))
    assert_close({u: m.nodes[u]["eigenvector"] for u in giant}, {u: x * scale for u, x in values.items()})


def ring_of_cliques() -> nx.Graph:
    ring = nx.ring_of_cliques(6, 5)
    G = nx.Graph()
    for i in ring:
        G.add_node(f"n{i:02d}", label=f"N{i:02d}", type="", sector="")
    G.add_edges_from((f"n{u:02d}", f"n{v:02d}", {"weight": 1.0}) for u, v in ring.edges)
    return G


def test_louvain_engines_find_the_cliques() -> None:
    G = ring_of_cliques()
    for m in both(G):
        # The cliques are nodes 0–4, 5–9, …: each its own community, numbered by smallest key.
        assert node_values(m, "community") == {f"n{i:02d}": i // 5 for i in range(30)}
    reference, fast = both(G)
    assert fast.graph["modularity"] == pytest.approx(reference.graph["modularity"], abs=TOL)


# ---------------------------------------------------------------------------------------------
# Sampling above exact_limit
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_sampling_every_node_is_exact(engine: str) -> None:
    G = random_network(1, m=40)  # several components
    exact = compute_metrics(G, engine=engine)
    sampled = compute_metrics(G, engine=engine, exact_limit=5, samples=len(G), seed=7)
    for name in ("betweenness", "closeness"):
        assert_close(node_values(sampled, name), node_values(exact, name))


def test_sampled_engines_agree_and_say_so() -> None:
    G = random_network(2, n=40, m=90)
    reference, fast = both(G, exact_limit=10, samples=12, seed=5)
    for name in ("betweenness", "closeness"):
        assert_close(node_values(fast, name), node_values(reference, name))
    for m in (reference, fast):
        assert "betweenness estimated from 12 sampled sources (seed 5): 40 nodes > 10" in m.notes
        assert any(
            note.startswith("closeness estimated") and "12 sampled sources (seed 5)" in note
            for note in m.notes
        )
    assert any("igraph" in note for note in fast.notes)
    exact = compute_metrics(G)
    assert node_values(reference, "betweenness") != node_values(exact, "betweenness")
    assert not any("estimated" in note for note in exact.notes)


@pytest.mark.parametrize("engine", ENGINES)
def test_sampled_closeness_exact_in_unsampled_components(engine: str) -> None:
    # A 10-node path plus a separate triangle; with 2 samples the triangle may hold none.
    edges = [(f"p{i}", f"p{i + 1}") for i in range(9)] + [("ta", "tb"), ("tb", "tc"), ("ta", "tc")]
    G = graph(edges)
    for seed in range(5):
        m = compute_metrics(G, engine=engine, exact_limit=3, samples=2, seed=seed)
        # Triangle nodes reach 2 others at distance 1: 2/2 × 2/(n - 1 = 12) = 1/6.
        assert_close(
            {u: m.nodes[u]["closeness"] for u in ("ta", "tb", "tc")}, dict.fromkeys(("ta", "tb", "tc"), 1 / 6)
        )
        assert all(m.nodes[u]["closeness"] > 0 for u in G)
        assert any("exact in the" in note for note in m.notes)


# ---------------------------------------------------------------------------------------------
# Determinism, output text, errors
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_deterministic(engine: str) -> None:
    G = random_network(3, n=40, m=80)
    assert compute_metrics(G, engine=engine) == compute_metrics(G, engine=engine)
    assert compute_metrics(G, engine=engine, exact_limit=10) == compute_metrics(
        G, engine=engine, exact_limit=10
    )


def test_workers_do_not_change_the_result() -> None:
    G = random_network(4, n=60, m=200)
    one = compute_metrics(G, engine="igraph", workers=1, exact_limit=20, samples=30)
    two = compute_metrics(G, engine="igraph", workers=2, exact_limit=20, samples=30)
    assert one == two


def test_auto_engine() -> None:
    G = random_network(0)
    assert not any("igraph" in note for note in compute_metrics(G).notes)
    assert any("igraph" in note for note in compute_metrics(G, exact_limit=10).notes)


def test_every_metric_is_there() -> None:
    m = compute_metrics(random_network(0))
    assert tuple(m.graph) == GRAPH_METRICS
    assert all(tuple(values) == NODE_METRICS for values in m.nodes.values())
    values = [v for node in m.nodes.values() for v in node.values()] + list(m.graph.values())
    assert all(v is None or type(v) in (int, float) for v in values)  # plain Python numbers, never NaN
    assert not any(isinstance(v, float) and math.isnan(v) for v in values)


def table_fixture() -> tuple[nx.Graph, Metrics]:
    G = graph([("b", "a"), ("b", "c")], nodes=["d"], types={"a": "epci", "b": "club"})
    nodes = {
        "a": {name: 0 for name in NODE_METRICS} | {"betweenness": 0.0, "constraint": 1.0},
        "b": {name: 0 for name in NODE_METRICS} | {"betweenness": 1.0, "constraint": 0.5},
        "c": {name: 0 for name in NODE_METRICS} | {"betweenness": 0.0, "constraint": 1.0},
        "d": {name: 0 for name in NODE_METRICS} | {"betweenness": 0.0, "constraint": None},
    }
    return G, Metrics(nodes, {"nodes": 4, "modularity": None, "density": 1 / 3}, ["a note"])


def test_metrics_table() -> None:
    G, m = table_fixture()
    lines = metrics_table(G, m, sort="betweenness").splitlines()
    assert lines[0].split() == ["rank", "label", "type", *NODE_METRICS]
    # b first; then a tie at 0.0, ranked by label: A, C, D.
    assert [line.split()[:2] for line in lines[1:]] == [["1", "B"], ["2", "A"], ["3", "C"], ["4", "D"]]
    assert lines[1].split()[2] == "club" and "1.0000" in lines[1].split()
    # Undefined constraint shown as "–", and last when sorted by constraint.
    by_constraint = metrics_table(G, m, sort="constraint", limit=3).splitlines()
    assert [line.split()[1] for line in by_constraint[1:]] == ["A", "C", "B"]
    assert "–" in metrics_table(G, m, sort="constraint").splitlines()[-1].split()
    assert len(metrics_table(G, m, limit=0).splitlines()) == 1


def test_graph_summary() -> None:
    _, m = table_fixture()
    assert graph_summary(m).splitlines() == [
        "nodes       4",
        "density     0.3333",
        "modularity  –",
        "note: a note",
    ]


def test_real_metrics_in_the_table() -> None:
    G = graph([("a", "b"), ("b", "c")], types={"a": "epci", "b": "club", "c": "epci"})
    m = compute_metrics(G)
    lines = metrics_table(G, m).splitlines()
    # b: degree 2, strength 2.0000, betweenness 1.0000 (the path's middle).
    assert lines[1].split()[:6] == ["1", "B", "club", "2", "2.0000", "1.0000"]
    assert metrics_table(G, m).endswith("\n") and graph_summary(m).endswith("\n")


@pytest.mark.parametrize(
    "options",
    [{"engine": "fast"}, {"samples": 1}, {"exact_limit": -1}, {"workers": 0}],
)
def test_bad_options(options: dict) -> None:
    with pytest.raises(UsageError):
        compute_metrics(graph([("a", "b")]), **options)


def test_bad_graphs() -> None:
    with pytest.raises(UsageError):
        compute_metrics(nx.DiGraph([("a", "b")]))
    with pytest.raises(UsageError):
        compute_metrics(graph([("a", "b", 0)]))
    G, m = table_fixture()
    with pytest.raises(UsageError):
        metrics_table(G, m, sort="label")
