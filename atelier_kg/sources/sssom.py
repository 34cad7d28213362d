"""Reading and writing SSSOM TSV mapping sets: the YAML metadata block, then one mapping a row.

This module knows the file format only (what each mapping means is :mod:`atelier_kg.sources.mappings`).
Every row keeps its file and line, so a problem is reported where the curator can fix it. Writing
is atomic and deterministic: the same rows give the same bytes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from atelier_kg.errors import Location, SourceError
from atelier_kg.output import atomic_write

#: The columns of our mapping sets, in the order they are written.
COLUMNS: tuple[str, ...] = (
    "record_id",
    "subject_id",
    "subject_label",
    "predicate_id",
    "predicate_modifier",
    "object_id",
    "object_label",
    "mapping_justification",
    "author_label",
    "mapping_date",
    "reviewer_label",
    "review_date",
    "confidence",
    "see_also",
    "comment",
    "other",
)
#: Columns written only when a row uses them (``predicate_modifier: Not`` marks a rejected mapping).
OPTIONAL_COLUMNS: tuple[str, ...] = ("predicate_modifier",)
#: The columns every set has (the canonical header of a set without rejected mappings).
BASE_COLUMNS: tuple[str, ...] = tuple(c for c in COLUMNS if c not in OPTIONAL_COLUMNS)
REQUIRED: tuple[str, ...] = (
    "record_id",
    "subject_id",
    "predicate_id",
    "object_id",
    "mapping_justification",
)

#: The prefixes every mapping set of the project uses (one expansion each, everywhere).
CURIE_MAP: dict[str, str] = {
    "akg": "https://w3id.org/atelier-kg/def#",
    "akgmap": "https://w3id.org/atelier-kg/id/mapping/",
    "organisation": "https://w3id.org/atelier-kg/id/org/",
    "place": "https://w3id.org/atelier-kg/id/place/",
    "domain": "https://w3id.org/atelier-kg/id/domain/",
    "case": "https://w3id.org/atelier-kg/id/case/",
    "wikidata": "http://www.wikidata.org/entity/",
    "SIREN": "https://annuaire-entreprises.data.gouv.fr/entreprise/",
    "SIRET": "https://annuaire-entreprises.data.gouv.fr/etablissement/",
    "INSEE.REG": "https://geo.api.gouv.fr/regions/",
    "INSEE.DEP": "https://geo.api.gouv.fr/departements/",
    "INSEE.COM": "https://geo.api.gouv.fr/communes/",
    "INSEE.EPCI": "https://geo.api.gouv.fr/epcis/",
    "CPV": "http://data.europa.eu/cpv/cpv/",
    "epo": "http://data.europa.eu/a4g/ontology#",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "semapv": "https://w3id.org/semapv/vocab/",
}
#: Metadata keys in the order they are written; others follow, sorted.
METADATA_ORDER = (
    "curie_map",
    "mapping_set_id",
    "mapping_set_title",
    "mapping_set_description",
    "mapping_set_version",
    "license",
    "creator_label",
    "mapping_date",
)
#: Columns holding CURIEs, whose prefixes must be declared.
CURIE_COLUMNS = ("record_id", "subject_id", "predicate_id", "object_id", "mapping_justification")


def split(curie: str) -> tuple[str, str]:
    """The prefix and local part of a CURIE (``('', curie)`` when it has no colon)."""
    prefix, colon, local = curie.partition(":")
    return (prefix, local) if colon else ("", curie)


def expand(curie: str, curie_map: dict[str, str] | None = None) -> str:
    """The IRI of a CURIE of the project's prefixes; ``KeyError`` for an unknown prefix."""
    prefix, local = split(curie)
    return (curie_map or CURIE_MAP)[prefix] + local


def _location_of(path: Path, line: int, header: tuple[str, ...], column: str | None) -> Location:
    col = header.index(column) + 1 if column in header else None
    return Location(path, line, col)


@dataclass(frozen=True)
class MappingRow:
    """One mapping: its cells by column name and where it stands in its file."""

    path: Path
    line: int
    cells: dict[str, str]
    header: tuple[str, ...] = ()

    def get(self, column: str) -> str:
        """The value of a column, stripped ('' when blank or absent)."""
        return self.cells.get(column, "").strip()

    def location(self, column: str | None = None) -> Location:
        """The file, line and (1-based) column of this row or of one of its cells."""
        return _location_of(self.path, self.line, self.header, column)

    def other(self) -> dict[str, str]:
        """The ``key=value`` pairs of the ``other`` column."""
        pairs: dict[str, str] = {}
        for item in self.get("other").split("|"):
            key, _, value = item.partition("=")
            if key.strip():
                pairs[key.strip()] = value.strip()
        return pairs

    def see_also(self) -> list[str]:
        """The URLs of the ``see_also`` column."""
        return [url.strip() for url in self.get("see_also").split("|") if url.strip()]


@dataclass
class MappingSet:
    """A mapping-set file: its metadata block, its columns and its rows."""

    path: Path
    metadata: dict[str, Any]
    columns: tuple[str, ...]
    rows: list[MappingRow] = field(default_factory=list)

    @property
    def curie_map(self) -> dict[str, str]:
        """The prefixes the file declares."""
        return dict(self.metadata.get("curie_map") or {})


def _metadata(path: Path, lines: list[str]) -> dict[str, Any]:
    block = "\n".join(line[2:] if line.startswith("# ") else line[1:] for line in lines)
    try:
        metadata = yaml.safe_load(block) if block.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 3 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise SourceError(
            Location(path, line, column),
            f"the metadata block is not valid YAML ({problem})",
            "each metadata line starts with '# ' followed by YAML, e.g. '# mapping_set_id: https://…'",
        ) from None
    if not isinstance(metadata, dict):
        raise SourceError(
            Location(path, 1), "the metadata block is not a YAML mapping", "write 'key: value' lines"
        )
    curie_map = metadata.get("curie_map") or {}
    if not isinstance(curie_map, dict):
        raise SourceError(Location(path, 1), "curie_map is not a mapping", "write 'prefix: IRI' lines")
    for prefix, iri in curie_map.items():
        if prefix in CURIE_MAP and CURIE_MAP[prefix] != iri:
            line = next((i for i, text in enumerate(lines, 1) if f" {prefix}:" in text), 1)
            raise SourceError(
                Location(path, line),
                f"prefix {prefix!r} expands to {iri} here but to {CURIE_MAP[prefix]} in the project",
                f"use {CURIE_MAP[prefix]} (one expansion per prefix in every mapping set)",
            )
    return metadata


def read_mapping_set(path: Path) -> MappingSet:
    """Read an SSSOM TSV file, raising :class:`SourceError` (file, line, column) on a malformed one."""
    lines = _text(path).split("\n")
    block = 0
    while block < len(lines) and lines[block].startswith("#"):
        block += 1
    metadata = _metadata(path, lines[:block])
    declared = {**(metadata.get("curie_map") or {})}
    reader = csv.reader(
        io.StringIO("\n".join(lines[block:]), newline=""), delimiter="\t", quoting=csv.QUOTE_NONE
    )
    header_line = block + 1
    header_t = _header(path, header_line, next(reader, None))
    mapping_set = MappingSet(path, metadata, header_t)
    for offset, cells in enumerate(reader, start=1):
        line = header_line + offset
        if not cells or not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header_t):
            raise SourceError(
                Location(path, line, min(len(cells), len(header_t)) + 1),
                f"{len(cells)} cells where the header has {len(header_t)}",
                "separate cells with one tab each (blank cells are fine, tabs inside a cell are not)",
            )
        row = MappingRow(path, line, dict(zip(header_t, cells, strict=True)), header_t)
        _check_row(row, declared)
        mapping_set.rows.append(row)
    return mapping_set


def _text(path: Path) -> str:
    """The file's text: UTF-8 without a byte-order mark."""
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise SourceError(Location(path), "the mapping set is missing", "restore it or remove it") from None
    except UnicodeDecodeError as exc:
        raise SourceError(
            Location(path, None), f"not UTF-8 ({exc.reason})", "re-save the file as UTF-8"
        ) from None
    if text.startswith("\ufeff"):
        raise SourceError(Location(path, 1, 1), "the file starts with a byte-order mark", "save without BOM")
    return text


def _header(path: Path, header_line: int, header: list[str] | None) -> tuple[str, ...]:
    """The column names of the header row: known, each once, the required ones all there."""
    if not header or not any(h.strip() for h in header):
        raise SourceError(
            Location(path, header_line),
            "no header row after the metadata block",
            "add the header row: " + " <tab> ".join(COLUMNS),
        )
    header_t = tuple(h.strip() for h in header)
    for i, name in enumerate(header_t, start=1):
        if name not in COLUMNS:
            raise SourceError(
                Location(path, header_line, i),
                f"unknown column {name!r}",
                f"use only the columns {', '.join(COLUMNS)}",
            )
        if header_t.index(name) != i - 1:
            raise SourceError(Location(path, header_line, i), f"column {name!r} appears twice", "remove one")
    missing = [c for c in REQUIRED if c not in header_t]
    if missing:
        raise SourceError(
            Location(path, header_line),
            f"missing required column{'s' if len(missing) > 1 else ''} {', '.join(missing)}",
            f"add {', '.join(missing)} to the header",
        )
    return header_t


def _check_row(row: MappingRow, declared: dict[str, str]) -> None:
    """The required cells are filled; CURIE cells are CURIEs of declared prefixes."""
    for column in REQUIRED:
        if not row.get(column):
            raise SourceError(row.location(column), f"{column} is blank", f"give a {column}")
    for column in CURIE_COLUMNS:
        prefix, local = split(row.get(column))
        if column in row.header and row.get(column) and (not prefix or not local):
            raise SourceError(
                row.location(column),
                f"{column} {row.get(column)!r} is not a CURIE",
                "write prefix:local, e.g. organisation:ciridd",
            )
        if prefix and prefix not in declared and prefix not in ("skos", "owl", "rdfs", "semapv"):
            raise SourceError(
                row.location(column),
                f"prefix {prefix!r} is not declared in the curie_map",
                f"add '#   {prefix}: {CURIE_MAP.get(prefix, '<IRI>')}' to the metadata block",
            )


def _yaml_block(metadata: dict[str, Any], used: set[str]) -> str:
    ordered: dict[str, Any] = {}
    keys = [k for k in METADATA_ORDER if k in metadata] + sorted(
        k for k in metadata if k not in METADATA_ORDER
    )
    for key in keys:
        ordered[key] = metadata[key]
    curie_map = {**CURIE_MAP, **(metadata.get("curie_map") or {})}
    ordered["curie_map"] = {p: curie_map[p] for p in sorted(used) if p in curie_map}
    text = yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True, width=1000)
    return "".join(f"# {line}\n" for line in text.splitlines())


def format_mapping_set(metadata: dict[str, Any], rows: Iterable[dict[str, str]]) -> str:
    """The text of a mapping set: metadata block (curie_map cut to the prefixes used) and rows."""
    rows = list(rows)
    for row in rows:
        for column, value in row.items():
            if column not in COLUMNS:
                raise ValueError(f"unknown column {column!r}")
            if any(c in value for c in "\t\n\r"):
                raise ValueError(f"{column} {value!r} holds a tab or a line break")
    used = {"semapv", "skos"}
    for row in rows:
        for column in CURIE_COLUMNS:
            prefix, _ = split(row.get(column, ""))
            if prefix:
                used.add(prefix)
    out = io.StringIO()
    out.write(_yaml_block(metadata, used))
    columns = [c for c in COLUMNS if c not in OPTIONAL_COLUMNS or any(row.get(c) for row in rows)]
    out.write("\t".join(columns) + "\n")
    for row in rows:
        out.write("\t".join(row.get(column, "") for column in columns) + "\n")
    return out.getvalue()


def write_mapping_set(path: Path, metadata: dict[str, Any], rows: Iterable[dict[str, str]]) -> None:
    """Write a mapping set atomically: a crash leaves the previous file as it was."""
    atomic_write(path, format_mapping_set(metadata, rows).encode("utf-8"))


def row_cells(row: MappingRow) -> dict[str, str]:
    """A row's cells, stripped, in the project's columns (for rewriting a set)."""
    return {column: row.get(column) for column in COLUMNS if row.get(column)}


def curated_paths(data_dir: Path) -> list[Path]:
    """The curated mapping sets of a data folder (``mappings/*.sssom.tsv``; ``review/`` is not built)."""
    return sorted((data_dir / "mappings").glob("*.sssom.tsv"))
