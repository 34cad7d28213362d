"""The checks every row of a published mapping set passes, whatever its target.

A row names its predicate and a SEMAPV justification, cites its source, says who made it and
when, and has a record id of its own; what each target scheme allows is :mod:`.mappings`.
"""

from __future__ import annotations

import re
from datetime import date

from atelier_kg.errors import SourceError

from .sssom import MappingRow, expand, split

#: The SEMAPV justifications the SSSOM schema accepts (sssom-schema 1.1).
JUSTIFICATIONS = tuple(
    f"semapv:{term}"
    for term in (
        "ManualMappingCuration",
        "MappingReview",
        "LexicalMatching",
        "LogicalReasoning",
        "CompositeMatching",
        "UnspecifiedMatching",
        "SemanticSimilarityThresholdMatching",
        "LexicalSimilarityThresholdMatching",
        "MappingChaining",
        "MappingInversion",
        "StructuralMatching",
        "InstanceBasedMatching",
        "BackgroundKnowledgeBasedMatching",
    )
)
URL = re.compile(r"https?://[^\s<>\"{}|\\^`]+")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def fail(row: MappingRow, column: str, problem_text: str, fix: str) -> SourceError:
    """The error to raise for one cell of a row: where it is, what is wrong, how to fix it."""
    return SourceError(row.location(column), problem_text, fix)


def check_common(row: MappingRow, predicates: tuple[str, ...]) -> None:
    """What every published row needs: a predicate, a justification, a source, an author and dates."""
    _check_predicate(row, predicates)
    _check_justification(row)
    _check_sourced(row)
    _check_made(row)
    _check_confidence(row)
    if row.get("reviewer_label") and not row.get("review_date"):
        raise fail(row, "review_date", "a reviewer without a review date", "give review_date, YYYY-MM-DD")


def _check_predicate(row: MappingRow, predicates: tuple[str, ...]) -> None:
    """A positive mapping, with one of ``predicates`` (never owl:sameAs)."""
    if row.get("predicate_modifier"):
        raise fail(
            row,
            "predicate_modifier",
            "a negative mapping (predicate_modifier Not) is not published",
            "keep rejected links in mappings/review/rejected.sssom.tsv (atelier-kg link reject)",
        )
    predicate = row.get("predicate_id")
    if predicate == "owl:sameAs":
        raise fail(
            row,
            "predicate_id",
            "owl:sameAs is not written in a mapping set",
            "use skos:exactMatch; the build decides which links become owl:sameAs (docs/model.md)",
        )
    if predicate not in predicates:
        raise fail(
            row,
            "predicate_id",
            f"predicate {predicate!r} is not allowed",
            f"use one of {', '.join(predicates)}",
        )


def _check_justification(row: MappingRow) -> None:
    """A SEMAPV justification the SSSOM schema accepts."""
    justification = row.get("mapping_justification")
    if justification not in JUSTIFICATIONS:
        raise fail(
            row,
            "mapping_justification",
            f"{justification!r} is not a SEMAPV justification the SSSOM schema accepts",
            "use semapv:ManualMappingCuration for a curated row (others: "
            + ", ".join(JUSTIFICATIONS[1:4])
            + "…)",
        )


def _check_sourced(row: MappingRow) -> None:
    """The row cites its source: in words (comment) or as http(s) URLs (see_also)."""
    if not row.get("comment") and not row.see_also():
        raise fail(
            row,
            "comment",
            "the row cites no source",
            "say in comment (and see_also, for a URL) which source states this link; "
            "unsourced links are not recorded",
        )
    for url in row.see_also():
        if not URL.fullmatch(url):
            raise fail(row, "see_also", f"{url!r} is not an http(s) URL", "separate URLs with |, no spaces")


def _check_made(row: MappingRow) -> None:
    """Who made the row, and when (dates as YYYY-MM-DD)."""
    if not row.get("author_label"):
        raise fail(row, "author_label", "author_label is blank", "name who made the row")
    for column in ("mapping_date", "review_date"):
        value = row.get(column)
        if value:
            try:
                if not DATE.fullmatch(value):
                    raise ValueError
                date.fromisoformat(value)
            except ValueError:
                raise fail(row, column, f"{column} {value!r} is not a date", "write YYYY-MM-DD") from None
    if not row.get("mapping_date"):
        raise fail(row, "mapping_date", "mapping_date is blank", "give the day the row was made, YYYY-MM-DD")


def _check_confidence(row: MappingRow) -> None:
    """A confidence, when given, is a number from 0 to 1."""
    confidence = row.get("confidence")
    if confidence:
        try:
            ok = 0.0 <= float(confidence) <= 1.0
        except ValueError:
            ok = False
        if not ok:
            raise fail(
                row, "confidence", f"confidence {confidence!r} is not a number from 0 to 1", "e.g. 0.95"
            )


def check_record(row: MappingRow, seen: dict[str, MappingRow]) -> str:
    """The IRI of the row's record: an ``akgmap:`` CURIE not in ``seen`` (the rows read so far)."""
    record_id = row.get("record_id")
    prefix, local = split(record_id)
    if prefix != "akgmap" or not local:
        raise fail(
            row,
            "record_id",
            f"record_id {record_id!r} is not an akgmap: CURIE",
            "write akgmap:<set>-<subject>",
        )
    if record_id in seen:
        first = seen[record_id]
        raise fail(
            row,
            "record_id",
            f"record_id {record_id} is used twice (first in {first.path.name} line {first.line})",
            "give each row its own record_id",
        )
    seen[record_id] = row
    return expand(record_id)
