"""The one way out: outputs that cannot be written are messages, and spreadsheets never run a cell."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
import pytest
from conftest import replace_in, run_cli

from atelier_kg.errors import OutputError
from atelier_kg.output import atomic_outputs, atomic_write, formula_like, spreadsheet_safe

FORMULA_QUERY = (
    'SELECT DISTINCT ?value WHERE { ?s ?p ?value FILTER(isLiteral(?value) && STRSTARTS(STR(?value), "=")) }'
)


def assert_one_message(result, *words: str) -> None:
    """Exit code 2, one ``atelier-kg: error:`` line naming ``words``, and no traceback."""
    assert result.code == 2, result.err
    assert "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("atelier-kg: error: "), result.err
    for word in words:
        assert word in lines[0]


@pytest.mark.parametrize(
    ("out", "words"),
    [
        ("/proc/x.gexf", ("/proc", "cannot write there", "fix:")),
        ("/etc/passwd/x.gexf", ("/etc/passwd", "is a file, not a folder", "fix:")),
    ],
)
def test_an_export_that_cannot_be_written_is_a_message(seed_build: Path, out: str, words) -> None:
    graph = str(seed_build / "atelier.nt")
    args = ("--graph", graph, "--format", "gexf", "--out", out)
    result = run_cli("network", "organisation-cooperation", *args)
    assert_one_message(result, *words)


def test_query_link_report_and_build_outputs_that_cannot_be_written(seed_build: Path, tmp_path: Path) -> None:
    graph = str(seed_build / "atelier.nt")
    assert_one_message(
        run_cli("query", "who-takes-part", "--graph", graph, "--out", "/proc/x.csv"), "/proc", "fix:"
    )
    assert_one_message(run_cli("query", "who-takes-part", "--graph", graph, "--out", "/"), "is a folder")
    assert_one_message(run_cli("link", "report", "--out", "/etc/passwd/r.md"), "/etc/passwd", "not a folder")
    assert_one_message(run_cli("build", "-q", "--out", "/etc/passwd"), "/etc/passwd", "not a folder")


def test_atomic_write_keeps_the_previous_file_and_raises_our_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("previous", encoding="utf-8")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        atomic_write(blocker / "inside.txt", b"new")
    with pytest.raises(OutputError, match="is a folder"):
        atomic_write(tmp_path, b"new")
    assert blocker.read_text(encoding="utf-8") == "previous"
    with pytest.raises(OutputError), atomic_outputs(blocker / "sub"):
        pass
    assert blocker.read_text(encoding="utf-8") == "previous"


def test_a_parameter_that_is_not_a_value_gives_our_message_and_no_library_traceback(
    seed_build: Path,
) -> None:
    """rdflib logs a traceback when a literal does not convert; the user sees only our message."""
    graph = str(seed_build / "atelier.nt")
    for store in ("oxigraph", "rdflib"):
        result = run_cli(
            "query", "organisations-by-people", "--graph", graph, "--store", store, "--param",
            "min=1 } ; DROP ALL ; {",
        )  # fmt: skip
        assert_one_message(result, "parameter min", "xsd:integer")
        assert "Failed to convert" not in result.err


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+33 4 78 00 00 00", "'+33 4 78 00 00 00"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("-0.19", "-0.19"),
        ("+2", "+2"),
        ("-1e-5", "-1e-5"),
        ("CIRIDD", "CIRIDD"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_spreadsheet_safe(cell: str, safe: str) -> None:
    assert spreadsheet_safe(cell) == safe
    assert formula_like(cell) == (safe != cell)


def test_a_formula_in_the_sources_is_warned_at_build_and_neutralised_in_csv_and_tsv(
    data_copy: Path, tmp_path: Path
) -> None:
    # jobs.csv line 3 is « 2e679dd0,la-27e-region,La 27e Région,designer,,page »: job_title is column 4
    replace_in(data_copy / "jobs.csv", ",designer,", ",=designer,")
    out = tmp_path / "out"
    built = run_cli("build", "-q", "--data", str(data_copy), "--out", str(out))
    assert built.code == 0, built.err
    assert f"{data_copy / 'jobs.csv'}:3:4: the cell starts like a spreadsheet formula" in built.err
    query = tmp_path / "formula.rq"
    query.write_text(FORMULA_QUERY, encoding="utf-8")
    graph = str(out / "atelier.nt")
    as_csv = run_cli("query", str(query), "--graph", graph, "--format", "csv")
    assert as_csv.code == 0, as_csv.err
    assert list(csv.reader(io.StringIO(as_csv.out))) == [["value"], ["'=designer"]]
    as_tsv = run_cli("query", str(query), "--graph", graph, "--format", "tsv")
    assert as_tsv.out.splitlines() == ["?value", '"\'=designer"']
    # the graph itself keeps what the source says
    assert '"=designer"' in (out / "atelier.nt").read_text(encoding="utf-8")


def test_network_csv_neutralises_text_and_keeps_negative_numbers(tmp_path: Path) -> None:
    from atelier_kg.network import export

    G = nx.Graph()
    G.add_node("a", label="=cmd", type="company", score=-0.19)
    G.add_node("b", label="-0.19", type="region")
    G.add_edge("a", "b", weight=1, relation="@rel")
    export(G, "csv", tmp_path / "n.csv", None)
    with (tmp_path / "n.nodes.csv").open(newline="", encoding="utf-8") as handle:
        nodes = {row["id"]: row for row in csv.DictReader(handle)}
    with (tmp_path / "n.edges.csv").open(newline="", encoding="utf-8") as handle:
        edges = list(csv.DictReader(handle))
    assert nodes["a"]["label"] == "'=cmd" and nodes["a"]["score"] == "-0.19"
    assert nodes["b"]["label"] == "-0.19"
    assert edges[0]["relation"] == "'@rel"
