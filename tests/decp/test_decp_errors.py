"""Bad JSON stops with our exception (file, byte offset, fix) and gives no partial result."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from atelier_kg.decp import load_decp, read_decp
from atelier_kg.errors import DecpFormatError

DATA = Path(__file__).resolve().parents[1] / "data" / "decp"
TRUNCATED = DATA / "truncated.json"


def test_truncated_file_names_file_offset_and_fix() -> None:
    with pytest.raises(DecpFormatError) as caught:
        load_decp(TRUNCATED)
    error = caught.value
    assert error.location.path == TRUNCATED
    assert error.offset == 1000  # the file is the first 1000 bytes of consolidated-2019.json
    assert "ends too early" in error.problem
    assert "download the file again" in error.fix


def test_truncated_file_gives_no_partial_result() -> None:
    """load_decp is all or nothing; the stream says so only after the records before the cut."""
    result = None
    with pytest.raises(DecpFormatError):
        result = load_decp(TRUNCATED)
    assert result is None
    decp = read_decp(TRUNCATED)  # the root is fine: the format is known
    assert decp.format.name == "2019-consolidated"
    seen = []
    with pytest.raises(DecpFormatError):
        seen.extend(decp.records())
    assert [r.id for r in seen] == ["2010-3452112"]  # a streaming caller must stage until the end


def test_truncated_gzip_is_our_error(tmp_path: Path) -> None:
    whole = gzip.compress((DATA / "contracts-2024.json").read_bytes())
    cut = tmp_path / "cut.json.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(DecpFormatError) as caught:
        load_decp(cut)
    assert caught.value.location.path == cut
    assert caught.value.offset is not None
    assert "decompressed" in caught.value.problem


RECORD = b'{"id": "A%d", "acheteur": {"id": "21350238800019"}, "objet": "Entretien \xc3\xa9t\xc3\xa9"}'


@pytest.mark.parametrize(
    ("before", "bad", "token"),
    [
        (10, b'{"id": NaN}', b"NaN"),  # NaN in one ministry's data: not JSON
        (3000, b'{"id": "x" "y"}', b'"y"'),  # past the first 64 KiB chunk
        (3000, b'{"id": "x", "\xc3\xa9t\xc3\xa9": 1 2}', b"1 2}"),  # accents around it
    ],
)
def test_bad_json_in_the_middle_says_where(tmp_path: Path, before: int, bad: bytes, token: bytes) -> None:
    """The offset is where yajl stopped: a few bytes after the start of the bad token, not a chunk's end."""
    rows = [RECORD % i for i in range(before)] + [bad] + [RECORD % i for i in range(3000)]
    data = b'{"marches": [\n' + b",\n".join(rows) + b"]}"
    path = tmp_path / "bad.json"
    path.write_bytes(data)
    with pytest.raises(DecpFormatError, match="not valid JSON") as caught:
        load_decp(path)
    assert 0 <= caught.value.offset - data.index(token) <= len(token) + 6
    assert "b'" not in caught.value.problem
