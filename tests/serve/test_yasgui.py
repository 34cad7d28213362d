"""The query page of `atelier-kg serve`: YASGUI, vendored, on this endpoint, with the query library.

The page is checked as HTML, then over real HTTP, then run in a real headless Chromium (Debian's
``chromium``, driven by Playwright; skipped when it is absent, installed in CI) that may reach
127.0.0.1 only. Expected rows come from the page (data/sources/atelier-commande-publique.txt).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from fnmatch import fnmatch
from html.parser import HTMLParser

import pytest
from conftest import ROOT
from httpserver import ask, serving

from atelier_kg.namespaces import PREFIXES
from atelier_kg.serve.yasgui import (
    STATIC,
    STATIC_TYPES,
    Example,
    examples,
    page_asset,
    prefers_html,
    query_page,
    script_json,
)
from atelier_kg.sparql import library

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
#: The four cases of the page, one under each theme (« Thème 1 » … « Thème 4 », each « Cas : … »).
CASES = (
    "La mise en place d’un contrat de performance énergétique (CREM) pour l’éclairage public de la ville "
    "de Grenoble.",
    "Marché de démontage-enlèvement-réemploi des éléments scénographiques (textile, métal, verre, "
    "contreplaqué…) du musée des Confluences.",
    "Le projet « Groupement d’achat- transition énergétique sur l’agglomération du Grand Avignon » à "
    "l’initiative du service Développement durable du Grand Avignon et du Club territorial Terres d’EFC "
    "Grande Provence.",
    "Présentation d’outils et méthodes, discussions autour d’une trame de coopération.",
)


class Page(HTMLParser):
    """The page's tags with their attributes, and the text of each example button."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.buttons: list[str] = []
        self.scripts: list[str] = []
        self._in: str | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "button" or tag == "script":
            self._in = tag
            (self.buttons if tag == "button" else self.scripts).append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "button":
            self.buttons[-1] += data
        elif self._in == "script":
            self.scripts[-1] += data


@pytest.fixture(scope="module")
def page() -> Page:
    return Page(query_page().decode("utf-8"))


def config_of(page: Page) -> dict:
    [attributes] = [a for t, a in page.tags if t == "script" and a.get("id") == "atelier-kg-config"]
    assert attributes["type"] == "application/json"
    [text] = [s for s in page.scripts if s.strip().startswith("{")]
    return json.loads(text)


# The page as HTML


def test_the_library_queries_are_offered_with_their_titles_and_questions(page):
    html = query_page().decode("utf-8")
    for title in ("Cases by theme", "Working themes", "Who takes part", "Organisations by type"):
        assert title in page.buttons
    assert "Which case was worked on under each theme, with its procurement domain and lever?" in html
    # the defaults of a parametrised query are named (organisations-by-type: org-type:epci)
    assert "type = org-type:epci" in html
    # queries written for Wikidata (``# needs:``) are left out: this endpoint refuses SERVICE
    assert "Our régions in Wikidata" not in page.buttons
    assert "Wikidata items by SIREN number" not in page.buttons
    examples = config_of(page)["examples"]
    assert [e["title"] for e in examples] == page.buttons
    themes = next(e for e in examples if e["name"] == "check/themes")
    assert "?theme a akg:Theme" in themes["text"]
    # the defaults are bound in a VALUES block, as every runner binds them
    by_type = next(e for e in examples if e["name"] == "organisations-by-type")
    assert "VALUES (?type) { (<https://w3id.org/atelier-kg/id/org-type/epci>) }" in by_type["text"]


def test_the_page_knows_the_endpoint_and_the_graphs_prefixes(page):
    config = config_of(page)
    assert config["endpoint"] == "sparql"  # relative: /sparql from both / and /sparql
    assert config["persistenceId"] == "atelier-kg-yasgui"
    assert config["prefixes"] == PREFIXES
    assert config["prefixes"]["akg"] == "https://w3id.org/atelier-kg/def#"
    assert config["prefixes"]["organisation"] == "https://w3id.org/atelier-kg/id/org/"
    assert "<code>akg:</code>" in query_page().decode("utf-8")


def test_the_editor_completes_the_ontologys_classes_and_properties(page):
    """In place of YASGUI's Linked Open Vocabularies look-ups: terms of ontology/, sent in the page."""
    config = config_of(page)
    akg, org = PREFIXES["akg"], PREFIXES["org"]
    # atelier.ttl declares akg:Theme a class and akg:ordinal a property; external.ttl says
    # org:OrganizationalUnit rdfs:subClassOf org:Organization, org:unitOf rdfs:subPropertyOf …
    assert {f"{akg}Theme", f"{akg}Case", f"{org}OrganizationalUnit", f"{org}Organization"} <= set(
        config["classes"]
    )
    assert {f"{akg}ordinal", f"{org}unitOf", f"{org}subOrganizationOf"} <= set(config["properties"])
    assert f"{akg}ordinal" not in config["classes"] and f"{akg}Theme" not in config["properties"]
    assert config["classes"] == sorted(config["classes"])


def test_the_page_loads_and_links_nothing_from_elsewhere(page):
    urls = [a[name] for _, a in page.tags for name in ("src", "href", "action") if a.get(name)]
    assert "static/yasgui/yasgui.min.js" in urls and "static/query.js" in urls
    for url in urls:
        assert not re.match(r"[a-z]+:|//", url) or url == "data:,", url
    # our own script and style name no outside address; the namespace IRIs are data (prefixes)
    for name in ("query.js", "query.css", "query.html"):
        assert not re.search(r"https?://", (STATIC / name).read_text(encoding="utf-8")), name


def test_everything_put_into_the_page_is_escaped():
    hostile = Example("x", "<b>title</b>", "a & b </li>", "SELECT ('</script><script>alert(1)' AS ?x) {}")
    text = query_page([hostile], {"p": "http://example.org/<p>"}).decode("utf-8")
    assert "<b>" not in text and "&lt;b&gt;title&lt;/b&gt;" in text and "a &amp; b &lt;/li&gt;" in text
    assert text.count("</script>") == 3  # the config, YASGUI, our script: nothing closed early
    assert "&lt;p&gt;" in text
    config = config_of(Page(text))
    assert config["examples"][0]["text"] == hostile.text
    assert config["prefixes"] == {"p": "http://example.org/<p>"}


@pytest.mark.parametrize("value", ["</script>", "<!--", "a & b", "\u2028", {"k": "</SCRIPT >"}])
def test_json_in_a_script_element_cannot_close_it(value):
    text = script_json(value)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == value


def test_queries_that_cannot_run_here_as_they_are_are_left_out(tmp_path):
    texts = {
        "wikidata": "# title: W\n# needs: internet\nSELECT * WHERE { ?s ?p ?o }\n",
        "no-default": "# title: N\n# params: who (IRI, a person)\nSELECT * WHERE { ?s ?p $who }\n",
        "ready": "# title: R\n# params: who (IRI, default person:x, a person)\n"
        "SELECT * WHERE { ?s ?p $who }\n",
    }
    for name, text in texts.items():
        (tmp_path / f"{name}.rq").write_text(text, encoding="utf-8")
    [ready] = examples(library(tmp_path))
    assert (ready.name, ready.title) == ("ready", "R")
    assert "VALUES (?who) { (<https://w3id.org/atelier-kg/id/person/x>) }" in ready.text
    assert ready.question == "(parameters, in the VALUES block: who = person:x)"


def test_the_page_is_the_same_bytes_every_time():
    assert query_page() == query_page() == page_asset().body
    # and in another process, with another hash seed
    script = "import hashlib, sys; from atelier_kg.serve.yasgui import query_page; "
    script += "sys.stdout.write(hashlib.sha256(query_page()).hexdigest())"
    other = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "PYTHONHASHSEED": "12345"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert other.stdout == hashlib.sha256(query_page()).hexdigest()


@pytest.mark.parametrize(
    ("accept", "page_wanted"),
    [
        (BROWSER, True),
        ("text/html", True),
        ("application/xhtml+xml", True),
        ("text/html;q=0.9, text/turtle", False),
        ("text/turtle, text/html", False),  # a tie keeps the Service Description
        ("*/*", False),
        (None, False),
        ("", False),
        ("text/turtle", False),
        ("application/ld+json, */*;q=0.1", False),
        ("text/*", False),
    ],
)
def test_a_browser_gets_the_page_and_an_rdf_client_the_description(accept, page_wanted):
    assert prefers_html(accept) is page_wanted


# The vendored files


def test_the_vendored_files_are_the_npm_release_bytes():
    readme = (STATIC / "yasgui" / "README.md").read_text(encoding="utf-8")
    assert "4.6.2" in readme and "MIT" in readme
    listed = dict(re.findall(r"\| `([\w.]+)` \| `([0-9a-f]{64})` \|", readme))
    assert set(listed) == {"yasgui.min.js", "yasgui.min.css", "LICENSE"}
    for name, digest in listed.items():
        assert hashlib.sha256((STATIC / "yasgui" / name).read_bytes()).hexdigest() == digest, name
    assert (STATIC / "yasgui" / "LICENSE").read_text(encoding="utf-8").startswith("The MIT License")


def test_an_installed_package_has_every_file_served():
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = settings["tool"]["setuptools"]["package-data"]["atelier_kg.serve"]
    for name in [*STATIC_TYPES, "query.html", "yasgui/README.md"]:
        assert any(fnmatch(f"static/{name}", pattern) for pattern in patterns), name


# Over HTTP


@pytest.fixture(scope="module")
def endpoint(seed_build) -> Iterator[str]:
    with serving(seed_build / "atelier.nt") as url:
        yield url


def test_the_page_is_at_the_root_and_at_sparql_for_a_browser(endpoint):
    root = endpoint.removesuffix("/sparql")
    status, headers, body = ask(root + "/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert body == query_page()
    assert "connect-src 'self'" in headers["Content-Security-Policy"]
    status, headers, again = ask(endpoint, headers={"Accept": BROWSER})
    assert status == 200 and again == body and headers["Vary"] == "Accept"
    status, _, _ = ask(root + "/", headers={"If-None-Match": headers["ETag"]})
    assert status == 304


@pytest.mark.parametrize("accept", [None, "*/*", "text/turtle", "application/ld+json"])
def test_rdf_clients_still_get_the_service_description(endpoint, accept):
    status, headers, body = ask(endpoint, headers={"Accept": accept} if accept else {})
    assert status == 200 and not headers["Content-Type"].startswith("text/html")
    assert b"sparql-service-description" in body


def test_a_browser_asking_format_or_a_query_gets_no_page(endpoint):
    status, headers, body = ask(endpoint + "?format=ttl", headers={"Accept": BROWSER})
    assert headers["Content-Type"].startswith("text/turtle") and b"sparql-service-description" in body
    status, headers, body = ask(endpoint + "?query=ASK%7B%7D", headers={"Accept": BROWSER})
    assert status == 200 and json.loads(body) == {"head": {}, "boolean": True}  # */* takes JSON


@pytest.mark.parametrize(
    ("path", "media_type"),
    [
        ("yasgui/yasgui.min.js", "text/javascript; charset=utf-8"),
        ("yasgui/yasgui.min.css", "text/css; charset=utf-8"),
        ("yasgui/LICENSE", "text/plain; charset=utf-8"),
        ("query.js", "text/javascript; charset=utf-8"),
        ("query.css", "text/css; charset=utf-8"),
    ],
)
def test_the_static_files_are_served_with_their_type_and_cached(endpoint, path, media_type):
    url = endpoint.removesuffix("sparql") + "static/" + path
    status, headers, body = ask(url)
    assert status == 200 and headers["Content-Type"] == media_type
    assert body == (STATIC / path).read_bytes()
    assert headers["Cache-Control"] == "public, max-age=86400"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert ask(url, headers={"If-None-Match": headers["ETag"]})[0] == 304
    assert ask(url, headers={"If-None-Match": '"other"'})[0] == 200


@pytest.mark.parametrize(
    "path", ["query.html", "yasgui/README.md", "yasgui/yasgui.min.js.map", "..%2Fyasgui.py", "../app.py"]
)
def test_no_other_file_is_served(endpoint, path):
    assert ask(endpoint.removesuffix("sparql") + "static/" + path)[0] == 404


# In a real browser

CHROMIUM = shutil.which("chromium")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="needs Debian's chromium (apt-get install chromium), which .ci/run installs",
)


@dataclass
class Visit:
    """What the browser did on the page: every request, and the console's errors and warnings."""

    requests: list[str] = field(default_factory=list)
    complaints: list[str] = field(default_factory=list)


@contextmanager
def browse(url: str) -> Iterator[tuple[object, Visit]]:
    """``url`` open in headless Chromium that can resolve no name and reach 127.0.0.1 only.

    Every request of the page (and of any worker or popup of its context) is recorded before it
    leaves, so an attempt to reach elsewhere is caught even though it could not succeed.
    """
    playwright_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[test]'")
    visit = Visit()
    with playwright_api.sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=CHROMIUM,
            args=["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--disable-quic"],
        )
        try:
            context = browser.new_context()
            context.on("request", lambda request: visit.requests.append(request.url))
            page = context.new_page()
            page.on("websocket", lambda socket: visit.requests.append(socket.url))
            page.on("console", lambda m: m.type in ("error", "warning") and visit.complaints.append(m.text))
            page.on("pageerror", lambda error: visit.complaints.append(str(error)))
            page.goto(url)
            yield page, visit
        finally:
            browser.close()


def run_example(page, title: str) -> list[list[str]]:
    """Click the example ``title``, run it, and read the rows of YASGUI's result table."""
    page.get_by_role("button", name=title, exact=True).click()
    page.click(".yasqe_queryButton")
    page.wait_for_selector(".yasr tbody tr td", timeout=30_000)
    return page.eval_on_selector_all(
        ".yasr tbody tr", "rows => rows.map(r => Array.from(r.cells, c => c.innerText.trim()))"
    )


#: YASGUI's editor (a CodeMirror), as the page's scripts see it.
EDITOR = "document.querySelector('.yasqe .CodeMirror').CodeMirror"


def completions(page, typed: str) -> list[str]:
    """Type ``typed``, ask for completion (Ctrl-Space) and read the offered terms; close the list."""
    page.keyboard.type(typed)
    page.keyboard.press("Control+Space")
    page.wait_for_selector(".CodeMirror-hints li", timeout=10_000)
    offered = page.eval_on_selector_all(".CodeMirror-hints li", "items => items.map(i => i.innerText)")
    page.keyboard.press("Escape")
    for _ in typed:
        page.keyboard.press("Backspace")
    return offered


def assert_only_our_server(visit: Visit, origin: str) -> None:
    assert visit.requests, "the browser recorded no request"
    elsewhere = [url for url in visit.requests if not url.startswith(origin + "/")]
    assert not elsewhere, f"the page asked outside our server: {elsewhere}"
    # a blocked attempt (Content-Security-Policy) shows as a console error, never as a request
    assert not visit.complaints, visit.complaints


@needs_chromium
def test_a_library_query_runs_in_the_page_and_nothing_leaves(endpoint):
    origin = endpoint.removesuffix("/sparql")
    with browse(origin + "/") as (page, visit):
        rows = run_example(page, "Cases by theme")
        text = "\n".join("\t".join(row) for row in rows)
        # one row per theme, in order, each with the case the page gives under it
        positions = [text.find(case) for case in CASES]
        assert -1 not in positions, text
        assert positions == sorted(positions)
        assert len(rows) == 4
        assert [row[1] for row in rows] == [f"id:theme/{n}" for n in (1, 2, 3, 4)]
        # our resources link to their pages on this server, other IRIs stay as they are
        links = page.eval_on_selector_all(".yasr tbody a", "links => links.map(a => a.href)")
        assert {f"{origin}/id/theme/{n}" for n in (1, 2, 3, 4)} <= set(links)
        assert not [link for link in links if link.startswith("https://w3id.org/atelier-kg/id/")]
        assert page.is_hidden("#truncated")
        # the editor knows the graph's prefixes (typing one declares it) and completes classes and
        # properties from the ontology, where YASGUI would ask prefix.cc and LOV
        page.click(".yasqe .CodeMirror")
        page.keyboard.press("Control+A")
        page.keyboard.press("Delete")
        page.keyboard.type("SELECT * WHERE { ?s a akg:")
        page.wait_for_function(f"() => {EDITOR}.getValue().includes('PREFIX akg')")
        assert completions(page, "Th") == ["akg:Theme"]
        page.keyboard.type("Theme ; foaf:")
        page.wait_for_function(f"() => {EDITOR}.getValue().includes('PREFIX foaf')")
        assert completions(page, "fam") == ["foaf:familyName"]
        editor = page.evaluate(f"() => {EDITOR}.getValue()")
        assert "PREFIX akg: <https://w3id.org/atelier-kg/def#>" in editor
        assert "PREFIX foaf: <http://xmlns.com/foaf/0.1/>" in editor
    assert_only_our_server(visit, origin)
    assert origin + "/sparql" in visit.requests


@needs_chromium
def test_the_page_says_when_the_results_were_cut(seed_build):
    with serving(seed_build / "atelier.nt", "--max-rows", "2") as url:
        origin = url.removesuffix("/sparql")
        with browse(origin + "/") as (page, visit):
            rows = run_example(page, "Cases by theme")  # four cases, one per theme
            assert len(rows) == 2
            page.wait_for_selector("#truncated", state="visible")
            assert "cut at 2 rows" in page.inner_text("#truncated")
            rows = run_example(page, "Working themes")  # one row: nothing cut
            assert rows == [["1", '"4"^^xsd:integer']]
            assert page.is_hidden("#truncated")
        assert_only_our_server(visit, origin)
