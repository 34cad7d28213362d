"""Pseudonymised copies of the graph, for exports that leave the project.

Each person IRI becomes a keyed pseudonym (HMAC-SHA-256 of the IRI under a secret key, so the
same key gives the same pseudonyms across runs and nobody without the key can link them back);
the IRIs of their jobs and role memberships, which embed the person's identifier, follow. Of a
person only the types are kept. Job titles, the provenance rows of persons, jobs and roles (the
public source tables would name them) and every literal that contains a person's name are
dropped. The key never appears in any output.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from .errors import UsageError
from .namespaces import AKG, ID

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
FOAF_PERSON = "http://xmlns.com/foaf/0.1/Person"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
NAME_PREDICATES = {
    "http://xmlns.com/foaf/0.1/name",
    "http://xmlns.com/foaf/0.1/givenName",
    "http://xmlns.com/foaf/0.1/familyName",
    str(AKG.givenNameAsWritten),
    str(AKG.familyNameAsWritten),
}
DROPPED_EVERYWHERE = {str(AKG.jobTitle)}
_PERSON_PART = re.compile(rf"^{re.escape(str(ID))}(person|job|role-membership)/([0-9a-f]{{8}})(\.|$)")
MIN_KEY_BYTES = 16


def read_key(path: Path) -> bytes:
    """The secret key: the bytes of a file of at least 16 bytes (e.g. ``head -c 32 /dev/urandom``)."""
    try:
        key = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the pseudonymisation key ({exc.strerror})") from None
    if len(key.strip()) < MIN_KEY_BYTES:
        raise UsageError(
            f"{path}: a pseudonymisation key needs at least {MIN_KEY_BYTES} bytes; "
            "make one with: head -c 32 /dev/urandom > KEYFILE"
        )
    return key


def pseudonym(key: bytes, person_id: str) -> str:
    """The pseudonym of a person's 8-hex identifier under ``key`` (``pseudo-`` and 16 hex)."""
    return "pseudo-" + hmac.new(key, person_id.encode("ascii"), hashlib.sha256).hexdigest()[:16]


def pseudonymise(triples: Iterable[ox.Triple], key: bytes) -> list[ox.Triple]:
    """The triples with persons pseudonymised and their names and job titles dropped."""
    triples = list(triples)
    persons = {
        t.subject.value for t in triples if t.predicate.value == RDF_TYPE and t.object.value == FOAF_PERSON
    }
    names = {
        t.object.value.strip()
        for t in triples
        if t.subject.value in persons
        and t.predicate.value in NAME_PREDICATES
        and len(t.object.value.strip()) >= 3
    }
    name_pattern = (
        re.compile(
            "|".join(rf"\b{re.escape(n)}\b" for n in sorted(names, key=len, reverse=True)), re.IGNORECASE
        )
        if names
        else None
    )

    def rename(term):
        if isinstance(term, ox.NamedNode):
            match = _PERSON_PART.match(term.value)
            if match:
                return ox.NamedNode(term.value.replace(match.group(2), pseudonym(key, match.group(2)), 1))
        return term

    out = []
    for t in triples:
        subject, predicate, obj = t.subject.value, t.predicate.value, t.object
        personal_subject = _PERSON_PART.match(subject) is not None
        if subject in persons and predicate != RDF_TYPE:
            continue  # of a person only the types are kept
        if predicate in DROPPED_EVERYWHERE or (personal_subject and predicate == PROV_DERIVED):
            continue
        if isinstance(obj, ox.Literal) and name_pattern and name_pattern.search(obj.value):
            continue
        out.append(ox.Triple(rename(t.subject), t.predicate, rename(obj)))
    return out
