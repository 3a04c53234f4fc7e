"""The policy library: read any document of the council, open at a clause."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smguide.core.model import CouncilContent
from smguide.core.rendering import Renderer
from smguide.ui.richview import RichView


class LibraryPage(QWidget):
    """A simple reader: documents on the left, the chosen one on the right."""

    back_requested = Signal()
    outside_link = Signal(str)

    def __init__(
        self, content: CouncilContent, renderer: Renderer, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.content = content
        self.renderer = renderer
        self.current_document: str | None = None
        self.current_clause: str | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 20, 32, 20)
        top = QHBoxLayout()
        title = QLabel("Policy library")
        title.setObjectName("pageTitle")
        top.addWidget(title)
        top.addStretch(1)
        self.back_button = QPushButton("Back")
        self.back_button.setObjectName("secondary")
        self.back_button.setAccessibleName("Back to where you were")
        self.back_button.clicked.connect(self.back_requested)
        top.addWidget(self.back_button)
        outer.addLayout(top)

        self.changes_button = QPushButton("What changed in the new version")
        self.changes_button.setObjectName("secondary")
        self.changes_button.setAccessibleName(
            "Compare this superseded version with the version that replaced it"
        )
        self.changes_button.clicked.connect(self.show_changes)
        self.changes_button.hide()
        top.insertWidget(2, self.changes_button)

        body = QHBoxLayout()
        self.documents = QListWidget()
        self.documents.setAccessibleName("Policy documents")
        self.documents.setWordWrap(True)
        # Titles wrap rather than scroll sideways.
        self.documents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.documents.setTextElideMode(Qt.TextElideMode.ElideNone)
        heading = QListWidgetItem(content.council.name)
        heading.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a label, not a choice: not selectable
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.documents.addItem(heading)
        for document in content.documents.values():
            item = QListWidgetItem(f"{document.title}\n({document.status})")
            item.setData(Qt.ItemDataRole.UserRole, document.id)
            self.documents.addItem(item)
        self.documents.currentItemChanged.connect(self._on_document_chosen)
        body.addWidget(self.documents, 1)
        self.view = RichView()
        self.view.setAccessibleName("Document text")
        self.view.clause_requested.connect(self.show_clause)
        self.view.outside_link.connect(self.outside_link)
        body.addWidget(self.view, 3)
        outer.addLayout(body, 1)
        if self.documents.count() > 1:
            self.documents.setCurrentRow(1)

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_document_chosen(self, item: QListWidgetItem | None, _: object = None) -> None:
        if item is not None:
            self.show_document(item.data(Qt.ItemDataRole.UserRole))

    def show_document(self, document_id: str, clause_id: str | None = None) -> None:
        document = self.content.documents.get(document_id)
        if document is None:
            return
        if (document_id, clause_id) != (self.current_document, self.current_clause):
            self.current_document, self.current_clause = document_id, clause_id
            self.view.setHtml(self.renderer.document(document, highlight=clause_id))
        self.changes_button.setVisible(
            not document.current and document.superseded_by in self.content.documents
        )
        for row in range(self.documents.count()):
            item = self.documents.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == document_id:
                self.documents.blockSignals(True)
                self.documents.setCurrentRow(row)
                self.documents.blockSignals(False)
        if clause_id:
            self.view.scrollToAnchor(clause_id)
        else:
            self.view.verticalScrollBar().setValue(0)

    @Slot()
    def show_changes(self) -> None:
        """Compare the superseded document on show with the one that replaced it."""
        old = self.content.documents.get(self.current_document or "")
        new = self.content.documents.get(old.superseded_by) if old else None
        if old is None or new is None:
            return
        self.view.setHtml(self.renderer.changes(old, new))
        self.current_clause = "changes"  # the next show_document redraws the document
        self.view.setFocus()

    @Slot(str)
    def show_clause(self, clause_id: str) -> bool:
        """Open the document holding *clause_id* at that clause; False if it is unknown."""
        if self.content.clause(clause_id) is None:
            return False
        self.show_document(clause_id.partition(":")[0], clause_id)
        return True
