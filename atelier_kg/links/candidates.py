"""Candidate Wikidata items for one subject: asked of the endpoint, then scored (no file is read here).

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

from dataclasses import dataclass, field

from atelier_kg.sparql import Query, find_query

from .subjects import INSEE_PROPERTIES, Curated, Subject
from .wikidata import ENTITY, Binding, WikidataClient, item_id, truth, value

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


def name_forms(name: str) -> list[str]:
    """The forms of a name sent for an exact match: as written, all lower case, first letter upper
    and lower case, each with straight and curly apostrophes (sorted, no duplicates)."""
    base = " ".join(name.split())
    cases = {base, base.lower(), base[:1].upper() + base[1:], base[:1].lower() + base[1:]}
    forms = {f for c in cases for f in (c, c.replace("’", "'"), c.replace("'", "’"))}
    return sorted(f for f in forms if f)


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
        place_item = self.curated.items[place] if place else None  # its QID
        if not subject.classes and place_item is None:
            return []
        forms: dict[str, str] = {}
        for name in subject.names:
            for form in name_forms(name):
                forms.setdefault(form, name)
        place_iri = f"<{ENTITY}{place_item}>" if place_item else None
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
        """The scored candidate (formula in the module docstring); ``place_item``: the QID of ``place``."""
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
            + f"wd:{place_item}, the item of {place} (P131*)"
            if place and place_item
            else "no place to check"
        )
        how = "exactly" if form == name else "up to case and apostrophes"
        comment = (
            f'French {kind} "{form}" equals our name "{name}" {how}; '
            f"type: {type_text}; place: {place_text}; at {endpoint}"
        )
        return Candidate(subject, item, self.label or form, LEXICAL, min(score, LEXICAL_CAP), comment, kind)
