"""Running `atelier-kg serve` for a test, and asking it over real HTTP (urllib, no mock)."""

from __future__ import annotations

import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from conftest import ROOT, free_port, running


@contextmanager
def serving(graph: Path | None, *options: str) -> Iterator[str]:
    """Run `atelier-kg serve` on a free port of 127.0.0.1; yield its /sparql URL.

    ``graph`` is the graph file served; with None, the options say what is served (``--store``).
    """
    port = free_port()
    source = [] if graph is None else ["--graph", str(graph)]
    command = [sys.executable, "-m", "atelier_kg.cli", "serve", *source, "--port", str(port)]
    url = f"http://127.0.0.1:{port}/sparql"
    with running([*command, *options], url + "?query=ASK%7B%7D", "atelier-kg serve", cwd=ROOT):
        yield url


def ask(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    """(status, headers, body) of one request; an HTTP error status is an answer too."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def get(endpoint: str, query: str, accept: str | None = None):
    return ask(
        endpoint + "?" + urllib.parse.urlencode({"query": query}),
        headers={"Accept": accept} if accept else {},
    )


def children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found
