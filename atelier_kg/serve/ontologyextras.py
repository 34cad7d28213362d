"""What the ontology page adds to pyLODE's: labels, datatypes and the alignment to ePO and schema.org.

The additions are made in pyLODE's own page tree (dominate elements), in its classes and layout,
before it is rendered: a "Labels" and an "Alignment" row in each term's table, and two sections,
"Datatypes" and "Alignment to ePO and schema.org", with their entries in the table of contents.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, Graph, URIRef

from atelier_kg.namespaces import AKG, PREFIXES
from atelier_kg.sources import expand, read_mapping_set


@dataclass(frozen=True)
class Alignment:
    """One row of the alignment: our term, the mapping predicate, the ePO or schema.org term."""

    subject: str
    predicate: str
    target: str
    target_label: str
    confidence: str
    comment: str


def read_alignment(path: Path) -> tuple[list[Alignment], dict[str, Any]]:
    """The rows of ``alignment.sssom.tsv`` (CURIEs expanded) and the mapping set's metadata."""
    mapping_set = read_mapping_set(path)
    curies = mapping_set.curie_map
    rows = [
        Alignment(
            expand(row.get("subject_id"), curies),
            expand(row.get("predicate_id"), curies),
            expand(row.get("object_id"), curies),
            row.get("object_label"),
            row.get("confidence"),
            row.get("comment"),
        )
        for row in mapping_set.rows
    ]
    return rows, mapping_set.metadata


def own_terms(ontology: Graph) -> list[URIRef]:
    """The ``akg:`` terms the ontology declares, sorted."""
    return sorted(
        {s for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(AKG)}
    )


def texts(graph: Graph, subject: URIRef, predicate: URIRef) -> list[tuple[str, str]]:
    """(language, text) of ``subject``'s ``predicate`` values, English first, then French."""
    return sorted((value.language or "", str(value)) for value in graph.objects(subject, predicate))


def curie(iri: str) -> str:
    """``iri`` as a CURIE of the project's prefixes (ePO, schema.org, SKOS…), else as it is."""
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def _labels(ontology: Graph, term: URIRef) -> str:
    """``séance (fr) · session (en)``: the labels, French first as in ``ontology/README.md``."""
    labels = sorted(texts(ontology, term, RDFS.label), key=lambda pair: pair[0] != "fr")
    return " · ".join(f"{text} ({language})" if language else text for language, text in labels)


def _english(ontology: Graph, term: URIRef) -> str:
    """The English label of ``term`` (its CURIE if it has none)."""
    english = [text for language, text in texts(ontology, term, RDFS.label) if language == "en"]
    return english[0] if english else curie(str(term))


def _term_link(term: str, fragments: dict[str, str]) -> Any:
    from dominate.tags import a

    if term in fragments:
        return a(curie(term), href="#" + fragments[term])
    return a(curie(term), href=term)


def _mapping_item(row: Alignment) -> Any:
    """``skos:broadMatch epo:OrganisationGroup (confidence 0.8)``, the two terms linked."""
    from dominate.tags import a, code, span

    item = span(code(a(curie(row.predicate), href=row.predicate)), " ", a(curie(row.target), href=row.target))
    if row.confidence:
        item.add(f" (confidence {row.confidence})")
    return item


def _add_rows(page: Any, ontology: Graph, alignment: list[Alignment], fragments: dict[str, str]) -> None:
    """A "Labels" row (and an "Alignment" row where there is one) in each term's table."""
    from dominate.tags import li, td, th, tr, ul

    for term, fragment in fragments.items():
        found = page.content.get(id=fragment)
        tables = found[0].get("table") if found else []
        if not tables:
            continue
        rows = [tr(th("Labels"), td(_labels(ontology, URIRef(term))))]
        mappings = [row for row in alignment if row.subject == term]
        if mappings:
            rows.append(tr(th("Alignment"), td(ul(*(li(_mapping_item(row)) for row in mappings)))))
        for position, row in enumerate(rows, start=1):  # after the IRI row
            tables[0].children.insert(position, row)
            row.parent = tables[0]


def _datatypes_section(ontology: Graph, fragments: dict[str, str]) -> Any:
    """The identifier datatypes (``rdfs:Datatype``), which OntPub does not list."""
    from dominate.tags import code, div, h2, h3, p, strong, sup, table, td, th, tr

    section = div(h2("Datatypes"), id="datatypes", _class="section")
    for term in sorted(ontology.subjects(RDF.type, RDFS.Datatype)):
        if str(term) not in fragments:
            continue
        rows = table(tr(th("IRI"), td(code(str(term)))), tr(th("Labels"), td(_labels(ontology, term))))
        comments = texts(ontology, term, RDFS.comment)
        if comments:
            rows.add(tr(th("Description"), td(*(p(strong(lang), f" · {text}") for lang, text in comments))))
        title = h3(_english(ontology, term), sup("dt", title="RDFS Datatype"))
        section.add(div(title, rows, id=fragments[str(term)], _class="property entity"))
    return section


def _alignment_section(
    alignment: list[Alignment], metadata: dict[str, Any], fragments: dict[str, str]
) -> Any:
    """Every row of ``alignment.sssom.tsv``: our term, predicate, target, confidence, comment."""
    from dominate.tags import a, code, div, h2, p, table, td, th, tr

    section = div(h2("Alignment to ePO and schema.org"), id="alignment", _class="section")
    section.add(
        p(
            "From the SSSOM mapping set ",
            code("ontology/alignment.sssom.tsv"),
            f" ({metadata.get('mapping_set_title', '')}, version {metadata.get('mapping_set_version', '')}, ",
            a("licence", href=str(metadata.get("license", ""))),
            "). The build writes each row into the graph as the stated predicate between the two terms.",
        )
    )
    rows = table(tr(th("term"), th("predicate"), th("target"), th("confidence"), th("comment")))
    for row in alignment:
        rows.add(
            tr(
                td(_term_link(row.subject, fragments)),
                td(code(a(curie(row.predicate), href=row.predicate))),
                td(
                    a(curie(row.target), href=row.target),
                    f" ({row.target_label})" if row.target_label else "",
                ),
                td(row.confidence),
                td(row.comment),
            )
        )
    section.add(rows)
    return section


def _add_to_contents(page: Any, entries: list[tuple[str, str, list[tuple[str, str]]]]) -> None:
    """Entries (fragment, title, sub-entries) in the table of contents, before "Namespaces"."""
    from dominate.tags import a, h4, li, ul

    toc = page.doc.body.get(id="toc")
    lists = toc[0].get("ul", _class="first") if toc else []
    if not lists:
        return
    for fragment, title, items in entries:
        item = li(h4(a(title, href="#" + fragment)))
        if items:
            item.add(ul(*(li(a(text, href="#" + target)) for target, text in items), _class="second"))
        lists[0].children.insert(len(lists[0].children) - 2, item)
        item.parent = lists[0]


def complete(
    page: Any,
    ontology: Graph,
    alignment: list[Alignment],
    metadata: dict[str, Any],
    fragments: dict[str, str],
) -> None:
    """Add to pyLODE's page what it leaves out (see the module's docstring)."""
    _add_rows(page, ontology, alignment, fragments)
    sections = [_datatypes_section(ontology, fragments), _alignment_section(alignment, metadata, fragments)]
    anchor = page.content.get(id="namespaces")
    position = page.content.children.index(anchor[0]) if anchor else len(page.content.children)
    for offset, section in enumerate(sections):
        page.content.children.insert(position + offset, section)
        section.parent = page.content
    datatypes = [
        (fragments[str(term)], _english(ontology, term))
        for term in sorted(ontology.subjects(RDF.type, RDFS.Datatype))
        if str(term) in fragments
    ]
    _add_to_contents(
        page, [("datatypes", "Datatypes", datatypes), ("alignment", "Alignment to ePO and schema.org", [])]
    )
