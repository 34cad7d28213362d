"""The ``serve`` command: the build served read-only over HTTP (SPARQL 1.1 Protocol at /sparql)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .options import BUILD_GRAPH, Command


def _arguments(p: argparse.ArgumentParser) -> None:
    source = p.add_mutually_exclusive_group()
    source.add_argument("--graph", type=Path, metavar="FILE", help="graph (default: build/atelier.nt)")
    source.add_argument(
        "--store",
        type=Path,
        metavar="DIR",
        help="an Oxigraph store folder, opened read-only with its named graphs (starts at once)",
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
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="server processes (default: 1); each holds its own copy of a --graph in memory",
    )


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from atelier_kg.errors import UsageError
    from atelier_kg.serve import ENVIRONMENT, ServeSettings, open_app

    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    graph = None if args.store else str(args.graph or BUILD_GRAPH)
    store = None if args.store is None else str(args.store)
    settings = ServeSettings(graph, store, timeout=args.timeout, max_rows=args.max_rows)
    app = open_app(settings)  # opened here even for several workers: bad input is reported once, here
    print(f"atelier-kg: serving {graph or store} at http://{args.host}:{args.port}/sparql", file=sys.stderr)
    if args.workers == 1:
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
        return 0
    del app
    os.environ[ENVIRONMENT] = settings.to_json()
    uvicorn.run(
        "atelier_kg.serve.launch:app_from_environment",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level="warning",
    )
    return 0


COMMANDS = (
    Command(
        "serve", "serve the build read-only over HTTP: a SPARQL 1.1 endpoint at /sparql", _arguments, _serve
    ),
)
