"""The urgent panel: on every screen, one click into what cannot wait."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from smguide.core.model import UrgentEntry
from smguide.ui.widgets import WrapButton


class UrgentPanel(QFrame):
    tree_chosen = Signal(str)

    def __init__(self, entries: tuple[UrgentEntry, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("urgent")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(32, 8, 32, 8)
        label = QLabel("Urgent?")
        layout.addWidget(label)
        self.buttons: dict[str, WrapButton] = {}
        for entry in entries:
            button = WrapButton(lines=[("urgentLabel", entry.label)])
            button.setObjectName("urgentButton")
            button.setAccessibleName(f"Urgent: {entry.label}")
            button.clicked.connect(lambda _=False, tree=entry.tree: self.tree_chosen.emit(tree))
            layout.addWidget(button)
            self.buttons[entry.tree] = button
        layout.addStretch(0)
