"""Starting the desktop app, and ``--self-test`` for packaging and benchmarks."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from smguide import __version__
from smguide.core import applog
from smguide.core.config import load_config
from smguide.core.content_source import choose_content
from smguide.core.model import Library, UnknownCouncilError
from smguide.core.problems import Problem
from smguide.ui import crashes, qtlog
from smguide.ui.mainwindow import MainWindow
from smguide.ui.settings import Settings

#: How long --self-test waits for the first paint before it gives up.
SELF_TEST_TIMEOUT_MS = 30_000
#: The window icon is set this long after start: loading Qt's QIcon class
#: costs about 6 ms, which the first paint need not wait for.
ICON_DELAY_MS = 300


class _FirstPaint(QObject):
    """Stops the event loop once a watched widget has been painted.

    Installed on the window, or on what covers it (a kiosk's attract screen,
    when the window itself is never painted), never on the application:
    a Python filter there would be called for every event of the start.
    Stops with ``exit``, not ``quit``: Qt 6's ``quit`` first asks every
    window to close, and a kiosk refuses.
    """

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            # Let this paint finish, then stop.
            QTimer.singleShot(0, lambda: self.app.exit(0))
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


def set_window_icon(app: QApplication) -> None:
    """Give every window smguide's icon (the bundle's program file carries it too)."""
    from PySide6.QtGui import QIcon

    from smguide.core.locations import resources_dir

    path = resources_dir() / "icons" / "smguide.png"
    if path.is_file():
        app.setWindowIcon(QIcon(str(path)))


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


def data_dir() -> Path | None:
    """The user's data folder: the records and the log."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder) if folder else None


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
    kiosk: bool = False,
    config_path: Path | None = None,
) -> int:
    """Start the app; returns the process exit status.

    The machine's configuration file can name the council, a content folder
    and turn kiosk mode on; ``--kiosk`` turns it on whatever the file says. A
    kiosk keeps its settings in memory and writes no content snapshot: it
    writes nothing. The self-test reads the user's settings but leaves them
    as they were.
    """
    started = time.perf_counter() if started is None else started
    config = load_config(config_path, explicit=config_path is not None)
    if kiosk:
        config = config.with_kiosk()
    for problem in config.problems:
        print(f"smguide: {problem}", file=sys.stderr)
    app = application()
    # A kiosk writes nothing, so keeps no log; an unexpected error is still explained.
    applog.configure(None if config.kiosk else data_dir())
    crashes.install()
    # A kiosk may read the cache (a snapshot, the content folder's last good
    # copy) but writes nothing.
    chosen = choose_content(content_dir, config.content, cache_dir(), writable=not config.kiosk)
    checked = chosen.checked
    if chosen.source.fallen_back:
        print(f"smguide: {chosen.source.describe()}", file=sys.stderr)
    if council_id is None and config.council is not None:
        if config.council in checked.library.councils:
            council_id = config.council
        else:
            print(
                f"smguide: {config.path}: unknown council {config.council!r}; "
                "showing the default one",
                file=sys.stderr,
            )
    if config.kiosk:
        settings = Settings.in_memory()
    else:
        settings = Settings.read_only() if self_test else Settings()
    try:
        if config.kiosk:
            from smguide.ui.kiosk import KIOSK_ZOOM

            settings.zoom = KIOSK_ZOOM
        window = MainWindow(
            checked.library,
            settings,
            council_id,
            checked.problems,
            kiosk=config.kiosk,
            printer=config.printer,
            source=chosen.source,
        )
    except UnknownCouncilError as error:
        print(f"smguide: {error.args[0]}", file=sys.stderr)
        return 2
    if config.problems and not config.kiosk:
        window.statusBar().showMessage(
            f"The configuration file {config.path} has problems: run 'smguide config'.", 20000
        )
    show: Callable[[], None] = window.show
    first_shown: QWidget = window
    if config.kiosk:
        from smguide.ui.kiosk import Kiosk

        locked = Kiosk(window, config)
        show, first_shown = locked.start, locked.attract
    QTimer.singleShot(ICON_DELAY_MS, lambda: set_window_icon(app))
    if not self_test:
        show()
        return app.exec()

    watcher = _FirstPaint(app)
    first_shown.installEventFilter(watcher)
    show()
    QTimer.singleShot(SELF_TEST_TIMEOUT_MS, lambda: app.exit(1))
    app.exec()
    first_shown.removeEventFilter(watcher)
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
    window.may_close = True
    window.close()
    return 0
