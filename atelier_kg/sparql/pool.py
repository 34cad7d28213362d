"""A pool of forked query processes over one store, each killed and replaced when it runs too long.

:func:`atelier_kg.sparql.timeout.call_with_timeout` forks a child per query: simple, but the fork
costs milliseconds, far more than a point lookup on Oxigraph. A server answering many small
queries keeps ``size`` children instead, forked once from the process holding the store (a
read-only on-disk store, or a loaded graph shared copy-on-write). A call sends a method name and
its arguments to an idle child over its pipe and waits for the answer until the time limit; past
it, the child is killed (SIGKILL: the engine's native code is really stopped) and a fresh one
forked in its place, so the pool stays full and the other calls go on.

The time limit counts from the call: the wait for an idle child is part of it, so a call never
waits longer than ``timeout`` in all, even when every child is busy. Each child closes the sockets
it inherited (the server's listening socket, its clients' connections, the other children's pipes),
so none is held open by a child, and it ends when the server does (its pipe reaches end of file).
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import stat
import threading
import time
import warnings
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from atelier_kg.errors import AtelierKGError, QueryTimeout

from .timeout import ChildError, stopped_message


def _inherited_sockets(keep: int) -> list[int]:
    """The socket descriptors of this process other than ``keep``."""
    folder = Path("/proc/self/fd") if Path("/proc/self/fd").is_dir() else Path("/dev/fd")
    found = []
    for name in os.listdir(folder):
        fd = int(name)
        try:
            if fd != keep and stat.S_ISSOCK(os.fstat(fd).st_mode):
                found.append(fd)
        except OSError:  # the directory's own descriptor, gone once listed
            continue
    return found


def _serve(target: object, connection: Connection) -> None:
    """The child's loop: run ``target``'s methods as the parent asks, until its pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server; the server stops us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the server's handler: SIGTERM ends a child
    signal.set_wakeup_fd(-1)  # the event loop's wake-up socket is closed below
    for fd in _inherited_sockets(connection.fileno()):
        try:
            os.close(fd)
        except OSError:
            pass
    while True:
        try:
            method, args, kwargs = connection.recv()
        except (EOFError, OSError):
            os._exit(0)
        try:
            answer = (True, getattr(target, method)(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
            answer = (False, (type(exc).__name__, str(exc)))
        connection.send(answer)


@dataclass(eq=False)  # compared and hashed by identity, kept in a set
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: Connection


class WorkerPool:
    """``size`` forked processes running methods of ``target`` (started at the first call)."""

    def __init__(self, target: object, size: int) -> None:
        if size < 1:
            raise ValueError("a pool needs at least one process")
        self.target = target
        self.size = size
        self._context = multiprocessing.get_context("fork")
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self._workers: set[_Worker] = set()
        self._lock = threading.Lock()
        self._started = False

    @property
    def pids(self) -> list[int]:
        """The process ids of the pool's children (for tests and measurements)."""
        with self._lock:
            return [w.process.pid for w in self._workers if w.process.pid is not None]

    def _spawn(self) -> None:
        """Fork one more child (under the lock) and make it idle."""
        parent, child = self._context.Pipe(duplex=True)
        process = self._context.Process(target=_serve, args=(self.target, child), daemon=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # Python ≥ 3.12: fork of a threaded process
            process.start()
        child.close()
        worker = _Worker(process, parent)
        self._workers.add(worker)
        self._idle.put(worker)

    def _start(self) -> None:
        with self._lock:
            if not self._started:
                for _ in range(self.size):
                    self._spawn()
                self._started = True

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` (it overran or broke) and fork a fresh child in its place."""
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        worker.connection.close()
        with self._lock:
            self._workers.discard(worker)
            self._spawn()

    def call(
        self,
        method: str,
        args: tuple = (),
        kwargs: dict | None = None,
        *,
        timeout: float | None = None,
        what: str = "the query",
    ) -> object:
        """``target.method(*args, **kwargs)`` in a child; :class:`QueryTimeout` past ``timeout`` s.

        An exception in the child comes back as :class:`ChildError` (type name and message).
        """
        self._start()
        deadline = None if timeout is None else time.monotonic() + timeout
        stopped = stopped_message(what, timeout)
        try:
            worker = self._idle.get(
                timeout=None if deadline is None else max(0.0, deadline - time.monotonic())
            )
        except queue.Empty:
            raise QueryTimeout(f"{stopped} (every query process was busy)") from None
        answered = False
        try:
            worker.connection.send((method, args, kwargs or {}))
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not worker.connection.poll(left):
                raise QueryTimeout(stopped)
            ok, payload = worker.connection.recv()
            answered = True
        except (EOFError, OSError):
            raise AtelierKGError(
                f"{what} failed: its process ended without an answer (out of memory?)"
            ) from None
        finally:
            if answered:
                self._idle.put(worker)
            else:
                self._replace(worker)
        if ok:
            return payload
        raise ChildError(*payload)

    def close(self) -> None:
        """Stop every child (they would also end with this process)."""
        with self._lock:
            for worker in self._workers:
                worker.connection.close()
                worker.process.kill()
                worker.process.join()
            self._workers.clear()
            self._started = False
            self._idle = queue.SimpleQueue()


def default_size() -> int:
    """The pool size of a server: one process per core, at least two."""
    return max(2, os.cpu_count() or 1)
