"""The commands of the SPARQL stage: ``queries``, ``query`` and ``push``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from atelier_kg.sparql import ENGINES, FORMATS

from .options import BUILD_GRAPH, Command, pseudonymise_option, remote_or_embedded


def _queries_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--format", choices=("table", "md"), default="table", help="table (default) or md (the README)"
    )


def _queries(args: argparse.Namespace) -> int:
    from atelier_kg.sparql import library, library_markdown

    queries = library()
    if args.format == "md":
        print(library_markdown(queries), end="")
        return 0
    width = max(len(q.name) for q in queries)
    for q in queries:
        mark = "  [internet]" if q.needs_internet else ""
        print(f"{q.name:<{width}}  {q.title}{mark}")
        for param in q.params:
            print(f"{'':<{width}}    --param {param.name}=…  {param.type}, default {param.default}")
    print(f"\n{len(queries)} queries")
    return 0


def _query_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", metavar="NAME|FILE", help="a library query name (see `queries`) or a .rq file")
    p.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a parameter value (IRI, prefixed name or literal, read by its declared type); repeatable",
    )
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    p.add_argument("--endpoint", metavar="URL", help="a SPARQL 1.1 query endpoint instead of the build")
    p.add_argument(
        "--graph",
        type=Path,
        default=BUILD_GRAPH,
        metavar="FILE",
        help="graph file for the embedded store (default: build/atelier.nt)",
    )
    p.add_argument("--store", choices=ENGINES, default="oxigraph", help="embedded engine (default: oxigraph)")
    p.add_argument(
        "--timeout", type=float, default=30.0, metavar="S", help="time limit (default: 30 s; 0: none)"
    )
    p.add_argument(
        "--allow-remote",
        action="store_true",
        help="let the embedded store call SERVICE endpoints (federated queries; needs the internet)",
    )
    p.add_argument("--out", type=Path, metavar="FILE", help="write the result to FILE (atomically)")
    pseudonymise_option(
        p, "query a pseudonymised copy of the graph: persons as keyed pseudonyms, no names or job titles"
    )


def _param_values(items: list[str]) -> dict[str, str]:
    """The --param NAME=VALUE options as a mapping."""
    from atelier_kg.errors import UsageError

    params = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UsageError(f"--param {item!r}: write it as NAME=VALUE")
        params[name.strip()] = value
    return params


def _query(args: argparse.Namespace) -> int:
    from atelier_kg.errors import UsageError
    from atelier_kg.sparql import find_query, prepare, run_prepared

    query = find_query(args.query)
    text = prepare(query, _param_values(args.param))  # a bad query or parameter: before loading a graph
    store = remote_or_embedded(args, args.store)
    result = run_prepared(store, query, text, timeout=args.timeout or None, allow_remote=args.allow_remote)
    try:
        body = result.serialize(args.format)
    except ValueError as exc:
        raise UsageError(f"--format {args.format}: {exc}") from None
    if args.out:
        from atelier_kg.output import atomic_write

        atomic_write(args.out, body)
    else:
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
    return 0


def _push_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--endpoint",
        required=True,
        metavar="URL",
        help="graph store endpoint (Oxigraph …/store, Fuseki …/DATASET/data); credentials from "
        "ATELIER_KG_TOKEN or ATELIER_KG_USER/ATELIER_KG_PASSWORD",
    )
    p.add_argument("--graph", metavar="IRI", help="named graph to replace (default: the default graph)")
    p.add_argument(
        "--file", type=Path, default=BUILD_GRAPH, help="N-Triples to push (default: build/atelier.nt)"
    )
    p.add_argument("--timeout", type=float, default=300.0, metavar="S", help="time limit (default: 300 s)")
    pseudonymise_option(p, "push a pseudonymised copy: persons as keyed pseudonyms, no names or job titles")


def _push(args: argparse.Namespace) -> int:
    from atelier_kg.pseudonymise import read_key
    from atelier_kg.sparql import push

    key = read_key(args.pseudonymise) if args.pseudonymise else None
    pushed = push(args.file, args.endpoint, args.graph, timeout=args.timeout, pseudonymise_key=key)
    print(f"pushed {pushed.triples} triples into {pushed.target} (HTTP {pushed.status})")
    return 0


COMMANDS = (
    Command("queries", "list the query library with titles and parameters", _queries_arguments, _queries),
    Command(
        "query",
        "run a library query or a .rq file on the build (embedded store) or a SPARQL endpoint",
        _query_arguments,
        _query,
    ),
    Command(
        "push",
        "load the build into a triple store (SPARQL 1.1 Graph Store Protocol, PUT replaces)",
        _push_arguments,
        _push,
    ),
)
