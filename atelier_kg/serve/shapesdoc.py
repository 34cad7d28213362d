"""The HTML page of the SHACL shapes (``/def/shapes``): every rule with its target, constraints,
severity and messages in French and English.

pyLODE documents OWL classes and properties; given the shapes it lists none of them (they are
``sh:NodeShape`` and ``sh:PropertyShape``, not classes), so this page is our own: one plain HTML
document, no script, the same look as the resource pages. Each rule's fragment is its id, so
``https://w3id.org/atelier-kg/shapes#person-name`` lands on its entry.
"""

from __future__ import annotations

from html import escape

from rdflib import DCTERMS, OWL, RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, XSD

from atelier_kg.namespaces import AKGSH, PREFIXES

#: Prefixes shown in the page (the project's, SHACL's and the shapes').
_PREFIXES = {**PREFIXES, "sh": str(SH), "akgsh": str(AKGSH)}
#: Said apart from the constraints: what is targeted, how bad, in which words.
_APART = {
    SH.message, SH.severity, SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf,
    SH.path, SH.property, SH.sparql, SH.declare, SH.deactivated,
}  # fmt: skip
_STYLE = """body{font-family:system-ui,sans-serif;max-width:70em;margin:2em auto;padding:0 1em;
line-height:1.45}table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}
th,td{border:1px solid #ccc;padding:.3em .5em;
text-align:left;vertical-align:top}th{background:#f4f4f4;width:12em}code,pre{background:#f6f6f6}
pre{padding:.5em;overflow-x:auto;font-size:.85em}.Violation{color:#a00}.Warning{color:#a60}.Info{color:#06a}
section{border-top:1px solid #ddd;margin-top:1.5em}"""


def curie(term: URIRef) -> str:
    """``term`` as a CURIE of the page's prefixes, else ``<iri>``."""
    iri = str(term)
    for prefix, namespace in sorted(_PREFIXES.items(), key=lambda item: -len(item[1])):
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return f"<{iri}>"


def term_html(graph: Graph, term: object) -> str:
    """A term in Turtle-like words: CURIEs (a rule linked to its entry), literals, lists, ``[ … ]``."""
    if isinstance(term, URIRef):
        text = escape(curie(term))
        if str(term).startswith(str(AKGSH)):
            return f'<a href="#{escape(str(term)[len(str(AKGSH)) :])}">{text}</a>'
        return f"<code>{text}</code>"
    if isinstance(term, Literal):
        if term.datatype in (XSD.integer, XSD.boolean, XSD.decimal):
            return escape(str(term))
        suffix = f"@{term.language}" if term.language else ""
        return f'<code>"{escape(str(term))}"{escape(suffix)}</code>'
    if isinstance(term, BNode):
        if (term, RDF.first, None) in graph:
            return "( " + " ".join(term_html(graph, item) for item in Collection(graph, term)) + " )"
        pairs = sorted(graph.predicate_objects(term))
        return "[ " + " ; ".join(f"{escape(curie(p))} {term_html(graph, o)}" for p, o in pairs) + " ]"
    return escape(str(term))


def _texts(graph: Graph, subject: object, predicate: URIRef) -> dict[str, str]:
    return {value.language or "": str(value) for value in graph.objects(subject, predicate)}


def _rule_ids(graph: Graph) -> list[URIRef]:
    shapes = set(graph.subjects(RDF.type, SH.NodeShape)) | set(graph.subjects(RDF.type, SH.PropertyShape))
    return sorted(s for s in shapes if isinstance(s, URIRef))


def _own_targets(graph: Graph, shape: object) -> list[str]:
    return [
        f"{escape(curie(kind))} {term_html(graph, value)}"
        for kind in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
        for value in sorted(graph.objects(shape, kind))
    ]


def _targets(graph: Graph, shape: URIRef) -> str:
    """What the shape checks: its own targets, else those of the node shapes that list it."""
    own = _own_targets(graph, shape)
    if own:
        return "<br>".join(own)
    through = [
        f"{'<br>'.join(_own_targets(graph, parent))} (through {term_html(graph, parent)})"
        for parent in sorted(graph.subjects(SH.property, shape))
    ]
    return "<br>".join(through) or "—"


def _rows(graph: Graph, shape: URIRef) -> list[tuple[str, str]]:
    """(heading, HTML) rows describing one shape."""
    kind = "node shape" if (shape, RDF.type, SH.NodeShape) in graph else "property shape"
    rows = [("IRI", f"<code>{escape(str(shape))}</code>"), ("kind", kind), ("target", _targets(graph, shape))]
    for path in sorted(graph.objects(shape, SH.path)):
        rows.append(("path", term_html(graph, path)))
    constraints = [
        f"{escape(curie(p))} {term_html(graph, o)}"
        for p, o in sorted(graph.predicate_objects(shape))
        if str(p).startswith(str(SH)) and p not in _APART
    ]
    members = sorted(graph.objects(shape, SH.property))
    if members:
        constraints.append("sh:property " + ", ".join(term_html(graph, member) for member in members))
    if constraints:
        rows.append(("constraints", "<br>".join(constraints)))
    for query in sorted(graph.objects(shape, SH.sparql)):
        for select in graph.objects(query, SH.select):
            rows.append(("SPARQL", f"<pre>{escape(str(select).strip())}</pre>"))
    severity = graph.value(shape, SH.severity)
    if severity is not None:
        name = escape(curie(severity).removeprefix("sh:"))
        rows.append(("severity", f'<span class="{name}">{name}</span>'))
    messages = _texts(graph, shape, SH.message)
    for language, heading in (("fr", "message (fr)"), ("en", "message (en)")):
        if language in messages:
            rows.append((heading, escape(messages[language])))
    for language, text in sorted(_texts(graph, shape, RDFS.comment).items()):
        rows.append((f"comment ({language})" if language else "comment", escape(text)))
    return rows


def _table(rows: list[tuple[str, str]]) -> str:
    return "<table>" + "".join(f"<tr><th>{escape(h)}</th><td>{v}</td></tr>" for h, v in rows) + "</table>"


def _header(graph: Graph) -> tuple[str, str]:
    """(page title, HTML of the shapes ontology's metadata)."""
    iri = next(iter(sorted(graph.subjects(RDF.type, OWL.Ontology))), None)
    titles = _texts(graph, iri, DCTERMS.title)
    title = " · ".join(titles[lang] for lang in ("en", "fr", "") if lang in titles) or "SHACL shapes"
    rows = [("IRI", f"<code>{escape(str(iri))}</code>")]
    for label, predicate in (("version IRI", OWL.versionIRI), ("version", OWL.versionInfo),
                             ("licence", DCTERMS.license), ("creator", DCTERMS.creator),
                             ("see also", RDFS.seeAlso)):  # fmt: skip
        for value in sorted(graph.objects(iri, predicate)):
            shown = escape(str(value))
            rows.append((label, f'<a href="{shown}">{shown}</a>' if isinstance(value, URIRef) else shown))
    for language, text in sorted(_texts(graph, iri, DCTERMS.description).items()):
        rows.append((f"description ({language})", escape(text)))
    return title, _table(rows)


def _summary(graph: Graph, rules: list[URIRef]) -> str:
    """Two tables: one line per rule (id, target, severity, English message), then the node shapes
    that only select focus nodes for the rules they list."""
    lines, groups = [], []
    for rule in rules:
        severity = graph.value(rule, SH.severity)
        if severity is None:
            members = ", ".join(
                term_html(graph, member) for member in sorted(graph.objects(rule, SH.property))
            )
            row = f"<td>{term_html(graph, rule)}</td><td>{_targets(graph, rule)}</td><td>{members}</td>"
            groups.append(f"<tr>{row}</tr>")
            continue
        name = escape(curie(severity).removeprefix("sh:"))
        message = escape(_texts(graph, rule, SH.message).get("en", ""))
        lines.append(
            f"<tr><td>{term_html(graph, rule)}</td><td>{_targets(graph, rule)}</td>"
            f'<td class="{name}">{name}</td><td>{message}</td></tr>'
        )
    head = "<tr><th>rule</th><th>target</th><th>severity</th><th>message</th></tr>"
    group_head = "<tr><th>node shape</th><th>target</th><th>its rules</th></tr>"
    return (
        f"<h2>Rules</h2><table>{head}{''.join(lines)}</table><h2>Groups</h2><p>Node shapes that select "
        f"focus nodes for the rules they list, with no constraint of their own.</p>"
        f"<table>{group_head}{''.join(groups)}</table>"
    )


def shapes_page(graph: Graph) -> bytes:
    """The shapes' HTML page, UTF-8; deterministic (everything is sorted)."""
    title, header = _header(graph)
    rules = _rule_ids(graph)
    sections = "".join(
        f'<section id="{escape(str(rule)[len(str(AKGSH)) :])}"><h3>{escape(curie(rule))}</h3>'
        f"{_table(_rows(graph, rule))}</section>"
        for rule in rules
    )
    page = (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{_STYLE}</style></head><body><h1>{escape(title)}</h1>{header}"
        f"<p>The rules the built graph is validated against (<code>atelier-kg validate</code>); the "
        f'ontology they check is documented at <a href="https://w3id.org/atelier-kg/def">'
        f"https://w3id.org/atelier-kg/def</a>.</p>{_summary(graph, rules)}"
        f"<h2>Every shape</h2>{sections}</body></html>\n"
    )
    return page.encode("utf-8")
