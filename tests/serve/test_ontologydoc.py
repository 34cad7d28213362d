"""The ontology and the shapes as documents: pyLODE's page of `/def`, our page of `/def/shapes`, the
Turtle, and the routes that negotiate them on a real `atelier-kg serve`.

The expected labels, alignment rows and messages are copied by hand from ontology/atelier.ttl,
ontology/alignment.sssom.tsv and ontology/shapes.ttl.
"""

from __future__ import annotations

import hashlib
import html
import logging
import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ONTOLOGY, ROOT, free_port, running
from httpserver import ask
from rdflib import Graph
from rdflib.compare import isomorphic

from atelier_kg.serve import OntologyDocs, ontologydoc, read_ontology_docs
from atelier_kg.serve.ontologydoc import rdf_variant
from atelier_kg.serve.pylodepage import background, import_pylode

AKG = "https://w3id.org/atelier-kg/def#"


@pytest.fixture(scope="module")
def docs() -> OntologyDocs:
    return read_ontology_docs(ONTOLOGY)


@pytest.fixture(scope="module")
def page(docs) -> str:
    return html.unescape(docs.ontology_html.decode("utf-8"))


@pytest.fixture(scope="module")
def shapes(docs) -> str:
    return html.unescape(docs.shapes_html.decode("utf-8"))


def entry(page: str, fragment: str) -> str:
    """The HTML of one entry of a page: from its id to the next entry."""
    start = page.index(f'id="{fragment}"')
    following = re.search(r'<(div class="property entity"|section) id=', page[start + 1 :])
    return page[start : start + 1 + following.start()] if following else page[start:]


def text(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))


@pytest.mark.parametrize(
    ("fragment", "labels"),
    [
        ("Session", "séance (fr) · session (en)"),  # a class
        ("ProcurementLever", "levier de la commande publique (fr) · procurement lever (en)"),
        ("governs", "gouverne (fr) · governs (en)"),  # an object property
        ("selfEmployed", "indépendant (fr) · self-employed (en)"),  # a datatype property
        ("SirenNumber", "numéro SIREN (fr) · SIREN number (en)"),  # a datatype (OntPub skips them)
    ],
)
def test_each_term_has_its_entry_at_its_local_name_with_french_and_english_labels(page, fragment, labels):
    """`def#Session` lands on the Session entry, which names the term in both languages."""
    found = entry(page, fragment)
    assert f"<code>{AKG}{fragment}</code>" in found
    assert labels in text(found)


def test_the_entries_give_comments_superclasses_domains_and_ranges(page):
    session = text(entry(page, "Session"))
    assert "A session of the atelier, past or announced" in session
    assert "Séance de l'atelier, passée ou annoncée" in session
    assert "schema:Event" in session  # rdfs:subClassOf
    governs = entry(page, "governs")
    assert 'href="https://schema.org/areaServed"' in governs  # rdfs:subPropertyOf
    assert "https://schema.org/AdministrativeArea" in governs  # rdfs:range


def test_only_our_own_terms_are_listed_as_entries(page):
    """The bare declarations of external terms (org:Organization a owl:Class) are not entries."""
    entries = re.findall(
        r'<div class="property entity" id="([^"]+)">\s*<h3>.*?<code>([^<]+)</code>', page, re.S
    )
    assert len(entries) > 60
    assert all(iri == AKG + fragment for fragment, iri in entries)
    assert "<code>http://www.w3.org/ns/org#Organization</code>" not in page


def test_the_header_shows_what_the_ontology_says_of_itself(page):
    header = text(page[: page.index('id="classes"')])
    for expected in (
        "atelier-kg ontology · Ontologie atelier-kg",
        "https://w3id.org/atelier-kg/def/0.1.0",  # owl:versionIRI
        "https://creativecommons.org/licenses/by/4.0/",
        "atelier-kg contributors",
        "Preferred Namespace Prefix akg",
    ):
        assert expected in header


def test_the_alignment_to_epo_and_schema_org_is_shown_on_the_term_and_in_its_section(page):
    """alignment.sssom.tsv: akg:GroupPurchase skos:broadMatch epo:OrganisationGroup (0.8)."""
    group_purchase = entry(page, "GroupPurchase")
    assert 'href="http://data.europa.eu/a4g/ontology#OrganisationGroup"' in group_purchase
    assert "skos:broadMatch epo:OrganisationGroup (confidence 0.8)" in text(group_purchase)
    section_html = page[page.index('id="alignment"') : page.index('id="namespaces"')]
    section = text(section_html)
    assert "akg:Case skos:relatedMatch epo:Procedure (Procedure) 0.7" in section
    assert "akg:Job skos:narrowMatch schema:EmployeeRole (EmployeeRole) 0.7" in section
    assert section_html.count("<tr>") == 1 + 17  # a heading and the 17 rows of the mapping set
    assert 'href="#alignment"' in page and 'href="#datatypes"' in page  # in the table of contents


def test_the_turtle_is_the_ontology_file_itself(docs):
    assert docs.ontology_ttl == (ONTOLOGY / "atelier.ttl").read_bytes()
    assert docs.shapes_ttl == (ONTOLOGY / "shapes.ttl").read_bytes()
    served = Graph().parse(data=docs.ontology_ttl, format="turtle")
    assert isomorphic(served, Graph().parse(ONTOLOGY / "atelier.ttl", format="turtle"))


@pytest.mark.parametrize("extension", ["nt", "jsonld"])
@pytest.mark.parametrize("name", ["ontology", "shapes"])
def test_the_other_rdf_formats_hold_the_same_graph_every_time(docs, name, extension):
    turtle = docs.ontology_ttl if name == "ontology" else docs.shapes_ttl
    body = rdf_variant(turtle, extension)
    assert body == rdf_variant(turtle, extension)  # blank nodes of the shapes get stable labels
    fmt = "nt" if extension == "nt" else "json-ld"
    assert isomorphic(Graph().parse(data=body, format=fmt), Graph().parse(data=turtle, format="turtle"))


def test_the_shapes_page_lists_each_rule_with_target_constraints_severity_and_messages(shapes):
    person_name = text(entry(shapes, "person-name"))
    assert "sh:targetClass foaf:Person (through akgsh:PersonShape" in person_name
    assert "foaf:name" in person_name and "sh:minCount 1" in person_name and "sh:maxCount 1" in person_name
    assert "severity Violation" in person_name
    assert "Une personne a exactement un nom d'affichage (foaf:name), chaîne de caractères." in person_name
    assert "A person has exactly one display name (foaf:name), a string." in person_name
    assert "severity Warning" in text(entry(shapes, "job-title-missing"))
    assert "[ sh:inversePath org:member ]" in text(entry(shapes, "person-without-membership"))
    collision = entry(shapes, "organisation-name-collision")
    assert "<pre>SELECT DISTINCT $this ?value" in collision  # the SPARQL rule, shown as written
    assert "sh:targetClass org:Organization" in text(collision)


def test_two_generations_are_byte_identical_whatever_the_hash_seed(docs):
    assert read_ontology_docs(ONTOLOGY) == docs
    script = (
        "import hashlib, sys\nfrom pathlib import Path\nfrom atelier_kg.serve import read_ontology_docs\n"
        "d = read_ontology_docs(Path(sys.argv[1]))\n"
        "print(hashlib.sha256(d.ontology_html + d.shapes_html).hexdigest())\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    run = subprocess.run(
        [sys.executable, "-c", script, str(ONTOLOGY)], env=env, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == hashlib.sha256(docs.ontology_html + docs.shapes_html).hexdigest()


def test_generation_opens_no_socket_and_writes_nothing_into_pylode(monkeypatch):
    """pyLODE imports httpx; nothing may be fetched, and its pickle caches are not written."""

    def refuse(*args, **kwargs):
        raise AssertionError("the documentation generator tried to open a connection")

    rdf_folder = Path(import_pylode().__file__).parent / "rdf"
    before = sorted(rdf_folder.iterdir())
    background.cache_clear()  # the background vocabularies are read again, under the guard
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    generated = read_ontology_docs(ONTOLOGY)
    assert generated.ontology_html and generated.shapes_html
    assert sorted(rdf_folder.iterdir()) == before


def test_importing_pylode_leaves_the_logging_as_it_was():
    """pyLODE's import sets the root logger to DEBUG with a handler; the import here undoes it."""
    script = (
        "import logging\nfrom atelier_kg.serve.pylodepage import import_pylode\nimport_pylode()\n"
        "print(logging.getLogger().level, len(logging.getLogger().handlers))\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == [str(logging.WARNING), "0"]


def test_the_server_makes_the_documents_once(monkeypatch, docs):
    calls = []

    def made_once(folder):
        calls.append(folder)
        return docs

    monkeypatch.setattr(ontologydoc, "read_ontology_docs", made_once)
    cache = ontologydoc.OntologyDocsCache(ONTOLOGY)
    assert cache.document("ontology", "html") == docs.ontology_html
    assert cache.document("shapes", "ttl") == docs.shapes_ttl
    assert cache.document("ontology", "nt") == cache.document("ontology", "nt")
    assert calls == [ONTOLOGY]


# --- the routes, on a real server ---------------------------------------------------------------


@pytest.fixture(scope="module")
def base(seed_build) -> Iterator[str]:
    """`atelier-kg serve` on a free port; ready once its VoID answers (no query needed)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "atelier_kg.cli", "serve", "--graph", str(seed_build / "atelier.nt")]
    with running([*command, "--port", str(port)], url + "/.well-known/void", "atelier-kg serve", cwd=ROOT):
        yield url


@pytest.mark.parametrize("path", ["/def", "/def/shapes"])
@pytest.mark.parametrize(
    ("accept", "media", "extension"),
    [
        (None, "text/html", "html"),
        ("*/*", "text/html", "html"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html", "html"),
        ("text/turtle", "text/turtle", "ttl"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/ld+json;q=1, text/html;q=0.5", "application/ld+json", "jsonld"),
    ],
)
def test_the_documents_are_negotiated(base, path, accept, media, extension):
    status, headers, body = ask(base + path, headers={"Accept": accept} if accept else {})
    assert status == 200 and headers["Content-Type"].startswith(media)
    assert headers["Content-Location"] == f"{path}.{extension}"
    assert headers["Vary"] == "Accept"
    explicit = ask(base + f"{path}.{extension}")
    assert explicit[0] == 200 and explicit[2] == body and "Vary" not in explicit[1]


def test_the_served_turtle_is_the_ontology_and_the_page_its_documentation(base):
    status, headers, body = ask(base + "/def", headers={"Accept": "text/turtle"})
    assert body == (ONTOLOGY / "atelier.ttl").read_bytes()
    status, headers, body = ask(base + "/def.html")
    assert headers["Content-Type"].startswith("text/html")
    assert 'id="Session"' in body.decode() and "epo:OrganisationGroup" in body.decode()
    status, headers, body = ask(base + "/def/shapes.ttl")
    assert isomorphic(Graph().parse(data=body, format="turtle"), Graph().parse(ONTOLOGY / "shapes.ttl"))


@pytest.mark.parametrize("path", ["/def.xml", "/def/shapes/x", "/def/other"])
def test_other_paths_under_def_are_not_found(base, path):
    assert ask(base + path)[0] == 404
