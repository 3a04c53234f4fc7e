"""The core has no Qt, and the installed package finds its content.

The core's independence from Qt is what lets every rule of the product be
tested without a screen and lets the command line share the engine. It is
checked two ways: statically (no module imports Qt or the UI) and at run
time (importing every core module and running the CLI loads no Qt).
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

import smguide
from smguide.core import locations

CORE = Path(smguide.__file__).parent / "core"
FORBIDDEN = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "smguide.ui")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


@pytest.mark.parametrize("module", sorted(CORE.glob("*.py")), ids=lambda p: p.name)
def test_core_module_imports_no_qt(module: Path) -> None:
    offending = [name for name in _imports(module) if name.startswith(FORBIDDEN)]
    assert offending == []


def test_core_and_cli_run_without_loading_qt() -> None:
    modules = sorted(f"smguide.core.{p.stem}" for p in CORE.glob("*.py") if p.stem != "__init__")
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "from smguide.cli import main\n"
        "import io, contextlib\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['paths', '--json']) == 0\n"
        "loaded = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "print(loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.skipif(
    not os.environ.get("SMGUIDE_EXPECT_INSTALLED"), reason="only when run by .ci/run"
)
def test_tests_run_against_the_installed_package() -> None:
    """Under .ci/run the package comes from site-packages and carries its content."""
    assert "site-packages" in Path(smguide.__file__).parts
    root = locations.builtin_root()
    assert root == Path(smguide.__file__).parent / "_data"
    assert (root / "content" / "nottinghamshire" / "council.yaml").is_file()
    assert (locations.resources_dir() / "templates" / "outcome.html.j2").is_file()


def _pip(*args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pip", "--quiet", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_wheel_carries_content_trees_and_resources(tmp_path: Path) -> None:
    """A plain (non-editable) install finds everything, from any working directory."""
    checkout = Path(__file__).resolve().parents[1]
    if not (checkout / "pyproject.toml").is_file():
        pytest.skip("no source checkout to build from")
    wheels, target = tmp_path / "wheels", tmp_path / "site"
    _pip("wheel", "--no-deps", "--no-build-isolation", "--wheel-dir", str(wheels), str(checkout))
    (wheel,) = wheels.glob("smguide-*.whl")
    _pip("install", "--no-deps", "--target", str(target), str(wheel))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("SMGUIDE_CONTENT", None)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import smguide, smguide.cli as c; print(smguide.__file__); "
            "raise SystemExit(c.main(['check']))",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=elsewhere,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert str(target) in result.stdout.splitlines()[0]
    assert "content is clean" in result.stdout
