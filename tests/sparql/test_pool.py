"""The pool of query processes (`atelier_kg.sparql.pool`): reused, killed past the limit, replaced."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox
import pytest

from atelier_kg.errors import QueryTimeout
from atelier_kg.sparql import EmbeddedStore, run_query
from atelier_kg.sparql.pool import WorkerPool
from atelier_kg.sparql.timeout import ChildError

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the pool forks")


class Target:
    """What the children run: their pid, a sleep, a failure."""

    def pid(self) -> int:
        return os.getpid()

    def sleep(self, seconds: float) -> str:
        time.sleep(seconds)
        return "woke"

    def fail(self) -> None:
        raise ValueError("no such thing")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] == "Z")


@pytest.fixture
def pool():
    made = WorkerPool(Target(), 2)
    yield made
    made.close()


def test_the_same_processes_answer_call_after_call(pool):
    pids = {pool.call("pid", timeout=5) for _ in range(20)}
    assert pids <= set(pool.pids) and len(pool.pids) == 2 and os.getpid() not in pids


def test_a_call_past_the_limit_kills_its_process_and_a_fresh_one_takes_its_place(pool):
    pool.call("pid", timeout=5)
    before = set(pool.pids)
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="stopped after 0.5 s"):
        pool.call("sleep", (60,), timeout=0.5)
    assert time.monotonic() - started < 0.5 + 2
    after = set(pool.pids)
    killed = before - after
    assert len(killed) == 1 and len(after) == 2
    assert not _alive(killed.pop())
    assert pool.call("sleep", (0,), timeout=5) == "woke"


def test_the_wait_for_a_free_process_counts_in_the_limit(pool):
    with ThreadPoolExecutor(3) as executor:
        started = time.monotonic()
        calls = [executor.submit(pool.call, "sleep", (60,), timeout=1) for _ in range(3)]
        errors = [call.exception() for call in calls]
    assert all(isinstance(e, QueryTimeout) for e in errors)
    assert time.monotonic() - started < 1 + 2
    assert any("busy" in str(e) for e in errors)
    assert pool.call("sleep", (0,), timeout=5) == "woke"


def test_an_error_in_the_child_comes_back_and_the_process_stays(pool):
    pool.call("pid", timeout=5)
    before = set(pool.pids)
    with pytest.raises(ChildError, match="ValueError: no such thing"):
        pool.call("fail", timeout=5)
    assert set(pool.pids) == before


def test_the_children_hold_no_socket_of_the_parent():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    pool = WorkerPool(Target(), 1)
    try:
        (pid,) = {pool.call("pid", timeout=5)}
        inode = os.fstat(listener.fileno()).st_ino
        held = [os.readlink(fd) for fd in Path(f"/proc/{pid}/fd").iterdir()]
        assert f"socket:[{inode}]" not in held
    finally:
        pool.close()
        listener.close()


def test_the_children_end_when_the_parent_is_killed(tmp_path):
    script = (
        "import sys, time\n"
        "from atelier_kg.sparql.pool import WorkerPool\n"
        "class T:\n"
        "    def pid(self):\n"
        "        import os; return os.getpid()\n"
        "pool = WorkerPool(T(), 2)\n"
        "print(pool.call('pid'), pool.call('pid'), flush=True)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        pids = [int(p) for p in parent.stdout.readline().split()]
    finally:
        parent.kill()
        parent.wait()
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p) for p in pids)


def test_a_store_with_processes_answers_like_one_without(seed_build):
    plain = EmbeddedStore.from_file(seed_build / "atelier.nt")
    pooled = EmbeddedStore.from_file(seed_build / "atelier.nt")
    pooled.use_processes(2)
    try:
        text = "SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s ORDER BY ?s LIMIT 5"
        assert run_query(pooled, text).rows == run_query(plain, text).rows
        assert len(pooled) == len(plain)
        assert pooled.run_raw("ASK { ?s ?p ?o }")[::2] == ("results", 0)
        kind, data, size = pooled.run_raw("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3")
        assert kind == "graph" and size == 3 == len(list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES)))
        with pytest.raises(QueryTimeout):
            pooled.run(CARTESIAN, timeout=1)
        assert pooled.run_raw("SELECT * WHERE { ?s ?p ?o } LIMIT 4", timeout=5)[2] == 4
    finally:
        pooled.close()
