"""Where Qt's own messages go.

Qt's platform plugins print a few notices that say nothing about the app
(the offscreen plugin's "does not support propagateSizeHints()"). Those
known ones are dropped so stderr stays meaningful: the packaging smoke test
fails on anything unexpected there. Everything else is passed on, and
warnings and worse also go to the app's log.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

from smguide.core import applog

#: Messages from platform plugins that are expected and harmless.
BENIGN = ("This plugin does not support propagateSizeHints()",)


def _handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if message.startswith(BENIGN):
        return
    level = {
        QtMsgType.QtDebugMsg: "debug",
        QtMsgType.QtInfoMsg: "info",
        QtMsgType.QtWarningMsg: "warning",
        QtMsgType.QtCriticalMsg: "critical",
        QtMsgType.QtFatalMsg: "fatal",
    }.get(kind, "message")
    print(f"Qt {level}: {message}", file=sys.stderr)
    if level in ("warning", "critical", "fatal"):
        applog.warning(f"Qt {level}: {message}")


def install() -> None:
    qInstallMessageHandler(_handler)
