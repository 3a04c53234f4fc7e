"""What the app shows when its content does not validate.

A guide with a broken tree could give wrong advice, so the trees are not
offered; the problems are listed exactly as ``smguide check`` prints them
(file, line, message) for whoever maintains the content, and the policy
documents that did load can still be read.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class ErrorsPage(QWidget):
    library_requested = Signal()
    quit_requested = Signal()

    def __init__(self, lines: list[str], can_read: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(12)
        self.title = QLabel("The guide's content has problems")
        self.title.setObjectName("pageTitle")
        self.title.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        layout.addWidget(self.title)
        count = len(lines)
        intro = QLabel(
            f"{count} problem{'s' if count != 1 else ''} stop the guide from giving advice "
            "safely, "
            "so its questions are switched off until the content is fixed. Please send this list "
            "to whoever looks after the guide's content (the same list `smguide check` prints)."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.problems = QPlainTextEdit("\n".join(lines))
        self.problems.setObjectName("problems")
        self.problems.setReadOnly(True)
        self.problems.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.problems.setAccessibleName("Problems, one per line: file, line and message")
        layout.addWidget(self.problems, 1)
        row = QHBoxLayout()
        self.library_button = QPushButton("Read the policy documents")
        self.library_button.setEnabled(can_read)
        self.library_button.clicked.connect(self.library_requested)
        row.addWidget(self.library_button)
        row.addStretch(1)
        quit_button = QPushButton("Quit")
        quit_button.setObjectName("secondary")
        quit_button.clicked.connect(self.quit_requested)
        row.addWidget(quit_button)
        layout.addLayout(row)

    def focus_first(self) -> None:
        self.title.setFocus(Qt.FocusReason.OtherFocusReason)
