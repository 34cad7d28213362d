"""Name cleaning: examples from the page, and properties checked with hypothesis."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from atelier_kg.sources.cleaning import clean_cell, name_key, usual_capitalisation

# Names as the page writes them → their usual capitalisation (worked out by hand).
EXAMPLES = [
    ("EL KIRA", "El Kira"),
    ("annabi", "Annabi"),
    ("achour", "Achour"),
    ("ORTOLAN ZASSO", "Ortolan Zasso"),
    ("sylvie", "Sylvie"),
    ("pauline", "Pauline"),
    ("NATHALIE", "Nathalie"),
    ("ELisabeth", "Elisabeth"),
    ("VANDER SCHUEREN", "Vander Schueren"),
    ("Pépin", "Pépin"),
    ("Bérénice", "Bérénice"),
    ("DEGABRIEL", "Degabriel"),
    ("jean de la fontaine", "Jean de la Fontaine"),
    ("MARIE-CLAIRE", "Marie-Claire"),
    ("ÉLODIE", "Élodie"),
]


@pytest.mark.parametrize(("written", "usual"), EXAMPLES)
def test_usual_capitalisation_of_the_page_names(written, usual):
    assert usual_capitalisation(written) == usual


def test_clean_cell_handles_the_page_blanks():
    assert clean_cell("\u00a0") == ""
    assert clean_cell("\u00a0EDF") == "EDF"
    assert clean_cell("  a \u00a0 b  ") == "a b"


names = st.text(alphabet=st.sampled_from(list("abcdeéèàçôABCDEÉÈÀÇÔ -'’") + ["\u00a0"]), max_size=30)


@given(names)
def test_only_letter_case_changes(name):
    assert usual_capitalisation(name).casefold() == clean_cell(name).casefold()


@given(names)
def test_capitalisation_is_idempotent(name):
    once = usual_capitalisation(name)
    assert usual_capitalisation(once) == once


@given(names)
def test_no_word_is_left_all_upper_or_all_lower(name):
    for word in usual_capitalisation(name).replace("-", " ").replace("'", " ").replace("’", " ").split():
        letters = [c for c in word if c.isalpha()]
        if len(letters) > 1 and word.lower() not in {"de", "du", "des", "la", "le", "les"}:
            assert not all(c.isupper() for c in letters)
            assert not all(c.islower() for c in letters)


@given(st.text(max_size=40))
def test_clean_cell_leaves_no_outer_or_double_space(value):
    cleaned = clean_cell(value)
    assert cleaned == cleaned.strip()
    assert "  " not in cleaned and "\u00a0" not in cleaned
    assert clean_cell(cleaned) == cleaned


@given(names)
def test_name_key_ignores_case_accents_and_punctuation(name):
    assert name_key(name) == name_key(name.upper()) == name_key(usual_capitalisation(name))
    assert all(c.isalnum() for c in name_key(name))


def test_name_key_joins_the_variants_of_one_school():
    assert name_key("ECOLE DES MINES DE SAINT ETIENNE") == name_key("École des Mines de Saint-Étienne")
