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
        declared = str(value) if value is not None else f"{minimum}–{maximum}"
        note = "" if row["note"] is None else str(row["note"])
        if row["measure"] is None or row["about"] is None:
            checks.append(
                FigureCheck(
                    str(row["figure"]),
                    str(row["asWritten"]),
                    declared,
                    None,
                    "not checkable",
                    "no count in the data measures this",
                    note,
                )
            )
            continue
        query = library_query(str(row["measure"]), "check")
        answers = list(run(graph, query, {"about": URIRef(str(row["about"]))}))
        counted = _literal_int(answers[0][0]) if answers and answers[0][0] is not None else None
        if counted is None:
            status = "not checkable"
        elif value is not None:
            status = "agrees" if counted == value else "disagrees"
        else:
            status = "agrees" if minimum <= counted <= maximum else "disagrees"
        checks.append(
            FigureCheck(
                str(row["figure"]),
                str(row["asWritten"]),
                declared,
                counted,
                status,
                query.header.get("counts", query.title),
                note,
            )
        )
    return checks
