"""The quality checks of a read record: flag, never invent. Repairs are made while reading (values)."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from functools import lru_cache
from typing import Any

from atelier_kg.sources import problem

from .records import Anomaly, Concession, Contract, Party, Record
from .values import AMOUNT_CEILING, source_form

#: Every anomaly kind, with what it means and what was done (the report's legend).
KINDS: dict[str, str] = {
    "not-communicated": 'the value "NC": read as no value (repair)',
    "boolean-as-text": 'a boolean written as "oui", "non", "true" or "false": read as a boolean (repair)',
    "nested-holders": "holders nested in extra arrays: flattened (repair)",
    "identifier-whitespace": "an identifier with white space: read without it (repair)",
    "flattened-key": "the buyer given as an 'acheteur.id' key: read as the buyer (repair)",
    "empty-holder": "an empty holder block: dropped",
    "bad-siret": "a SIRET that fails its check: kept as given, flagged",
    "amount-above-ceiling": f"an amount above {AMOUNT_CEILING:,} euros: left out",
    "not-a-number": "NaN in place of a number: left out",
    "out-of-range": "a number below the schema's minimum (e.g. offresRecues 0): left out",
    "wrong-type": "a value of the wrong JSON type: left out",
    "bad-date": "a date not in YYYY-MM-DD form, or before 1990: left out",
    "future-date": "a date after the day of reading: kept, flagged",
    "notified-after-publication": "a notification (signature) date after the publication date: kept, flagged",
    "holder-is-buyer": "a holder with the buyer's SIREN: kept, flagged",
    "duplicate": "a second record with the same uid and the same content: kept, flagged",
    "duplicate-conflict": "a second record with the same uid and other content: kept, flagged",
    "not-in-list": "a value off its schema version's list or pattern (nature, CPV…): kept, flagged",
    "unidentifiable": "a record with neither uid nor buyer and id: dropped",
}


@lru_cache(maxsize=1 << 16)
def siret_problem(value: str) -> str | None:
    """What is wrong with a SIRET (sources.identifiers' check), cached: buyers come back often."""
    return problem("SIRET", value)


def _siret(anomalies: list[Anomaly], uid: str, party: Party, field: str) -> None:
    if party.id_type == "SIRET" and party.id is not None:
        wrong = siret_problem(party.id)
        if wrong:
            anomalies.append(Anomaly("bad-siret", uid, field, party.id, wrong))


def check_identifiers(record: Record, anomalies: list[Anomaly]) -> None:
    """Flag every SIRET (buyer, holders, modifications' holders) that fails its check."""
    buyer_field = "autoriteConcedante.id" if isinstance(record, Concession) else "acheteur.id"
    _siret(anomalies, record.uid, record.buyer, buyer_field)
    key = "concessionnaires" if isinstance(record, Concession) else "titulaires"
    for index, holder in enumerate(record.holders):
        _siret(anomalies, record.uid, holder, f"{key}[{index}].id")
    for number, mod in enumerate(record.modifications):
        for index, holder in enumerate(mod.holders):
            _siret(anomalies, record.uid, holder, f"modifications[{number}].titulaires[{index}].id")


def check_dates(record: Record, today: date, anomalies: list[Anomaly]) -> None:
    """Flag dates after today, and a notification (signature) date after the publication date."""
    if isinstance(record, Contract):
        field, notified = "dateNotification", record.notification_date
    else:
        field, notified = "dateSignature", record.signature_date
    for name, value in ((field, notified), ("datePublicationDonnees", record.publication_date)):
        if value is not None and value > today:
            anomalies.append(
                Anomaly("future-date", record.uid, name, value.isoformat(), f"{name} is after {today}")
            )
    published = record.publication_date
    if notified is not None and published is not None and notified > published:
        anomalies.append(
            Anomaly(
                "notified-after-publication",
                record.uid,
                field,
                notified.isoformat(),
                f"{field} {notified} is after the publication date {published}",
            )
        )


def check_holders(record: Record, anomalies: list[Anomaly]) -> None:
    """Flag a holder that is the buyer itself (same SIREN)."""
    siren = record.buyer.siren
    key = "concessionnaires" if isinstance(record, Concession) else "titulaires"
    for index, holder in enumerate(record.holders):
        if siren is not None and holder.siren == siren:
            anomalies.append(
                Anomaly(
                    "holder-is-buyer",
                    record.uid,
                    f"{key}[{index}].id",
                    source_form(holder.id),
                    f"the holder has the buyer's SIREN {siren}",
                )
            )


def check_record(record: Record, today: date, anomalies: list[Anomaly]) -> None:
    """Every record-level check: identifiers, dates, holders."""
    check_identifiers(record, anomalies)
    check_dates(record, today, anomalies)
    check_holders(record, anomalies)


class Duplicates:
    """Finds records whose uid was seen before, telling plain duplicates from conflicting ones.

    Only 8-byte digests are kept, of each uid and of its record's content (about 100 bytes a record,
    30 MB for a year of France's contracts; a collision is unlikely below billions of records). The
    consolidated file's ``source`` is not part of the content: the same contract published by two
    platforms is the same contract.
    """

    def __init__(self) -> None:
        self.seen: dict[int, int] = {}

    def check(self, uid: str, raw: Any, anomalies: list[Anomaly]) -> None:
        """Note the record's content; report it if its uid was seen before."""
        content = {k: v for k, v in raw.items() if k != "source"} if isinstance(raw, dict) else raw
        text = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
        key, digest = _digest(uid), _digest(text)
        before = self.seen.get(key)
        if before is None:
            self.seen[key] = digest
            return
        if before == digest:
            anomalies.append(Anomaly("duplicate", uid, "uid", uid, "the same record a second time"))
        else:
            anomalies.append(
                Anomaly(
                    "duplicate-conflict", uid, "uid", uid, "a second record with this uid and other content"
                )
            )


def _digest(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")
