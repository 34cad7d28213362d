"""Curated mapping sets: valid SSSOM, checked at build with file and line, built with provenance."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import DATA, ONTOLOGY, run_cli
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, SKOS

from atelier_kg.errors import SourceError
from atelier_kg.namespaces import ADMS, AKG, ID
from atelier_kg.sources.load import load_sources
from atelier_kg.sources.sssom import (
    BASE_COLUMNS,
    curated_paths,
    format_mapping_set,
    read_mapping_set,
    row_cells,
)

ROOT = DATA.parent
SETS = [*curated_paths(DATA), ONTOLOGY / "alignment.sssom.tsv"]

HEADER = """# curie_map:
#   akgmap: https://w3id.org/atelier-kg/id/mapping/
#   organisation: https://w3id.org/atelier-kg/id/org/
#   place: https://w3id.org/atelier-kg/id/place/
#   domain: https://w3id.org/atelier-kg/id/domain/
#   wikidata: http://www.wikidata.org/entity/
#   SIREN: https://annuaire-entreprises.data.gouv.fr/entreprise/
#   INSEE.COM: https://geo.api.gouv.fr/communes/
#   CPV: http://data.europa.eu/cpv/cpv/
#   semapv: https://w3id.org/semapv/vocab/
#   skos: http://www.w3.org/2004/02/skos/core#
# mapping_set_id: https://w3id.org/atelier-kg/mappings/test.sssom.tsv
# license: https://opensource.org/licenses/MIT
"""
# Line 14 is the column header, so the first row is line 15.
FIRST_ROW = HEADER.count("\n") + 2
GOOD = {
    "record_id": "akgmap:test-ciridd",
    "subject_id": "organisation:ciridd",
    "predicate_id": "skos:exactMatch",
    "object_id": "SIREN:417669587",
    "mapping_justification": "semapv:ManualMappingCuration",
    "author_label": "a test",
    "mapping_date": "2026-11-29",
    "confidence": "0.95",
    "comment": "a source that states it",
}


def write_set(data: Path, rows: list[dict[str, str]], name: str = "test.sssom.tsv") -> Path:
    """Write a mapping set of the given rows into a data folder's mappings/ (header as above)."""
    folder = data / "mappings"
    for old in folder.glob("*.sssom.tsv"):  # the test's set only
        old.unlink()
    folder.mkdir(exist_ok=True)
    path = folder / name
    lines = ["\t".join(BASE_COLUMNS)] + ["\t".join(row.get(c, "") for c in BASE_COLUMNS) for row in rows]
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return path


# ---- The curated files -------------------------------------------------------------------------


def test_there_are_curated_sets_and_an_alignment() -> None:
    names = {p.name for p in SETS}
    assert {"wikidata.sssom.tsv", "siren.sssom.tsv", "insee.sssom.tsv", "cpv.sssom.tsv"} <= names
    assert "alignment.sssom.tsv" in names


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_curated_set_is_valid_for_sssom_py(path: Path) -> None:
    """sssom-py (the reference implementation) parses the file and finds no error."""
    from sssom.parsers import parse_sssom_table
    from sssom.validators import validate

    msdf = parse_sssom_table(path)
    assert len(msdf.df) == len(read_mapping_set(path).rows)
    validate(msdf, fail_on_error=True)  # JSON schema, prefix map completeness, CURIE format


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_curated_set_round_trips_byte_for_byte(path: Path) -> None:
    """Our writer reproduces the file: `link accept` rewrites a set without disturbing it."""
    mapping_set = read_mapping_set(path)
    text = format_mapping_set(mapping_set.metadata, [row_cells(r) for r in mapping_set.rows])
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_every_curated_row_cites_a_source(path: Path) -> None:
    for row in read_mapping_set(path).rows:
        assert row.get("comment"), f"{path.name} line {row.line} has no source"
        assert row.get("mapping_justification") == "semapv:ManualMappingCuration" or row.get("reviewer_label")


# ---- Bad rows are reported where they are -------------------------------------------------------

BAD_ROWS = {
    # name: (changes to GOOD, column name, words of the message)
    "siren-luhn": ({"object_id": "SIREN:417669588"}, "object_id", "Luhn"),
    "siren-short": ({"object_id": "SIREN:41766958"}, "object_id", "SIREN"),
    "insee-corsica-20": (
        {"subject_id": "place:auvergne-rhone-alpes", "object_id": "INSEE.COM:20004"},
        "object_id",
        "20",
    ),
    "wikidata-property": ({"object_id": "wikidata:P1616"}, "object_id", "Q"),
    "same-as": ({"predicate_id": "owl:sameAs"}, "predicate_id", "owl:sameAs"),
    "unknown-subject": ({"subject_id": "organisation:nobody"}, "subject_id", "not a resource of the graph"),
    "siren-on-a-place": ({"subject_id": "place:hauts-de-france"}, "subject_id", "organisation"),
    "no-source": ({"comment": ""}, "comment", "cites no source"),
    "bad-justification": ({"mapping_justification": "semapv:Guess"}, "mapping_justification", "SEMAPV"),
    "bad-date": ({"mapping_date": "29/11/2026"}, "mapping_date", "YYYY-MM-DD"),
    "confidence-above-one": ({"confidence": "95"}, "confidence", "0 to 1"),
    "cpv-without-notation": (
        {
            "subject_id": "domain:eclairage-public",
            "object_id": "CPV:34928500",
            "predicate_id": "skos:closeMatch",
        },
        "other",
        "notation=",
    ),
    "cpv-wrong-check-digit": (
        {
            "subject_id": "domain:eclairage-public",
            "object_id": "CPV:50232000",
            "predicate_id": "skos:relatedMatch",
            "other": "notation=50232000-1",
        },
        "other",
        "the CPV 2008 list gives 50232000-0",
    ),
    "cpv-label-not-the-lists": (
        {
            "subject_id": "domain:eclairage-public",
            "object_id": "CPV:50232000",
            "predicate_id": "skos:relatedMatch",
            "object_label": "Éclairage public",
            "other": "notation=50232000-0",
        },
        "object_label",
        "Entretien d'installations d'éclairage public",
    ),
    "undeclared-prefix": ({"object_id": "SIRET:41766958700038"}, "object_id", "not declared"),
}


@pytest.mark.parametrize("name", sorted(BAD_ROWS))
def test_bad_row_is_reported_with_file_line_and_column(name: str, data_copy: Path, tmp_path: Path) -> None:
    changes, column, words = BAD_ROWS[name]
    write_set(data_copy, [{**GOOD, "record_id": "akgmap:test-ok"}, {**GOOD, **changes}])
    column_number = BASE_COLUMNS.index(column) + 1
    out = tmp_path / "out"
    run = run_cli("build", "--data", str(data_copy), "--out", str(out))
    assert run.code == 2, run.err
    assert f"test.sssom.tsv:{FIRST_ROW + 1}:{column_number}" in run.err, run.err
    assert words in run.err
    assert "Traceback" not in run.err
    assert not out.exists(), "nothing is written when a source is bad"


def test_wrong_number_of_cells_and_bad_yaml(data_copy: Path) -> None:
    path = write_set(data_copy, [GOOD])
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + "\textra\n", encoding="utf-8")
    with pytest.raises(SourceError) as info:
        load_sources(data_copy)
    assert info.value.location.line == FIRST_ROW and "16 cells" in str(info.value)
    path.write_text(text.replace("# license: https", "# license: [https", 1), encoding="utf-8")
    with pytest.raises(SourceError) as info:
        load_sources(data_copy)
    assert "YAML" in str(info.value) and info.value.location.line is not None


def test_a_record_id_used_twice_names_the_first(data_copy: Path) -> None:
    write_set(data_copy, [GOOD, {**GOOD, "object_id": "SIREN:552081317"}])
    with pytest.raises(SourceError) as info:
        load_sources(data_copy)
    assert info.value.location.line == FIRST_ROW + 1
    assert f"line {FIRST_ROW}" in str(info.value)


def test_a_checked_mapping_carries_its_subject_id_parsed() -> None:
    # Later stages (the link report) use the subject's id the check split from its CURIE.
    mappings = load_sources(DATA).mappings.mappings
    assert mappings
    for m in mappings:
        kind, _, local = m.row.get("subject_id").partition(":")
        assert (m.subject_kind, m.subject_local) == (kind, local)
        assert m.subject.endswith(f"/{local}")


def test_two_organisations_with_one_siren_are_reported_not_fatal(data_copy: Path, tmp_path: Path) -> None:
    write_set(
        data_copy,
        [GOOD, {**GOOD, "record_id": "akgmap:test-atemis", "subject_id": "organisation:atemis"}],
    )
    run = run_cli("build", "--data", str(data_copy), "--out", str(tmp_path / "out"))
    assert run.code == 0, run.err
    assert "SIREN:417669587 is mapped to 2 subjects" in run.err
    assert "organisation:atemis" in run.err and "organisation:ciridd" in run.err
    assert f"line {FIRST_ROW + 1}" in run.err


# ---- What the build makes of a row --------------------------------------------------------------


def test_a_row_becomes_identifier_link_and_record(data_copy: Path) -> None:
    from atelier_kg.build.pipeline import make_graph

    write_set(
        data_copy,
        [
            GOOD,
            {
                **GOOD,
                "record_id": "akgmap:test-place",
                "subject_id": "place:hauts-de-france",
                "object_id": "wikidata:Q18677767",
            },
            {
                **GOOD,
                "record_id": "akgmap:test-org",
                "object_id": "wikidata:Q18677767",
                "other": "evidence=single-secondary-source",
            },
        ],
    )
    g = make_graph(data_copy, ONTOLOGY)
    ciridd, place = ID["org/ciridd"], ID["place/hauts-de-france"]
    siren = ID["identifier/siren/417669587"]
    record = URIRef("https://w3id.org/atelier-kg/id/mapping/test-ciridd")
    assert (ciridd, ADMS.identifier, siren) in g
    assert (siren, RDF.type, ADMS.Identifier) in g
    assert (siren, SKOS.notation, Literal("417669587", datatype=AKG.SirenNumber)) in g
    assert (siren, PROV.wasDerivedFrom, record) in g
    assert (record, PROV.wasDerivedFrom, URIRef(f"{ID}source/mappings/test.sssom.tsv#row={FIRST_ROW}")) in g
    assert (record, OWL.annotatedSource, ciridd) in g
    # a SIREN is a notation, not a link
    assert not [o for o in g.objects(ciridd, None) if "annuaire-entreprises" in str(o)]
    wd = URIRef("http://www.wikidata.org/entity/Q18677767")
    # a place and its Wikidata territory: exactMatch and sameAs
    assert (place, SKOS.exactMatch, wd) in g and (place, OWL.sameAs, wd) in g
    # an organisation: exactMatch only (and single secondary source: flagged)
    assert (ciridd, SKOS.exactMatch, wd) in g and (ciridd, OWL.sameAs, wd) not in g
    flagged = URIRef("https://w3id.org/atelier-kg/id/mapping/test-org")
    assert (flagged, AKG.singleSecondarySource, Literal(True)) in g


# ---- The reference table: every identifier of the graph's resources is built -------------------


def reference_rows() -> list[dict[str, str]]:
    with (DATA / "sources" / "identifiers.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


# The identifiers of ../shared/reference/identifiers.tsv (copied verbatim to data/sources/) that
# name an organisation or a place of the graph, read off the table by hand: the SIREN of a body
# goes on the organisation; the INSEE code and the Wikidata item of a région, département,
# commune or EPCI on the territory (the reference's README: the Wikidata items are the
# territories). Rows naming nothing of the graph (Île-de-France, Avignon, Annecy; the SIRENs of
# the councils of AURA, Hauts-de-France, PACA and of the communes of Strasbourg, Lyon,
# Saint-Étienne, whose councils are not organisations of the page) are left out.
REFERENCE_IDENTIFIERS = {
    ("org/ciridd", "SirenNumber", "417669587"),
    ("org/departement-nord", "SirenNumber", "225900018"),
    ("place/nord", "WikidataId", "Q12661"),
    ("place/nord", "InseeDepartementCode", "59"),
    ("org/locam", "SirenNumber", "310880315"),
    ("org/region-grand-est", "SirenNumber", "200052264"),
    ("place/grand-est", "WikidataId", "Q18677983"),
    ("place/grand-est", "InseeRegionCode", "44"),
    ("org/sicoval", "SirenNumber", "243100633"),
    ("place/territoire-sicoval", "InseeEpciCode", "243100633"),
    ("org/region-occitanie", "SirenNumber", "200053791"),
    ("place/occitanie", "WikidataId", "Q18678265"),
    ("place/occitanie", "InseeRegionCode", "76"),
    ("org/eurometropole-strasbourg", "SirenNumber", "246700488"),
    ("place/territoire-eurometropole-strasbourg", "InseeEpciCode", "246700488"),
    ("org/la-cove", "SirenNumber", "248400053"),
    ("place/territoire-la-cove", "InseeEpciCode", "248400053"),
    ("org/ville-grenoble", "SirenNumber", "213801855"),
    ("place/grenoble", "WikidataId", "Q1289"),
    ("place/grenoble", "InseeCommuneCode", "38185"),
    ("org/ademe", "WikidataId", "Q2826025"),
    ("org/ademe", "SirenNumber", "385290309"),
    ("org/metropole-grand-paris", "SirenNumber", "200054781"),
    ("place/territoire-metropole-grand-paris", "InseeEpciCode", "200054781"),
    ("org/edf", "SirenNumber", "552081317"),
    ("org/grand-avignon", "SirenNumber", "248400251"),
    ("place/territoire-grand-avignon", "InseeEpciCode", "248400251"),
    ("place/auvergne-rhone-alpes", "WikidataId", "Q18338206"),
    ("place/auvergne-rhone-alpes", "InseeRegionCode", "84"),
    ("place/hauts-de-france", "WikidataId", "Q18677767"),
    ("place/hauts-de-france", "InseeRegionCode", "32"),
    ("place/provence-alpes-cote-d-azur", "WikidataId", "Q15104"),
    ("place/provence-alpes-cote-d-azur", "InseeRegionCode", "93"),
    ("place/strasbourg", "WikidataId", "Q6602"),
    ("place/strasbourg", "InseeCommuneCode", "67482"),
    ("place/lyon", "WikidataId", "Q456"),
    ("place/lyon", "InseeCommuneCode", "69123"),
    ("place/saint-etienne", "InseeCommuneCode", "42218"),
}

IDENTIFIERS_WITH_SOURCES = """
PREFIX adms: <http://www.w3.org/ns/adms#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?resource ?notation ?record ?row ?source WHERE {
  ?resource adms:identifier ?identifier .
  ?identifier skos:notation ?notation .
  OPTIONAL { ?identifier prov:wasDerivedFrom ?record .
             OPTIONAL { ?record prov:wasDerivedFrom ?row } OPTIONAL { ?record rdfs:comment ?source } }
}
"""


def test_reference_values_are_in_the_reference_table() -> None:
    """The hand table above copies values that the reference table holds (no typo in the test)."""
    cells = {cell for row in reference_rows() for cell in row.values()}
    assert {value for _, _, value in REFERENCE_IDENTIFIERS} <= cells


def test_build_has_every_reference_identifier_with_its_provenance(seed_graph) -> None:
    found = {}
    for row in seed_graph.query(IDENTIFIERS_WITH_SOURCES):
        key = (
            str(row.resource).removeprefix(str(ID)),
            str(row.notation.datatype).removeprefix(str(AKG)),
            str(row.notation),
        )
        found[key] = row
    missing = REFERENCE_IDENTIFIERS - set(found)
    assert not missing, f"not built: {sorted(missing)}"
    # No identifier without a source: each has its mapping record, file line and source in words.
    for key, row in found.items():
        assert row.record is not None and row.source is not None, key
        assert "/source/mappings/" in str(row.row), key
    # Nothing but the reference's identifiers and the curated CPV codes.
    others = {key for key in found if key not in REFERENCE_IDENTIFIERS}
    assert {datatype for _, datatype, _ in others} <= {"CpvCode"}, sorted(others)


def test_a_negative_mapping_in_a_curated_set_is_refused(data_copy: Path) -> None:
    # A rejected link (SSSOM predicate_modifier Not) belongs in review/rejected.sssom.tsv: built,
    # it would read as the link itself.
    path = write_set(data_copy, [GOOD])
    text = path.read_text(encoding="utf-8")
    header = "\t".join(BASE_COLUMNS)
    with_modifier = header.replace("predicate_id\t", "predicate_id\tpredicate_modifier\t")
    row = "\t".join(GOOD.get(c, "") for c in BASE_COLUMNS).replace(
        "skos:exactMatch\t", "skos:exactMatch\tNot\t"
    )
    path.write_text(text.split(header)[0] + with_modifier + "\n" + row + "\n", encoding="utf-8")
    with pytest.raises(SourceError) as info:
        load_sources(data_copy)
    assert (info.value.location.line, info.value.location.column) == (FIRST_ROW, 5)
    assert "rejected.sssom.tsv" in info.value.fix
