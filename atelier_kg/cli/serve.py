"""The ``serve`` command: the build served read-only over HTTP (SPARQL 1.1 Protocol at /sparql)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .options import BUILD_GRAPH, Command, embedded_store


def _arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--graph",
        type=Path,
        default=BUILD_GRAPH,
        metavar="FILE",
        help="graph (default: build/atelier.nt)",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    p.add_argument(
        "--timeout", type=float, default=30.0, metavar="S", help="time limit per query (default: 30 s)"
    )
    p.add_argument(
        "--max-rows",
        type=int,
        default=10_000,
        metavar="N",
        help="rows per answer (default: 10000)",
    )


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from atelier_kg.errors import UsageError
    from atelier_kg.serve import SparqlService, make_app, read_publication

    if args.timeout <= 0 or args.max_rows <= 0:
        raise UsageError("--timeout and --max-rows must be positive")
    store = embedded_store(args.graph, "oxigraph", None)
    publication = read_publication(args.graph.parent)
    app = make_app(SparqlService(store, timeout=args.timeout, max_rows=args.max_rows), publication)
    print(f"atelier-kg: serving {args.graph} at http://{args.host}:{args.port}/sparql", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", workers=1)
    return 0


COMMANDS = (
    Command(
        "serve", "serve the build read-only over HTTP: a SPARQL 1.1 endpoint at /sparql", _arguments, _serve
    ),
)
