"""Lists whose items wrap: whole titles at any text size, never elided, never sideways.

Kept apart from ``widgets`` because the start-up path must not load the
item-view classes or the ``Qt`` namespace (see ``widgets.WrapButton``); the
pages with lists are built later.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtWidgets import QListWidget, QStyledItemDelegate, QStyleOptionViewItem


class _WrappingDelegate(QStyledItemDelegate):
    """Sizes wrapped items for the width they are painted in.

    With a style sheet that pads items, Qt measures a wrapped item's text
    against the whole row but paints it inside the padding, so a title that
    only just fits on one line in the measurement is painted elided ("…").
    Measuring against a row narrower by the padding and a margin of a line's
    height gives such an item its second line instead.
    """

    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        width = self._view.viewport().width() - 2 * self._view.spacing()
        measured = QStyleOptionViewItem(option)
        if measured.rect.width() <= 0 or measured.rect.width() > width:
            measured.rect.setWidth(width)
        measured.rect.setWidth(max(1, measured.rect.width() - 2 * option.fontMetrics.height()))
        size = super().sizeHint(measured, index)
        return QSize(min(size.width(), width), size.height())


def wrap_items(view: QListWidget) -> None:
    """Makes a list show every item's whole text, wrapped, and never scroll sideways."""
    view.setWordWrap(True)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    # Lay the items out again when the list is resized (a splitter, a zoom).
    view.setResizeMode(QListWidget.ResizeMode.Adjust)
    view.setItemDelegate(_WrappingDelegate(view))
