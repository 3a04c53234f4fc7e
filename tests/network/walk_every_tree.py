"""Walks every route of every tree of every council in the real window, offscreen.

Run by tests/test_no_network.py with sockets refused. Each outcome is shown
in the window with the help of each question open, each tree's first record
is saved as a PDF, and each council's library and search are used, so all of
the app's rendering paths run.
Prints how many steps it took.
"""

from __future__ import annotations

import datetime
import sys
import tempfile
from pathlib import Path

from smguide.core.loading import load_library
from smguide.core.routes import routes
from smguide.ui.app import application, build_window
from smguide.ui.printing import save_pdf
from smguide.ui.settings import Settings


def main() -> int:
    app = application()
    now = datetime.datetime.now()
    library = load_library()
    steps = 0
    with tempfile.TemporaryDirectory() as scratch:
        for council_id, content in library.councils.items():
            window = build_window(library, council_id, Settings(Path(scratch) / "s.ini"))
            window.show()
            app.processEvents()
            window.search_index().search("someone threatened to sue me over a post")
            for tree in content.trees.values():
                for number, route in enumerate(routes(tree)):
                    window.start_tree(tree.id)
                    for step in route.steps:
                        page = window.walk_page
                        page.question_view.help_toggle.setChecked(True)
                        window.model.answer(step.option.id)
                        app.processEvents()
                        steps += 1
                    if number == 0 and window.model.walk is not None:
                        html = window.renderer.printable(window.model.walk, now, "test")
                        save_pdf(html, Path(scratch) / "record.pdf", title="record")
            for document in content.documents.values():
                clause = document.clauses[0].id if document.clauses else None
                window.open_library(clause)
                app.processEvents()
            window.may_close = True
            window.close()
    print(f"walked {steps} steps")
    return 0


if __name__ == "__main__":
    sys.exit(main())
