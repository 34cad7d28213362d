"""Shared fixtures: the seed graph built once, scratch copies of the sources, a CLI runner."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from atelier_kg.build.pipeline import make_graph

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
ONTOLOGY = ROOT / "ontology"
PAGE = DATA / "sources" / "atelier-commande-publique.txt"


@pytest.fixture(scope="session")
def seed_graph():
    """The materialised graph of the project's own data (built once per test session)."""
    return make_graph(DATA, ONTOLOGY)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A scratch copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def replace_in(path: Path, old: str, new: str) -> None:
    """Break a source file on purpose: replace the first ``old`` (which must be there) by ``new``."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run ``atelier-kg`` in a subprocess, as a user would."""
    full_env = {**os.environ, **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "atelier_kg.cli", *args],
        cwd=cwd or ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def cli():
    return run_cli


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    """A real Oxigraph SPARQL server on 127.0.0.1: its query and graph-store endpoints."""

    base: str
    process: subprocess.Popen

    @property
    def query(self) -> str:
        return f"{self.base}/query"

    @property
    def store(self) -> str:
        return f"{self.base}/store"


@contextmanager
def running(
    command: list[str], probe: str, name: str, cwd: Path | None = None, new_session: bool = False
) -> Iterator[subprocess.Popen]:
    """Start a server process, wait until ``probe`` answers (30 s at most), stop it afterwards.

    Whatever happens while waiting or in the body, the process is stopped. Its error output goes to
    a file (a pipe nobody reads would fill and stall it), shown if it exits at start. With
    ``new_session`` it runs in a session of its own: for a server (Apache httpd) that signals its
    whole process group when it stops, which would otherwise be pytest's.
    """
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=log, start_new_session=new_session
    )
    deadline = time.monotonic() + 30
    try:
        while True:
            try:
                urllib.request.urlopen(probe, timeout=2).close()
                break
            except OSError:
                if process.poll() is not None:
                    log.seek(0)
                    raise AssertionError(
                        f"{name} exited at start: {log.read().decode(errors='replace')}"
                    ) from None
                assert time.monotonic() < deadline, f"{name} did not answer within 30 s"
                time.sleep(0.1)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@contextmanager
def oxigraph_serve(location: Path) -> Iterator[Server]:
    """Start `oxigraph serve` (the `oxigraph` package of the test extra) and stop it afterwards."""
    exe = shutil.which("oxigraph")
    assert exe, "the `oxigraph` server is missing: pip install -e '.[test]'"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [exe, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    with running(command, f"{base}/query?query=ASK%7B%7D", "oxigraph serve") as process:
        yield Server(base, process)


@pytest.fixture
def oxigraph_server(tmp_path: Path) -> Iterator[Server]:
    """A fresh, empty Oxigraph server for one test."""
    with oxigraph_serve(tmp_path / "oxigraph") as server:
        yield server


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Path:
    """The build folder of the project's own data (built once per test session)."""
    from atelier_kg.build.pipeline import build

    out = tmp_path_factory.mktemp("seed-build")
    build(DATA, ONTOLOGY, out)
    return out
