"""What the curated mapping sets say: each row checked and turned into a :class:`Mapping`.

A row is rejected (file, line, column, fix) when its identifier is malformed, its subject is not
in the graph, its predicate or justification is not one we publish, or it cites no source. Two
subjects mapped to the same SIREN or Wikidata item are not an error of the file (the register or
Wikidata may be at fault) but are reported: :attr:`Mappings.duplicates`. What every row needs,
whatever its target, is checked by :mod:`.mappingrow`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .identifiers import SCHEMES, problem
from .mappingrow import check_common, check_record, fail
from .sssom import MappingRow, MappingSet, expand, read_mapping_set, split

#: Mapping predicates a data mapping set may use (owl:sameAs is the build's decision, never a row's).
DATA_PREDICATES = (
    "skos:exactMatch",
    "skos:closeMatch",
    "skos:broadMatch",
    "skos:narrowMatch",
    "skos:relatedMatch",
)
#: Predicates the ontology alignment may use as well.
ALIGNMENT_PREDICATES = DATA_PREDICATES + (
    "rdfs:subClassOf",
    "rdfs:subPropertyOf",
    "owl:equivalentClass",
    "owl:equivalentProperty",
)
#: Which kinds of subject each target scheme may describe.
SUBJECTS_OF: dict[str, tuple[str, ...]] = {
    "wikidata": ("organisation", "place"),
    "SIREN": ("organisation",),
    "SIRET": ("organisation",),
    "INSEE.REG": ("place",),
    "INSEE.DEP": ("place",),
    "INSEE.COM": ("place",),
    "INSEE.EPCI": ("place",),
    "CPV": ("domain", "case"),
}
#: Targets whose objects are things with IRIs of their own (the others are identifiers only).
ENTITY_TARGETS = ("wikidata", "CPV")
#: Targets where two subjects sharing one object is worth reporting.
UNIQUE_TARGETS = ("wikidata", "SIREN", "SIRET")
SINGLE_SECONDARY = "single-secondary-source"
CPV_NOTATION = re.compile(r"([0-9]{8})-[0-9]")


@dataclass(frozen=True)
class Mapping:
    """One checked mapping row."""

    row: MappingRow
    set_name: str
    record: str  # IRI of the mapping record
    subject: str  # IRI
    subject_kind: str  # organisation | place | domain | case | akg
    subject_local: str  # the subject's id in its kind (ciridd, saint-etienne, Atelier…)
    predicate: str  # IRI
    target: str  # prefix of the object: wikidata, SIREN, INSEE.COM, CPV, epo, schema…
    value: str  # the object's local part (a SIREN, a QID, a CPV code without check digit…)
    notation: str  # the identifier as written in its scheme (CPV with its check digit)
    object: str  # IRI the CURIE expands to

    @property
    def single_secondary(self) -> bool:
        """Whether the row says its only source is one secondary source."""
        return self.row.other().get("evidence") == SINGLE_SECONDARY


@dataclass(frozen=True)
class Duplicate:
    """One object (a SIREN, a Wikidata item) that several subjects are mapped to."""

    target: str
    value: str
    mappings: tuple[Mapping, ...]


@dataclass
class Mappings:
    """Every checked mapping of the curated sets, and what a curator should look at."""

    sets: list[MappingSet] = field(default_factory=list)
    mappings: list[Mapping] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)


def check_data_row(row: MappingRow, set_name: str, known: set[str], seen: dict[str, MappingRow]) -> Mapping:
    """Check one row of a data mapping set; ``known`` holds the IRIs of the graph's resources."""
    record = check_record(row, seen)
    check_common(row, DATA_PREDICATES)
    subject_kind, subject_local = split(row.get("subject_id"))
    target, value = split(row.get("object_id"))
    _check_target(row, subject_kind, target)
    subject = expand(row.get("subject_id"))
    if subject not in known:
        raise fail(
            row,
            "subject_id",
            f"{row.get('subject_id')} is not a resource of the graph",
            "use an id of data/organisations.csv, data/places.csv, or the domain and case ids of data/*.ttl",
        )
    notation = _cpv_notation(row, value) if target == "CPV" else value
    _check_identifier(row, target, value, notation)
    return Mapping(
        row,
        set_name,
        record,
        subject,
        subject_kind,
        subject_local,
        expand(row.get("predicate_id")),
        target,
        value,
        notation,
        expand(row.get("object_id")),
    )


def _check_target(row: MappingRow, subject_kind: str, target: str) -> None:
    """The object is an identifier we map to, of a scheme that describes this kind of subject."""
    if target not in SUBJECTS_OF:
        raise fail(
            row,
            "object_id",
            f"{row.get('object_id')!r} is not an identifier we map to",
            f"use one of the prefixes {', '.join(SUBJECTS_OF)}",
        )
    if subject_kind not in SUBJECTS_OF[target]:
        raise fail(
            row,
            "subject_id",
            f"a {SCHEMES[target].label} is for {' or '.join(SUBJECTS_OF[target])} subjects, "
            f"not {subject_kind or 'this'} subjects",
            "map the organisation (SIREN) or the territory (INSEE code) it belongs to "
            "(data/mappings/README.md)",
        )


def _cpv_notation(row: MappingRow, value: str) -> str:
    """The CPV code with its check digit, from ``other`` (``notation=NNNNNNNN-N``), agreeing with value."""
    notation = row.other().get("notation", "")
    match = CPV_NOTATION.fullmatch(notation)
    if not match:
        raise fail(
            row,
            "other",
            "a CPV row needs its code with check digit in other, as notation=NNNNNNNN-N",
            "copy the code from the CPV list, e.g. notation=09310000-5",
        )
    if match.group(1) != value:
        raise fail(
            row,
            "other",
            f"notation {notation} is not the code of {row.get('object_id')}",
            "make them agree",
        )
    return notation


def _check_identifier(row: MappingRow, target: str, value: str, notation: str) -> None:
    """The identifier is well formed in its scheme; a CPV label is the list's."""
    wrong = problem(target, notation)
    if wrong:
        raise fail(
            row,
            "object_id" if target != "CPV" else "other",
            wrong,
            f"give a well-formed {SCHEMES[target].label}",
        )
    if target == "CPV" and row.get("object_label"):
        from .cpv import cpv_list

        entry = cpv_list()[value]
        if row.get("object_label") not in (entry.label_fr, entry.label_en):
            raise fail(
                row,
                "object_label",
                f"object_label is not the label of {notation} in the CPV 2008 list",
                f"copy it from the list: {entry.label_fr!r} (fr) or {entry.label_en!r} (en)",
            )


def check_alignment_row(row: MappingRow, known_terms: set[str], seen: dict[str, MappingRow]) -> Mapping:
    """Check one row of the ontology alignment (our terms → ePO, schema.org)."""
    record = check_record(row, seen)
    check_common(row, ALIGNMENT_PREDICATES)
    subject_kind, subject_local = split(row.get("subject_id"))
    target, value = split(row.get("object_id"))
    if subject_kind != "akg":
        raise fail(row, "subject_id", "an alignment row maps one of our terms", "write akg:<Term>")
    if expand(row.get("subject_id")) not in known_terms:
        raise fail(
            row, "subject_id", f"{row.get('subject_id')} is not declared in the ontology", "fix the term name"
        )
    if target not in ("epo", "schema"):
        raise fail(
            row,
            "object_id",
            f"{row.get('object_id')!r} is not an ePO or schema.org term",
            "use epo: or schema:",
        )
    return Mapping(
        row,
        row.path.name,
        record,
        expand(row.get("subject_id")),
        "akg",
        subject_local,
        expand(row.get("predicate_id")),
        target,
        value,
        value,
        expand(row.get("object_id")),
    )


def find_duplicates(mappings: Iterable[Mapping]) -> list[Duplicate]:
    """Objects (SIREN, SIRET, Wikidata item) that two or more subjects are mapped to."""
    by_object: dict[tuple[str, str], list[Mapping]] = defaultdict(list)
    for mapping in mappings:
        if mapping.target in UNIQUE_TARGETS:
            by_object[(mapping.target, mapping.value)].append(mapping)
    duplicates = []
    for (target, value), group in sorted(by_object.items()):
        if len({m.subject for m in group}) > 1:
            duplicates.append(Duplicate(target, value, tuple(sorted(group, key=lambda m: m.subject))))
    return duplicates


def load_mappings(paths: Iterable[Path], known: set[str]) -> Mappings:
    """Read and check the curated data mapping sets; ``known`` holds the IRIs of the graph's resources."""
    result = Mappings()
    seen: dict[str, MappingRow] = {}
    for path in paths:
        mapping_set = read_mapping_set(path)
        result.sets.append(mapping_set)
        result.mappings.extend(check_data_row(row, path.name, known, seen) for row in mapping_set.rows)
    result.duplicates = find_duplicates(result.mappings)
    return result


def load_alignment(path: Path, known_terms: set[str]) -> Mappings:
    """Read and check the ontology alignment (our terms → ePO and schema.org)."""
    result = Mappings()
    seen: dict[str, MappingRow] = {}
    mapping_set = read_mapping_set(path)
    result.sets.append(mapping_set)
    result.mappings.extend(check_alignment_row(row, known_terms, seen) for row in mapping_set.rows)
    return result
