"""Comparing the key figures a source declares with what the data counts."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from atelier_kg.sparql import Query, Store, find_query, run_query


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


def _literal_int(value: ox.Literal | None) -> int | None:
    return None if value is None else int(value.value)


def check_figures(store: Store) -> list[FigureCheck]:
    """Check every akg:DeclaredFigure in ``store`` with the check query its akg:measure names."""
    checks = []
    queries: dict[str, Query] = {}  # each check query read and parsed once, however many figures use it
    for row in run_query(store, find_query("check/declared-figures")).rows:
        value, minimum, maximum = (_literal_int(row.get(k)) for k in ("value", "minimum", "maximum"))
        counted, status, method = None, "not checkable", "no count in the data measures this"
        if "measure" in row and "about" in row:
            measure = row["measure"].value
            if measure not in queries:
                queries[measure] = find_query(f"check/{measure}")
            query = queries[measure]
            method = query.header.get("counts", query.title)
            answers = run_query(store, query, {"about": row["about"]}).rows
            counted = _literal_int(answers[0].get("value")) if answers else None
        if counted is not None and value is not None:
            status = "agrees" if counted == value else "disagrees"
        elif counted is not None:
            status = "agrees" if minimum <= counted <= maximum else "disagrees"
        checks.append(
            FigureCheck(
                figure=row["figure"].value,
                as_written=row["asWritten"].value,
                declared=str(value) if value is not None else f"{minimum}–{maximum}",
                counted=counted,
                status=status,
                method=method,
                note=row["note"].value if "note" in row else "",
            )
        )
    return checks
