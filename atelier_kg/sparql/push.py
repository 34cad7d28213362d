"""Loading the build into a triple store through the SPARQL 1.1 Graph Store HTTP Protocol.

``PUT`` replaces the target graph, so pushing twice leaves the same graph. The URL is the store's
graph-store endpoint (Oxigraph ``…/store``, Fuseki ``…/DATASET/data``, GraphDB
``…/repositories/ID/rdf-graphs/service``).
"""

from __future__ import annotations

import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from atelier_kg.errors import UsageError

from .http import USER_AGENT, auth_headers, check_url, with_retries


@dataclass(frozen=True)
class Pushed:
    """What a push sent: how many triples, to which graph, and the server's status."""

    triples: int
    target: str
    status: int


def graph_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store Protocol URL of ``graph`` (``?graph=IRI``), or of the default graph."""
    query = urllib.parse.urlencode({"graph": graph}) if graph else "default"
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def push(
    nt_file: Path,
    endpoint: str,
    graph: str | None = None,
    timeout: float = 300.0,
    pseudonymise_key: bytes | None = None,
) -> Pushed:
    """PUT the N-Triples file into ``graph`` (default graph when None) of the store at ``endpoint``.

    With ``pseudonymise_key`` the graph is pseudonymised first (see :mod:`atelier_kg.pseudonymise`).
    """
    check_url(endpoint)
    if graph is not None and not urllib.parse.urlsplit(graph).scheme:
        raise UsageError(f"--graph {graph!r} is not an absolute IRI")
    if not nt_file.is_file():
        raise UsageError(f"{nt_file}: no such file (run `atelier-kg build` first)")
    body = nt_file.read_bytes()
    if pseudonymise_key is not None:
        from atelier_kg.pseudonymise import pseudonymise
        from atelier_kg.serialise import ntriples
        from atelier_kg.sources.graphfile import read_triples

        body = ntriples(pseudonymise(read_triples(nt_file), pseudonymise_key))
    url = graph_url(endpoint, graph)
    headers = {"Content-Type": "application/n-triples", "User-Agent": USER_AGENT, **auth_headers()}

    def send() -> int:
        request = urllib.request.Request(url, data=body, method="PUT", headers=headers)
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) checked
            return response.status

    status = with_retries(send, endpoint, timeout)
    count = sum(1 for line in body.splitlines() if line.strip() and not line.startswith(b"#"))
    return Pushed(count, graph or "the default graph", status)
