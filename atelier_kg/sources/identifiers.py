"""Identifier schemes of the mapping sets (SIREN, SIRET, INSEE codes, Wikidata, CPV) and their form.

:func:`problem` says, in one sentence, what is wrong with a value and how to put it right. The checks
are of form only: a well-formed SIREN may still be another organisation's, which only the register
that issues it can tell.

The check digit of a CPV code cannot be computed: Regulation (EC) No 213/2008 does not give its
algorithm, and the calculation the Commission documents does not give the digits of the CPV 2008
list, an error of the 2008 revision that it answered will not be corrected (OP-TED/ePO discussion
#589, 2024). No weighted sum modulo 10 gives the digits printed in the list either (in it,
38941000-7 to 38947000-7 differ in one digit and share the check digit 7). A CPV code is therefore
checked against the list itself (:mod:`atelier_kg.cpv`): the code must be in it, with its digit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Scheme:
    """An identifier scheme: CURIE prefix, label, datatype of its notation, issuing agency, form."""

    prefix: str  # CURIE prefix, e.g. "SIREN", "INSEE.COM", "wikidata", "CPV"
    label: str  # "SIREN number"
    datatype: str  # local name of the akg datatype of its notation, e.g. "SIREN", "InseeCommuneCode"
    agency: str  # who issues the identifiers
    form: str  # human description of the form, used in messages


SCHEMES: dict[str, Scheme] = {
    s.prefix: s
    for s in (
        Scheme("SIREN", "SIREN number", "SirenNumber", "INSEE", "9 digits passing the Luhn check"),
        Scheme(
            "SIRET",
            "SIRET number",
            "SiretNumber",
            "INSEE",
            "14 digits, the SIREN then 5 digits, passing the Luhn check "
            "(La Poste's, 356000000…, may instead have a digit sum that is a multiple of 5)",
        ),
        Scheme(
            "INSEE.REG",
            "INSEE région code",
            "InseeRegionCode",
            "INSEE",
            "2 digits, one of the current région codes 01 02 03 04 06 11 24 27 28 32 44 52 53 75 76 84 93 94",
        ),
        Scheme(
            "INSEE.DEP",
            "INSEE département code",
            "InseeDepartementCode",
            "INSEE",
            "01 to 19, 21 to 95, 2A, 2B or 971 to 976",
        ),
        Scheme(
            "INSEE.COM",
            "INSEE commune code",
            "InseeCommuneCode",
            "INSEE",
            "the département code (01 to 19, 21 to 95, 2A, 2B) and 3 digits, or 971 to 976 and 2 digits",
        ),
        Scheme(
            "INSEE.EPCI",
            "EPCI code",
            "InseeEpciCode",
            "INSEE",
            "the SIREN of the EPCI: 9 digits passing the Luhn check",
        ),
        Scheme(
            "wikidata",
            "Wikidata item",
            "WikidataId",
            "Wikimedia Foundation",
            "Q followed by a number without leading zeros (an item, e.g. Q90)",
        ),
        Scheme(
            "CPV",
            "CPV code",
            "CpvCode",
            "Publications Office of the European Union",
            "8 digits, a hyphen and the check digit, as the CPV list prints it (e.g. 09310000-5)",
        ),
    )
}

REGIONS = frozenset("01 02 03 04 06 11 24 27 28 32 44 52 53 75 76 84 93 94".split())
_DEP = r"0[1-9]|1[0-9]|2[1-9]|[3-8][0-9]|9[0-5]|2A|2B"
DEPARTEMENT = re.compile(rf"{_DEP}|97[1-6]")
COMMUNE = re.compile(rf"(?:{_DEP})[0-9]{{3}}|97[1-6][0-9]{{2}}")
WIKIDATA_ITEM = re.compile(r"Q[1-9][0-9]*")
CPV_CODE = re.compile(r"[0-9]{8}-[0-9]")
LA_POSTE_SIREN = "356000000"
_DIGITS = re.compile(r"[0-9]+")
_CORSICA = "Corsica has been two départements since 1976, 2A (Corse-du-Sud) and 2B (Haute-Corse)"


def luhn_valid(digits: str) -> bool:
    """True when ``digits`` (ASCII digits, at least one) pass the Luhn check."""
    if not _DIGITS.fullmatch(digits):
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _luhn_completion(payload: str) -> str:
    """The digit that makes ``payload`` followed by it pass the Luhn check."""
    return next(d for d in "0123456789" if luhn_valid(payload + d))


def _spaces(name: str, value: str, check: Callable[[str], str | None]) -> str | None:
    """The message for a value with white space in it, or None when it has none."""
    if not any(char.isspace() for char in value):
        return None
    compact = "".join(value.split())
    if compact and check(compact) is None:
        return f"{name} {value!r} has spaces: write it without spaces ({compact})"
    return f"{name} {value!r} has spaces: write it without spaces"


def _luhn_number(name: str, value: str, length: int) -> str | None:
    """The problem of a value that must be ``length`` digits passing the Luhn check, or None."""
    if not _DIGITS.fullmatch(value):
        if not value:
            return f"the {name} is empty: give its {length} digits"
        return f"{name} {value!r} has characters other than digits: write its {length} digits alone"
    if len(value) != length:
        return f"{name} {value} has {len(value)} digits, not {length}"
    if not luhn_valid(value):
        return (
            f"{name} {value} fails the Luhn check: check the digits against the register "
            f"(a valid number with these first {length - 1} digits ends in {_luhn_completion(value[:-1])})"
        )
    return None


def _siren(value: str, name: str = "SIREN") -> str | None:
    """The problem of a SIREN (or of an EPCI code, which is one), or None."""
    spaced = _spaces(name, value, lambda v: _siren(v, name))
    if spaced:
        return spaced
    if _DIGITS.fullmatch(value) and len(value) == 14:
        return (
            f"{name} {value} has 14 digits, not 9: it looks like a SIRET, "
            f"whose first 9 digits ({value[:9]}) are the SIREN"
        )
    return _luhn_number(name, value, 9)


def _siret(value: str) -> str | None:
    """The problem of a SIRET, or None."""
    spaced = _spaces("SIRET", value, _siret)
    if spaced:
        return spaced
    if _DIGITS.fullmatch(value) and len(value) == 9:
        return (
            f"SIRET {value} has 9 digits, not 14: it looks like a SIREN "
            "(map the organisation with SIREN:, or give the SIRET of the establishment)"
        )
    wrong = _luhn_number("SIRET", value, 14)
    if wrong and _DIGITS.fullmatch(value) and len(value) == 14 and value.startswith(LA_POSTE_SIREN):
        if sum(map(int, value)) % 5 == 0:
            return None  # La Poste's establishments: digit sum a multiple of 5 instead of the Luhn check
        return (
            f"SIRET {value} fails both the Luhn check and La Poste's rule (a digit sum that is "
            "a multiple of 5): check the digits against the register"
        )
    if wrong:
        return wrong
    if not luhn_valid(value[:9]):
        return (
            f"SIRET {value} begins with {value[:9]}, which is not a valid SIREN (it fails the Luhn check): "
            "check the digits against the register"
        )
    return None


def _region(value: str) -> str | None:
    """The problem of an INSEE région code, or None."""
    if value in REGIONS:
        return None
    spaced = _spaces("INSEE région code", value, _region)
    if spaced:
        return spaced
    if len(value) == 1 and value.zfill(2) in REGIONS:
        return f"INSEE région code {value} has lost its leading zero: write {value.zfill(2)}"
    return f"INSEE région code {value!r} is not one of the current région codes: {' '.join(sorted(REGIONS))}"


def _departement(value: str) -> str | None:
    """The problem of an INSEE département code, or None."""
    if DEPARTEMENT.fullmatch(value):
        return None
    spaced = _spaces("INSEE département code", value, _departement)
    if spaced:
        return spaced
    if value == "20":
        return f"INSEE département code 20 is no longer used: {_CORSICA}"
    if value in ("2a", "2b"):
        return f"INSEE département code {value} is written with a capital letter: {value.upper()}"
    if len(value) == 1 and DEPARTEMENT.fullmatch(value.zfill(2)):
        return f"INSEE département code {value} has lost its leading zero: write {value.zfill(2)}"
    form = SCHEMES["INSEE.DEP"].form
    return f"INSEE département code {value!r} does not exist: a département code is {form}"


def _commune(value: str) -> str | None:
    """The problem of an INSEE commune code, or None."""
    if COMMUNE.fullmatch(value):
        return None
    spaced = _spaces("INSEE commune code", value, _commune)
    if spaced:
        return spaced
    if value[:2] in ("2a", "2b") and COMMUNE.fullmatch(value.upper()):
        return f"INSEE commune code {value} is written with a capital letter: {value.upper()}"
    if len(value) == 5 and value.startswith("20") and _DIGITS.fullmatch(value):
        return (
            f"INSEE commune code {value} begins with 20, which no commune code has since 1976: "
            "Corsican communes begin with 2A (Corse-du-Sud) or 2B (Haute-Corse)"
        )
    if len(value) == 4 and _DIGITS.fullmatch(value) and COMMUNE.fullmatch(value.zfill(5)):
        return f"INSEE commune code {value} has lost its leading zero: write {value.zfill(5)}"
    return f"INSEE commune code {value!r} is not well formed: a commune code is {SCHEMES['INSEE.COM'].form}"


def _wikidata(value: str) -> str | None:
    """The problem of a Wikidata item id, or None."""
    if WIKIDATA_ITEM.fullmatch(value):
        return None
    spaced = _spaces("Wikidata id", value, _wikidata)
    if spaced:
        return spaced
    if WIKIDATA_ITEM.fullmatch(value.upper()):
        return f"Wikidata id {value} is written with a capital Q: {value.upper()}"
    if re.fullmatch(r"Q0+", value):
        return f"Wikidata id {value} is not an item: items are numbered from Q1"
    if re.fullmatch(r"Q0+[1-9][0-9]*", value):
        return f"Wikidata id {value} has a leading zero: write Q{value[1:].lstrip('0')}"
    if re.fullmatch(r"[1-9][0-9]*", value):
        return f"Wikidata id {value} lacks its Q: write Q{value}"
    if re.fullmatch(r"[PL][1-9][0-9]*", value):
        kind = "a property" if value[0] == "P" else "a lexeme"
        return f"Wikidata id {value} is {kind}, not an item: map to an item (Q…)"
    item = re.search(r"Q[1-9][0-9]*$", value)
    if item:
        return f"Wikidata id {value!r} is more than the id of an item: write {item.group()} alone"
    return f"Wikidata id {value!r} is not the id of an item: an item id is {SCHEMES['wikidata'].form}"


def _cpv(value: str) -> str | None:
    """The problem of a CPV code with its check digit, or None (checked against the CPV 2008 list)."""
    if CPV_CODE.fullmatch(value):
        from .cpv import cpv_list

        entry = cpv_list().get(value[:8])
        if entry is None:
            return f"CPV code {value} is not in the CPV 2008 list: copy the code from the list"
        if entry.check != value[9]:
            return (
                f"CPV code {value} has the wrong check digit: the CPV 2008 list gives {entry.notation} "
                f"({entry.label_en})"
            )
        return None
    spaced = _spaces("CPV code", value, _cpv)
    if spaced:
        return spaced
    if re.fullmatch(r"[0-9]{8}", value):
        return f"CPV code {value} lacks its check digit: copy the code with it from the CPV list ({value}-N)"
    if re.fullmatch(r"[0-9]{9}", value):
        return f"CPV code {value} has no hyphen before its check digit: write {value[:8]}-{value[8]}"
    if re.fullmatch(r"[0-9]{7}-[0-9]", value):
        return (
            f"CPV code {value} has 7 digits before the hyphen, not 8: "
            f"a leading zero may have been lost (0{value})"
        )
    return f"CPV code {value!r} is not well formed: a CPV code is {SCHEMES['CPV'].form}"


_CHECKS: dict[str, Callable[[str], str | None]] = {
    "SIREN": _siren,
    "SIRET": _siret,
    "INSEE.REG": _region,
    "INSEE.DEP": _departement,
    "INSEE.COM": _commune,
    "INSEE.EPCI": lambda value: _siren(value, "EPCI code"),
    "wikidata": _wikidata,
    "CPV": _cpv,
}


def problem(prefix: str, value: str) -> str | None:
    """None when value is a well-formed identifier of the scheme; else one sentence saying what is wrong."""
    check = _CHECKS.get(prefix)
    if check is None:
        raise ValueError(f"no identifier scheme {prefix!r}: the schemes are {', '.join(SCHEMES)}")
    return check(value)
