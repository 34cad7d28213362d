"""The HTML documentation of the ontology (``/def``): pyLODE's OntPub page, with what it leaves out.

pyLODE is handed a documentation copy of the ontology: our own terms only (the bare declarations
of external terms would list ORG or FOAF classes as if they were ours), one English title per term
(links stay short and stable), and the French and English comments in one description, each marked
with its language. To its page are added what OntPub does not show: a "Labels" row (French and
English) and an "Alignment" row on each term, a "Datatypes" section (OntPub skips ``rdfs:Datatype``)
and an "Alignment to ePO and schema.org" section read from ``alignment.sssom.tsv``. Every term's
fragment is its local name, so ``https://w3id.org/atelier-kg/def#Session`` lands on its entry.
"""

from __future__ import annotations

from typing import Any

from rdflib import DCTERMS, OWL, RDF, RDFS, Graph, Literal, URIRef

from atelier_kg.namespaces import AKG, PREFIXES

from .ontologyextras import Alignment, complete, own_terms, texts
from .pylodepage import ontpub_class

#: The annotations replaced, in the documentation copy, by one title and one description.
_TEXTS = (RDFS.label, RDFS.comment, DCTERMS.title, DCTERMS.description)


def _title(values: list[tuple[str, str]]) -> str:
    english = [text for language, text in values if language == "en"]
    return english[0] if english else " · ".join(text for _, text in values)


def _description(values: list[tuple[str, str]]) -> str:
    return "\n\n".join(f"**{language}** · {text}" if language else text for language, text in values)


def documentation_graph(ontology: Graph, iri: URIRef) -> Graph:
    """The copy of the ontology pyLODE documents (see the module's docstring); no ``owl:imports``."""
    doc = Graph(bind_namespaces="core")
    for prefix, namespace in {**dict(ontology.namespaces()), **PREFIXES}.items():
        doc.bind(prefix, namespace, override=True)
    described = [iri, *own_terms(ontology)]
    kept = set(described)
    for s, p, o in ontology:
        if p == OWL.imports or p in _TEXTS or (isinstance(s, URIRef) and s not in kept):
            continue
        doc.add((s, p, o))
    for subject in described:
        labels = texts(ontology, subject, RDFS.label) or texts(ontology, subject, DCTERMS.title)
        comments = texts(ontology, subject, RDFS.comment) or texts(ontology, subject, DCTERMS.description)
        if subject == iri:
            doc.add((subject, DCTERMS.title, Literal(" · ".join(text for _, text in labels))))
        elif labels:
            doc.add((subject, DCTERMS.title, Literal(_title(labels))))
        if comments:
            doc.add((subject, DCTERMS.description, Literal(_description(comments))))
    return doc


def ontology_page(ontology: Graph, alignment: list[Alignment], metadata: dict[str, Any]) -> bytes:
    """The ontology's HTML documentation (pyLODE OntPub, completed), UTF-8."""
    iris = list(ontology.subjects(RDF.type, OWL.Ontology))
    iri = URIRef(str(iris[0])) if iris else URIRef(str(AKG).rstrip("#"))
    fragments = {str(term): term[len(AKG) :] for term in own_terms(ontology)}
    page_class = ontpub_class()

    def finish(page: Any) -> None:
        complete(page, ontology, alignment, metadata, fragments)

    page = page_class(documentation_graph(ontology, iri), fragments, finish)
    return page.make_html().encode("utf-8")
