"""Review decisions on candidates: accepted rows move into the curated mapping sets, rejected ones
into ``mappings/review/rejected.sssom.tsv`` (never built), so that ``link suggest`` does not propose
them again.

A row keeps its ``record_id`` (the review trail reads the same id in both files), its justification,
author, date, confidence and evidence, and gains ``reviewer_label`` and ``review_date``. It is
appended at the end of the curated set of its object's prefix (``wikidata:`` →
``mappings/wikidata.sssom.tsv``, created with its metadata when missing): the metadata block and
the other rows keep their bytes, so their line numbers — the provenance of the built mapping
records — do not move. A curated set whose text is not the canonical form ``format_mapping_set``
writes gets the new lines appended as they are.

Refused, before anything is written: an id that is not in the candidates file (close ones are
named); two candidates for one subject; a subject that already has a link of that kind in a
curated set, or an item already curated for another subject — one subject, one item, never two
silently (remove the curated row first to replace it). Each file is written atomically, the
curated sets first: a crash in between leaves the row in both, and the next ``link suggest``
drops it from the candidates because its subject is then linked.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from atelier_kg.errors import UsageError
from atelier_kg.output import atomic_write
from atelier_kg.sources import (
    BASE_COLUMNS,
    CURIE_COLUMNS,
    MappingRow,
    MappingSet,
    curated_paths,
    format_mapping_set,
    read_mapping_set,
    row_cells,
    split,
    write_mapping_set,
)

from .reviewsets import candidates_path, rejected_metadata, rejected_path

#: The curated set of each object prefix.
CURATED_FILE = {
    "wikidata": "wikidata.sssom.tsv",
    "SIREN": "siren.sssom.tsv",
    "SIRET": "siren.sssom.tsv",
    "INSEE.REG": "insee.sssom.tsv",
    "INSEE.DEP": "insee.sssom.tsv",
    "INSEE.COM": "insee.sssom.tsv",
    "INSEE.EPCI": "insee.sssom.tsv",
    "CPV": "cpv.sssom.tsv",
}
TITLES = {
    "wikidata.sssom.tsv": ("Links to Wikidata items", "Organisations and places linked to Wikidata items"),
    "siren.sssom.tsv": ("Links to SIREN and SIRET numbers", "Organisations linked to the SIRENE register"),
    "insee.sssom.tsv": ("Links to INSEE codes", "Places linked to their INSEE codes"),
    "cpv.sssom.tsv": ("Links to CPV codes", "Procurement domains and cases linked to CPV codes"),
}
BUILT_IN = ("skos", "owl", "rdfs", "semapv")


@dataclass
class AcceptResult:
    """What ``accept`` did: the rows as now written in the curated sets, and the files touched."""

    accepted: list[dict[str, str]]
    curated: list[Path]
    candidates: Path
    remaining: int


def normalise_id(given: str) -> str:
    """``akgmap:candidate-…`` for ``candidate-…`` or ``akgmap:candidate-…`` (spaces stripped)."""
    given = given.strip()
    return given if given.startswith("akgmap:") else f"akgmap:{given}"


def new_metadata(name: str, today: date) -> dict[str, str]:
    """The metadata block of a curated set made by ``link accept``."""
    title, description = TITLES.get(name, (name, name))
    return {
        "mapping_set_id": f"https://w3id.org/atelier-kg/mappings/{name}",
        "mapping_set_title": title,
        "mapping_set_description": (
            f"{description}. Rows accepted from `atelier-kg link suggest` name their reviewer "
            "and review date."
        ),
        "license": "https://opensource.org/licenses/MIT",
        "mapping_set_version": today.isoformat(),
    }


def _line(row: dict[str, str]) -> str:
    return "\t".join(row.get(column, "") for column in BASE_COLUMNS) + "\n"


def curated_text(
    path: Path, rows: list[dict[str, str]], today: date, mapping_set: MappingSet | None = None
) -> str:
    """The text of the curated set ``path`` with ``rows`` appended (created when missing).

    ``mapping_set`` is the set as already read from ``path``, if it was (else it is read here).
    """
    if not path.is_file():
        return format_mapping_set(new_metadata(path.name, today), rows)
    original = path.read_bytes().decode("utf-8")
    if mapping_set is None:
        mapping_set = read_mapping_set(path)
    old = [row_cells(row) for row in mapping_set.rows]
    if format_mapping_set(mapping_set.metadata, old) == original:
        return format_mapping_set(mapping_set.metadata, old + rows)
    if mapping_set.columns != BASE_COLUMNS:
        raise UsageError(
            f"{path}: its columns are not the project's ({' '.join(BASE_COLUMNS)}), so a row cannot be "
            "appended as it is; put the header in that order (or add the row by hand)"
        )
    used = {split(row.get(c, ""))[0] for row in rows for c in CURIE_COLUMNS} - {""}
    missing = sorted(used - set(mapping_set.curie_map) - set(BUILT_IN))
    if missing:
        raise UsageError(
            f"{path}: the prefix(es) {', '.join(missing)} are not declared in its curie_map; "
            "declare them in the metadata block, then accept again"
        )
    text = original if original.endswith("\n") or not original else original + "\n"
    return text + "".join(_line(row) for row in rows)


def _local(record: str) -> str:
    return record.rpartition("candidate-")[2] or record


def _chosen(ids: list[str], rows: list[MappingRow], path: Path, accepted: dict[str, str]) -> list[MappingRow]:
    """The candidate rows of ``ids``, in the order given; :class:`UsageError` for an unknown id."""
    by_id = {row.get("record_id"): row for row in rows}
    chosen: list[MappingRow] = []
    for given in ids:
        rid = normalise_id(given)
        if rid not in by_id:
            if rid in accepted:
                raise UsageError(f"{rid} is no longer a candidate: it was accepted into {accepted[rid]}")
            locals_ = {_local(r): r for r in by_id}
            close = [
                locals_[c] for c in difflib.get_close_matches(_local(rid), list(locals_), n=3, cutoff=0.6)
            ]
            hint = (
                f"did you mean {', '.join(close)}?"
                if close
                else f"the file holds {len(by_id)} candidate(s); run `atelier-kg link suggest` to refresh it"
            )
            raise UsageError(f"no candidate {given.strip()!r} in {path}; {hint}")
        if by_id[rid] not in chosen:
            chosen.append(by_id[rid])
    return chosen


@dataclass
class _Curated:
    """Where each subject link, object and record_id of the curated sets is (``file:line``)."""

    subjects: dict[tuple[str, str], str]
    objects: dict[str, str]
    records: dict[str, str]
    #: The sets as read, so that the one a row is appended to is not read again.
    sets: dict[Path, MappingSet]


def _curated(data_dir: Path) -> _Curated:
    curated = _Curated({}, {}, {}, {})
    for path in curated_paths(data_dir):
        curated.sets[path] = read_mapping_set(path)
        for row in curated.sets[path].rows:
            where = f"{path}:{row.line}"
            subject, obj = row.get("subject_id"), row.get("object_id")
            curated.subjects.setdefault((subject, split(obj)[0]), f"{obj} ({where})")
            curated.objects.setdefault(obj, f"{subject} ({where})")
            curated.records.setdefault(row.get("record_id"), where)
    return curated


def _check_conflicts(curated: _Curated, chosen: list[MappingRow]) -> None:
    """Refuse a second link of one kind for a subject, or an item already given to another subject."""
    subjects, objects, records = dict(curated.subjects), dict(curated.objects), curated.records
    for row in chosen:
        rid, subject, obj = row.get("record_id"), row.get("subject_id"), row.get("object_id")
        prefix = split(obj)[0]
        if prefix not in CURATED_FILE:
            raise UsageError(f"{rid}: no curated set takes objects of prefix {prefix!r}")
        key = (subject, prefix)
        if key in subjects:
            raise UsageError(
                f"{rid}: {subject} already links to {subjects[key]}; remove that row first "
                f"if {obj} is the right one (one subject, one {prefix} link)"
            )
        if prefix == "wikidata" and obj in objects:
            raise UsageError(f"{rid}: {obj} is already curated for {objects[obj]}")
        if rid in records:
            raise UsageError(f"{rid}: a curated row already has this record_id ({records[rid]})")
        subjects[key] = f"{obj} (candidate {rid})"
        objects[obj] = f"{subject} (candidate {rid})"


def _review(
    data_dir: Path, ids: list[str], reviewer: str, candidates: Path | None
) -> tuple[str, Path, MappingSet]:
    """The reviewer's name (spaces tidied), the candidates file and its rows; :class:`UsageError`
    when a review decision lacks its reviewer, its ids or its candidates."""
    reviewer = " ".join((reviewer or "").split())
    if not reviewer:
        raise UsageError("give the reviewer's name (--reviewer NAME): a review decision records who made it")
    if not ids:
        raise UsageError("give the record_id of at least one candidate (e.g. akgmap:candidate-0123456789)")
    path = candidates or candidates_path(data_dir)
    if not path.is_file():
        raise UsageError(f"{path}: no candidates file; run `atelier-kg link suggest` first")
    return reviewer, path, read_mapping_set(path)


def accept(
    data_dir: Path,
    ids: list[str],
    reviewer: str,
    *,
    today: date | None = None,
    candidates: Path | None = None,
) -> AcceptResult:
    """Move the candidates ``ids`` into the curated sets with ``reviewer`` and today's date.

    Raises :class:`UsageError` (no ids, blank reviewer, missing candidates file, unknown id,
    conflict with a curated row) and :class:`SourceError` (a malformed mapping set).
    """
    reviewer, path, review = _review(data_dir, ids, reviewer, candidates)
    today = today or date.today()
    curated = _curated(data_dir)
    chosen = _chosen(ids, review.rows, path, curated.records)
    _check_conflicts(curated, chosen)
    by_file: dict[Path, list[dict[str, str]]] = {}
    accepted = []
    for row in chosen:
        cells = {**row_cells(row), "reviewer_label": reviewer, "review_date": today.isoformat()}
        target = data_dir / "mappings" / CURATED_FILE[split(row.get("object_id"))[0]]
        by_file.setdefault(target, []).append(cells)
        accepted.append(cells)
    texts = {
        target: curated_text(target, rows, today, curated.sets.get(target))
        for target, rows in by_file.items()
    }
    for target, text in texts.items():
        atomic_write(target, text.encode("utf-8"))
    left = [row_cells(row) for row in review.rows if row not in chosen]
    write_mapping_set(path, review.metadata, left)
    return AcceptResult(accepted, sorted(texts), path, len(left))


@dataclass
class RejectResult:
    """What ``reject`` did: the rows as now written in the rejected set, and the files touched."""

    rejected: list[dict[str, str]]
    path: Path
    candidates: Path
    remaining: int


def reject(
    data_dir: Path,
    ids: list[str],
    reviewer: str,
    *,
    today: date | None = None,
    candidates: Path | None = None,
) -> RejectResult:
    """Move the candidates ``ids`` into the rejected set, as negative mappings (SSSOM
    ``predicate_modifier: Not``) with ``reviewer`` and today's date.

    Raises :class:`UsageError` (no ids, blank reviewer, missing candidates file, unknown id).
    """
    reviewer, path, review = _review(data_dir, ids, reviewer, candidates)
    today = today or date.today()
    chosen = _chosen(ids, review.rows, path, {})
    target = rejected_path(data_dir)
    rows = [row_cells(row) for row in read_mapping_set(target).rows] if target.is_file() else []
    known = {row["record_id"] for row in rows}
    rejected = []
    for row in chosen:
        cells = {
            **row_cells(row),
            "predicate_modifier": "Not",
            "reviewer_label": reviewer,
            "review_date": today.isoformat(),
        }
        rejected.append(cells)
        if cells["record_id"] not in known:
            rows.append(cells)
    write_mapping_set(target, rejected_metadata(today), rows)
    left = [row_cells(row) for row in review.rows if row not in chosen]
    write_mapping_set(path, review.metadata, left)
    return RejectResult(rejected, target, path, len(left))
