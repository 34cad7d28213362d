"""Measure the networks: loading the graph, extracting a network from it, computing every metric.

For each size (``--sizes 10k 100k 1M`` by default) the script takes the build of the synthetic
graph that ``run_build.py`` or ``run_queries.py`` made, ``bench/out/build-<size>-s<seed>/atelier.nt``
(it does not make it: when it is missing it prints the commands that do), and for each network
(``--networks``; the target is ``organisation-cooperation``) runs ``--runs`` times, each in a fresh
process under ``measure_child.py``:

    store = EmbeddedStore.from_file(atelier.nt)                    # load (Oxigraph)
    network = build_network(store, name, timeout=None)             # extraction: queries + assembly
    metrics = compute_metrics(network.graph, seed=seed)            # every node and graph metric

Each phase is timed around its call in that process (Python's start-up and the imports are not
counted); the time spent in the network's SPARQL queries is also recorded, the rest of the
extraction being the assembly of the networkx graph (and, for a derived network, the derivation).
The peak memory is the process's, as ``run_build.py`` measures it: the larger of
``getrusage(RUSAGE_CHILDREN).ru_maxrss`` and the summed PSS of its process tree, which counts the
workers ``compute_metrics`` forks on large networks. A fresh process per run makes the peak that
of the run alone; it includes the interpreter, the imports and the loaded store.

A run is stopped after ``--timeout`` seconds (default 300: a network that would take longer is
skipped at that size, its other runs are not made), except the target network at the target size,
which gets ``--target-timeout`` (default 1800). The script prints a Markdown table of the medians
(with min and max) of each phase, the peak memory, the metric notes (what was sampled, how many
sources, the seed, which library), and the verdict on the target: the organisation network of the
1M graph with every metric in < 60 s and < 4 GiB, counting extraction and metrics, and also with
the load. Raw figures go to ``bench/out/network-results.json``, each run's output to
``bench/out/logs/network-*.log``. It exits 0 even when the target is missed, 1 when a run failed
(a timeout is a finding, not a failure).

``--profile`` runs the first network at the first size once, in this process, under cProfile, and
prints where the time goes (the workers that ``compute_metrics`` forks are not profiled: their
time shows as waiting in ``_run_tasks``; ``--profile-workers 1`` runs the metrics in one process).

    python bench/run_network.py                                    # 10k, 100k, 1M; 3 runs
    python bench/run_network.py --sizes 1M --networks organisation-cooperation --runs 5
    python bench/run_network.py --profile --sizes 1M --networks organisation-cooperation
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from generate import parse_size
from run_build import ROOT, TARGET_PEAK_MIB, Run, count_lines, measured, size_label

BENCH = Path(__file__).resolve().parent

TARGET_NETWORK = "organisation-cooperation"
TARGET_SIZE = 1_000_000
TARGET_S = 60.0  # extraction + metrics
PHASES = ("imports", "load", "extract", "metrics")  # what a run has done, in order
NETWORKS = (TARGET_NETWORK, "organisation-activity", "organisation-activity-projection", "person")


# -- the measuring process ------------------------------------------------------------------------


def _status_mib(field_name: str) -> float | None:
    """A memory figure of this process from /proc/self/status (VmRSS, VmHWM), in MiB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def package_digest() -> str:
    """A short digest of ``atelier_kg/**/*.py`` and ``queries/network/*.rq``: the code measured."""
    h = hashlib.sha256()
    for path in sorted([*(ROOT / "atelier_kg").rglob("*.py"), *(ROOT / "queries" / "network").glob("*.rq")]):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:12]


def _versions() -> dict[str, str]:
    import importlib.metadata as md

    out = {"python": sys.version.split()[0]}
    for dist in ("networkx", "igraph", "scipy", "numpy", "pyoxigraph"):
        try:
            out[dist] = md.version(dist)
        except md.PackageNotFoundError:
            out[dist] = "-"
    return out


def worker(nt: Path, network: str, seed: int, out: Path, workers: int | None = None) -> dict:
    """Load, extract, compute; rewrite ``out`` after each phase (a stopped run keeps what it did)."""
    from atelier_kg.network import build as netbuild
    from atelier_kg.network.metrics import compute_metrics
    from atelier_kg.sparql.embedded import EmbeddedStore

    record: dict = {"code": package_digest(), "versions": _versions(), "loadavg_start": os.getloadavg()[0]}

    def save(phase: str) -> None:
        record["done"] = phase
        record["rss_mib_" + phase] = _status_mib("VmRSS")
        record["hwm_mib_" + phase] = _status_mib("VmHWM")
        out.write_text(json.dumps(record))

    save("imports")
    start = time.perf_counter()
    store = EmbeddedStore.from_file(nt)
    record["load_s"] = time.perf_counter() - start
    record["triples"] = len(store)
    save("load")

    # the time of the SPARQL queries inside the extraction (netbuild runs each through _rows)
    queries = {"s": 0.0, "n": 0}
    rows = netbuild._rows

    def timed_rows(*args, **kwargs):
        begin = time.perf_counter()
        try:
            return rows(*args, **kwargs)
        finally:
            queries["s"] += time.perf_counter() - begin
            queries["n"] += 1

    netbuild._rows = timed_rows
    start = time.perf_counter()
    built = netbuild.build_network(store, network, timeout=None)
    record["extract_s"] = time.perf_counter() - start
    netbuild._rows = rows
    graph = built.graph
    record.update(
        query_s=queries["s"],
        queries=queries["n"],
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        build_notes=built.notes,
    )
    save("extract")

    options = {"workers": workers} if workers is not None else {}
    start = time.perf_counter()
    metrics = compute_metrics(graph, seed=seed, **options)
    record["metrics_s"] = time.perf_counter() - start
    record["metric_notes"] = metrics.notes
    # the igraph engine says so in its notes; the networkx engine says nothing
    igraph = any(note.startswith("computed with igraph") for note in metrics.notes)
    record["engine"] = "igraph + scipy" if igraph else "networkx"
    record["graph_metrics"] = metrics.graph
    record["loadavg_end"] = os.getloadavg()[0]
    record["code_end"] = package_digest()
    save("metrics")
    return record


def profile(nt: Path, network: str, seed: int, out: Path, workers: int | None, top: int) -> None:
    """One run in this process under cProfile; print the largest cumulative and own times."""
    import cProfile
    import pstats

    stats_file = out.with_suffix(".prof")
    profiler = cProfile.Profile()
    profiler.enable()
    record = worker(nt, network, seed, out, workers)
    profiler.disable()
    profiler.dump_stats(stats_file)
    keys = ("load_s", "extract_s", "query_s", "metrics_s", "nodes", "edges", "engine")
    print({k: record.get(k) for k in keys})
    for key in ("cumulative", "tottime"):
        pstats.Stats(str(stats_file)).strip_dirs().sort_stats(key).print_stats(top)
    print(f"(profile in {stats_file}; record in {out})")


# -- the driver -----------------------------------------------------------------------------------


@dataclass
class NetRun:
    """One run of one network at one size: the child's record and the launcher's measure."""

    run: Run
    record: dict = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return self.run.rc == 0 and self.record.get("done") == "metrics"

    def get(self, key: str) -> float | None:
        return self.record.get(key)


@dataclass
class NetResult:
    size: str
    target: int
    network: str
    triples: int
    timeout: float
    runs: list[NetRun] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> list[NetRun]:
        return [r for r in self.runs if r.complete]

    @property
    def timed_out(self) -> bool:
        return any(r.run.rc == "timeout" for r in self.runs)

    def values(self, key: str) -> list[float]:
        return [r.get(key) for r in self.ok if r.get(key) is not None]

    def sums(self, *keys: str) -> list[float]:
        return [sum(r.get(k) for k in keys) for r in self.ok]

    def first(self, key: str):
        for r in self.runs:
            if r.get(key) is not None:
                return r.get(key)
        return None

    @property
    def peaks(self) -> list[float]:
        return [r.run.peak_mib for r in self.ok]


def missing_build(nt: Path, label: str, seed: int) -> str:
    """What to run to make the build ``nt`` (the commands of bench/README.md)."""
    out, build = nt.parent.parent, nt.parent
    data = out / f"data-{label}-s{seed}"
    return (
        f"{nt} is missing; make it with\n"
        f"    python bench/run_build.py --sizes {label} --repeat 1 --seed {seed} --out {out}\n"
        f"or\n"
        f"    python bench/generate.py --triples {label} --seed {seed} --out {data}\n"
        f"    atelier-kg build --data {data} --ontology ontology --out {build} --no-validate"
    )


def bench_network(nt: Path, label: str, size: int, triples: int, network: str, args) -> NetResult:
    target = network == TARGET_NETWORK and size == TARGET_SIZE
    timeout = args.target_timeout if target else args.timeout
    result = NetResult(label, size, network, triples, timeout)
    for i in range(1, args.runs + 1):
        log = args.out / "logs" / f"network-{label}-{network}-{i}.log"
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
            own = Path(tmp.name)
        try:
            cmd = [sys.executable, str(Path(__file__).resolve()), "_worker", str(nt), network, str(args.seed)]
            run = measured([*cmd, str(own)], log, timeout)
            text = own.read_text() if own.is_file() else ""
            record = json.loads(text) if text else {}
        finally:
            own.unlink(missing_ok=True)
        result.runs.append(NetRun(run, record))
        print(f"  {network:34} #{i}: {run_line(run, record)}", flush=True)
        if run.rc == "timeout":
            done = record.get("done", "nothing")
            print(f"    stopped after {timeout:.0f} s (finished: {done}); other runs skipped", flush=True)
            break
        if run.rc != 0 or record.get("done") != "metrics":
            result.failed.append(f"{label} {network} #{i} rc={run.rc} (see {log})")
            break
    return result


def run_line(run: Run, record: dict) -> str:
    def s(key: str) -> str:
        return f"{record[key]:7.2f}" if key in record else "      —"

    return (
        f"load {s('load_s')}  extract {s('extract_s')} (queries {s('query_s')})  metrics {s('metrics_s')} s  "
        f"peak {run.peak_mib:6.0f} MiB  {record.get('nodes', '—')} nodes {record.get('edges', '—')} edges  "
        f"rc={run.rc}"
    )


# -- the report -----------------------------------------------------------------------------------


def fmt_stats(values: Sequence[float]) -> str:
    if not values:
        return "—"
    med, lo, hi = statistics.median(values), min(values), max(values)
    digits = 2 if hi < 10 else 1
    return f"{med:.{digits}f} / {lo:.{digits}f} / {hi:.{digits}f}"


def fmt_ratio(values: Sequence[float], limit: float) -> str:
    return f"{statistics.median(values) / limit:.2f}" if values else "—"


def table(results: Sequence[NetResult]) -> str:
    head = (
        "| size | triples | network | nodes | edges | metrics by | load s | extraction s "
        "| of which queries s | metrics s | extraction + metrics s | load + extraction + metrics s "
        "| peak MiB (med / max) "
        "| extr. + metrics ÷ 60 s | with load ÷ 60 s | peak ÷ 4 GiB |"
    )
    lines = [head, "|" + " --- |" * (head.count("|") - 1)]
    for r in results:
        cells = [r.size, str(r.triples), f"`{r.network}`"]
        cells += [str(r.first("nodes") or "—"), str(r.first("edges") or "—"), r.first("engine") or "—"]
        if not r.ok:
            # the last run, stopped or failed: what it finished, the phase it was in, its peak so far
            last = r.runs[-1]
            done = last.record.get("done", "")
            running = PHASES[PHASES.index(done) + 1] if done in PHASES[:-1] else PHASES[1]
            why = f"stopped at {r.timeout:.0f} s" if r.timed_out else f"failed (rc {last.run.rc})"
            for key, phase in (
                ("load_s", "load"),
                ("extract_s", "extract"),
                ("query_s", ""),
                ("metrics_s", "metrics"),
            ):
                value = last.get(key)
                cells.append(fmt_stats([value]) if value is not None else why if phase == running else "—")
            total = f"> {r.timeout:.0f}" if r.timed_out else "—"
            cells += [total, total, f"{last.run.peak_mib:.0f} when stopped", "—", "—", "—"]
        else:
            both = r.sums("extract_s", "metrics_s")
            every = r.sums("load_s", "extract_s", "metrics_s")
            peaks = r.peaks
            cells += [fmt_stats(r.values(k)) for k in ("load_s", "extract_s", "query_s", "metrics_s")]
            cells += [fmt_stats(both), fmt_stats(every)]
            cells += [f"{statistics.median(peaks):.0f} / {max(peaks):.0f}"]
            cells += [fmt_ratio(both, TARGET_S), fmt_ratio(every, TARGET_S)]
            cells += [f"{max(peaks) / TARGET_PEAK_MIB:.2f}"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def notes(results: Sequence[NetResult]) -> list[str]:
    out = []
    for r in results:
        metric_notes = r.first("metric_notes")
        build_notes = r.first("build_notes") or []
        if metric_notes is None and not build_notes:
            continue
        what = "; ".join(metric_notes or []) or "exact (no sampling)"
        if metric_notes is not None and not any("sampled" in n for n in metric_notes):
            what = "exact (no sampling)" + (f"; {what}" if metric_notes else "")
        engine = r.first("engine") or "?"
        extra = f" Extraction: {'; '.join(build_notes)}." if build_notes else ""
        out.append(f"{r.size} `{r.network}` ({r.first('nodes')} nodes, metrics by {engine}): {what}.{extra}")
    return out


def verdicts(results: Sequence[NetResult]) -> list[str]:
    out = []
    for r in results:
        if r.network != TARGET_NETWORK or r.target != TARGET_SIZE:
            continue
        if not r.ok:
            why = f"not finished in {r.timeout:.0f} s" if r.timed_out else "the runs failed"
            out.append(f"{r.network} at {r.size} < {TARGET_S:g} s and < 4 GiB: MISSED ({why})")
            continue
        both = statistics.median(r.sums("extract_s", "metrics_s"))
        every = statistics.median(r.sums("load_s", "extract_s", "metrics_s"))
        peak = max(r.peaks)
        for what, t in (("extraction + metrics", both), ("load + extraction + metrics", every)):
            met = t < TARGET_S and peak < TARGET_PEAK_MIB
            out.append(
                f"{r.network} at {r.size}, {what}: {'MET' if met else 'MISSED'} "
                f"(median {t:.1f} s = {t / TARGET_S:.2f} × 60 s; peak {peak:.0f} MiB = "
                f"{peak / TARGET_PEAK_MIB:.2f} × 4 GiB)"
            )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["_worker"]:
        nt, network, seed, out = argv[1:5]
        worker(Path(nt), network, int(seed), Path(out))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", nargs="+", type=parse_size, default=[10_000, 100_000, 1_000_000], help="e.g. 10k 100k 1M"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs of each network per size (default: 3)")
    parser.add_argument(
        "--networks", nargs="+", default=list(NETWORKS), help=f"default: {' '.join(NETWORKS)}"
    )
    parser.add_argument(
        "--seed", type=int, default=1, help="seed of the build and of the metrics (default: 1)"
    )
    parser.add_argument(
        "--timeout", type=float, default=300.0, help="seconds before a run is stopped (default: 300)"
    )
    parser.add_argument(
        "--target-timeout",
        type=float,
        default=1800.0,
        help=f"the same for {TARGET_NETWORK} at 1M (default: 1800)",
    )
    parser.add_argument("--out", type=Path, default=BENCH / "out", help="builds, logs, results (bench/out)")
    parser.add_argument(
        "--profile", action="store_true", help="profile one run of the first network and size"
    )
    parser.add_argument("--profile-workers", type=int, help="processes for the metrics when profiling")
    parser.add_argument("--profile-top", type=int, default=40, help="functions listed by the profile")
    args = parser.parse_args(argv)
    args.out = args.out.resolve()
    (args.out / "logs").mkdir(parents=True, exist_ok=True)

    from atelier_kg.network.defs import network_defs

    unknown = sorted(set(args.networks) - set(network_defs()))
    if unknown:
        parser.error(f"unknown networks: {', '.join(unknown)} (known: {', '.join(network_defs())})")
    sizes = sorted(args.sizes)
    builds = {n: args.out / f"build-{size_label(n)}-s{args.seed}" / "atelier.nt" for n in sizes}
    missing = [n for n in sizes if not builds[n].is_file()]
    for n in missing:
        print(missing_build(builds[n], size_label(n), args.seed), file=sys.stderr)
    if missing:
        return 1

    if args.profile:
        size, network = sizes[0], args.networks[0]
        out = args.out / "logs" / f"network-profile-{size_label(size)}-{network}.json"
        profile(builds[size], network, args.seed, out, args.profile_workers, args.profile_top)
        return 0

    before = package_digest()
    print(f"code measured: atelier_kg/**/*.py + queries/network/*.rq sha256 {before}", flush=True)
    start = time.perf_counter()
    results = []
    for n in sizes:
        label = size_label(n)
        triples = count_lines(builds[n])
        print(f"[{label}] {builds[n]} ({triples} triples)", flush=True)
        for network in args.networks:
            results.append(bench_network(builds[n], label, n, triples, network, args))
    took = time.perf_counter() - start
    after = package_digest()
    changed = sorted({r.record.get("code") for res in results for r in res.runs} - {None, before})
    if after != before or changed:
        print("WARNING: atelier_kg/ or queries/network/ changed during the measurement")
    versions = next((r.record["versions"] for res in results for r in res.runs if "versions" in r.record), {})
    print("\n## Networks: load, extraction, metrics (s: median / min / max of the runs)\n")
    print(", ".join(f"{k} {v}" for k, v in versions.items()) + f"; seed {args.seed}; {args.runs} runs\n")
    print(table(results))
    print("\n## Metric notes\n")
    for line in notes(results):
        print(f"- {line}")
    print("\n## Target\n")
    for line in verdicts(results) or ["(the target network at 1M was not measured)"]:
        print(f"- {line}")
    for r in results:
        if r.timed_out:
            print(f"- skipped: {r.network} at {r.size}, longer than {r.timeout:.0f} s")
    failures = [f for r in results for f in r.failed]
    for failure in failures:
        print(f"FAILED {failure}")
    print(f"\nwhole bench: {took / 60:.1f} min")
    record = args.out / "network-results.json"
    payload = {
        "code": before,
        "code_after": after,
        "seed": args.seed,
        "runs": args.runs,
        "bench_s": took,
        "verdicts": verdicts(results),
        "results": [asdict(r) for r in results],
    }
    record.write_text(json.dumps(payload, indent=1) + "\n")
    print(f"(raw figures in {record}; logs in {args.out / 'logs'})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
