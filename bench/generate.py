"""Generate a synthetic national network of ateliers and clubs as a data directory for the build.

The output has the layout and formats of ``data/`` (see data/README.md and docs/model.md): every
CSV table with its exact header, the five Turtle files and the source text that ``sources.csv``
names. Everything is invented from the word lists of ``vocab.py`` by one ``random.Random(seed)``,
so the same seed and size give byte-identical files.

    python bench/generate.py --triples 10000 --seed 1 --out bench/out/data-10k

The number of entities is computed from ``--triples`` with a per-person ratio calibrated against
the real build (``synth_tables.TRIPLES_PER_PERSON``); ``--persons`` sets it directly.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from synth_tables import SOURCE_ID, Generator, Plan, plan_for
from synth_turtle import PREFIXES, TurtleWriter

SOURCE_FILE = "sources/synthetic.txt"

#: The header of every table, in the column order of data/README.md.
HEADERS: dict[str, list[str]] = {
    "sources.csv": ["id", "title", "file", "language"],
    "organisations.csv": [
        "id",
        "kind",
        "pref_label",
        "type",
        "parent",
        "area",
        "founded",
        "source",
    ],
    "organisation_names.csv": ["organisation", "name", "source"],
    "organisation_links.csv": ["subject", "relation", "object", "source"],
    "places.csv": ["id", "pref_label", "source"],
    "persons.csv": ["id", "family_name", "given_name", "description", "source"],
    "person_names.csv": ["person", "family_name", "given_name", "source"],
    "jobs.csv": [
        "person",
        "organisation",
        "organisation_as_written",
        "job_title",
        "self_employed",
        "source",
    ],
    "roles.csv": ["person", "role", "atelier", "source"],
    "sessions.csv": [
        "id",
        "label",
        "atelier",
        "start",
        "end",
        "timing",
        "earliest_start",
        "source",
    ],
    "attendance.csv": ["person", "session", "source"],
}


# -- writing -----------------------------------------------------------------------------------


def write_csv(path: Path, header: list[str], rows: Iterable[Sequence[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def source_text(gen: Generator) -> str:
    """A page-like text that says everything the tables record, as written."""
    lines = [
        "Réseau national synthétique des ateliers commande publique",
        "",
        "Texte généré pour le banc d'essai de atelier-kg : tout y est inventé.",
        "",
        "Organisations",
        "",
    ]
    for org in gen.orgs:
        lines.append(" | ".join(org.written_forms()))
    lines += ["", "Participants", "", "Nom | Prénom | Fonction | Organisation", ""]
    jobs_of: dict[str, list[dict[str, str]]] = {}
    for job in gen.jobs:
        jobs_of.setdefault(job["person"], []).append(job)
    for person in gen.persons:
        for job in jobs_of.get(person["id"], []):
            lines.append(
                " | ".join(
                    (
                        person["family_name"],
                        person["given_name"],
                        job["job_title"],
                        job["organisation_as_written"],
                    )
                )
            )
    lines += ["", "Séances", ""]
    lines += [s["label"] for s in gen.sessions]
    return "\n".join(lines) + "\n"


def generate(out: Path, triples: int | None = None, seed: int = 1, persons: int | None = None) -> Plan:
    """Write a complete synthetic data directory to ``out`` and return the plan it followed."""
    plan = plan_for(triples, persons)
    gen = Generator(plan, seed)
    gen.run()
    ttl = TurtleWriter(gen)
    out.mkdir(parents=True, exist_ok=True)
    (out / "sources").mkdir(exist_ok=True)
    (out / SOURCE_FILE).write_text(source_text(gen), encoding="utf-8")
    src = SOURCE_ID
    tables: dict[str, Iterable[Sequence[str]]] = {
        "sources.csv": [(src, "Réseau national synthétique (banc d'essai)", SOURCE_FILE, "fr")],
        "organisations.csv": [
            (o.id, o.kind, o.label, o.type, o.parent, o.area, o.founded, src) for o in gen.orgs
        ],
        "organisation_names.csv": [(o.id, v, src) for o in gen.orgs for v in o.variants],
        "organisation_links.csv": [(s, r, o, src) for s, r, o in gen.links],
        "places.csv": [(slug, label, src) for slug, label in gen.places],
        "persons.csv": [
            (p["id"], p["family_name"], p["given_name"], p["description"], src) for p in gen.persons
        ],
        "person_names.csv": [(p["person"], p["family_name"], p["given_name"], src) for p in gen.person_names],
        "jobs.csv": [
            (
                j["person"],
                j["organisation"],
                j["organisation_as_written"],
                j["job_title"],
                j["self_employed"],
                src,
            )
            for j in gen.jobs
        ],
        "roles.csv": [(pid, role, atelier, src) for pid, role, atelier in gen.roles],
        "sessions.csv": [
            (s["id"], s["label"], s["atelier"], s["start"], s["end"], s["timing"], s["earliest_start"], src)
            for s in gen.sessions
        ],
        "attendance.csv": [(pid, sid, src) for pid, sid in gen.attendance],
    }
    for name, rows in tables.items():
        write_csv(out / name, HEADERS[name], rows)
    for name, text in (
        ("concepts.ttl", ttl.concepts()),
        ("cases.ttl", ttl.cases()),
        ("statements.ttl", ttl.statements()),
        ("figures.ttl", ttl.figures()),
        ("podcast.ttl", ttl.podcast()),
    ):
        header = f"# Synthetic benchmark data ({name}), generated by bench/generate.py.\n"
        (out / name).write_text(header + PREFIXES + "\n" + text, encoding="utf-8")
    return plan


def parse_size(text: str) -> int:
    """'10k' -> 10000, '1M' -> 1000000, '2500' -> 2500."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([kKmM]?)", text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text!r}")
    factor = {"": 1, "k": 1_000, "m": 1_000_000}[match.group(2).lower()]
    return round(float(match.group(1)) * factor)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--triples",
        type=parse_size,
        default=10_000,
        help="approximate size of the built graph (10000, 100k, 1M)",
    )
    parser.add_argument("--persons", type=int, help="number of persons (overrides --triples)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="data directory to write")
    args = parser.parse_args(argv)
    plan = generate(args.out, args.triples, args.seed, args.persons)
    print(f"{args.out}: {plan}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
