"""Progress and detail messages on stderr: shown in a terminal, quiet in a pipe."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Reports the steps of a long command.

    ``verbosity`` is 0 (quiet), 1 (normal) or 2 (verbose). Step lines appear at 1 only when the
    stream is a terminal; at 2 they always appear, with timings.
    """

    def __init__(self, verbosity: int = 1, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.verbosity = verbosity
        self.interactive = self.stream.isatty()
        self._start = time.perf_counter()

    def step(self, message: str) -> None:
        """Announce a step."""
        if self.verbosity >= 2 or (self.verbosity == 1 and self.interactive):
            elapsed = time.perf_counter() - self._start
            prefix = f"[{elapsed:6.1f}s] " if self.verbosity >= 2 else "… "
            print(prefix + message, file=self.stream, flush=True)

    def detail(self, message: str) -> None:
        """A line shown only at -v."""
        if self.verbosity >= 2:
            print("    " + message, file=self.stream, flush=True)


QUIET = Progress(verbosity=0)
