"""Cleaning of cell values and person names, and the name key used to detect collisions."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_WORD_SEPARATORS = re.compile(r"([\s\-'’]+)")
#: Particles that stay lower case inside a name ("de", "van der"…), unless they open it.
PARTICLES = frozenset({"de", "du", "des", "d", "la", "le", "les", "van", "von", "der", "den", "ter"})


def clean_cell(value: str | None) -> str:
    """Trim a cell: non-breaking and other Unicode spaces become one space, ends are stripped.

    A cell that is only spaces becomes the empty string (which produces no triple).
    """
    if value is None:
        return ""
    return _SPACES.sub(" ", value.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def _needs_case_fix(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return False
    if all(c.isupper() for c in letters) and len(letters) > 1:
        return True
    if all(c.islower() for c in letters):
        return True
    # A held shift key: "ELisabeth" (two or more capitals, then lower case).
    return bool(re.fullmatch(r"[A-ZÀ-ÖØ-Þ]{2,}[a-zß-öø-ÿ]+", word))


def usual_capitalisation(name: str) -> str:
    """Give a person's name its usual capitalisation when it was written in capitals or lower case.

    Names already written with usual capitals ("Pépin", "McKay", "Vander Schueren") are kept.
    Only the case of letters changes: ``usual_capitalisation(x).casefold() == clean_cell(x).casefold()``.
    """
    text = clean_cell(name)
    pieces = _WORD_SEPARATORS.split(text)
    out: list[str] = []
    first_word = True
    for piece in pieces:
        if not piece or _WORD_SEPARATORS.fullmatch(piece):
            out.append(piece)
            continue
        word = piece
        if _needs_case_fix(word):
            if not first_word and word.lower() in PARTICLES:
                word = word.lower()
            else:
                word = word[0].upper() + word[1:].lower()
        out.append(word)
        first_word = False
    return "".join(out)


def name_key(name: str) -> str:
    """Return the collision key of a name: case-folded, accents and punctuation removed.

    Two organisations whose names share a key are probably one entity written twice.
    """
    decomposed = unicodedata.normalize("NFKD", clean_cell(name).casefold())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))
