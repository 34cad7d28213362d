"""Content negotiation: the result format a client's ``Accept`` header asks for, by query form."""

from __future__ import annotations

#: Media types of SELECT and ASK results, the default first: (media type, format name).
RESULT_TYPES = (
    ("application/sparql-results+json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
)
#: Media types of CONSTRUCT and DESCRIBE graphs, the default first.
GRAPH_TYPES = (
    ("text/turtle", "ttl"),
    ("application/n-triples", "nt"),
    ("application/rdf+xml", "rdfxml"),
    ("application/ld+json", "jsonld"),
)
#: Short names a client may give as ``format=`` instead of an ``Accept`` header.
ALIASES = {
    "json": "json",
    "xml": "xml",
    "csv": "csv",
    "tsv": "tsv",
    "ttl": "ttl",
    "turtle": "ttl",
    "nt": "nt",
    "ntriples": "nt",
    "rdfxml": "rdfxml",
    "jsonld": "jsonld",
}


def media_ranges(accept: str) -> list[tuple[float, int, str]]:
    """The media ranges of an Accept header with their q-values, most wanted first."""
    ranges = []
    for position, part in enumerate(accept.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        if not pieces[0]:
            continue
        q = 1.0
        for param in pieces[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            ranges.append((-q, position, pieces[0].lower()))
    return sorted(ranges)


def choose(accept: str | None, form: str) -> tuple[str, str] | None:
    """(media type, format) for a query ``form`` (select, ask, graph), or None if none is acceptable."""
    offered = GRAPH_TYPES if form == "graph" else RESULT_TYPES
    if not accept or not accept.strip():
        return offered[0]
    for _q, _position, wanted in media_ranges(accept):
        if wanted in ("*/*", "*"):
            return offered[0]
        for media, name in offered:
            major = media.split("/")[0]
            if wanted == media or wanted == f"{major}/*":
                return media, name
    return None
