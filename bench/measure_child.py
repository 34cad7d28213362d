"""Run one command and write its wall time, exit code and peak memory as JSON.

    python bench/measure_child.py RESULT.json TIMEOUT_S COMMAND [ARG...]

Run by ``run_build.py``, one fresh process per measured command, so that:

- ``peak_rss_mib`` is ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` read after the command ended: in
  a fresh process it is exactly the peak resident set of the one command (or of the largest of
  its descendants, such as forked workers). It needs nothing but the standard library and works
  on every POSIX system (KiB on Linux, bytes on macOS).
- ``peak_tree_mib`` is the largest sum, over the command and all its descendants, of their
  proportional set size (PSS, from ``/proc/<pid>/smaps_rollup``), sampled every 0.2 s. When the
  command forks workers, they share pages copy-on-write, and CPython's reference counting slowly
  turns shared pages into private copies: the largest single process then understates the memory
  the machine needs, and the sum of RSS overstates it; the sum of PSS counts each page once. It
  is sampled, so a spike shorter than 0.2 s can be missed; it is null where ``/proc`` is absent.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

INTERVAL_S = 0.2


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            out += [int(c) for c in task.read_text().split()]
        except OSError:
            pass  # the task ended meanwhile
    return out


def _tree_pss_kib(root: int) -> int:
    """The summed PSS of ``root`` and its descendants, in KiB (0 if unreadable)."""
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += _children(pid)
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except OSError:
            pass
    return total


def main(argv: list[str]) -> int:
    result_path, timeout, cmd = Path(argv[0]), float(argv[1]), argv[2:]
    has_proc = Path("/proc/self/smaps_rollup").exists()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd)
    peak_tree = 0
    rc: int | str
    while True:
        try:
            rc = proc.wait(timeout=INTERVAL_S)
            break
        except subprocess.TimeoutExpired:
            if has_proc:
                peak_tree = max(peak_tree, _tree_pss_kib(proc.pid))
            if time.perf_counter() - start > timeout:
                proc.kill()
                proc.wait()
                rc = "timeout"
                break
    wall = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = {
        "rc": rc,
        "wall_s": wall,
        "peak_rss_mib": rss / 1024 / 1024 if sys.platform == "darwin" else rss / 1024,
        "peak_tree_mib": peak_tree / 1024 if has_proc else None,
    }
    result_path.write_text(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
