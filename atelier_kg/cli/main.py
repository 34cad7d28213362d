"""The ``atelier-kg`` command: the parser built from the command registry, errors made messages."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from atelier_kg.errors import AtelierKGError, ValidationFailed
from atelier_kg.version import __version__

from . import build, link, network, publish, query, serve
from .options import Command, detail_options

#: Every command, in the order of the help; the README documents each (a test checks it).
REGISTRY: dict[str, Command] = {
    command.name: command
    for group in (build, query, network, link, serve, publish)
    for command in group.COMMANDS
}
#: Every command with its one-line help.
COMMANDS = {name: command.help for name, command in REGISTRY.items()}
#: The subcommands of ``link`` with their help.
LINK_COMMANDS = {name: command.help for name, command in link.LINK_COMMANDS.items()}


def parser() -> argparse.ArgumentParser:
    """The command-line parser: one subparser per registered command."""
    top = argparse.ArgumentParser(
        prog="atelier-kg", description="Knowledge graph of the Atelier Commande publique & EFC."
    )
    top.add_argument("--version", action="version", version=f"atelier-kg {__version__}")
    detail = detail_options()
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in REGISTRY.values():
        p = sub.add_parser(
            command.name,
            parents=[detail] if command.detail else [],
            help=command.help,
            description=command.help,
        )
        command.add_arguments(p)
    return top


def _quiet_library_loggers() -> None:
    """Library loggers (rdflib's parser, pyshacl…) never print to the terminal: errors are ours.

    Without a handler, Python's last-resort handler would print their warnings, with tracebacks.
    """
    logging.getLogger().addHandler(logging.NullHandler())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 validation failed, 2 bad input)."""
    args = parser().parse_args(argv)
    _quiet_library_loggers()
    try:
        return REGISTRY[args.command].run(args)
    except ValidationFailed as exc:
        print(f"atelier-kg: {exc}", file=sys.stderr)
        return exc.exit_code
    except AtelierKGError as exc:
        print(f"atelier-kg: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("atelier-kg: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
