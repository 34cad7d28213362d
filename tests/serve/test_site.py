"""`atelier-kg publish`: the static site of the seed build, checked file by file.

Expected resources and figures come from the page and the data files (themes 1–4 in
data/concepts.ttl, CIRIDD in data/organisations.csv line 3, the figures as tests/check works them
out); links, RDF and checksums are re-read with readers we did not write (html.parser, rdflib,
hashlib).
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import DATA
from httpserver import ask, serving
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import VOID

from atelier_kg.errors import OutputError
from atelier_kg.serve import site as site_module
from atelier_kg.serve.site import MARKER, publish, withhold
from atelier_kg.serve.sitepages import site_style

ID = "https://w3id.org/atelier-kg/id/"
BASE = "https://example.org/atelier-kg"
DATASET = URIRef(ID + "dataset")
DUMPS = ("atelier.nt", "atelier.ttl", "atelier.jsonld")
THEMES = {
    "1": "Travailler avec les bons partenaires",
    "2": "Formes d'évaluation",
    "3": "Coopération entre le secteur public et les acteurs économiques",
    "4": "Structurer la coopération entre les services et avec les entreprises",
}
KEY = b"a test key of thirty-two bytes!!"


def tree(root: Path) -> dict[str, bytes]:
    """Every file of a folder, by relative path, with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def site(seed_build, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    publish(seed_build, out, base=BASE + "/")
    return out


@pytest.fixture(scope="module")
def pseudonymised(seed_build, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pseudonymised") / "site"
    publish(seed_build, out, key=KEY)
    return out


class Links(HTMLParser):
    """Every href and src of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.links += [value for name, value in attrs if name in ("href", "src") and value is not None]


def internal_links(page: Path) -> Iterator[str]:
    """The links of a page that stay in the site (no scheme, no host, not only a fragment)."""
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    for link in parser.links:
        parts = urlsplit(link)
        if not (parts.scheme or parts.netloc) and parts.path:
            yield unquote(parts.path)


def test_every_internal_link_of_every_page_resolves_to_a_file_of_the_site(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 370  # a page per resource, the home page, the ontology's
    checked = 0
    for page in pages:
        for link in internal_links(page):
            assert (page.parent / link).resolve().is_file(), f"{page.relative_to(site)}: {link}"
            assert (page.parent / link).resolve().is_relative_to(site.resolve())
            checked += 1
    assert checked > 4000


def test_pages_link_with_relative_urls_to_the_html_documents(site):
    page = (site / "doc" / "org" / "ciridd.html").read_text(encoding="utf-8")
    assert "<h1>CIRIDD</h1>" in page
    assert 'href="atelier.html"' in page  # CIRIDD co-runs the atelier (same folder)
    assert 'href="../source/organisations.csv.html#row=3"' in page  # its source row
    assert 'href="../../index.html"' in page
    assert 'href="/' not in page  # nothing that needs a server
    assert 'href="http://www.w3.org/ns/org#Organization"' in page  # outgoing links stay


def test_links_from_a_nested_path_go_up_as_many_folders():
    style = site_style("source/mappings/cpv.sssom.tsv", frozenset({"source/mappings/cpv.sssom.tsv", "org/x"}))
    assert style.resource(ID + "org/x") == "../../org/x.html"
    assert style.resource(ID + "org/unpublished") == ID + "org/unpublished"
    assert style.resource("https://schema.org/name") == "https://schema.org/name"
    assert style.turtle(ID + "source/mappings/cpv.sssom.tsv") == "cpv.sssom.tsv.ttl"


def test_each_resource_has_its_four_documents_and_they_hold_the_same_graph(site, seed_build):
    turtles = sorted((site / "doc").rglob("*.ttl"))
    names = {t.relative_to(site / "doc").as_posix().removesuffix(".ttl") for t in turtles}
    subjects = Graph().parse(seed_build / "atelier.nt", format="nt").subjects(unique=True)
    assert names == {str(s).removeprefix(ID) for s in subjects if str(s).startswith(ID)}
    assert {f"theme/{n}" for n in THEMES} | {"org/ciridd", "org/atelier", "source/cases.ttl"} <= names
    for ttl in turtles:
        stem = str(ttl).removesuffix(".ttl")  # a name may hold dots of its own (job/ID.ORG)
        graph = Graph().parse(ttl, format="turtle")
        assert len(graph) > 0, ttl
        for other, fmt in (("nt", "nt"), ("jsonld", "json-ld")):
            assert isomorphic(Graph().parse(f"{stem}.{other}", format=fmt), graph), stem
        page = Path(f"{stem}.html").read_text(encoding="utf-8")
        embedded = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
        assert isomorphic(Graph().parse(data=embedded.replace("<\\/", "</"), format="json-ld"), graph)


def test_the_documents_are_the_servers(site, seed_build):
    with serving(seed_build / "atelier.nt") as url:
        base = url.removesuffix("/sparql")
        for name in ("org/ciridd", "theme/1", "source/cases.ttl", "figure/themes"):
            for extension in ("ttl", "nt", "jsonld"):
                status, _, body = ask(f"{base}/doc/{name}.{extension}")
                assert status == 200 and body == (site / "doc" / f"{name}.{extension}").read_bytes()


def test_the_home_page_gives_the_key_figures_and_links_into_the_graph(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="doc/org/atelier.html"' in home and 'href="doc/org/ciridd.html">CIRIDD</a>' in home
    for number, label in THEMES.items():
        assert f'href="doc/theme/{number}.html">{label.replace(chr(39), "&#x27;")}</a>' in home
    assert "Themes (4)" in home
    rows = dict(re.findall(r'<tr><td><a href="doc/figure/([^"]+)\.html">.*?</a></td>(.*?)</tr>', home))
    cells = {name: re.findall(r"<td>(.*?)</td>", row)[:3] for name, row in rows.items()}
    # tests/check: 4 themes and 2 animators agree; 34 participants declared, 36 in the data.
    assert cells["themes"] == ["4", "4", "agrees"]
    assert cells["animators"] == ["2", "2", "agrees"]
    assert cells["participants"] == ["34", "36", "disagrees"]
    assert cells["participants-per-year"] == ["15–20", "—", "not checkable"]


def test_the_dumps_are_the_builds_with_their_sizes_and_checksums_on_the_home_page(site, seed_build):
    home = (site / "index.html").read_text(encoding="utf-8")
    for name in DUMPS:
        data = (site / "download" / name).read_bytes()
        assert data == (seed_build / name).read_bytes()
        assert f'href="download/{name}"' in home
        assert f"{len(data):,} bytes" in home and hashlib.sha256(data).hexdigest() in home


def test_the_void_points_at_the_sites_dumps_and_names_no_endpoint(site, seed_build):
    graph = Graph().parse(site / "void.ttl", format="turtle")
    assert set(graph.objects(DATASET, VOID.dataDump)) == {URIRef(f"{BASE}/download/{n}") for n in DUMPS}
    assert (DATASET, VOID.uriSpace, Literal(ID)) in graph
    assert not any(graph.objects(DATASET, VOID.sparqlEndpoint))
    lines = [line for line in (seed_build / "atelier.nt").read_bytes().splitlines() if line.strip()]
    assert [int(n) for n in graph.objects(DATASET, VOID.triples)] == [len(lines)]


def test_without_a_base_url_the_void_names_the_dumps_beside_it_and_there_is_no_htaccess(pseudonymised):
    graph = Graph().parse(pseudonymised / "void.ttl", format="turtle")  # relative to the file
    dumps = set(graph.objects(DATASET, VOID.dataDump))
    assert dumps == {URIRef((pseudonymised / "download" / n).as_uri()) for n in DUMPS}
    assert all(str(s).startswith(("https://", "http://")) for s in graph.subjects())
    assert not (pseudonymised / "w3id").exists()


def test_the_htaccess_answers_the_iris_with_303_to_files_of_the_site(site):
    text = (site / "w3id" / ".htaccess").read_text(encoding="utf-8")
    assert "Options -MultiViews" in text and "RewriteEngine on" in text
    rules = re.findall(r"^RewriteRule (\S+) (\S+) \[(\S+)\]$", text, re.M)
    id_rules = [(target, flags) for pattern, target, flags in rules if pattern == "^id/(.+)$"]
    assert [t.rsplit(".", 1)[1] for t, _ in id_rules] == ["ttl", "nt", "jsonld", "html"]  # HTML by default
    assert all(flags == "R=303,L" for _, flags in id_rules)
    conditions = re.findall(r"^RewriteCond %\{HTTP_ACCEPT\} (\S+)$", text, re.M)
    assert {"text/turtle", "application/n-triples", r"application/ld\+json"} <= set(conditions)
    for pattern, target, _flags in rules:
        assert target.startswith(BASE + "/")
        path = target.removeprefix(BASE + "/")
        for name in ("org/ciridd", "theme/4", "source/mappings/cpv.sssom.tsv") if "$1" in path else ("",):
            assert (site / path.replace("$1", name)).is_file(), (pattern, target)


def person_words() -> tuple[set[str], set[str]]:
    """Names and family names (persons.csv, person_names.csv), job titles (jobs.csv), person ids."""
    words, ids = set(), set()
    for table in ("persons.csv", "person_names.csv"):
        with (DATA / table).open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                words |= {row["family_name"].strip(), row["given_name"].strip()}
                ids.add(row.get("id") or row["person"])
    with (DATA / "jobs.csv").open(encoding="utf-8") as handle:
        words |= {row["job_title"].strip() for row in csv.DictReader(handle)}
    return {w for w in words if len(w) >= 3}, ids


def test_a_pseudonymised_site_names_no_person_anywhere(pseudonymised):
    words, ids = person_words()
    assert len(words) > 90 and {"Pedron", "EL KIRA", "designer"} <= words
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in words), re.IGNORECASE)
    files = tree(pseudonymised)
    assert len(files) > 4 * 370
    for name, data in files.items():
        text = data.decode("utf-8")
        folded = text.casefold()
        candidates = [w for w in words if w.casefold() in folded]  # quick, then exactly
        found = pattern.search(text) if candidates else None
        assert found is None, f"{name}: {found[0]!r}"
        assert not any(i in text or i in name for i in ids), name
    assert any(name.startswith("doc/person/pseudo-") for name in files)
    home = files["index.html"].decode("utf-8")
    assert "Themes (4)" in home and "pseudonymised" in home


def test_documents_naming_a_person_are_withheld():
    documents = {"def": {"def.ttl": b'"the family name as written (EL KIRA)"'}, "shapes": {"s.ttl": b"ok"}}
    assert withhold(documents, re.compile(r"(?<!\w)el kira(?!\w)", re.I)) == ["def"]
    assert list(documents) == ["shapes"]


def test_two_runs_give_byte_identical_sites(seed_build, tmp_path, site, pseudonymised):
    publish(seed_build, tmp_path / "again", base=BASE)
    assert tree(tmp_path / "again") == tree(site)
    publish(seed_build, tmp_path / "pseudo-again", key=KEY)
    assert tree(tmp_path / "pseudo-again") == tree(pseudonymised)


def test_a_failed_run_keeps_the_previous_site_a_good_one_replaces_it(seed_build, tmp_path, monkeypatch):
    out = tmp_path / "site"
    publish(seed_build, out, base=BASE)
    (out / "doc" / "stale.html").write_text("from an older graph", encoding="utf-8")
    before = tree(out)

    def broken(home):
        raise RuntimeError("broken on purpose")

    with monkeypatch.context() as patch:
        patch.setattr(site_module, "home_page", broken)
        with pytest.raises(RuntimeError):
            publish(seed_build, out)
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no scratch folder left
    publish(seed_build, out)
    assert (out / MARKER).is_file() and (out / "index.html").is_file()
    assert not (out / "doc" / "stale.html").exists() and not (out / "w3id").exists()


def test_a_folder_it_did_not_make_is_never_replaced(seed_build, tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match="no .atelier-kg-site"):
        publish(seed_build, tmp_path)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
