"""Links to open data: Wikidata candidates suggested, reviewed (accepted or rejected), and reported."""

from __future__ import annotations

from .report import LinkReport, describe_duplicate, link_report, report_markdown
from .review import AcceptResult, RejectResult, accept, reject
from .suggest import SuggestResult, suggest
from .wikidata import WikidataClient

__all__ = [
    "AcceptResult",
    "LinkReport",
    "RejectResult",
    "SuggestResult",
    "WikidataClient",
    "accept",
    "describe_duplicate",
    "link_report",
    "reject",
    "report_markdown",
    "suggest",
]
