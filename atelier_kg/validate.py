"""SHACL validation of a built graph.

The reference is pyshacl with every shape (``fast=False``). It evaluates a SPARQL-based constraint
once per focus node, which is quadratic for rules that compare resources pairwise, and its core
engine needs minutes at a million triples. The fast path (default) therefore

- runs the core shapes (everything but ``sh:sparql``) with pyshacl;
- runs each SPARQL rule once, over the whole graph, with ``$this`` unbound, on a pyoxigraph
  store: our SPARQL rules repeat their target pattern inside the query, so this returns exactly
  the violations of all focus nodes.

(pyshacl-turbo, a Rust engine with pyshacl's API, was tried for the core shapes: five times
faster, but it disagreed with pyshacl on 68 of the 162 shape examples — plain-literal ``sh:in``,
``xsd:positiveInteger`` — so it is not used.)

``tests/test_validate.py`` checks that both paths report the same results, on every shape example,
on the seed and on copies of the data that each break one rule.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pyshacl
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import PROV, RDF, SH

from .graph import ox_triples
from .namespaces import ID, PREFIXES

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
    """The shapes without the SPARQL constraints that the fast path runs itself."""
    skip = {(r.shape, SH.sparql, r.constraint) for r in rules}
    core = Graph()
    for triple in shapes:
        if triple not in skip:
            core.add(triple)
    return core


def _store(triples: Iterable[ox.Triple]) -> ox.Store:
    store = ox.Store()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    return store


#: Below this many triples the core shapes run in this process: forking costs more than it saves.
PARALLEL_THRESHOLD = 200_000
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
# The data graph and shape groups handed to forked workers (shared copy-on-write, never pickled).
_WORK: tuple[Graph, list[Graph], Graph] | None = None


def rdflib_from_triples(triples: list[ox.Triple]) -> Graph:
    """An rdflib graph of the triples, through rdflib's own N-Triples parser (its fastest way in)."""
    return Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")


def _pyshacl(data: Graph, core: Graph, shapes: Graph) -> list[Result]:
    _conforms, results_graph, _text = pyshacl.validate(
        data, shacl_graph=core, inference="none", advanced=True, allow_warnings=True,
        allow_infos=True, inplace=True,
    )
    return _from_pyshacl(results_graph, shapes)


def _only_targets_of(core: Graph, group: list[URIRef]) -> Graph:
    """The shapes graph with the targets of every shape outside ``group`` removed.

    (pyshacl's own ``use_shapes`` option reported nothing for our node shapes, so the split is
    done on the shapes graph instead.)
    """
    keep = set(group)
    part = Graph()
    for s, p, o in core:
        if p in _TARGETS and s not in keep:
            continue
        part.add((s, p, o))
    return part


def _run_group(index: int) -> list[Result]:
    assert _WORK is not None
    data, groups, shapes = _WORK
    return _pyshacl(data, groups[index], shapes)


def _shape_groups(data: Graph, core: Graph, workers: int) -> list[list[URIRef]]:
    """Split the targeted shapes into ``workers`` groups of about equal work (focus-node counts)."""
    cost: dict[URIRef, int] = {}
    for shape in {s for p in _TARGETS for s in core.subjects(p, None) if isinstance(s, URIRef)}:
        n = 0
        for cls in core.objects(shape, SH.targetClass):
            n += sum(1 for _ in data.subjects(RDF.type, cls))
        for prop in core.objects(shape, SH.targetSubjectsOf):
            n += sum(1 for _ in data.subject_objects(prop))
        cost[shape] = n + 1
    groups: list[list[URIRef]] = [[] for _ in range(workers)]
    loads = [0] * workers
    for shape in sorted(cost, key=lambda s: (-cost[s], str(s))):
        i = loads.index(min(loads))
        groups[i].append(shape)
        loads[i] += cost[shape]
    return [g for g in groups if g]


def _core_results(data: Graph, core: Graph, shapes: Graph, workers: int) -> list[Result]:
    """Run the core shapes, split over forked workers when the graph is large enough."""
    global _WORK
    fork = "fork" in multiprocessing.get_all_start_methods()
    if workers <= 1 or not fork:
        return _pyshacl(data, core, shapes)
    groups = [_only_targets_of(core, g) for g in _shape_groups(data, core, workers)]
    _WORK = (data, groups, shapes)
    try:
        with multiprocessing.get_context("fork").Pool(len(groups)) as pool:
            parts = pool.map(_run_group, range(len(groups)))
    finally:
        _WORK = None
    return [r for part in parts for r in part]


def validate_triples(
    triples: Iterable[ox.Triple], shapes: Graph, fast: bool = True, workers: int | None = None
) -> Report:
    """Validate a graph given as pyoxigraph triples; see the module docstring for the two paths.

    ``workers`` is the number of processes for the core shapes (default: one per core, for
    graphs of :data:`PARALLEL_THRESHOLD` triples or more).
    """
    triples = list(triples)
    data = rdflib_from_triples(triples)
    if not fast:
        return validate_graph(data, shapes, fast=False)
    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if len(triples) >= PARALLEL_THRESHOLD else 1
    rules = sparql_rules(shapes)
    results = _core_results(data, core_shapes(shapes, rules), shapes, workers)
    results += _run_sparql_rules(_store(triples), rules)
    return Report(_sorted(results))


def validate_graph(graph: Graph, shapes: Graph, fast: bool = True, workers: int | None = None) -> Report:
    """Validate an rdflib graph against ``shapes`` and return every result, sorted."""
    if fast:
        return validate_triples(ox_triples(graph), shapes, fast=True, workers=workers)
    _conforms, results_graph, _text = pyshacl.validate(
        graph, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True, allow_infos=True
    )
    return Report(_sorted(_from_pyshacl(results_graph, shapes)))


def _sorted(results: list[Result]) -> list[Result]:
    return sorted(
        set(results),
        key=lambda r: (r.focus, SEVERITY_ORDER.get(URIRef(r.severity), 9), r.rule, r.path, r.value,
                       r.component, r.messages),
    )


def load_shapes(path: Path) -> Graph:
    """Parse the shapes file."""
    return Graph().parse(path, format="turtle")


def report_graph(report: Report) -> Graph:
    """The report as a SHACL validation report graph, with stable IRIs instead of blank nodes."""
    g = Graph()
    g.bind("sh", SH)
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    node = ID["validation-report"]
    g.add((node, RDF.type, SH.ValidationReport))
    g.add((node, SH.conforms, Literal(report.conforms)))
    for r in report.results:
        digest = hashlib.sha256(repr(r).encode()).hexdigest()[:16]
        res = ID[f"validation-report/result-{digest}"]
        g.add((node, SH.result, res))
        g.add((res, RDF.type, SH.ValidationResult))
        g.add(
            (res, SH.focusNode, URIRef(r.focus) if r.focus.startswith(("http", "urn")) else Literal(r.focus))
        )
        g.add((res, SH.sourceShape, URIRef(r.rule)))
        g.add((res, SH.resultSeverity, URIRef(r.severity)))
        if r.component:
            g.add((res, SH.sourceConstraintComponent, URIRef(r.component)))
        if r.value:
            g.add((res, SH.value, Literal(r.value)))
        for m in r.messages:
            text, _, lang = m.rpartition("@") if "@" in m[-4:] else (m, "", "")
            g.add((res, SH.resultMessage, Literal(text, lang=lang or None)))
    return g


def _origins(triples: Iterable[ox.Triple], focus: set[str]) -> dict[str, list[str]]:
    derived = str(PROV.wasDerivedFrom)
    found: dict[str, list[str]] = {}
    for t in triples:
        if t.predicate.value == derived and t.subject.value in focus:
            found.setdefault(t.subject.value, []).append(t.object.value)
    return found


def report_text(report: Report, triples: Iterable[ox.Triple]) -> str:
    """A readable report, grouped by resource, each resource with the source row it came from."""
    if not report.results:
        return "Conforms: no violation, warning or note.\n"
    lines = [
        f"{'Conforms' if report.conforms else 'Does not conform'}: "
        f"{report.count(SH.Violation)} violation(s), {report.count(SH.Warning)} warning(s), "
        f"{report.count(SH.Info)} note(s).",
        "",
    ]
    by_focus: dict[str, list[Result]] = {}
    for r in report.results:
        by_focus.setdefault(r.focus, []).append(r)
    origins = _origins(triples, set(by_focus))
    for focus, results in by_focus.items():
        rows = sorted(origins.get(focus, []))
        lines.append(f"{_short_id(focus)}")
        lines.append(f"  from: {', '.join(_row_text(x) for x in rows) or '(no source recorded)'}")
        for r in results:
            severity = r.severity.rsplit("#", 1)[-1]
            rule = r.rule.rsplit("#", 1)[-1]
            where = f" on {r.path}" if r.path else ""
            value = f" (value: {r.value})" if r.value else ""
            en = [m[:-3] for m in r.messages if m.endswith("@en")] or list(r.messages)
            fr = [m[:-3] for m in r.messages if m.endswith("@fr")]
            lines.append(f"  {severity} [{rule}]{where}{value}: {en[0] if en else ''}")
            if fr:
                lines.append(f"      fr: {fr[0]}")
        lines.append("")
    return "\n".join(lines)


def _short_id(text: str) -> str:
    return "id:" + text[len(str(ID)) :] if text.startswith(str(ID)) else text


def _row_text(text: str) -> str:
    """``…/id/source/persons.csv#row=5`` → ``data/persons.csv line 5``."""
    prefix = f"{ID}source/"
    if text.startswith(prefix) and "#row=" in text:
        name, _, line = text[len(prefix) :].partition("#row=")
        return f"{name} line {line}"
    return _short_id(text)
