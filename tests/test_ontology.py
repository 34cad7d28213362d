"""Checks of ontology/atelier.ttl: documentation of every term, agreement with docs/model.md,
and OWL 2 consistency under a real reasoner (HermiT, through owlready2)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, XSD

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY_FILE = ROOT / "ontology" / "atelier.ttl"
MODEL_FILE = ROOT / "docs" / "model.md"

AKG = Namespace("https://w3id.org/atelier-kg/def#")
ONTOLOGY_IRI = URIRef("https://w3id.org/atelier-kg/def")
VANN = Namespace("http://purl.org/vocab/vann/")

# docs/model.md lists akg:theme in its table but says it is not used.
NOT_DECLARED = {AKG.theme}
OWN_KINDS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDFS.Datatype}
ENTITY_KINDS = OWN_KINDS | {OWL.AnnotationProperty, OWL.NamedIndividual}
CURIE = re.compile(r"`([A-Za-z]+:[A-Za-z0-9_-]+)`")


# ---------------------------------------------------------------------------------------------
# Reading the ontology and the model
# ---------------------------------------------------------------------------------------------


def load_ontology() -> Graph:
    """Parse the ontology file."""
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


ONTO = load_ontology()
MODEL = MODEL_FILE.read_text(encoding="utf-8")


def model_prefixes(text: str) -> dict[str, str]:
    """The prefix block of docs/model.md (`akg:     https://…`), so CURIEs expand as it says."""
    block = re.search(r"Prefixes used below:\s*```\n(.*?)```", text, re.S)
    assert block, "docs/model.md has no prefix block"
    return dict(re.findall(r"^(\w+):\s+(\S+)$", block.group(1), re.M))


# model.md writes rdf:langString without listing rdf: in its prefix block.
PREFIXES = {"rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL)} | model_prefixes(MODEL)


def expand(curie: str) -> URIRef:
    """`akg:Job` → the full IRI, with the prefixes of docs/model.md."""
    prefix, local = curie.split(":", 1)
    return URIRef(PREFIXES[prefix] + local)


def model_table(heading: str) -> list[list[str]]:
    """The body rows (cells) of the first table under the `## <heading>…` section."""
    section = re.search(rf"^## {re.escape(heading)}.*?$(.*?)(?=^## |\Z)", MODEL, re.M | re.S)
    assert section, f"docs/model.md has no section '## {heading}'"
    rows = [line for line in section.group(1).splitlines() if line.startswith("|")]
    assert len(rows) > 2, f"no table in section '## {heading}'"
    return [[cell.strip() for cell in row.strip().strip("|").split("|")] for row in rows[2:]]


def own_terms(rows: list[list[str]]) -> list[tuple[URIRef, list[str]]]:
    """Each akg: term named in the first column, with its row (a cell may name several)."""
    return [
        (expand(curie), row) for row in rows for curie in CURIE.findall(row[0]) if curie.startswith("akg:")
    ]


CLASS_ROWS = own_terms(model_table("Classes"))
PROPERTY_ROWS = own_terms(model_table("Properties"))
DATATYPE_ROWS = own_terms(model_table("Datatypes"))
MODEL_TERMS = {term for term, _ in CLASS_ROWS + PROPERTY_ROWS + DATATYPE_ROWS}


def short(term: URIRef) -> str:
    """A readable test id: `akg:Job`."""
    return "akg:" + term.removeprefix(str(AKG))


def kinds(graph: Graph, term: URIRef) -> set[URIRef]:
    """The OWL entity kinds (owl:Class, owl:ObjectProperty…) the graph declares for a term."""
    return set(graph.objects(term, RDF.type)) & ENTITY_KINDS


# ---------------------------------------------------------------------------------------------
# Header
# ---------------------------------------------------------------------------------------------


def test_header() -> None:
    """The ontology has the header every artefact of the project carries (STYLE.md)."""
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ONTO
    for prop in (DCTERMS.title, DCTERMS.description):
        languages = sorted(lit.language for lit in ONTO.objects(ONTOLOGY_IRI, prop))
        assert languages == ["en", "fr"], f"{prop} needs one @fr and one @en value"
    assert set(ONTO.objects(ONTOLOGY_IRI, DCTERMS.license)) == {
        URIRef("https://creativecommons.org/licenses/by/4.0/")
    }
    assert set(ONTO.objects(ONTOLOGY_IRI, DCTERMS.creator)) == {Literal("atelier-kg contributors")}
    (version,) = ONTO.objects(ONTOLOGY_IRI, OWL.versionInfo)
    assert re.fullmatch(r"\d+\.\d+\.\d+", str(version)), "versionInfo is MAJOR.MINOR.PATCH"
    assert set(ONTO.objects(ONTOLOGY_IRI, OWL.versionIRI)) == {URIRef(f"{ONTOLOGY_IRI}/{version}")}
    assert set(ONTO.objects(ONTOLOGY_IRI, VANN.preferredNamespacePrefix)) == {Literal("akg")}
    assert set(ONTO.objects(ONTOLOGY_IRI, VANN.preferredNamespaceUri)) == {Literal(str(AKG))}
    assert PREFIXES["akg"] == str(AKG), "docs/model.md and the ontology disagree on akg:"


# ---------------------------------------------------------------------------------------------
# Every own term is documented
# ---------------------------------------------------------------------------------------------

DECLARED = sorted({s for s in ONTO.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(AKG)})


@pytest.mark.parametrize("term", DECLARED, ids=short)
def test_term_is_documented(term: URIRef) -> None:
    """One label and one comment in French and in English, and rdfs:isDefinedBy."""
    assert len(kinds(ONTO, term) & OWN_KINDS) == 1, "declare it as exactly one OWL kind"
    for prop in (RDFS.label, RDFS.comment):
        values = list(ONTO.objects(term, prop))
        languages = sorted(v.language for v in values if isinstance(v, Literal))
        assert languages == ["en", "fr"], f"{prop} needs one @fr and one @en value"
        assert all(str(v).strip() for v in values)
    assert set(ONTO.objects(term, RDFS.isDefinedBy)) == {ONTOLOGY_IRI}


def test_every_akg_iri_is_declared() -> None:
    """A misspelt akg: IRI anywhere in the file (as subject or object) fails here."""
    used = {
        node for triple in ONTO for node in triple if isinstance(node, URIRef) and node.startswith(str(AKG))
    }
    assert used - set(DECLARED) == set()


# ---------------------------------------------------------------------------------------------
# Agreement with docs/model.md
# ---------------------------------------------------------------------------------------------


def test_model_tables_were_read() -> None:
    """Guard against a reformatted model.md silently turning the checks below into no-ops."""
    assert len(CLASS_ROWS) >= 20
    assert len(PROPERTY_ROWS) >= 25
    assert len(DATATYPE_ROWS) >= 8
    assert AKG.Job in MODEL_TERMS and AKG.sessionTiming in MODEL_TERMS and AKG.SirenNumber in MODEL_TERMS


def test_declared_terms_are_the_model_terms() -> None:
    """The ontology declares exactly the own terms of docs/model.md (minus akg:theme)."""
    missing = MODEL_TERMS - NOT_DECLARED - set(DECLARED)
    undocumented = set(DECLARED) - MODEL_TERMS
    assert not missing, f"in docs/model.md, not in the ontology: {sorted(missing)}"
    assert not undocumented, f"in the ontology, not in docs/model.md: {sorted(undocumented)}"
    assert not (NOT_DECLARED & set(DECLARED)), "akg:theme is not used: do not declare it"


def params(rows: list[tuple[URIRef, list[str]]]) -> list:
    """Model rows as pytest parameters named by their term, akg:theme left out."""
    return [pytest.param(t, r, id=short(t)) for t, r in rows if t not in NOT_DECLARED]


@pytest.mark.parametrize(("term", "row"), params(CLASS_ROWS))
def test_class_matches_model(term: URIRef, row: list[str]) -> None:
    """An own class is an owl:Class with exactly the superclasses of the model table."""
    assert kinds(ONTO, term) == {OWL.Class}
    expected = {expand(c) for c in CURIE.findall(row[1])}
    assert set(ONTO.objects(term, RDFS.subClassOf)) == expected


def is_datatype(iri: URIRef) -> bool:
    """True for XSD datatypes and rdf:langString, the ranges of datatype properties."""
    return iri.startswith(str(XSD)) or iri == RDF.langString


@pytest.mark.parametrize(("term", "row"), params(PROPERTY_ROWS))
def test_property_matches_model(term: URIRef, row: list[str]) -> None:
    """Kind, domain, range and superproperties as in the model table.

    A domain written as several classes (`akg:Statement`/`akg:FormatStep`) is left open, since a
    union would need blank nodes; a range written `any` is left open and makes an object property.
    """
    domain_cell, _, range_cell = row[1].partition("→")
    domains = [expand(c) for c in CURIE.findall(domain_cell)]
    ranges = [expand(c) for c in CURIE.findall(range_cell)[:1]]

    expected_kind = OWL.DatatypeProperty if ranges and is_datatype(ranges[0]) else OWL.ObjectProperty
    assert kinds(ONTO, term) == {expected_kind}

    expected_domain = set(domains) if len(domains) == 1 else set()
    assert set(ONTO.objects(term, RDFS.domain)) == expected_domain
    assert set(ONTO.objects(term, RDFS.range)) == set(ranges)
    assert set(ONTO.objects(term, RDFS.subPropertyOf)) == {expand(c) for c in CURIE.findall(row[2])}


@pytest.mark.parametrize(("term", "row"), params(DATATYPE_ROWS))
def test_datatype_matches_model(term: URIRef, row: list[str]) -> None:
    """An own datatype of the model table is an rdfs:Datatype and is only declared and documented:
    defining it (a pattern restriction of xsd:string) would need blank nodes."""
    assert kinds(ONTO, term) == {RDFS.Datatype}
    assert set(ONTO.predicates(term, None)) == {RDF.type, RDFS.label, RDFS.comment, RDFS.isDefinedBy}


# ---------------------------------------------------------------------------------------------
# OWL 2 DL hygiene
# ---------------------------------------------------------------------------------------------


def test_no_blank_nodes() -> None:
    """docs/model.md: no blank nodes anywhere, so sorted N-Triples are byte-stable."""
    assert not [t for t in ONTO if any(isinstance(n, BNode) for n in t)]


def test_referenced_external_terms_are_declared() -> None:
    """Every external class or property the axioms use is declared with one fitting OWL kind."""
    axioms = {
        RDFS.subClassOf: lambda _: {OWL.Class},
        RDFS.domain: lambda _: {OWL.Class},
        RDFS.range: lambda s: {OWL.Class} if kinds(ONTO, s) == {OWL.ObjectProperty} else None,
        RDFS.subPropertyOf: lambda s: kinds(ONTO, s),
    }
    problems = []
    for predicate, expected in axioms.items():
        for s, o in ONTO.subject_objects(predicate):
            want = expected(s)
            if want is not None and kinds(ONTO, o) != want:
                problems.append(f"{o} ({predicate.n3()} of {s}): {kinds(ONTO, o)} ≠ {want}")
    assert not problems, "\n".join(problems)


def test_each_term_has_one_kind_and_externals_stay_bare() -> None:
    """No punning between kinds; external terms get a declaration only, nothing of ours."""
    for term in {s for s in ONTO.subjects(RDF.type, None) if isinstance(s, URIRef)}:
        if term == ONTOLOGY_IRI:
            continue
        assert len(kinds(ONTO, term)) == 1, f"{term} has kinds {kinds(ONTO, term)}"
        if not term.startswith(str(AKG)):
            assert set(ONTO.predicates(term, None)) == {RDF.type}, f"{term} says more than a type"


def test_no_disjointness_axioms() -> None:
    """The data types one resource several ways (the atelier is also a schema:EventSeries)."""
    for predicate in (OWL.disjointWith, OWL.propertyDisjointWith, OWL.complementOf):
        assert not list(ONTO.triples((None, predicate, None)))
    assert not list(ONTO.subjects(RDF.type, OWL.AllDisjointClasses))


# ---------------------------------------------------------------------------------------------
# Consistency under HermiT
# ---------------------------------------------------------------------------------------------

# A sample of what the build writes (docs/model.md, "Patterns the build writes"), to check that
# the ontology and the data patterns reason together. Data IRIs are written relative to @base:
# `id:person/0a1b2c3d`, as model.md abbreviates them, is not valid Turtle (no `/` in local names).
SAMPLE_DATA = """
@prefix akg: <https://w3id.org/atelier-kg/def#> .
@base <https://w3id.org/atelier-kg/id/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <https://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix adms: <http://www.w3.org/ns/adms#> .
@prefix sssom: <https://w3id.org/sssom/> .
@prefix semapv: <https://w3id.org/semapv/vocab/> .
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix cpv: <http://data.europa.eu/cpv/cpv/> .

<person/0a1b2c3d> a foaf:Person ;
    foaf:givenName "Camille" ; foaf:familyName "Durand" ; foaf:name "Camille Durand" ;
    akg:givenNameAsWritten "Camille" ; akg:familyNameAsWritten "DURAND" ;
    prov:wasDerivedFrom <https://w3id.org/atelier-kg/id/source/persons.csv#row=2> ;
    dcterms:source <source/page> .
<job/0a1b2c3d/departement-nord> a akg:Job, org:Membership ;
    org:member <person/0a1b2c3d> ; org:organization <org/departement-nord> ;
    akg:jobTitle "Chargée de mission achats" ; akg:organisationAsWritten "Département du nord" .
<role-membership/0a1b2c3d/participant> a akg:RoleMembership, org:Membership ;
    org:member <person/0a1b2c3d> ; org:organization <org/atelier> ;
    org:role <role/participant> .
<role/participant> a akg:AtelierRole, org:Role, skos:Concept ;
    skos:prefLabel "participant"@fr .
<org/departement-nord> a org:FormalOrganization, org:Organization ;
    skos:prefLabel "Département du Nord"@fr ; skos:altLabel "Département du nord"@fr ;
    akg:organisationType <org-type/departement> .
<org-type/departement> a akg:OrganisationType, skos:Concept .
<org/ciridd> a org:FormalOrganization, org:Organization ;
    akg:animates <org/club-clef>, <org/atelier> ; akg:carries <org/coef-p> ;
    org:linkedTo <org/club-clef>, <org/atelier>, <org/coef-p> .
<org/club-clef> a akg:Club, org:OrganizationalCollaboration, org:Organization ;
    org:hasMember <org/ciridd> ; schema:areaServed <place/auvergne-rhone-alpes> .
<org/coef-p> a akg:Action, org:OrganizationalCollaboration, org:Organization .
<org/atelier> a akg:Atelier, org:OrganizationalCollaboration, org:Organization,
        schema:EventSeries ;
    akg:sessionFormat <format-step/1> .
<format-step/1> a akg:FormatStep ; akg:ordinal 1 ;
    akg:text "Introduction et apports théoriques sur la thématique de la séance"@fr .
<session/2021-11-30> a akg:Session, schema:Event ;
    schema:superEvent <org/atelier> ;
    schema:startDate "2021-11-30T10:00:00+01:00"^^xsd:dateTime ;
    schema:endDate "2021-11-30T12:30:00+01:00"^^xsd:dateTime ;
    schema:eventStatus schema:EventScheduled ; akg:sessionTiming "upcoming" .
<session/past-1> a akg:Session, schema:Event ;
    schema:superEvent <org/atelier> ; akg:sessionTiming "past" ;
    akg:earliestStart "2019-10"^^xsd:gYearMonth .
<case/grenoble-eclairage-public> a akg:Case ;
    dcterms:title "Contrat de performance énergétique pour l'éclairage public"@fr ;
    dcterms:subject <theme/1> ; akg:involves <org/ville-grenoble> ;
    akg:lever <lever/crem> ; akg:procurementDomain <domain/eclairage-public> .
<theme/1> a akg:Theme, skos:Concept ; akg:ordinal 1 .
<lever/crem> a akg:ProcurementLever, skos:Concept .
<domain/eclairage-public> a akg:ProcurementDomain, skos:Concept .
<hypothesis/1> a akg:Hypothesis ; akg:ordinal 1 ;
    akg:text "Il est possible de faire se rencontrer commande publique et EFC."@fr ;
    akg:outcome "Confirmée par les échanges."@fr .
<figure/participants> a akg:DeclaredFigure ;
    akg:declaredValue 34 ; akg:asWritten "34 participants" ; akg:measure "participants" ;
    akg:aboutResource <org/atelier> ; prov:wasDerivedFrom <source/page> .
<figure/participants-per-year> a akg:DeclaredFigure ;
    akg:declaredMinimum 15 ; akg:declaredMaximum 20 ; akg:asWritten "15 à 20 participants" .
<source/page> a akg:SourceDocument ;
    akg:sha256 "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"^^xsd:hexBinary .
<source/persons.csv> a akg:SourceTable ; akg:rowCount 35 .
<org/region-grand-est> a org:FormalOrganization, org:Organization ;
    akg:governs <place/grand-est> ; schema:areaServed <place/grand-est> ;
    schema:location <place/strasbourg> ;
    adms:identifier <identifier/siren/200052264> .
<place/grand-est> a akg:Region, schema:AdministrativeArea ;
    skos:exactMatch wd:Q18677983 ; owl:sameAs wd:Q18677983 ;
    adms:identifier <identifier/insee-reg/44>, <identifier/wikidata/Q18677983> .
<place/strasbourg> a akg:Commune, schema:AdministrativeArea ;
    schema:containedInPlace <place/grand-est> .
<place/territoire-sicoval> a akg:IntercommunalTerritory, schema:AdministrativeArea .
<place/nord> a akg:Departement, schema:AdministrativeArea .
<identifier/siren/200052264> a adms:Identifier ;
    skos:notation "200052264"^^akg:SirenNumber ; adms:schemeAgency "INSEE" ;
    prov:wasDerivedFrom <mapping/siren-region-grand-est> .
<identifier/insee-reg/44> a adms:Identifier ;
    skos:notation "44"^^akg:InseeRegionCode ; adms:schemeAgency "INSEE" .
<identifier/wikidata/Q18677983> a adms:Identifier ;
    skos:notation "Q18677983"^^akg:WikidataId ; adms:schemeAgency "Wikimedia Foundation" ;
    prov:wasDerivedFrom <mapping/wikidata-grand-est> .
<mapping/wikidata-grand-est> a akg:MappingRecord, prov:Entity ;
    owl:annotatedSource <place/grand-est> ; owl:annotatedProperty skos:exactMatch ;
    owl:annotatedTarget wd:Q18677983 ;
    sssom:mapping_justification semapv:ManualMappingCuration ;
    sssom:confidence "0.8"^^xsd:decimal ; sssom:author_label "atelier-kg curators" ;
    sssom:mapping_date "2026-11-29"^^xsd:date ;
    rdfs:comment "wikidata=public GitHub file #61275273484 (REGION_QID dict)" ;
    prov:wasDerivedFrom <https://w3id.org/atelier-kg/id/source/mappings/wikidata.sssom.tsv#row=16> .
<mapping/siren-region-grand-est> a akg:MappingRecord, prov:Entity ;
    owl:annotatedSource <org/region-grand-est> ; owl:annotatedProperty skos:exactMatch ;
    owl:annotatedTarget <https://annuaire-entreprises.data.gouv.fr/entreprise/200052264> .
<org/ademe> a org:FormalOrganization, org:Organization ;
    skos:exactMatch wd:Q2826025 ; adms:identifier <identifier/wikidata/Q2826025> .
<identifier/wikidata/Q2826025> a adms:Identifier ;
    skos:notation "Q2826025"^^akg:WikidataId ; prov:wasDerivedFrom <mapping/wikidata-ademe> .
<mapping/wikidata-ademe> a akg:MappingRecord, prov:Entity ;
    owl:annotatedSource <org/ademe> ; owl:annotatedProperty skos:exactMatch ;
    owl:annotatedTarget wd:Q2826025 ; akg:singleSecondarySource true .
<domain/fourniture-energie> a akg:ProcurementDomain, skos:Concept ;
    skos:closeMatch cpv:09000000 ; adms:identifier <identifier/cpv/09000000-3> .
<identifier/cpv/09000000-3> a adms:Identifier ; skos:notation "09000000-3"^^akg:CpvCode .
"""

PREAMBLE = """
@prefix akg: <https://w3id.org/atelier-kg/def#> .
@base <https://w3id.org/atelier-kg/id/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
"""


@pytest.fixture(scope="module")
def owlready2():
    """owlready2 with a Java runtime, or a skip that says what is missing."""
    module = pytest.importorskip("owlready2", reason="owlready2 (the test extra) is not installed")
    if shutil.which(module.JAVA_EXE) is None:
        pytest.skip("HermiT needs a Java runtime ('java' on PATH); CI installs a JRE")
    return module


def hermit(owlready2, graph: Graph, workdir: Path) -> list[str]:
    """Run HermiT over the graph; return the IRIs of unsatisfiable classes.

    Raises owlready2's OwlReadyInconsistentOntologyError if the graph is inconsistent.
    owlready2 cannot read Turtle, so the graph goes through an N-Triples file. HermiT handles
    only the OWL 2 datatype map, which lacks xsd:gYearMonth (the range of akg:earliestStart):
    unsupported datatypes are ignored rather than failing the run.
    """
    path = workdir / "ontology.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    try:
        world.get_ontology(path.as_uri()).load()
        owlready2.sync_reasoner_hermit(
            world, infer_property_values=False, debug=0, ignore_unsupported_datatypes=True
        )
        return sorted(c.iri for c in world.inconsistent_classes() if c.iri != str(OWL.Nothing))
    finally:
        world.close()


def with_extra(turtle: str) -> Graph:
    """The ontology plus a Turtle snippet."""
    graph = load_ontology()
    graph.parse(data=PREAMBLE + turtle, format="turtle")
    return graph


def test_ontology_is_consistent(owlready2, tmp_path: Path) -> None:
    """HermiT finds the ontology consistent and every class satisfiable."""
    assert hermit(owlready2, load_ontology(), tmp_path) == []


def test_ontology_with_sample_data_is_consistent(owlready2, tmp_path: Path) -> None:
    """The data patterns of docs/model.md (the atelier both a collaboration and an event series,
    ranges of datatype properties respected) reason without a clash."""
    assert hermit(owlready2, with_extra(SAMPLE_DATA), tmp_path) == []


BROKEN = {
    "disjoint-types-shared-instance": """
        org:OrganizationalCollaboration owl:disjointWith schema:EventSeries .
        <org/atelier> a akg:Atelier, schema:EventSeries .
    """,
    "value-outside-range": """
        <figure/participants> a akg:DeclaredFigure ; akg:declaredValue "trente-quatre" .
    """,
    "single-secondary-source-not-a-boolean": """
        <mapping/wikidata-ademe> a akg:MappingRecord ; akg:singleSecondarySource "oui" .
    """,
}


@pytest.mark.parametrize("snippet", BROKEN.values(), ids=BROKEN.keys())
def test_reasoner_detects_inconsistency(owlready2, tmp_path: Path, snippet: str) -> None:
    """The check can fail: an inconsistent addition makes HermiT raise."""
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        hermit(owlready2, with_extra(snippet), tmp_path)


def test_reasoner_detects_unsatisfiable_class(owlready2, tmp_path: Path) -> None:
    """The check can fail: a class below both a class and its complement is reported."""
    graph = with_extra("""
        akg:Broken a owl:Class ;
            rdfs:subClassOf akg:Statement , [ a owl:Class ; owl:complementOf akg:Statement ] .
    """)
    assert hermit(owlready2, graph, tmp_path) == [str(AKG.Broken)]
