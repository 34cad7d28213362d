"""The records of a DECP file, one at a time, built by ijson from the byte stream: memory stays flat."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import ijson

from .detect import CountingReader, DecpFormat, open_binary, parse_error


@dataclass(frozen=True)
class RawItem:
    """One item of a record array as the file gives it, with the array's name and its index there."""

    array: str  # "marches", "marche" or "contrat-concession"
    index: int  # 0-based index within that array
    value: object  # a dict for a record; anything else is an item nobody can identify


def _items(reader: CountingReader, prefix: str) -> Iterator[RawItem]:
    """The items of one record array, built by ijson's C backend (faster than an event loop in Python)."""
    array = prefix.rpartition(".")[2]
    for index, value in enumerate(ijson.items(reader, f"{prefix}.item", use_float=False)):
        yield RawItem(array, index, value)


def raw_items(path: Path, fmt: DecpFormat) -> Iterator[RawItem]:
    """Yield every record item of a DECP file in order; bad JSON raises DecpFormatError where it is found."""
    path = Path(path)
    for prefix in fmt.arrays:  # the 2024 format's two arrays: one pass each, each one streamed
        with open_binary(path) as stream:
            reader = CountingReader(stream)
            try:
                yield from _items(reader, prefix)
            except (ijson.JSONError, EOFError, OSError) as exc:
                raise parse_error(path, reader, exc) from None
