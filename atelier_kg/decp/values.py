"""Reading one record's fields: the unambiguous repairs, kept with their source form, and typed values."""

from __future__ import annotations

import json
import math
import re
from datetime import date
from decimal import Decimal
from typing import Any

from .records import Anomaly, Repair

NO_VALUE = "NC"  # « non communiqué »: no value
BOOLEANS = {"oui": True, "non": False, "true": True, "false": False}
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
EARLIEST_YEAR = 1990  # dates such as 0002-11-30 are typing errors, not dates
#: Amounts above this are fantasy values (1e17 is seen in the wild): decp-processing's cleaners cap
#: amounts above 99 billion euros, the ceiling documented in ../shared/reference/decp.md.
AMOUNT_CEILING = Decimal(99_000_000_000)


def plain(value: Any) -> Any:
    """The value with Decimals as numbers, so that it can be written as JSON."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and value.is_finite() else float(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def source_form(value: Any) -> str:
    """How a value is written in the file: text as it is, anything else as compact JSON."""
    if isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    return json.dumps(plain(value), ensure_ascii=False, separators=(",", ":"))


class Fields:
    """The fields of one record, read with their repairs; notes each repair and anomaly."""

    def __init__(self, uid: str | None, anomalies: list[Anomaly]) -> None:
        self.uid = uid
        self.anomalies = anomalies
        self.repairs: list[Repair] = []

    def note(self, kind: str, field: str, source: Any, message: str) -> None:
        """Record an anomaly of this record."""
        self.anomalies.append(Anomaly(kind, self.uid, field, source_form(source), message))

    def repaired(self, kind: str, field: str, source: Any, value: Any, message: str) -> None:
        """Record a repair: the value read, the source form, and the anomaly that reports it."""
        self.repairs.append(Repair(field, source_form(source), value))
        self.note(kind, field, source, message)

    def get(self, obj: Any, key: str, field: str) -> Any:
        """The raw value of ``key`` in ``obj`` ("NC" read as no value, and reported)."""
        try:
            value = obj[key]
        except (KeyError, TypeError, IndexError):  # absent, or obj is not an object
            return None
        if type(value) is str and NO_VALUE in value and value.strip() == NO_VALUE:
            self.repaired("not-communicated", field, value, None, f"{field} is {value!r}: read as no value")
            return None
        return value

    def text(self, obj: Any, key: str, field: str) -> str | None:
        """A text field (numbers given for text are kept as their digits)."""
        value = self.get(obj, key, field)
        if value is None or isinstance(value, str):
            return value if value is None or value.strip() else None
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            return str(value)
        self.note("wrong-type", field, value, f"{field} should be text: left out")
        return None

    def identifier(self, obj: Any, key: str, field: str) -> str | None:
        """An identifier, white space removed (a repair)."""
        value = self.text(obj, key, field)
        if value is None:
            return None
        compact = "".join(value.split())
        if compact != value:
            self.repaired(
                "identifier-whitespace", field, value, compact, f"{field} has white space: read as {compact}"
            )
        return compact or None

    def boolean(self, obj: Any, key: str, field: str) -> bool | None:
        """A boolean; the strings oui/non/true/false are read as booleans (a repair)."""
        value = self.get(obj, key, field)
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in BOOLEANS:
            read = BOOLEANS[value.strip().lower()]
            self.repaired(
                "boolean-as-text", field, value, read, f"{field} is the text {value!r}: read as {read}"
            )
            return read
        self.note("wrong-type", field, value, f"{field} should be a boolean: left out")
        return None

    def number(self, obj: Any, key: str, field: str, minimum: int = 0) -> Decimal | None:
        """A number at least ``minimum``; anything else is reported and left out."""
        value = self.get(obj, key, field)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            nan = isinstance(value, str | float) and str(value).strip().lower() == "nan"
            kind = "not-a-number" if nan or (isinstance(value, float) and math.isnan(value)) else "wrong-type"
            self.note(kind, field, value, f"{field} should be a number: left out")
            return None
        if value < minimum:
            self.note("out-of-range", field, value, f"{field} is below {minimum}: left out")
            return None
        return Decimal(value)

    def money(self, obj: Any, key: str, field: str, minimum: int = 0) -> Decimal | None:
        """An amount in euros, at least ``minimum``; one above the ceiling is reported and left out."""
        value = self.number(obj, key, field, minimum)
        if value is not None and value > AMOUNT_CEILING:
            self.note(
                "amount-above-ceiling", field, value, f"{field} is above {AMOUNT_CEILING:,} €: left out"
            )
            return None
        return value

    def integer(self, obj: Any, key: str, field: str, minimum: int = 1) -> int | None:
        """An integer at least ``minimum``; anything else is reported and left out."""
        value = self.number(obj, key, field, minimum)
        if value is None:
            return None
        if value != value.to_integral_value():
            self.note("wrong-type", field, value, f"{field} should be a whole number: left out")
            return None
        return int(value)

    def date(self, obj: Any, key: str, field: str) -> date | None:
        """A YYYY-MM-DD date; other forms (September, 16 2021…) and years before 1990 are left out."""
        value = self.get(obj, key, field)
        if value is None:
            return None
        text = value.strip() if isinstance(value, str) else ""
        try:
            read = date.fromisoformat(text) if DATE.fullmatch(text) else None
        except ValueError:
            read = None
        if read is None:
            self.note("bad-date", field, value, f"{field} is not a YYYY-MM-DD date: left out")
        elif read.year < EARLIEST_YEAR:
            self.note(
                "bad-date", field, value, f"{field} is before {EARLIEST_YEAR}, a typing error: left out"
            )
            read = None
        return read

    def strings(self, obj: Any, key: str, inner: str, field: str) -> tuple[str, ...]:
        """A 2024 list of values, ``{key: {inner: [...]}}``; a bare list or a single value is taken too."""
        value = self.get(obj, key, field)
        if isinstance(value, dict):
            value = value.get(inner)
        if value is None:
            return ()
        items = value if isinstance(value, list) else [value]
        return tuple(str(item).strip() for item in items if isinstance(item, str) and item.strip())
