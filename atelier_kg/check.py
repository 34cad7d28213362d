"""Comparing the key figures a source declares with what the data counts."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef

from .library import library_query, run


@dataclass(frozen=True)
class FigureCheck:
    """One declared figure, what the data counts for it, and whether they agree."""

    figure: str
    as_written: str
    declared: str
    counted: int | None
    status: str  # "agrees", "disagrees" or "not checkable"
    method: str
    note: str = ""


def _literal_int(value: object) -> int | None:
    return None if value is None else int(str(value))


def check_figures(graph: Graph) -> list[FigureCheck]:
    """Check every akg:DeclaredFigure of ``graph`` with the check query its akg:measure names."""
    checks = []
    for row in run(graph, library_query("declared-figures", "check")):
        value, minimum, maximum = (_literal_int(row[k]) for k in ("value", "minimum", "maximum"))
        counted, status, method = None, "not checkable", "no count in the data measures this"
        if row["measure"] is not None and row["about"] is not None:
            query = library_query(str(row["measure"]), "check")
            method = query.header.get("counts", query.title)
            answers = list(run(graph, query, {"about": URIRef(str(row["about"]))}))
            counted = _literal_int(answers[0][0]) if answers else None
        if counted is not None and value is not None:
            status = "agrees" if counted == value else "disagrees"
        elif counted is not None:
            status = "agrees" if minimum <= counted <= maximum else "disagrees"
        checks.append(
            FigureCheck(
                figure=str(row["figure"]),
                as_written=str(row["asWritten"]),
                declared=str(value) if value is not None else f"{minimum}–{maximum}",
                counted=counted,
                status=status,
                method=method,
                note="" if row["note"] is None else str(row["note"]),
            )
        )
    return checks
