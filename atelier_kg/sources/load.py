"""Loading a data folder: every table read and cross-checked, every Turtle file parsed.

Problems are raised as :class:`SourceError` naming file, line and column, so that a bad source
never reaches the graph.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pyoxigraph as ox

from atelier_kg.errors import Location, SourceError, UsageError
from atelier_kg.namespaces import ID

from .mappings import Mappings, load_mappings
from .specs import TABLES, TURTLE_FILES
from .sssom import curated_paths
from .tables import Row, read_table

PERSON_ID = re.compile(r"[0-9a-f]{8}")
SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
YEAR = re.compile(r"[0-9]{4}")
YEAR_MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
#: The rows of each source table, by file name.
Tables = dict[str, list[Row]]


@dataclass
class SourceFile:
    """A file read by the build, with its SHA-256."""

    name: str
    path: Path
    sha256: str
    rows: int | None = None


@dataclass
class SourceData:
    """Everything read from a data folder, checked and ready to become triples."""

    root: Path
    tables: Tables = field(default_factory=dict)
    turtle: dict[str, list[ox.Triple]] = field(default_factory=dict)
    files: list[SourceFile] = field(default_factory=list)
    documents: dict[str, SourceFile] = field(default_factory=dict)
    mappings: Mappings = field(default_factory=Mappings)


def sha256_of(path: Path) -> str:
    """Return the hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _index(rows: Iterable[Row], column: str, what: str) -> dict[str, Row]:
    seen: dict[str, Row] = {}
    for row in rows:
        key = row.get(column)
        if key in seen:
            raise SourceError(
                row.location(column),
                f"duplicate {what} id {key!r} (first at line {seen[key].line})",
                "give each row its own id, or merge the two rows",
            )
        seen[key] = row
    return seen


def _require(row: Row, column: str, known: dict[str, Row] | set[str], what: str, where: str) -> None:
    value = row.get(column)
    if value and value not in known:
        raise SourceError(
            row.location(column),
            f"unknown {what} id {value!r}",
            f"use an id defined in {where}, or add a row for it there",
        )


def _check_pattern(row: Row, column: str, pattern: re.Pattern[str], fix: str) -> None:
    value = row.get(column)
    if value and not pattern.fullmatch(value):
        raise SourceError(row.location(column), f"{column} {value!r} is malformed", fix)


def _check_datetime(row: Row, column: str) -> datetime | None:
    value = row.get(column)
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None or "T" not in value:
        raise SourceError(
            row.location(column),
            f"bad date {value!r}",
            "write an ISO 8601 date-time with its UTC offset, e.g. 2021-11-30T10:00:00+01:00",
        )
    return parsed


def _parse_turtle(path: Path) -> list[ox.Triple]:
    try:
        return list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=None))
    except SyntaxError as exc:
        line = getattr(exc, "lineno", None)
        column = getattr(exc, "offset", None)
        message = str(exc.msg if hasattr(exc, "msg") else exc)
        raise SourceError(
            Location(path, line, column), f"malformed Turtle: {message}", "correct the Turtle syntax there"
        ) from None


def read_turtle(path: Path) -> list[ox.Triple]:
    """Parse a Turtle file without fetching anything; a syntax error names file, line and column."""
    if not path.is_file():
        raise SourceError(Location(path), "the file is missing", "restore it or point to the right folder")
    return _parse_turtle(path)


def load_sources(data_dir: Path) -> SourceData:
    """Read and cross-check every source table and Turtle file of ``data_dir``."""
    if not data_dir.is_dir():
        raise UsageError(f"{data_dir}: no such data folder (give one with --data)")
    data = SourceData(root=data_dir)
    for name, spec in TABLES.items():
        path = data_dir / name
        if not path.exists() and not spec.required_file:
            data.tables[name] = []
            continue
        if not path.exists():
            raise SourceError(
                Location(path), "the table is missing", f"create it with the header {','.join(spec.required)}"
            )
        data.tables[name] = list(read_table(path, spec))
        data.files.append(SourceFile(name, path, sha256_of(path), len(data.tables[name])))
    for name in TURTLE_FILES:
        path = data_dir / name
        if path.exists():
            data.turtle[name] = _parse_turtle(path)
            data.files.append(SourceFile(name, path, sha256_of(path)))
    _cross_check(data)
    paths = curated_paths(data_dir)
    if paths:  # the scan of the Turtle sources for known subjects is only needed then
        data.mappings = load_mappings(paths, known_iris(data))
    for path, mapping_set in zip(paths, data.mappings.sets, strict=True):
        name = path.relative_to(data_dir).as_posix()
        data.files.append(SourceFile(name, path, sha256_of(path), len(mapping_set.rows)))
    return data


def known_iris(data: SourceData) -> set[str]:
    """The IRIs of the organisations, places, domains and cases a mapping set may describe."""
    known = {f"{ID}org/{row.get('id')}" for row in data.tables["organisations.csv"]}
    known |= {f"{ID}place/{row.get('id')}" for row in data.tables["places.csv"]}
    for prefix in (f"{ID}domain/", f"{ID}case/"):
        known |= {
            t.subject.value
            for triples in data.turtle.values()
            for t in triples
            if isinstance(t.subject, ox.NamedNode) and t.subject.value.startswith(prefix)
        }
    return known


def _cross_check(data: SourceData) -> None:
    """Check the references between the tables; the first problem met, in this order, is raised."""
    t = data.tables
    _check_documents(data)
    orgs = _index(t["organisations.csv"], "id", "organisation")
    places = _index(t["places.csv"], "id", "place")
    _check_places(t, places)
    _check_organisations(t, orgs, places)
    persons = _index(t["persons.csv"], "id", "person")
    _check_persons(t, persons)
    _check_jobs(t, persons, orgs)
    ateliers = {k for k, r in orgs.items() if r.get("kind") == "atelier"}
    _check_roles(t, persons, ateliers)
    _check_sessions(t, persons, ateliers)


def _check_documents(data: SourceData) -> None:
    """Every source document is a file (its SHA-256 recorded); every row cites a known one."""
    sources = _index(data.tables["sources.csv"], "id", "source")
    for row in data.tables["sources.csv"]:
        path = data.root / row.get("file")
        if not path.is_file():
            raise SourceError(
                row.location("file"),
                f"source file {row.get('file')!r} not found",
                "give a path relative to the data folder",
            )
        data.documents[row.get("id")] = SourceFile(row.get("id"), path, sha256_of(path))
    for rows in data.tables.values():
        for row in rows:
            if "source" in row.header:
                _require(row, "source", sources, "source", "sources.csv")


def _check_places(t: Tables, places: dict[str, Row]) -> None:
    """Place ids are slugs; a place lies within another known place, never within itself."""
    for row in t["places.csv"]:
        _check_pattern(row, "id", SLUG, "use lower-case letters, digits and hyphens")
        _require(row, "within", places, "place", "places.csv")
        if row.get("within") == row.get("id"):
            raise SourceError(
                row.location("within"), "a place within itself", "name the place that contains it"
            )


def _check_organisations(t: Tables, orgs: dict[str, Row], places: dict[str, Row]) -> None:
    """Organisations, their places, names and links name known organisations and places."""
    for row in t["organisation_places.csv"]:
        _require(row, "organisation", orgs, "organisation", "organisations.csv")
        _require(row, "place", places, "place", "places.csv")
    for row in t["organisations.csv"]:
        _check_pattern(row, "id", SLUG, "use lower-case letters, digits and hyphens")
        _require(row, "parent", orgs, "organisation", "organisations.csv")
        _require(row, "area", places, "place", "places.csv")
        _check_pattern(row, "founded", YEAR, "write a four-digit year, e.g. 2018")
        if row.get("kind") == "unit" and not row.get("parent"):
            raise SourceError(
                row.location("parent"), "a unit has no parent", "name the organisation it belongs to"
            )
    for row in t["organisation_names.csv"]:
        _require(row, "organisation", orgs, "organisation", "organisations.csv")
    for row in t["organisation_links.csv"]:
        _require(row, "subject", orgs, "organisation", "organisations.csv")
        _require(row, "object", orgs, "organisation", "organisations.csv")


def _check_persons(t: Tables, persons: dict[str, Row]) -> None:
    """Person ids are opaque; other names of a person name a known person."""
    for row in t["persons.csv"]:
        _check_pattern(row, "id", PERSON_ID, "person ids are opaque: 8 lower-case hex digits, never a name")
    for row in t["person_names.csv"]:
        _require(row, "person", persons, "person", "persons.csv")


def _check_jobs(t: Tables, persons: dict[str, Row], orgs: dict[str, Row]) -> None:
    """A job is a known person's, in a known organisation or self-employed, once per pair."""
    seen_jobs: dict[tuple[str, str], Row] = {}
    for row in t["jobs.csv"]:
        _require(row, "person", persons, "person", "persons.csv")
        _require(row, "organisation", orgs, "organisation", "organisations.csv")
        if not row.get("organisation") and row.get("self_employed") != "true":
            raise SourceError(
                row.location("organisation"),
                "a job with neither organisation nor self_employed",
                "give the organisation id, or self_employed=true for an independent",
            )
        key = (row.get("person"), row.get("organisation"))
        if key in seen_jobs:
            raise SourceError(
                row.location("person"),
                f"duplicate job of person {key[0]} in {key[1] or 'self-employment'}"
                f" (first at line {seen_jobs[key].line})",
                "keep one row per person and organisation",
            )
        seen_jobs[key] = row


def _check_roles(t: Tables, persons: dict[str, Row], ateliers: set[str]) -> None:
    """A role is a known person's in a known atelier, once per person, atelier and role."""
    seen_roles: dict[tuple[str, str, str], Row] = {}
    for row in t["roles.csv"]:
        _require(row, "person", persons, "person", "persons.csv")
        _require(row, "atelier", ateliers, "atelier", "organisations.csv (kind atelier)")
        key = (row.get("person"), row.get("atelier"), row.get("role"))
        if key in seen_roles:
            raise SourceError(
                row.location("role"),
                f"duplicate role {key[2]} of person {key[0]} (first at line {seen_roles[key].line})",
                "remove one of the rows",
            )
        seen_roles[key] = row


def _check_sessions(t: Tables, persons: dict[str, Row], ateliers: set[str]) -> None:
    """Sessions belong to a known atelier and have well-formed dates; attendees are known persons."""
    sessions = _index(t["sessions.csv"], "id", "session")
    for row in t["sessions.csv"]:
        _check_pattern(row, "id", SLUG, "use lower-case letters, digits and hyphens")
        _require(row, "atelier", ateliers, "atelier", "organisations.csv (kind atelier)")
        _check_datetime(row, "start")
        _check_datetime(row, "end")
        _check_pattern(row, "earliest_start", YEAR_MONTH, "write a year and month, e.g. 2019-10")
    for row in t["attendance.csv"]:
        _require(row, "person", persons, "person", "persons.csv")
        _require(row, "session", sessions, "session", "sessions.csv")
