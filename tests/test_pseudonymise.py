"""Pseudonymised exports: no name or job title of any person leaves, the key never does either."""

from __future__ import annotations

import csv
import re
import urllib.request

import pyoxigraph as ox
import pytest
from conftest import DATA, run_cli

from atelier_kg.errors import UsageError
from atelier_kg.pseudonymise import pseudonymise, read_key


def personal_strings() -> set[str]:
    """Every given name, family name and job title of data/, as written and capitalised by hand."""
    strings = set()
    with (DATA / "persons.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            strings |= {row["family_name"], row["given_name"], row["family_name"].title()}
    with (DATA / "person_names.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            strings |= {row["family_name"], row["given_name"]}
    with (DATA / "jobs.csv").open(encoding="utf-8") as f:
        strings |= {row["job_title"] for row in csv.DictReader(f)}
    return {s.strip() for s in strings if len(s.strip()) >= 3}


def names_in(text: str) -> set[str]:
    """The personal strings that stand in ``text`` as words ("Anne" is not in "Annecy")."""
    return {s for s in personal_strings() if re.search(rf"\b{re.escape(s)}\b", text, re.IGNORECASE)}


@pytest.fixture
def key(tmp_path):
    path = tmp_path / "key"
    path.write_bytes(b"k3y-material-not-to-be-leaked-0001")
    return path


def test_no_name_or_job_title_and_the_key_stays_secret(seed_build, key):
    triples = [q.triple for q in ox.parse(path=str(seed_build / "atelier.nt"), format=ox.RdfFormat.N_TRIPLES)]
    text = "\n".join(str(t) for t in pseudonymise(triples, read_key(key)))
    assert names_in(text) == set()
    plain = "\n".join(str(t) for t in triples)
    assert len(names_in(plain)) > 60  # the check finds them where they are
    assert "k3y-material" not in text
    assert "/person/pseudo-" in text and "/job/pseudo-" in text


def test_the_same_key_gives_the_same_pseudonyms(seed_build, key, tmp_path):
    other = tmp_path / "other"
    other.write_bytes(b"another-key-of-enough-length-0002")
    args = ["query", "check/participants", "--graph", str(seed_build / "atelier.nt"), "--format", "csv"]
    # the counts survive: 36 participants (35 table rows and Priscilla Rabier)
    assert run_cli(*args, "--pseudonymise", str(key)).out.splitlines() == ["value", "36"]
    persons = "SELECT ?p WHERE { ?p a <http://xmlns.com/foaf/0.1/Person> } ORDER BY ?p\n"
    query = tmp_path / "persons.rq"
    query.write_text(persons, encoding="utf-8")
    base = ["query", str(query), "--graph", str(seed_build / "atelier.nt"), "--format", "csv"]
    first = run_cli(*base, "--pseudonymise", str(key)).out
    assert first == run_cli(*base, "--pseudonymise", str(key)).out
    assert first != run_cli(*base, "--pseudonymise", str(other)).out
    assert len(first.splitlines()) == 1 + 37  # 37 persons in persons.csv


def test_a_pseudonymised_push_holds_no_name(oxigraph_server, seed_build, key):
    run = run_cli(
        "push", "--endpoint", oxigraph_server.store, "--file", str(seed_build / "atelier.nt"),
        "--pseudonymise", str(key),
    )  # fmt: skip
    assert run.code == 0, run.err

    request = urllib.request.Request(
        f"{oxigraph_server.store}?default", headers={"Accept": "application/n-triples"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read().decode("utf-8")
    assert names_in(body) == set()
    assert "k3y-material" not in body + run.out + run.err


def test_a_short_key_is_refused(tmp_path):
    short = tmp_path / "short"
    short.write_bytes(b"abc")
    with pytest.raises(UsageError, match="at least 16 bytes"):
        read_key(short)
    run = run_cli("query", "check/participants", "--pseudonymise", str(tmp_path / "none"))
    assert run.code == 2 and "cannot read the pseudonymisation key" in run.err
