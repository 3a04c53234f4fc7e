"""The home page's search: "Describe your situation", with suggestions as you type.

The index is built on the first search, not at start-up, and a search runs
once typing pauses. Each suggestion is a button: a topic starts its tree, an
answer opens the tree with the answers that lead there already given, a
policy paragraph opens in the library.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from smguide.ui.widgets import WrapButton, clearable, escape

if TYPE_CHECKING:
    from smguide.core.search import Results, SearchIndex

#: How long typing must pause before a search runs.
PAUSE_MS = 150


class SearchField(QLineEdit):
    """A line edit where Down moves to the first suggestion and Escape clears."""

    down_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        from PySide6.QtCore import Qt  # not needed until a key is pressed

        if event.key() == Qt.Key.Key_Down:
            self.down_pressed.emit()
            return
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class SearchPanel(QWidget):
    """A search field and, below it, what matches."""

    tree_chosen = Signal(str)
    #: A tree, and the option ids that lead to the outcome found.
    outcome_chosen = Signal(str, list)
    clause_chosen = Signal(str)
    #: True while there is text to search for (the page hides its tiles).
    searching = Signal(bool)

    def __init__(self, index: Callable[[], SearchIndex], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._index = index
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        label = QLabel("Describe your situation")
        label.setObjectName("sectionTitle")
        layout.addWidget(label)
        self.field = SearchField()
        self.field.setObjectName("search")
        self.field.setPlaceholderText("For example: a parent I work with added me on Facebook")
        self.field.setAccessibleName("Describe your situation")
        self.field.setAccessibleDescription(
            "Suggestions appear below as you type. Press Down to reach them, "
            "Enter to open the first, Escape to clear."
        )
        clearable(self.field, "Clear the description")
        label.setBuddy(self.field)
        layout.addWidget(self.field)
        self.status = QLabel()
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        self.status.hide()
        layout.addWidget(self.status)
        self.results = QVBoxLayout()
        self.results.setSpacing(8)
        layout.addLayout(self.results)
        self.buttons: list[WrapButton] = []
        self.last: Results | None = None

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PAUSE_MS)
        self._timer.timeout.connect(self.search_now)
        self.field.textChanged.connect(self._on_text_changed)
        self.field.returnPressed.connect(self.open_first)
        self.field.down_pressed.connect(self.focus_first_result)

    def _on_text_changed(self, text: str) -> None:
        if text.strip():
            self._timer.start()
        else:
            self._timer.stop()
            self.search_now()

    def search_now(self) -> None:
        """Search for what is in the field now and show the suggestions."""
        text = self.field.text()
        self._clear()
        if not text.strip():
            self.last = None
            self.status.hide()
            self.searching.emit(False)
            return
        results = self._index().search(text, typing=True, limit=5)
        self.last = results
        self.searching.emit(True)
        self._show(results)

    def _clear(self) -> None:
        while self.results.count():
            item = self.results.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.buttons = []

    def _show(self, results: Results) -> None:
        from smguide.core.verdicts import VERDICTS

        notes = [results.notice] if results.notice else []
        if results.empty:
            notes.append("Nothing matches those words. Try others, or choose a topic below.")
        else:
            notes.append(_count(results))
        self.status.setText(" ".join(notes))
        self.status.show()
        from smguide.ui.announce import announce  # not needed until the first search

        announce(self.field, self.status.text())
        if results.empty:
            self.searching.emit(False)  # the topics are the next best thing
            return
        if results.trees:
            self._heading("Topics")
            for tree in results.trees:
                more = f"<br>{tree.excerpt_html}" if tree.excerpt_html else ""
                # Large rather than bold, so the matching words (bold) stand out.
                button = self._button(
                    f'<span style="font-size: large;">{tree.title_html}</span>'
                    f"<br>{tree.summary_html}{more}",
                    f"Topic: {tree.title}",
                    tree.summary,
                )
                button.clicked.connect(lambda _=False, t=tree.tree: self.tree_chosen.emit(t))
        if results.outcomes:
            self._heading("Answers")
            for outcome in results.outcomes[:3]:
                verdict = VERDICTS[outcome.verdict]
                button = self._button(
                    f"{verdict.symbol} {verdict.label}: {outcome.title_html}"
                    f"<br>In “{escape(outcome.tree_title)}”",
                    f"Answer: {verdict.label}. {outcome.title}",
                    f"Opens “{outcome.tree_title}” with the answers that lead here.",
                )
                button.clicked.connect(
                    lambda _=False, t=outcome.tree, a=list(outcome.answers): (
                        self.outcome_chosen.emit(t, a)
                    )
                )
        if results.clauses:
            self._heading("In the policy")
            for clause in results.clauses[:3]:
                button = self._button(
                    f"{escape(clause.document_title)}, paragraph {escape(clause.label)}"
                    f"<br>{clause.excerpt_html}",
                    f"Policy: {clause.document_title}, paragraph {clause.label}",
                    "Opens the paragraph in the policy library.",
                )
                button.clicked.connect(lambda _=False, c=clause.clause: self.clause_chosen.emit(c))

    def _heading(self, text: str) -> None:
        label = QLabel(text)
        label.setObjectName("hint")
        self.results.addWidget(label)

    def _button(self, rich_text: str, name: str, description: str) -> WrapButton:
        button = WrapButton(rich_text)
        button.setObjectName("tile")
        button.setAutoDefault(True)
        button.setAccessibleName(name)
        button.setAccessibleDescription(description)
        self.results.addWidget(button)
        button.show()  # now, not on the next turn of the event loop: Down may focus it at once
        self.buttons.append(button)
        return button

    def open_first(self) -> None:
        """Enter in the field: search now if typing has not paused yet, then open the best."""
        if self._timer.isActive() or self.last is None:
            self._timer.stop()
            self.search_now()
        if self.buttons:
            self.buttons[0].click()

    def focus_first_result(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.search_now()
        if self.buttons:
            self.buttons[0].setFocus()

    def focus_field(self) -> None:
        self.field.setFocus()
        self.field.selectAll()

    def reset(self) -> None:
        """Empty the field and the suggestions (a new council, or a new user)."""
        self._timer.stop()
        self.field.clear()
        self.search_now()


def _count(results: Results) -> str:
    parts = [
        f"{len(items)} {noun if len(items) == 1 else noun + 's'}"
        for items, noun in (
            (results.trees, "topic"),
            (results.outcomes[:3], "answer"),
            (results.clauses[:3], "policy paragraph"),
        )
        if items
    ]
    listed = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
    return f"Suggestions: {listed}."
