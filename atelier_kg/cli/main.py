"""The ``atelier-kg`` command: a thin layer over the library that turns errors into messages."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from atelier_kg.version import __version__
from atelier_kg.errors import AtelierKGError, ValidationFailed
from atelier_kg.sparql.embedded import ENGINES
from atelier_kg.sparql.results import FORMATS

#: Every command with its one-line help; the README documents each (a test checks it).
COMMANDS = {
    "build": "build the graph from data/ and ontology/ into --out (validates by default)",
    "validate": "validate the build, or a given graph file, against the SHACL shapes",
    "check": "compare the key figures the page declares with what the data counts",
    "queries": "list the query library with titles and parameters",
    "query": "run a library query or a .rq file on the build (embedded store) or a SPARQL endpoint",
    "push": "load the build into a triple store (SPARQL 1.1 Graph Store Protocol, PUT replaces)",
    "network": "list the networks, or build one from the graph: metrics, exports, pictures, time slices",
    "link": "links to open data: suggest Wikidata candidates, accept reviewed ones, report coverage",
}
#: The subcommands of ``link``.
LINK_COMMANDS = {
    "suggest": "propose Wikidata candidates for unlinked organisations and places (never published)",
    "accept": "move reviewed candidates into the curated mapping sets, with reviewer and date",
    "reject": "set aside reviewed candidates as negative mappings, so suggest never proposes them again",
    "report": "coverage per target, duplicates and weakly sourced links (printed and written)",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="atelier-kg", description="Knowledge graph of the Atelier Commande publique & EFC."
    )
    parser.add_argument("--version", action="version", version=f"atelier-kg {__version__}")
    detail = argparse.ArgumentParser(add_help=False)
    detail.add_argument("-v", "--verbose", action="store_true", help="show every step with timings")
    detail.add_argument("-q", "--quiet", action="store_true", help="show nothing but errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build", parents=[detail], help=COMMANDS["build"], description=COMMANDS["build"])
    p.add_argument("--data", type=Path, default=Path("data"), help="source folder (default: ./data)")
    p.add_argument(
        "--ontology",
        type=Path,
        default=None,
        help="ontology folder (default: ./ontology, else the installed copy)",
    )
    p.add_argument("--out", type=Path, default=Path("build"), help="output folder (default: ./build)")
    p.add_argument("--no-validate", action="store_true", help="skip SHACL validation")
    p.add_argument(
        "--pyshacl-only",
        action="store_true",
        help="run every SPARQL rule through pyshacl (slow; for comparison)",
    )

    p = sub.add_parser(
        "validate", parents=[detail], help=COMMANDS["validate"], description=COMMANDS["validate"]
    )
    p.add_argument(
        "file",
        nargs="?",
        type=Path,
        default=None,
        help="graph file (.nt, .ttl, .jsonld); default: build/atelier.nt",
    )
    p.add_argument(
        "--ontology",
        type=Path,
        default=None,
        help="folder holding shapes.ttl (default: ./ontology, else the installed copy)",
    )
    p.add_argument(
        "--pyshacl-only",
        action="store_true",
        help="run every SPARQL rule through pyshacl (slow; for comparison)",
    )

    p = sub.add_parser("check", parents=[detail], help=COMMANDS["check"], description=COMMANDS["check"])
    p.add_argument(
        "file", nargs="?", type=Path, default=None, help="graph file; default: build the graph from --data"
    )
    p.add_argument("--data", type=Path, default=Path("data"), help="source folder (default: ./data)")
    p.add_argument("--ontology", type=Path, default=None, help="ontology folder")
    p.add_argument("--strict", action="store_true", help="exit 1 when a figure disagrees")

    p = sub.add_parser("queries", help=COMMANDS["queries"], description=COMMANDS["queries"])
    p.add_argument(
        "--format", choices=("table", "md"), default="table", help="table (default) or md (the README)"
    )

    p = sub.add_parser("query", help=COMMANDS["query"], description=COMMANDS["query"])
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
        default=Path("build") / "atelier.nt",
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
    p.add_argument(
        "--pseudonymise",
        type=Path,
        metavar="KEYFILE",
        help="query a pseudonymised copy of the graph: persons as keyed pseudonyms, no names or job titles",
    )

    p = sub.add_parser("push", help=COMMANDS["push"], description=COMMANDS["push"])
    p.add_argument(
        "--endpoint",
        required=True,
        metavar="URL",
        help="graph store endpoint (Oxigraph …/store, Fuseki …/DATASET/data); credentials from "
        "ATELIER_KG_TOKEN or ATELIER_KG_USER/ATELIER_KG_PASSWORD",
    )
    p.add_argument("--graph", metavar="IRI", help="named graph to replace (default: the default graph)")
    p.add_argument(
        "--file",
        type=Path,
        default=Path("build") / "atelier.nt",
        help="N-Triples to push (default: build/atelier.nt)",
    )
    p.add_argument("--timeout", type=float, default=300.0, metavar="S", help="time limit (default: 300 s)")
    p.add_argument(
        "--pseudonymise",
        type=Path,
        metavar="KEYFILE",
        help="push a pseudonymised copy: persons as keyed pseudonyms, no names or job titles",
    )
    p = sub.add_parser("network", help=COMMANDS["network"], description=COMMANDS["network"])
    p.add_argument("name", nargs="?", metavar="NAME", help="a network (without NAME: list the networks)")
    p.add_argument(
        "--graph",
        type=Path,
        default=Path("build") / "atelier.nt",
        metavar="FILE",
        help="graph file (default: build/atelier.nt)",
    )
    p.add_argument("--metrics", action="store_true", help="print the node metrics ranked, and graph metrics")
    p.add_argument(
        "--sort", default="betweenness", metavar="METRIC", help="rank by METRIC (default: betweenness)"
    )
    p.add_argument("--limit", type=int, metavar="N", help="print only the first N rows of the ranking")
    p.add_argument(
        "--seed", type=int, default=1, help="seed of Louvain and of sampled estimates (default: 1)"
    )
    p.add_argument(
        "--exact-limit",
        type=int,
        default=5000,
        metavar="N",
        help="betweenness and closeness exact up to N nodes, sampled above (default: 5000)",
    )
    p.add_argument(
        "--samples",
        type=int,
        default=200,
        metavar="K",
        help="sampled sources above --exact-limit (default: 200)",
    )
    p.add_argument(
        "--format", metavar="FORMAT", help="export or picture format: " + ", ".join(_network_formats())
    )
    p.add_argument("--out", type=Path, metavar="PATH", help="export file (default: build/networks/NAME.EXT)")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--at", metavar="DATE", help="keep what holds at DATE (YYYY, YYYY-MM or YYYY-MM-DD)")
    when.add_argument("--between", nargs=2, metavar=("FROM", "TO"), help="keep what overlaps FROM…TO")
    p.add_argument(
        "--pseudonymise",
        type=Path,
        metavar="KEYFILE",
        help="persons as keyed pseudonyms, no names or job titles, in every output",
    )
    p.add_argument("--endpoint", metavar="URL", help="build the network from a SPARQL 1.1 endpoint")
    p.add_argument(
        "--timeout", type=float, default=30.0, metavar="S", help="time limit per query (default: 30 s)"
    )
    _link_parser(sub)
    return parser


def _link_parser(sub) -> None:
    p = sub.add_parser("link", help=COMMANDS["link"], description=COMMANDS["link"])
    link = p.add_subparsers(dest="link_command", required=True, metavar="SUBCOMMAND")
    data = argparse.ArgumentParser(add_help=False)
    data.add_argument("--data", type=Path, default=Path("data"), help="source folder (default: ./data)")

    q = link.add_parser("suggest", parents=[data], help=LINK_COMMANDS["suggest"])
    q.add_argument("--endpoint", metavar="URL", help="Wikidata-shaped SPARQL endpoint (default: WDQS)")
    q.add_argument("--limit", type=int, metavar="N", help="at most N candidates per subject")
    q.add_argument(
        "--out", type=Path, metavar="FILE", help="candidates file (default: data/mappings/review/)"
    )
    q.add_argument("--cache", type=Path, metavar="DIR", help="answer cache (default: ~/.cache/atelier-kg)")
    q.add_argument("--refresh", action="store_true", help="ask again what the cache already knows")
    q.add_argument(
        "--contact", metavar="EMAIL|URL", help="contact sent in the User-Agent (or ATELIER_KG_CONTACT)"
    )
    q.add_argument("--timeout", type=float, default=70.0, metavar="S", help="per request (default: 70 s)")

    q = link.add_parser("accept", parents=[data], help=LINK_COMMANDS["accept"])
    q.add_argument("ids", nargs="+", metavar="ID", help="record_id of a candidate (akgmap:candidate-…)")
    q.add_argument("--reviewer", required=True, metavar="NAME", help="who reviewed the candidates")
    q.add_argument(
        "--candidates", type=Path, metavar="FILE", help="candidates file (default: data/mappings/review/)"
    )

    q = link.add_parser("reject", parents=[data], help=LINK_COMMANDS["reject"])
    q.add_argument("ids", nargs="+", metavar="ID", help="record_id of a candidate (akgmap:candidate-…)")
    q.add_argument("--reviewer", required=True, metavar="NAME", help="who reviewed the candidates")
    q.add_argument(
        "--candidates", type=Path, metavar="FILE", help="candidates file (default: data/mappings/review/)"
    )

    q = link.add_parser("report", parents=[data], help=LINK_COMMANDS["report"])
    q.add_argument(
        "--out",
        type=Path,
        default=Path("build") / "link-report.md",
        metavar="FILE",
        help="where to write the report (default: build/link-report.md)",
    )


def _network_formats() -> list[str]:
    """The export and picture formats, from their registries (imported only when needed)."""
    from atelier_kg.network.exporters import EXPORTERS

    return sorted(EXPORTERS)


def _progress(args: argparse.Namespace):
    from atelier_kg.progress import Progress

    return Progress(0 if args.quiet else 2 if args.verbose else 1)


def _cmd_build(args: argparse.Namespace) -> int:
    from atelier_kg.build.pipeline import build
    from atelier_kg.links.report import describe_duplicate
    from atelier_kg.paths import ontology_dir

    result = build(
        args.data,
        ontology_dir(args.ontology),
        args.out,
        validate=not args.no_validate,
        fast=not args.pyshacl_only,
        progress=_progress(args),
    )
    for duplicate in result.duplicates:
        print(f"atelier-kg: warning: {describe_duplicate(duplicate)}", file=sys.stderr)
    if not args.quiet:
        summary = f"built {len(result.triples)} triples into {args.out}"
        if result.report is not None:
            from rdflib.namespace import SH

            report = result.report
            summary += f" (conforms; {report.count(SH.Warning)} warning(s), {report.count(SH.Info)} note(s))"
        print(summary)
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from atelier_kg.build.pipeline import load_shapes
    from atelier_kg.paths import ontology_dir
    from atelier_kg.sources.graphfile import read_triples
    from atelier_kg.validate.report import report_text
    from atelier_kg.validate.shacl import validate_triples

    path = args.file or Path("build") / "atelier.nt"
    progress = _progress(args)
    progress.step(f"reading {path}")
    triples = read_triples(path)
    progress.step("validating against the SHACL shapes")
    report = validate_triples(triples, load_shapes(ontology_dir(args.ontology)), fast=not args.pyshacl_only)
    if not args.quiet or not report.conforms:
        print(report_text(report, triples), end="")
    return 0 if report.conforms else 1


def _cmd_check(args: argparse.Namespace) -> int:
    from atelier_kg.build.pipeline import make_triples
    from atelier_kg.check.figures import check_figures
    from atelier_kg.paths import ontology_dir
    from atelier_kg.sparql.embedded import EmbeddedStore

    if args.file:
        store = EmbeddedStore.from_file(args.file)
    else:
        store = EmbeddedStore.from_triples(
            make_triples(args.data, ontology_dir(args.ontology), _progress(args))
        )
    checks = check_figures(store)
    width = max(len(c.as_written) for c in checks) if checks else 10
    for c in checks:
        counted = "—" if c.counted is None else str(c.counted)
        figure = f"{c.status:<13} {c.as_written:<{width}}"
        print(f"{figure}  declared {c.declared:>5}  counted {counted:>4}  ({c.method})")
        if c.note:
            print(f"{'':<13} note: {c.note}")
    disagree = sum(c.status == "disagrees" for c in checks)
    print(
        f"\n{sum(c.status == 'agrees' for c in checks)} agree, {disagree} disagree, "
        f"{sum(c.status == 'not checkable' for c in checks)} not checkable"
    )
    return 1 if (args.strict and disagree) else 0


def _cmd_queries(args: argparse.Namespace) -> int:
    from atelier_kg.sparql.library import library, library_markdown

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


def _cmd_query(args: argparse.Namespace) -> int:
    from atelier_kg.errors import UsageError
    from atelier_kg.sparql.library import find_query
    from atelier_kg.sparql.remote import Endpoint
    from atelier_kg.sparql.runner import prepare, run_prepared

    params = {}
    for item in args.param:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UsageError(f"--param {item!r}: write it as NAME=VALUE")
        params[name.strip()] = value
    query = find_query(args.query)
    text = prepare(query, params)  # a bad query or parameter is reported before a graph is loaded
    if args.endpoint:
        if args.pseudonymise:
            raise UsageError("--pseudonymise works on the embedded store; push a pseudonymised graph instead")
        store = Endpoint(args.endpoint)
    else:
        store = _embedded_store(args.graph, args.store, args.pseudonymise)
    result = run_prepared(store, query, text, timeout=args.timeout or None, allow_remote=args.allow_remote)
    try:
        body = result.serialize(args.format)
    except ValueError as exc:
        raise UsageError(f"--format {args.format}: {exc}") from None
    if args.out:
        from atelier_kg.output import atomic_outputs

        with atomic_outputs(args.out.parent if str(args.out.parent) else Path(".")) as scratch:
            (scratch / args.out.name).write_bytes(body)
    else:
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
    return 0


def _embedded_store(graph: Path, engine: str = "oxigraph", keyfile: Path | None = None):
    """The embedded store of ``graph``, pseudonymised under the key in ``keyfile`` if one is given."""
    from atelier_kg.sparql.embedded import EmbeddedStore

    if keyfile is None:
        return EmbeddedStore.from_file(graph, engine)
    from atelier_kg.pseudonymise import pseudonymise, read_key
    from atelier_kg.sources.graphfile import read_triples

    key = read_key(keyfile)
    return EmbeddedStore.from_triples(pseudonymise(read_triples(graph), key), engine)


def _cmd_network(args: argparse.Namespace) -> int:
    from atelier_kg.errors import UsageError
    from atelier_kg.network.defs import find_network, network_defs
    from atelier_kg.network.slices import Slice

    if args.name is None:
        defs = network_defs()
        width = max(len(name) for name in defs)
        for name, definition in defs.items():
            origin = f"derived from {definition.base}" if definition.base else definition.kind
            print(f"{name:<{width}}  {definition.title} ({origin})")
        print(f"\n{len(defs)} networks; formats: {', '.join(_network_formats())}")
        return 0
    definition = find_network(args.name)
    formats = _network_formats()
    if args.format is not None and args.format not in formats:
        raise UsageError(f"--format {args.format}: unknown; use one of {', '.join(formats)}")
    if args.out is not None and args.format is None:
        raise UsageError("--out needs --format (e.g. --format gexf)")
    time_slice = Slice.at(args.at) if args.at else Slice.between(*args.between) if args.between else None
    from atelier_kg.network.build import build_network
    from atelier_kg.network.metrics import NODE_METRICS, compute_metrics, graph_summary, metrics_table

    if args.metrics and args.sort not in NODE_METRICS:
        raise UsageError(f"--sort {args.sort}: unknown; use one of {', '.join(NODE_METRICS)}")
    if args.endpoint:
        from atelier_kg.sparql.remote import Endpoint

        if args.pseudonymise:
            raise UsageError("--pseudonymise works on the embedded store; push a pseudonymised graph instead")
        store = Endpoint(args.endpoint)
    else:
        store = _embedded_store(args.graph, keyfile=args.pseudonymise)
    network = build_network(store, definition, time_slice=time_slice, timeout=args.timeout or None)
    graph = network.graph
    metrics = None
    if args.metrics or args.format is not None:
        metrics = compute_metrics(graph, seed=args.seed, exact_limit=args.exact_limit, samples=args.samples)
        metrics.notes[:0] = network.notes
    print(
        f"{definition.title}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
        + (f" ({time_slice.text})" if time_slice else "")
    )
    if args.metrics:
        print()
        print(metrics_table(graph, metrics, sort=args.sort, limit=args.limit), end="")
        print()
        print(graph_summary(metrics), end="")
    else:
        for note in network.notes:
            print(f"note: {note}")
    if args.format is not None:
        from atelier_kg.network.exporters import EXPORTERS, export

        out = args.out or Path("build") / "networks" / f"{definition.name}{EXPORTERS[args.format].suffix}"
        for path in export(graph, args.format, out, metrics):
            print(f"wrote {path}")
    return 0


def _cmd_push(args: argparse.Namespace) -> int:
    from atelier_kg.pseudonymise import read_key
    from atelier_kg.sparql.push import push

    key = read_key(args.pseudonymise) if args.pseudonymise else None
    pushed = push(args.file, args.endpoint, args.graph, timeout=args.timeout, pseudonymise_key=key)
    print(f"pushed {pushed.triples} triples into {pushed.target} (HTTP {pushed.status})")
    return 0


def _link_suggest(args: argparse.Namespace) -> int:
    from atelier_kg.links.suggest import suggest

    result = suggest(
        args.data,
        args.endpoint,
        limit=args.limit,
        cache_dir=args.cache,
        timeout=args.timeout,
        out=args.out,
        contact=args.contact,
        refresh=args.refresh,
    )
    print(
        f"{len(result.rows)} candidates in {result.path} ({result.proposed} proposed now, "
        f"{result.kept} kept from earlier runs); {result.subjects} unlinked subjects; "
        f"{result.requests} requests to {result.endpoint}, {result.cache_hits} answered from the cache"
    )
    print("review them, then: atelier-kg link accept ID… --reviewer NAME")
    return 0


def _link_accept(args: argparse.Namespace) -> int:
    from atelier_kg.links.review import accept

    result = accept(args.data, args.ids, args.reviewer, candidates=args.candidates)
    for row in result.accepted:
        print(f"{row['record_id']}: {row['subject_id']} → {row['object_id']}")
    where = ", ".join(str(p) for p in result.curated)
    print(
        f"{len(result.accepted)} accepted into {where}; "
        f"{result.remaining} candidates left in {result.candidates}"
    )
    return 0


def _link_reject(args: argparse.Namespace) -> int:
    from atelier_kg.links.review import reject

    result = reject(args.data, args.ids, args.reviewer, candidates=args.candidates)
    for row in result.rejected:
        print(f"{row['record_id']}: {row['subject_id']} ↛ {row['object_id']}")
    print(
        f"{len(result.rejected)} rejected into {result.path}; "
        f"{result.remaining} candidates left in {result.candidates}"
    )
    return 0


def _cmd_link(args: argparse.Namespace) -> int:
    if args.link_command == "report":
        from atelier_kg.links.report import link_report, report_markdown
        from atelier_kg.output import atomic_write
        from atelier_kg.sources.load import load_sources

        text = report_markdown(link_report(load_sources(args.data)))
        atomic_write(args.out, text.encode("utf-8"))
        print(text, end="")
        return 0
    if args.link_command == "suggest":
        return _link_suggest(args)
    if args.link_command == "reject":
        return _link_reject(args)
    return _link_accept(args)


HANDLERS = {
    "build": _cmd_build,
    "validate": _cmd_validate,
    "check": _cmd_check,
    "queries": _cmd_queries,
    "query": _cmd_query,
    "push": _cmd_push,
    "network": _cmd_network,
    "link": _cmd_link,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 validation failed, 2 bad input)."""
    args = _parser().parse_args(argv)
    try:
        return HANDLERS[args.command](args)
    except ValidationFailed as exc:
        print(f"atelier-kg: {exc}", file=sys.stderr)
        return exc.exit_code
    except AtelierKGError as exc:
        print(f"atelier-kg: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("atelier-kg: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
