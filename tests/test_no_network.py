"""The application makes no network connection, ever: proved with the network refused.

Two runs of the real program, each with ``tests/network/sitecustomize.py``
loaded first, which turns any socket, name lookup or connection from Python
into a loud failure and records whether Qt's network module (and with it
any QNetworkAccessManager) was ever loaded: the full ``--self-test``, and a
walk of every route of every tree of every council in the real window
(``tests/network/walk_every_tree.py``). Where ``strace`` can trace the
process, the same runs are traced at the system-call level too, which also
sees sockets opened by Qt's C++ code, and no internet socket may appear.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
GUARD = HERE / "network"
ROOT = HERE.parent


def _environment(tmp_path: Path, report: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    paths = [str(GUARD)]
    if not os.environ.get("SMGUIDE_EXPECT_INSTALLED"):
        paths.append(str(ROOT))  # the checkout, as the rest of the suite imports it
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(paths),
        "SMGUIDE_NETWORK_REPORT": str(report),
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        # Proxies in the environment must not matter: nothing is fetched anyway.
        "http_proxy": "http://proxy.invalid:3128",
        "https_proxy": "http://proxy.invalid:3128",
    }


RUNS = {
    "self-test": [sys.executable, "-m", "smguide", "--self-test"],
    "every-tree": [sys.executable, str(GUARD / "walk_every_tree.py")],
}


def _run(command: list[str], tmp_path: Path, prefix: list[str] = ()) -> tuple[str, str]:
    report = tmp_path / "network-report.txt"
    result = subprocess.run(
        [*prefix, *command],
        env=_environment(tmp_path, report),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    reported = report.read_text(encoding="utf-8") if report.exists() else ""
    return result.stdout, reported + "".join(
        line for line in result.stderr.splitlines(keepends=True) if line.startswith("NETWORK")
    )


def test_the_guard_catches_a_connection(tmp_path: Path) -> None:
    """The check can fail: a connection attempt is refused and reported."""
    code = (
        "import socket\n"
        "try:\n"
        "    socket.create_connection(('example.invalid', 443), timeout=1)\n"
        "except OSError as error:\n"
        "    print('refused:', error)\n"
        "from PySide6 import QtNetwork\n"
    )
    stdout, reported = _run([sys.executable, "-c", code], tmp_path)
    assert "refused: smguide must not use the network" in stdout
    assert "socket.create_connection" in reported
    assert "Qt's network module was loaded" in reported


def _strace() -> str | None:
    found = shutil.which("strace")
    if found is None:
        return None
    probe = subprocess.run(
        [found, "-f", "-qq", "-e", "trace=socket", "true"], capture_output=True, check=False
    )
    return found if probe.returncode == 0 else None


@pytest.mark.parametrize("run", RUNS)
def test_no_socket_is_ever_opened(run: str, tmp_path: Path) -> None:
    """Refused in Python; and where strace can trace, no internet socket() at all.

    The system-call trace covers the process and all its threads, Qt's own
    C++ code included (local sockets, such as D-Bus's, are not the network).
    """
    strace = _strace()
    trace = tmp_path / "strace.txt"
    prefix = (
        [strace, "-f", "-qq", "-e", "trace=socket,connect", "-o", str(trace)] if strace else []
    )
    stdout, reported = _run(RUNS[run], tmp_path, prefix)
    assert reported == ""
    assert "ready in" in stdout or "walked" in stdout
    if strace:
        calls = trace.read_text(encoding="utf-8").splitlines()
        internet = [line for line in calls if "AF_INET" in line]
        assert internet == [], internet
