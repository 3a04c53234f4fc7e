"""Start-up: ``smguide --self-test`` against a bare PySide6 window, interleaved.

Both are whole processes timed from launch to exit (the bare window quits
when it has painted, as the self-test does), alternating so that any drift in
the machine's load affects both alike. The app is started as people start
it, by the ``smguide`` launcher installed beside the interpreter (``python -m
smguide`` adds runpy's 5-7 ms, which no user pays); without one, ``-m``.

The target is for an ordinary start, when the user's cache holds the
validated-content snapshot of the last start. A first start (after an
install or a content change: no snapshot, so every file is parsed and
validated) is measured too, with an empty cache folder each time, and
printed apart.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET_RATIO = 1.5


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, capture_output=True, timeout=120)
    return time.perf_counter() - start


def launcher() -> list[str]:
    """How to start smguide: its installed launcher, else ``python -m smguide``."""
    folder = Path(sys.executable).parent
    for name in ("smguide", "smguide.exe"):
        if (folder / name).is_file():
            return [str(folder / name)]
    return [sys.executable, "-m", "smguide"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    bare_cmd = [sys.executable, str(HERE / "bare_window.py")]
    app_cmd = [*launcher(), "--self-test"]
    timed(bare_cmd, env)  # warm the file cache for both before measuring
    timed(app_cmd, env)
    bare, app, first = [], [], []
    with tempfile.TemporaryDirectory() as scratch:
        for run in range(args.runs):
            bare.append(timed(bare_cmd, env))
            app.append(timed(app_cmd, env))
            empty_cache = {**env, "XDG_CACHE_HOME": str(Path(scratch) / f"cache-{run}")}
            first.append(timed(app_cmd, empty_cache))
    bare_ms, app_ms = statistics.median(bare) * 1000, statistics.median(app) * 1000
    first_ms = statistics.median(first) * 1000
    ratio = app_ms / bare_ms
    print(f"runs each:               {args.runs} ({' '.join(app_cmd)})")
    print(f"bare PySide6 window:     median {bare_ms:.0f} ms")
    print(f"smguide --self-test:     median {app_ms:.0f} ms")
    print(f"ratio:                   {ratio:.2f} (target at most {TARGET_RATIO})")
    print(f"first start, no snapshot: median {first_ms:.0f} ms, ratio {first_ms / bare_ms:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
