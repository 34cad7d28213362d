"""The build: sources → triples → materialised triples → validation → outputs, written atomically."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from atelier_kg.errors import Location, ValidationFailed
from atelier_kg.namespaces import AKG
from atelier_kg.output import atomic_outputs, formula_like
from atelier_kg.progress import QUIET, Progress
from atelier_kg.serialise import jsonld, ntriples, sorted_triples, turtle
from atelier_kg.sources import Duplicate, SourceData, load_alignment, load_sources, read_turtle
from atelier_kg.terms import ox_triples, rdflib_graph
from atelier_kg.validate import Report, load_shapes, report_graph, report_text, validate_triples

from .mappinggraph import mapping_triples
from .materialise import materialise
from .triples import build_triples
from .void import describe_graph

ONTOLOGY_FILES = ("atelier.ttl", "external.ttl")
#: The alignment of our terms to ePO and schema.org (SSSOM), built into the graph when present.
ALIGNMENT = "alignment.sssom.tsv"
#: The dumps of the graph the build writes, each with its writer (deterministic bytes).
DUMPS: dict[str, Callable[[list[ox.Triple]], bytes]] = {
    "atelier.nt": ntriples,
    "atelier.ttl": turtle,
    "atelier.jsonld": jsonld,
}
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
    """What a build made: the sorted triples and, when validated, the report."""

    triples: list[ox.Triple]
    report: Report | None
    out_dir: Path | None
    #: Objects (SIREN, Wikidata item) several subjects are mapped to: reported, not fatal.
    duplicates: list[Duplicate] = field(default_factory=list)
    #: Source cells a spreadsheet would run as a formula (CSV/TSV exports neutralise them): warned.
    formula_cells: list[Location] = field(default_factory=list)


def load_ontology(ontology_dir: Path) -> Graph:
    """The class and property hierarchy used for materialisation (own and reused terms)."""
    return rdflib_graph(t for name in ONTOLOGY_FILES for t in read_turtle(ontology_dir / name))


def read_and_build(
    data_dir: Path, ontology_dir: Path, progress: Progress = QUIET
) -> tuple[list[ox.Triple], SourceData]:
    """Read the sources; return the materialised triples, sorted, and the checked sources."""
    progress.step(f"reading sources in {data_dir}")
    data = load_sources(data_dir)
    progress.detail(", ".join(f"{name}: {len(rows)} rows" for name, rows in data.tables.items()))
    progress.detail(f"mapping sets: {len(data.mappings.mappings)} mappings")
    progress.step("building the graph")
    triples = build_triples(data)
    ontology = load_ontology(ontology_dir)
    alignment = ontology_dir / ALIGNMENT
    if alignment.exists():
        terms = {str(s) for s in ontology.subjects() if str(s).startswith(str(AKG))}
        triples |= mapping_triples(load_alignment(alignment, terms).mappings)
    progress.step("materialising superclasses and superproperties")
    added = materialise(triples, ontology)
    progress.detail(f"{len(triples)} triples ({added} materialised)")
    progress.step("sorting")
    return sorted_triples(triples), data


def formula_cells(data: SourceData) -> list[Location]:
    """Where a source table holds a cell that a spreadsheet would run as a formula."""
    return [
        row.location(column)
        for rows in data.tables.values()
        for row in rows
        for column, value in row.cells.items()
        if formula_like(value)
    ]


def make_triples(data_dir: Path, ontology_dir: Path, progress: Progress = QUIET) -> list[ox.Triple]:
    """Read the sources and return the materialised triples, sorted (nothing validated or written)."""
    return read_and_build(data_dir, ontology_dir, progress)[0]


def make_graph(data_dir: Path, ontology_dir: Path, progress: Progress = QUIET) -> Graph:
    """Read the sources and return the materialised graph as an rdflib graph (for notebooks)."""
    return rdflib_graph(make_triples(data_dir, ontology_dir, progress))


def _write_report(scratch: Path, report: Report, triples: list[ox.Triple]) -> None:
    report_triples = sorted_triples(ox_triples(report_graph(report)))
    (scratch / "validation-report.ttl").write_bytes(turtle(report_triples))
    (scratch / "validation-report.txt").write_text(report_text(report, triples), encoding="utf-8")


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
    triples, data = read_and_build(data_dir, ontology_dir, progress)
    report = None
    if validate:
        progress.step("validating against the SHACL shapes")
        report = validate_triples(triples, load_shapes(ontology_dir), fast=fast)
        if not report.conforms:
            with atomic_outputs(out_dir) as scratch:
                _write_report(scratch, report, triples)
            raise ValidationFailed(
                f"the graph does not conform: see {out_dir / 'validation-report.txt'}; "
                "the previous outputs were kept"
            )
    with atomic_outputs(out_dir) as scratch:
        progress.step(f"writing N-Triples and Turtle to {out_dir}")
        for name in ("atelier.nt", "atelier.ttl"):
            (scratch / name).write_bytes(DUMPS[name](triples))
        progress.step("writing JSON-LD")
        (scratch / "atelier.jsonld").write_bytes(DUMPS["atelier.jsonld"](triples))
        progress.step("describing the dataset (VoID)")
        (scratch / "void.ttl").write_bytes(turtle(describe_graph(triples)))
        if report is not None:
            _write_report(scratch, report, triples)
    return BuildResult(triples, report, out_dir, data.mappings.duplicates, formula_cells(data))
