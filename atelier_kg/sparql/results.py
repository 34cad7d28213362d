"""The answer of a query, whatever store gave it, and its serialisations.

Every store hands back the standard exchange formats (SPARQL JSON results, N-Triples or Turtle);
they are parsed with pyoxigraph into one model, so results from the embedded store and from an
endpoint compare term by term.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Literal as RdfLiteral
from rdflib import URIRef

from atelier_kg.namespaces import PREFIXES
from atelier_kg.output import spreadsheet_safe_table
from atelier_kg.serialise import compactor, jsonld, ntriples, sorted_triples, turtle

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

SOLUTION_FORMATS = ("table", "csv", "tsv", "json", "md")
GRAPH_FORMATS = ("table", "ttl", "nt", "jsonld")
FORMATS = ("table", "csv", "tsv", "json", "md", "ttl", "nt", "jsonld")
_RESULT_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
}
_TABLE_WIDTH = 80


@dataclass
class QueryResult:
    """Rows of a SELECT, the boolean of an ASK or the triples of a CONSTRUCT/DESCRIBE."""

    kind: str  # "select", "ask" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Term]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    ordered: bool = False
    raw: bytes = b""

    @classmethod
    def from_results(cls, data: bytes, ordered: bool = False) -> QueryResult:
        """Parse SPARQL 1.1 JSON results (of a SELECT or an ASK)."""
        parsed = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        if isinstance(parsed, ox.QueryBoolean):
            return cls("ask", boolean=bool(parsed), raw=data)
        variables = [v.value for v in parsed.variables]
        rows = [
            {name: term for name in variables if (term := solution[name]) is not None} for solution in parsed
        ]
        return cls("select", variables, rows, ordered=ordered, raw=data)

    @classmethod
    def from_graph(cls, data: bytes, fmt: ox.RdfFormat = ox.RdfFormat.N_TRIPLES) -> QueryResult:
        """Parse the graph a CONSTRUCT or DESCRIBE returned."""
        return cls("graph", triples=sorted_triples({quad.triple for quad in ox.parse(data, format=fmt)}))

    def __len__(self) -> int:
        return len(self.triples) if self.kind == "graph" else len(self.rows)

    def records(self) -> list[dict[str, object]]:
        """The rows as dicts of Python values (IRIs as str, typed literals as int, date, Decimal…)."""
        return [{name: python_value(term) for name, term in row.items()} for row in self.rows]

    def dataframe(self):
        """The rows as a pandas DataFrame (needs the ``pandas`` extra)."""
        try:
            import pandas
        except ImportError:
            from atelier_kg.errors import UsageError

            raise UsageError("pandas is not installed: pip install 'atelier-kg[pandas]'") from None
        return pandas.DataFrame(self.records(), columns=self.variables)

    def comparable(self) -> object:
        """A value equal for equal answers: rows in order when the query orders them, else as a multiset."""
        if self.kind == "ask":
            return self.boolean
        if self.kind == "graph":
            return [str(t) for t in self.triples]
        rows = [tuple(str(row.get(v, "")) for v in self.variables) for row in self.rows]
        return (self.variables, rows if self.ordered else sorted(rows))

    def serialize(self, fmt: str = "table") -> bytes:
        """The result in ``fmt`` (table, csv, tsv, json, md for rows; table, ttl, nt, jsonld for graphs)."""
        if self.kind == "graph":
            if fmt not in GRAPH_FORMATS:
                raise ValueError(f"a graph is written as {', '.join(GRAPH_FORMATS[1:])}, not {fmt}")
            if fmt == "nt":
                return ntriples(self.triples)
            if fmt == "jsonld":
                return jsonld(self.triples)
            return turtle(self.triples)
        if fmt not in SOLUTION_FORMATS:
            raise ValueError(f"rows are written as {', '.join(SOLUTION_FORMATS)}, not {fmt}")
        if fmt in _RESULT_FORMATS:
            parsed = ox.parse_query_results(self.raw, format=ox.QueryResultsFormat.JSON)
            body = parsed.serialize(format=_RESULT_FORMATS[fmt])
            body = body if body.endswith(b"\n") else body + b"\n"
            if fmt in ("csv", "tsv"):  # a cell a spreadsheet would run as a formula is neutralised
                body = spreadsheet_safe_table(body, "," if fmt == "csv" else "\t")
            return body
        if self.kind == "ask":
            return b"true\n" if self.boolean else b"false\n"
        cells = [[display(row.get(v)) for v in self.variables] for row in self.rows]
        return (_markdown if fmt == "md" else _table)(self.variables, cells).encode("utf-8")


_compact = compactor(PREFIXES)


def display(term: Term | None) -> str:
    """A short human form of a term: compact IRI, or a literal's value."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return _compact(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def python_value(term: Term) -> object:
    """A term as a Python value: IRIs as str, literals converted by their datatype (via rdflib)."""
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal):
        if term.language:
            return term.value
        return RdfLiteral(term.value, datatype=URIRef(term.datatype.value)).toPython()
    return str(term)


def _table(variables: list[str], cells: list[list[str]]) -> str:
    cut = [[c if len(c) <= _TABLE_WIDTH else c[: _TABLE_WIDTH - 1] + "…" for c in row] for row in cells]
    cut = [[" ".join(c.split()) for c in row] for row in cut]
    widths = [max([len(v), *(len(row[i]) for row in cut)]) for i, v in enumerate(variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(variables, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cut]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _markdown(variables: list[str], cells: list[list[str]]) -> str:
    def cell(text: str) -> str:
        return " ".join(text.replace("|", "\\|").split())

    lines = ["| " + " | ".join(variables) + " |", "|" + " --- |" * len(variables)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in cells]
    return "\n".join(lines) + "\n"
