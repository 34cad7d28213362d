"""Running a piece of work with a hard time limit, in a forked child that can be killed.

Query engines run native code that holds the interpreter lock (pyoxigraph) or Python regular
expressions that cannot be interrupted (rdflib), so a thread cannot stop them. A forked child
shares the loaded store copy-on-write; it sends back its answer as bytes, or is killed when the
time is up. Where fork does not exist (Windows) the work runs in-process without a limit.
"""

from __future__ import annotations

import multiprocessing
import os
import warnings
from collections.abc import Callable
from typing import TypeVar

from atelier_kg.errors import AtelierKGError, QueryTimeout

T = TypeVar("T")


class ChildError(Exception):
    """An exception raised by the work in the child, carried back by type name and message."""

    def __init__(self, kind: str, message: str) -> None:
        self.kind = kind
        self.message = message
        super().__init__(f"{kind}: {message}")


def _child(work: Callable[[], object], writer) -> None:
    try:
        answer = (True, work())
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
        answer = (False, (type(exc).__name__, str(exc)))
    try:
        writer.send(answer)
    finally:
        writer.close()
        os._exit(0)


def stopped_message(what: str, timeout: float | None) -> str:
    """What a user is told of work stopped at its time limit, and how to give it more."""
    return f"{what} was stopped after {timeout or 0:g} s; simplify it, or allow more time with --timeout"


def call_with_timeout(work: Callable[[], T], timeout: float | None, what: str = "the query") -> T:
    """Return ``work()``; raise :class:`QueryTimeout` if it takes longer than ``timeout`` seconds.

    An exception in ``work`` comes back as :class:`ChildError` (type name and message).
    """
    if timeout is None or "fork" not in multiprocessing.get_all_start_methods():
        return work()
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(work, writer), daemon=True)
    with warnings.catch_warnings():
        # Python ≥ 3.12 warns when forking a threaded process (a notebook kernel is one); the child
        # only runs the engine and writes to its pipe, taking none of the locks such a fork risks.
        warnings.simplefilter("ignore", DeprecationWarning)
        process.start()
    writer.close()
    try:
        if not reader.poll(timeout):
            raise QueryTimeout(stopped_message(what, timeout))
        ok, payload = reader.recv()
    except EOFError:
        raise AtelierKGError(f"{what} failed: its process ended without an answer (out of memory?)") from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        reader.close()
    if ok:
        return payload
    raise ChildError(*payload)
