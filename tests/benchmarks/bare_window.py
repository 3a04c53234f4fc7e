"""The baseline: a bare PySide6 window with a QTextBrowser, quit once painted.

Run as a script it is the start-up baseline for bench_startup.py; imported,
``paint_time`` gives the in-process baseline for the other benchmarks. It
imports nothing from smguide on purpose (its quit-on-paint filter repeats
the self-test's): a baseline that loaded the app would measure the app.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QTextBrowser


class _QuitOnPaint(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            QTimer.singleShot(0, self.app.quit)
        return False


def paint_time(app: QApplication, html: str) -> float:
    """Seconds to set *html* in a fresh shown QTextBrowser and paint it."""
    view = QTextBrowser()
    view.resize(900, 600)
    view.show()
    app.processEvents()
    start = time.perf_counter()
    view.setHtml(html)
    view.repaint()
    elapsed = time.perf_counter() - start
    view.close()
    return elapsed


def main() -> int:
    app = QApplication(sys.argv[:1])
    view = QTextBrowser()
    view.setHtml("<h1>Hello</h1><p>A bare window.</p>")
    watcher = _QuitOnPaint(app)
    view.installEventFilter(watcher)
    view.show()
    app.exec()
    return 0 if watcher.painted else 1


if __name__ == "__main__":
    raise SystemExit(main())
