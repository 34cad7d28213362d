"""The CPV 2008 list (Regulation (EC) No 213/2008): each code's check digit and labels.

The check digits of the list follow no published algorithm (see :mod:`atelier_kg.identifiers`),
so a code is checked against the list itself, shipped as ``cpv2008.tsv`` (its origin and the
checks made when it was copied: ``cpv2008.README.md``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files


@dataclass(frozen=True)
class CpvEntry:
    """One code of the CPV list: its check digit and its French and English labels."""

    code: str
    check: str
    label_fr: str
    label_en: str

    @property
    def notation(self) -> str:
        """The code as the list prints it, e.g. ``09310000-5``."""
        return f"{self.code}-{self.check}"


@lru_cache(maxsize=1)
def cpv_list() -> dict[str, CpvEntry]:
    """Every code of the CPV 2008 main vocabulary by its 8 digits (9,454 codes)."""
    text = (files("atelier_kg.sources") / "cpv2008.tsv").read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE)
    return {
        row["code"]: CpvEntry(row["code"], row["check"], row["label_fr"], row["label_en"]) for row in reader
    }
