"""The ``link`` commands: suggest Wikidata candidates, accept or reject them, report coverage."""

from __future__ import annotations

import argparse
from pathlib import Path

from .options import Command

CANDIDATES_HELP = "candidates file (default: data/mappings/review/)"
ID_HELP = "record_id of a candidate (akgmap:candidate-…)"


def _suggest_arguments(q: argparse.ArgumentParser) -> None:
    q.add_argument("--endpoint", metavar="URL", help="Wikidata-shaped SPARQL endpoint (default: WDQS)")
    q.add_argument("--limit", type=int, metavar="N", help="at most N candidates per subject")
    q.add_argument("--out", type=Path, metavar="FILE", help=CANDIDATES_HELP)
    q.add_argument("--cache", type=Path, metavar="DIR", help="answer cache (default: ~/.cache/atelier-kg)")
    q.add_argument("--refresh", action="store_true", help="ask again what the cache already knows")
    q.add_argument(
        "--contact", metavar="EMAIL|URL", help="contact sent in the User-Agent (or ATELIER_KG_CONTACT)"
    )
    q.add_argument("--timeout", type=float, default=70.0, metavar="S", help="per request (default: 70 s)")


def _suggest(args: argparse.Namespace) -> int:
    from atelier_kg.links import suggest

    result = suggest(
        args.data,
        args.endpoint,
        limit=args.limit,
        cache_dir=args.cache,
        timeout=args.timeout,
        out=args.out,
        contact=args.contact,
        refresh=args.refresh,
    )
    print(
        f"{len(result.rows)} candidates in {result.path} ({result.proposed} proposed now, "
        f"{result.kept} kept from earlier runs); {result.subjects} unlinked subjects; "
        f"{result.requests} requests to {result.endpoint}, {result.cache_hits} answered from the cache"
    )
    print("review them, then: atelier-kg link accept ID… --reviewer NAME")
    return 0


def _review_arguments(q: argparse.ArgumentParser) -> None:
    q.add_argument("ids", nargs="+", metavar="ID", help=ID_HELP)
    q.add_argument("--reviewer", required=True, metavar="NAME", help="who reviewed the candidates")
    q.add_argument("--candidates", type=Path, metavar="FILE", help=CANDIDATES_HELP)


def _accept(args: argparse.Namespace) -> int:
    from atelier_kg.links import accept

    result = accept(args.data, args.ids, args.reviewer, candidates=args.candidates)
    for row in result.accepted:
        print(f"{row['record_id']}: {row['subject_id']} → {row['object_id']}")
    where = ", ".join(str(p) for p in result.curated)
    print(
        f"{len(result.accepted)} accepted into {where}; "
        f"{result.remaining} candidates left in {result.candidates}"
    )
    return 0


def _reject(args: argparse.Namespace) -> int:
    from atelier_kg.links import reject

    result = reject(args.data, args.ids, args.reviewer, candidates=args.candidates)
    for row in result.rejected:
        print(f"{row['record_id']}: {row['subject_id']} ↛ {row['object_id']}")
    print(
        f"{len(result.rejected)} rejected into {result.path}; "
        f"{result.remaining} candidates left in {result.candidates}"
    )
    return 0


def _report_arguments(q: argparse.ArgumentParser) -> None:
    q.add_argument(
        "--out",
        type=Path,
        default=Path("build") / "link-report.md",
        metavar="FILE",
        help="where to write the report (default: build/link-report.md)",
    )


def _report(args: argparse.Namespace) -> int:
    from atelier_kg.links import link_report, report_markdown
    from atelier_kg.output import atomic_write
    from atelier_kg.sources import load_sources

    text = report_markdown(link_report(load_sources(args.data)))
    atomic_write(args.out, text.encode("utf-8"))
    print(text, end="")
    return 0


#: The subcommands of ``link``, in the order of the help.
SUBCOMMANDS = (
    Command(
        "suggest",
        "propose Wikidata candidates for unlinked organisations and places (never published)",
        _suggest_arguments,
        _suggest,
    ),
    Command(
        "accept",
        "move reviewed candidates into the curated mapping sets, with reviewer and date",
        _review_arguments,
        _accept,
    ),
    Command(
        "reject",
        "set aside reviewed candidates as negative mappings, so suggest never proposes them again",
        _review_arguments,
        _reject,
    ),
    Command(
        "report",
        "coverage per target, duplicates and weakly sourced links (printed and written)",
        _report_arguments,
        _report,
    ),
)
LINK_COMMANDS = {command.name: command for command in SUBCOMMANDS}


def _arguments(p: argparse.ArgumentParser) -> None:
    link = p.add_subparsers(dest="link_command", required=True, metavar="SUBCOMMAND")
    data = argparse.ArgumentParser(add_help=False)
    data.add_argument("--data", type=Path, default=Path("data"), help="source folder (default: ./data)")
    for command in SUBCOMMANDS:
        q = link.add_parser(command.name, parents=[data], help=command.help)
        command.add_arguments(q)


def _run(args: argparse.Namespace) -> int:
    return LINK_COMMANDS[args.link_command].run(args)


COMMANDS = (
    Command(
        "link",
        "links to open data: suggest Wikidata candidates, accept reviewed ones, report coverage",
        _arguments,
        _run,
    ),
)
