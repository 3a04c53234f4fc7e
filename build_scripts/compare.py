"""Measures smguide's bundle against a bare PySide6 window bundled the same way.

    python build_scripts/compare.py [--runs 15]

Builds both (same Python, same PyInstaller, one folder each): smguide with
its spec, the bare window with PyInstaller's defaults, as anyone would
bundle a PySide6 program. Prints both sizes, their ratio (the target is at
most 0.75) and both start-ups: the time from starting the process until it
exits after its first paint, smguide by ``--self-test``, the bare window by
quitting on its first paint. Runs are interleaved (smguide, bare, smguide,
...) after one warm-up each, so a busy moment on the machine hits both
alike; the medians are reported. Qt renders offscreen.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build import ROOT, build, clean_environment, folder_size, program, pyinstaller

TARGET_RATIO = 0.75

#: The bare program: a PySide6 window that quits once it has been painted.
BARE = """\
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, lambda: QApplication.instance().exit(0))
        return False


app = QApplication(sys.argv)
window = QWidget()
window.resize(1120, 780)
watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
sys.exit(app.exec())
"""


def build_bare(work: Path) -> Path:
    """A default one-folder bundle of the bare window, built as PyInstaller builds any."""
    work.mkdir(parents=True, exist_ok=True)
    source = work / "bare.py"
    source.write_text(BARE, encoding="utf-8")
    pyinstaller(work / "dist", work / "build", "--onedir", "--specpath", str(work), str(source))
    return work / "dist" / "bare"


def start_up(executable: Path, args: list[str], env: dict[str, str], cwd: Path) -> float:
    """Milliseconds from starting *executable* until it has painted and exited."""
    started = time.perf_counter()
    subprocess.run(
        [str(executable), *args], capture_output=True, env=env, cwd=cwd, timeout=120, check=True
    )
    return (time.perf_counter() - started) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="start-ups of each (default 15)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "compare")
    args = parser.parse_args()

    args.work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    ours = build(args.work / "dist", args.work / "smguide")
    built = time.perf_counter() - started
    bare = build_bare(args.work / "bare")
    ours_size, bare_size = folder_size(ours), folder_size(bare)
    ratio = ours_size / bare_size

    with tempfile.TemporaryDirectory(prefix="smguide-compare-") as temporary:
        home = Path(temporary)
        env = clean_environment(home)
        runs: dict[str, list[float]] = {"smguide": [], "bare": []}
        commands = {
            "smguide": (program(ours, cli=True), ["--self-test"]),
            "bare": (
                program(bare).with_name("bare.exe" if sys.platform == "win32" else "bare"),
                [],
            ),
        }
        for executable, extra in commands.values():
            start_up(executable, extra, env, home)  # warm-up: caches, and smguide's snapshot
        for _ in range(args.runs):
            for name, (executable, extra) in commands.items():
                runs[name].append(start_up(executable, extra, env, home))
    ours_ms, bare_ms = statistics.median(runs["smguide"]), statistics.median(runs["bare"])

    print(f"smguide bundle built in {built:.0f} s")
    print(
        f"size     smguide {ours_size / 1e6:.1f} MB   bare PySide6 window {bare_size / 1e6:.1f} MB"
    )
    verdict = "met" if ratio <= TARGET_RATIO else "NOT met"
    print(f"ratio    {ratio:.3f} (target at most {TARGET_RATIO}: {verdict})")
    print(
        f"start-up smguide --self-test {ours_ms:5.0f} ms   bare window {bare_ms:5.0f} ms   "
        f"ratio {ours_ms / bare_ms:.2f}   (medians of {args.runs} interleaved runs, "
        "process start to exit after the first paint, offscreen)"
    )
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
