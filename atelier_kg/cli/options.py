"""What the command groups share: the command record, the -v/-q options, the embedded store."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

#: The default graph file of the commands that read the build.
BUILD_GRAPH = Path("build") / "atelier.nt"


@dataclass(frozen=True)
class Command:
    """One command: its name, its one-line help, how to declare its options and how to run it."""

    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    #: Whether the command takes -v/--verbose and -q/--quiet.
    detail: bool = False


class RegistryHelp(str):
    """A help text ending with the names of a registry, read only when the help is shown.

    argparse expands a help text with ``%`` when it prints it: until then the registry (and the
    stage behind it, e.g. networkx for the export formats) is not imported, so a command that does
    not print this help starts without it.
    """

    names: Callable[[], list[str]]

    def __new__(cls, text: str, names: Callable[[], list[str]]) -> RegistryHelp:
        help_text = super().__new__(cls, text)
        help_text.names = names
        return help_text

    def __mod__(self, params: object) -> str:
        return str(self) + ", ".join(self.names())


def detail_options() -> argparse.ArgumentParser:
    """The -v/--verbose and -q/--quiet options, as a parent parser."""
    detail = argparse.ArgumentParser(add_help=False)
    detail.add_argument("-v", "--verbose", action="store_true", help="show every step with timings")
    detail.add_argument("-q", "--quiet", action="store_true", help="show nothing but errors")
    return detail


def progress(args: argparse.Namespace):
    """The progress reporter the -v/-q options ask for."""
    from atelier_kg.progress import Progress

    return Progress(0 if args.quiet else 2 if args.verbose else 1)


def ontology_option(p: argparse.ArgumentParser, help: str) -> None:
    """The --ontology option (default: ./ontology, else the installed copy)."""
    p.add_argument("--ontology", type=Path, default=None, help=help)


def pseudonymise_option(p: argparse.ArgumentParser, help: str) -> None:
    """The --pseudonymise KEYFILE option."""
    p.add_argument("--pseudonymise", type=Path, metavar="KEYFILE", help=help)


def embedded_store(graph: Path, engine: str = "oxigraph", keyfile: Path | None = None):
    """The embedded store of ``graph``, pseudonymised under the key in ``keyfile`` if one is given."""
    from atelier_kg.sparql import EmbeddedStore

    if keyfile is None:
        return EmbeddedStore.from_file(graph, engine)
    from atelier_kg.pseudonymise import pseudonymise, read_key
    from atelier_kg.sources import read_triples

    key = read_key(keyfile)
    return EmbeddedStore.from_triples(pseudonymise(read_triples(graph), key), engine)


def remote_or_embedded(args: argparse.Namespace, engine: str = "oxigraph"):
    """The endpoint of --endpoint, else the embedded store of --graph (pseudonymised on request)."""
    from atelier_kg.errors import UsageError

    if args.endpoint:
        from atelier_kg.sparql import Endpoint

        if args.pseudonymise:
            raise UsageError("--pseudonymise works on the embedded store; push a pseudonymised graph instead")
        return Endpoint(args.endpoint)
    return embedded_store(args.graph, engine, args.pseudonymise)
