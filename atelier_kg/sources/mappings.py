"""What the curated mapping sets say: each row checked and turned into a :class:`Mapping`.

A row is rejected (file, line, column, fix) when its identifier is malformed, its subject is not
in the graph, its predicate or justification is not one we publish, or it cites no source. Two
subjects mapped to the same SIREN or Wikidata item are not an error of the file (the register or
Wikidata may be at fault) but are reported: :attr:`Mappings.duplicates`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from atelier_kg.errors import SourceError

from .identifiers import SCHEMES, problem
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
#: The SEMAPV justifications the SSSOM schema accepts (sssom-schema 1.1).
JUSTIFICATIONS = tuple(
    f"semapv:{term}"
    for term in (
        "ManualMappingCuration",
        "MappingReview",
        "LexicalMatching",
        "LogicalReasoning",
        "CompositeMatching",
        "UnspecifiedMatching",
        "SemanticSimilarityThresholdMatching",
        "LexicalSimilarityThresholdMatching",
        "MappingChaining",
        "MappingInversion",
        "StructuralMatching",
        "InstanceBasedMatching",
        "BackgroundKnowledgeBasedMatching",
    )
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
URL = re.compile(r"https?://[^\s<>\"{}|\\^`]+")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
CPV_NOTATION = re.compile(r"([0-9]{8})-[0-9]")


@dataclass(frozen=True)
class Mapping:
    """One checked mapping row."""

    row: MappingRow
    set_name: str
    record: str  # IRI of the mapping record
    subject: str  # IRI
    subject_kind: str  # organisation | place | domain | case | akg
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


def _fail(row: MappingRow, column: str, problem_text: str, fix: str) -> SourceError:
    return SourceError(row.location(column), problem_text, fix)


def _check_common(row: MappingRow, predicates: tuple[str, ...]) -> None:
    if row.get("predicate_modifier"):
        raise _fail(
            row,
            "predicate_modifier",
            "a negative mapping (predicate_modifier Not) is not published",
            "keep rejected links in mappings/review/rejected.sssom.tsv (atelier-kg link reject)",
        )
    predicate = row.get("predicate_id")
    if predicate == "owl:sameAs":
        raise _fail(
            row,
            "predicate_id",
            "owl:sameAs is not written in a mapping set",
            "use skos:exactMatch; the build decides which links become owl:sameAs (docs/model.md)",
        )
    if predicate not in predicates:
        raise _fail(
            row,
            "predicate_id",
            f"predicate {predicate!r} is not allowed",
            f"use one of {', '.join(predicates)}",
        )
    justification = row.get("mapping_justification")
    if justification not in JUSTIFICATIONS:
        raise _fail(
            row,
            "mapping_justification",
            f"{justification!r} is not a SEMAPV justification the SSSOM schema accepts",
            "use semapv:ManualMappingCuration for a curated row (others: "
            + ", ".join(JUSTIFICATIONS[1:4])
            + "…)",
        )
    if not row.get("comment") and not row.see_also():
        raise _fail(
            row,
            "comment",
            "the row cites no source",
            "say in comment (and see_also, for a URL) which source states this link; "
            "unsourced links are not recorded",
        )
    for url in row.see_also():
        if not URL.fullmatch(url):
            raise _fail(row, "see_also", f"{url!r} is not an http(s) URL", "separate URLs with |, no spaces")
    if not row.get("author_label"):
        raise _fail(row, "author_label", "author_label is blank", "name who made the row")
    for column in ("mapping_date", "review_date"):
        value = row.get(column)
        if value:
            try:
                if not DATE.fullmatch(value):
                    raise ValueError
                date.fromisoformat(value)
            except ValueError:
                raise _fail(row, column, f"{column} {value!r} is not a date", "write YYYY-MM-DD") from None
    if not row.get("mapping_date"):
        raise _fail(row, "mapping_date", "mapping_date is blank", "give the day the row was made, YYYY-MM-DD")
    confidence = row.get("confidence")
    if confidence:
        try:
            ok = 0.0 <= float(confidence) <= 1.0
        except ValueError:
            ok = False
        if not ok:
            raise _fail(
                row, "confidence", f"confidence {confidence!r} is not a number from 0 to 1", "e.g. 0.95"
            )
    if row.get("reviewer_label") and not row.get("review_date"):
        raise _fail(row, "review_date", "a reviewer without a review date", "give review_date, YYYY-MM-DD")


def _record(row: MappingRow, seen: dict[str, MappingRow]) -> str:
    record_id = row.get("record_id")
    prefix, local = split(record_id)
    if prefix != "akgmap" or not local:
        raise _fail(
            row,
            "record_id",
            f"record_id {record_id!r} is not an akgmap: CURIE",
            "write akgmap:<set>-<subject>",
        )
    if record_id in seen:
        first = seen[record_id]
        raise _fail(
            row,
            "record_id",
            f"record_id {record_id} is used twice (first in {first.path.name} line {first.line})",
            "give each row its own record_id",
        )
    seen[record_id] = row
    return expand(record_id)


def check_data_row(row: MappingRow, set_name: str, known: set[str], seen: dict[str, MappingRow]) -> Mapping:
    """Check one row of a data mapping set; ``known`` holds the IRIs of the graph's resources."""
    record = _record(row, seen)
    _check_common(row, DATA_PREDICATES)
    subject_kind, subject_local = split(row.get("subject_id"))
    target, value = split(row.get("object_id"))
    if target not in SUBJECTS_OF:
        raise _fail(
            row,
            "object_id",
            f"{row.get('object_id')!r} is not an identifier we map to",
            f"use one of the prefixes {', '.join(SUBJECTS_OF)}",
        )
    if subject_kind not in SUBJECTS_OF[target]:
        raise _fail(
            row,
            "subject_id",
            f"a {SCHEMES[target].label} is for {' or '.join(SUBJECTS_OF[target])} subjects, "
            f"not {subject_kind or 'this'} subjects",
            "map the organisation (SIREN) or the territory (INSEE code) it belongs to "
            "(data/mappings/README.md)",
        )
    subject = expand(row.get("subject_id"))
    if subject not in known:
        raise _fail(
            row,
            "subject_id",
            f"{row.get('subject_id')} is not a resource of the graph",
            "use an id of data/organisations.csv, data/places.csv, or the domain and case ids of data/*.ttl",
        )
    notation = value
    if target == "CPV":
        notation = row.other().get("notation", "")
        match = CPV_NOTATION.fullmatch(notation)
        if not match:
            raise _fail(
                row,
                "other",
                "a CPV row needs its code with check digit in other, as notation=NNNNNNNN-N",
                "copy the code from the CPV list, e.g. notation=09310000-5",
            )
        if match.group(1) != value:
            raise _fail(
                row,
                "other",
                f"notation {notation} is not the code of {row.get('object_id')}",
                "make them agree",
            )
    wrong = problem(target, notation)
    if not wrong and target == "CPV" and row.get("object_label"):
        from .cpv import cpv_list

        entry = cpv_list()[value]
        if row.get("object_label") not in (entry.label_fr, entry.label_en):
            raise _fail(
                row,
                "object_label",
                f"object_label is not the label of {notation} in the CPV 2008 list",
                f"copy it from the list: {entry.label_fr!r} (fr) or {entry.label_en!r} (en)",
            )
    if wrong:
        raise _fail(
            row,
            "object_id" if target != "CPV" else "other",
            wrong,
            f"give a well-formed {SCHEMES[target].label}",
        )
    return Mapping(
        row,
        set_name,
        record,
        subject,
        subject_kind,
        expand(row.get("predicate_id")),
        target,
        value,
        notation,
        expand(row.get("object_id")),
    )


def check_alignment_row(row: MappingRow, known_terms: set[str], seen: dict[str, MappingRow]) -> Mapping:
    """Check one row of the ontology alignment (our terms → ePO, schema.org)."""
    record = _record(row, seen)
    _check_common(row, ALIGNMENT_PREDICATES)
    subject_kind, _ = split(row.get("subject_id"))
    target, value = split(row.get("object_id"))
    if subject_kind != "akg":
        raise _fail(row, "subject_id", "an alignment row maps one of our terms", "write akg:<Term>")
    if expand(row.get("subject_id")) not in known_terms:
        raise _fail(
            row, "subject_id", f"{row.get('subject_id')} is not declared in the ontology", "fix the term name"
        )
    if target not in ("epo", "schema"):
        raise _fail(
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
