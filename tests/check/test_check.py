"""The declared key figures against the data, with the expected outcome worked out from the page."""

from __future__ import annotations

from conftest import DATA, ONTOLOGY, run_cli

from atelier_kg.check.figures import check_figures
from atelier_kg.sparql.embedded import EmbeddedStore

# From the page: « 3 ans d'existence » (created 2018, next session announced for November 2021),
# « 4 thématique de travail » (themes 1–4), « 4 Séances depuis Octobre 2019 » (known only from the
# figure), « 34 participants » (35 table rows plus Priscilla Rabier = 36), « 2 animateurs »
# (James Pédron and Romain Demissy), « 15 à 20 participants » per year (no per-year data).
EXPECTED = {
    "years-of-existence": ("3", 3, "agrees"),
    "themes": ("4", 4, "agrees"),
    "sessions-since-2019-10": ("4", 4, "agrees"),
    "participants": ("34", 36, "disagrees"),
    "animators": ("2", 2, "agrees"),
    "participants-per-year": ("15–20", None, "not checkable"),
}


def test_each_declared_figure_is_checked(seed_build):
    store = EmbeddedStore.from_file(seed_build / "atelier.nt")
    checks = {c.figure.rsplit("/", 1)[-1]: c for c in check_figures(store)}
    assert {k: (c.declared, c.counted, c.status) for k, c in checks.items()} == EXPECTED


def test_check_command_prints_agreements_and_mismatches():
    result = run_cli("check", "--data", str(DATA), "--ontology", str(ONTOLOGY))
    assert result.code == 0, result.err
    assert "disagrees     34 participants" in result.out
    assert "4 agree, 1 disagree, 1 not checkable" in result.out
    strict = run_cli("check", "--strict", "--data", str(DATA), "--ontology", str(ONTOLOGY))
    assert strict.code == 1
