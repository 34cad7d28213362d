"""How far the graph is linked to open data: coverage per target, duplicates, weakly sourced links.

Worked out from the checked sources (tables and curated mapping sets), so it needs no build.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib.namespace import RDF

from atelier_kg.namespaces import AKG, ID
from atelier_kg.sources import Duplicate, Mapping, SourceData

#: Organisation kinds that are bodies of their own (a register can know them); the others are
#: units of a body or collaborations between bodies.
BODY_KINDS = ("formal", "organisation")


@dataclass(frozen=True)
class Coverage:
    """Which subjects of one kind have a link to one target, and which have none."""

    subjects: str  # e.g. "organisations (bodies)"
    target: str  # e.g. "a SIREN"
    linked: dict[str, list[str]]  # subject id → values
    missing: list[str]  # subject ids

    @property
    def what(self) -> str:
        """The figure's name, e.g. "organisations (bodies) with a SIREN"."""
        return f"{self.subjects} with {self.target}"

    @property
    def total(self) -> int:
        """How many subjects were counted."""
        return len(self.linked) + len(self.missing)


@dataclass
class LinkReport:
    """Coverage figures, duplicates and the links resting on a single secondary source."""

    labels: dict[str, str] = field(default_factory=dict)
    coverage: list[Coverage] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    single_secondary: list[Mapping] = field(default_factory=list)


def _coverage(kind: str, target: str, subjects: list[str], values: dict[str, list[str]]) -> Coverage:
    linked = {s: sorted(values[s]) for s in subjects if values.get(s)}
    return Coverage(kind, target, linked, [s for s in subjects if not values.get(s)])


def link_report(data: SourceData) -> LinkReport:
    """The link report of a data folder's checked sources."""
    t = data.tables
    orgs = t["organisations.csv"]
    bodies = [r.get("id") for r in orgs if r.get("kind") in BODY_KINDS]
    everyone = [r.get("id") for r in orgs]
    places = [r.get("id") for r in t["places.csv"]]
    report = LinkReport()
    report.labels = {f"organisation:{r.get('id')}": r.get("pref_label") for r in orgs}
    report.labels |= {f"place:{r.get('id')}": r.get("pref_label") for r in t["places.csv"]}

    by_target: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for m in data.mappings.mappings:
        kind_target = (m.subject_kind, "INSEE" if m.target.startswith("INSEE.") else m.target)
        by_target[kind_target][m.subject_local].append(f"{m.target}:{m.notation}")

    org_places: dict[str, list[str]] = defaultdict(list)
    for row in t["organisation_places.csv"]:
        org_places[row.get("organisation")].append(f"{row.get('relation')} {row.get('place')}")
    for row in orgs:
        if row.get("area"):
            org_places[row.get("id")].append(f"serves {row.get('area')}")

    cpv_classes = (str(AKG.ProcurementDomain), str(AKG.Case))
    cpv_subjects = sorted(
        {m.row.get("subject_id") for m in data.mappings.mappings if m.target == "CPV"}
        | {
            t.subject.value.removeprefix(str(ID)).replace("/", ":", 1)
            for triples in data.turtle.values()
            for t in triples
            if t.predicate.value == str(RDF.type) and t.object.value in cpv_classes
        }
    )
    cpv: dict[str, list[str]] = defaultdict(list)
    for m in data.mappings.mappings:
        if m.target == "CPV":
            cpv[m.row.get("subject_id")].append(f"CPV:{m.notation}")

    report.coverage = [
        _coverage("organisations (bodies)", "a SIREN", bodies, by_target[("organisation", "SIREN")]),
        _coverage(
            "organisations (bodies)", "a Wikidata item", bodies, by_target[("organisation", "wikidata")]
        ),
        _coverage("organisations (all kinds)", "a place", everyone, org_places),
        _coverage("places", "an INSEE code", places, by_target[("place", "INSEE")]),
        _coverage("places", "a Wikidata item", places, by_target[("place", "wikidata")]),
        _coverage("procurement domains and cases", "a CPV code", cpv_subjects, cpv),
    ]
    report.duplicates = list(data.mappings.duplicates)
    report.single_secondary = [m for m in data.mappings.mappings if m.single_secondary]
    return report


def describe_duplicate(duplicate: Duplicate) -> str:
    """One line saying which subjects share one SIREN or Wikidata item, and where."""
    where = ", ".join(
        f"{m.row.get('subject_id')} ({m.row.path.name} line {m.row.line})" for m in duplicate.mappings
    )
    return f"{duplicate.target}:{duplicate.value} is mapped to {len(duplicate.mappings)} subjects: {where}"


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "–"


def report_markdown(report: LinkReport) -> str:
    """The report as Markdown: a coverage table, then what is missing, duplicated or weakly sourced."""
    lines = ["# Links to open data", "", "| coverage | linked | of | share |", "| --- | ---: | ---: | ---: |"]
    for c in report.coverage:
        lines.append(f"| {c.what} | {len(c.linked)} | {c.total} | {_percent(len(c.linked), c.total)} |")
    for c in report.coverage:
        lines += [
            "",
            f"## Without a link: {c.subjects} without {c.target}",
            "",
        ]
        if not c.missing:
            lines.append("None.")
        for subject in c.missing:
            label = report.labels.get(f"organisation:{subject}") or report.labels.get(f"place:{subject}")
            lines.append(f"- {subject}" + (f" — {label}" if label else ""))
    lines += ["", "## Duplicates (one SIREN or Wikidata item for several subjects)", ""]
    lines += [f"- {describe_duplicate(d)}" for d in report.duplicates] or ["None."]
    lines += ["", "## Links resting on a single secondary source (find a second source)", ""]
    lines += [
        f"- {m.row.get('subject_id')} → {m.row.get('object_id')} ({m.row.path.name} line {m.row.line})"
        for m in report.single_secondary
    ] or ["None."]
    return "\n".join(lines) + "\n"
