"""SHACL validation of a built graph.

The reference is pyshacl with every shape (``fast=False``). It evaluates a SPARQL-based constraint
once per focus node, which is quadratic for rules that compare resources pairwise, and its core
engine needs minutes at a million triples. The fast path (default) therefore

- runs the core shapes (everything but ``sh:sparql``) with pyshacl, each property shape given
  its node shape's targets (see :func:`core_shapes`);
- runs each SPARQL rule once, over the whole graph, with ``$this`` unbound, on a pyoxigraph
  store: our SPARQL rules repeat their target pattern inside the query, so this returns exactly
  the violations of all focus nodes.

(pyshacl-turbo, a Rust engine with pyshacl's API, was tried for the core shapes: five times
faster, but it disagreed with pyshacl on 68 of the 162 shape examples — plain-literal ``sh:in``,
derived integer datatypes — so it is not used.)

``tests/test_validate.py`` checks that both paths report the same results, on every shape example,
on the seed and on copies of the data that each break one rule.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pyshacl
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from atelier_kg.namespaces import PREFIXES
from atelier_kg.sources import read_turtle
from atelier_kg.terms import ox_triples, rdflib_graph

SEVERITY_ORDER = {SH.Violation: 0, SH.Warning: 1, SH.Info: 2}


@dataclass(frozen=True, order=True)
class Result:
    """One validation result, in a form independent of the engine that found it."""

    focus: str
    rule: str
    severity: str
    path: str = ""
    value: str = ""
    messages: tuple[str, ...] = ()
    component: str = ""


@dataclass
class Report:
    """The outcome of a validation: the results and whether the graph conforms."""

    results: list[Result] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not any(r.severity == str(SH.Violation) for r in self.results)

    def count(self, severity: URIRef) -> int:
        return sum(1 for r in self.results if r.severity == str(severity))


def _path_text(shapes: Graph, path: object) -> str:
    if path is None:
        return ""
    if isinstance(path, BNode):
        inverse = shapes.value(path, SH.inversePath)
        if inverse is not None:
            return "^" + _path_text(shapes, inverse)
        if (path, RDF.first, None) in shapes:
            return "/".join(_path_text(shapes, p) for p in Collection(shapes, path))
        return "(complex path)"
    return _short(path)


def _short(term: object) -> str:
    text = str(term)
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns) and prefix != "id":
            return f"{prefix}:{text[len(ns) :]}"
    return text


_TEMPLATE_VAR = re.compile(r"\{[?$](\w+)\}")


def _render(templates: list[Literal], bindings: dict[str, str]) -> tuple[str, ...]:
    """Fill ``{$this}``/``{?var}`` in message templates; keep each message's language as ``@xx``."""
    out = []
    for template in templates:
        text = _TEMPLATE_VAR.sub(lambda m: bindings.get(m.group(1), m.group(0)), str(template))
        out.append(
            f"{text}@{template.language}" if isinstance(template, Literal) and template.language else text
        )
    return tuple(sorted(out))


def _templates(shapes: Graph, shape: object, constraint: object = None) -> list[Literal]:
    """The sh:message templates of a SPARQL constraint, else of its shape."""
    if constraint is not None:
        found = list(shapes.objects(constraint, SH.message))
        if found:
            return found
    return list(shapes.objects(shape, SH.message))


def _from_pyshacl(results_graph: Graph, shapes: Graph) -> list[Result]:
    out = []
    for r in results_graph.subjects(RDF.type, SH.ValidationResult):
        shape = results_graph.value(r, SH.sourceShape)
        path = results_graph.value(r, SH.resultPath)
        value = results_graph.value(r, SH.value)
        focus = str(results_graph.value(r, SH.focusNode))
        templates = _templates(shapes, shape, results_graph.value(r, SH.sourceConstraint))
        bindings = {"this": focus, "value": "" if value is None else str(value)}
        messages = (
            _render(templates, bindings)
            if templates
            else tuple(sorted(str(m) for m in results_graph.objects(r, SH.resultMessage)))
        )
        out.append(
            Result(
                focus=focus,
                rule=str(shape),
                severity=str(results_graph.value(r, SH.resultSeverity)),
                path=_path_text(results_graph if isinstance(path, BNode) else shapes, path),
                value=bindings["value"],
                messages=messages,
                component=str(results_graph.value(r, SH.sourceConstraintComponent) or ""),
            )
        )
    return out


@dataclass(frozen=True)
class SparqlRule:
    """A SPARQL-based constraint of a node shape, ready to run with ``$this`` unbound."""

    shape: URIRef
    constraint: object
    query: str
    severity: str
    templates: tuple[Literal, ...]


def _prefix_block(shapes: Graph, constraint: object) -> str:
    lines = []
    for ontology in shapes.objects(constraint, SH.prefixes):
        for decl in shapes.objects(ontology, SH.declare):
            prefix = shapes.value(decl, SH.prefix)
            namespace = shapes.value(decl, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(lines)))


def sparql_rules(shapes: Graph) -> list[SparqlRule]:
    """The SPARQL-based constraints of node shapes that the fast path can run unbound."""
    rules = []
    for shape, constraint in shapes.subject_objects(SH.sparql):
        if (shape, SH.path, None) in shapes:
            continue  # property shapes substitute $PATH: leave them to pyshacl
        select = shapes.value(constraint, SH.select)
        if select is None:
            continue
        severity = shapes.value(shape, SH.severity) or SH.Violation
        rules.append(
            SparqlRule(
                shape=shape,
                constraint=constraint,
                query=_prefix_block(shapes, constraint) + "\n" + str(select),
                severity=str(severity),
                templates=tuple(_templates(shapes, shape, constraint)),
            )
        )
    return sorted(rules, key=lambda r: str(r.shape))


def _run_sparql_rules(store: ox.Store, rules: list[SparqlRule]) -> list[Result]:
    out = []
    for rule in rules:
        solutions = store.query(rule.query.replace("$this", "?this"))
        names = [v.value for v in solutions.variables]
        for solution in solutions:
            bindings = {n: solution[n].value for n in names if solution[n] is not None}
            out.append(
                Result(
                    focus=bindings["this"],
                    rule=str(rule.shape),
                    severity=rule.severity,
                    value=bindings.get("value", ""),
                    messages=_render(list(rule.templates), bindings),
                    component=str(SH.SPARQLConstraintComponent),
                )
            )
    return out


def core_shapes(shapes: Graph, rules: list[SparqlRule]) -> Graph:
    """The shapes for pyshacl in the fast path: without the SPARQL constraints it runs itself, and
    with every named property shape of a targeted node shape given that node shape's targets
    instead of hanging under it.

    Both are the same constraints on the same focus nodes; flattened, pyshacl evaluates each
    property shape over all its focus nodes at once rather than node by node (at a million
    triples: 116 s → 40 s, the same results).
    """
    skip = {(r.shape, SH.sparql, r.constraint) for r in rules}
    core = Graph()
    for triple in shapes:
        if triple not in skip:
            core.add(triple)
    for node_shape, prop in list(core.subject_objects(SH.property)):
        targets = [(p, o) for p in _TARGETS for o in core.objects(node_shape, p)]
        if targets and isinstance(prop, URIRef):
            core.remove((node_shape, SH.property, prop))
            for p, o in targets:
                core.add((prop, p, o))
    return core


def _store(ntriples: bytes) -> ox.Store:
    store = ox.Store()
    store.bulk_load(ntriples, format=ox.RdfFormat.N_TRIPLES)
    return store


_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


@contextmanager
def _paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: rdflib and pyshacl make millions of objects, and each
    collection rescans them all (at a million triples: 97 s → 84 s for parsing and validation).
    Reference counting still frees everything; cycles wait for the collector's return."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_shapes(ontology_dir: Path) -> Graph:
    """The SHACL shapes of the ontology folder."""
    return rdflib_graph(read_turtle(ontology_dir / "shapes.ttl"))


def rdflib_from_ntriples(ntriples: bytes) -> Graph:
    """An rdflib graph through rdflib's own N-Triples parser (its fastest way in)."""
    return Graph().parse(data=ntriples, format="nt")


def _pyshacl(data: Graph, core: Graph, shapes: Graph) -> list[Result]:
    _conforms, results_graph, _text = pyshacl.validate(
        data,
        shacl_graph=core,
        inference="none",
        advanced=True,
        allow_warnings=True,
        allow_infos=True,
        inplace=True,
    )
    return _from_pyshacl(results_graph, shapes)


def validate_triples(triples: Iterable[ox.Triple], shapes: Graph, fast: bool = True) -> Report:
    """Validate a graph given as pyoxigraph triples; see the module docstring for the two paths."""
    nt = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES)
    with _paused_gc():
        data = rdflib_from_ntriples(nt)
        if not fast:
            return validate_graph(data, shapes, fast=False)
        rules = sparql_rules(shapes)
        results = _pyshacl(data, core_shapes(shapes, rules), shapes)
    del data  # the rdflib graph is the largest object: free it before the store is loaded
    results += _run_sparql_rules(_store(nt), rules)
    return Report(_sorted(results))


def validate_graph(graph: Graph, shapes: Graph, fast: bool = True) -> Report:
    """Validate an rdflib graph against ``shapes`` and return every result, sorted."""
    if fast:
        return validate_triples(ox_triples(graph), shapes, fast=True)
    return report_from_results(reference_results(graph, shapes), shapes)


def reference_results(graph: Graph, shapes: Graph) -> Graph:
    """pyshacl's results graph (``sh:ValidationReport``) for ``graph`` against every shape.

    This is the reference the fast path must match: ``validate_graph(..., fast=False)`` is
    ``report_from_results(reference_results(graph, shapes), shapes)``.
    """
    _conforms, results_graph, _text = pyshacl.validate(
        graph, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True, allow_infos=True
    )
    return results_graph


def report_from_results(results_graph: Graph, shapes: Graph) -> Report:
    """Our report of a pyshacl results graph, each message rendered from the shapes' templates."""
    return Report(_sorted(_from_pyshacl(results_graph, shapes)))


def _sorted(results: list[Result]) -> list[Result]:
    return sorted(
        set(results),
        key=lambda r: (
            r.focus,
            SEVERITY_ORDER.get(URIRef(r.severity), 9),
            r.rule,
            r.path,
            r.value,
            r.component,
            r.messages,
        ),
    )
