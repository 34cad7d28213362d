"""`atelier-kg serve` runs its queries in a pool of query processes: reused, and gone with the server."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, free_port
from httpserver import children, get

THEMES = (
    "PREFIX akg: <https://w3id.org/atelier-kg/def#> SELECT (COUNT(DISTINCT ?t) AS ?value) { ?t a akg:Theme }"
)
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _start(graph: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [sys.executable, "-m", "atelier_kg.cli", "serve", "--graph", str(graph), "--port", str(port)]
    process = subprocess.Popen([*command, "--timeout", "1"], cwd=ROOT, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/sparql"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if get(url, "ASK {}")[0] == 200:
                return process, url
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError("atelier-kg serve did not answer within 30 s")


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_queries_reuse_the_processes_which_end_with_the_server(seed_build, stop):
    process, url = _start(seed_build / "atelier.nt")
    try:
        for _ in range(5):
            assert get(url, THEMES)[0] == 200
        pool = children(process.pid)
        for _ in range(20):
            assert get(url, THEMES)[0] == 200
        assert children(process.pid) == pool and len(pool) >= 2  # no fork per query
        assert get(url, CARTESIAN)[0] == 503
        replaced = children(process.pid)
        assert len(replaced) == len(pool) and replaced != pool  # the overrunning one was replaced
        process.send_signal(stop)
        process.wait(timeout=10)
        deadline = time.monotonic() + 5
        while any(Path(f"/proc/{pid}").exists() for pid in replaced) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(Path(f"/proc/{pid}").exists() for pid in replaced)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
