"""The command line: documented, helpful, and never a traceback."""

from __future__ import annotations

from conftest import ROOT, run_cli

from atelier_kg.cli.main import COMMANDS


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"`atelier-kg {command}" in readme, command


def test_readme_first_section_gives_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = readme.split("\n## ", 2)[1]
    blocks = [b.split("```", 1)[0].strip() for b in first.split("```sh\n")[1:]]
    assert len(blocks) == 2
    assert "atelier-kg build" in blocks[0] and "pip install" in blocks[0]
    assert "pytest" in blocks[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1] in ci.splitlines()


def test_help_lists_the_commands():
    result = run_cli("--help")
    assert result.code == 0
    for command in COMMANDS:
        assert command in result.out


def test_missing_data_folder_is_a_clear_error(tmp_path):
    result = run_cli("build", "--data", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o"))
    assert result.code == 2
    assert "no such data folder" in result.err and "Traceback" not in result.err


def test_validate_without_a_build_says_what_to_do(tmp_path):
    result = run_cli("validate", cwd=tmp_path)
    assert result.code == 2
    assert "atelier-kg build" in result.err and "Traceback" not in result.err


def test_the_parser_reads_the_export_formats_only_for_the_network_help():
    """Building the parser imports no network stage (networkx, numpy): the formats in the help of
    `network --format` are read from their registry when that help is printed."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from atelier_kg.cli.main import parser\n"
        "parser().parse_args(['query', 'who-takes-part'])\n"
        "print(sorted(m for m in ('networkx', 'numpy', 'atelier_kg.network') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    help_text = " ".join(run_cli("network", "--help").out.split())
    assert "export or picture format: csv, gexf, graphml, html, json, png, svg, trig, ttl" in help_text
