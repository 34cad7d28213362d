"""The layers of the package hold: import contracts, no reaching into underscored names, small parts."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "atelier_kg"
MODULES = sorted(PACKAGE.rglob("*.py"))

#: The longest a module may grow (lines) and a function (lines, decorators excluded).
MODULE_LINES = 400
FUNCTION_LINES = 60
#: Functions allowed to be longer, each with the reason (also given in docs/architecture.md).
LONG_FUNCTIONS: dict[str, str] = {}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_import_contracts_hold() -> None:
    """`lint-imports` keeps every contract of pyproject.toml (layers, no cycles)."""
    exe = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    done = subprocess.run([exe], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout


def private_imports(text: str, here: str, is_package: bool = False) -> list[str]:
    """``from X import _name`` in module ``here`` (source ``text``), X another module of the package."""
    package = here if is_package else here.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(text)):
        if not isinstance(node, ast.ImportFrom):
            continue
        source = node.module or ""
        if node.level:
            base = package.split(".")
            base = base[: len(base) - node.level + 1]
            source = ".".join([*base, node.module] if node.module else base)
        if not source.startswith("atelier_kg") or source == here:
            continue
        private = [a.name for a in node.names if a.name.startswith("_") and a.name != "__version__"]
        found += [f"{source}.{name}" for name in private]
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_reaches_into_another_modules_underscored_names(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert private_imports(text, module_name(path), path.name == "__init__.py") == []


def test_the_check_sees_an_underscored_import() -> None:
    """The check above can fail: relative and absolute imports of underscored names are found."""
    text = "from .metrics import _Net, Metrics\nfrom atelier_kg.sources.load import _cross_check\n"
    assert private_imports(text, "atelier_kg.network.fast") == [
        "atelier_kg.network.metrics._Net",
        "atelier_kg.sources.load._cross_check",
    ]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_modules_stay_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MODULE_LINES, f"{path.relative_to(ROOT)} has {lines} lines: split it by job"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_functions_stay_short(path: Path) -> None:
    long = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            name = f"{module_name(path)}.{node.name}"
            if length > FUNCTION_LINES and name not in LONG_FUNCTIONS:
                long.append(f"{name}: {length} lines")
    assert long == []


def test_no_grab_bag_module() -> None:
    names = {p.stem for p in MODULES}
    assert not names & {"utils", "util", "helpers", "misc", "common"}
