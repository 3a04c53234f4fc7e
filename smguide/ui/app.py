"""Starting the desktop app, and ``--self-test`` for packaging and benchmarks."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication

from smguide import __version__
from smguide.core.model import Library, UnknownCouncilError
from smguide.core.problems import Problem
from smguide.core.snapshot import load_checked
from smguide.ui import qtlog
from smguide.ui.mainwindow import MainWindow
from smguide.ui.settings import Settings

#: How long --self-test waits for the first paint before it gives up.
SELF_TEST_TIMEOUT_MS = 30_000


class _FirstPaint(QObject):
    """Quits the event loop once the watched window has been painted."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            # Let this paint finish, then stop.
            QTimer.singleShot(0, self.app.quit)
        return False


def application() -> QApplication:
    qtlog.install()
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("smguide")
    app.setOrganizationName("smguide")
    app.setApplicationVersion(__version__)
    return app


def build_window(
    library: Library,
    council_id: str | None,
    settings: Settings,
    problems: list[Problem] | None = None,
) -> MainWindow:
    """The main window over *library* on the council asked for, or last used, or first.

    *problems* are what ``check`` finds in *library* (found again when not
    given). An unknown *council_id* raises ``UnknownCouncilError``.
    """
    return MainWindow(library, settings, council_id, problems)


def cache_dir() -> Path | None:
    """Where the validated-content snapshot lives: the user's cache folder."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    return Path(folder) if folder else None


def run(
    content_dir: Path | None = None,
    council_id: str | None = None,
    *,
    self_test: bool = False,
    started: float | None = None,
) -> int:
    """Start the app; returns the process exit status."""
    started = time.perf_counter() if started is None else started
    app = application()
    checked = load_checked(content_dir, cache_dir())
    try:
        window = build_window(checked.library, council_id, Settings(), checked.problems)
    except UnknownCouncilError as error:
        print(f"smguide: {error.args[0]}", file=sys.stderr)
        return 2
    if not self_test:
        window.show()
        return app.exec()

    watcher = _FirstPaint(app)
    window.installEventFilter(watcher)
    window.show()
    QTimer.singleShot(SELF_TEST_TIMEOUT_MS, app.quit)
    app.exec()
    window.removeEventFilter(watcher)
    if not watcher.painted:
        print("smguide: self-test failed: the window was never painted", file=sys.stderr)
        return 1
    if window.all_problems:
        print("\n".join(window.all_problems), file=sys.stderr)
        print(
            f"smguide: self-test failed: {len(window.all_problems)} content problem(s)",
            file=sys.stderr,
        )
        return 1
    elapsed = (time.perf_counter() - started) * 1000
    print(f"ready in {elapsed:.0f} ms")
    window.close()
    return 0
