"""Where the sources, the ontology and the query library are found."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .errors import UsageError


def packaged(name: str) -> Path:
    """The copy of ``ontology`` or ``queries`` installed with the package (a package-data folder)."""
    return Path(str(resources.files(f"atelier_kg.{name}")))


def ontology_dir(given: Path | None) -> Path:
    """The ontology folder: the one given, else ``./ontology``, else the installed copy."""
    if given is not None:
        if not (given / "atelier.ttl").is_file():
            raise UsageError(f"{given}: no atelier.ttl in this ontology folder (give one with --ontology)")
        return given
    local = Path("ontology")
    if (local / "atelier.ttl").is_file():
        return local
    return packaged("ontology")


def queries_dir() -> Path:
    """The query library: ``./queries`` when run from a checkout, else the installed copy."""
    local = Path("queries")
    if (local / "check").is_dir():
        return local
    return packaged("queries")
