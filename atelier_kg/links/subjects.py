"""What the data say about the subjects of link suggestions: who lacks a Wikidata link, under which
names, of which type, where — read from the checked sources (:func:`atelier_kg.sources.load_sources`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from atelier_kg.sources import SourceData

EXACT = "skos:exactMatch"

#: Wikidata classes an organisation of each of our types is an instance of (through P31/P279*).
#: Authorities (région, département, commune, EPCI) have none: the item of their territory goes
#: to the place, and no class of their councils is checked here.
ORG_CLASSES: dict[str, tuple[str, ...]] = {
    "entreprise": ("Q4830453",),
    "conseil": ("Q4830453",),
    "association": ("Q48204", "Q163740"),
    "agence-etat": ("Q327333",),
    "enseignement-recherche": ("Q38723", "Q31855"),
    "etablissement-culturel": ("Q33506",),
    "laboratoire": ("Q31855", "Q483242"),
}
#: Wikidata classes of our places by kind (an EPCI is found by its code, P1616).
PLACE_CLASSES: dict[str, tuple[str, ...]] = {
    "region": ("Q36784",),
    "departement": ("Q6465",),
    "commune": ("Q484170",),
}
#: The Wikidata property stating each INSEE code, by the CURIE prefix of our curated rows.
INSEE_PROPERTIES = {
    "INSEE.COM": ("P374", "INSEE municipality code"),
    "INSEE.DEP": ("P2586", "INSEE department code"),
    "INSEE.REG": ("P2585", "INSEE region code"),
    "INSEE.EPCI": ("P1616", "SIREN, the code of an EPCI"),
}
KIND_OF_PREFIX = {
    "INSEE.COM": "commune",
    "INSEE.DEP": "departement",
    "INSEE.REG": "region",
    "INSEE.EPCI": "epci",
}


@dataclass
class Subject:
    """An organisation or a place that may get a Wikidata link."""

    curie: str
    label: str
    kind: str = ""
    names: list[str] = field(default_factory=list)
    classes: tuple[str, ...] = ()
    places: list[str] = field(default_factory=list)  # our place ids, nearest first


@dataclass
class Curated:
    """What the curated mapping sets already say."""

    linked: dict[str, str] = field(default_factory=dict)  # subject → wikidata object
    items: dict[str, str] = field(default_factory=dict)  # subject → the QID of that object
    owner: dict[str, str] = field(default_factory=dict)  # wikidata object → subject
    sirens: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # subject → (SIREN, record)
    insee: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)  # → (prefix, code, record)


def read_curated(data: SourceData) -> Curated:
    """The Wikidata links, SIRENs and INSEE codes of the curated sets (``mappings/*.sssom.tsv``)."""
    curated = Curated()
    for mapping in data.mappings.mappings:
        row = mapping.row
        subject, obj = row.get("subject_id"), row.get("object_id")
        if mapping.target == "wikidata":
            curated.linked.setdefault(subject, obj)
            curated.items.setdefault(subject, mapping.value)
            curated.owner.setdefault(obj, subject)
        elif row.get("predicate_id") != EXACT:
            continue
        elif mapping.target == "SIREN":
            curated.sirens.setdefault(subject, []).append((mapping.value, row.get("record_id")))
        elif mapping.target in INSEE_PROPERTIES:
            curated.insee.setdefault(subject, []).append(
                (mapping.target, mapping.value, row.get("record_id"))
            )
    return curated


def _ancestors(place: str, within: dict[str, str]) -> list[str]:
    chain, seen = [], set()
    while place and place not in seen:
        seen.add(place)
        chain.append(place)
        place = within.get(place, "")
    return chain


def read_subjects(data: SourceData, curated: Curated) -> tuple[list[Subject], list[Subject]]:
    """The places and the organisations of the data, with their names, classes and places."""
    place_rows = data.tables["places.csv"]
    within = {r.get("id"): r.get("within") for r in place_rows}
    places = []
    for row in place_rows:
        curie = f"place:{row.get('id')}"
        kind = row.get("kind") or next((KIND_OF_PREFIX[p] for p, _, _ in curated.insee.get(curie, [])), "")
        label = row.get("pref_label")
        places.append(
            Subject(
                curie,
                label,
                kind,
                [label],
                PLACE_CLASSES.get(kind, ()),
                _ancestors(within.get(row.get("id"), ""), within),
            )
        )
    variants: dict[str, list[str]] = {}
    for row in data.tables["organisation_names.csv"]:
        variants.setdefault(row.get("organisation"), []).append(row.get("name"))
    located: dict[str, list[str]] = {}
    for row in data.tables["organisation_places.csv"]:
        located.setdefault(row.get("organisation"), []).append(row.get("place"))
    organisations = []
    for row in data.tables["organisations.csv"]:
        key = row.get("id")
        names = [n for n in [row.get("pref_label"), *variants.get(key, [])] if n]
        own = [p for p in [*located.get(key, []), row.get("area")] if p]
        chains = [a for p in own for a in _ancestors(p, within)]
        organisations.append(
            Subject(
                f"organisation:{key}",
                row.get("pref_label"),
                row.get("type"),
                list(dict.fromkeys(names)),
                ORG_CLASSES.get(row.get("type"), ()),
                list(dict.fromkeys(chains)),
            )
        )
    return places, organisations
