"""Small widgets shared by the pages."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)


def escape(text: str) -> str:
    """Plain text made safe for a rich-text label."""
    import html  # here: its table of entities costs start-up 2 ms, and the home page needs none

    return html.escape(text, quote=False)


def plain(text: str) -> str:
    """*text* as a label shows it literally, without naming ``Qt.TextFormat``.

    A label reads text as rich only if it holds a tag or an entity, so text
    without ``<`` or ``&`` is shown as it is (and laid out as cheap plain
    text); any other text is escaped and shown as rich text.
    """
    if "<" in text or "&" in text:
        return f"<div>{escape(text)}</div>"
    return text


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
    """A push button whose text wraps, for long answers and tiles.

    QPushButton never wraps its text; this one holds word-wrapping labels
    and reports a height for its width, so layouts give it room at any zoom.

    Given *rich_text*, it holds one label, set inside a ``<div>`` so QLabel
    always reads it as rich text. Given *lines* instead, it holds a label
    for each ``(object name, text)``, styled by the style sheet through its
    name: plain text is laid out several times faster than rich text, and
    the home page is built from these buttons. A press on a label is not
    taken by the label (it has no links), so it reaches the button. All
    without naming ``Qt`` enums: the first use of the ``Qt`` namespace
    builds all of its enums, which costs start-up 20 ms or more.
    """

    def __init__(
        self,
        rich_text: str = "",
        parent: QWidget | None = None,
        *,
        lines: Sequence[tuple[str, str]] = (),
    ) -> None:
        super().__init__(parent)
        self._layout: QBoxLayout = QVBoxLayout(self) if lines else QHBoxLayout(self)
        self._layout.setContentsMargins(14, 10, 14, 10)
        self._layout.setSpacing(2)
        self.labels = [WrapLabel(self) for _label in range(len(lines) or 1)]
        #: The first (or only) label.
        self.label = self.labels[0]
        if lines:
            for label, (name, text) in zip(self.labels, lines, strict=True):
                label.setObjectName(name)
                label.setText(plain(text))
        else:
            self.set_text(rich_text)
        for label in self.labels:
            self._layout.addWidget(label)
        if lines:  # in a taller row of a grid, the lines stay together at the top
            self._layout.addStretch(1)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_text(self, rich_text: str) -> None:
        """Show *rich_text* (already escaped where it holds content) in the only label."""
        self.label.setText(f"<div>{rich_text}</div>")

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._mark_focus(True)
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._mark_focus(False)
        super().focusOutEvent(event)

    def _mark_focus(self, focused: bool) -> None:
        """Style sheets cannot colour a child by its parent's focus: the labels are told."""
        for label in self.labels:
            label.setProperty("focused", "true" if focused else "false")
            label.style().unpolish(label)
            label.style().polish(label)

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


def clearable(field: QLineEdit, name: str) -> None:
    """Give *field* a clear button that a screen reader can name (Qt leaves it nameless)."""
    field.setClearButtonEnabled(True)
    for button in field.findChildren(QToolButton):
        button.setAccessibleName(name)
