"""One raw DECP item read into a Contract or a Concession (2019 or 2024 format), repairs noted."""

from __future__ import annotations

from typing import Any

from .detect import DecpFormat
from .records import Anomaly, Concession, Contract, Modification, Party, Place, Position, Record
from .stream import RawItem
from .values import Fields, source_form

CONCESSION_TYPE = "Contrat de concession"


def _flatten(items: list[Any]) -> list[Any]:
    flat: list[Any] = []
    for item in items:
        flat.extend(_flatten(item) if isinstance(item, list) else [item])
    return flat


def party(fields: Fields, obj: Any, field: str, name_key: str | None = None) -> Party | None:
    """A party from ``{typeIdentifiant, id, name_key}`` (None for an empty block)."""
    found = Party(
        fields.identifier(obj, "id", f"{field}.id"),
        fields.text(obj, "typeIdentifiant", f"{field}.typeIdentifiant"),
        fields.text(obj, name_key, f"{field}.{name_key}") if name_key else None,
    )
    return None if found == Party(None, None, None) else found


def holders(fields: Fields, obj: Any, key: str, wrapper: str, name_key: str | None) -> tuple[Party, ...]:
    """The holders of ``obj[key]``: extra arrays flattened (a repair), empty blocks reported and dropped."""
    value = fields.get(obj, key, key)
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    flat = _flatten(items)
    if any(isinstance(item, list) for item in items):
        fields.repaired(
            "nested-holders", key, value, len(flat), f"{key} are nested in extra arrays: {len(flat)} read"
        )
    found = []
    for index, item in enumerate(flat):
        if isinstance(item, dict) and set(item) == {wrapper}:
            item = item[wrapper]  # the 2024 form {"titulaire": {...}}
        holder = party(fields, item, f"{key}[{index}]", name_key)
        if holder is None:
            fields.note("empty-holder", f"{key}[{index}]", item, "an empty holder block: dropped")
        else:
            found.append(holder)
    return tuple(found)


def buyer_block(raw: dict[str, Any], key: str) -> Any:
    """The buyer's object, also when the file flattened it into an ``acheteur.id`` key."""
    if key in raw or f"{key}.id" not in raw:
        return raw.get(key)
    return {"id": raw[f"{key}.id"], "nom": raw.get(f"{key}.nom")}


def raw_uid(raw: dict[str, Any], fmt: DecpFormat, buyer_key: str) -> str | None:
    """The record's uid (the consolidated file's, else buyer SIRET + id), None when it cannot be made."""
    if fmt.consolidated and isinstance(raw.get("uid"), str) and raw["uid"].strip():
        return "".join(raw["uid"].split())
    buyer = buyer_block(raw, buyer_key)
    parts = [buyer.get("id") if isinstance(buyer, dict) else None, raw.get("id")]
    texts = ["".join(str(p).split()) for p in parts if isinstance(p, str | int) and not isinstance(p, bool)]
    if len(texts) != 2 or not all(texts) or "NC" in texts:
        return None
    return texts[0] + texts[1]


def _modification(fields: Fields, item: Any, field: str, version2: bool) -> Modification:
    body = item.get("modification", item) if version2 and isinstance(item, dict) else item
    date_key = "dateNotificationModification" if version2 else "dateSignatureModification"
    return Modification(
        id=fields.text(body, "id", f"{field}.id"),
        object=fields.text(body, "objetModification", f"{field}.objetModification"),
        signature_date=fields.date(body, date_key, f"{field}.{date_key}"),
        publication_date=fields.date(
            body, "datePublicationDonneesModification", f"{field}.datePublicationDonneesModification"
        ),
        duration_months=fields.integer(body, "dureeMois", f"{field}.dureeMois"),
        amount=fields.money(body, "montant", f"{field}.montant"),
        holders=holders(fields, body, "titulaires", "titulaire", None if version2 else "denominationSociale"),
    )


def _place(fields: Fields, raw: dict[str, Any]) -> Place | None:
    obj = fields.get(raw, "lieuExecution", "lieuExecution")
    if not isinstance(obj, dict):
        return None
    return Place(
        fields.identifier(obj, "code", "lieuExecution.code"),
        fields.text(obj, "typeCode", "lieuExecution.typeCode"),
        fields.text(obj, "nom", "lieuExecution.nom"),
    )


def _common(
    fields: Fields, raw: dict[str, Any], fmt: DecpFormat, position: Position, holder_key: str
) -> dict:
    """The fields contracts and concessions share, as keyword arguments."""
    version2 = fmt.schema == "2.0"
    mods = fields.get(raw, "modifications", "modifications") or []
    wrapper = holder_key[:-1]  # titulaires → titulaire, concessionnaires → concessionnaire
    return {
        "format": fmt.name,
        "position": position,
        "uid": fields.uid,
        "id": fields.identifier(raw, "id", "id") or fields.uid,
        "source": fields.text(raw, "source", "source"),
        "nature": fields.text(raw, "nature", "nature"),
        "object": fields.text(raw, "objet", "objet"),
        "procedure": fields.text(raw, "procedure", "procedure"),
        "place": _place(fields, raw),
        "duration_months": fields.integer(raw, "dureeMois", "dureeMois"),
        "publication_date": fields.date(raw, "datePublicationDonnees", "datePublicationDonnees"),
        "holders": holders(fields, raw, holder_key, wrapper, None if version2 else "denominationSociale"),
        "modifications": tuple(
            _modification(fields, item, f"modifications[{i}]", version2)
            for i, item in enumerate(mods if isinstance(mods, list) else [mods])
        ),
        "social": fields.strings(
            raw, "considerationsSociales", "considerationSociale", "considerationsSociales"
        ),
        "environmental": fields.strings(
            raw,
            "considerationsEnvironnementales",
            "considerationEnvironnementale",
            "considerationsEnvironnementales",
        ),
    }


def _buyer(fields: Fields, raw: dict[str, Any], key: str) -> Party:
    block = buyer_block(raw, key)
    if key not in raw and isinstance(block, dict):
        fields.repaired(
            "flattened-key", f"{key}.id", block.get("id"), block.get("id"), f"'{key}.id' read as {key}"
        )
    found = party(fields, block, key, "nom") or Party(None, None)
    return Party(found.id, "SIRET", found.name)


def contract(fields: Fields, raw: dict[str, Any], fmt: DecpFormat, position: Position) -> Contract:
    """A contract (marché) of either format."""
    return Contract(
        **_common(fields, raw, fmt, position, "titulaires"),
        buyer=_buyer(fields, raw, "acheteur"),
        cpv=fields.identifier(raw, "codeCPV", "codeCPV"),
        notification_date=fields.date(raw, "dateNotification", "dateNotification"),
        amount=fields.money(raw, "montant", "montant", 1 if fmt.schema == "2.0" else 0),
        price_form=fields.text(raw, "formePrix", "formePrix"),
        price_types=fields.strings(raw, "typesPrix", "typePrix", "typesPrix"),
        techniques=fields.strings(raw, "techniques", "technique", "techniques"),
        execution_modes=fields.strings(raw, "modalitesExecution", "modaliteExecution", "modalitesExecution"),
        framework_id=fields.text(raw, "idAccordCadre", "idAccordCadre"),
        innovative=fields.boolean(raw, "marcheInnovant", "marcheInnovant"),
        advance=fields.boolean(raw, "attributionAvance", "attributionAvance"),
        advance_rate=fields.number(raw, "tauxAvance", "tauxAvance"),
        subcontracting_declared=fields.boolean(raw, "sousTraitanceDeclaree", "sousTraitanceDeclaree"),
        ccag=fields.text(raw, "ccag", "ccag"),
        offers_received=fields.integer(raw, "offresRecues", "offresRecues"),
        grouping=fields.text(raw, "typeGroupementOperateurs", "typeGroupementOperateurs"),
        origin_eu=fields.number(raw, "origineUE", "origineUE"),
        origin_france=fields.number(raw, "origineFrance", "origineFrance"),
        repairs=tuple(fields.repairs),  # last: every field above is read by then
    )


def concession(fields: Fields, raw: dict[str, Any], fmt: DecpFormat, position: Position) -> Concession:
    """A concession contract of either format."""
    return Concession(
        **_common(fields, raw, fmt, position, "concessionnaires"),
        authority=_buyer(fields, raw, "autoriteConcedante"),
        signature_date=fields.date(raw, "dateSignature", "dateSignature"),
        start_date=fields.date(raw, "dateDebutExecution", "dateDebutExecution"),
        value=fields.money(raw, "valeurGlobale", "valeurGlobale"),
        public_subsidy=fields.money(raw, "montantSubventionPublique", "montantSubventionPublique"),
        repairs=tuple(fields.repairs),  # last: every field above is read by then
    )


def is_concession(item: RawItem) -> bool:
    """True for a concession: in the 2024 concession array, or a 2019 record of that type."""
    raw = item.value
    if item.array == "contrat-concession":
        return True
    return isinstance(raw, dict) and (raw.get("_type") == CONCESSION_TYPE or "autoriteConcedante" in raw)


def read_record(item: RawItem, fmt: DecpFormat, anomalies: list[Anomaly]) -> Record | None:
    """The record of one raw item, or None (reported) when it cannot be identified at all."""
    position = Position(item.array, item.index)
    concession_item = is_concession(item)
    buyer_key = "autoriteConcedante" if concession_item else "acheteur"
    uid = raw_uid(item.value, fmt, buyer_key) if isinstance(item.value, dict) else None
    if uid is None:
        where = f"{item.array}[{item.index}]"
        anomalies.append(
            Anomaly("unidentifiable", None, where, source_form(item.value)[:200], "no id and buyer: dropped")
        )
        return None
    fields = Fields(uid, anomalies)
    given = item.value.get("uid") if fmt.consolidated else None
    if isinstance(given, str) and given.strip() and given != uid:
        fields.repaired("identifier-whitespace", "uid", given, uid, f"uid has white space: read as {uid}")
    build = concession if concession_item else contract
    return build(fields, item.value, fmt, position)
