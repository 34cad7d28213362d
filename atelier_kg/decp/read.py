"""Reading a DECP file: its format, its records as a stream, and the anomalies found on the way."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .detect import DecpFormat, detect_format
from .parse import read_record
from .quality import Duplicates, check_record
from .records import Anomaly, Record
from .rules import check_rules
from .stream import raw_items


@dataclass
class DecpFile:
    """A DECP file whose format is known; :meth:`records` streams its records.

    ``anomalies`` is filled while the records are read (and emptied when a new reading starts), so it
    is complete once :meth:`records` is exhausted. Bad JSON met on the way raises
    :class:`~atelier_kg.errors.DecpFormatError`: a caller that stores records must keep them apart
    until the end (a truncated file is only known to be truncated at its end).
    """

    path: Path
    format: DecpFormat
    today: date
    anomalies: list[Anomaly] = field(default_factory=list)

    def records(self) -> Iterator[Record]:
        """Yield each identified record in file order, checked and repaired; anomalies go to ``anomalies``."""
        self.anomalies.clear()
        duplicates = Duplicates()
        for item in raw_items(self.path, self.format):
            record = read_record(item, self.format, self.anomalies)
            if record is None:
                continue
            duplicates.check(record.uid, item.value, self.anomalies)
            check_record(record, self.today, self.anomalies)
            check_rules(record, self.format.schema, self.anomalies)
            yield record


def read_decp(path: Path | str, today: date | None = None) -> DecpFile:
    """Open a DECP file (2019 or 2024 format, plain or gzipped) and detect its format.

    ``today`` is the day future dates are judged against (the day of reading by default). Raises
    :class:`~atelier_kg.errors.DecpFormatError` when the file's root is not a DECP root.
    """
    path = Path(path)
    return DecpFile(path, detect_format(path), today or date.today())


@dataclass(frozen=True)
class DecpRecords:
    """A whole DECP file in memory: its format, records and anomalies (for small files and tests)."""

    path: Path
    format: DecpFormat
    records: tuple[Record, ...]
    anomalies: tuple[Anomaly, ...]


def load_decp(path: Path | str, today: date | None = None) -> DecpRecords:
    """Read a whole DECP file: all or nothing (bad JSON raises before anything is returned)."""
    decp = read_decp(path, today)
    records = tuple(decp.records())
    return DecpRecords(decp.path, decp.format, records, tuple(decp.anomalies))
