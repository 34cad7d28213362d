"""Validation reports: as a SHACL report graph with stable IRIs, and as text grouped by resource."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, SH

from atelier_kg.namespaces import ID, PREFIXES

from .shacl import Report, Result


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
