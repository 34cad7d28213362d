"""Time slices of a network: the period a date of any precision covers, and what overlaps a slice.

Dates in the graph come at several precisions — a founding year (``2018``), a bound
(``2019-10``), a session's start and end (``2022-01-20T10:00:00+01:00``). Each is read as the
period of days it covers (a year covers all its days), so ``--at 2022`` keeps what happens in
2022, and a slice keeps an element whose period overlaps it. An element with no date at all is
kept: the data do not say when it held, and Gephi shows undated elements at every time too.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from atelier_kg.errors import UsageError

_DATE = re.compile(r"^(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$")


@lru_cache(maxsize=65536)
def period(value: str) -> tuple[date, date]:
    """The first and last day ``value`` covers (``2018`` → 2018-01-01…2018-12-31).

    A date-time counts as its local date, as written. Raises ValueError on anything else.
    """
    match = _DATE.match(value.strip())
    if not match:
        raise ValueError(f"not a date: {value!r}")
    year, month, day = int(match[1]), match[2], match[3]
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    m = int(month)
    if day is None:
        return date(year, m, 1), date(year, m, calendar.monthrange(year, m)[1])
    d = date(year, m, int(day))
    return d, d


@dataclass(frozen=True)
class Slice:
    """A time slice: the days from ``first`` to ``last`` (both included), and how it was asked."""

    first: date
    last: date
    text: str

    @classmethod
    def at(cls, when: str) -> Slice:
        """The slice of one date (``--at 2022-01-20``, or a month, or a year)."""
        first, last = _parse(when, "--at")
        return cls(first, last, f"at {when}")

    @classmethod
    def between(cls, start: str, end: str) -> Slice:
        """The slice from the start of ``start`` to the end of ``end`` (``--between 2021 2022-01``)."""
        first, _ = _parse(start, "--between")
        _, last = _parse(end, "--between")
        if last < first:
            raise UsageError(f"--between {start} {end}: the end comes before the start; swap them")
        return cls(first, last, f"between {start} and {end}")

    def keeps(self, start: str | None, end: str | None) -> bool:
        """True if the element dated ``start``…``end`` (either may be missing) overlaps the slice.

        With only a start, the element lasts from then on; with only an end, until then; with
        neither, it is undated and kept.
        """
        if start is not None and period(start)[0] > self.last:
            return False
        if end is not None and period(end)[1] < self.first:
            return False
        return True


def _parse(text: str, option: str) -> tuple[date, date]:
    try:
        return period(text)
    except ValueError:
        raise UsageError(
            f"{option} {text}: not a date; write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2022-01-20)"
        ) from None
