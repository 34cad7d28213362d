"""The ``network`` command: list the networks, or build one with its metrics and exports."""

from __future__ import annotations

import argparse
from pathlib import Path

from .options import BUILD_GRAPH, Command, RegistryHelp, pseudonymise_option, remote_or_embedded


def network_formats() -> list[str]:
    """The export and picture formats, from their registry (imported only when needed)."""
    from atelier_kg.network import EXPORTERS

    return sorted(EXPORTERS)


def _arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", nargs="?", metavar="NAME", help="a network (without NAME: list the networks)")
    p.add_argument(
        "--graph",
        type=Path,
        default=BUILD_GRAPH,
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
        "--format", metavar="FORMAT", help=RegistryHelp("export or picture format: ", network_formats)
    )
    p.add_argument("--out", type=Path, metavar="PATH", help="export file (default: build/networks/NAME.EXT)")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--at", metavar="DATE", help="keep what holds at DATE (YYYY, YYYY-MM or YYYY-MM-DD)")
    when.add_argument("--between", nargs=2, metavar=("FROM", "TO"), help="keep what overlaps FROM…TO")
    pseudonymise_option(p, "persons as keyed pseudonyms, no names or job titles, in every output")
    p.add_argument("--endpoint", metavar="URL", help="build the network from a SPARQL 1.1 endpoint")
    p.add_argument(
        "--timeout", type=float, default=30.0, metavar="S", help="time limit per query (default: 30 s)"
    )


def _list() -> int:
    from atelier_kg.network import network_defs

    defs = network_defs()
    width = max(len(name) for name in defs)
    for name, definition in defs.items():
        origin = f"derived from {definition.base}" if definition.base else definition.kind
        print(f"{name:<{width}}  {definition.title} ({origin})")
    print(f"\n{len(defs)} networks; formats: {', '.join(network_formats())}")
    return 0


def _checked_options(args: argparse.Namespace):
    """The network asked for and its time slice, once --format, --out and --sort are checked."""
    from atelier_kg.errors import UsageError
    from atelier_kg.network import NODE_METRICS, Slice, find_network

    definition = find_network(args.name)
    formats = network_formats()
    if args.format is not None and args.format not in formats:
        raise UsageError(f"--format {args.format}: unknown; use one of {', '.join(formats)}")
    if args.out is not None and args.format is None:
        raise UsageError("--out needs --format (e.g. --format gexf)")
    time_slice = Slice.at(args.at) if args.at else Slice.between(*args.between) if args.between else None
    if args.metrics and args.sort not in NODE_METRICS:
        raise UsageError(f"--sort {args.sort}: unknown; use one of {', '.join(NODE_METRICS)}")
    return definition, time_slice


def _run(args: argparse.Namespace) -> int:
    if args.name is None:
        return _list()
    from atelier_kg.network import (
        EXPORTERS,
        build_network,
        compute_metrics,
        export,
        graph_summary,
        metrics_table,
    )

    definition, time_slice = _checked_options(args)
    store = remote_or_embedded(args)
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
        out = args.out or Path("build") / "networks" / f"{definition.name}{EXPORTERS[args.format].suffix}"
        for path in export(graph, args.format, out, metrics):
            print(f"wrote {path}")
    return 0


COMMANDS = (
    Command(
        "network",
        "list the networks, or build one from the graph: metrics, exports, pictures, time slices",
        _arguments,
        _run,
    ),
)
