"""The review mapping sets under ``mappings/review/``, which the build never reads: the candidates
``link suggest`` writes (one row per candidate, merged with the unreviewed rows of earlier runs)
and the pairs a reviewer rejected, which are not proposed again.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from atelier_kg.sources import MappingRow, read_mapping_set, row_cells

from .candidates import Candidate
from .subjects import EXACT, Curated

AUTHOR = "atelier-kg link suggest"


def candidates_path(data_dir: Path) -> Path:
    """Where ``link suggest`` writes and ``link accept`` reads: ``mappings/review/candidates.sssom.tsv``."""
    return data_dir / "mappings" / "review" / "candidates.sssom.tsv"


def rejected_path(data_dir: Path) -> Path:
    """Where rejected candidates are kept: ``mappings/review/rejected.sssom.tsv`` (not built)."""
    return data_dir / "mappings" / "review" / "rejected.sssom.tsv"


def rejected_pairs(data_dir: Path) -> set[tuple[str, str]]:
    """The (subject, object) pairs a reviewer rejected."""
    path = rejected_path(data_dir)
    if not path.is_file():
        return set()
    return {(row.get("subject_id"), row.get("object_id")) for row in read_mapping_set(path).rows}


def record_id(subject: str, obj: str) -> str:
    """``akgmap:candidate-<10 hex>``: the first 10 hex digits of SHA-256 of ``subject|object`` (stable)."""
    return f"akgmap:candidate-{hashlib.sha256(f'{subject}|{obj}'.encode()).hexdigest()[:10]}"


def candidates_metadata(today: date) -> dict[str, str]:
    """The metadata block of the candidates file."""
    return {
        "mapping_set_id": "https://w3id.org/atelier-kg/mappings/review/candidates.sssom.tsv",
        "mapping_set_title": "Candidate links to Wikidata, not reviewed",
        "mapping_set_description": (
            "Written by `atelier-kg link suggest`; never built. Review each row, then move the good ones "
            "into the curated sets with `atelier-kg link accept ID --reviewer NAME`."
        ),
        "license": "https://opensource.org/licenses/MIT",
        "mapping_set_version": today.isoformat(),
    }


def rejected_metadata(today: date) -> dict[str, str]:
    """The metadata block of the rejected set."""
    return {
        "mapping_set_id": "https://w3id.org/atelier-kg/mappings/review/rejected.sssom.tsv",
        "mapping_set_title": "Candidate links to Wikidata rejected by a reviewer",
        "mapping_set_description": (
            "Negative mappings (predicate_modifier Not) written by `atelier-kg link reject`; never built. "
            "`atelier-kg link suggest` does not propose these pairs again."
        ),
        "license": "https://opensource.org/licenses/MIT",
        "mapping_set_version": today.isoformat(),
    }


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _score_text(hundredths: int) -> str:
    return f"{hundredths / 100:g}"


def candidate_row(candidate: Candidate, endpoint: str, today: date) -> dict[str, str]:
    """The candidate as a row of the candidates file."""
    obj = f"wikidata:{candidate.item}"
    return {
        "record_id": record_id(candidate.subject.curie, obj),
        "subject_id": candidate.subject.curie,
        "subject_label": _one_line(candidate.subject.label),
        "predicate_id": EXACT,
        "object_id": obj,
        "object_label": _one_line(candidate.item_label),
        "mapping_justification": candidate.justification,
        "author_label": AUTHOR,
        "mapping_date": today.isoformat(),
        "confidence": _score_text(candidate.score),
        "see_also": endpoint,
        "comment": _one_line(candidate.comment),
        "other": f"match={candidate.match}",
    }


def _confidence(row: dict[str, str]) -> float:
    try:
        return float(row.get("confidence") or 0)
    except ValueError:
        return 0.0


def row_order(row: dict[str, str]) -> tuple:
    """The order of the candidates file: by subject, best confidence first, then by item."""
    return (row.get("subject_id", ""), -_confidence(row), row.get("object_id", ""))


def merge_candidates(
    fresh: list[dict[str, str]],
    earlier: list[MappingRow],
    curated: Curated,
    subjects: set[str],
    rejected: set[tuple[str, str]] = frozenset(),
) -> tuple[list[dict[str, str]], int]:
    """Fresh rows plus the earlier rows still unreviewed; a row found again keeps its first date."""
    rows = {row["record_id"]: row for row in fresh}
    kept = 0
    for old in earlier:
        subject, obj, rid = old.get("subject_id"), old.get("object_id"), old.get("record_id")
        if (subject, obj) in rejected:
            continue  # rejected since (by hand in the rejected set)
        if subject not in subjects or subject in curated.linked:
            continue  # gone from the data, or linked since (accepted, or curated by hand)
        if curated.owner.get(obj, subject) != subject:
            continue  # the item has been given to another subject
        if rid in rows:
            for column in ("mapping_date", "reviewer_label", "review_date"):
                if old.get(column):
                    rows[rid][column] = old.get(column)
            continue
        rows[rid] = row_cells(old)
        kept += 1
    return sorted(rows.values(), key=row_order), kept
