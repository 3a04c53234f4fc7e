"""The policy library: read any document of the council, open at a clause, search them all."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smguide.core.model import CouncilContent
from smguide.core.rendering import Renderer
from smguide.core.search import SearchIndex
from smguide.ui.announce import announce
from smguide.ui.lists import wrap_items
from smguide.ui.richview import RichView
from smguide.ui.searchbox import PAUSE_MS
from smguide.ui.widgets import clearable


class LibraryPage(QWidget):
    """A simple reader: documents on the left, the chosen one on the right."""

    back_requested = Signal()
    outside_link = Signal(str)

    def __init__(
        self,
        content: CouncilContent,
        renderer: Renderer,
        search_index: Callable[[], SearchIndex],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.content = content
        self.renderer = renderer
        self._search_index = search_index
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
        column = QVBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search the documents")
        self.search.setAccessibleName("Search the policy documents")
        self.search.setAccessibleDescription(
            "Matching paragraphs of every document are listed beside, grouped by document."
        )
        clearable(self.search, "Clear the search")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PAUSE_MS)
        self._timer.timeout.connect(self.search_now)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self.search_now)
        column.addWidget(self.search)
        self.documents = QListWidget()
        self.documents.setAccessibleName("Policy documents")
        wrap_items(self.documents)  # titles wrap rather than scroll sideways
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
        column.addWidget(self.documents, 1)
        body.addLayout(column, 1)
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
    def search_now(self) -> None:
        """Show every paragraph that matches the search field, grouped by document."""
        self._timer.stop()
        text = self.search.text()
        if not text.strip():
            if self.current_clause == "search":
                self.current_clause = None
                self.current_document = None
                self._on_document_chosen(self.documents.currentItem())
            return
        grouped = self._search_index().search_library(text, typing=True)
        self.view.setHtml(self.renderer.search_results(text, grouped))
        total = sum(len(hits) for hits in grouped.values())
        announce(
            self.search,
            f"{total} matching paragraph{'s' if total != 1 else ''}, listed beside the search box."
            if total
            else "No paragraph matches those words.",
        )
        self.current_clause = "search"  # the next show_document redraws the document
        self.changes_button.hide()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

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
