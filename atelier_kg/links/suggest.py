"""Candidate Wikidata links for the organisations and places that have none: proposed, never published.

``suggest`` reads ``data/`` (the tables and the curated mapping sets), asks a Wikidata-shaped
endpoint through :class:`atelier_kg.wikidata.WikidataClient` and writes the candidates to
``data/mappings/review/candidates.sssom.tsv``, a file the build never reads. A curator reviews
them and moves the good ones into the curated sets with ``link accept`` (:mod:`atelier_kg.linkaccept`).

Two routes, the first that finds something wins for a subject:

1. **A shared identifier** (``semapv:BackgroundKnowledgeBasedMatching``, confidence 0.95): an organisation
   whose SIREN is curated (object ``SIREN:…``) and an item stating that SIREN (P1616); a place
   whose INSEE code is curated and an item stating it (P374 commune, P2586 département, P2585
   région, P1616 for an EPCI, whose code is its SIREN). Two registers agree on an official
   number, which is strong evidence; it is 0.95 and not 1 because Wikidata statements are open
   to anyone's edits and the curated number may rest on a single secondary source (the same
   0.95 the curated rows use for a primary source).
2. **A French label or alias** (``semapv:LexicalMatching``): an item whose ``rdfs:label`` or
   ``skos:altLabel`` in French equals one of the subject's names (``pref_label`` and, for an
   organisation, its variants in ``organisation_names.csv``), case and apostrophes aside.
   Score, in hundredths so sums are exact: 0.5 for a label (0.4 for an alias), + 0.2 when the
   item is an instance (P31/P279*) of a class fitting the subject's type (:data:`ORG_CLASSES`,
   :data:`PLACE_CLASSES`), + 0.2 when it lies (P131*) within the Wikidata item curated for the
   subject's place (the nearest one up the ``within`` chain), capped at 0.9 — a name never counts
   as much as an identifier. A match with neither a fitting type nor a fitting place is dropped
   (a bare name is no evidence: homonyms, disambiguation pages), so a subject with no class and
   no place to check is not searched by name at all.

Never proposed: an item already curated for another subject (it would be a duplicate), and for
an organisation an item proposed for a place in the same run (the territory carries the item,
its authority does not: the two are distinct resources). A subject with a curated Wikidata row,
of any predicate, is not searched.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from atelier_kg.errors import UsageError
from atelier_kg.sources.load import load_sources
from atelier_kg.sources.sssom import MappingRow, read_mapping_set, row_cells, split, write_mapping_set
from atelier_kg.sparql.library import Query, find_query

from .subjects import (
    INSEE_PROPERTIES,
    Curated,
    Subject,
    read_curated,
    read_subjects,
)
from .wikidata import DEFAULT_ENDPOINT, ENTITY, TIMEOUT, Binding, WikidataClient, item_id, truth, value

#: At most this many candidates per subject and run: the best few are what a reviewer reads.
DEFAULT_LIMIT = 3
AUTHOR = "atelier-kg link suggest"
EXACT = "skos:exactMatch"
CROSS_REFERENCE = "semapv:BackgroundKnowledgeBasedMatching"
LEXICAL = "semapv:LexicalMatching"
#: Confidence of a shared-identifier match, in hundredths (see the module docstring).
IDENTIFIER_SCORE = 95
LABEL_SCORE, ALIAS_SCORE, TYPE_BONUS, PLACE_BONUS, LEXICAL_CAP = 50, 40, 20, 20, 90

CLASS_LABELS = {
    "Q4830453": "business",
    "Q48204": "voluntary association",
    "Q163740": "nonprofit organization",
    "Q327333": "government agency",
    "Q38723": "higher education institution",
    "Q31855": "research institute",
    "Q33506": "museum",
    "Q483242": "laboratory",
    "Q36784": "région of France",
    "Q6465": "département of France",
    "Q484170": "commune of France",
}
WDT = "http://www.wikidata.org/prop/direct/"


def candidates_path(data_dir: Path) -> Path:
    """Where ``link suggest`` writes and ``link accept`` reads: ``mappings/review/candidates.sssom.tsv``."""
    return data_dir / "mappings" / "review" / "candidates.sssom.tsv"


def rejected_path(data_dir: Path) -> Path:
    """Where rejected candidates are kept: ``mappings/review/rejected.sssom.tsv`` (not built)."""
    return data_dir / "mappings" / "review" / "rejected.sssom.tsv"


def rejected_pairs(data_dir: Path) -> set[tuple[str, str]]:
    """The (subject, object) pairs a reviewer rejected."""
    path = rejected_path(data_dir)
    if not path.is_file():
        return set()
    return {(row.get("subject_id"), row.get("object_id")) for row in read_mapping_set(path).rows}


def record_id(subject: str, obj: str) -> str:
    """``akgmap:candidate-<10 hex>``: the first 10 hex digits of SHA-256 of ``subject|object`` (stable)."""
    return f"akgmap:candidate-{hashlib.sha256(f'{subject}|{obj}'.encode()).hexdigest()[:10]}"


def candidates_metadata(today: date) -> dict[str, str]:
    """The metadata block of the candidates file."""
    return {
        "mapping_set_id": "https://w3id.org/atelier-kg/mappings/review/candidates.sssom.tsv",
        "mapping_set_title": "Candidate links to Wikidata, not reviewed",
        "mapping_set_description": (
            "Written by `atelier-kg link suggest`; never built. Review each row, then move the good ones "
            "into the curated sets with `atelier-kg link accept ID --reviewer NAME`."
        ),
        "license": "https://opensource.org/licenses/MIT",
        "mapping_set_version": today.isoformat(),
    }


def name_forms(name: str) -> list[str]:
    """The forms of a name sent for an exact match: as written, all lower case, first letter upper
    and lower case, each with straight and curly apostrophes (sorted, no duplicates)."""
    base = " ".join(name.split())
    cases = {base, base.lower(), base[:1].upper() + base[1:], base[:1].lower() + base[1:]}
    forms = {f for c in cases for f in (c, c.replace("’", "'"), c.replace("'", "’"))}
    return sorted(f for f in forms if f)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _score_text(hundredths: int) -> str:
    return f"{hundredths / 100:g}"


# ---- candidates --------------------------------------------------------------------------------


@dataclass
class Candidate:
    """One proposed link: subject → Wikidata item, with its evidence and score (hundredths)."""

    subject: Subject
    item: str
    item_label: str
    justification: str
    score: int
    comment: str
    match: str

    def row(self, endpoint: str, today: date) -> dict[str, str]:
        """The candidate as a row of the candidates file."""
        obj = f"wikidata:{self.item}"
        return {
            "record_id": record_id(self.subject.curie, obj),
            "subject_id": self.subject.curie,
            "subject_label": _one_line(self.subject.label),
            "predicate_id": EXACT,
            "object_id": obj,
            "object_label": _one_line(self.item_label),
            "mapping_justification": self.justification,
            "author_label": AUTHOR,
            "mapping_date": today.isoformat(),
            "confidence": _score_text(self.score),
            "see_also": endpoint,
            "comment": _one_line(self.comment),
            "other": f"match={self.match}",
        }


class Suggester:
    """Asks the endpoint about each subject and collects the candidates (one subject at a time)."""

    def __init__(
        self, client: WikidataClient, curated: Curated, rejected: set[tuple[str, str]] = frozenset()
    ) -> None:
        self.client = client
        self.curated = curated
        self.rejected = rejected
        self.by_siren: Query = find_query("link/items-by-siren")
        self.by_insee: Query = find_query("link/territories-by-insee")
        self.by_label: Query = find_query("link/items-by-label")
        self.place_items: set[str] = set()

    def _free(self, subject: Subject, item: str) -> bool:
        if (subject.curie, f"wikidata:{item}") in self.rejected:
            return False  # a reviewer said no
        owner = self.curated.owner.get(f"wikidata:{item}")
        if owner is not None and owner != subject.curie:
            return False
        return not (subject.curie.startswith("organisation:") and item in self.place_items)

    def by_identifier(self, subject: Subject) -> list[Candidate]:
        """Items stating the subject's curated SIREN (organisations) or INSEE code (places)."""
        endpoint = self.client.endpoint
        found: dict[str, Candidate] = {}
        if subject.curie.startswith("organisation:"):
            asks = [
                ("P1616", "SIREN", siren, rec, {"siren": siren}, self.by_siren)
                for siren, rec in self.curated.sirens.get(subject.curie, [])
            ]
        else:
            asks = []
            for prefix, code, rec in self.curated.insee.get(subject.curie, []):
                prop, what = INSEE_PROPERTIES[prefix]
                params = {"code": code, "property": f"<{WDT}{prop}>"}
                asks.append((prop, what, code, rec, params, self.by_insee))
        for prop, what, code, rec, params, query in asks:
            for binding in self.client.select(query, [params]):
                item = item_id(value(binding, "item"))
                if item is None or item in found or not self._free(subject, item):
                    continue
                comment = (
                    f"Wikidata states {prop} ({what}) = {code} for wd:{item} at {endpoint}; "
                    f"the same code is curated for {subject.curie} ({rec})"
                )
                match = "siren" if subject.curie.startswith("organisation:") else "insee"
                found[item] = Candidate(
                    subject,
                    item,
                    value(binding, "label") or "",
                    CROSS_REFERENCE,
                    IDENTIFIER_SCORE,
                    comment,
                    match,
                )
        return list(found.values())

    def by_name(self, subject: Subject) -> list[Candidate]:
        """Items whose French label or alias is one of the subject's names, scored by type and place."""
        place = next((f"place:{p}" for p in subject.places if f"place:{p}" in self.curated.linked), None)
        place_item = self.curated.linked[place] if place else None
        if not subject.classes and place_item is None:
            return []
        forms: dict[str, str] = {}
        for name in subject.names:
            for form in name_forms(name):
                forms.setdefault(form, name)
        place_iri = f"<{ENTITY}{split(place_item)[1]}>" if place_item else None
        rows = [
            {"name": form, "class": f"<{ENTITY}{cls}>" if cls else None, "place": place_iri}
            for form in sorted(forms)
            for cls in (subject.classes or (None,))
        ]
        evidence: dict[str, _Evidence] = {}
        for binding in self.client.select(self.by_label, rows):
            item = item_id(value(binding, "item"))
            if item is None or not self._free(subject, item):
                continue
            ev = evidence.setdefault(item, _Evidence())
            ev.add(binding, forms)
        out = []
        for item, ev in evidence.items():
            if not ev.classes and not ev.placed:
                continue
            out.append(ev.candidate(subject, item, place, place_item, self.client.endpoint))
        return out


@dataclass
class _Evidence:
    """What the label query says of one item for one subject."""

    label: str = ""
    matched: dict[str, tuple[str, str]] = field(default_factory=dict)  # label|alias → (form, our name)
    classes: set[str] = field(default_factory=set)
    placed: bool = False

    def add(self, binding: Binding, forms: dict[str, str]) -> None:
        """Take in one result row."""
        self.label = self.label or value(binding, "label") or ""
        kind = value(binding, "matched") or ""
        form = value(binding, "name") or ""
        if kind in ("label", "alias"):
            self.matched.setdefault(kind, (form, forms.get(form, form)))
        if truth(binding, "typeOk"):
            cls = item_id(value(binding, "class"))
            if cls:
                self.classes.add(cls)
        self.placed = self.placed or truth(binding, "placeOk")

    def candidate(
        self, subject: Subject, item: str, place: str | None, place_item: str | None, endpoint: str
    ) -> Candidate:
        """The scored candidate (see the module docstring for the formula)."""
        kind = "label" if "label" in self.matched else "alias"
        form, name = self.matched.get(kind, ("", ""))
        score = LABEL_SCORE if kind == "label" else ALIAS_SCORE
        score += TYPE_BONUS if self.classes else 0
        score += PLACE_BONUS if self.placed else 0
        fits = ", ".join(f"wd:{c} ({CLASS_LABELS.get(c, c)})" for c in sorted(self.classes))
        wanted = ", ".join(f"wd:{c}" for c in subject.classes) or "none for this type"
        type_text = f"instance of {fits} (P31/P279*)" if fits else f"not shown to fit ({wanted})"
        place_text = (
            ("within " if self.placed else "not shown within ")
            + f"wd:{split(place_item)[1]}, the item of {place} (P131*)"
            if place and place_item
            else "no place to check"
        )
        how = "exactly" if form == name else "up to case and apostrophes"
        comment = (
            f'French {kind} "{form}" equals our name "{name}" {how}; '
            f"type: {type_text}; place: {place_text}; at {endpoint}"
        )
        return Candidate(subject, item, self.label or form, LEXICAL, min(score, LEXICAL_CAP), comment, kind)


# ---- the command -------------------------------------------------------------------------------


@dataclass
class SuggestResult:
    """What ``suggest`` did: the file written, its rows, and the requests it took."""

    path: Path
    endpoint: str
    rows: list[dict[str, str]]
    proposed: int
    kept: int
    subjects: int
    requests: int
    cache_hits: int


def _confidence(row: dict[str, str]) -> float:
    try:
        return float(row.get("confidence") or 0)
    except ValueError:
        return 0.0


def _order(row: dict[str, str]) -> tuple:
    return (row.get("subject_id", ""), -_confidence(row), row.get("object_id", ""))


def _merge(
    fresh: list[dict[str, str]],
    earlier: list[MappingRow],
    curated: Curated,
    subjects: set[str],
    rejected: set[tuple[str, str]] = frozenset(),
) -> tuple[list[dict[str, str]], int]:
    """Fresh rows plus the earlier rows still unreviewed; a row found again keeps its first date."""
    rows = {row["record_id"]: row for row in fresh}
    kept = 0
    for old in earlier:
        subject, obj, rid = old.get("subject_id"), old.get("object_id"), old.get("record_id")
        if (subject, obj) in rejected:
            continue  # rejected since (by hand in the rejected set)
        if subject not in subjects or subject in curated.linked:
            continue  # gone from the data, or linked since (accepted, or curated by hand)
        if curated.owner.get(obj, subject) != subject:
            continue  # the item has been given to another subject
        if rid in rows:
            for column in ("mapping_date", "reviewer_label", "review_date"):
                if old.get(column):
                    rows[rid][column] = old.get(column)
            continue
        rows[rid] = row_cells(old)
        kept += 1
    return sorted(rows.values(), key=_order), kept


def suggest(
    data_dir: Path,
    endpoint: str | None = None,
    *,
    limit: int | None = None,
    cache_dir: Path | None = None,
    timeout: float = TIMEOUT,
    out: Path | None = None,
    today: date | None = None,
    contact: str | None = None,
    refresh: bool = False,
    sleep: Callable[[float], None] = time.sleep,
) -> SuggestResult:
    """Propose Wikidata candidates for the unlinked organisations and places; write the candidates file.

    ``limit`` caps what one run proposes per subject (default :data:`DEFAULT_LIMIT`, best first);
    unreviewed candidates of earlier runs stay in the file. Never writes a curated set. Raises
    :class:`UsageError` (bad argument, unwritable cache), :class:`EndpointError` (the endpoint
    failed) and :class:`SourceError` (a malformed table or mapping set).
    """
    limit = DEFAULT_LIMIT if limit is None else limit
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise UsageError(
            f"--limit must be a whole number of candidates per subject, at least 1 (not {limit!r})"
        )
    today = today or date.today()
    path = out or candidates_path(data_dir)
    earlier = read_mapping_set(path).rows if path.is_file() else []
    client = WikidataClient(
        endpoint or DEFAULT_ENDPOINT,
        cache_dir=cache_dir,
        timeout=timeout,
        contact=contact,
        refresh=refresh,
        sleep=sleep,
    )
    data = load_sources(data_dir)
    curated = read_curated(data)
    places, organisations = read_subjects(data, curated)
    rejected = rejected_pairs(data_dir)
    suggester = Suggester(client, curated, rejected)
    fresh: list[dict[str, str]] = []
    examined = 0
    for group in (places, organisations):  # places first: their items are not offered to authorities
        for subject in group:
            if subject.curie in curated.linked:
                continue
            examined += 1
            found = suggester.by_identifier(subject) or suggester.by_name(subject)
            if subject.curie.startswith("place:"):
                suggester.place_items.update(c.item for c in found)
            rows = sorted((c.row(client.endpoint, today) for c in found), key=_order)
            fresh.extend(rows[:limit])
    subjects = {s.curie for s in (*places, *organisations)}
    rows, kept = _merge(fresh, earlier, curated, subjects, rejected)
    write_mapping_set(path, candidates_metadata(today), rows)
    return SuggestResult(
        path, client.endpoint, rows, len(fresh), kept, examined, client.requests, client.hits
    )
