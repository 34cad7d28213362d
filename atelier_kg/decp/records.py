"""The values a DECP record is read into: contracts, concessions, parties, repairs and anomalies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Position:
    """Where a record stands in its file: the array (marches, marche, contrat-concession) and its index."""

    array: str
    index: int  # 0-based
    # ijson gives no byte offset per event without slowing every event down: the index is the position


@dataclass(frozen=True)
class Repair:
    """An unambiguous repair: the field (dotted path), its form in the file and the value read.

    For holders nested in extra arrays, the value is the number of holders read (they are in
    ``holders``); the source form is the whole array as JSON.
    """

    field: str
    source_form: str
    value: object


@dataclass(frozen=True)
class Anomaly:
    """One quality problem: its kind (quality.KINDS), the record's uid, the field, its form in the file."""

    kind: str
    uid: str | None
    field: str
    source_form: str
    message: str


@dataclass(frozen=True)
class Party:
    """A buyer, authority, holder or concession holder: identifier, identifier type, name (2019 only)."""

    id: str | None
    id_type: str | None  # SIRET, TVA, TAHITI, RIDET, FRWF, IREP, UE, HORS-UE
    name: str | None = None

    @property
    def siren(self) -> str | None:
        """The SIREN (first 9 digits) of a 14-digit SIRET, else None."""
        if self.id_type == "SIRET" and self.id is not None and len(self.id) == 14 and self.id.isdigit():
            return self.id[:9]
        return None


@dataclass(frozen=True)
class Place:
    """The place of execution: code, its type (Code postal, Code commune…) and name (2019 only)."""

    code: str | None
    type_code: str | None
    name: str | None = None


@dataclass(frozen=True)
class Modification:
    """A modification of a contract: new duration, amount or holders, with its dates."""

    id: str | None  # 2024: an integer in the file, kept as text
    object: str | None  # 2019 objetModification
    signature_date: date | None  # 2019 dateSignatureModification, 2024 dateNotificationModification
    publication_date: date | None
    duration_months: int | None
    amount: Decimal | None
    holders: tuple[Party, ...]


@dataclass(frozen=True)
class Common:
    """What contracts and concessions share."""

    format: str  # DecpFormat.name
    position: Position
    uid: str  # 2019 consolidated: its uid; else the buyer's SIRET followed by id
    id: str
    source: str | None  # 2019 consolidated only
    nature: str | None
    object: str | None
    procedure: str | None
    place: Place | None
    duration_months: int | None
    publication_date: date | None
    holders: tuple[Party, ...]
    modifications: tuple[Modification, ...]
    social: tuple[str, ...]  # 2024 considerationsSociales
    environmental: tuple[str, ...]  # 2024 considerationsEnvironnementales
    repairs: tuple[Repair, ...]


@dataclass(frozen=True)
class Contract(Common):
    """A public contract (marché), in either format; fields absent from a format are None or empty."""

    buyer: Party
    cpv: str | None
    notification_date: date | None
    amount: Decimal | None
    price_form: str | None  # 2019 Ferme…; 2024 Unitaire, Forfaitaire, Mixte
    price_types: tuple[str, ...]  # 2024
    techniques: tuple[str, ...]  # 2024
    execution_modes: tuple[str, ...]  # 2024
    framework_id: str | None  # 2024 idAccordCadre
    innovative: bool | None
    advance: bool | None
    advance_rate: Decimal | None
    subcontracting_declared: bool | None
    ccag: str | None
    offers_received: int | None
    grouping: str | None  # typeGroupementOperateurs
    origin_eu: Decimal | None
    origin_france: Decimal | None


@dataclass(frozen=True)
class Concession(Common):
    """A concession contract (contrat de concession), in either format."""

    authority: Party  # autoriteConcedante
    signature_date: date | None
    start_date: date | None  # dateDebutExecution
    value: Decimal | None  # valeurGlobale
    public_subsidy: Decimal | None  # montantSubventionPublique

    @property
    def buyer(self) -> Party:
        """The granting authority, under the name the contracts use."""
        return self.authority


Record = Contract | Concession
