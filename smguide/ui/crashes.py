"""An unexpected error in the Qt layer: logged, explained, and the app carries on.

PySide6 hands an exception escaping a slot or an event handler to
``sys.excepthook``, which by default prints it and leaves the user with a
window that silently did nothing. Here it is written to the log with its
traceback, and the user is told in plain words that something went wrong,
that the app is still usable, and where the details are for IT. A second
error while the message is showing is only logged, so a fault that repeats
on every repaint cannot stack up dialogs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType

from smguide.core import applog

TITLE = "Something went wrong"

_showing = False


def message(log: str | None) -> str:
    """What the user is told; *log* is the log file's path, if there is one."""
    text = (
        "Something unexpected went wrong in smguide. You can carry on, but if the guide "
        "does not behave as it should, close it and start it again."
    )
    if log:
        text += (
            f"\n\nThe details were written to {log}. If this happens again, please send "
            "that file to your IT service desk."
        )
    return text


def handle(
    kind: type[BaseException],
    error: BaseException,
    trace: TracebackType | None,
    show: Callable[[str], None] | None = None,
) -> None:
    """``sys.excepthook`` for the app: log, then tell the user (once at a time)."""
    global _showing
    if issubclass(kind, KeyboardInterrupt | SystemExit):
        sys.__excepthook__(kind, error, trace)
        return
    applog.error("unexpected error in the app", exc_info=(kind, error, trace))
    print(f"smguide: unexpected error: {kind.__name__}: {error}", file=sys.stderr)
    if _showing:
        return
    _showing = True
    try:
        log = applog.path()
        (show or _dialog)(message(str(log) if log else None))
    except Exception as failure:  # the dialog itself failed: keep the app going
        applog.error(f"the error dialog could not be shown: {type(failure).__name__}")
    finally:
        _showing = False


def _dialog(text: str) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        return
    box = QMessageBox(QMessageBox.Icon.Warning, TITLE, text)
    box.setObjectName("unexpectedError")
    box.exec()


def install() -> None:
    """Route unexpected exceptions here from now on."""
    sys.excepthook = handle
