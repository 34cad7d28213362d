"""The Turtle files of a synthetic network, in the patterns of data/*.ttl and docs/model.md.

Only the own class of each resource is written (``a akg:Theme``): the build materialises the
standard superclasses, as it does for the real data.
"""

from __future__ import annotations

from collections.abc import Sequence

import vocab
from synth_tables import MAIN_ATELIER, SOURCE_ID, Generator, slugify

ID = "https://w3id.org/atelier-kg/id/"
PREFIXES = """\
@prefix akg: <https://w3id.org/atelier-kg/def#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def lit(text: str, lang: str | None = "fr") -> str:
    """A Turtle string literal, with a language tag unless ``lang`` is None."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"@{lang}' if lang else f'"{escaped}"'


def ordinal(n: int) -> str:
    return f'"{n}"^^xsd:integer'


def iri(path: str) -> str:
    """A data IRI written in full: a slash in a prefixed name is not plain Turtle."""
    return f"<{ID}{path}>"


SOURCE = iri(f"source/{SOURCE_ID}")
ATELIER = iri(f"org/{MAIN_ATELIER}")


def resource(subject: str, cls: str, props: Sequence[tuple[str, str]]) -> str:
    """One Turtle block: the subject, its class, properties and provenance."""
    lines = [f"{subject} a {cls} ;"]
    lines += [f"    {p} {o} ;" for p, o in props]
    lines.append(f"    prov:wasDerivedFrom {SOURCE} ; dcterms:source {SOURCE} .")
    return "\n".join(lines) + "\n"


class TurtleWriter:
    """Writes concepts, cases, statements, figures and podcast of a generated network."""

    VERBS = (
        "Travailler avec",
        "Évaluer",
        "Structurer la coopération avec",
        "Associer",
        "Mobiliser",
        "Accompagner",
    )
    OBJECTS = (
        "les bons partenaires",
        "les entreprises du territoire",
        "les services de la collectivité",
        "les élus",
        "les usagers",
        "les acteurs d'une filière",
    )
    CONTEXTS = (
        "la préparation d'un marché",
        "le suivi d'un marché",
        "la sélection des offres",
        "un achat hors marché",
        "la définition du besoin",
        "un groupement d'achat",
    )

    def __init__(self, gen: Generator) -> None:
        self.gen = gen
        self.rng = gen.rng
        self.domains = [(slugify(fr), fr, en) for fr, en in vocab.DOMAINS]
        self.levers = [(slugify(fr), fr, en) for fr, en in vocab.LEVERS]

    @staticmethod
    def _scheme(slug: str, fr: str, en: str) -> str:
        return resource(
            iri(f"scheme/{slug}"),
            "skos:ConceptScheme",
            [
                ("skos:prefLabel", f"{lit(fr)}, {lit(en, 'en')}"),
                ("skos:definition", lit(f"{fr} du réseau synthétique.")),
            ],
        )

    @staticmethod
    def _concept(
        path: str,
        cls: str,
        scheme: str,
        fr: str,
        en: str,
        definition: str,
        extra: Sequence[tuple[str, str]] = (),
    ) -> str:
        return resource(
            iri(path),
            cls,
            [
                ("skos:inScheme", iri(f"scheme/{scheme}")),
                ("skos:prefLabel", f"{lit(fr)}, {lit(en, 'en')}"),
                ("skos:definition", lit(definition)),
                *extra,
            ],
        )

    def concepts(self) -> str:
        rng = self.rng
        blocks = [self._scheme("themes", "Thématiques de travail", "Working themes")]
        for n in range(1, self.gen.plan.themes + 1):
            verb, obj = rng.choice(self.VERBS), rng.choice(self.OBJECTS)
            question = f"Comment {verb.lower()} {obj} dans {rng.choice(self.CONTEXTS)} ?"
            blocks.append(
                self._concept(
                    f"theme/{n}",
                    "akg:Theme",
                    "themes",
                    f"{verb} {obj} ({n})",
                    f"Theme {n}",
                    question,
                    [
                        ("skos:topConceptOf", iri("scheme/themes")),
                        ("akg:ordinal", ordinal(n)),
                        ("skos:notation", lit(f"Thème {n}", None)),
                    ],
                )
            )
        blocks.append(self._scheme("procurement-domains", "Domaines d'achat", "Procurement domains"))
        for slug, fr, en in self.domains:
            blocks.append(
                self._concept(
                    f"domain/{slug}",
                    "akg:ProcurementDomain",
                    "procurement-domains",
                    fr,
                    en,
                    f"Marchés du domaine « {fr.lower()} ».",
                )
            )
        blocks.append(
            self._scheme("procurement-levers", "Leviers de la commande publique", "Procurement levers")
        )
        for slug, fr, en in self.levers:
            blocks.append(
                self._concept(
                    f"lever/{slug}",
                    "akg:ProcurementLever",
                    "procurement-levers",
                    fr,
                    en,
                    f"Le levier « {fr} ».",
                )
            )
        blocks.append(self._scheme("organisation-types", "Types d'organisation", "Organisation types"))
        for slug, fr, en in vocab.ORG_TYPE_HEADS:
            blocks.append(
                self._concept(
                    f"org-type/{slug}",
                    "akg:OrganisationType",
                    "organisation-types",
                    fr,
                    en,
                    f"Tête de classement : {fr.lower()}.",
                    [("skos:topConceptOf", iri("scheme/organisation-types"))],
                )
            )
        for slug, fr, en, head in vocab.ORG_TYPES:
            blocks.append(
                self._concept(
                    f"org-type/{slug}",
                    "akg:OrganisationType",
                    "organisation-types",
                    fr,
                    en,
                    f"Organisation de type « {fr.lower()} ».",
                    [("skos:broader", iri(f"org-type/{head}"))],
                )
            )
        blocks.append(self._scheme("atelier-roles", "Rôles dans l'atelier", "Atelier roles"))
        for slug, fr, en in vocab.ROLES:
            blocks.append(
                self._concept(
                    f"role/{slug}",
                    "akg:AtelierRole",
                    "atelier-roles",
                    fr,
                    en,
                    f"Rôle « {fr.lower()} » dans un atelier.",
                )
            )
        return "\n".join(blocks)

    def cases(self) -> str:
        rng, gen = self.rng, self.gen
        involved_pool = [o for o in gen.orgs if o.kind in ("formal", "organisation", "unit")]
        purchases = [o for o in gen.orgs if o.kind == "group-purchase"]
        slugs: set[str] = set()
        blocks = []
        for _ in range(gen.plan.cases):
            involved = rng.sample(involved_pool, rng.randint(1, 3))
            domain_slug, domain, _en = rng.choice(self.domains)
            base = f"{involved[0].id[:40].strip('-')}-{domain_slug}"
            slug, n = base, 1
            while slug in slugs:
                n += 1
                slug = f"{base}-{n}"
            slugs.add(slug)
            props = [
                ("dcterms:title", lit(f"{domain} : retour d'expérience — {involved[0].label}")),
                ("dcterms:subject", iri(f"theme/{rng.randint(1, gen.plan.themes)}")),
                ("akg:involves", ", ".join(iri(f"org/{o.id}") for o in involved)),
                ("akg:procurementDomain", iri(f"domain/{domain_slug}")),
                (
                    "akg:lever",
                    ", ".join(
                        iri(f"lever/{s}") for s, _fr, _en in rng.sample(self.levers, rng.randint(1, 2))
                    ),
                ),
            ]
            if purchases and rng.random() < 0.15:
                props.append(("akg:concerns", iri(f"org/{rng.choice(purchases).id}")))
            blocks.append(resource(iri(f"case/{slug}"), "akg:Case", props))
        return "\n".join(blocks)

    def statements(self) -> str:
        rng, n_each = self.rng, self.gen.plan.statements
        subjects = (
            "La commande publique",
            "L'évaluation des offres",
            "La coopération entre services",
            "Le travail des acheteurs",
            "L'approche en coût global",
        )
        predicates = (
            "serait un levier de diffusion de l'EFC",
            "demande à être repensée",
            "transforme le travail au sein des collectivités",
            "suppose une implication des élus",
            "reste difficile d'accès aux PME",
        )
        steps = (
            "Introduction et apports théoriques",
            "Échanges participatifs sur un cas concret",
            "Restitution et conclusion",
            "Partage de questions et de ressources",
        )
        blocks = [
            f"{ATELIER} akg:sessionFormat "
            + ", ".join(iri(f"format-step/{n}") for n in range(1, len(steps) + 1))
            + " .\n"
        ]
        for kind, cls in (
            ("premise", "akg:Premise"),
            ("hypothesis", "akg:Hypothesis"),
            ("finding", "akg:Finding"),
        ):
            for n in range(1, n_each + 1):
                props = [
                    ("akg:ordinal", ordinal(n)),
                    ("dcterms:subject", ATELIER),
                    ("akg:text", lit(f"{rng.choice(subjects)} {rng.choice(predicates)}.")),
                ]
                if kind == "hypothesis":
                    props.append(("akg:outcome", lit("Confirmée par les échanges de l'atelier.")))
                blocks.append(resource(iri(f"{kind}/{n}"), cls, props))
        for n, text in enumerate(steps, 1):
            blocks.append(
                resource(
                    iri(f"format-step/{n}"),
                    "akg:FormatStep",
                    [("akg:ordinal", ordinal(n)), ("akg:text", lit(text))],
                )
            )
        return "\n".join(blocks)

    def figures(self) -> str:
        """The key figures of the main atelier, declared with the values the data has."""
        gen = self.gen
        in_main = [(pid, role) for pid, role, atelier in gen.roles if atelier == MAIN_ATELIER]
        past = sum(1 for s in gen.sessions if s["atelier"] == MAIN_ATELIER and s["timing"] == "past")
        figures = (
            ("participants", len({p for p, r in in_main if r == "participant"}), "participants"),
            ("animators", len({p for p, r in in_main if r == "animateur"}), "animateurs"),
            ("themes", gen.plan.themes, "thématiques de travail"),
            ("past-sessions", past, "séances"),
        )
        blocks = []
        for slug, value, words in figures:
            blocks.append(
                resource(
                    iri(f"figure/{slug}"),
                    "akg:DeclaredFigure",
                    [
                        ("akg:declaredValue", str(value)),
                        ("akg:asWritten", lit(f"{value} {words}", None)),
                        ("akg:measure", lit(slug, None)),
                        ("akg:aboutResource", ATELIER),
                    ],
                )
            )
        return "\n".join(blocks)

    def podcast(self) -> str:
        gen = self.gen
        speakers = [pid for pid, role, _atelier in gen.roles if role == "intervenant-podcast"]
        blocks = []
        for n in range(1, gen.plan.episodes + 1):
            props = [
                ("dcterms:title", lit(f"Podcast de présentation n° {n}")),
                ("dcterms:description", lit("Épisode du réseau synthétique.")),
                ("schema:about", ATELIER),
            ]
            chosen = self.rng.sample(speakers, min(4, len(speakers)))
            if chosen:
                props.append(("schema:contributor", ", ".join(iri(f"person/{pid}") for pid in chosen)))
            blocks.append(resource(iri(f"podcast/episode-{n}"), "schema:PodcastEpisode", props))
        return "\n".join(blocks)
