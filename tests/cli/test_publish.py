"""`atelier-kg publish` as a user runs it: a site, or one clear message and no traceback."""

from __future__ import annotations

from conftest import run_cli

BASE = "https://example.org/atelier-kg"


def test_publish_writes_the_site_and_says_where(seed_build, tmp_path):
    out = tmp_path / "site"
    result = run_cli("publish", "--build", str(seed_build), "--out", str(out), "--base-url", BASE)
    assert result.code == 0, result.err
    assert f"into {out}" in result.out and "w3id/.htaccess" in result.out
    for name in ("index.html", "void.ttl", "download/atelier.nt", "doc/org/ciridd.html", "w3id/.htaccess"):
        assert (out / name).is_file(), name


def test_publish_pseudonymised(seed_build, tmp_path):
    key = tmp_path / "key"
    key.write_bytes(b"k" * 32)
    out = tmp_path / "site"
    result = run_cli(
        "publish", "-q", "--build", str(seed_build), "--out", str(out), "--pseudonymise", str(key)
    )
    assert result.code == 0, result.err
    assert result.out == "" and any((out / "doc" / "person").glob("pseudo-*.html"))


def test_bad_input_is_one_message_and_exit_2(seed_build, tmp_path):
    short_key = tmp_path / "short"
    short_key.write_bytes(b"short")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    cases = {
        "no such file": ["--build", str(tmp_path / "no-build"), "--out", str(tmp_path / "s")],
        "cannot read the pseudonymisation key": [
            "--out",
            str(tmp_path / "s"),
            "--pseudonymise",
            str(tmp_path / "none"),
        ],
        "at least 16 bytes": ["--out", str(tmp_path / "s"), "--pseudonymise", str(short_key)],
        "no .atelier-kg-site": ["--build", str(seed_build), "--out", str(tmp_path / "mine")],
        "is a file": ["--build", str(seed_build), "--out", str(tmp_path / "a-file")],
        "--base-url": ["--build", str(seed_build), "--out", str(tmp_path / "s"), "--base-url", "ftp://x y"],
    }
    for expected, args in cases.items():
        result = run_cli("publish", *args)
        assert result.code == 2, (expected, result.err)
        assert expected in result.err and "Traceback" not in result.err, result.err
        assert len(result.err.strip().splitlines()) == 1, result.err
    assert (tmp_path / "mine" / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert not (tmp_path / "s").exists()


def test_the_current_folder_is_never_replaced(seed_build, tmp_path):
    here = tmp_path / "here"
    here.mkdir()  # empty, so replaceable, but the command runs in it
    result = run_cli("publish", "--build", str(seed_build), "--out", ".", cwd=here)
    assert result.code == 2 and "holds the current folder" in result.err and "Traceback" not in result.err
    assert here.is_dir() and not any(here.iterdir())
