"""The tables of a synthetic network: organisations, persons, jobs, roles, sessions, attendance.

Everything comes from one ``random.Random(seed)`` and the word lists of ``vocab.py``; no set or
dict is iterated in an order that depends on hashing, so a seed always gives the same rows.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import vocab

# Calibrated on the real build: triples of atelier.nt ~= FIXED_TRIPLES + persons * ratio.
TRIPLES_PER_PERSON = 34.6
FIXED_TRIPLES = 1050

SOURCE_ID = "page"
MAIN_ATELIER = "atelier"
# Sessions on or after this day are "upcoming", before it "past" (the page is of November 2021).
PAGE_DATE = dt.date(2021, 11, 15)

# Share of formal organisations of each type (the rest of the network hangs on them).
TYPE_WEIGHTS: dict[str, int] = {
    "commune": 26,
    "epci": 12,
    "entreprise": 24,
    "conseil": 7,
    "association": 7,
    "enseignement-recherche": 5,
    "laboratoire": 5,
    "etablissement-culturel": 5,
    "agence-etat": 4,
    "centre-ressources": 5,
}
PUBLIC_TYPES = ("region", "departement", "commune", "epci", "agence-etat")
ANIMATOR_TYPES = ("centre-ressources", "laboratoire", "conseil", "association")


@dataclass(frozen=True)
class Plan:
    """How many of each thing to generate."""

    persons: int
    departements: int
    formal: int
    units: int
    ateliers: int
    clubs: int
    actions: int
    group_purchases: int
    sessions: int
    themes: int
    cases: int
    statements: int
    episodes: int


def plan_for(triples: int | None = None, persons: int | None = None) -> Plan:
    """Entity counts for about ``triples`` triples (or exactly ``persons`` persons)."""
    if persons is None:
        if triples is None:
            raise ValueError("give triples or persons")
        persons = round((triples - FIXED_TRIPLES) / TRIPLES_PER_PERSON)
    p = max(persons, 20)
    return Plan(
        persons=p,
        departements=min(sum(map(len, vocab.DEPARTEMENTS.values())), max(6, p // 40)),
        formal=max(20, p // 4),
        units=max(4, p // 20),
        ateliers=max(2, p // 150),
        clubs=max(2, p // 200),
        actions=max(1, p // 400),
        group_purchases=max(1, p // 300),
        sessions=max(6, p // 8),
        themes=max(4, p // 60),
        cases=max(4, p // 20),
        statements=max(4, p // 100),
        episodes=max(1, p // 500),
    )


def normalise(name: str) -> str:
    """The key two names collide on: casefold, accents stripped, punctuation and spaces removed."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


def slugify(text: str) -> str:
    """ASCII lower-case slug with hyphens."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


@dataclass
class Org:
    """An organisation, unit or collaboration with its written name variants."""

    id: str
    kind: str
    label: str
    type: str = ""
    parent: str = ""
    area: str = ""
    founded: str = ""
    variants: list[str] = field(default_factory=list)

    def written_forms(self) -> list[str]:
        return [self.label, *self.variants]


class Names:
    """Organisation names already given out, keyed by their normalised form."""

    def __init__(self) -> None:
        self._owner: dict[str, str] = {}

    def free(self, name: str, owner: str = "") -> bool:
        return self._owner.get(normalise(name), owner) == owner

    def claim(self, name: str, owner: str) -> None:
        self._owner[normalise(name)] = owner


class Generator:
    """Builds every table of a synthetic network from one seeded RNG."""

    def __init__(self, plan: Plan, seed: int) -> None:
        self.plan = plan
        self.rng = random.Random(seed)
        self.names = Names()
        self.slugs: set[str] = set()
        self.orgs: list[Org] = []
        self.places: list[tuple[str, str]] = []
        self.depts: list[tuple[str, str, str, str]] = []  # slug, name, with preposition, région
        self.links: list[tuple[str, str, str]] = []
        self.persons: list[dict[str, str]] = []
        self.person_names: list[dict[str, str]] = []
        self.jobs: list[dict[str, str]] = []
        self.roles: list[tuple[str, str, str]] = []  # person, role, atelier
        self.ateliers: list[Org] = []
        self.sessions: list[dict[str, str]] = []
        self.attendance: list[tuple[str, str]] = []

    # -- helpers -------------------------------------------------------------------------------

    def _unique_slug(self, base: str) -> str:
        slug, n = base, 1
        while slug in self.slugs:
            n += 1
            slug = f"{base}-{n}"
        self.slugs.add(slug)
        return slug

    def _town(self) -> str:
        base = self.rng.choice(vocab.TOWN_BASES)
        if self.rng.random() < 0.8:
            return base + self.rng.choice(vocab.TOWN_QUALIFIERS)
        return base

    def _root(self) -> str:
        n = self.rng.choice((2, 2, 3))
        return "".join(self.rng.choice(vocab.SYLLABLES) for _ in range(n)).capitalize()

    def _acronym(self) -> str:
        letters = "ABCDEFGHIJKLMNOPRSTUVZ"
        return "".join(self.rng.choice(letters) for _ in range(self.rng.randint(3, 6)))

    def _region(self) -> tuple[str, str]:
        return self.rng.choice(vocab.REGIONS)

    def _dept(self) -> tuple[str, str, str, str]:
        return self.rng.choice(self.depts)

    def _add_org(
        self,
        kind: str,
        candidates: Iterable[tuple[str, list[str]]],
        org_id: str = "",
        **attrs: str,
    ) -> Org:
        """Add an organisation under the first candidate name no other organisation uses."""
        for label, variants in candidates:
            if not self.names.free(label):
                continue
            org_id = self._unique_slug(org_id or slugify(label)[:60].strip("-"))
            org = Org(id=org_id, kind=kind, label=label, **attrs)
            self.names.claim(label, org.id)
            for variant in variants:
                if variant != label and variant not in org.variants and self.names.free(variant, org.id):
                    self.names.claim(variant, org.id)
                    org.variants.append(variant)
            self.orgs.append(org)
            return org
        raise RuntimeError(f"no free name for a {kind}")

    def _case_variants(self, label: str) -> list[str]:
        """Written forms in capitals or lower case, as participants type them."""
        out = []
        if self.rng.random() < 0.3:
            out.append(label.upper())
        if self.rng.random() < 0.3:
            out.append(label[0].lower() + label[1:])
        if self.rng.random() < 0.1:
            out.append(label.lower())
        return out

    def _retry(self, make, tries: int = 40, fallback=None) -> Iterable[tuple[str, list[str]]]:
        for _ in range(tries):
            yield make()
        while fallback is not None:
            yield fallback()

    # -- places and organisations --------------------------------------------------------------

    def make_places(self) -> None:
        for slug, label in vocab.REGIONS:
            self.places.append((slug, label))
        all_depts = [
            (slugify(name), name, prep, region)
            for region, depts in vocab.DEPARTEMENTS.items()
            for name, prep in depts
        ]
        self.depts = self.rng.sample(all_depts, self.plan.departements)
        self.depts.sort()
        for slug, name, _prep, _region in self.depts:
            self.places.append((slug, name))

    def make_public_bodies(self) -> None:
        for slug, label in vocab.REGIONS:
            name = f"Région {label}"
            variants = [f"Conseil régional {label}", *self._case_variants(name)]
            self._add_org("formal", [(name, variants)], type="region", area=slug)
        for slug, _name, prep, _region in self.depts:
            name = f"Département {prep}"
            variants = [
                f"Conseil départemental {prep}",
                f"Département {prep.lower()}",
                *self._case_variants(name),
            ]
            self._add_org("formal", [(name, variants)], type="departement", area=slug)

    def _name_for(self, org_type: str) -> tuple[str, list[str]]:
        """A candidate name and variants for a formal organisation of ``org_type``."""
        rng = self.rng
        if org_type == "commune":
            town = self._town()
            name = f"{rng.choice(('Ville', 'Commune'))} de {town}"
            return name, [f"Mairie de {town}", *self._case_variants(name)]
        if org_type == "epci":
            town = self._town()
            long, short = rng.choice(
                (
                    ("Communauté d'agglomération de", "CA de"),
                    ("Communauté de communes de", "CC de"),
                    ("Communauté urbaine de", "CU de"),
                    ("Métropole de", "Métropole"),
                )
            )
            name = f"{long} {town}"
            return name, [f"{short} {town}", *self._case_variants(name)]
        if org_type == "agence-etat":
            _slug, region = self._region()
            _dslug, _dname, prep, _r = self._dept()
            name = rng.choice(
                (
                    f"ADEME {region}",
                    f"DREAL {region}",
                    f"DRAAF {region}",
                    f"Direction départementale des territoires {prep}",
                    f"Préfecture {prep}",
                    f"Rectorat de {self._town()}",
                )
            )
            return name, self._case_variants(name)
        if org_type == "enseignement-recherche":
            town = self._town()
            name = rng.choice(
                (
                    f"Université de {town}",
                    f"École nationale supérieure de {town}",
                    f"IUT de {town}",
                    f"École des mines de {town}",
                    f"Lycée agricole de {town}",
                )
            )
            return name, self._case_variants(name)
        if org_type == "laboratoire":
            acronym = self._acronym()
            return f"Laboratoire {acronym}", [acronym, f"laboratoire {acronym}"]
        if org_type == "etablissement-culturel":
            town = self._town()
            name = rng.choice(
                (
                    f"Musée de {town}",
                    f"Médiathèque de {town}",
                    f"Théâtre de {town}",
                    f"Scène nationale de {town}",
                    f"Maison de la culture de {town}",
                )
            )
            return name, self._case_variants(name)
        if org_type == "entreprise":
            root, sector = self._root(), rng.choice(vocab.SECTORS)
            name = f"{root} {sector}"
            return name, [
                f"{name} {rng.choice(vocab.LEGAL_FORMS)}",
                f"Société {name}",
                *self._case_variants(name),
            ]
        if org_type == "conseil":
            name = rng.choice(
                (
                    f"{self._root()} Conseil",
                    f"Cabinet {rng.choice(vocab.FAMILY_NAMES)}",
                    f"{self._acronym()} Consultants",
                )
            )
            return name, self._case_variants(name)
        if org_type == "association":
            _slug, region = self._region()
            name = rng.choice(
                (
                    f"Association {self._root()}",
                    f"Réseau {self._root()} {region}",
                    f"Collectif {self._root()}",
                )
            )
            return name, self._case_variants(name)
        if org_type == "centre-ressources":
            root = self._root()
            name = f"Centre de ressources {root}"
            return name, [root.upper(), *self._case_variants(name)]
        raise ValueError(org_type)

    def make_formal_orgs(self) -> None:
        types = list(TYPE_WEIGHTS)
        weights = list(TYPE_WEIGHTS.values())
        for _ in range(self.plan.formal):
            org_type = self.rng.choices(types, weights)[0]
            kind = "organisation" if org_type in ("laboratoire", "conseil") else "formal"
            area = self._dept()[0] if org_type in ("commune", "epci") else ""
            founded = str(self.rng.randint(1950, 2020)) if self.rng.random() < 0.3 else ""

            def fallback(org_type: str = org_type) -> tuple[str, list[str]]:
                label = self._name_for(org_type)[0]
                return f"{label} {self._acronym()}", []

            self._add_org(
                kind,
                self._retry(lambda t=org_type: self._name_for(t), fallback=fallback),
                type=org_type,
                area=area,
                founded=founded,
            )

    def make_units(self) -> None:
        parents = [o for o in self.orgs if o.type in PUBLIC_TYPES]
        units: list[Org] = []
        for _ in range(self.plan.units):
            if units and self.rng.random() < 0.2:
                parent = self.rng.choice(units)
            else:
                parent = self.rng.choice(parents)

            def candidate(parent: Org = parent) -> tuple[str, list[str]]:
                unit = self.rng.choice(vocab.UNIT_NAMES)
                name = f"{unit} — {parent.label}"
                return name, [f"{unit} ({parent.label})", *self._case_variants(name)]

            def fallback(parent: Org = parent) -> tuple[str, list[str]]:
                return f"Mission {self._acronym()} — {parent.label}", []

            units.append(self._add_org("unit", self._retry(candidate, 10, fallback), parent=parent.id))

    def make_collaborations(self) -> None:
        rng = self.rng
        main = self._add_org(
            "atelier",
            [
                (
                    "Atelier national commande publique & EFC (réseau synthétique)",
                    ["Atelier Commande publique", "atelier commande publique & EFC"],
                )
            ],
            org_id=MAIN_ATELIER,  # the build ties roles and sessions to id:org/atelier
            founded="2018",
        )
        by_type: dict[str, list[Org]] = {}
        for org in self.orgs:
            by_type.setdefault(org.type, []).append(org)
        animators = [o for t in ANIMATOR_TYPES for o in by_type.get(t, [])]
        formal = [o for o in self.orgs if o.kind in ("formal", "organisation")]
        members_pool = formal + [o for o in self.orgs if o.kind == "unit"]

        def link(subject: Org, relation: str, obj: Org) -> None:
            triple = (subject.id, relation, obj.id)
            if triple not in seen:
                seen.add(triple)
                self.links.append(triple)

        seen: set[tuple[str, str, str]] = set()
        for animator in rng.sample(animators, 2):
            link(animator, "animates", main)

        def collab(kind: str, make, n_animators: int, n_members: tuple[int, int]) -> Org:
            region_slug, _ = self._region()

            def fallback() -> tuple[str, list[str]]:
                return f"{make(region_slug)[0]} {self._acronym()}", []

            org = self._add_org(
                kind,
                self._retry(lambda: make(region_slug), 20, fallback),
                area=region_slug,
                founded=str(rng.randint(2008, 2021)),
            )
            for animator in rng.sample(animators, n_animators):
                link(animator, "animates", org)
            for member in rng.sample(members_pool, rng.randint(*n_members)):
                link(member, "member", org)
            return org

        regions = dict(vocab.REGIONS)

        def atelier_name(region: str) -> tuple[str, list[str]]:
            name = f"Atelier {rng.choice(vocab.ATELIER_TOPICS)} {regions[region]}"
            return name, self._case_variants(name)

        def club_name(region: str) -> tuple[str, list[str]]:
            name = rng.choice(
                (
                    f"Club EFC {regions[region]}",
                    f"Club {self._acronym()} {regions[region]}",
                    f"Club des acheteurs responsables {self._dept()[2]}",
                )
            )
            return name, self._case_variants(name)

        def action_name(region: str) -> tuple[str, list[str]]:
            acronym = self._acronym()
            return f"Action {acronym} {regions[region]}", [f"action {acronym}", acronym + "-P"]

        self.ateliers = [main]
        for _ in range(self.plan.ateliers):
            self.ateliers.append(collab("atelier", atelier_name, rng.randint(1, 2), (3, 6)))
        for _ in range(self.plan.clubs):
            collab("club", club_name, 1, (4, 10))
        for _ in range(self.plan.actions):
            action = collab("action", action_name, rng.randint(0, 1), (2, 5))
            link(rng.choice(animators), "carries", action)

        initiators = by_type.get("epci", []) + by_type.get("departement", [])
        clubs = [o for o in self.orgs if o.kind == "club"]
        for _ in range(self.plan.group_purchases):
            lead = rng.choice(initiators)

            def gp_name(region: str, lead: Org = lead) -> tuple[str, list[str]]:
                domain = rng.choice(vocab.DOMAINS)[0].lower()
                return f"Groupement d'achat « {domain} » — {lead.label}", []

            gp = collab("group-purchase", gp_name, 0, (2, 6))
            link(lead, "initiates", gp)
            if rng.random() < 0.3:
                link(rng.choice(clubs), "initiates", gp)

    # -- persons -------------------------------------------------------------------------------

    def _person_name(self, taken: set[str]) -> tuple[str, str]:
        rng = self.rng
        while True:
            given = rng.choice(vocab.GIVEN_NAMES)
            if rng.random() < 0.1:
                given = f"{rng.choice(vocab.GIVEN_PREFIXES)}-{given}"
            family = rng.choice(vocab.FAMILY_NAMES)
            if rng.random() < 0.2:
                family = f"{family}-{rng.choice(vocab.FAMILY_NAMES)}"
            key = normalise(given + "|" + family)
            if key not in taken:
                taken.add(key)
                return given, family

    def _as_written(self, given: str, family: str) -> tuple[str, str]:
        r = self.rng.random()
        if r < 0.35:
            family = family.upper()
        elif r < 0.40:
            family = family.lower()
        r = self.rng.random()
        if r < 0.10:
            given = given.lower()
        elif r < 0.14:
            given = given.upper()
        return given, family

    def make_persons(self) -> None:
        rng = self.rng
        taken_names: set[str] = set()
        taken_ids: set[str] = set()
        employers = [o for o in self.orgs if o.kind in ("formal", "organisation", "unit")]
        # cumulative weights once: rng.choices would sum them again at every call
        cum_weights = list(itertools.accumulate(1 if o.kind == "unit" else 4 for o in employers))
        for _ in range(self.plan.persons):
            pid = f"{rng.getrandbits(32):08x}"
            while pid in taken_ids:
                pid = f"{rng.getrandbits(32):08x}"
            taken_ids.add(pid)
            given, family = self._person_name(taken_names)
            w_given, w_family = self._as_written(given, family)
            description = ""
            if rng.random() < 0.03:
                description = (
                    f"{rng.choice(vocab.JOB_TITLES).lower()}, spécialiste de "
                    f"{rng.choice(vocab.ATELIER_TOPICS)}"
                )
            self.persons.append(
                {"id": pid, "family_name": w_family, "given_name": w_given, "description": description}
            )
            if rng.random() < 0.08:
                other = (
                    unicodedata.normalize("NFKD", family).encode("ascii", "ignore").decode()
                    if rng.random() < 0.5
                    else family.upper()
                )
                if (given, other) != (w_given, w_family):
                    self.person_names.append({"person": pid, "family_name": other, "given_name": given})
            self._jobs(pid, employers, cum_weights)
            self._roles(pid)

    def _title(self) -> str:
        rng = self.rng
        if rng.random() < 0.1:
            return "" if rng.random() < 0.7 else " "
        title = rng.choice(vocab.JOB_TITLES)
        r = rng.random()
        if r < 0.05:
            title = title.upper()
        elif r < 0.2:
            title = title[0].lower() + title[1:]
        elif r < 0.25:
            title = title.replace(" ", "  ", 1) + " "  # spaces the build cleans
        elif r < 0.28:
            title = title.replace(" ", "\u00a0", 1)
        return title

    def _jobs(self, pid: str, employers: Sequence[Org], cum_weights: Sequence[int]) -> None:
        rng = self.rng
        if rng.random() < 0.03:
            written = rng.choice(("Indépendante", "Indépendant", "indépendant", ""))
            self.jobs.append(
                {
                    "person": pid,
                    "organisation": "",
                    "organisation_as_written": written,
                    "job_title": self._title(),
                    "self_employed": "true",
                }
            )
            return
        n_jobs = 2 if rng.random() < 0.12 else 1
        chosen: list[Org] = []
        while len(chosen) < n_jobs:
            org = rng.choices(employers, cum_weights=cum_weights)[0]
            if org not in chosen:
                chosen.append(org)
        for org in chosen:
            written = rng.choice(org.variants) if org.variants and rng.random() < 0.4 else org.label
            self.jobs.append(
                {
                    "person": pid,
                    "organisation": org.id,
                    "organisation_as_written": written,
                    "job_title": self._title(),
                    "self_employed": "",
                }
            )

    def _roles(self, pid: str) -> None:
        """Roles in a home atelier (the main one for a fifth of persons), some in a second one."""
        rng = self.rng
        home = self.ateliers[0] if rng.random() < 0.2 else rng.choice(self.ateliers)
        roles = [
            slug
            for slug, share in (
                ("participant", 0.92),
                ("animateur", 0.015),
                ("coordinateur", 0.01),
                ("intervenant-podcast", 0.01),
                ("presentateur-cas", 0.02),
            )
            if rng.random() < share
        ]
        for role in roles or ["participant"]:
            self.roles.append((pid, role, home.id))
        other = rng.choice(self.ateliers)
        if rng.random() < 0.1 and other is not home:
            self.roles.append((pid, "participant", other.id))

    # -- sessions ------------------------------------------------------------------------------

    @staticmethod
    def _offset(day: dt.date) -> str:
        """Paris offset: +02:00 from the last Sunday of March to the last Sunday of October."""

        def last_sunday(month: int) -> dt.date:
            d = dt.date(day.year, month, 31)
            return d - dt.timedelta(days=(d.weekday() + 1) % 7)

        return "+02:00" if last_sunday(3) <= day < last_sunday(10) else "+01:00"

    def make_sessions(self) -> None:
        rng = self.rng
        n_undated = max(2, self.plan.sessions // 20)
        for i in range(1, n_undated + 1):
            self.sessions.append(
                {
                    "id": f"past-{i}",
                    "label": f"Séance passée n° {i}",
                    "start": "",
                    "end": "",
                    "atelier": rng.choice(self.ateliers).id,
                    "timing": "past",
                    "earliest_start": f"{rng.randint(2015, 2019)}-{rng.randint(1, 12):02d}",
                }
            )
        first, span = dt.date(2016, 1, 4), (dt.date(2023, 12, 22) - dt.date(2016, 1, 4)).days
        dated: list[tuple[dt.datetime, int]] = []
        for _ in range(self.plan.sessions - n_undated):
            day = first + dt.timedelta(days=rng.randint(0, span))
            while day.weekday() >= 5:
                day += dt.timedelta(days=1)
            start = dt.datetime.combine(day, dt.time(rng.choice((9, 10, 14)), rng.choice((0, 0, 30))))
            dated.append((start, rng.choice((120, 150, 180))))
        dated.sort()
        used: set[str] = set()
        for start, minutes in dated:
            day = start.date()
            sid, n = day.isoformat(), 1
            while sid in used:
                n += 1
                sid = f"{day.isoformat()}-{n}"
            used.add(sid)
            offset = self._offset(day)
            end = start + dt.timedelta(minutes=minutes)
            self.sessions.append(
                {
                    "id": sid,
                    "label": f"Séance du {day.day} {vocab.MONTHS_FR[day.month - 1]} {day.year}",
                    "atelier": rng.choice(self.ateliers).id,
                    "start": start.isoformat() + offset,
                    "end": end.isoformat() + offset,
                    "timing": "past" if day < PAGE_DATE else "upcoming",
                    "earliest_start": "",
                }
            )

    def make_attendance(self) -> None:
        """Attendees of each dated past session, among the participants of its atelier."""
        participants: dict[str, list[str]] = {}
        for pid, role, atelier in self.roles:
            if role == "participant":
                participants.setdefault(atelier, []).append(pid)
        for session in self.sessions:
            if session["timing"] != "past" or not session["start"]:
                continue
            pool = participants.get(session["atelier"], [])
            for pid in self.rng.sample(pool, min(len(pool), self.rng.randint(5, 20))):
                self.attendance.append((pid, session["id"]))

    def run(self) -> None:
        self.make_places()
        self.make_public_bodies()
        self.make_formal_orgs()
        self.make_units()
        self.make_collaborations()
        self.make_persons()
        self.make_sessions()
        self.make_attendance()
