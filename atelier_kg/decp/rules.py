"""The value lists and patterns of each schema version (decp.md's tables): a value off the list is flagged."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .records import Anomaly, Contract, Record

CPV = re.compile(r"[0-9]{8}(-[0-9])?")
PLACE_TYPES = frozenset(
    "Code postal|Code commune|Code arrondissement|Code canton|Code département|Code région|Code pays".split(
        "|"
    )
)
ID_TYPES_1 = frozenset("SIRET TVA TAHITI RIDET FRWF IREP UE HORS-UE".split())
PROCEDURES_15 = frozenset(
    [
        "Procédure adaptée",
        "Appel d'offres ouvert",
        "Appel d'offres restreint",
        "Procédure avec négociation",
        "Marché passé sans publicité ni mise en concurrence préalable",
        "Dialogue compétitif",
    ]
)

#: Contract fields checked against a list, per schema family: attribute → (field in the file, values).
#: The 1.x procedure is not checked: 1.4 and 1.5 differ in exactly those values.
LISTS: dict[str, dict[str, tuple[str, frozenset[str]]]] = {
    "1.x": {
        "nature": (
            "nature",
            frozenset(["Marché", "Marché de partenariat", "Accord-cadre", "Marché subséquent"]),
        ),
        "price_form": ("formePrix", frozenset(["Ferme", "Ferme et actualisable", "Révisable"])),
    },
    "2.0": {
        "nature": (
            "nature",
            frozenset(["Marché", "Marché de partenariat", "Marché de défense ou de sécurité"]),
        ),
        "procedure": ("procedure", PROCEDURES_15),
        "price_form": ("formePrix", frozenset(["Unitaire", "Forfaitaire", "Mixte"])),
        "techniques": (
            "techniques",
            frozenset(
                [
                    "Accord-cadre",
                    "Concours",
                    "Système de qualification",
                    "Système d'acquisition dynamique",
                    "Catalogue électronique",
                    "Enchère électronique",
                    "Sans objet",
                ]
            ),
        ),
        "execution_modes": (
            "modalitesExecution",
            frozenset(["Tranches", "Bons de commande", "Marchés subséquents", "Sans objet"]),
        ),
        "ccag": (
            "ccag",
            frozenset(
                [
                    "Travaux",
                    "Maitrise d'œuvre",
                    "Fournitures courantes et services",
                    "Marchés industriels",
                    "Prestations intellectuelles",
                    "Techniques de l'information et de la communication",
                    "Pas de CCAG",
                ]
            ),
        ),
        "grouping": ("typeGroupementOperateurs", frozenset(["Conjoint", "Solidaire", "Pas de groupement"])),
        "price_types": (
            "typesPrix",
            frozenset(["Définitif ferme", "Définitif actualisable", "Définitif révisable", "Provisoire"]),
        ),
        "social": (
            "considerationsSociales",
            frozenset(["Clause sociale", "Critère social", "Marché réservé", "Pas de considération sociale"]),
        ),
        "environmental": (
            "considerationsEnvironnementales",
            frozenset(
                [
                    "Clause environnementale",
                    "Critère environnemental",
                    "Pas de considération environnementale",
                ]
            ),
        ),
    },
}
#: Fields that both contracts and concessions have (a concession's nature and prices have other lists).
SHARED = frozenset(["social", "environmental"])


def _off_list(record: Record, schema: str) -> Iterator[tuple[str, str]]:
    """(field, value) of each listed value that is not on its list."""
    for attribute, (field, allowed) in LISTS[schema].items():
        if not isinstance(record, Contract) and attribute not in SHARED:
            continue
        value = getattr(record, attribute)
        for item in value if isinstance(value, tuple) else (value,):
            if item is not None and item not in allowed:
                yield field, item


def check_rules(record: Record, schema: str, anomalies: list[Anomaly]) -> None:
    """Flag values off their schema's lists or patterns (kept as given): CPV, place, identifier types."""
    for field, value in _off_list(record, schema):
        anomalies.append(
            Anomaly("not-in-list", record.uid, field, value, f"{value!r} is not a {schema} {field}")
        )
    if isinstance(record, Contract) and record.cpv is not None and not CPV.fullmatch(record.cpv):
        anomalies.append(
            Anomaly(
                "not-in-list", record.uid, "codeCPV", record.cpv, "a CPV code is 8 digits and its check digit"
            )
        )
    if record.place is not None and record.place.type_code not in PLACE_TYPES | {None}:
        type_code = record.place.type_code or ""
        anomalies.append(
            Anomaly(
                "not-in-list", record.uid, "lieuExecution.typeCode", type_code, "not a type of place code"
            )
        )
    id_types = ID_TYPES_1 if schema == "1.x" else ID_TYPES_1 - {"UE"}
    key = "titulaires" if isinstance(record, Contract) else "concessionnaires"
    for index, holder in enumerate(record.holders):
        if holder.id_type is not None and holder.id_type not in id_types:
            field = f"{key}[{index}].typeIdentifiant"
            anomalies.append(
                Anomaly("not-in-list", record.uid, field, holder.id_type, f"not a {schema} identifier type")
            )
