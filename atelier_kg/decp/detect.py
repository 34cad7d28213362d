"""Which DECP format a file is in, told from its structure; plain or gzipped, told from its first bytes."""

from __future__ import annotations

import ast
import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import ijson

from atelier_kg.errors import DecpFormatError

GZIP_MAGIC = b"\x1f\x8b"
YAJL_CARET = 40  # the column of the caret under the context yajl quotes in its error messages
ROOT_FIX = (
    'a DECP file is {"marches": [...]} (2019 format) or '
    '{"marches": {"marche": [...], "contrat-concession": [...]}} (2024 format)'
)


@dataclass(frozen=True)
class DecpFormat:
    """A DECP file format: its name, the schema family, and the arrays that hold its records."""

    name: str  # "2019-consolidated", "2019-buyer" or "2024"
    schema: str  # "1.x" or "2.0"
    arrays: tuple[str, ...]  # ijson prefixes of the record arrays

    @property
    def consolidated(self) -> bool:
        """True for the national consolidated file, whose records carry ``uid`` and ``source``."""
        return self.name == "2019-consolidated"


CONSOLIDATED_2019 = DecpFormat("2019-consolidated", "1.x", ("marches",))
BUYER_2019 = DecpFormat("2019-buyer", "1.x", ("marches",))
FORMAT_2024 = DecpFormat("2024", "2.0", ("marches.marche", "marches.contrat-concession"))
FORMATS = {f.name: f for f in (CONSOLIDATED_2019, BUYER_2019, FORMAT_2024)}


def is_gzipped(path: Path) -> bool:
    """True when the file starts with gzip's magic bytes (whatever its name ends with)."""
    with open(path, "rb") as stream:
        return stream.read(2) == GZIP_MAGIC


def open_binary(path: Path) -> IO[bytes]:
    """The file's bytes, decompressed when it is gzipped."""
    if is_gzipped(path):
        return gzip.open(path, "rb")
    return open(path, "rb")


class CountingReader:
    """A binary stream that counts the bytes read from it, to say where a parse error happened."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.offset = 0
        self.last = b""  # the last chunk read: yajl's error message points into it

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.offset += len(data)
        if data:
            self.last = data
        return data

    def error_offset(self, message: str) -> int:
        """The offset of a yajl error, found from the context its message quotes; else the offset reached.

        yajl quotes up to 30 bytes either side of the error, new lines as spaces, after 10 spaces
        (40 minus the offset, when the error is in the first 30 bytes of the chunk), the caret at column
        40; ijson gives the message as a bytes literal when the quote is not UTF-8.
        """
        raw = _message_bytes(message).split(b"\n")
        if len(raw) < 3 or raw[2].find(b"^") != YAJL_CARET:
            return self.offset
        quoted = raw[1]
        chunk = self.last.replace(b"\n", b" ").replace(b"\r", b" ")
        start = self.offset - len(self.last)
        lead = len(quoted) - len(quoted.lstrip(b" "))
        if lead > 10 and chunk.startswith(quoted[lead:][:20]):
            return start + YAJL_CARET - lead
        core = quoted[10:]
        found = chunk.find(core) if len(core) >= 8 else -1
        if found < 0 or chunk.find(core, found + 1) >= 0:
            return self.offset
        return start + found + 30


def _message_bytes(message: str) -> bytes:
    if message[:2] in ("b'", 'b"'):
        try:
            value = ast.literal_eval(message)
        except (ValueError, SyntaxError):
            return message.encode("utf-8")
        return value if isinstance(value, bytes) else message.encode("utf-8")
    return message.encode("utf-8")


def parse_error(path: Path, reader: CountingReader, exc: Exception) -> DecpFormatError:
    """Our exception for an ijson or gzip error, with the offset reached in the (decompressed) bytes."""
    text = _message_bytes(str(exc)).decode("utf-8", "replace").strip()
    first = text.splitlines()[0] if text else type(exc).__name__
    truncated = "premature EOF" in first or isinstance(exc, EOFError)
    problem = f"the JSON ends too early ({first})" if truncated else f"the file is not valid JSON ({first})"
    if is_gzipped(path):
        problem += " (offset in the decompressed data)"
    fix = (
        "download the file again: it is incomplete"
        if truncated
        else "check the file's JSON (e.g. `python -m json.tool FILE`), or download it again"
    )
    offset = reader.offset if truncated else reader.error_offset(str(exc))
    return DecpFormatError(path, offset, problem, fix)


def wrong_root(path: Path, offset: int | None, problem: str) -> DecpFormatError:
    """Our exception for a file whose root is not a DECP root."""
    return DecpFormatError(path, offset, problem, ROOT_FIX)


def _root_offset(path: Path) -> int:
    """The offset of the first byte of the root value (after white space and a byte-order mark)."""
    with open_binary(path) as stream:
        head = stream.read(4096)
    start = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    return start + len(head[start:]) - len(head[start:].lstrip())


def _first_keys(events: Iterator[tuple[str, str, object]], prefix: str) -> set[str] | None:
    """The keys of the first item of the array at ``prefix`` (None when the array is empty)."""
    for where, event, _ in events:
        if where == prefix and event == "end_array":
            return None
        if where == f"{prefix}.item":
            if event != "start_map":
                return set()
            keys: set[str] = set()
            for inner, kind, key in events:
                if inner == f"{prefix}.item" and kind == "map_key":
                    keys.add(str(key))
                elif inner == f"{prefix}.item" and kind == "end_map":
                    return keys
    return None


def _check_2024(path: Path, events: Iterator[tuple[str, str, object]]) -> None:
    """The first array of a 2024 file must be an array (the others are checked as they are read)."""
    where, event, key = next(events)
    if event == "map_key" and key in ("marche", "contrat-concession"):
        where, event, _ = next(events)
        if event != "start_array":
            raise wrong_root(path, None, f"'marches.{key}' is not an array of records")


def _format_of(path: Path, events: Iterator[tuple[str, str, object]]) -> DecpFormat:
    """Read just enough events to tell the format."""
    where, event, _ = next(events)
    if event != "start_map":
        kind = {"start_array": "an array"}.get(event, "a single value")
        raise wrong_root(
            path, _root_offset(path), f"the root is {kind}, not an object with the key 'marches'"
        )
    for where, event, value in events:
        if where == "" and event == "map_key" and value == "marches":
            break
        if where == "" and event == "end_map":
            raise wrong_root(path, _root_offset(path), "the root object has no key 'marches'")
    where, event, _ = next(events)
    if event == "start_map":
        _check_2024(path, events)
        return FORMAT_2024
    if event != "start_array":
        raise wrong_root(
            path, _root_offset(path), "'marches' is neither an array (2019) nor an object (2024)"
        )
    keys = _first_keys(events, "marches")
    return CONSOLIDATED_2019 if keys and "uid" in keys else BUYER_2019


def detect_format(path: Path) -> DecpFormat:
    """The file's DECP format, from the first events of its JSON: raises DecpFormatError if it has none."""
    path = Path(path)
    with open_binary(path) as stream:
        reader = CountingReader(stream)
        try:
            return _format_of(path, iter(ijson.parse(reader, use_float=False)))
        except (ijson.JSONError, EOFError, OSError) as exc:
            raise parse_error(path, reader, exc) from None
        except StopIteration:
            raise DecpFormatError(path, reader.offset, "the file is empty or ends early", ROOT_FIX) from None
