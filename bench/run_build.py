"""Measure the real ``atelier-kg build`` and ``atelier-kg validate`` on synthetic graphs.

For each size (``--sizes 10k 100k 1M`` by default) the script generates a data folder with
``generate.py`` (cached in ``bench/out/data-<size>-s<seed>``, regenerated when the generator's
code or the parameters change), then runs ``--repeat`` times each of

    atelier-kg build --data D --ontology ontology --out O --no-validate
    atelier-kg validate O/atelier.nt

in a child process, and prints a table: triples (lines of ``O/atelier.nt``), wall time
median/min/max of both commands, their peak resident memory, and the ratios to the targets
(at 1M triples: build < 60 s, validate < 120 s; peak < 4 GiB at every size).

How time and memory are measured: every command runs under ``measure_child.py``, a fresh
Python process that starts it, waits for it and writes a JSON record. The wall time is taken
around the command (its own start-up, such as importing rdflib, included). Peak memory is the
larger of two figures (see that file's docstring): ``ru_maxrss`` of ``RUSAGE_CHILDREN``, exact
and portable but only the largest single process, and the summed PSS of the command's process
tree sampled every 0.2 s from ``/proc``, which counts forked workers (the validation forks some
on large graphs) without counting their shared pages twice. A fresh launcher is needed because
RUSAGE_CHILDREN in this long-lived script would give the maximum over every child so far; it is
used everywhere rather than ``/usr/bin/time -v``, which is not always installed (or is a
BusyBox or BSD ``time`` with other flags and output).

The outputs of each child go to ``bench/out/logs/``. The script exits 0 even when targets are
missed (it measures, it does not test); it exits 1 only when a command failed (a build that did
not exit 0, a validation that exited neither 0 "conforms" nor 1 "does not conform", a timeout).

    python bench/run_build.py                       # 10k, 100k, 1M; 3 runs each
    python bench/run_build.py --sizes 10k 100k --repeat 5
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from generate import generate, parse_size

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
GENERATOR_FILES = ("generate.py", "synth_tables.py", "synth_turtle.py", "vocab.py")

TARGET_SIZE = 1_000_000
TARGET_BUILD_S = 60.0
TARGET_VALIDATE_S = 120.0
TARGET_PEAK_MIB = 4 * 1024.0

MEASURE = BENCH / "measure_child.py"


@dataclass
class Run:
    """One run of one command."""

    rc: int | str
    wall_s: float
    peak_rss_mib: float
    peak_tree_mib: float | None = None

    @property
    def peak_mib(self) -> float:
        return max(self.peak_rss_mib, self.peak_tree_mib or 0.0)


@dataclass
class Measure:
    """All runs of one command at one size."""

    runs: list[Run] = field(default_factory=list)
    ok_codes: tuple[int, ...] = (0,)

    @property
    def ok_runs(self) -> list[Run]:
        return [r for r in self.runs if r.rc in self.ok_codes]

    def times(self) -> tuple[float, float, float]:
        """Median, min and max wall time of the runs that finished normally."""
        walls = [r.wall_s for r in self.ok_runs]
        return statistics.median(walls), min(walls), max(walls)

    @property
    def peak_mib(self) -> float:
        return max(r.peak_mib for r in self.runs)


@dataclass
class SizeResult:
    label: str
    target: int
    triples: int = 0
    build: Measure = field(default_factory=Measure)
    # validate exits 1 when the graph does not conform: a normal outcome here
    validate: Measure = field(default_factory=lambda: Measure(ok_codes=(0, 1)))
    conforms: bool | None = None
    failed: list[str] = field(default_factory=list)


def size_label(n: int) -> str:
    if n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n % 1000 == 0:
        return f"{n // 1000}k"
    return str(n)


def atelier_kg() -> list[str]:
    """The command that runs the CLI: the installed script, else the module."""
    script = shutil.which("atelier-kg")
    return [script] if script else [sys.executable, "-m", "atelier_kg.cli"]


def generator_digest() -> str:
    h = hashlib.sha256()
    for name in GENERATOR_FILES:
        h.update((BENCH / name).read_bytes())
    return h.hexdigest()


def code_digest(ontology: Path) -> str:
    """A short digest of the package and ontology measured (the working tree may be uncommitted)."""
    h = hashlib.sha256()
    for path in sorted([*(ROOT / "atelier_kg").rglob("*.py"), *ontology.glob("*.ttl")]):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:12]


def ensure_data(out: Path, triples: int, seed: int) -> Path:
    """The cached data folder for this size and seed, (re)generated if stale."""
    data = out / f"data-{size_label(triples)}-s{seed}"
    stamp = out / f"data-{size_label(triples)}-s{seed}.json"
    wanted = {"triples": triples, "seed": seed, "generator": generator_digest()}
    if data.is_dir() and stamp.is_file() and json.loads(stamp.read_text()) == wanted:
        return data
    shutil.rmtree(data, ignore_errors=True)
    start = time.perf_counter()
    plan = generate(data, triples=triples, seed=seed)
    print(f"  generated {data} in {time.perf_counter() - start:.1f} s ({plan.persons} persons)", flush=True)
    stamp.write_text(json.dumps(wanted, indent=1) + "\n")
    return data


def measured(cmd: Sequence[str], log: Path, timeout: float) -> Run:
    """Run ``cmd`` under ``measure_child.py``; its output goes to ``log``."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
        result_file = Path(tmp.name)
    try:
        with log.open("wb") as f:
            subprocess.run(
                [sys.executable, str(MEASURE), str(result_file), str(timeout), *cmd],
                stdout=f,
                stderr=subprocess.STDOUT,
                cwd=ROOT,
                check=False,
            )
        return Run(**json.loads(result_file.read_text()))
    finally:
        result_file.unlink(missing_ok=True)


def report(what: str, run: Run) -> None:
    tree = "—" if run.peak_tree_mib is None else f"{run.peak_tree_mib:.0f}"
    print(
        f"  {what}: {run.wall_s:7.1f} s  rss {run.peak_rss_mib:6.0f} MiB  "
        f"tree pss {tree:>6} MiB  rc={run.rc}",
        flush=True,
    )


def count_lines(path: Path) -> int:
    with path.open("rb") as f:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))


def bench_size(triples: int, args: argparse.Namespace) -> SizeResult:
    label = size_label(triples)
    result = SizeResult(label, triples)
    print(f"[{label}]", flush=True)
    data = ensure_data(args.out, triples, args.seed)
    build_dir = args.out / f"build-{label}-s{args.seed}"
    logs = args.out / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    cli = atelier_kg()
    for i in range(1, args.repeat + 1):
        shutil.rmtree(build_dir, ignore_errors=True)
        cmd = [
            *cli,
            "build",
            "--data",
            str(data),
            "--ontology",
            str(args.ontology),
            "--out",
            str(build_dir),
            "--no-validate",
        ]
        run = measured(cmd, logs / f"build-{label}-{i}.log", args.timeout)
        result.build.runs.append(run)
        report(f"build    #{i}", run)
        if run.rc != 0:
            result.failed.append(f"build #{i} rc={run.rc} (see {logs}/build-{label}-{i}.log)")
            return result
    nt = build_dir / "atelier.nt"
    result.triples = count_lines(nt)
    for i in range(1, args.repeat + 1):
        cmd = [*cli, "validate", str(nt), "--ontology", str(args.ontology)]
        run = measured(cmd, logs / f"validate-{label}-{i}.log", args.timeout)
        result.validate.runs.append(run)
        report(f"validate #{i}", run)
        if run.rc not in (0, 1):
            result.failed.append(f"validate #{i} rc={run.rc} (see {logs}/validate-{label}-{i}.log)")
            return result
        result.conforms = run.rc == 0
    return result


def fmt_times(m: Measure) -> str:
    if not m.ok_runs:
        failed = [r for r in m.runs if r not in m.ok_runs]
        return f"> {failed[0].wall_s:.0f} (rc {failed[0].rc})" if failed else "—"
    med, lo, hi = m.times()
    return f"{med:.1f} / {lo:.1f} / {hi:.1f}"


def table(results: Sequence[SizeResult]) -> str:
    """A Markdown table of the results (ready to paste into bench/README.md)."""
    head = (
        "| size | triples | vs size | build s (med / min / max) | "
        "validate s (med / min / max) | conforms | peak MiB build / validate | "
        "build ÷ 60 s | validate ÷ 120 s | peak ÷ 4 GiB |"
    )
    lines = [head, "|" + " --- |" * (head.count("|") - 1)]
    for r in results:
        vs = f"{(r.triples / r.target - 1) * 100:+.0f} %" if r.triples else "—"
        peaks = [m.peak_mib for m in (r.build, r.validate) if m.runs]
        peak_text = " / ".join(f"{m.peak_mib:.0f}" if m.runs else "—" for m in (r.build, r.validate))
        ratio_b = f"{r.build.times()[0] / TARGET_BUILD_S:.2f}" if r.build.ok_runs else "—"
        ratio_v = f"{r.validate.times()[0] / TARGET_VALIDATE_S:.2f}" if r.validate.ok_runs else "—"
        ratio_p = f"{max(peaks) / TARGET_PEAK_MIB:.2f}" if peaks else "—"
        conforms = {None: "—", True: "yes", False: "no"}[r.conforms]
        lines.append(
            f"| {r.label} | {r.triples or '—'} | {vs} | {fmt_times(r.build)} | "
            f"{fmt_times(r.validate)} | {conforms} | {peak_text} | {ratio_b} | "
            f"{ratio_v} | {ratio_p} |"
        )
    return "\n".join(lines)


def verdicts(results: Sequence[SizeResult]) -> list[str]:
    """Which targets are met: time targets at 1M triples, the memory target at every size."""
    out = []
    at_target = [r for r in results if r.target == TARGET_SIZE]
    for name, limit, pick in (
        ("build", TARGET_BUILD_S, lambda r: r.build),
        ("validate", TARGET_VALIDATE_S, lambda r: r.validate),
    ):
        measure = pick(at_target[0]) if at_target else Measure()
        if not measure.ok_runs:
            longest = max((r.wall_s for r in measure.runs), default=0.0)
            if longest > limit:
                out.append(
                    f"{name} at 1M < {limit:.0f} s: MISSED (stopped after {longest:.0f} s without finishing)"
                )
            else:
                out.append(f"{name} at 1M < {limit:.0f} s: NOT MEASURED")
            continue
        median = measure.times()[0]
        status = "MET" if median < limit else "MISSED"
        out.append(f"{name} at 1M < {limit:.0f} s: {status} (median {median:.1f} s)")
    peaks = [(m.peak_mib, r.label) for r in results for m in (r.build, r.validate) if m.runs]
    if peaks:
        peak, label = max(peaks)
        status = "MET" if peak < TARGET_PEAK_MIB else "MISSED"
        out.append(f"peak memory < 4 GiB: {status} (largest {peak:.0f} MiB, at {label})")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", nargs="+", type=parse_size, default=[10_000, 100_000, 1_000_000], help="e.g. 10k 100k 1M"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command per size")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--out", type=Path, default=BENCH / "out", help="cache of data, builds and logs (default: bench/out)"
    )
    parser.add_argument("--ontology", type=Path, default=ROOT / "ontology")
    parser.add_argument(
        "--timeout", type=float, default=1800.0, help="seconds before a command is stopped (default: 1800)"
    )
    args = parser.parse_args(argv)
    args.out = args.out.resolve()
    args.ontology = args.ontology.resolve()

    digest = code_digest(args.ontology)
    print(f"code measured: atelier_kg/**/*.py + ontology/*.ttl sha256 {digest}", flush=True)
    results = [bench_size(n, args) for n in args.sizes]
    if code_digest(args.ontology) != digest:
        print("WARNING: atelier_kg/ or ontology/ changed during the measurement")
    print()
    print(table(results))
    print()
    for line in verdicts(results):
        print(line)
    failures = [f"{r.label}: {f}" for r in results for f in r.failed]
    for failure in failures:
        print(f"FAILED {failure}")
    record = args.out / "results.json"
    record.write_text(
        json.dumps({"code": digest, "seed": args.seed, "results": [asdict(r) for r in results]}, indent=1)
        + "\n"
    )
    print(f"\n(raw figures in {record})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
