"""The docs are read from the registries' side: every command, format and network is documented."""

from __future__ import annotations

import re

from conftest import ROOT

from atelier_kg.cli import REGISTRY
from atelier_kg.network import EXPORTERS, network_defs
from atelier_kg.sparql import FORMATS

README = (ROOT / "README.md").read_text(encoding="utf-8")
ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


def command_row(command: str) -> str:
    """The README's table row of ``atelier-kg COMMAND``."""
    rows = [line for line in README.splitlines() if line.startswith(f"| `atelier-kg {command} ")]
    assert rows, f"no README row for atelier-kg {command}"
    return rows[0]


def format_choices(row: str) -> set[str]:
    """The ``--format a|b|c`` choices a README row lists."""
    found = re.search(r"--format ([a-z|\\]+)", row)
    assert found, row
    return set(found[1].replace("\\", "").split("|"))


def test_the_query_formats_in_the_readme_are_the_registry() -> None:
    assert format_choices(command_row("query")) == set(FORMATS)


def test_the_network_formats_in_the_readme_are_the_registry() -> None:
    assert format_choices(command_row("network")) == set(EXPORTERS)


def test_every_network_is_documented() -> None:
    networks = (ROOT / "docs" / "networks.md").read_text(encoding="utf-8")
    for name in network_defs():
        assert f"`{name}`" in networks, name


def test_every_command_has_its_readme_row() -> None:
    for name in REGISTRY:
        assert command_row(name)


def test_the_architecture_names_every_subpackage_and_the_readme_points_to_it() -> None:
    packages = sorted(p.name for p in (ROOT / "atelier_kg").iterdir() if (p / "__init__.py").is_file())
    assert packages, "no subpackage found"
    for name in packages:
        assert f"`{name}/`" in ARCHITECTURE, name
    assert "```mermaid" in ARCHITECTURE
    assert "docs/architecture.md" in README
