"""The query library: ``.rq`` files with a comment header, read and run on a graph."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.query import Result

from .paths import queries_dir

_HEADER = re.compile(r"^#\s*([a-z]+):\s*(.*)$")


@dataclass(frozen=True)
class Query:
    """A library query: its name, header fields and text."""

    name: str
    path: Path
    header: dict[str, str]
    text: str

    @property
    def title(self) -> str:
        return self.header.get("title", self.name)


def read_query(path: Path) -> Query:
    """Read a ``.rq`` file and the ``# key: value`` lines of its opening comment."""
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match:
            header[match.group(1)] = match.group(2).strip()
    return Query(path.stem, path, header, text)


def library_query(name: str, folder: str = "") -> Query:
    """A query of the installed library by name, e.g. ``library_query("participants", "check")``."""
    return read_query(queries_dir() / folder / f"{name}.rq")


def run(graph: Graph, query: Query, bindings: dict | None = None) -> Result:
    """Run a query on an rdflib graph with typed initial bindings (never spliced into the text)."""
    return graph.query(query.text, initBindings=bindings or {})
