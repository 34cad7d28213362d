"""The declared shape of every source table: one table the loader, the docs and the tests share."""

from __future__ import annotations

from .tables import TableSpec

ORGANISATION_KINDS = ("formal", "organisation", "unit", "atelier", "club", "action", "group-purchase")
LINK_RELATIONS = ("animates", "carries", "initiates", "member")
ROLES = ("participant", "animateur", "coordinateur", "intervenant-podcast", "presentateur-cas")
TIMINGS = ("past", "upcoming")
PLACE_KINDS = ("region", "departement", "commune", "epci")
#: ``governs``: an authority and the territory it governs; ``located-in``: where an organisation sits.
PLACE_RELATIONS = ("governs", "located-in")

TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec("sources.csv", ("id", "title", "file"), ("language",), non_blank=("id", "title", "file")),
        TableSpec(
            "organisations.csv",
            ("id", "kind", "pref_label", "source"),
            ("type", "parent", "area", "founded"),
            choices={"kind": ORGANISATION_KINDS},
            non_blank=("id", "kind", "pref_label", "source"),
        ),
        TableSpec(
            "organisation_names.csv",
            ("organisation", "name", "source"),
            non_blank=("organisation", "name", "source"),
        ),
        TableSpec(
            "organisation_links.csv",
            ("subject", "relation", "object", "source"),
            choices={"relation": LINK_RELATIONS},
            non_blank=("subject", "relation", "object", "source"),
        ),
        TableSpec(
            "places.csv",
            ("id", "pref_label", "source"),
            ("kind", "within"),
            choices={"kind": PLACE_KINDS},
            non_blank=("id", "pref_label", "source"),
        ),
        TableSpec(
            "organisation_places.csv",
            ("organisation", "relation", "place", "source"),
            choices={"relation": PLACE_RELATIONS},
            non_blank=("organisation", "relation", "place", "source"),
            required_file=False,
        ),
        TableSpec(
            "persons.csv",
            ("id", "family_name", "given_name", "source"),
            ("description",),
            non_blank=("id", "family_name", "source"),
        ),
        TableSpec(
            "person_names.csv",
            ("person", "family_name", "given_name", "source"),
            non_blank=("person", "family_name", "source"),
        ),
        TableSpec(
            "jobs.csv",
            ("person", "source"),
            ("organisation", "organisation_as_written", "job_title", "self_employed"),
            choices={"self_employed": ("true", "false")},
            non_blank=("person", "source"),
        ),
        TableSpec(
            "roles.csv",
            ("person", "role", "atelier", "source"),
            choices={"role": ROLES},
            non_blank=("person", "role", "atelier", "source"),
        ),
        TableSpec(
            "sessions.csv",
            ("id", "label", "atelier", "timing", "source"),
            ("start", "end", "earliest_start"),
            choices={"timing": TIMINGS},
            non_blank=("id", "label", "atelier", "timing", "source"),
        ),
        TableSpec(
            "attendance.csv", ("person", "session", "source"), non_blank=("person", "session", "source")
        ),
    )
}

#: Turtle sources of the conceptual parts, read if present.
TURTLE_FILES = ("concepts.ttl", "cases.ttl", "statements.ttl", "figures.ttl", "podcast.ttl")
