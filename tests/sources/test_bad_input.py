"""Bad input: one clear line naming file, line and column, exit code 2, no traceback, and the
previous outputs left exactly as they were."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from conftest import ONTOLOGY, replace_in, run_cli

from atelier_kg.build.pipeline import build


def _replace_line(path: Path, number: int, new: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[number - 1] = new
    path.write_text("\n".join(lines), encoding="utf-8")


def _line(path: Path, number: int) -> str:
    return path.read_text(encoding="utf-8").split("\n")[number - 1]


def break_missing_column(d: Path) -> None:
    replace_in(d / "persons.csv", "id,family_name,given_name", "id,given_name")


def break_too_many_cells(d: Path) -> None:
    _replace_line(d / "jobs.csv", 5, _line(d / "jobs.csv", 5) + ",extra")


def break_too_few_cells(d: Path) -> None:
    _replace_line(d / "roles.csv", 4, "21d8e486,participant")


def break_bad_date(d: Path) -> None:
    replace_in(d / "sessions.csv", "2021-11-30T10:00:00+01:00", "2021-11-31T10:00:00+01:00")


def break_date_without_offset(d: Path) -> None:
    replace_in(d / "sessions.csv", "2022-01-20T12:30:00+01:00", "2022-01-20T12:30:00")


def break_unknown_organisation(d: Path) -> None:
    replace_in(d / "jobs.csv", "2e679dd0,la-27e-region,", "2e679dd0,la-28e-region,")


def break_duplicate_id(d: Path) -> None:
    p = d / "persons.csv"
    p.write_text(p.read_text(encoding="utf-8") + "39b331d1,Autre,Personne,,page\n", encoding="utf-8")


def break_latin1(d: Path) -> None:
    p = d / "organisations.csv"
    p.write_bytes(p.read_text(encoding="utf-8").encode("latin-1", errors="replace"))


def break_bom(d: Path) -> None:
    p = d / "places.csv"
    p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes())


def break_turtle(d: Path) -> None:
    replace_in(d / "cases.ttl", "akg:involves org:ville-grenoble ;", "akg:involves org:ville-grenoble")


# breaker, file, line and column expected (worked out from the data files), words of the fix
CASES = {
    "missing-column": (break_missing_column, "persons.csv", 1, None, "family_name"),
    "too-many-cells": (break_too_many_cells, "jobs.csv", 5, 7, "quote"),
    "too-few-cells": (break_too_few_cells, "roles.csv", 4, 3, "missing cells"),
    "bad-date": (break_bad_date, "sessions.csv", 2, 4, "ISO 8601"),
    "date-without-offset": (break_date_without_offset, "sessions.csv", 3, 5, "offset"),
    "unknown-organisation": (break_unknown_organisation, "jobs.csv", 3, 2, "organisations.csv"),
    "duplicate-id": (break_duplicate_id, "persons.csv", 39, 1, "own id"),
    "latin-1": (break_latin1, "organisations.csv", 2, None, "UTF-8"),
    "bom": (break_bom, "places.csv", 1, 1, "without BOM"),
    "malformed-turtle": (break_turtle, "cases.ttl", 21, 5, "Turtle"),  # the line after the lost ";"
}


@pytest.fixture
def previous_outputs(tmp_path: Path, data_copy: Path) -> tuple[Path, dict[str, str]]:
    out = tmp_path / "out"
    build(data_copy, ONTOLOGY, out)
    return out, {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in out.iterdir()}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_reported_and_nothing_is_lost(case, data_copy, previous_outputs):
    breaker, file, line, column, fix = CASES[case]
    out, before = previous_outputs
    breaker(data_copy)
    result = run_cli("build", "--data", str(data_copy), "--ontology", str(ONTOLOGY), "--out", str(out))
    assert result.code == 2, result.err
    assert "Traceback" not in result.err + result.out
    lines = result.err.strip().split("\n")
    assert len(lines) == 1, result.err
    message = lines[0]
    match = re.search(re.escape(str(data_copy / file)) + r":(\d+)(?::(\d+))?", message)
    assert match, message
    assert int(match.group(1)) == line, message
    if column is not None:
        assert match.group(2) is not None and int(match.group(2)) == column, message
    assert fix in message
    after = {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in out.iterdir()}
    assert after == before


def test_latin1_error_points_at_the_first_bad_byte(data_copy):
    break_latin1(data_copy)
    result = run_cli(
        "build", "--data", str(data_copy), "--ontology", str(ONTOLOGY), "--out", str(data_copy.parent / "o")
    )
    # "Atelier Commande publique & économie…": é is the 35th character of line 2, after "atelier,atelier,"
    prefix = "atelier,atelier,Atelier Commande publique & "
    assert f"organisations.csv:2:{len(prefix) + 1}:" in result.err
