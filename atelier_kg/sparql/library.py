"""The query library: ``.rq`` files with a comment header, found by name and described in a README."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from atelier_kg.errors import Location, SourceError, UsageError
from atelier_kg.paths import queries_dir

from .lexer import ParsedQuery, parse_query
from .params import Param, ParamError, parse_params

_HEADER = re.compile(r"^#\s*([a-z]+):\s*(.*)$")


@dataclass(frozen=True)
class Query:
    """A library query: its name, header fields, declared parameters, text and the text parsed once.

    ``parsed`` (form, prefixes, SERVICE, ORDER BY, tokens, origin) is read from ``text`` when the
    query is made; every later step reads it rather than the text.
    """

    name: str
    path: Path
    header: dict[str, str]
    text: str
    params: list[Param] = field(default_factory=list)
    parsed: ParsedQuery = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "parsed", parse_query(self.text, self.path))  # frozen: set once, here

    @property
    def title(self) -> str:
        """The ``# title:`` of the query, else its name."""
        return self.header.get("title", self.name)

    @property
    def needs_internet(self) -> bool:
        """True for federated queries (``# needs: internet``), which call a remote service."""
        return "internet" in self.header.get("needs", "")


def read_query(path: Path, name: str | None = None) -> Query:
    """Read a ``.rq`` file and the ``# key: value`` lines of its opening comment."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(Location(path), f"not UTF-8 ({exc.reason})", "save the file as UTF-8") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the query file ({exc.strerror})") from None
    header: dict[str, str] = {}
    params_line = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match:
            header[match.group(1)] = match.group(2).strip()
            if match.group(1) == "params":
                params_line = number
    try:
        params = parse_params(header.get("params", ""))
    except ParamError as exc:
        raise SourceError(
            Location(path, params_line, 1),
            f"bad `# params:` header: {exc}",
            "declare each parameter as `NAME (TYPE, default VALUE, description)`, separated by `;`",
        ) from None
    return Query(name or path.stem, path, header, text, params)


def library(root: Path | None = None) -> list[Query]:
    """Every query of the library (``queries/`` and its folders), sorted by name."""
    root = root or queries_dir()
    return [
        read_query(path, path.relative_to(root).with_suffix("").as_posix())
        for path in sorted(root.rglob("*.rq"))
    ]


def find_query(name: str, root: Path | None = None) -> Query:
    """A library query by name (``participants-by-organisation``, ``check/themes``) or a ``.rq`` file.

    An unknown name raises :class:`UsageError` listing the close matches.
    """
    path = Path(name)
    if name.endswith(".rq") or path.is_file():
        if not path.is_file():
            raise UsageError(f"{path}: no such query file")
        return read_query(path)
    root = root or queries_dir()
    candidate = root / f"{name}.rq"
    if candidate.is_file():
        return read_query(candidate, name)
    names = [q.name for q in library(root)]
    close = difflib.get_close_matches(name, names, n=5, cutoff=0.5)
    close += [n for n in names if name in n and n not in close][: 5 - len(close)]
    hint = f"did you mean {', '.join(close)}?" if close else "run `atelier-kg queries` to list them"
    raise UsageError(f"no query named {name!r} in the library; {hint}")


def library_markdown(queries: list[Query]) -> str:
    """The library's README: one section per folder, one row per query (generated; a test checks it)."""
    lines = [
        "# Query library",
        "",
        "Generated from the queries' headers by `atelier-kg queries --format md`; a test keeps it in sync.",
        "Run one with `atelier-kg query NAME [--param name=value …]`. Parameters are bound as typed RDF",
        "terms; queries marked *internet* call Wikidata through `SERVICE` and need `--allow-remote`.",
        "",
        "To add a query, put a `.rq` file here that opens with its header, then run",
        "`atelier-kg queries --format md > queries/README.md`:",
        "",
        "```sparql",
        "# title: Organisations of a type",
        "# question: Which organisations are of a given type?",
        "# params: type (IRI, default org-type:region, an organisation type)",
        "PREFIX akg: <https://w3id.org/atelier-kg/def#>",
        "SELECT ?org WHERE { ?org akg:organisationType $type }",
        "```",
        "",
        "Each parameter is `NAME (TYPE, default VALUE, description)`, TYPE being `IRI` or an XSD",
        "datatype; an IRI is written `<…>` or with the prefixes of the outputs (`organisation:`,",
        "`person:`, `org-type:`…). The query must say `WHERE` before its group: the runner binds",
        "the parameters with a `VALUES` block opening that group, the same on every store.",
        "Federated queries add `# needs: internet`.",
        "",
        "`network/` holds the queries that define the networks of `atelier-kg network`: `NAME.rq`",
        "returns the edges (`?source ?target`, optionally `?relation ?context ?weight ?start ?end`;",
        "header `# network: one-mode` or `# network: bipartite`) and `NAME.nodes.rq` the nodes (`?node`,",
        "optionally `?label ?type ?sector ?bipartite ?start ?end` and any attribute). Adding the two",
        "files adds a network; see `docs/networks.md`.",
    ]
    folders = sorted({q.name.rpartition("/")[0] for q in queries})
    for folder in folders:
        lines += ["", f"## {folder or 'Research questions'}", ""]
        lines += ["| query | title | question | parameters |", "| --- | --- | --- | --- |"]
        for q in (q for q in queries if q.name.rpartition("/")[0] == folder):
            params = "<br>".join(_cell(str(p)) for p in q.params) or "—"
            title = q.title + (" *(internet)*" if q.needs_internet else "")
            lines.append(
                f"| [`{q.name}`]({q.name}.rq) | {_cell(title)} | {_cell(q.header.get('question', ''))} "
                f"| {params} |"
            )
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
