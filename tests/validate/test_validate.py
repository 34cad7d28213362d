"""Validation: breaking a rule in a copy of the data is caught with that rule's message, and the
fast path (each SPARQL rule run once on pyoxigraph) reports exactly what pyshacl alone reports."""

from __future__ import annotations

from pathlib import Path

import pytest
import shacl_reference
from conftest import ONTOLOGY, replace_in, run_cli
from rdflib import Graph
from rdflib.namespace import SH

from atelier_kg.build import make_graph
from atelier_kg.cli.main import main
from atelier_kg.sources.graphfile import read_graph
from atelier_kg.validate import load_shapes
from atelier_kg.validate.shacl import report_from_results, validate_graph

EXAMPLES = sorted((ONTOLOGY / "examples").glob("*.ttl"))


def _rule_of(example: Path) -> str:
    return example.name.split("-valid")[0].split("-invalid")[0]


@pytest.fixture(scope="session")
def shapes() -> Graph:
    return load_shapes(ONTOLOGY)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_fast_path_agrees_with_pyshacl_on_every_example(example, shapes):
    graph = read_graph(example)
    reference = report_from_results(shacl_reference.results(example), shapes)  # pyshacl, every shape
    assert validate_graph(graph, shapes, fast=True).results == reference.results


def test_fast_path_agrees_with_pyshacl_on_the_seed(seed_graph, shapes):
    fast = validate_graph(seed_graph, shapes, fast=True)
    assert fast.conforms
    with shacl_reference.parsed_once():
        assert fast.results == validate_graph(seed_graph, shapes, fast=False).results


def _severity(shapes: Graph, rule: str) -> str:
    from atelier_kg.namespaces import AKGSH

    return str(shapes.value(AKGSH[rule], SH.severity) or SH.Violation)


@pytest.mark.parametrize("example", [e for e in EXAMPLES if "-invalid-" in e.name], ids=lambda p: p.name)
def test_validate_command_reports_the_broken_rule(example, shapes, capsys):
    rule = _rule_of(example)
    code = main(["validate", str(example), "--ontology", str(ONTOLOGY)])
    out = capsys.readouterr().out
    assert f"[{rule}]" in out
    expected_code = 1 if _severity(shapes, rule) == str(SH.Violation) else 0
    assert code == expected_code, out


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write(text)


# Breaking a rule in a copy of the data: the rule id and the words of its English message.
BREAKS = {
    "session-end-after-start": (
        lambda d: replace_in(d / "sessions.csv", "2022-01-20T12:30:00+01:00", "2022-01-20T09:30:00+01:00"),
        "sessions.csv line 3",
    ),
    "person-without-membership": (
        lambda d: _append(d / "persons.csv", "abcdef01,Nouveau,Nom,,page\n"),
        "persons.csv line 39",
    ),
    "case-involves": (
        lambda d: replace_in(
            d / "cases.ttl", "akg:involves org:ville-grenoble", "akg:involves org:ville-de-grenoble"
        ),
        "id:source/page",
    ),
    "organisation-name-collision": (
        lambda d: _append(d / "organisations.csv", "edf-bis,formal,E.D.F.,entreprise,,,,page\n"),
        "organisations.csv line 35",
    ),
    "concept-pref-label": (
        lambda d: replace_in(d / "concepts.ttl", ', "Forms of evaluation"@en', ""),
        "id:source/page",
    ),
}


@pytest.mark.parametrize("rule", sorted(BREAKS))
def test_breaking_a_rule_in_the_data_fails_validation_with_its_message(rule, data_copy, shapes, tmp_path):
    breaker, source = BREAKS[rule]
    breaker(data_copy)
    out = tmp_path / "out"
    built = run_cli(
        "build", "--no-validate", "--data", str(data_copy), "--ontology", str(ONTOLOGY), "--out", str(out)
    )
    assert built.code == 0, built.err
    result = run_cli("validate", str(out / "atelier.nt"), "--ontology", str(ONTOLOGY))
    assert result.code == 1, result.out
    assert f"Violation [{rule}]" in result.out
    from atelier_kg.namespaces import AKGSH

    english = [str(m) for m in shapes.objects(AKGSH[rule], SH.message) if m.language == "en"]
    english += [
        str(m)
        for c in shapes.objects(AKGSH[rule], SH.sparql)
        for m in shapes.objects(c, SH.message)
        if m.language == "en"
    ]
    assert any(m.split("{")[0] in result.out for m in english)
    assert source in result.out
    # the fast path and pyshacl agree on the broken data too
    graph = make_graph(data_copy, ONTOLOGY)
    with shacl_reference.parsed_once():
        assert validate_graph(graph, shapes).results == validate_graph(graph, shapes, fast=False).results


def test_fast_path_agrees_with_pyshacl_on_the_data_with_every_rule_broken(data_copy, shapes):
    """Every break of BREAKS at once in one copy of the data (each in its own file)."""
    from atelier_kg.namespaces import AKGSH

    for breaker, _source in BREAKS.values():
        breaker(data_copy)
    graph = make_graph(data_copy, ONTOLOGY)
    fast = validate_graph(graph, shapes)
    assert {str(AKGSH[rule]) for rule in BREAKS} <= {r.rule for r in fast.results}
    with shacl_reference.parsed_once():
        assert fast.results == validate_graph(graph, shapes, fast=False).results


def test_untrusted_jsonld_never_fetches_its_remote_context(tmp_path):
    # A real HTTP server on 127.0.0.1 that records every request: validating a file whose
    # @context points at it must not reach it.
    import http.server
    import threading

    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the handler API
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'{"@context": {"name": "http://xmlns.com/foaf/0.1/name"}}')

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        doc = tmp_path / "remote.jsonld"
        port = server.server_address[1]
        doc.write_text(
            f'{{"@context": "http://127.0.0.1:{port}/ctx.jsonld", "@id": "http://ex.org/a", "name": "x"}}',
            encoding="utf-8",
        )
        result = run_cli("validate", str(doc), "--ontology", str(ONTOLOGY))
    finally:
        server.shutdown()
    assert result.code == 2
    assert "never fetched" in result.err and "Traceback" not in result.err
    assert requests == []
