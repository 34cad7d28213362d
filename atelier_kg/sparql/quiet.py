"""rdflib's log records, dropped where we call rdflib and report the problem ourselves.

rdflib logs a warning *with a traceback* for every literal whose lexical form does not fit its
datatype (``"1 } ; DROP ALL"^^xsd:integer``), and one for every IRI it finds odd. Where we call it,
an ill-typed value is our error to report (a parameter) or no error at all (data queried as it
is), so those records would only put a traceback on the terminal before, or instead of, our words.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

#: The logger of ``rdflib.term``, which logs the ill-typed literals and odd IRIs.
_TERM_LOGGER = logging.getLogger("rdflib.term")


class _Drop(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return False


@contextmanager
def quiet_rdflib() -> Iterator[None]:
    """Within the block, ``rdflib.term`` logs nothing (a filter of its own, removed afterwards)."""
    drop = _Drop()  # one per block: blocks in several threads each remove only their own
    _TERM_LOGGER.addFilter(drop)
    try:
        yield
    finally:
        _TERM_LOGGER.removeFilter(drop)
