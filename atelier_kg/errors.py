"""The package's own exceptions; only the CLI turns them into messages and exit codes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class AtelierKGError(Exception):
    """Base class of every error atelier-kg raises on purpose."""

    exit_code = 2


@dataclass
class Location:
    """Where in a source file a problem is: file, 1-based line and column."""

    path: Path
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        text = str(self.path)
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text


class SourceError(AtelierKGError):
    """Bad input in a source file: says where, what is wrong and how to fix it."""

    def __init__(self, location: Location, problem: str, fix: str) -> None:
        self.location = location
        self.problem = problem
        self.fix = fix
        super().__init__(f"{location}: {problem} — fix: {fix}")


class UsageError(AtelierKGError):
    """A command was called with arguments that cannot work (missing folder, unknown name)."""


class ValidationFailed(AtelierKGError):
    """The graph violates at least one shape of severity sh:Violation."""

    exit_code = 1


class QueryTimeout(AtelierKGError):
    """A query ran longer than its time limit and was stopped."""


class RemoteRefused(UsageError):
    """A query would make the embedded store fetch a URL, and remote access was not allowed."""


class EndpointError(AtelierKGError):
    """A SPARQL endpoint or graph store could not be reached or answered with an error."""


class OutputError(AtelierKGError):
    """An output could not be written where it was asked for (no such folder, no permission…)."""

    def __init__(self, path: Path, problem: str, fix: str) -> None:
        self.path = path
        self.problem = problem
        self.fix = fix
        super().__init__(f"{path}: {problem} — fix: {fix}")


class DecpFormatError(SourceError):
    """A DECP file that is not DECP JSON (truncated, wrong root): names the file, the byte offset, the fix."""

    def __init__(self, path: Path, offset: int | None, problem: str, fix: str) -> None:
        self.offset = offset
        where = f"at byte {offset}: " if offset is not None else ""
        super().__init__(Location(path), where + problem, fix)
