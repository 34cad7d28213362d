"""The ``publish`` command: the linked data ``serve`` gives, written as a static site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .options import Command, ontology_option, progress, pseudonymise_option


def _arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="DIR",
        help="the site's folder: made, or replaced whole if an earlier publish made it",
    )
    p.add_argument(
        "--base-url",
        metavar="URL",
        help="the URL the site is served from: the VoID names the dumps there, and the site gets the "
        ".htaccess for w3id.org (w3id/.htaccess)",
    )
    pseudonymise_option(p, "replace persons by keyed pseudonyms and drop their names and job titles")
    p.add_argument(
        "--build", type=Path, default=Path("build"), metavar="DIR", help="build folder (default: ./build)"
    )
    ontology_option(p, "ontology folder documented under def/ (default: ./ontology, else the installed copy)")


def _publish(args: argparse.Namespace) -> int:
    from atelier_kg.pseudonymise import read_key
    from atelier_kg.serve import publish

    key = read_key(args.pseudonymise) if args.pseudonymise else None
    site = publish(
        args.build,
        args.out,
        base=args.base_url,
        key=key,
        ontology_dir=args.ontology,
        progress=progress(args),
    )
    for name in site.withheld:
        print(
            f"atelier-kg: warning: the documentation of https://w3id.org/atelier-kg/{name} names a person "
            "(in a comment or an example), so the pseudonymised site leaves it out; take the name out "
            "of the ontology folder to publish it",
            file=sys.stderr,
        )
    if not args.quiet:
        extras = ", pseudonymised" if site.pseudonymised else ""
        extras += ", with w3id/.htaccess" if site.htaccess else " (no --base-url: no .htaccess)"
        print(f"published {site.resources} resources into {site.out}{extras}")
    return 0


COMMANDS = (
    Command(
        "publish",
        "write the build's linked data (pages, RDF documents, dumps, VoID) as a static site",
        _arguments,
        _publish,
        detail=True,
    ),
)
