"""Measure the embedded SPARQL store: loading the graph and running the query library, Oxigraph and rdflib.

For each size (``--sizes 10k 100k 1M`` by default) the script generates the synthetic data and
builds it as ``run_build.py`` does (cached in ``bench/out/data-<size>-s<seed>`` and
``bench/out/build-<size>-s<seed>``, rebuilt when the generator, ``atelier_kg/`` or the ontology
changed), then for each engine (Oxigraph, then rdflib):

- loads ``atelier.nt`` into ``EmbeddedStore.from_file(path, engine)`` ``--runs`` times, each in a
  fresh process under ``measure_child.py``: the load time is taken around ``from_file`` in that
  process, the peak memory is the process's own (the larger of its peak RSS and its sampled PSS);
- loads it once more in a fresh process that runs every library query without ``# needs:
  internet`` with its default parameters through ``atelier_kg.sparql.runner.run_query`` (so in a forked
  child with a hard time limit, as users get it), ``--runs`` times, and keeps the median wall time.
  A query that takes longer than ``--timeout`` is stopped and recorded as "> TIMEOUT s"; runs
  after the first are skipped when the first took more than ``--repeat-below`` seconds; rdflib
  runs each query once at ``--rdflib-one-run-from`` (1M) and above; on either engine, a query that
  timed out at a smaller size is not run again at a larger one (recorded as skipped).

Some default parameters name resources of the real page (``organisation:ciridd``, ``person:e504fe84``…)
that the synthetic graph does not have: those queries answer nothing in no time. Each of them is also
run as ``NAME @synthetic`` on an organisation of the synthetic graph that has units and the most jobs,
and on a person who works in one of its units (chosen by a query on the graph measured, see ``ANCHORS``).

Every answer's ``QueryResult.comparable()`` is written to ``bench/out/answers/<size>-<engine>/``
and the two engines' answers are compared query by query. The script prints the load and query
tables (Markdown, with the rdflib ÷ Oxigraph ratios), the queries whose answers differ and the
targets (every query < 1 s at 100k and < 30 s at 1M on Oxigraph, the default engine; loading
1M triples in Oxigraph < 10 s), and writes the raw figures to ``bench/out/queries-results.json``.
It exits 0 even when targets are missed, 1 only when a measurement failed.

    python bench/run_queries.py                       # 10k, 100k, 1M; 3 runs
    python bench/run_queries.py --sizes 10k 100k --runs 5
    python bench/run_queries.py --sizes 10k --engines oxigraph --queries who-takes-part
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from generate import parse_size
from run_build import ROOT, Run, atelier_kg, code_digest, count_lines, ensure_data, measured, size_label

BENCH = Path(__file__).resolve().parent
ENGINES = ("oxigraph", "rdflib")

TARGET_LOAD_S = 10.0  # Oxigraph, 1M triples
TARGET_QUERY_S = {100_000: 1.0, 1_000_000: 30.0}  # every query, Oxigraph


# -- the measuring processes ----------------------------------------------------------------------


def _rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def worker_load(engine: str, nt: Path, out: Path) -> None:
    """Load ``nt`` once; write the load time, the triple count and the RSS before and after."""
    from atelier_kg.sparql import EmbeddedStore

    before = _rss_mib()
    start = time.perf_counter()
    store = EmbeddedStore.from_file(nt, engine)
    load_s = time.perf_counter() - start
    figures = {"load_s": load_s, "triples": len(store), "rss_before_mib": before, "rss_after_mib": _rss_mib()}
    out.write_text(json.dumps(figures))


def answer_digest(comparable: object) -> str:
    return hashlib.sha256(json.dumps(comparable, ensure_ascii=False).encode()).hexdigest()[:16]


#: Variants of the queries whose default parameters name resources of the real page (organisation:ciridd,
#: person:e504fe84…) that the synthetic graph does not have, so that their answer is empty: the same query
#: on an organisation of the synthetic graph that has units and people, and on a person working in one of
#: its units ($ORG and $PERSON, chosen by ANCHORS in the graph measured).
ANCHORED = {
    "describe-resource": {"resource": "$ORG"},
    "provenance": {"resource": "$ORG"},
    "is-member": {"person": "$PERSON", "org": "$ORG"},
    "organisation-neighbourhood": {"org": "$ORG"},
    "participants-by-organisation": {"org": "$ORG"},
    "person-affiliations": {"person": "$PERSON"},
    "sub-organisations": {"org": "$ORG"},
}
ANCHOR_SUFFIX = " @synthetic"
ANCHORS = """
PREFIX akg: <https://w3id.org/atelier-kg/def#>
PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?org ?person WHERE {
  {
    SELECT ?org (COUNT(DISTINCT ?job) AS ?jobs) WHERE {
      ?unit org:subOrganizationOf ?org .
      ?job a akg:Job ; org:organization ?workplace .
      ?workplace org:subOrganizationOf* ?org .
    }
    GROUP BY ?org ORDER BY DESC(?jobs) STR(?org) LIMIT 1
  }
  ?job a akg:Job ; org:member ?person ; org:organization ?workplace .
  ?workplace org:subOrganizationOf+ ?org .
}
ORDER BY STR(?person) LIMIT 1
"""


def jobs(names: Sequence[str]) -> list[tuple[str, str, dict[str, str]]]:
    """(label, library query, parameters) of every measurement: each query, then the anchored variants."""
    out = [(name, name, {}) for name in names]
    out += [(name + ANCHOR_SUFFIX, name, ANCHORED[name]) for name in names if name in ANCHORED]
    return out


def worker_queries(engine: str, nt: Path, out: Path, spec: dict) -> None:
    """Load ``nt`` and run the queries of ``spec``; rewrite ``out`` after each query."""
    from atelier_kg.errors import QueryTimeout
    from atelier_kg.sparql import EmbeddedStore, find_query, run_query

    answers = Path(spec["answers"])
    answers.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    store = EmbeddedStore.from_file(nt, engine)
    record: dict = {"load_s": time.perf_counter() - start, "queries": {}, "anchors": spec.get("anchors")}
    if record["anchors"] is None and any(params for _, _, params in spec["jobs"]):
        row = run_query(store, ANCHORS, timeout=None).rows[0]
        record["anchors"] = {"$ORG": f"<{row['org'].value}>", "$PERSON": f"<{row['person'].value}>"}
    print(f"    anchors: {record['anchors']}", flush=True)
    for label, name, params in spec["jobs"]:
        query = find_query(name)
        values = {p: (record["anchors"] or {}).get(v, v) for p, v in params.items()}
        entry: dict = {"times": [], "status": "ok", "params": values}
        record["queries"][label] = entry
        for run in range(spec["runs"]):
            begin = time.perf_counter()
            try:
                result = run_query(store, query, values, timeout=spec["timeout"])
            except QueryTimeout:
                entry["status"], entry["times"] = "timeout", [time.perf_counter() - begin]
                break
            except Exception as exc:  # noqa: BLE001 - an engine that fails a query is a finding
                entry["status"], entry["error"] = "error", f"{type(exc).__name__}: {exc}"[:500]
                break
            entry["times"].append(time.perf_counter() - begin)
            if run == 0:
                comparable = result.comparable()
                entry["rows"] = result.boolean if result.kind == "ask" else len(result)
                entry["digest"] = answer_digest(comparable)
                # the same rows in any order: tells an ordering difference from a different answer
                unordered = (comparable[0], sorted(comparable[1])) if result.kind == "select" else comparable
                entry["digest_unordered"] = answer_digest(unordered)
                path = answers / (label.replace("/", "__").replace(" @", "@") + ".json")
                path.write_text(json.dumps(comparable, ensure_ascii=False, indent=0))
                if entry["times"][0] > spec["repeat_below"]:
                    break
        times = " ".join(f"{t:.3f}" for t in entry["times"])
        print(f"    {label:45} {entry['status']:8} {entry.get('rows', '')!s:>7} {times}", flush=True)
        out.write_text(json.dumps(record))


# -- the driver -----------------------------------------------------------------------------------


@dataclass
class QueryMeasure:
    times: list[float] = field(default_factory=list)
    status: str = "ok"  # ok, timeout, error, skipped (timed out at a smaller size), missing
    rows: int | bool | None = None  # the boolean of an ASK
    digest: str | None = None
    digest_unordered: str | None = None
    error: str | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.status == "ok" and self.times else None


@dataclass
class EngineResult:
    engine: str
    loads: list[Run] = field(default_factory=list)
    load_times: list[float] = field(default_factory=list)
    triples: int = 0
    queries: dict[str, QueryMeasure] = field(default_factory=dict)
    query_process: Run | None = None
    anchors: dict[str, str] | None = None
    failed: list[str] = field(default_factory=list)

    def load_stats(self) -> tuple[float, float, float] | None:
        if not self.load_times:
            return None
        return statistics.median(self.load_times), min(self.load_times), max(self.load_times)

    @property
    def peak_mib(self) -> float | None:
        return max((r.peak_mib for r in self.loads), default=None)


@dataclass
class SizeResult:
    label: str
    target: int
    triples: int = 0
    build_s: float | None = None
    engines: dict[str, EngineResult] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)


def ensure_build(data: Path, label: str, args: argparse.Namespace) -> tuple[Path, float | None]:
    """The build of ``data`` (rebuilt when the data, the package or the ontology changed)."""
    build = args.out / f"build-{label}-s{args.seed}"
    stamp = args.out / f"build-{label}-s{args.seed}.json"
    data_stamp = json.loads((args.out / f"{data.name}.json").read_text())
    wanted = {"data": data_stamp, "code": code_digest(ROOT / "ontology")}
    if (build / "atelier.nt").is_file() and stamp.is_file() and json.loads(stamp.read_text()) == wanted:
        return build, None
    shutil.rmtree(build, ignore_errors=True)
    cmd = [*atelier_kg(), "build", "--data", str(data), "--ontology", str(ROOT / "ontology")]
    cmd += ["--out", str(build), "--no-validate"]
    log = args.out / "logs" / f"query-build-{label}.log"
    start = time.perf_counter()
    with log.open("wb") as f:
        rc = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT, cwd=ROOT, check=False).returncode
    if rc != 0:
        raise RuntimeError(f"build of {data} failed (rc {rc}, see {log})")
    took = time.perf_counter() - start
    stamp.write_text(json.dumps(wanted, indent=1) + "\n")
    print(f"  built {build} in {took:.1f} s", flush=True)
    return build, took


def worker_cmd(*args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "_worker", *args]


def bench_engine(
    engine: str, nt: Path, label: str, size: int, args: argparse.Namespace, timed_out: dict[str, set[str]]
) -> EngineResult:
    result = EngineResult(engine)
    logs = args.out / "logs"
    for i in range(1, args.runs + 1):
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
            own = Path(tmp.name)
        try:
            log = logs / f"load-{label}-{engine}-{i}.log"
            run = measured(worker_cmd("load", engine, str(nt), str(own)), log, args.load_timeout)
            result.loads.append(run)
            if run.rc != 0:
                result.failed.append(f"load #{i} rc={run.rc} (see {log})")
                return result
            figures = json.loads(own.read_text())
        finally:
            own.unlink(missing_ok=True)
        result.load_times.append(figures["load_s"])
        result.triples = figures["triples"]
        print(
            f"  {engine:8} load #{i}: {figures['load_s']:6.1f} s  peak {run.peak_mib:6.0f} MiB  "
            f"({figures['triples']} triples)",
            flush=True,
        )

    names = [n for n in args.labels if n not in timed_out[engine]]
    for name in sorted(timed_out[engine] & set(args.labels)):
        result.queries[name] = QueryMeasure(status="skipped")
    one_run = engine == "rdflib" and size >= args.rdflib_one_run_from
    spec = {
        "jobs": [j for j in args.jobs if j[0] in names],
        "anchors": args.anchors.get(label),
        "runs": 1 if one_run else args.runs,
        "timeout": args.timeout,
        "repeat_below": args.repeat_below,
        "answers": str(args.out / "answers" / f"{label}-{engine}"),
    }
    shutil.rmtree(spec["answers"], ignore_errors=True)
    with tempfile.TemporaryDirectory() as tmp:
        spec_file, own = Path(tmp) / "spec.json", Path(tmp) / "queries.json"
        spec_file.write_text(json.dumps(spec))
        log = logs / f"queries-{label}-{engine}.log"
        budget = args.load_timeout + len(names) * spec["runs"] * (args.timeout + 30)
        print(f"  {engine:8} queries ({spec['runs']} run(s) each, log {log})", flush=True)
        run = measured(worker_cmd("queries", engine, str(nt), str(own), str(spec_file)), log, budget)
        result.query_process = run
        record = json.loads(own.read_text()) if own.is_file() else {"queries": {}}
    if record.get("anchors"):
        args.anchors.setdefault(label, record["anchors"])
        result.anchors = record["anchors"]
    if run.rc != 0:
        result.failed.append(f"query process rc={run.rc} (see {log})")
    for name in names:
        raw = record["queries"].get(name)
        if raw is None:
            result.queries[name] = QueryMeasure(status="missing")
            continue
        m = QueryMeasure(
            times=raw["times"],
            status=raw["status"],
            rows=raw.get("rows"),
            digest=raw.get("digest"),
            digest_unordered=raw.get("digest_unordered"),
            error=raw.get("error"),
        )
        result.queries[name] = m
        if m.status == "timeout":
            timed_out[engine].add(name)
        if m.status == "error":
            result.failed.append(f"{name}: {m.error}")
    return result


def bench_size(size: int, args: argparse.Namespace, timed_out: dict[str, set[str]]) -> SizeResult:
    label = size_label(size)
    result = SizeResult(label, size)
    print(f"[{label}]", flush=True)
    (args.out / "logs").mkdir(parents=True, exist_ok=True)
    data = ensure_data(args.out, size, args.seed)
    build, result.build_s = ensure_build(data, label, args)
    nt = build / "atelier.nt"
    result.triples = count_lines(nt)
    for engine in args.engines:
        result.engines[engine] = bench_engine(engine, nt, label, size, args, timed_out)
        if engine == args.engines[0] and result.engines[engine].anchors:
            print(f"  @synthetic anchors: {result.engines[engine].anchors}", flush=True)
        result.failed += [f"{engine}: {f}" for f in result.engines[engine].failed]
    return result


# -- the report -----------------------------------------------------------------------------------


def fmt_s(m: QueryMeasure | None, timeout: float) -> str:
    if m is None:
        return "—"
    if m.status == "ok":
        return f"{m.median:.3f}" if m.median < 10 else f"{m.median:.1f}"
    if m.status == "timeout":
        return f"> {timeout:.0f}"
    if m.status == "skipped":
        return f"> {timeout:.0f}†"
    return m.status


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def load_table(results: Sequence[SizeResult]) -> str:
    head = "| size | triples | engine | load s (med / min / max) | peak MiB | rdflib ÷ Oxigraph |"
    lines = [head, "|" + " --- |" * (head.count("|") - 1)]
    for r in results:
        ox = r.engines.get("oxigraph")
        ox_med = ox.load_stats()[0] if ox and ox.load_stats() else None
        for engine, e in r.engines.items():
            stats = e.load_stats()
            times = "—" if stats is None else " / ".join(f"{t:.2f}" if t < 10 else f"{t:.1f}" for t in stats)
            peak = "—" if e.peak_mib is None else f"{e.peak_mib:.0f}"
            x = ratio(stats[0] if stats else None, ox_med) if engine == "rdflib" else None
            times_x = "—" if x is None else f"{x:.0f}×"
            lines.append(f"| {r.label} | {r.triples} | {engine} | {times} | {peak} | {times_x} |")
    return "\n".join(lines)


def query_table(results: Sequence[SizeResult], args: argparse.Namespace) -> str:
    """Per query: median seconds on each engine and the ratio, for every size but the smallest."""
    shown = [r for r in results if r.target > 10_000] or list(results)
    head = "| query |"
    for r in shown:
        head += f" {r.label} Oxigraph s | {r.label} rdflib s | {r.label} × | {r.label} rows |"
    lines = [head, "|" + " --- |" * (head.count("|") - 1)]
    for name in args.labels:
        row = f"| `{name}` |"
        for r in shown:
            ox, rl = (r.engines.get(e) for e in ENGINES)
            mo = ox.queries.get(name) if ox else None
            mr = rl.queries.get(name) if rl else None
            x = ratio(mr.median if mr else None, mo.median if mo else None)
            rows = mo.rows if mo and mo.rows is not None else (mr.rows if mr else None)
            row += f" {fmt_s(mo, args.timeout)} | {fmt_s(mr, args.timeout)} |"
            rows = str(rows).lower() if isinstance(rows, bool) else rows
            row += f" {'—' if x is None else f'{x:.0f}'} | {'—' if rows is None else rows} |"
        lines.append(row)
    return "\n".join(lines)


def median_of(r: SizeResult, engine: str, name: str) -> float | None:
    m = r.engines[engine].queries.get(name) if engine in r.engines else None
    return m.median if m else None


def slowest(r: SizeResult, engine: str) -> tuple[float | None, str, int]:
    """The largest median of an engine at a size, its query, and how many queries did not finish."""
    e = r.engines.get(engine)
    if not e:
        return None, "—", 0
    done = [(m.median, n) for n, m in e.queries.items() if m.median is not None]
    unfinished = sum(m.status in ("timeout", "skipped") for m in e.queries.values())
    best = max(done, default=(None, "—"))
    return best[0], best[1], unfinished


def summary_table(results: Sequence[SizeResult], args: argparse.Namespace) -> str:
    head = (
        "| size | slowest query, Oxigraph | slowest query, rdflib | rdflib not finished in "
        f"{args.timeout:.0f} s | rdflib ÷ Oxigraph per query (geo. mean / min / max) |"
    )
    lines = [head, "|" + " --- |" * (head.count("|") - 1)]
    for r in results:
        cells = []
        for engine in ENGINES:
            t, name, _ = slowest(r, engine)
            cells.append("—" if t is None else f"{t:.3f} s (`{name}`)")
        unfinished = slowest(r, "rdflib")[2]
        pairs = [(median_of(r, "rdflib", n), median_of(r, "oxigraph", n)) for n in args.labels]
        ratios = [x for a, b in pairs if (x := ratio(a, b))]
        spread = "—"
        if ratios:
            geo = math.exp(statistics.fmean(math.log(x) for x in ratios))
            spread = f"{geo:.0f} / {min(ratios):.1f} / {max(ratios):.0f}"
        lines.append(f"| {r.label} | {cells[0]} | {cells[1]} | {unfinished} | {spread} |")
    return "\n".join(lines)


def differences(results: Sequence[SizeResult], args: argparse.Namespace) -> list[str]:
    """The queries whose rdflib answer is not Oxigraph's, size by size."""
    out = []
    for r in results:
        if not all(e in r.engines for e in ENGINES):
            continue
        for name in args.labels:
            mo, mr = (r.engines[e].queries.get(name) for e in ENGINES)
            if not mo or not mr or mo.digest is None or mr.digest is None:
                continue
            if mo.digest != mr.digest:
                how = "same rows, other order" if mo.digest_unordered == mr.digest_unordered else "other rows"
                out.append(f"{r.label}: {name}: {how} (Oxigraph {mo.rows} rows, rdflib {mr.rows} rows)")
    return out


def not_compared(results: Sequence[SizeResult], args: argparse.Namespace) -> list[str]:
    out = []
    for r in results:
        if all(e in r.engines for e in ENGINES):
            missing = [
                n
                for n in args.labels
                if any(getattr(r.engines[e].queries.get(n), "digest", None) is None for e in ENGINES)
            ]
            if missing:
                names = ", ".join(missing)
                out.append(f"{r.label}: {len(missing)} not compared (no answer from one engine): {names}")
    return out


def verdicts(results: Sequence[SizeResult], args: argparse.Namespace) -> list[str]:
    out = []
    for r in results:
        ox = r.engines.get("oxigraph")
        if ox is None:
            continue
        limit = TARGET_QUERY_S.get(r.target)
        if limit is None and r.target != 1_000_000:
            out.append(f"{r.label}: no target at this size")
        if limit is not None:
            over = [
                f"{n} ({fmt_s(m, args.timeout)} s)"
                for n, m in ox.queries.items()
                if m.median is None or m.median >= limit
            ]
            status = "MET" if not over else "MISSED by " + ", ".join(over)
            out.append(f"every query < {limit:g} s at {r.label} (Oxigraph): {status}")
            rl = r.engines.get("rdflib")
            if rl:
                over = sum(m.median is None or m.median >= limit for m in rl.queries.values())
                n = len(rl.queries)
                out.append(f"  (rdflib, for comparison: {over} of {n} queries at or over {limit:g} s)")
        if r.target == 1_000_000 and ox.load_stats():
            med = ox.load_stats()[0]
            out.append(
                f"load 1M < {TARGET_LOAD_S:g} s (Oxigraph): {'MET' if med < TARGET_LOAD_S else 'MISSED'} "
                f"(median {med:.2f} s)"
            )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["_worker"]:
        kind, engine, nt, out = argv[1:5]
        if kind == "load":
            worker_load(engine, Path(nt), Path(out))
        else:
            worker_queries(engine, Path(nt), Path(out), json.loads(Path(argv[5]).read_text()))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", nargs="+", type=parse_size, default=[10_000, 100_000, 1_000_000], help="e.g. 10k 100k 1M"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs of each load and query (default: 3)")
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument("--queries", nargs="+", metavar="NAME", help="only these library queries")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per query (default: 60)")
    parser.add_argument(
        "--repeat-below",
        type=float,
        default=10.0,
        help="run a query again only if its first run took less (default: 10 s)",
    )
    parser.add_argument(
        "--rdflib-one-run-from",
        type=parse_size,
        default=1_000_000,
        help="size from which rdflib runs each query once (default: 1M)",
    )
    parser.add_argument("--load-timeout", type=float, default=900.0, help="seconds per load (default: 900)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=BENCH / "out", help="cache, results (default: bench/out)")
    args = parser.parse_args(argv)
    args.out = args.out.resolve()
    args.engines = [e for e in ENGINES if e in args.engines]  # Oxigraph first

    from atelier_kg.sparql import library

    queries = [q for q in library() if not q.needs_internet]
    if args.queries:
        unknown = set(args.queries) - {q.name for q in queries}
        if unknown:
            parser.error(f"unknown or federated queries: {', '.join(sorted(unknown))}")
        queries = [q for q in queries if q.name in args.queries]
    args.jobs = jobs([q.name for q in queries])
    args.labels = [label for label, _, _ in args.jobs]
    args.anchors = {}  # size label -> the $ORG and $PERSON the first engine chose

    def digest() -> str:
        h = hashlib.sha256(code_digest(ROOT / "ontology").encode())
        for path in sorted((ROOT / "queries").rglob("*.rq")):
            h.update(path.as_posix().encode() + b"\0" + path.read_bytes())
        return h.hexdigest()[:12]

    before = digest()
    print(f"code measured: atelier_kg/**/*.py + ontology/*.ttl + queries/**/*.rq sha256 {before}", flush=True)
    start = time.perf_counter()
    timed_out: dict[str, set[str]] = {e: set() for e in ENGINES}
    results = [bench_size(n, args, timed_out) for n in sorted(args.sizes)]
    took = time.perf_counter() - start
    after = digest()
    if after != before:
        print("WARNING: atelier_kg/, ontology/ or queries/ changed during the measurement")
    print("\n## Loading atelier.nt\n")
    print(load_table(results))
    print("\n## Queries (median s; × = rdflib ÷ Oxigraph; † = not run, timed out at a smaller size)\n")
    print(query_table(results, args))
    print()
    print(summary_table(results, args))
    print("\n## Answers that differ (rdflib against Oxigraph)\n")
    for line in differences(results, args) or ["none"]:
        print(f"- {line}")
    for line in not_compared(results, args):
        print(f"- {line}")
    print("\n## Targets\n")
    for line in verdicts(results, args):
        print(f"- {line}")
    failures = [f"{r.label}: {f}" for r in results for f in r.failed]
    for failure in failures:
        print(f"FAILED {failure}")
    print(f"\nwhole bench: {took / 60:.1f} min")
    record = args.out / "queries-results.json"
    payload = {
        "code": before,
        "code_after": after,
        "seed": args.seed,
        "runs": args.runs,
        "timeout_s": args.timeout,
        "bench_s": took,
        "differences": differences(results, args),
        "verdicts": verdicts(results, args),
        "results": [asdict(r) for r in results],
    }
    record.write_text(json.dumps(payload, indent=1) + "\n")
    print(f"(raw figures in {record}; answers in {args.out / 'answers'})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
