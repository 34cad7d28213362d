"""Candidate Wikidata links for the organisations and places that have none: proposed, never published.

``suggest`` reads ``data/`` (the tables and the curated mapping sets), asks a Wikidata-shaped
endpoint through :class:`.wikidata.WikidataClient` and writes the candidates to
``data/mappings/review/candidates.sssom.tsv``, a file the build never reads. A curator reviews
them and moves the good ones into the curated sets with ``link accept`` (:mod:`.review`).

How the candidates of one subject are found and scored is :mod:`.candidates`; the candidates
file and the rejected set (paths, metadata, merging with earlier runs) are :mod:`.reviewsets`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from atelier_kg.errors import UsageError
from atelier_kg.sources import load_sources, read_mapping_set, write_mapping_set

from .candidates import Suggester
from .reviewsets import (
    candidate_row,
    candidates_metadata,
    candidates_path,
    merge_candidates,
    rejected_pairs,
    row_order,
)
from .subjects import Subject, read_curated, read_subjects
from .wikidata import DEFAULT_ENDPOINT, TIMEOUT, WikidataClient

#: At most this many candidates per subject and run: the best few are what a reviewer reads.
DEFAULT_LIMIT = 3


@dataclass
class SuggestResult:
    """What ``suggest`` did: the file written, its rows, and the requests it took."""

    path: Path
    endpoint: str
    rows: list[dict[str, str]]
    proposed: int
    kept: int
    subjects: int
    requests: int
    cache_hits: int


def suggest(
    data_dir: Path,
    endpoint: str | None = None,
    *,
    limit: int | None = None,
    cache_dir: Path | None = None,
    timeout: float = TIMEOUT,
    out: Path | None = None,
    today: date | None = None,
    contact: str | None = None,
    refresh: bool = False,
    sleep: Callable[[float], None] = time.sleep,
) -> SuggestResult:
    """Propose Wikidata candidates for the unlinked organisations and places; write the candidates file.

    ``limit`` caps what one run proposes per subject (default :data:`DEFAULT_LIMIT`, best first);
    unreviewed candidates of earlier runs stay in the file. Never writes a curated set. Raises
    :class:`UsageError` (bad argument, unwritable cache), :class:`EndpointError` (the endpoint
    failed) and :class:`SourceError` (a malformed table or mapping set).
    """
    limit = DEFAULT_LIMIT if limit is None else limit
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise UsageError(
            f"--limit must be a whole number of candidates per subject, at least 1 (not {limit!r})"
        )
    today = today or date.today()
    path = out or candidates_path(data_dir)
    earlier = read_mapping_set(path).rows if path.is_file() else []
    client = WikidataClient(
        endpoint or DEFAULT_ENDPOINT,
        cache_dir=cache_dir,
        timeout=timeout,
        contact=contact,
        refresh=refresh,
        sleep=sleep,
    )
    data = load_sources(data_dir)
    curated = read_curated(data)
    places, organisations = read_subjects(data, curated)
    rejected = rejected_pairs(data_dir)
    suggester = Suggester(client, curated, rejected)
    fresh, examined = _propose(suggester, (places, organisations), today, limit)
    subjects = {s.curie for s in (*places, *organisations)}
    rows, kept = merge_candidates(fresh, earlier, curated, subjects, rejected)
    write_mapping_set(path, candidates_metadata(today), rows)
    return SuggestResult(
        path, client.endpoint, rows, len(fresh), kept, examined, client.requests, client.hits
    )


def _propose(
    suggester: Suggester, groups: tuple[list[Subject], list[Subject]], today: date, limit: int
) -> tuple[list[dict[str, str]], int]:
    """The best ``limit`` candidate rows of each unlinked subject, and how many subjects were examined."""
    endpoint = suggester.client.endpoint
    fresh: list[dict[str, str]] = []
    examined = 0
    for group in groups:  # places first: their items are not offered to authorities
        for subject in group:
            if subject.curie in suggester.curated.linked:
                continue
            examined += 1
            found = suggester.by_identifier(subject) or suggester.by_name(subject)
            if subject.curie.startswith("place:"):
                suggester.place_items.update(c.item for c in found)
            rows = sorted((candidate_row(c, endpoint, today) for c in found), key=row_order)
            fresh.extend(rows[:limit])
    return fresh, examined
