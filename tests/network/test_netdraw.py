"""Pictures of a network: PNG and SVG re-read with readers we did not write, the HTML page run in a
real headless Chromium (Debian's ``chromium``; skipped when it is absent, installed in CI)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from PIL import Image

from atelier_kg.errors import OutputError, UsageError
from atelier_kg.network.draw import DRAWERS, draw
from atelier_kg.network.exporters import type_colours
from atelier_kg.network.layout import layout, short_label
from atelier_kg.network.page import page

ORG = "https://w3id.org/atelier-kg/id/org/"
NASTY = "Nasty </script><b>x</b>"
LONG = "Communauté d'agglomération Ventoux Comtat Venaissin"
DOLLARS = "Conseil $5$ & 10 $"  # no mathtext: the dollars stay dollars

# ~40 organisations with French labels: two connected groups around hubs, a pair, isolates
ORGANISATIONS = [
    ("ciridd", "CIRIDD", "centre-ressources", "private"),
    ("atemis", "ATEMIS", "laboratoire", "private"),
    ("atelier", "Atelier Commande publique & économie de la fonctionnalité", "atelier", ""),
    ("club-clef", "Club CLEF", "club", ""),
    ("club-noe", "Club EFC Noé", "club", ""),
    ("coef-p", "COEF-P", "action", ""),
    ("region-grand-est", "Région Grand Est", "region", "public"),
    ("region-occitanie", "Région Occitanie", "region", "public"),
    ("region-aura", "Région Auvergne-Rhône-Alpes", "region", "public"),
    ("departement-nord", "Département du Nord", "departement", "public"),
    ("grand-avignon", "Grand Avignon", "epci", "public"),
    ("la-cove", LONG, "epci", "public"),
    ("sicoval", "Communauté d'agglomération du Sicoval", "epci", "public"),
    ("strasbourg", "Eurométropole de Strasbourg", "epci", "public"),
    ("grand-paris", "Métropole du Grand Paris", "epci", "public"),
    ("grenoble", "Ville de Grenoble", "commune", "public"),
    ("ademe", "ADEME", "agence-etat", "public"),
    ("emse", "École des Mines de Saint-Étienne", "enseignement-recherche", "public"),
    ("musee", "Musée des Confluences", "etablissement-culturel", "public"),
    ("edf", "EDF", "entreprise", "private"),
    ("locam", "Locam", "entreprise", "private"),
    ("vibratec", "Vibratec", "entreprise", "private"),
    ("annecy", "Annecy Electronique", "entreprise", "private"),
    ("revalue", "revalueSystems", "entreprise", "private"),
    ("inddigo", "INDDIGO", "conseil", "private"),
    ("correl", "correl", "conseil", "private"),
    ("la-27e", "La 27e Région", "association", "private"),
    ("inec", "INEC", "association", "private"),
    ("idee-alsace", "Idée Alsace", "association", "private"),
    ("terres-efc", "Terres d'EFC", "club", ""),
    ("service-dd", "Service Développement durable du Grand Avignon", "unit", "public"),
    ("groupement", "Groupement d'achat - transition énergétique", "group-purchase", ""),
    ("oeuvre", "Œuvre d'économie sociale", "association", "private"),
    ("nasty", NASTY, "", ""),
    ("sans-type", "Organisation sans type", "", ""),
    ("dollar", DOLLARS, "conseil", "private"),
    ("pays-voironnais", "Pays Voironnais", "epci", "public"),
    ("saint-etienne", "Saint-Étienne Métropole", "epci", "public"),
    ("nantes", "Nantes Métropole", "epci", "public"),
    ("lyon", "Métropole de Lyon", "epci", "public"),
    ("bordeaux", "Bordeaux Métropole", "epci", "public"),
]
TIES = [
    ("atelier", "ciridd", 1.0, "animates"),
    ("atelier", "atemis", 1.0, "animates"),
    ("atemis", "ciridd", 2.0, "co-member podcast"),
    ("ciridd", "club-clef", 1.0, "animates"),
    ("ciridd", "coef-p", 1.0, "carries"),
    ("ciridd", "club-noe", 1.0, "podcast"),
    ("atemis", "club-noe", 2.0, "podcast shared-person"),
    ("club-noe", "region-grand-est", 1.0, "member"),
    ("club-clef", "region-aura", 1.0, "member"),
    ("club-clef", "ademe", 1.0, "member"),
    ("club-clef", "emse", 1.0, "member"),
    ("club-clef", "vibratec", 1.0, "member"),
    ("club-clef", "grenoble", 1.0, "member"),
    ("club-clef", "musee", 1.0, "member"),
    ("club-clef", "annecy", 1.0, "member"),
    ("club-clef", "nasty", 3.0, "member"),
    ("atelier", "departement-nord", 1.0, "member"),
    ("atelier", "strasbourg", 1.0, "member"),
    ("atelier", "grand-paris", 1.0, "member"),
    ("atelier", "la-cove", 1.0, "member"),
    ("atelier", "sicoval", 1.0, "member"),
    ("atelier", "edf", 1.0, "member"),
    ("atelier", "locam", 1.0, "member"),
    ("atelier", "inddigo", 1.0, "member"),
    ("atelier", "la-27e", 1.0, "member"),
    ("atelier", "region-occitanie", 1.0, "member"),
    ("grand-avignon", "service-dd", 2.0, "case sub-organisation"),
    ("grand-avignon", "terres-efc", 1.0, "case"),
    ("groupement", "service-dd", 1.0, "initiates"),
    ("groupement", "terres-efc", 1.0, "initiates"),
    ("service-dd", "terres-efc", 2.0, "case co-member"),
    ("lyon", "saint-etienne", 1.5, "shared-person"),
    ("inddigo", "dollar", 1.0, "case"),
]


def network(reverse: bool = False) -> nx.Graph:
    """The test network (nodes and edges inserted in sorted order, or in reverse order)."""
    G = nx.Graph(
        name="organisation-cooperation", title="Réseau de coopération des organisations", kind="one-mode"
    )
    rows = sorted(ORGANISATIONS, reverse=reverse)
    for key, label, kind, sector in rows:
        G.add_node(ORG + key, label=label, type=kind, sector=sector)
    for a, b, weight, relation in sorted(TIES, reverse=reverse):
        G.add_edge(ORG + a, ORG + b, weight=weight, relation=relation, contexts=len(relation.split()))
    return G


@dataclass
class FakeMetrics:
    """A Metrics as netmetrics gives it (read by duck typing)."""

    nodes: dict[str, dict[str, float | int | None]]
    graph: dict[str, float | int | str | None]
    notes: list[str] = field(default_factory=list)


def metrics_of(G: nx.Graph) -> FakeMetrics:
    betweenness = nx.betweenness_centrality(G)
    return FakeMetrics(
        nodes={n: {"betweenness": betweenness[n], "degree": G.degree(n), "constraint": None} for n in G},
        graph={"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "density": nx.density(G)},
        notes=["betweenness exact (40 nodes)"],
    )


@pytest.fixture(scope="module")
def G() -> nx.Graph:
    return network()


# ---------------------------------------------------------------------------------------------
# registry, labels, layout


def test_the_registry_has_the_three_formats():
    assert sorted(DRAWERS) == ["html", "png", "svg"]
    assert {name: d.suffix for name, d in DRAWERS.items()} == {"html": ".html", "png": ".png", "svg": ".svg"}
    assert all(d.name == name and d.description for name, d in DRAWERS.items())


def test_unknown_format_and_directed_graphs_are_usage_errors(G, tmp_path):
    with pytest.raises(UsageError, match="html, png, svg"):
        draw(G, "pdf", tmp_path / "x.pdf")
    with pytest.raises(UsageError):
        draw(nx.DiGraph(G), "png", tmp_path / "x.png")
    assert list(tmp_path.iterdir()) == []


def test_long_labels_are_cut_with_an_ellipsis():
    assert short_label("CIRIDD") == "CIRIDD"
    cut = short_label(LONG)
    assert cut.endswith("…") and len(cut) <= 30 and LONG.startswith(cut[:-1])
    assert short_label("x" * 50) == "x" * 29 + "…"


def test_the_layout_is_deterministic_and_ignores_insertion_order(G):
    pos = layout(G)
    assert set(pos) == set(G)
    assert pos == layout(G) == layout(network(reverse=True))
    assert len(set(pos.values())) == len(pos)  # no two nodes on one spot


def test_connected_nodes_sit_closer_than_isolated_ones(G):
    pos = layout(G)

    def dist(a, b):
        (xa, ya), (xb, yb) = pos[ORG + a], pos[ORG + b]
        return ((xa - xb) ** 2 + (ya - yb) ** 2) ** 0.5

    assert dist("ciridd", "atemis") < dist("ciridd", "bordeaux")
    assert dist("lyon", "saint-etienne") < dist("lyon", "grand-avignon")


# ---------------------------------------------------------------------------------------------
# PNG and SVG


def test_png_has_its_size_the_type_colours_and_is_deterministic(G, tmp_path):
    [first] = draw(G, "png", tmp_path / "a" / "network.png")
    [second] = draw(G, "png", tmp_path / "b" / "network.png")
    assert first == tmp_path / "a" / "network.png"
    assert first.read_bytes() == second.read_bytes()
    assert sorted(p.name for p in first.parent.iterdir()) == ["network.png"]  # no scratch left
    with Image.open(first) as image:
        assert image.format == "PNG" and image.size == (1950, 1350)
        colours = {rgb for _, rgb in image.convert("RGB").getcolors(maxcolors=1 << 22)}
    assert len(colours) > 50
    for kind, rgb in type_colours(G).items():  # every node type is drawn in its colour
        assert rgb in colours, kind


def _svg_texts(path: Path) -> list[str]:
    root = ET.parse(path).getroot()
    return ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]


def test_svg_has_the_labels_legend_and_title_as_text(G, tmp_path):
    [path] = draw(G, "svg", tmp_path / "network.svg")
    texts = _svg_texts(path)
    assert "Réseau de coopération des organisations" in texts
    for _, label, _, _ in ORGANISATIONS:  # 40 nodes: every one labelled
        assert short_label(label) in texts, label
    assert short_label(LONG) in texts and LONG not in texts
    assert NASTY in texts  # escaped in the XML, read back as text
    assert DOLLARS in texts
    counts: dict[str, int] = {}
    for _, _, kind, _ in ORGANISATIONS:
        counts[kind] = counts.get(kind, 0) + 1
    for kind, count in counts.items():
        assert f"{kind or '(no type)'} ({count})" in texts
    assert any("node area: degree" in t for t in texts)


def test_svg_is_deterministic_and_sized_by_betweenness_with_metrics(G, tmp_path):
    a = draw(G, "svg", tmp_path / "a.svg")[0].read_bytes()
    b = draw(network(reverse=True), "svg", tmp_path / "b.svg")[0].read_bytes()
    assert a == b
    assert b"<dc:date>" not in a
    [path] = draw(G, "svg", tmp_path / "m.svg", metrics_of(G))
    texts = _svg_texts(path)
    assert any("node area: betweenness" in t for t in texts)
    assert "betweenness exact (40 nodes)" in texts


def test_self_loops_time_slices_and_tiny_networks_draw(tmp_path):
    mixing = nx.Graph(name="sector-mixing", title="Mixing", kind="mixing", slice="at 2022-01-20")
    for t in ("epci", "region", "entreprise"):
        mixing.add_node(f"https://w3id.org/atelier-kg/id/org-type/{t}", label=t, type=t, sector="")
    ids = sorted(mixing)
    mixing.add_edge(ids[0], ids[0], weight=3.0, relation="co-member", contexts=3)
    mixing.add_edge(ids[0], ids[1], weight=1.0, relation="case", contexts=1)
    empty = nx.Graph(name="empty", title="Empty", kind="one-mode")
    for H in (mixing, empty):
        for fmt, drawer in DRAWERS.items():
            [path] = draw(H, fmt, tmp_path / f"{H.graph['name']}{drawer.suffix}")
            assert path.stat().st_size > 0
    assert any("at 2022-01-20" in t for t in _svg_texts(tmp_path / "sector-mixing.svg"))
    assert '"self-loop weight","3"' in (tmp_path / "sector-mixing.html").read_text(encoding="utf-8")


def test_a_failed_drawing_leaves_the_previous_file(G, tmp_path, monkeypatch):
    from matplotlib.figure import Figure

    [path] = draw(G, "png", tmp_path / "network.png")
    before = path.read_bytes()

    def broken(self, fname, **kwargs):
        Path(fname).write_bytes(b"half a picture")
        raise OSError("disk full")

    monkeypatch.setattr(Figure, "savefig", broken)
    with pytest.raises(OutputError, match="disk full"):  # the one writer says so in our words
        draw(G, "png", path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["network.png"]


# ---------------------------------------------------------------------------------------------
# HTML: the file itself


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text of the elements by id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[str, str] = {}
        self._open: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag not in VOID:
            self._open.append(attributes.get("id"))

    def handle_endtag(self, tag):
        if self._open:
            self._open.pop()

    def handle_data(self, data):
        for ident in self._open:
            if ident:
                self.text[ident] = self.text.get(ident, "") + data


def parse_html(text: str) -> _Tags:
    parser = _Tags()
    parser.feed(text)
    return parser


def test_the_page_is_self_contained_and_opens_nothing(G, tmp_path):
    [path] = draw(G, "html", tmp_path / "page.html")
    text = path.read_text(encoding="utf-8")
    assert "<circle" not in text  # the script draws the nodes
    tags = parse_html(text).tags
    csp = [a for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and csp[0]["content"].startswith("default-src 'none';")
    for tag, attributes in tags:
        assert not {"src", "href", "action", "xlink:href", "srcset", "poster"} & set(attributes), tag
        assert tag not in {"link", "iframe", "img", "object", "embed", "base"}, tag
    # http(s) only in the embedded data (the node IRIs); the CSP names no address at all
    data = re.search(r'<script type="application/json" id="network-data">(.*?)</script>', text, re.S)
    assert data is not None
    rest = text.replace(data.group(1), "")
    assert "http://" not in rest and "https://" not in rest
    assert "url(" not in rest and "@import" not in rest and "fetch(" not in rest


def test_the_embedded_data_cannot_close_its_script(G):
    text = page(G)
    assert "<b>x" not in text and text.count("</script>") == 2
    data = re.search(r'id="network-data">(.*?)</script>', text, re.S).group(1)
    assert "<" not in data
    parsed = json.loads(data)
    labels = {n["label"] for n in parsed["nodes"]}
    assert NASTY in labels and LONG in labels
    assert len(parsed["nodes"]) == G.number_of_nodes() and len(parsed["edges"]) == G.number_of_edges()


def test_the_page_is_deterministic(G, tmp_path):
    a = draw(G, "html", tmp_path / "a.html")[0].read_bytes()
    b = draw(network(reverse=True), "html", tmp_path / "b.html")[0].read_bytes()
    assert a == b
    assert page(G, metrics_of(G)) == page(G, metrics_of(G))


# ---------------------------------------------------------------------------------------------
# HTML in a real browser

CHROMIUM = shutil.which("chromium")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="needs Debian's chromium (apt-get install chromium), which .ci/run installs",
)


def dump_dom(page_file: Path, profile: Path, fragment: str = "") -> str:
    """The DOM of the page after its scripts ran, from headless Chromium (nothing remote reachable)."""
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--user-data-dir={profile}",
        "--virtual-time-budget=5000",
        "--dump-dom",
        page_file.resolve().as_uri() + fragment,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "</html>" in done.stdout, done.stderr[-2000:]
    return done.stdout


def _classes(tags: list, tag: str, kind: str) -> dict[str, set[str]]:
    """The classes of each ``tag`` of class ``kind``, by data-id (or data-index)."""
    found = {}
    for name, attributes in tags:
        classes = set((attributes.get("class") or "").split())
        if name == tag and kind in classes:
            found[attributes.get("data-id") or attributes.get("data-index")] = classes
    return found


@needs_chromium
def test_the_browser_draws_one_circle_per_node_and_the_legend(G, tmp_path):
    [path] = draw(G, "html", tmp_path / "page.html")
    dom = dump_dom(path, tmp_path / "profile")
    parsed = parse_html(dom)
    nodes = _classes(parsed.tags, "circle", "node")
    assert sorted(nodes) == sorted(G)
    assert len(_classes(parsed.tags, "line", "edge")) == G.number_of_edges()
    legend = [a for t, a in parsed.tags if t == "li" and "data-type" in a]
    assert sorted(a["data-type"] for a in legend) == sorted({kind for _, _, kind, _ in ORGANISATIONS})
    assert "epci (10)" in parsed.text["legend"] and "(no type) (2)" in parsed.text["legend"]
    # the hostile label is text: escaped in the DOM, no <b> element made of it
    assert "&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;" in dom
    assert not any(t == "b" for t, _ in parsed.tags)
    assert NASTY in parsed.text["labels"]
    assert short_label(LONG) in parsed.text["labels"]


@needs_chromium
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ciridd", {"ciridd"}),
        ("COMMUNAUTE", {"la-cove", "sicoval"}),  # case and accents ignored
        ("metropole", {"grand-paris", "strasbourg", "saint-etienne", "nantes", "lyon", "bordeaux"}),
        ("oeuvre", {"oeuvre"}),  # Œ matches oe
        ("%3C%2Fscript%3E", {"nasty"}),  # </script> typed in the box is only a search
    ],
)
def test_a_search_in_the_address_highlights_matches_and_dims_the_rest(G, tmp_path, query, expected):
    [path] = draw(G, "html", tmp_path / "page.html")
    dom = dump_dom(path, tmp_path / "profile", f"#search={query}")
    parsed = parse_html(dom)
    nodes = _classes(parsed.tags, "circle", "node")
    matches = {n for n, classes in nodes.items() if "match" in classes}
    dimmed = {n for n, classes in nodes.items() if "dimmed" in classes}
    assert matches == {ORG + key for key in expected}
    assert dimmed == set(G) - matches
    count = len(expected)
    assert parsed.text["status"] == f"{count} matching node{'' if count == 1 else 's'}"


@needs_chromium
def test_hovering_a_node_or_an_edge_shows_its_details(G, tmp_path):
    [path] = draw(G, "html", tmp_path / "page.html", metrics_of(G))
    # the test, not the page, adds a script that hovers one node and reads the tooltip, then one edge
    probe = """<script>
(() => {
  const hover = (el) => {
    const box = el.getBoundingClientRect();
    el.dispatchEvent(new PointerEvent("pointerover", { bubbles: true, clientX: box.x, clientY: box.y }));
    const tip = document.getElementById("tooltip");
    return (tip.hidden ? "HIDDEN" : "") + tip.textContent;
  };
  const out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify([
    hover(document.querySelector('circle.node[data-id$="/nasty"]')),
    hover(document.querySelector("line.edge")),
  ]);
  document.body.appendChild(out);
})();
</script>
"""
    text = path.read_text(encoding="utf-8").replace("</body>", probe + "</body>")
    probed = tmp_path / "probed.html"
    probed.write_text(text, encoding="utf-8")
    parsed = parse_html(dump_dom(probed, tmp_path / "profile"))
    node_tip, edge_tip = json.loads(parsed.text["probe"])
    assert node_tip.startswith(NASTY)
    for part in ("type: (no type)", "degree: 1", "betweenness: 0", "constraint: —", f"IRI: {ORG}nasty"):
        assert part in node_tip
    assert not edge_tip.startswith("HIDDEN")
    assert "relation: " in edge_tip and "weight: " in edge_tip and " — " in edge_tip
    assert "density" in parsed.text["metrics"] and "betweenness exact (40 nodes)" in parsed.text["metrics"]
