"""A small SPARQL lexer and the parsed query it makes: a query's structure, read once, without running it.

:func:`parse_query` reads a query's text once into a :class:`ParsedQuery`: its form, its declared
prefixes, whether it calls ``SERVICE`` or has an ``ORDER BY`` (keywords outside strings, IRIs and
comments), where the outer ``WHERE`` group opens, and where it comes from. Later steps read those
fields; the transformations below (a ``VALUES`` block binding parameters, ``SERVICE`` made
``GRAPH``) write new text from the tokens it holds, never lexing again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from atelier_kg.errors import Location

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
_FORMS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "graph", "DESCRIBE": "graph"}

Term = ox.NamedNode | ox.Literal


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
    """The tokens of ``text`` other than white space and comments (one pass of the lexer)."""
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind not in ("space", "comment"):
            yield Token(kind, match.group(), match.start())


@dataclass(frozen=True)
class ParsedQuery:
    """A query's text read once: its tokens, form, prefixes and structure, and where it comes from."""

    text: str
    tokens: tuple[Token, ...] = field(repr=False)
    #: ``select``, ``ask`` or ``graph`` (CONSTRUCT, DESCRIBE), from the first query keyword.
    form: str
    #: The ``PREFIX`` declarations, in order: (prefix, IRI without its brackets).
    prefixes: tuple[tuple[str, str], ...]
    #: True when the query calls another endpoint (``SERVICE``), read with and without ``\\u`` escapes.
    uses_service: bool
    #: True when the query has an ``ORDER BY`` (its rows then have a meaningful order).
    ordered: bool
    #: Offset just after the ``{`` that opens the outer ``WHERE`` group, or None without ``WHERE``.
    where_group: int | None
    #: The first prefixed name whose prefix no earlier ``PREFIX`` declares, with its offset, or None.
    undeclared_prefix: tuple[str, int] | None
    #: The file the text comes from (``<query>`` for text given as such), for messages.
    origin: Path = Path("<query>")
    #: Lines before the text in its file (a query embedded in a larger file), for messages.
    line_offset: int = 0

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line (in the file) and column of an offset of the text."""
        line = self.text.count("\n", 0, offset) + 1 + self.line_offset
        return line, offset - (self.text.rfind("\n", 0, offset) + 1) + 1

    def location(self, offset: int) -> Location:
        """The place in the file of an offset of the text."""
        return Location(self.origin, *self.position(offset))


def parse_query(text: str, origin: Path = Path("<query>"), line_offset: int = 0) -> ParsedQuery:
    """Read a query's text once (a second pass only for a text with ``\\u`` escapes)."""
    found = tuple(tokens(text))
    words = [t.keyword for t in found]
    service = "SERVICE" in words
    if not service and _ESCAPE.search(text):  # escapes may spell a keyword: read the text as the parser will
        unescaped = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)
        service = any(t.keyword == "SERVICE" for t in tokens(unescaped))
    return ParsedQuery(
        text=text,
        tokens=found,
        form=next((_FORMS[w] for w in words if w in _FORMS), "select"),
        prefixes=_prefixes(found),
        uses_service=service,
        ordered=any(a == "ORDER" and b == "BY" for a, b in zip(words, words[1:], strict=False)),
        where_group=_where_group(found),
        undeclared_prefix=_undeclared_prefix(found),
        origin=origin,
        line_offset=line_offset,
    )


def _prefixes(found: Sequence[Token]) -> tuple[tuple[str, str], ...]:
    declared = []
    for keyword, name, iri in zip(found, found[1:], found[2:], strict=False):
        if keyword.keyword == "PREFIX" and name.kind == "word" and iri.kind == "iri":
            declared.append((name.text.split(":", 1)[0], iri.text[1:-1]))
    return tuple(declared)


def _where_group(found: Sequence[Token]) -> int | None:
    depth = 0
    seen_where = False
    for token in found:
        if token.text == "{":
            if seen_where and depth == 0:
                return token.start + 1
            depth += 1
        elif token.text == "}":
            depth -= 1
        elif depth == 0 and token.keyword == "WHERE":
            seen_where = True
    return None


def _undeclared_prefix(found: Sequence[Token]) -> tuple[str, int] | None:
    """Parsers report an undeclared prefix as an unexpected token far from the cause; naming it helps."""
    declared: set[str] = set()
    previous = ""
    for token in found:
        if token.kind == "word" and ":" in token.text and not token.text.startswith("_:"):
            prefix = token.text.split(":", 1)[0]
            if previous == "PREFIX":
                declared.add(prefix)
            elif prefix not in declared:
                return prefix, token.start
        previous = token.keyword
    return None


def without_service(query: ParsedQuery) -> str:
    """The query with each ``SERVICE [SILENT]`` made a ``GRAPH`` (same grammar, same columns).

    Used only to check the syntax on an empty store without calling the service.
    """
    out = list(query.text)
    for token in query.tokens:
        if token.keyword == "SERVICE":
            out[token.start : token.start + 7] = "GRAPH  "
        elif token.keyword == "SILENT":
            out[token.start : token.start + 6] = " " * 6
    return "".join(out)


def with_values(query: ParsedQuery, bindings: Mapping[str, Term]) -> str:
    """The query with a ``VALUES`` block binding each variable to its term, first in the WHERE group.

    Terms are written by pyoxigraph in N-Triples syntax (quotes and backslashes escaped), so a
    value can never end its literal and add syntax. Raises ValueError when there is no WHERE.
    """
    return with_rows(query, list(bindings), [list(bindings.values())])


def with_rows(query: ParsedQuery, names: Sequence[str], rows: Sequence[Sequence[Term | None]]) -> str:
    """The query with a ``VALUES`` block of several rows (``None`` is ``UNDEF``), first in the WHERE
    group; written as :func:`with_values` writes one row. Raises ValueError when there is no WHERE."""
    text = query.text
    if not names:
        return text
    at = query.where_group
    if at is None:
        raise ValueError("a query with parameters needs the WHERE keyword before its group")
    head = " ".join(f"?{name}" for name in names)
    cells = " ".join(f"({' '.join('UNDEF' if t is None else str(t) for t in row)})" for row in rows)
    return f"{text[:at]} VALUES ({head}) {{ {cells} }}{text[at:]}"
