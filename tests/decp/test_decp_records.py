"""Every field of a record, read from the hand-written fixtures; expected values copied from their text."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from atelier_kg.decp import Concession, Contract, Modification, Party, Place, Position, load_decp, read_decp

DATA = Path(__file__).resolve().parents[1] / "data" / "decp"
GARAMI = Party("81223113200026", "SIRET", "Garami SARL")
HELLMAN = Party("DE814864138", "TVA", "Hellman Gmbh")
#: The Région Grand Est's SIRET, whose SIREN 200052264 is the atelier's (data/mappings/siren.sssom.tsv).
GRAND_EST_SIRET = "20005226400013"


def test_2019_consolidated_contract_every_field() -> None:
    result = load_decp(DATA / "consolidated-2019.json")
    assert result.anomalies == ()
    rennes = result.records[0]
    assert isinstance(rennes, Contract)
    assert rennes == Contract(
        format="2019-consolidated",
        position=Position("marches", 0),
        uid="213502388000192010-3452112",
        id="2010-3452112",
        source="fixture-a",
        nature="Accord-cadre",
        object="Entretien des jardins municipaux",
        procedure="Procédure adaptée",
        place=Place("35238", "Code commune", "Rennes"),
        duration_months=24,
        publication_date=date(2007, 8, 19),
        holders=(GARAMI, HELLMAN),
        modifications=(),
        social=(),
        environmental=(),
        repairs=(),
        buyer=Party("21350238800019", "SIRET", "Ville de Rennes"),
        cpv="77313000",
        notification_date=date(2007, 8, 13),
        amount=Decimal(127000),
        price_form="Ferme et actualisable",
        price_types=(),
        techniques=(),
        execution_modes=(),
        framework_id=None,
        innovative=None,
        advance=None,
        advance_rate=None,
        subcontracting_declared=None,
        ccag=None,
        offers_received=None,
        grouping=None,
        origin_eu=None,
        origin_france=None,
    )


def test_2019_modification_and_atelier_buyer() -> None:
    grand_est = load_decp(DATA / "consolidated-2019.json").records[1]
    assert grand_est.buyer == Party(GRAND_EST_SIRET, "SIRET", "REGION GRAND EST")
    assert grand_est.buyer.siren == "200052264"
    assert grand_est.uid == "200052264000132019-GE-0001"
    assert grand_est.amount == Decimal("850000.50")
    assert grand_est.cpv == "50720000-8"
    assert grand_est.place == Place("67", "Code département", "Bas-Rhin")
    assert grand_est.modifications == (
        Modification(
            id=None,
            object="Avenant 1 : prolongation",
            signature_date=date(2020, 2, 1),
            publication_date=date(2020, 2, 10),
            duration_months=54,
            amount=Decimal(900000),
            holders=(),
        ),
    )


def test_2019_concession_every_field() -> None:
    nord = load_decp(DATA / "consolidated-2019.json").records[2]
    assert isinstance(nord, Concession)
    assert nord.position == Position("marches", 2)
    assert nord.uid == "225900018012442018-DSP-01"
    assert nord.authority == nord.buyer == Party("22590001801244", "SIRET", "DEPARTEMENT DU NORD")
    assert (nord.nature, nord.object, nord.procedure) == (
        "Délégation de service public",
        "Exploitation du réseau de transport départemental",
        "Procédure négociée ouverte",
    )
    assert nord.place == Place("59", "Code département", "Nord")
    assert nord.duration_months == 84
    assert (nord.signature_date, nord.publication_date, nord.start_date) == (
        date(2018, 6, 1),
        date(2018, 6, 20),
        date(2018, 9, 1),
    )
    assert (nord.value, nord.public_subsidy) == (Decimal(12000000), Decimal(500000))
    assert nord.holders == (GARAMI,)


def test_2019_buyer_file_has_no_uid_field_and_gets_one() -> None:
    result = load_decp(DATA / "buyer-2019.json")
    (record,) = result.records
    assert record.format == "2019-buyer"
    assert record.source is None
    assert record.uid == "213502388000192010-3452112"  # buyer SIRET followed by id, as decp.md says


def test_2024_contract_every_field() -> None:
    result = load_decp(DATA / "contracts-2024.json")
    assert result.anomalies == ()
    record = result.records[0]
    assert isinstance(record, Contract)
    assert record.format == "2024"
    assert record.position == Position("marche", 0)
    assert (record.uid, record.id, record.source) == ("200052264000132024GE0001", "2024GE0001", None)
    assert record.buyer == Party(GRAND_EST_SIRET, "SIRET", None)
    assert (record.nature, record.object, record.cpv, record.procedure) == (
        "Marché",
        "Entretien des espaces verts des lycées",
        "77313000",
        "Procédure adaptée",
    )
    assert record.techniques == ("Accord-cadre",)
    assert record.execution_modes == ("Tranches", "Bons de commande")
    assert record.framework_id == "AC2023GE17"
    assert (record.innovative, record.advance, record.subcontracting_declared) == (False, True, False)
    assert record.advance_rate == Decimal("0.05")
    assert record.ccag == "Fournitures courantes et services"
    assert record.offers_received == 4
    assert (record.origin_eu, record.origin_france) == (Decimal("0.9"), Decimal("0.6"))
    assert record.grouping == "Pas de groupement"
    assert record.place == Place("67000", "Code postal", None)
    assert record.duration_months == 36
    assert (record.notification_date, record.publication_date) == (date(2024, 2, 12), date(2024, 3, 1))
    assert record.amount == Decimal(240000)
    assert record.price_types == ("Définitif révisable",)
    assert record.price_form == "Unitaire"
    assert record.holders == (Party("81223113200026", "SIRET"), Party("DE814864138", "TVA"))
    assert record.social == ("Clause sociale",)
    assert record.environmental == ("Critère environnemental",)
    assert record.modifications == (
        Modification(
            id="1",
            object=None,
            signature_date=date(2024, 9, 1),
            publication_date=date(2024, 9, 10),
            duration_months=40,
            amount=Decimal(260000),
            holders=(Party("81223113200026", "SIRET"),),
        ),
    )
    assert record.repairs == ()


def test_2024_concession_every_field() -> None:
    record = load_decp(DATA / "contracts-2024.json").records[1]
    assert isinstance(record, Concession)
    assert record.position == Position("contrat-concession", 0)
    assert record.uid == "225900018012442024DSP01"
    assert record.authority == Party("22590001801244", "SIRET")
    assert (record.nature, record.object, record.procedure) == (
        "Concession de service",
        "Exploitation des aires de covoiturage",
        "Procédure négociée ouverte",
    )
    assert record.place == Place("59350", "Code commune")
    assert record.duration_months == 120
    assert (record.signature_date, record.publication_date, record.start_date) == (
        date(2024, 4, 2),
        date(2024, 5, 1),
        date(2024, 7, 1),
    )
    assert (record.value, record.public_subsidy) == (Decimal(3500000), Decimal(0))
    assert record.holders == (Party("81223113200026", "SIRET"),)
    assert record.social == ("Pas de considération sociale",)
    assert record.environmental == ("Clause environnementale",)


def test_records_are_immutable() -> None:
    record = load_decp(DATA / "buyer-2019.json").records[0]
    with pytest.raises(FrozenInstanceError):
        record.amount = Decimal(1)  # type: ignore[misc]


def test_an_atelier_buyer_is_in_the_fixtures() -> None:
    """The Région Grand Est buys in both formats; its SIREN is the atelier's (the join of a later slice)."""
    mappings = (Path(__file__).resolve().parents[2] / "data" / "mappings" / "siren.sssom.tsv").read_text(
        "utf-8"
    )
    assert "organisation:region-grand-est\tRégion Grand Est\tskos:exactMatch\tSIREN:200052264" in mappings
    for name in ("consolidated-2019.json", "contracts-2024.json"):
        sirens = {r.buyer.siren for r in load_decp(DATA / name).records}
        assert "200052264" in sirens


def test_reading_again_starts_the_anomalies_afresh() -> None:
    decp = read_decp(DATA / "quirks-2024.json")
    first = len(list(decp.records())), list(decp.anomalies)
    second = len(list(decp.records())), list(decp.anomalies)
    assert first == second and first[0] == 3
