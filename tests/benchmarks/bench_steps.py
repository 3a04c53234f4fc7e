"""A step: from an option click to the next page painted, over every step of every tree.

Each route of every tree of every council is walked in the real window by clicking the option
buttons; each step is timed from the click until Qt has processed the events
it caused, which includes painting what changed (an application-wide filter
checks that a paint did happen). The baseline is a bare QTextBrowser given
the same outcome HTML, set and painted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from smguide.core.loading import load_library
from smguide.core.routes import routes
from smguide.ui.app import application, build_window
from smguide.ui.settings import Settings

sys.path.insert(0, str(Path(__file__).parent))
from bare_window import paint_time

TARGET_MEDIAN_MS, TARGET_WORST_MS = 10, 50


class PaintCounter(QObject):
    """Counts paint events anywhere in the application."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3, help="times to walk every route")
    args = parser.parse_args()
    app = application()
    with tempfile.TemporaryDirectory() as folder:
        window = build_window(load_library(), None, Settings(Path(folder) / "s.ini"))
        window.resize(1280, 720)
        window.show()
        app.processEvents()
        paints = PaintCounter()
        app.installEventFilter(paints)
        steps: list[float] = []
        to_question: list[float] = []
        to_outcome: list[float] = []
        library = window.library_content
        for _ in range(args.rounds):
            for council_id, content in library.councils.items():
                window.show_council(council_id)
                for tree in content.trees.values():
                    for route in routes(tree):
                        window.start_tree(tree.id)
                        app.processEvents()
                        for step in route.steps:
                            index = [o.id for o in step.question.options].index(step.option.id)
                            button = window.walk_page.question_view.buttons[index]
                            before = paints.count
                            start = time.perf_counter()
                            button.click()
                            QApplication.processEvents()
                            elapsed = time.perf_counter() - start
                            if paints.count == before:
                                raise SystemExit(
                                    "a step was not painted: the measurement is wrong"
                                )
                            steps.append(elapsed)
                            finished = window.model.walk is not None and window.model.walk.finished
                            (to_outcome if finished else to_question).append(elapsed)
        html = window.walk_page.outcome_view.view.toHtml()
        baseline = statistics.median(paint_time(app, html) for _ in range(20))
        window.close()
    median, worst = statistics.median(steps) * 1000, max(steps) * 1000
    print(f"steps timed:             {len(steps)} ({args.rounds} rounds of every route)")
    print(
        f"click to painted:        median {median:.1f} ms (target under {TARGET_MEDIAN_MS}), "
        f"worst {worst:.1f} ms (target under {TARGET_WORST_MS})"
    )
    print(
        f"  to a question:         median {statistics.median(to_question) * 1000:.1f} ms "
        f"({len(to_question)} steps)"
    )
    print(
        f"  to an outcome:         median {statistics.median(to_outcome) * 1000:.1f} ms "
        f"({len(to_outcome)} steps)"
    )
    print(f"bare QTextBrowser page:  median {baseline * 1000:.1f} ms")
    print(f"ratio to bare page:      {median / (baseline * 1000):.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
