"""Builds smguide's one-folder bundle, and with ``--smoke`` proves that it works.

    python build_scripts/build.py            # dist/smguide/
    python build_scripts/build.py --smoke    # ... then run it as a user would

Needs the ``build`` extra (``pip install ".[build]"``, which brings
PyInstaller). The bundle holds the program, Python, Qt, the content, the
decision trees and the resources; copy the whole ``dist/smguide`` folder.

The smoke test starts the built program from a temporary folder outside
the source tree, with a clean environment (no virtualenv or Python on the
PATH, an empty home folder), and fails on any output to standard error
that it does not expect, as qutebrowser's release script does.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "build_scripts" / "smguide.spec"
NAME = "smguide"


def pyinstaller(dist: Path, work: Path, *args: str, quiet: bool = True) -> None:
    """Run PyInstaller with this Python, into *dist*, keeping its work in *work*."""
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean"]
    command += ["--log-level", "WARN" if quiet else "INFO"]
    command += ["--distpath", str(dist), "--workpath", str(work), *args]
    result = subprocess.run(command, capture_output=quiet, text=True, check=False)
    if result.returncode != 0:
        if quiet:
            sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"PyInstaller failed with exit status {result.returncode}")


def build(dist: Path, work: Path, *, spec: Path = SPEC, quiet: bool = True) -> Path:
    """Run PyInstaller on *spec*; returns the bundle's folder."""
    pyinstaller(dist, work, str(spec), quiet=quiet)
    return dist / spec.stem


def program(bundle: Path, cli: bool = False) -> Path:
    """The bundle's executable (on Windows, the console one for commands)."""
    if sys.platform == "win32":
        return bundle / (f"{NAME}-cli.exe" if cli else f"{NAME}.exe")
    return bundle / NAME


def folder_size(folder: Path) -> int:
    """Bytes in the files under *folder*; symbolic links count for nothing."""
    total = 0
    for directory, _folders, files in os.walk(folder):
        for name in files:
            path = Path(directory, name)
            if not path.is_symlink():
                total += path.stat().st_size
    return total


def clean_environment(home: Path) -> dict[str, str]:
    """What a user's session gives the program: no Python, no virtualenv, an empty home.

    Qt's offscreen platform, since CI has no screen.
    """
    runtime = home / "runtime"
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    if sys.platform == "win32":
        system = os.environ.get("SYSTEMROOT", r"C:\Windows")
        env = {
            "SYSTEMROOT": system,
            "PATH": rf"{system}\system32;{system}",
            "USERPROFILE": str(home),
            "APPDATA": str(home / "AppData" / "Roaming"),
            "LOCALAPPDATA": str(home / "AppData" / "Local"),
            "TEMP": str(home),
            "TMP": str(home),
        }
    else:
        env = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(home),
            "XDG_RUNTIME_DIR": str(runtime),
            "LANG": "C.UTF-8",
            "TMPDIR": str(home),
        }
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


@dataclass
class Step:
    """One run of the bundled program, and what it must print."""

    args: list[str]
    #: A line of standard output must start with this.
    stdout_line: str
    #: Lines allowed (by their start) on standard error; anything else fails.
    stderr_allowed: list[str] = field(default_factory=list)
    status: int = 0
    json: bool = False


def smoke_steps(broken_copy: Path, missing: Path, config_dir: Path) -> list[Step]:
    """What the smoke test runs: the window, every kind of command, and a share that fails."""
    missing_config = config_dir / "missing.ini"
    missing_config.write_text(f"[smguide]\ncontent = {missing}\n", encoding="utf-8")
    broken_config = config_dir / "broken.ini"
    broken_config.write_text(f"[smguide]\ncontent = {broken_copy}\n", encoding="utf-8")
    return [
        Step(["--self-test"], "ready in "),
        Step(["--self-test"], "ready in "),  # the second start reads the snapshot
        Step(["--self-test", "--kiosk"], "ready in "),
        Step(["check"], "content is clean: "),
        Step(["config"], "configuration file: "),
        Step(["list"], "nottinghamshire: "),
        Step(["paths", "--json"], "[", json=True),
        Step(["export", "--json"], "{", json=True),  # renders every outcome's text
        Step(["search", "a parent added me on facebook", "--json"], "{", json=True),
        Step(
            ["--self-test", "--config", str(missing_config)],
            "ready in ",
            [f"smguide: The content folder {missing} was not found or could not be reached"],
        ),
        Step(
            ["--self-test", "--config", str(broken_config)],
            "ready in ",
            [f"smguide: The content folder {broken_copy} has "],
        ),
        Step(
            ["check", "--config", str(broken_config)],
            f"checking the content folder {broken_copy}",
            ["1 problem(s) found", "smguide: the app shows the built-in content of smguide "],
            status=1,
        ),
    ]


#: Qt plugin folders the app cannot work without, though no smoke step loads
#: them all: the window system, and the printers (printing is not smoke-tested).
NEEDED_PLUGINS = ("platforms", "printsupport")


def missing_plugins(bundle: Path) -> list[str]:
    """The needed Qt plugin folders that are absent or empty in *bundle*."""
    roots = [path for path in bundle.rglob("plugins") if path.parent.name.startswith("Qt")]
    return [
        f"no Qt {name} plugin in the bundle"
        for name in NEEDED_PLUGINS
        if not any(any((root / name).glob("*")) for root in roots if (root / name).is_dir())
    ]


def smoke(bundle: Path) -> list[str]:
    """Run the bundle as a user would; returns the failures (none when it works)."""
    failures: list[str] = missing_plugins(bundle)
    with tempfile.TemporaryDirectory(prefix="smguide-smoke-") as temporary:
        place = Path(temporary)
        home, elsewhere = place / "home", place / "elsewhere"
        home.mkdir()
        elsewhere.mkdir()
        data = bundle / "_internal" / NAME / "_data"
        if not data.is_dir():
            data = next(bundle.rglob("_data"), data)
        broken = place / "share"
        shutil.copytree(data / "content", broken / "content")
        shutil.copytree(data / "decision_trees", broken / "decision_trees")
        tree = next((broken / "decision_trees").rglob("friend-request.yaml"))
        text = tree.read_text(encoding="utf-8")
        tree.write_text(text.replace("contacts: [", "contacts: [no-such-contact, ", 1), "utf-8")
        env = clean_environment(home)
        for step in smoke_steps(broken, place / "no-such-share", place):
            failures += _run(program(bundle, cli=True), step, env, elsewhere)
    return failures


def _run(executable: Path, step: Step, env: dict[str, str], cwd: Path) -> list[str]:
    shown = " ".join(["smguide", *step.args])
    started = time.perf_counter()
    try:
        result = subprocess.run(
            [str(executable), *step.args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=env,
            cwd=cwd,
            timeout=120,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return [f"{shown}: did not finish in 120 s"]
    elapsed = (time.perf_counter() - started) * 1000
    failures = []
    if result.returncode != step.status:
        failures.append(f"{shown}: exit status {result.returncode}, expected {step.status}")
    if not any(line.startswith(step.stdout_line) for line in result.stdout.splitlines()):
        failures.append(
            f"{shown}: no line starting {step.stdout_line!r} in {result.stdout[:300]!r}"
        )
    if step.json:
        try:
            json.loads(result.stdout)
        except ValueError as error:
            failures.append(f"{shown}: standard output is not JSON ({error})")
    for line in result.stderr.splitlines():
        if not any(line.startswith(allowed) for allowed in step.stderr_allowed):
            failures.append(f"{shown}: unexpected on standard error: {line}")
    for allowed in step.stderr_allowed:
        if not any(line.startswith(allowed) for line in result.stderr.splitlines()):
            failures.append(f"{shown}: expected on standard error: {allowed}")
    said = next(
        (line for line in result.stdout.splitlines() if line.startswith(step.stdout_line)), ""
    )
    print(f"  {'ok ' if not failures else 'FAIL'} {shown} ({elapsed:.0f} ms): {said[:70]}")
    return failures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="default: dist/")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="default: build/")
    parser.add_argument("--smoke", action="store_true", help="then run the smoke test")
    parser.add_argument(
        "--smoke-only", action="store_true", help="run the smoke test on the bundle already built"
    )
    args = parser.parse_args(argv)
    bundle = args.dist / NAME
    if not args.smoke_only:
        started = time.perf_counter()
        bundle = build(args.dist, args.work)
        print(
            f"built {bundle} in {time.perf_counter() - started:.0f} s: "
            f"{folder_size(bundle) / 1e6:.1f} MB"
        )
    if not (args.smoke or args.smoke_only):
        return 0
    print(f"smoke test of {bundle}, run from outside the source tree with a clean environment:")
    failures = smoke(bundle)
    for failure in failures:
        print(f"smoke test: {failure}", file=sys.stderr)
    print("smoke test passed" if not failures else f"smoke test FAILED ({len(failures)})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
