"""The build's outputs: determinism, round trips through real readers, VoID counts, atomicity."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import DATA, ONTOLOGY, run_cli
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, VOID

from atelier_kg.build.pipeline import OUTPUTS, build
from atelier_kg.serialise import jsonld, sorted_triples


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build")
    result = build_seed(out)
    assert result.code == 0, result.err
    return out


def build_seed(out: Path, *flags: str, env: dict[str, str] | None = None):
    """Run ``atelier-kg build`` on the project's data into ``out``."""
    return run_cli(
        "build", *flags, "--data", str(DATA), "--ontology", str(ONTOLOGY), "--out", str(out), env=env
    )


def _digests(folder: Path) -> dict[str, str]:
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in sorted(folder.iterdir())}


def test_build_writes_every_output(built):
    assert sorted(p.name for p in built.iterdir()) == sorted(OUTPUTS)


def test_two_builds_under_different_hash_seeds_are_byte_identical(built, tmp_path):
    other = tmp_path / "other"
    result = build_seed(other, env={"PYTHONHASHSEED": "12345"})
    assert result.code == 0, result.err
    again = tmp_path / "again"
    assert build_seed(again, env={"PYTHONHASHSEED": "7"}).code == 0
    assert _digests(other) == _digests(built) == _digests(again)


def test_ntriples_are_sorted_and_the_three_formats_hold_the_same_graph(built):
    nt_lines = (built / "atelier.nt").read_bytes().splitlines()
    assert nt_lines == sorted(nt_lines)
    nt = Graph().parse(built / "atelier.nt", format="nt")
    ttl = Graph().parse(built / "atelier.ttl", format="turtle")
    jsonld = Graph().parse(built / "atelier.jsonld", format="json-ld")
    assert len(nt) == len(nt_lines)
    assert isomorphic(nt, ttl)
    assert isomorphic(nt, jsonld)
    # and a reader we did not write agrees too
    ox_triples = set(map(str, ox.parse(path=str(built / "atelier.ttl"), format=ox.RdfFormat.TURTLE)))
    assert len(ox_triples) == len(nt)


def test_jsonld_has_a_context(built):
    doc = json.loads((built / "atelier.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"]["org"] == "http://www.w3.org/ns/org#"
    assert doc["@context"]["foaf"] == "http://xmlns.com/foaf/0.1/"
    assert any(
        node.get("@id", "").startswith("person:") or "person/" in node.get("@id", "")
        for node in doc["@graph"]
    )


def test_turtle_is_readable(built):
    text = (built / "atelier.ttl").read_text(encoding="utf-8")
    assert "@prefix org: <http://www.w3.org/ns/org#> ." in text
    assert "organisation:ciridd" in text


def test_void_counts_match_the_graph(built):
    graph = Graph().parse(built / "atelier.nt", format="nt")
    void = Graph().parse(built / "void.ttl", format="turtle")
    dataset = URIRef("https://w3id.org/atelier-kg/id/dataset")
    assert (dataset, RDF.type, VOID.Dataset) in void
    assert int(void.value(dataset, VOID.triples)) == len(graph)
    persons = void.value(predicate=VOID["class"], object=URIRef("http://xmlns.com/foaf/0.1/Person"))
    assert (
        int(void.value(persons, VOID.entities)) == 37
    )  # 35 table rows + Margaux Lallemant + Priscilla Rabier
    page = URIRef("https://w3id.org/atelier-kg/id/source/page")
    assert (dataset, URIRef("http://purl.org/dc/terms/source"), page) in void
    assert void.value(dataset, URIRef("http://purl.org/dc/terms/license")) is not None
    for part in void.objects(dataset, VOID.propertyPartition):
        prop = void.value(part, VOID.property)
        assert int(void.value(part, VOID.triples)) == len(list(graph.triples((None, prop, None))))


def test_void_describes_the_linksets_to_open_data(built):
    void = Graph().parse(built / "void.ttl", format="turtle")
    dataset = URIRef("https://w3id.org/atelier-kg/id/dataset")
    counts = {}
    for linkset in void.objects(dataset, VOID.subset):
        assert (linkset, RDF.type, VOID.Linkset) in void
        assert void.value(linkset, VOID.subjectsTarget) == dataset
        target = void.value(void.value(linkset, VOID.objectsTarget), VOID.uriSpace)
        predicate = str(void.value(linkset, VOID.linkPredicate)).rpartition("#")[2]
        counts[(str(target), predicate)] = int(void.value(linkset, VOID.triples))
    wd, cpv, epo = (
        "http://www.wikidata.org/entity/",
        "http://data.europa.eu/cpv/cpv/",
        "http://data.europa.eu/a4g/ontology#",
    )
    # data/mappings/wikidata.sssom.tsv: 10 rows (9 places, ADEME), sameAs for the 9 places only;
    # cpv.sssom.tsv: 2 closeMatch, 2 broadMatch, 2 relatedMatch; ontology/alignment.sssom.tsv:
    # to ePO 1 broadMatch and 3 relatedMatch, to schema.org 5 subClassOf among others.
    assert counts[(wd, "exactMatch")] == 10 and counts[(wd, "sameAs")] == 9
    assert (counts[(cpv, "closeMatch")], counts[(cpv, "broadMatch")], counts[(cpv, "relatedMatch")]) == (
        2,
        2,
        2,
    )
    assert (counts[(epo, "broadMatch")], counts[(epo, "relatedMatch")]) == (1, 3)
    assert counts[("https://schema.org/", "subClassOf")] == 5


def test_a_violation_keeps_the_previous_graph_outputs(tmp_path, data_copy):
    out = tmp_path / "out"
    build(data_copy, ONTOLOGY, out)
    before = _digests(out)
    # a second organisation under a name EMSE already has: the name-collision rule fires
    with (data_copy / "organisations.csv").open("a", encoding="utf-8") as f:
        f.write("mines-saint-etienne,organisation,Ecole des Mines de Saint Etienne,,,,,page\n")
    result = run_cli("build", "--data", str(data_copy), "--ontology", str(ONTOLOGY), "--out", str(out))
    assert result.code == 1
    assert "Traceback" not in result.err
    after = _digests(out)
    for name in ("atelier.ttl", "atelier.nt", "atelier.jsonld", "void.ttl"):
        assert after[name] == before[name]
    report = (out / "validation-report.txt").read_text(encoding="utf-8")
    assert "organisation-name-collision" in report
    assert "organisations.csv line 35" in report


def test_progress_is_quiet_in_a_pipe(tmp_path):
    result = build_seed(tmp_path / "o")
    assert result.err == ""
    verbose = build_seed(tmp_path / "o", "-v")
    assert "validating" in verbose.err
    quiet = build_seed(tmp_path / "o", "-q")
    assert quiet.out == "" and quiet.err == ""


def test_build_reads_the_current_directory_by_default(tmp_path):
    import shutil

    shutil.copytree(DATA, tmp_path / "data")
    shutil.copytree(ONTOLOGY, tmp_path / "ontology")
    result = run_cli("build", cwd=tmp_path)
    assert result.code == 0, result.err
    assert (tmp_path / "build" / "atelier.nt").exists()


def test_jsonld_compaction_never_touches_literals():
    # Literals that look like JSON-LD structure or IRIs must come back unchanged.
    tricky = [
        '"@id":"http://www.w3.org/ns/org#member"',
        '},{"@id":"https://w3id.org/atelier-kg/id/org/x"}',
        ',"http://xmlns.com/foaf/0.1/name":',
        'back\\slash \\" and "quotes"',
        "https://w3id.org/atelier-kg/id/person/39b331d1",
    ]
    s = ox.NamedNode("https://w3id.org/atelier-kg/id/person/39b331d1")
    triples = [ox.Triple(s, ox.NamedNode("http://xmlns.com/foaf/0.1/name"), ox.Literal(t)) for t in tricky]
    triples.append(
        ox.Triple(
            s,
            ox.NamedNode("http://www.w3.org/ns/org#memberOf"),
            ox.NamedNode("https://w3id.org/atelier-kg/id/org/ciridd"),
        )
    )
    triples.append(
        ox.Triple(
            s,
            ox.NamedNode("https://schema.org/startDate"),
            ox.Literal(
                "2021-11-30T10:00:00+01:00",
                datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#dateTime"),
            ),
        )
    )
    data = jsonld(sorted_triples(triples))
    back = {(q.subject, q.predicate, q.object) for q in ox.parse(data, format=ox.RdfFormat.JSON_LD)}
    assert back == {(t.subject, t.predicate, t.object) for t in triples}
    assert Graph().parse(data=data, format="json-ld").__len__() == len(triples)
    assert b'"foaf:name"' in data and b'"organisation:ciridd"' in data
