"""The HTTP load of ``run_serve.py``: a closed loop of C keep-alive clients for D seconds.

``wrk`` (Debian's ``wrk`` package, C, epoll) is used when it is installed: one thread drives the
32 connections and costs a few percent of a core, so on a 2-core machine it takes little from
the server measured. A Lua script (below) cycles through a file of request paths, so each request
asks for another resource, and prints the figures as one JSON line at the end. Without wrk, a
Python client of threads with one ``http.client`` keep-alive connection each does the same; it
spends far more CPU per request (and holds the GIL), so it can be the bottleneck of the fast
workloads: the result says which client measured.

Latency is from sending a request to reading its whole answer. An error is a failed connection
or read, a timeout, or an answer of status 400 or more.
"""

from __future__ import annotations

import http.client
import json
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

LUA = r"""
local paths, accept, i = {}, nil, 0
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  accept = args[2]
  i = math.random(#paths)
end
function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], {["Accept"] = accept})
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_s":%.6f,"errors":%d,"p50_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f}\n',
    summary.requests, summary.duration / 1e6, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
"""


@dataclass
class Load:
    """What one load run measured."""

    client: str
    requests: int
    duration_s: float
    errors: int
    p50_ms: float
    p99_ms: float
    max_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.duration_s if self.duration_s else 0.0


def run_load(base: str, paths: list[str], accept: str, clients: int, seconds: float) -> Load:
    """``clients`` keep-alive clients asking ``base`` + each of ``paths`` in turn for ``seconds``."""
    if shutil.which("wrk"):
        return _wrk(base, paths, accept, clients, seconds)
    return _threads(base, paths, accept, clients, seconds)


def _wrk(base: str, paths: list[str], accept: str, clients: int, seconds: float) -> Load:
    with tempfile.TemporaryDirectory() as tmp:
        script, listing = Path(tmp, "cycle.lua"), Path(tmp, "paths.txt")
        script.write_text(LUA)
        listing.write_text("\n".join(paths) + "\n")
        command = ["wrk", "-t1", f"-c{clients}", f"-d{seconds:g}s", "--timeout", "60s"]
        command += ["-s", str(script), base, "--", str(listing), accept]
        done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 90, check=True)
    line = [x for x in done.stdout.splitlines() if x.startswith("{")][-1]
    return Load("wrk", **json.loads(line))


def _threads(base: str, paths: list[str], accept: str, clients: int, seconds: float) -> Load:
    host, port = base.removeprefix("http://").split(":")
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(offset: int) -> None:
        connection = http.client.HTTPConnection(host, int(port), timeout=60)
        mine, failed, i = [], 0, offset
        while time.monotonic() < stop:
            path, i = paths[i % len(paths)], i + 1
            start = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Accept": accept})
                response = connection.getresponse()
                response.read()
                failed += response.status >= 400
            except (OSError, http.client.HTTPException):
                failed += 1
                connection.close()
            mine.append(time.perf_counter() - start)
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(k * 7919,)) for k in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = time.perf_counter() - started
    ms = sorted(x * 1000 for x in latencies) or [0.0]
    p99 = ms[min(len(ms) - 1, int(0.99 * len(ms)))]
    return Load("python-threads", len(latencies), took, errors[0], statistics.median(ms), p99, ms[-1])


def load_dict(load: Load) -> dict:
    """A load's figures with its rate, for the JSON record."""
    return {**asdict(load), "rps": load.rps}
