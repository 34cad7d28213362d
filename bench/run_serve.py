"""Measure ``atelier-kg serve`` side by side with ``oxigraph serve-read-only`` on the same graph.

    python bench/run_serve.py                          # 1M triples, 3 servers, 15 s per load, soak
    python bench/run_serve.py --triples 100k --seconds 5 --soak-seconds 10   # quick, for development
    python bench/run_serve.py --runs 3                 # each server 3 times, interleaved; medians

The graph is generated and built as ``run_build.py`` does (cached in ``bench/out/``), then loaded
into an on-disk Oxigraph store (``oxigraph load`` then ``oxigraph optimize``, cached in
``bench/out/store-<size>-s<seed>``). Each server in turn (``--servers``) is started on a free
port of 127.0.0.1:

- ``oxigraph``: ``oxigraph serve-read-only --location STORE``
- ``store``: ``atelier-kg serve --store STORE`` (``store-w2``: the same with ``--workers 2``)
- ``graph``: ``atelier-kg serve --graph atelier.nt`` (the graph loaded in memory at start)

and measured: the time from starting the process to its first successful answer (a point lookup),
then each workload at each ``--clients`` count for ``--seconds`` (after a short warm-up), with
requests per second, median and 99th-percentile latency and the error count, and the server's
peak memory (its own peak RSS, ``VmHWM``, and the largest summed PSS of its process tree, which
counts the query processes of ``atelier-kg serve``). The workloads, each cycling through
``--resources`` resources of the graph picked at random (seed ``--seed``):

- ``point``: ``SELECT ?p ?o WHERE { <R> ?p ?o }``, JSON results.
- ``page``: our ``/doc/X.html`` (``queries/serve/document.rq`` and ``inbound.rq``, then the HTML);
  Oxigraph has no pages, so its row is the closest one request: the CONSTRUCT of ``document.rq``
  on R, as Turtle.
- ``aggregate``: the library query ``roles-overview`` (GROUP BY, COUNT DISTINCT over every
  membership; 0.1–0.2 s at 1M), JSON results.

Then the soak: ``--soak-clients`` clients send every top-level library query in turn for
``--soak-seconds`` to ``atelier-kg serve`` (on the seed build, or ``--soak-on store``), and every
status other than 200 (403 for the SERVICE queries) is reported. A table with our ÷ Oxigraph
ratios is printed and the figures go to ``bench/out/serve-results.json``; server logs go to
``bench/out/logs/serve-*.log``. Only 127.0.0.1 is ever contacted. The load client is ``wrk``
when installed (see ``serve_client.py``). Exit 0 even when targets are missed, 1 when a server
did not start or the soak saw an unexpected status.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
from generate import parse_size
from run_build import size_label
from serve_client import load_dict, run_load
from serve_prepare import ensure_seed_build, ensure_store, measure_server
from serve_soak import soak

from atelier_kg.namespaces import ID
from atelier_kg.sparql import find_query, prepare

BENCH = Path(__file__).resolve().parent
SPARQL_JSON = "application/sparql-results+json"
TARGET_RATIO = 0.70
TARGET_PAGE_MS = 50.0
TARGET_START_S = 10.0
SERVERS = ("oxigraph", "store", "graph")


def pick_resources(store_dir: Path, count: int, seed: int) -> list[str]:
    """``count`` IRIs of the graph's resources (subjects typed, under the ID namespace), at random."""
    store = ox.Store.read_only(str(store_dir))
    rows = store.query("SELECT DISTINCT ?s { ?s a ?t }")
    found = sorted(row["s"].value for row in rows if row["s"].value.startswith(str(ID)))
    del rows, store
    return random.Random(seed).sample(found, min(count, len(found)))


def _sparql(path: str, text: str) -> str:
    return f"{path}?query={quote(text, safe='')}"


def workloads(resources: list[str]) -> dict[str, dict[str, tuple[list[str], str]]]:
    """Per workload, per server kind: (request paths, Accept)."""
    point = [f"SELECT ?p ?o WHERE {{ <{r}> ?p ?o }}" for r in resources]
    document = find_query("serve/document")
    constructs = [prepare(document, {"resource": ox.NamedNode(r)}) for r in resources]
    aggregate = prepare(find_query("roles-overview"))
    pages = [f"/doc/{quote(r[len(str(ID)) :], safe='/')}.html" for r in resources]
    return {
        "point": {
            "oxigraph": ([_sparql("/query", q) for q in point], SPARQL_JSON),
            "atelier": ([_sparql("/sparql", q) for q in point], SPARQL_JSON),
        },
        "page": {
            "oxigraph": ([_sparql("/query", q) for q in constructs], "text/turtle"),
            "atelier": (pages, "text/html"),
        },
        "aggregate": {
            "oxigraph": ([_sparql("/query", aggregate)], SPARQL_JSON),
            "atelier": ([_sparql("/sparql", aggregate)], SPARQL_JSON),
        },
    }


def server_command(name: str, store: Path, graph: Path, port: int, timeout: float) -> tuple[list[str], str]:
    """The command starting server ``name`` on ``port``, and its kind (oxigraph or atelier).

    ``store-wN`` runs N server processes (``--workers N``); ``store-fork`` forks a child per
    query (``ATELIER_KG_QUERY_PROCESSES=0``), as the server did before its pool of query processes.
    """
    if name == "oxigraph":
        return ["oxigraph", "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{port}"], name
    cli = [sys.executable, "-m", "atelier_kg.cli", "serve", "--port", str(port), "--timeout", str(timeout)]
    if name == "store-fork":
        cli = ["env", "ATELIER_KG_QUERY_PROCESSES=0", *cli]
    if name == "graph":
        return [*cli, "--graph", str(graph)], "atelier"
    workers = name.removeprefix("store-w") if name.startswith("store-w") else "1"
    return [*cli, "--store", str(store), "--workers", workers], "atelier"


def bench_server(name: str, args: argparse.Namespace, paths: dict, store: Path, graph: Path) -> dict:
    """Start server ``name``, measure its start and every workload; its figures."""

    def loads(base: str, kind: str) -> dict:
        out = {}
        for workload, by_kind in paths.items():
            requests, accept = by_kind[kind]
            run_load(base, requests, accept, 4, 1.0)  # warm-up (caches, first forks)
            for clients in args.clients:
                load_avg = os.getloadavg()[0]
                result = load_dict(run_load(base, requests, accept, clients, args.seconds))
                out[f"{workload}/{clients}"] = {**result, "load_avg": load_avg}
                print(
                    f"    {workload:9s} c={clients:<3d} {result['rps']:9.1f} req/s  "
                    f"p50 {result['p50_ms']:8.2f} ms  p99 {result['p99_ms']:8.2f} ms  "
                    f"err {result['errors']}  (load {load_avg:.2f})",
                    flush=True,
                )
        return out

    command_of = lambda port: server_command(name, store, graph, port, args.timeout)  # noqa: E731
    probe = paths["point"]
    return measure_server(name, command_of, probe, args.out / "logs", loads)


def median_runs(runs: list[dict]) -> dict:
    """The median of each figure over the runs of one server."""
    ok = [r for r in runs if "error" not in r]
    if not ok:
        return runs[0]
    out = {k: statistics.median(r[k] for r in ok) for k in ("start_s", "peak_rss_mib", "peak_tree_mib")}
    out["loads"] = {}
    for key in ok[0]["loads"]:
        loads = [r["loads"][key] for r in ok]
        out["loads"][key] = {
            f: statistics.median(x[f] for x in loads) for f in ("rps", "p50_ms", "p99_ms", "load_avg")
        }
        out["loads"][key]["errors"] = sum(x["errors"] for x in loads)
        out["loads"][key]["client"] = loads[0]["client"]
    return out


def table(results: dict[str, dict], clients: Sequence[int]) -> str:
    """The Markdown table: per workload, clients and server, with ratios to Oxigraph."""
    head = (
        "| workload | clients | server | req/s | p50 ms | p99 ms | errors "
        "| req/s ÷ Oxigraph | p50 ÷ Oxigraph |"
    )
    lines = [head, "|" + " --- |" * (head.count("|") - 1)]
    reference = results.get("oxigraph", {}).get("loads", {})
    for workload in ("point", "page", "aggregate"):
        for c in clients:
            key = f"{workload}/{c}"
            for name, result in results.items():
                load = result.get("loads", {}).get(key)
                if load is None:
                    continue
                ref = reference.get(key)
                ratio = f"{load['rps'] / ref['rps']:.2f}" if ref and name != "oxigraph" else "—"
                lat = f"{load['p50_ms'] / ref['p50_ms']:.1f}" if ref and name != "oxigraph" else "—"
                lines.append(
                    f"| {workload} | {c} | {name} | {load['rps']:.1f} | {load['p50_ms']:.2f} | "
                    f"{load['p99_ms']:.2f} | {load['errors']} | {ratio} | {lat} |"
                )
    return "\n".join(lines)


def start_table(results: dict[str, dict]) -> str:
    """Start-up time and peak memory of each server."""
    lines = ["| server | first answer s | peak RSS MiB | peak tree PSS MiB |", "| --- | --- | --- | --- |"]
    for name, r in results.items():
        if "error" in r:
            lines.append(f"| {name} | failed: {r['error']} | — | — |")
            continue
        lines.append(f"| {name} | {r['start_s']:.2f} | {r['peak_rss_mib']:.0f} | {r['peak_tree_mib']:.0f} |")
    return "\n".join(lines)


def verdicts(results: dict[str, dict], clients: Sequence[int]) -> list[str]:
    """Which targets are met, by our store server (else the first of ours measured)."""
    ours = next((n for n in ("store", "store-w2", "graph") if n in results and "loads" in results[n]), None)
    ref = results.get("oxigraph", {}).get("loads")
    if ours is None or ref is None:
        return ["targets: not measured (need oxigraph and one of ours)"]
    out = []
    for workload in ("point", "aggregate"):
        for c in clients:
            key = f"{workload}/{c}"
            ratio = results[ours]["loads"][key]["rps"] / ref[key]["rps"]
            met = "MET" if ratio >= TARGET_RATIO else "MISSED"
            out.append(f"{ours} {key}: {ratio:.2f} of Oxigraph's req/s (target ≥ {TARGET_RATIO:.2f}): {met}")
    for name in results:
        if name == "oxigraph" or "loads" not in results[name]:
            continue
        p50 = results[name]["loads"][f"page/{clients[0]}"]["p50_ms"]
        met = "MET" if p50 < TARGET_PAGE_MS else "MISSED"
        out.append(f"{name} entity page median at {clients[0]} client(s): {p50:.1f} ms (< 50 ms): {met}")
    if "store" in results:
        start = results["store"]["start_s"]
        met = "MET" if start < TARGET_START_S else "MISSED"
        out.append(f"store first answer {start:.2f} s (< {TARGET_START_S:.0f} s): {met}")
    return out


def run_soak(args: argparse.Namespace, store: Path) -> dict:
    """The soak against ``atelier-kg serve`` on the seed build (or the bench store)."""
    graph = ensure_seed_build(args.out) if args.soak_on == "seed" else None

    def body(base: str, kind: str) -> dict:
        print(
            f"  soak: {args.soak_clients} clients, every library query, {args.soak_seconds:g} s", flush=True
        )
        return soak(base, args.soak_clients, args.soak_seconds).record()

    name = "graph" if graph else "store"
    command_of = lambda port: server_command(name, store, graph or Path(), port, args.timeout)  # noqa: E731
    point = {"atelier": ([_sparql("/sparql", "ASK {}")], SPARQL_JSON), "oxigraph": ([], "")}
    result = measure_server(f"soak-{args.soak_on}", command_of, point, args.out / "logs", body)
    return result


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--triples", type=parse_size, default=1_000_000, help="graph size (default 1M)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument(
        "--servers", nargs="*", default=list(SERVERS), help="oxigraph store store-w2 store-fork graph"
    )
    p.add_argument("--clients", nargs="+", type=int, default=[1, 32])
    p.add_argument("--seconds", type=float, default=15.0, help="duration of each load (default 15)")
    p.add_argument("--runs", type=int, default=1, help="runs of each server, interleaved (medians)")
    p.add_argument("--resources", type=int, default=1000, help="resources cycled through (default 1000)")
    p.add_argument("--timeout", type=float, default=30.0, help="--timeout of atelier-kg serve")
    p.add_argument("--soak-seconds", type=float, default=60.0, help="0 skips the soak")
    p.add_argument("--soak-clients", type=int, default=32)
    p.add_argument("--soak-on", choices=("seed", "store"), default="seed")
    p.add_argument("--out", type=Path, default=BENCH / "out")
    args = p.parse_args(argv)
    args.out = args.out.resolve()
    (args.out / "logs").mkdir(parents=True, exist_ok=True)
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = _arguments(argv)
    started = time.perf_counter()
    graph, store = ensure_store(args.out, args.triples, args.seed)
    paths = workloads(pick_resources(store, args.resources, args.seed))
    runs: dict[str, list[dict]] = {name: [] for name in args.servers}
    for run in range(1, args.runs + 1):
        for name in args.servers:
            print(f"[{name} run {run}/{args.runs}] load {os.getloadavg()[0]:.2f}", flush=True)
            runs[name].append(bench_server(name, args, paths, store, graph))
    results = {name: median_runs(r) for name, r in runs.items()}
    soaked = run_soak(args, store) if args.soak_seconds > 0 else None
    print(f"\n{size_label(args.triples)} triples, {args.runs} run(s), {args.seconds:g} s per load; medians\n")
    print(start_table(results) + "\n\n" + table(results, args.clients) + "\n")
    for line in verdicts(results, args.clients):
        print(line)
    failed = any("error" in r for rs in runs.values() for r in rs)
    if soaked is not None:
        bad = {} if "error" in soaked else _unexpected(soaked["loads"])
        print(f"soak: {soaked.get('loads', {}).get('requests', 0)} requests, unexpected: {bad or 'none'}")
        failed = failed or bool(bad) or "error" in soaked
    record = args.out / "serve-results.json"
    record.write_text(
        json.dumps(
            {
                "triples": args.triples,
                "args": _plain(vars(args)),
                "runs": runs,
                "medians": results,
                "soak": soaked,
                "wall_s": time.perf_counter() - started,
            },
            indent=1,
        )
        + "\n"
    )
    print(f"\n(whole run {time.perf_counter() - started:.0f} s; raw figures in {record})")
    return 1 if failed else 0


def _unexpected(record: dict) -> dict:
    return {
        name: {s: n for s, n in q["statuses"].items() if s != str(q["expected"])}
        for name, q in record["queries"].items()
        if any(s != str(q["expected"]) for s in q["statuses"])
    }


def _plain(values: dict) -> dict:
    return {k: str(v) if isinstance(v, Path) else v for k, v in values.items()}


if __name__ == "__main__":
    sys.exit(main())
