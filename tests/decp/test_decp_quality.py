"""Each quirk of decp.md: repaired when unambiguous (source form kept), else flagged; never invented."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from atelier_kg.decp import KINDS, Anomaly, Party, Repair, load_decp

DATA = Path(__file__).resolve().parents[1] / "data" / "decp"
TODAY = date(2026, 12, 1)  # the day future dates are judged against
RENNES = "21350238800019"


@pytest.fixture(scope="module")
def quirks_2019():
    return load_decp(DATA / "quirks-2019.json", today=TODAY)


@pytest.fixture(scope="module")
def quirks_2024():
    return load_decp(DATA / "quirks-2024.json", today=TODAY)


def by_id(result, record_id: str):
    return next(r for r in result.records if r.id == record_id)


def found(result, kind: str) -> list[tuple[str | None, str, str]]:
    return [(a.uid, a.field, a.source_form) for a in result.anomalies if a.kind == kind]


#: Every anomaly of quirks-2019.json, worked out by hand from the file: (kind, uid, field, source form).
EXPECTED_2019 = {
    ("not-communicated", RENNES + "Q-NC", "procedure", "NC"),
    ("not-communicated", RENNES + "Q-NC", "lieuExecution.nom", "NC"),
    ("not-communicated", RENNES + "Q-NC", "montant", "NC"),
    (
        "nested-holders",
        RENNES + "Q-NESTED",
        "titulaires",
        '[[{"typeIdentifiant":"SIRET","id":"81223113200026","denominationSociale":"Garami SARL"}],'
        '[[{"typeIdentifiant":"TVA","id":"DE814864138","denominationSociale":"Hellman Gmbh"}]]]',
    ),
    ("identifier-whitespace", RENNES + "Q-SPACE", "uid", RENNES + " Q-SPACE"),
    ("identifier-whitespace", RENNES + "Q-SPACE", "acheteur.id", "213 502 388 00019"),
    ("identifier-whitespace", RENNES + "Q-SPACE", "titulaires[0].id", "812 231 132 00026"),
    ("bad-siret", RENNES + "Q-SIRET", "titulaires[0].id", "123456"),
    ("bad-siret", RENNES + "Q-SIRET", "titulaires[1].id", "81223113200027"),
    ("amount-above-ceiling", RENNES + "Q-CEILING", "montant", "1E+17"),
    ("future-date", RENNES + "Q-FUTURE", "dateNotification", "2031-01-06"),
    ("notified-after-publication", RENNES + "Q-FUTURE", "dateNotification", "2031-01-06"),
    ("notified-after-publication", RENNES + "Q-AFTER", "dateNotification", "2021-05-10"),
    ("holder-is-buyer", RENNES + "Q-SELF", "titulaires[0].id", RENNES),
    ("bad-date", RENNES + "Q-DATES", "dateNotification", "0002-11-30"),
    ("bad-date", RENNES + "Q-DATES", "datePublicationDonnees", "September, 16 2021 00:00:00"),
    ("not-a-number", RENNES + "Q-NAN", "montant", "NaN"),
    ("empty-holder", RENNES + "Q-EMPTY", "titulaires[0]", "{}"),
    ("flattened-key", RENNES + "Q-FLAT", "acheteur.id", RENNES),
    ("duplicate", RENNES + "Q-DUP", "uid", RENNES + "Q-DUP"),
    ("duplicate-conflict", RENNES + "Q-CONFLICT", "uid", RENNES + "Q-CONFLICT"),
    ("unidentifiable", None, "marches[16]", '{"_type":"Marché","objet":"Ni uid, ni id, ni acheteur"}'),
}


def test_every_2019_anomaly_is_listed_with_uid_field_and_source_form(quirks_2019) -> None:
    listed = [(a.kind, a.uid, a.field, a.source_form) for a in quirks_2019.anomalies]
    assert len(listed) == len(set(listed))
    assert set(listed) == EXPECTED_2019


def test_every_2024_anomaly_is_listed(quirks_2024) -> None:
    listed = {(a.kind, a.uid, a.field, a.source_form) for a in quirks_2024.anomalies}
    bools, falses = "20005226400013Q24BOOL", "20005226400013Q24FALSE"
    lists = "20005226400013Q24LIST"  # 2019 values in a 2024 file: kept as given, flagged
    assert listed == {
        ("boolean-as-text", bools, "marcheInnovant", "non"),
        ("boolean-as-text", bools, "attributionAvance", "oui"),
        ("boolean-as-text", bools, "sousTraitanceDeclaree", "true"),
        ("not-communicated", bools, "ccag", "NC"),
        ("out-of-range", bools, "offresRecues", "0"),
        ("boolean-as-text", falses, "marcheInnovant", "false"),
        ("not-in-list", lists, "nature", "Accord-cadre"),
        ("not-in-list", lists, "formePrix", "Ferme"),
        ("not-in-list", lists, "codeCPV", "7731300"),
        ("not-in-list", lists, "titulaires[0].typeIdentifiant", "UE"),
    }


def test_every_kind_has_a_legend(quirks_2019, quirks_2024) -> None:
    kinds = {a.kind for a in quirks_2019.anomalies + quirks_2024.anomalies}
    assert kinds <= set(KINDS)
    assert all(isinstance(a, Anomaly) and a.message for a in quirks_2019.anomalies)


def test_nc_is_no_value_and_its_source_form_is_kept(quirks_2019) -> None:
    record = by_id(quirks_2019, "Q-NC")
    assert (record.amount, record.procedure, record.place.name) == (None, None, None)
    assert set(record.repairs) == {
        Repair("procedure", "NC", None),
        Repair("lieuExecution.nom", "NC", None),
        Repair("montant", "NC", None),
    }


def test_boolean_strings_are_booleans_with_their_source_form(quirks_2024) -> None:
    record = by_id(quirks_2024, "Q24BOOL")
    assert (record.innovative, record.advance, record.subcontracting_declared) == (False, True, True)
    assert Repair("marcheInnovant", "non", False) in record.repairs
    assert Repair("attributionAvance", "oui", True) in record.repairs
    assert Repair("sousTraitanceDeclaree", "true", True) in record.repairs
    assert by_id(quirks_2024, "Q24FALSE").innovative is False
    assert record.ccag is None and record.offers_received is None
    assert record.advance_rate == Decimal(0)


def test_nested_holders_are_flattened(quirks_2019) -> None:
    record = by_id(quirks_2019, "Q-NESTED")
    assert record.holders == (
        Party("81223113200026", "SIRET", "Garami SARL"),
        Party("DE814864138", "TVA", "Hellman Gmbh"),
    )
    (repair,) = record.repairs
    assert repair.field == "titulaires" and repair.source_form.startswith("[[{")


def test_whitespace_is_removed_from_identifiers(quirks_2019) -> None:
    record = by_id(quirks_2019, "Q-SPACE")
    assert record.buyer.id == RENNES
    assert record.uid == RENNES + "Q-SPACE"
    assert Repair("uid", RENNES + " Q-SPACE", RENNES + "Q-SPACE") in record.repairs
    assert record.holders[0].id == "81223113200026"
    assert Repair("acheteur.id", "213 502 388 00019", RENNES) in record.repairs
    assert Repair("titulaires[0].id", "812 231 132 00026", "81223113200026") in record.repairs


def test_flattened_buyer_key_is_read_as_the_buyer(quirks_2019) -> None:
    record = by_id(quirks_2019, "Q-FLAT")
    assert record.buyer == Party(RENNES, "SIRET", None)


def test_doubtful_values_are_left_out_or_kept_never_invented(quirks_2019) -> None:
    assert by_id(quirks_2019, "Q-CEILING").amount is None
    assert by_id(quirks_2019, "Q-NAN").amount is None
    dates = by_id(quirks_2019, "Q-DATES")
    assert (dates.notification_date, dates.publication_date) == (None, None)
    bad = by_id(quirks_2019, "Q-SIRET")
    assert [h.id for h in bad.holders] == ["123456", "81223113200027"]  # kept as given, flagged
    assert by_id(quirks_2019, "Q-FUTURE").notification_date == date(2031, 1, 6)  # kept, flagged
    assert by_id(quirks_2019, "Q-SELF").holders[0].id == RENNES
    assert by_id(quirks_2019, "Q-EMPTY").holders == (Party("81223113200026", "SIRET", "Garami SARL"),)


def test_duplicates_are_kept_and_the_unidentifiable_record_dropped(quirks_2019) -> None:
    ids = [r.id for r in quirks_2019.records]
    assert ids.count("Q-DUP") == 2 and ids.count("Q-CONFLICT") == 2
    assert len(quirks_2019.records) == 16  # 17 items, the last one dropped
    assert [r.amount for r in quirks_2019.records if r.id == "Q-CONFLICT"] == [Decimal(50000), Decimal(55000)]


def test_values_off_their_list_are_kept(quirks_2024) -> None:
    record = by_id(quirks_2024, "Q24LIST")
    assert (record.nature, record.price_form, record.cpv) == ("Accord-cadre", "Ferme", "7731300")
    assert record.holders == (Party("DE814864138", "UE"),)


def test_future_dates_are_judged_against_the_given_day() -> None:
    later = load_decp(DATA / "quirks-2019.json", today=date(2031, 6, 1))
    assert not [a for a in later.anomalies if a.kind == "future-date"]
