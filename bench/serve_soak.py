"""The load soak of ``run_serve.py``: C clients run every library query against an endpoint for D s.

The queries are the top-level ones of ``queries/`` with their default parameters, bound as
``atelier-kg query`` binds them; each client sends them in turn (starting at its own offset) as
direct POSTs over one keep-alive connection. Expected answers: 200, and 403 for the queries that
call ``SERVICE`` (the endpoint refuses them). Anything else (another status, a connection or read
error) is counted against its query.
"""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from atelier_kg.sparql import library, prepare

#: JSON results for SELECT and ASK, Turtle for CONSTRUCT and DESCRIBE.
ACCEPT = "application/sparql-results+json, text/turtle;q=0.9"


@dataclass
class Soak:
    """The soak's outcome: per query, its expected status, the statuses seen and the latencies."""

    clients: int
    seconds: float
    expected: dict[str, int]
    seen: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))

    @property
    def unexpected(self) -> dict[str, dict[str, int]]:
        """Per query, the statuses other than the expected one, with their counts."""
        out = {}
        for name, counts in self.seen.items():
            bad = {str(k): v for k, v in counts.items() if k != self.expected[name]}
            if bad:
                out[name] = bad
        return out

    def record(self) -> dict:
        """The soak as JSON-ready figures."""
        rows = {}
        for name, expected in self.expected.items():
            ms = sorted(x * 1000 for x in self.latencies.get(name, [])) or [0.0]
            rows[name] = {
                "expected": expected,
                "statuses": {str(k): v for k, v in self.seen[name].items()},
                "p50_ms": statistics.median(ms),
                "max_ms": ms[-1],
            }
        total = sum(sum(c.values()) for c in self.seen.values())
        return {"clients": self.clients, "seconds": self.seconds, "requests": total, "queries": rows}


def library_requests() -> list[tuple[str, str, int]]:
    """(name, text, expected status) of every top-level library query that binds with its defaults."""
    out = []
    for query in library():
        if "/" in query.name:
            continue
        try:
            text = prepare(query)
        except Exception:  # noqa: BLE001 - a query without defaults cannot be sent as it is
            continue
        out.append((query.name, text, 403 if query.parsed.uses_service else 200))
    return out


def soak(base: str, clients: int, seconds: float) -> Soak:
    """``clients`` clients sending every library query in turn to ``base``/sparql for ``seconds``."""
    requests = library_requests()
    result = Soak(clients, seconds, {name: status for name, _, status in requests})
    host, port = base.removeprefix("http://").split(":")
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(offset: int) -> None:
        connection = http.client.HTTPConnection(host, int(port), timeout=120)
        i = offset
        while time.monotonic() < stop:
            name, text, _ = requests[i % len(requests)]
            i += 1
            start = time.perf_counter()
            try:
                connection.request(
                    "POST",
                    "/sparql",
                    body=text.encode(),
                    headers={"Content-Type": "application/sparql-query", "Accept": ACCEPT},
                )
                response = connection.getresponse()
                response.read()
                status: int | str = response.status
            except (OSError, http.client.HTTPException) as exc:
                status = type(exc).__name__
                connection.close()
            with lock:
                result.seen[name][status] += 1
                result.latencies[name].append(time.perf_counter() - start)

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return result
