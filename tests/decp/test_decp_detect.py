"""The DECP format is told from the file's structure; gzip from its magic bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from atelier_kg.decp import BUYER_2019, CONSOLIDATED_2019, FORMAT_2024, detect_format, load_decp, read_decp
from atelier_kg.errors import DecpFormatError, SourceError

DATA = Path(__file__).resolve().parents[1] / "data" / "decp"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("consolidated-2019.json", CONSOLIDATED_2019),
        ("quirks-2019.json", CONSOLIDATED_2019),
        ("buyer-2019.json", BUYER_2019),
        ("contracts-2024.json", FORMAT_2024),
        ("contracts-2024.json.gz", FORMAT_2024),
        ("quirks-2024.json", FORMAT_2024),
    ],
)
def test_each_format_is_detected(name: str, expected: object) -> None:
    assert detect_format(DATA / name) == expected
    assert read_decp(DATA / name).format == expected


def test_formats_say_their_schema() -> None:
    assert (CONSOLIDATED_2019.schema, BUYER_2019.schema, FORMAT_2024.schema) == ("1.x", "1.x", "2.0")
    assert CONSOLIDATED_2019.consolidated and not BUYER_2019.consolidated


def test_gzip_is_told_by_magic_bytes_not_by_name(tmp_path: Path) -> None:
    disguised = tmp_path / "contracts.json"  # gzipped, but named .json
    disguised.write_bytes((DATA / "contracts-2024.json.gz").read_bytes())
    assert (DATA / "contracts-2024.json.gz").read_bytes()[:2] == b"\x1f\x8b"
    assert load_decp(disguised).records == load_decp(DATA / "contracts-2024.json").records


def test_an_empty_2019_array_is_a_buyer_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text('{"marches": []}', encoding="utf-8")
    assert detect_format(empty) == BUYER_2019
    assert load_decp(empty).records == ()


@pytest.mark.parametrize(
    ("name", "offset", "words"),
    [
        ("wrong-root-array.json", 0, "the root is an array"),
        ("wrong-root-key.json", 0, "no key 'marches'"),
    ],
)
def test_a_wrong_root_is_our_error_with_file_offset_and_fix(name: str, offset: int, words: str) -> None:
    with pytest.raises(DecpFormatError) as caught:
        read_decp(DATA / name)
    error = caught.value
    assert isinstance(error, SourceError)
    assert error.location.path == DATA / name
    assert error.offset == offset
    assert words in error.problem
    assert '{"marches": [...]}' in error.fix
    assert str(DATA / name) in str(error) and f"at byte {offset}" in str(error)


def test_marches_of_another_type_is_a_wrong_root(tmp_path: Path) -> None:
    odd = tmp_path / "odd.json"
    odd.write_text('  {"marches": 3}', encoding="utf-8")
    with pytest.raises(DecpFormatError, match="neither an array") as caught:
        detect_format(odd)
    assert caught.value.offset == 2  # the root starts after two spaces


def test_a_2024_record_array_that_is_not_an_array_is_refused(tmp_path: Path) -> None:
    odd = tmp_path / "odd.json"
    odd.write_text('{"marches": {"marche": {"id": "x"}}}', encoding="utf-8")
    with pytest.raises(DecpFormatError, match="'marches.marche' is not an array"):
        read_decp(odd)


def test_not_json_at_all(tmp_path: Path) -> None:
    text = tmp_path / "notes.json"
    text.write_text("marchés publics", encoding="utf-8")
    with pytest.raises(DecpFormatError, match="not valid JSON") as caught:
        read_decp(text)
    assert caught.value.location.path == text
