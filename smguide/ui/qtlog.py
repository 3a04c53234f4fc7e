"""Where Qt's own messages go.

Qt's platform plugins print a few notices that say nothing about the app
(the offscreen plugin's "does not support propagateSizeHints()"). Those
known ones are dropped so stderr stays meaningful: the packaging smoke test
fails on anything unexpected there. Everything else is passed on.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

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


def install() -> None:
    qInstallMessageHandler(_handler)
