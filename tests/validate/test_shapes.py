"""The SHACL shapes (ontology/shapes.ttl) against their example files (ontology/examples/).

Every rule has a valid example, which no rule may report, and invalid examples, which only that
rule may report. The SPARQL-based rules are also run once with $this unbound, the way the fast
validation path runs them, and must find exactly what pyshacl finds focus node by focus node.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, XSD
from rdflib.plugins.sparql import prepareQuery
from shacl_reference import EXAMPLES_DIR, ONTOLOGY_DIR, by_example, data, results, shapes

SHAPES_IRI = URIRef("https://w3id.org/atelier-kg/shapes")
AKGSH = "https://w3id.org/atelier-kg/shapes#"
AKG = "https://w3id.org/atelier-kg/def#"
EXAMPLE_NAME = re.compile(r"^(?P<rule>[a-z0-9-]+?)-(?P<kind>valid|invalid-\d{2})\.ttl$")
SEVERITIES = {SH.Violation, SH.Warning, SH.Info}

# Predicates a shape may carry without being a rule: selecting focus nodes and grouping rules.
GROUPING_PREDICATES = {
    RDF.type,
    RDFS.comment,
    RDFS.label,
    SH.targetClass,
    SH.targetNode,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
    SH.target,
    SH.property,
}


def named_shapes() -> set[URIRef]:
    g = shapes()
    found = set(g.subjects(RDF.type, SH.NodeShape)) | set(g.subjects(RDF.type, SH.PropertyShape))
    found |= set(g.objects(None, SH.property))
    return {s for s in found if isinstance(s, URIRef)}


def is_rule(shape: URIRef) -> bool:
    """A rule is a shape with a constraint of its own, i.e. one that can be a sh:sourceShape."""
    return any(p not in GROUPING_PREDICATES for p in shapes().predicates(shape, None))


def rules() -> dict[str, URIRef]:
    return {str(s)[len(AKGSH) :]: s for s in sorted(named_shapes()) if is_rule(s)}


def sparql_rules() -> dict[str, URIRef]:
    return {name: s for name, s in rules().items() if (s, SH.sparql, None) in shapes()}


def example_files() -> list[Path]:
    return sorted(EXAMPLES_DIR.glob("*.ttl"))


def rule_of(path: Path) -> str:
    match = EXAMPLE_NAME.match(path.name)
    assert match, f"{path.name}: not named <rule>-valid.ttl or <rule>-invalid-NN.ttl"
    return match["rule"]


def valid_files() -> list[Path]:
    return [p for p in example_files() if p.name.endswith("-valid.ttl")]


def invalid_files() -> list[Path]:
    return [p for p in example_files() if "-invalid-" in p.name]


@cache
def report(path: Path) -> tuple[bool, tuple[tuple[URIRef, URIRef, object, URIRef], ...]]:
    """Validate one example: conforms, and each result as (source shape, focus, value, severity)."""
    graph = results(path)
    conforms = graph.value(next(graph.subjects(RDF.type, SH.ValidationReport)), SH.conforms).toPython()
    found = tuple(
        (
            graph.value(r, SH.sourceShape),
            graph.value(r, SH.focusNode),
            graph.value(r, SH.value),
            graph.value(r, SH.resultSeverity),
        )
        for r in graph.subjects(RDF.type, SH.ValidationResult)
    )
    return conforms, found


def describe(results) -> str:
    return "\n".join(f"  {shape} on {focus} ({value})" for shape, focus, value, _ in results)


# ------------------------------------------------------------------ the shapes file itself


def test_shapes_header_is_complete() -> None:
    g = shapes()
    assert (SHAPES_IRI, RDF.type, OWL.Ontology) in g
    for prop in (DCTERMS.title, DCTERMS.description):
        langs = {o.language for o in g.objects(SHAPES_IRI, prop) if isinstance(o, Literal)}
        assert {"fr", "en"} <= langs, f"{prop} needs @fr and @en"
    assert g.value(SHAPES_IRI, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert g.value(SHAPES_IRI, DCTERMS.creator) == Literal("atelier-kg contributors")
    version = g.value(SHAPES_IRI, OWL.versionInfo)
    assert version is not None
    assert g.value(SHAPES_IRI, OWL.versionIRI) == URIRef(f"{SHAPES_IRI}/{version}")


def test_shapes_are_valid_shacl() -> None:
    """pyshacl checks the shapes graph itself against SHACL-SHACL (meta_shacl) first."""
    conforms, _, text = validate(Graph(), shacl_graph=shapes(), meta_shacl=True)
    assert conforms, text


def test_shapes_use_only_terms_of_the_model() -> None:
    """A misspelt akg: term would make a rule silently check nothing."""
    g = shapes()
    used = {str(t) for triple in g for t in triple if isinstance(t, URIRef)}
    for select in g.objects(None, SH.select):
        used |= {AKG + local for local in re.findall(r"\bakg:(\w+)", str(select))}
    own = sorted(t[len(AKG) :] for t in used if t.startswith(AKG))
    model = (ONTOLOGY_DIR.parent / "docs" / "model.md").read_text(encoding="utf-8")
    assert [t for t in own if f"`akg:{t}`" not in model] == []
    ontology_file = ONTOLOGY_DIR / "atelier.ttl"
    if ontology_file.is_file():
        declared = set(Graph().parse(ontology_file, format="turtle").subjects(RDF.type, None))
        assert [t for t in own if URIRef(AKG + t) not in declared] == []


def test_every_named_shape_is_in_the_rule_namespace() -> None:
    outside = [s for s in named_shapes() if not str(s).startswith(AKGSH)]
    assert not outside


def test_rule_ids_are_readable() -> None:
    assert rules(), "no rule found in shapes.ttl"
    bad = [name for name in rules() if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", name)]
    assert not bad


@pytest.mark.parametrize("name", sorted(rules()))
def test_rule_is_documented(name: str) -> None:
    g, shape = shapes(), rules()[name]
    messages = {o.language for o in g.objects(shape, SH.message) if isinstance(o, Literal)}
    assert {"fr", "en"} <= messages, f"{name}: sh:message needs @fr and @en"
    assert g.value(shape, SH.severity) in SEVERITIES, f"{name}: no explicit sh:severity"
    assert g.value(shape, RDFS.comment) is not None, f"{name}: no rdfs:comment"


def test_grouping_shapes_say_nothing_themselves() -> None:
    """Class-level node shapes only select and group, so a report never names them."""
    g = shapes()
    for shape in named_shapes() - set(rules().values()):
        assert (shape, SH.property, None) in g, f"{shape}: neither a rule nor a group"
        assert (shape, SH.message, None) not in g


@pytest.mark.parametrize("name", sorted(rules()))
def test_rule_has_examples(name: str) -> None:
    assert (EXAMPLES_DIR / f"{name}-valid.ttl").is_file(), f"{name}: no valid example"
    assert list(EXAMPLES_DIR.glob(f"{name}-invalid-*.ttl")), f"{name}: no invalid example"


def test_every_example_names_a_rule() -> None:
    orphans = [p.name for p in example_files() if rule_of(p) not in rules()]
    assert not orphans


@pytest.mark.parametrize("name", sorted(sparql_rules()))
def test_sparql_rule_declares_its_prefixes(name: str) -> None:
    g = shapes()
    for constraint in g.objects(sparql_rules()[name], SH.sparql):
        assert g.value(constraint, SH.prefixes) == SHAPES_IRI
        assert g.value(constraint, SH.select) is not None


@pytest.mark.parametrize("name", sorted(sparql_rules()))
def test_sparql_rule_repeats_its_target(name: str) -> None:
    """Run with $this unbound, a query only finds focus nodes if it states their class itself."""
    g, shape = shapes(), sparql_rules()[name]
    prefixes = {
        str(g.value(d, SH.namespace)): str(g.value(d, SH.prefix)) for d in g.objects(SHAPES_IRI, SH.declare)
    }
    targets = list(g.objects(shape, SH.targetClass))
    assert targets and set(g.predicates(shape)).isdisjoint(
        {SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target}
    ), f"{name}: only sh:targetClass is repeated in the query"
    for constraint in g.objects(shape, SH.sparql):
        select = str(g.value(constraint, SH.select))
        for target in targets:
            namespace, local = split_iri(target)
            assert f"$this a {prefixes[namespace]}:{local} " in select, f"{name}: {target}"


def split_iri(iri: URIRef) -> tuple[str, str]:
    text = str(iri)
    cut = max(text.rfind("#"), text.rfind("/")) + 1
    return text[:cut], text[cut:]


# ------------------------------------------------------------------ the examples


@pytest.mark.parametrize("path", by_example(example_files()))
def test_example_is_well_formed(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# "), f"{path.name}: must start with a comment saying what it shows"
    rule_of(path)
    blank = {t for triple in data(path) for t in triple if isinstance(t, BNode)}
    assert not blank, f"{path.name}: the build writes no blank nodes, nor should examples"


@pytest.mark.parametrize("path", by_example(valid_files()))
def test_valid_example_has_no_result(path: Path) -> None:
    conforms, results = report(path)
    assert conforms
    assert not results, f"{path.name} is reported by:\n{describe(results)}"


@pytest.mark.parametrize("path", by_example(invalid_files()))
def test_invalid_example_breaks_its_rule_only(path: Path) -> None:
    rule = rules()[rule_of(path)]
    conforms, results = report(path)
    assert any(shape == rule for shape, *_ in results), f"{path.name}: {rule} not reported"
    others = [r for r in results if r[0] != rule]
    assert not others, f"{path.name} is also reported by:\n{describe(others)}"
    severity = shapes().value(rule, SH.severity)
    assert all(r[3] == severity for r in results)
    assert conforms is (severity != SH.Violation)


# ------------------------------------------------------------------ SPARQL rules, $this unbound


def prefixes_of(constraint) -> str:
    g = shapes()
    lines = []
    for source in g.objects(constraint, SH.prefixes):
        for decl in g.objects(source, SH.declare):
            prefix, namespace = g.value(decl, SH.prefix), g.value(decl, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(lines)


def selects(name: str) -> list[str]:
    """The sh:select queries of a rule, each preceded by the prefixes its sh:prefixes declare."""
    g = shapes()
    return [
        prefixes_of(constraint) + "\n" + str(g.value(constraint, SH.select))
        for constraint in g.objects(sparql_rules()[name], SH.sparql)
    ]


@cache
def prepared(name: str) -> list:
    return [prepareQuery(query) for query in selects(name)]


def unbound_results(name: str, graph: Graph) -> set[tuple[URIRef, object]]:
    """Run each sh:select of a rule once over the whole graph, $this left unbound."""
    found = set()
    for query in prepared(name):
        for row in graph.query(query):
            this = row["this"]
            value = row["value"] if "value" in row.labels else None
            found.add((this, this if value is None else value))
    return found


def pyshacl_results(name: str, path: Path) -> set[tuple[URIRef, object]]:
    rule = rules()[name]
    return {(focus, value) for shape, focus, value, _ in report(path)[1] if shape == rule}


def normalise(term):
    # rdflib keeps the lexical form of a typed literal; compare values where they have one.
    if isinstance(term, Literal) and term.datatype == XSD.dateTime:
        return ("dateTime", term.toPython())
    return term


@pytest.mark.parametrize("path", by_example(example_files()))
@pytest.mark.parametrize("name", sorted(sparql_rules()))
def test_sparql_rule_unbound_finds_what_pyshacl_finds(name: str, path: Path) -> None:
    unbound = {(f, normalise(v)) for f, v in unbound_results(name, data(path))}
    per_focus = {(f, normalise(v)) for f, v in pyshacl_results(name, path)}
    assert unbound == per_focus
    if rule_of(path) == name and "-invalid-" in path.name:
        assert unbound, f"{path.name}: the unbound query finds nothing"


@pytest.mark.parametrize("path", by_example(example_files()))
@pytest.mark.parametrize("name", sorted(sparql_rules()))
def test_sparql_rule_unbound_on_oxigraph(name: str, path: Path) -> None:
    """The fast path may run on Oxigraph: it must find the same violations as pyshacl."""
    pyoxigraph = pytest.importorskip("pyoxigraph")
    store = pyoxigraph.Store()
    store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    found = set()
    for query in selects(name):
        solutions = store.query(query)
        has_value = "value" in {v.value for v in solutions.variables}
        for row in solutions:
            this = to_rdflib(row["this"])
            found.add((this, to_rdflib(row["value"]) if has_value else this))
    unbound = {(f, normalise(v)) for f, v in found}
    assert unbound == {(f, normalise(v)) for f, v in pyshacl_results(name, path)}


def to_rdflib(term) -> URIRef | Literal:
    """An Oxigraph IRI or literal as the rdflib term pyshacl would report."""
    if hasattr(term, "datatype"):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    return URIRef(term.value)


def _uncached_report(path: Path) -> tuple[bool, set]:
    conforms, graph, _ = validate(
        data(path),
        shacl_graph=shapes(),
        inference="none",
        advanced=True,
        allow_warnings=True,
        allow_infos=True,
    )
    found = {
        (graph.value(r, SH.sourceShape), graph.value(r, SH.focusNode), graph.value(r, SH.value))
        for r in graph.subjects(RDF.type, SH.ValidationResult)
    }
    return conforms, found


@pytest.mark.parametrize("path", by_example([p for p in example_files() if rule_of(p) in sparql_rules()]))
def test_the_shared_reference_is_what_pyshacl_alone_reports(path: Path) -> None:
    """Parsing each SPARQL constraint once (shacl_reference.parsed_once) changes no result."""
    conforms, found = report(path)
    assert _uncached_report(path) == (conforms, {(shape, focus, value) for shape, focus, value, _ in found})
