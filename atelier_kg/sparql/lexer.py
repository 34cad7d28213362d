"""A small SPARQL lexer: just enough to see a query's structure without running it.

It tells which keywords a query uses outside strings, IRIs and comments (``SERVICE``, ``FROM``,
``ORDER BY``), and finds where the outer ``WHERE`` group opens so that a ``VALUES`` block of
serialised terms can bind parameters for an endpoint that has no binding protocol.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
        |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7]+)
  | (?P<word>(?:[^\W\d]|_)[\w\-.:%\\]*[\w\-:%]|(?:[^\W\d]|_)|:[\w\-.:%\\]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


@dataclass(frozen=True)
class Token:
    """A token of the query text: its kind, text and offset."""

    kind: str
    text: str
    start: int

    @property
    def keyword(self) -> str:
        """The token in upper case if it is a bare word (keywords are case-insensitive)."""
        return self.text.upper() if self.kind == "word" else ""


def tokens(text: str) -> Iterator[Token]:
    """The tokens of ``text`` other than white space and comments."""
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind not in ("space", "comment"):
            yield Token(kind, match.group(), match.start())


def _unescaped(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def keywords(text: str) -> set[str]:
    """Every bare keyword of the query, read with and without ``\\u`` escapes (to be safe)."""
    found = {t.keyword for t in tokens(text) if t.keyword}
    return found | {t.keyword for t in tokens(_unescaped(text)) if t.keyword}


def uses_service(text: str) -> bool:
    """True when the query calls another endpoint (``SERVICE``)."""
    return "SERVICE" in keywords(text)


def is_ordered(text: str) -> bool:
    """True when the query has an ``ORDER BY`` (its rows then have a meaningful order)."""
    words = [t.keyword for t in tokens(text)]
    return any(a == "ORDER" and b == "BY" for a, b in zip(words, words[1:], strict=False))


def without_service(text: str) -> str:
    """The query with each ``SERVICE [SILENT]`` made a ``GRAPH`` (same grammar, same columns).

    Used only to check the syntax on an empty store without calling the service.
    """
    out = list(text)
    for token in tokens(text):
        if token.keyword == "SERVICE":
            out[token.start : token.start + 7] = "GRAPH  "
        elif token.keyword == "SILENT":
            out[token.start : token.start + 6] = " " * 6
    return "".join(out)


def where_group(text: str) -> int | None:
    """Offset just after the ``{`` that opens the outer ``WHERE`` group, or None without ``WHERE``."""
    depth = 0
    seen_where = False
    for token in tokens(text):
        if token.text == "{":
            if seen_where and depth == 0:
                return token.start + 1
            depth += 1
        elif token.text == "}":
            depth -= 1
        elif depth == 0 and token.keyword == "WHERE":
            seen_where = True
    return None


def with_values(text: str, bindings: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """The query with a ``VALUES`` block binding each variable to its term, first in the WHERE group.

    Terms are written by pyoxigraph in N-Triples syntax (quotes and backslashes escaped), so a
    value can never end its literal and add syntax. Raises ValueError when there is no WHERE.
    """
    return with_rows(text, list(bindings), [list(bindings.values())])


def with_rows(
    text: str, names: Sequence[str], rows: Sequence[Sequence[ox.NamedNode | ox.Literal | None]]
) -> str:
    """The query with a ``VALUES`` block of several rows (``None`` is ``UNDEF``), first in the WHERE
    group; written as :func:`with_values` writes one row. Raises ValueError when there is no WHERE."""
    if not names:
        return text
    at = where_group(text)
    if at is None:
        raise ValueError("a query with parameters needs the WHERE keyword before its group")
    head = " ".join(f"?{name}" for name in names)
    cells = " ".join(f"({' '.join('UNDEF' if t is None else str(t) for t in row)})" for row in rows)
    return f"{text[:at]} VALUES ({head}) {{ {cells} }}{text[at:]}"


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of an offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def undeclared_prefix(text: str) -> tuple[str, int] | None:
    """The first prefixed name whose prefix no ``PREFIX`` declares, with its offset, or None.

    Parsers report this as an unexpected token far from the cause; naming it helps.
    """
    declared: set[str] = set()
    previous = ""
    for token in tokens(text):
        if token.kind == "word" and ":" in token.text and not token.text.startswith("_:"):
            prefix = token.text.split(":", 1)[0]
            if previous == "PREFIX":
                declared.add(prefix)
            elif prefix not in declared:
                return prefix, token.start
        previous = token.keyword
    return None


def query_form(text: str) -> str:
    """``select``, ``ask`` or ``graph`` (CONSTRUCT, DESCRIBE) from the first query keyword."""
    forms = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "graph", "DESCRIBE": "graph"}
    for token in tokens(text):
        if token.keyword in forms:
            return forms[token.keyword]
    return "select"
