"""The build: sources → graph → materialised graph → validation → outputs, written atomically."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF

from .errors import ValidationFailed
from .graph import build_graph, rdflib_graph
from .load import load_sources, read_turtle
from .materialise import materialise
from .namespaces import AKG
from .progress import QUIET, Progress
from .validate import Report, report_graph, report_text, validate_graph
from .void import describe
from .write import atomic_outputs, jsonld, ntriples, sorted_triples, turtle

ONTOLOGY_FILES = ("atelier.ttl", "external.ttl")
OUTPUTS = (
    "atelier.ttl",
    "atelier.nt",
    "atelier.jsonld",
    "void.ttl",
    "validation-report.ttl",
    "validation-report.txt",
)


@dataclass
class BuildResult:
    """What a build made."""

    graph: Graph
    report: Report | None
    out_dir: Path | None


def load_ontology(ontology_dir: Path) -> Graph:
    """The class and property hierarchy used for materialisation (own and reused terms)."""
    return rdflib_graph(t for name in ONTOLOGY_FILES for t in read_turtle(ontology_dir / name))


def load_shapes(ontology_dir: Path) -> Graph:
    """The SHACL shapes of the ontology folder."""
    return rdflib_graph(read_turtle(ontology_dir / "shapes.ttl"))


def make_graph(data_dir: Path, ontology_dir: Path, progress: Progress = QUIET) -> Graph:
    """Read the sources and return the materialised graph (no validation, nothing written)."""
    progress.step(f"reading sources in {data_dir}")
    data = load_sources(data_dir)
    progress.detail(", ".join(f"{name}: {len(rows)} rows" for name, rows in data.tables.items()))
    progress.step("building the graph")
    graph = build_graph(data)
    progress.step("materialising superclasses and superproperties")
    added = materialise(graph, load_ontology(ontology_dir))
    progress.detail(f"{len(graph)} triples ({added} materialised)")
    return graph


def _write_report(scratch: Path, report: Report, graph: Graph) -> None:
    (scratch / "validation-report.ttl").write_bytes(
        turtle(sorted_triples(report_graph(report)), prefixes=None)
    )
    (scratch / "validation-report.txt").write_text(report_text(report, graph), encoding="utf-8")


def build(
    data_dir: Path,
    ontology_dir: Path,
    out_dir: Path,
    validate: bool = True,
    fast: bool = True,
    progress: Progress = QUIET,
) -> BuildResult:
    """Build the graph and write its outputs to ``out_dir``.

    Raises :class:`SourceError` on bad input (nothing written) and :class:`ValidationFailed` when
    the graph violates a shape (only the validation report is written; the previous graph
    outputs stay as they were).
    """
    graph = make_graph(data_dir, ontology_dir, progress)
    report = None
    if validate:
        progress.step("validating against the SHACL shapes")
        report = validate_graph(graph, load_shapes(ontology_dir), fast=fast)
        if not report.conforms:
            with atomic_outputs(out_dir) as scratch:
                _write_report(scratch, report, graph)
            raise ValidationFailed(
                f"the graph does not conform: see {out_dir / 'validation-report.txt'}; "
                "the previous outputs were kept"
            )
    progress.step(f"writing outputs to {out_dir}")
    triples = sorted_triples(graph)
    with atomic_outputs(out_dir) as scratch:
        (scratch / "atelier.nt").write_bytes(ntriples(triples))
        (scratch / "atelier.ttl").write_bytes(turtle(triples))
        progress.step("writing JSON-LD")
        (scratch / "atelier.jsonld").write_bytes(jsonld(graph))
        void = describe(graph, sorted(graph.subjects(RDF.type, AKG.SourceDocument)))
        (scratch / "void.ttl").write_bytes(turtle(sorted_triples(void)))
        if report is not None:
            _write_report(scratch, report, graph)
    return BuildResult(graph, report, out_dir)
