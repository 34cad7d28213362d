"""The commands of the build stage: ``build``, ``validate`` and ``check``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .options import BUILD_GRAPH, Command, ontology_option, progress

PYSHACL_ONLY = "run every SPARQL rule through pyshacl (slow; for comparison)"


def _build_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", type=Path, default=Path("data"), help="source folder (default: ./data)")
    ontology_option(p, "ontology folder (default: ./ontology, else the installed copy)")
    p.add_argument("--out", type=Path, default=Path("build"), help="output folder (default: ./build)")
    p.add_argument("--no-validate", action="store_true", help="skip SHACL validation")
    p.add_argument("--pyshacl-only", action="store_true", help=PYSHACL_ONLY)


def _build(args: argparse.Namespace) -> int:
    from atelier_kg.build import build
    from atelier_kg.links import describe_duplicate
    from atelier_kg.paths import ontology_dir

    result = build(
        args.data,
        ontology_dir(args.ontology),
        args.out,
        validate=not args.no_validate,
        fast=not args.pyshacl_only,
        progress=progress(args),
    )
    for duplicate in result.duplicates:
        print(f"atelier-kg: warning: {describe_duplicate(duplicate)}", file=sys.stderr)
    for location in result.formula_cells:
        print(
            f"atelier-kg: warning: {location}: the cell starts like a spreadsheet formula "
            "(= + - @); CSV and TSV exports write it with a leading apostrophe",
            file=sys.stderr,
        )
    if not args.quiet:
        summary = f"built {len(result.triples)} triples into {args.out}"
        if result.report is not None:
            from rdflib.namespace import SH

            report = result.report
            summary += f" (conforms; {report.count(SH.Warning)} warning(s), {report.count(SH.Info)} note(s))"
        print(summary)
    return 0


def _validate_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "file",
        nargs="?",
        type=Path,
        default=None,
        help="graph file (.nt, .ttl, .jsonld); default: build/atelier.nt",
    )
    ontology_option(p, "folder holding shapes.ttl (default: ./ontology, else the installed copy)")
    p.add_argument("--pyshacl-only", action="store_true", help=PYSHACL_ONLY)


def _validate(args: argparse.Namespace) -> int:
    from atelier_kg.paths import ontology_dir
    from atelier_kg.sources import read_triples
    from atelier_kg.validate import load_shapes, report_text, validate_triples

    path = args.file or BUILD_GRAPH
    steps = progress(args)
    steps.step(f"reading {path}")
    triples = read_triples(path)
    steps.step("validating against the SHACL shapes")
    report = validate_triples(triples, load_shapes(ontology_dir(args.ontology)), fast=not args.pyshacl_only)
    if not args.quiet or not report.conforms:
        print(report_text(report, triples), end="")
    return 0 if report.conforms else 1


def _check_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "file", nargs="?", type=Path, default=None, help="graph file; default: build the graph from --data"
    )
    p.add_argument("--data", type=Path, default=Path("data"), help="source folder (default: ./data)")
    ontology_option(p, "ontology folder")
    p.add_argument("--strict", action="store_true", help="exit 1 when a figure disagrees")


def _check(args: argparse.Namespace) -> int:
    from atelier_kg.build import make_triples
    from atelier_kg.check import check_figures
    from atelier_kg.paths import ontology_dir
    from atelier_kg.sparql import EmbeddedStore

    if args.file:
        store = EmbeddedStore.from_file(args.file)
    else:
        store = EmbeddedStore.from_triples(
            make_triples(args.data, ontology_dir(args.ontology), progress(args))
        )
    checks = check_figures(store)
    width = max(len(c.as_written) for c in checks) if checks else 10
    for c in checks:
        counted = "—" if c.counted is None else str(c.counted)
        figure = f"{c.status:<13} {c.as_written:<{width}}"
        print(f"{figure}  declared {c.declared:>5}  counted {counted:>4}  ({c.method})")
        if c.note:
            print(f"{'':<13} note: {c.note}")
    disagree = sum(c.status == "disagrees" for c in checks)
    print(
        f"\n{sum(c.status == 'agrees' for c in checks)} agree, {disagree} disagree, "
        f"{sum(c.status == 'not checkable' for c in checks)} not checkable"
    )
    return 1 if (args.strict and disagree) else 0


COMMANDS = (
    Command(
        "build",
        "build the graph from data/ and ontology/ into --out (validates by default)",
        _build_arguments,
        _build,
        detail=True,
    ),
    Command(
        "validate",
        "validate the build, or a given graph file, against the SHACL shapes",
        _validate_arguments,
        _validate,
        detail=True,
    ),
    Command(
        "check",
        "compare the key figures the page declares with what the data counts",
        _check_arguments,
        _check,
        detail=True,
    ),
)
