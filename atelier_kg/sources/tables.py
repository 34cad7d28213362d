"""Reading the curated CSV tables: strict UTF-8, exact headers, every row with its line number."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from atelier_kg.errors import Location, SourceError

from .cleaning import clean_cell


@dataclass(frozen=True)
class TableSpec:
    """What one source table must look like."""

    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    #: Columns whose (non-blank) value must be one of a fixed set.
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Columns that must never be blank.
    non_blank: tuple[str, ...] = ()
    #: Whether a data folder must have the file (an optional table may be absent: no rows).
    required_file: bool = True

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.optional


@dataclass(frozen=True)
class Row:
    """One data row: cleaned cells by column name, the raw cells, and where it stands."""

    table: str
    path: Path
    line: int
    cells: dict[str, str]
    raw: dict[str, str]
    header: tuple[str, ...]

    def get(self, column: str) -> str:
        """The cleaned value of a column ('' when blank or absent)."""
        return self.cells.get(column, "")

    def location(self, column: str | None = None) -> Location:
        """The file, line and (1-based) column of this row or one of its cells."""
        col = self.header.index(column) + 1 if column in self.header else None
        return Location(self.path, self.line, col)


def _decode(path: Path) -> str:
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        raise SourceError(
            Location(path, 1, 1),
            "the file starts with a UTF-8 byte-order mark (BOM)",
            "save it as UTF-8 without BOM (e.g. in LibreOffice: 'UTF-8', not 'UTF-8 with BOM')",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SourceError(
            Location(path, line, column),
            f"byte 0x{data[exc.start]:02x} is not UTF-8 (the file looks like Latin-1 or Windows-1252)",
            "re-save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)",
        ) from None


def read_table(path: Path, spec: TableSpec) -> Iterator[Row]:
    """Yield the rows of a CSV source table, raising :class:`SourceError` on the first problem."""
    text = _decode(path)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise SourceError(Location(path, 1), f"the header cannot be read: {exc}", "fix the quoting") from None
    if header is None:
        raise SourceError(
            Location(path, 1), "the file is empty", f"start it with the header {','.join(spec.required)}"
        )
    header_t = tuple(clean_cell(h) for h in header)
    for i, name in enumerate(header_t, start=1):
        if name not in spec.columns:
            raise SourceError(
                Location(path, 1, i),
                f"unknown column {name!r}",
                f"use only the columns {', '.join(spec.columns)}",
            )
        if header_t.index(name) != i - 1:
            raise SourceError(Location(path, 1, i), f"column {name!r} appears twice", "remove one")
    missing = [c for c in spec.required if c not in header_t]
    if missing:
        raise SourceError(
            Location(path, 1),
            f"missing required column{'s' if len(missing) > 1 else ''} {', '.join(missing)}",
            f"add {', '.join(missing)} to the header (required: {', '.join(spec.required)})",
        )
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise SourceError(Location(path, reader.line_num), f"bad CSV: {exc}", "fix the quoting") from None
        if not cells:
            continue  # a blank line
        if len(cells) != len(header_t):
            many = len(cells) > len(header_t)
            raise SourceError(
                Location(path, line, min(len(cells), len(header_t)) + 1),
                f"{len(cells)} cells where the header has {len(header_t)}",
                "quote cells that contain commas" if many else "add the missing cells (blank is fine)",
            )
        raw = dict(zip(header_t, cells, strict=True))
        row = Row(spec.name, path, line, {k: clean_cell(v) for k, v in raw.items()}, raw, header_t)
        for column in spec.non_blank:
            if column in header_t and not row.get(column):
                raise SourceError(row.location(column), f"{column} is blank", f"give a {column}")
        for column, allowed in spec.choices.items():
            value = row.get(column)
            if value and value not in allowed:
                raise SourceError(
                    row.location(column),
                    f"{column} {value!r} is not one of the allowed values",
                    f"use one of {', '.join(allowed)}",
                )
        yield row
