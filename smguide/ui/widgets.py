"""Small widgets shared by the pages."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)


def escape(text: str) -> str:
    """Plain text made safe for a rich-text label."""
    return html.escape(text, quote=False)


class WrapLabel(QLabel):
    """A word-wrapping label that remembers its height for each width.

    While a page is laid out, layouts ask each wrapped label its height for
    a width hundreds of times (375 asks for the 16 labels of the home page's
    tiles and urgent panel), and QLabel lays its text out afresh for every
    ask: that was a sixth of all the work of starting the app. The answers
    are kept until anything about the label changes (its text, or any
    change event: font, style sheet, size of text).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._heights: dict[int, int] = {}
        self.setWordWrap(True)

    def setText(self, text: str) -> None:
        self._heights.clear()
        super().setText(text)

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def changeEvent(self, event: QEvent) -> None:
        self._heights.clear()
        super().changeEvent(event)


class WrapButton(QPushButton):
    """A push button whose (rich) text wraps, for long answers and tiles.

    QPushButton never wraps its text; this one holds a word-wrapping label
    and reports a height for its width, so layouts give it room at any zoom.

    The text is set inside a ``<div>``, so QLabel always reads it as rich
    text. A press on the label is not taken by the label (it has no links),
    so it reaches the button. Both without naming ``Qt`` enums: the first use
    of the ``Qt`` namespace builds all of its enums, which costs start-up 20
    ms or more, and the home page is built from these buttons.
    """

    def __init__(self, rich_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = WrapLabel(self)
        self.set_text(rich_text)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(14, 10, 14, 10)
        self._layout.addWidget(self.label)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_text(self, rich_text: str) -> None:
        """Show *rich_text* (already escaped where it holds content)."""
        self.label.setText(f"<div>{rich_text}</div>")

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._layout.totalHeightForWidth(width)

    def sizeHint(self) -> QSize:
        hint = self._layout.totalSizeHint()
        return QSize(hint.width(), self.heightForWidth(max(hint.width(), self.width())))

    def minimumSizeHint(self) -> QSize:
        return QSize(120, self.heightForWidth(max(self.width(), 120)))


def scrolling_column(area: QScrollArea, margins: tuple[int, int, int, int]) -> QVBoxLayout:
    """Makes *area* a frameless page that scrolls a column; returns the column's layout.

    Pages scroll rather than clip, so nothing is lost at large text sizes.
    """
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    body = QWidget()
    body.setObjectName("page")
    layout = QVBoxLayout(body)
    layout.setContentsMargins(*margins)
    layout.setSpacing(12)
    area.setWidget(body)
    return layout
