"""Manager mode: induction and supervision sessions, with a record.

A manager starts a session with an employee, goes through the suggested
topics, shows scenario cards and reveals their answers, explores what each
answer of a question would lead to, and types notes and agreed actions.
Every change goes straight to the records store (``core/records.py``), so a
crash loses at most the keystroke being typed; the record can be reopened,
added to and saved as a PDF. None of this exists in kiosk mode.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QStandardPaths, Qt, Signal, Slot
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from smguide.core.records import KINDS, Records, RecordsError, Session
from smguide.core.sessions import suggested_topics
from smguide.ui.lists import wrap_items
from smguide.ui.richview import RichView

if TYPE_CHECKING:
    from smguide.core.model import CouncilContent, Scenario
    from smguide.core.rendering import Renderer

KIND_NAMES = {
    "induction": "Induction",
    "supervision": "Supervision",
    "team-meeting": "Team meeting",
}
RECORDS_FILE = "records.sqlite"


def records_path() -> Path:
    """The records database: in the user's data folder, never in a shared place."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder or Path.home() / ".smguide") / RECORDS_FILE


def people_text(session: Session) -> str:
    return ", ".join(session.people) or "(no names given)"


def date_of(value: QDate) -> datetime.date:
    return datetime.date(value.year(), value.month(), value.day())


def _qdate(value: datetime.date) -> QDate:
    return QDate(value.year, value.month, value.day)


class NewSessionDialog(QDialog):
    """Who, what kind of session, and when: the start of a record."""

    def __init__(self, parent: QWidget | None = None, today: datetime.date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New manager session")
        form = QFormLayout(self)
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(KIND_NAMES[kind], kind)
        self.kind.setAccessibleName("Kind of session")
        self.people = QLineEdit()
        self.people.setPlaceholderText("For example: Sam Jones, Priya Shah")
        self.people.setAccessibleName("Employee names, separated by commas")
        self.role = QLineEdit()
        self.role.setAccessibleName("Employee's role (optional)")
        self.manager = QLineEdit()
        self.manager.setAccessibleName("Your name, the manager")
        self.date = QDateEdit(_qdate(today or datetime.date.today()))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMMM yyyy")
        self.date.setAccessibleName("Date of the session")
        self.vulnerable = QCheckBox("Works with children or vulnerable adults")
        self.vulnerable.setAccessibleDescription(
            "Puts the safeguarding and friend request topics first"
        )
        self.error = QLabel()
        self.error.setObjectName("pinMessage")
        self.error.setWordWrap(True)
        form.addRow("Kind of session", self.kind)
        form.addRow("Employee or employees", self.people)
        form.addRow("Role", self.role)
        form.addRow("Manager", self.manager)
        form.addRow("Date", self.date)
        form.addRow("", self.vulnerable)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Start session")
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def names(self) -> list[str]:
        return [name.strip() for name in self.people.text().split(",") if name.strip()]

    def _check(self) -> None:
        if not self.names():
            self.error.setText(
                "Please give the employee's name (several, separated by commas; "
                "for a team meeting, the team's name will do)."
            )
            self.people.setFocus()
            return
        if not self.manager.text().strip():
            self.error.setText("Please give your name as the manager.")
            self.manager.setFocus()
            return
        self.accept()


class SessionPage(QWidget):
    """One session in progress: topics on the left, the chosen topic on the right."""

    closed = Signal()
    pdf_requested = Signal(int)
    clause_requested = Signal(str)
    outside_link = Signal(str)

    def __init__(
        self,
        records: Records,
        session_id: int,
        content: CouncilContent,
        renderer: Renderer,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.records = records
        self.session_id = session_id
        self.content = content
        self.renderer = renderer
        self.tree_id: str | None = None
        self._loading = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 20, 32, 20)
        top = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # typed or content text, never HTML
        self.heading.setObjectName("pageTitle")
        self.heading.setWordWrap(True)
        top.addWidget(self.heading, 1)
        self.pdf_button = QPushButton("Save record as PDF…")
        self.pdf_button.setAccessibleName("Save the session's record as a PDF file")
        self.close_button = QPushButton("Close session")
        self.close_button.setObjectName("secondary")
        self.close_button.setAccessibleName("Close the session; it is already saved")
        top.addWidget(self.pdf_button)
        top.addWidget(self.close_button)
        outer.addLayout(top)
        self.details = QLabel()
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setObjectName("hint")
        self.details.setWordWrap(True)
        outer.addWidget(self.details)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setObjectName("pinMessage")
        self.status.setWordWrap(True)
        self.status.hide()
        outer.addWidget(self.status)

        # A splitter, so at large text sizes the manager can give the topic more room.
        body = QSplitter(Qt.Orientation.Horizontal)
        body.setChildrenCollapsible(False)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        topics_label = QLabel("Topics")
        topics_label.setObjectName("sectionTitle")
        topics_label.setToolTip("Tick a topic when it has been covered")
        self.topics = QListWidget()
        self.topics.setAccessibleName("Topics of this session; tick a topic when it is covered")
        wrap_items(self.topics)
        left_layout.addWidget(topics_label)
        left_layout.addWidget(self.topics, 1)
        body.addWidget(left)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.topic_title = QLabel()
        self.topic_title.setTextFormat(Qt.TextFormat.PlainText)
        self.topic_title.setObjectName("sectionTitle")
        self.topic_title.setWordWrap(True)
        right_layout.addWidget(self.topic_title)
        self.tabs = QTabWidget()
        right_layout.addWidget(self.tabs, 1)
        body.addWidget(right)
        body.setStretchFactor(0, 1)
        body.setStretchFactor(1, 2)
        body.setSizes([1000, 2000])
        self.splitter = body
        outer.addWidget(body, 1)

        cards = QWidget()
        cards_layout = QVBoxLayout(cards)
        row = QHBoxLayout()
        self.card_choice = QComboBox()
        self.card_choice.setAccessibleName("Scenario card")
        self.question_choice = QComboBox()
        self.question_choice.setAccessibleName("Question to explore")
        for choice in (self.card_choice, self.question_choice):
            # Long situations and questions must not widen the window: elide them.
            choice.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            choice.setMinimumContentsLength(16)
        self.reveal_button = QPushButton("Reveal the answer")
        self.reveal_button.setAccessibleName("Reveal the path and the outcome for this card")
        row.addWidget(self.card_choice, 1)
        row.addWidget(self.reveal_button)
        cards_layout.addLayout(row)
        self.card_view = RichView()
        self.card_view.setAccessibleName("The scenario card")
        cards_layout.addWidget(self.card_view, 1)
        self.tabs.addTab(cards, "Cards")

        branches = QWidget()
        branches_layout = QVBoxLayout(branches)
        self.branch_view = RichView()
        self.branch_view.setAccessibleName("What each answer leads to")
        branches_layout.addWidget(self.question_choice)
        branches_layout.addWidget(self.branch_view, 1)
        self.tabs.addTab(branches, "Every answer")

        self.key_view = RichView()
        self.key_view.setAccessibleName("The council's key clauses")
        self.tabs.addTab(self.key_view, "Key clauses")

        notes = QWidget()
        notes_layout = QVBoxLayout(notes)
        notes_label = QLabel("&Notes")
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Notes on this topic")
        self.notes.setTabChangesFocus(True)  # Tab moves on, not into the text: no keyboard trap
        notes_label.setBuddy(self.notes)
        notes_layout.addWidget(notes_label)
        notes_layout.addWidget(self.notes, 1)
        actions_label = QLabel("Agreed &actions")
        self.actions_edit = QPlainTextEdit()
        self.actions_edit.setAccessibleName("Actions agreed on this topic")
        self.actions_edit.setTabChangesFocus(True)
        actions_label.setBuddy(self.actions_edit)
        notes_layout.addWidget(actions_label)
        notes_layout.addWidget(self.actions_edit, 1)
        saved = QLabel("Every change is saved as you make it.")
        saved.setObjectName("hint")
        saved.setWordWrap(True)
        notes_layout.addWidget(saved)
        self.tabs.addTab(notes, "Notes")

        self.pdf_button.clicked.connect(lambda: self.pdf_requested.emit(self.session_id))
        self.close_button.clicked.connect(self.closed)
        self.topics.currentItemChanged.connect(self._on_topic_chosen)
        self.topics.itemChanged.connect(self._on_topic_ticked)
        self.card_choice.currentIndexChanged.connect(self._show_card)
        self.reveal_button.clicked.connect(self.reveal)
        self.question_choice.currentIndexChanged.connect(self._show_branches)
        self.notes.textChanged.connect(self._save_notes)
        self.actions_edit.textChanged.connect(self._save_actions)
        self.key_view.clause_noted.connect(self.note_clause)
        for view in (self.card_view, self.branch_view, self.key_view):
            view.clause_requested.connect(self.clause_requested)
            view.outside_link.connect(self.outside_link)
        self.refresh()

    # -- showing ----------------------------------------------------------

    def session(self) -> Session:
        return self.records.session(self.session_id)

    def refresh(self) -> None:
        """Redraw from the store, keeping the topic shown."""
        session = self.session()
        kind = KIND_NAMES.get(session.kind, session.kind)
        self.heading.setText(f"{kind}: {people_text(session)}")
        role = f" · {session.role}" if session.role else ""
        self.details.setText(f"{session.date:%d %B %Y} · with {session.manager} (manager){role}")
        self._loading = True
        current = self.tree_id
        self.topics.clear()
        for topic in session.topics:
            tree = self.content.trees.get(topic.tree)
            item = QListWidgetItem(
                tree.title if tree else f"{topic.tree} (no longer in the guide)"
            )
            item.setData(Qt.ItemDataRole.UserRole, topic.tree)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if topic.covered else Qt.CheckState.Unchecked)
            self.topics.addItem(item)
        self._loading = False
        trees = [topic.tree for topic in session.topics]
        if trees:
            self.show_topic(current if current in trees else trees[0])

    def show_topic(self, tree_id: str) -> None:
        for row in range(self.topics.count()):
            if self.topics.item(row).data(Qt.ItemDataRole.UserRole) == tree_id:
                self.topics.setCurrentRow(row)
                return

    @Slot()
    def _on_topic_chosen(self) -> None:
        item = self.topics.currentItem()
        if item is None or self._loading:
            return
        self.tree_id = item.data(Qt.ItemDataRole.UserRole)
        tree = self.content.trees.get(self.tree_id)
        topic = self.session().topic(self.tree_id)
        self._loading = True
        self.topic_title.setText(tree.title if tree else self.tree_id)
        self.card_choice.clear()
        for number, scenario in enumerate(self.content.sessions.scenarios_for(self.tree_id), 1):
            self.card_choice.addItem(f"Card {number}: {scenario.situation}", scenario.id)
        self.question_choice.clear()
        if tree is not None:
            for question in tree.questions.values():
                self.question_choice.addItem(question.text, question.id)
        self.notes.setPlainText(topic.notes if topic else "")
        self.actions_edit.setPlainText(topic.actions if topic else "")
        for edit in (self.notes, self.actions_edit):  # carry on where the text ends
            edit.moveCursor(QTextCursor.MoveOperation.End)
        self._loading = False
        self.reveal_button.setEnabled(self.card_choice.count() > 0)
        self._show_card()
        self._show_branches()
        self._show_key_clauses()

    @Slot()
    def _show_card(self) -> None:
        scenario = self._scenario()
        if scenario is None:
            self.card_view.setHtml("<p>This topic has no scenario cards.</p>")
            return
        self.card_view.setHtml(self.renderer.scenario_card(scenario))
        self.reveal_button.setEnabled(True)

    def _scenario(self) -> Scenario | None:
        scenario_id = self.card_choice.currentData()
        return self.content.sessions.scenario(scenario_id) if scenario_id else None

    @Slot()
    def reveal(self) -> None:
        """Show the card's path and outcome, and note its clauses as discussed."""
        scenario = self._scenario()
        tree = self.content.trees.get(scenario.tree) if scenario else None
        topic = self.tree_id
        if scenario is None or tree is None or topic is None:
            return
        self.card_view.setHtml(self.renderer.scenario_reveal(tree, scenario))
        self.reveal_button.setEnabled(False)
        outcome = tree.outcomes.get(scenario.outcome)
        clauses = [citation.clause for citation in outcome.cites] if outcome else []
        self._store(lambda: self.records.reveal_scenario(self.session_id, topic, scenario.id))
        if self._store(lambda: self.records.add_clauses(self.session_id, topic, clauses)):
            self._show_key_clauses()

    @Slot()
    def _show_branches(self) -> None:
        from smguide.core.branches import branches

        tree = self.content.trees.get(self.tree_id or "")
        question = tree.questions.get(self.question_choice.currentData() or "") if tree else None
        if tree is None or question is None:
            self.branch_view.clear()
            return
        self.branch_view.setHtml(
            self.renderer.branches(tree, question, branches(tree, question.id))
        )

    def _show_key_clauses(self) -> None:
        session = self.session()
        discussed: dict[str, list[str]] = {}
        for topic in session.topics:
            tree = self.content.trees.get(topic.tree)
            for clause in topic.clauses:
                discussed.setdefault(clause, []).append(tree.title if tree else topic.tree)
        tree = self.content.trees.get(self.tree_id or "")
        self.key_view.setHtml(self.renderer.key_clauses(discussed, tree.title if tree else None))

    # -- saving -----------------------------------------------------------

    @Slot(str)
    def note_clause(self, clause_id: str) -> None:
        """Notes a key clause as discussed under the topic shown, for the record."""
        topic = self.tree_id
        if topic is None:
            return
        if self._store(lambda: self.records.add_clauses(self.session_id, topic, [clause_id])):
            scrolled = self.key_view.verticalScrollBar().value()
            self._show_key_clauses()
            self.key_view.verticalScrollBar().setValue(scrolled)

    def _store(self, change: Callable[[], object]) -> bool:
        """Make one change in the store; a failure is shown on the page, not raised."""
        try:
            change()
        except RecordsError as error:
            self.status.setText(f"Not saved: {error}")
            self.status.show()
            return False
        self.status.hide()
        return True

    @Slot()
    def _save_notes(self) -> None:
        topic = self.tree_id
        if not self._loading and topic is not None:
            text = self.notes.toPlainText()
            self._store(lambda: self.records.set_notes(self.session_id, topic, text))

    @Slot()
    def _save_actions(self) -> None:
        topic = self.tree_id
        if not self._loading and topic is not None:
            text = self.actions_edit.toPlainText()
            self._store(lambda: self.records.set_actions(self.session_id, topic, text))

    @Slot(QListWidgetItem)
    def _on_topic_ticked(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        tree = item.data(Qt.ItemDataRole.UserRole)
        covered = item.checkState() == Qt.CheckState.Checked
        self._store(lambda: self.records.set_covered(self.session_id, tree, covered))


class PastSessionsPage(QWidget):
    """Earlier sessions: find, reopen, delete; and what is still to cover with someone."""

    open_requested = Signal(int)
    back_requested = Signal()

    def __init__(
        self, records: Records, content: CouncilContent, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.records = records
        self.content = content
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 20, 32, 20)
        top = QHBoxLayout()
        title = QLabel("Manager sessions")
        title.setObjectName("pageTitle")
        top.addWidget(title, 1)
        back = QPushButton("Back")
        back.setObjectName("secondary")
        back.setAccessibleName("Back to where you were")
        back.clicked.connect(self.back_requested)
        top.addWidget(back)
        outer.addLayout(top)

        filters = QHBoxLayout()
        self.employee = QComboBox()
        self.employee.setEditable(True)
        self.employee.setAccessibleName("Show sessions with this employee")
        field = self.employee.lineEdit()
        if field is not None:
            field.setPlaceholderText("Any employee")
        self.use_since = QCheckBox("From")
        self.since = QDateEdit(_qdate(datetime.date.today() - datetime.timedelta(days=365)))
        self.since.setCalendarPopup(True)
        self.since.setAccessibleName("From date")
        self.use_until = QCheckBox("To")
        self.until = QDateEdit(_qdate(datetime.date.today()))
        self.until.setCalendarPopup(True)
        self.until.setAccessibleName("To date")
        filters.addWidget(QLabel("Employee"))
        filters.addWidget(self.employee, 2)
        for widget in (self.use_since, self.since, self.use_until, self.until):
            filters.addWidget(widget)
        outer.addLayout(filters)

        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["Date", "Kind", "Employees", "Manager", "Covered"])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        # Columns follow the text size; the names take what is left.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName("Sessions, newest first")
        outer.addWidget(self.table, 1)
        self.not_covered = QLabel()
        self.not_covered.setTextFormat(Qt.TextFormat.PlainText)
        self.not_covered.setWordWrap(True)
        outer.addWidget(self.not_covered)

        buttons = QHBoxLayout()
        self.open_button = QPushButton("Open")
        self.open_button.setAccessibleName("Open the chosen session to add to it or save it")
        self.delete_button = QPushButton("Delete…")
        self.delete_button.setObjectName("secondary")
        self.delete_button.setAccessibleName("Delete the chosen session")
        self.months = QSpinBox()
        self.months.setRange(1, 120)
        self.months.setValue(24)
        self.months.setSuffix(" months")
        self.months.setAccessibleName("Age of sessions to delete, in months")
        self.delete_old_button = QPushButton("Delete sessions older than…")
        self.delete_old_button.setObjectName("secondary")
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_old_button)
        buttons.addWidget(self.months)
        outer.addLayout(buttons)

        self.employee.currentTextChanged.connect(self.refresh)
        for box in (self.use_since, self.use_until):
            box.toggled.connect(self.refresh)
        for edit in (self.since, self.until):
            edit.dateChanged.connect(self.refresh)
        self.table.itemDoubleClicked.connect(lambda _item: self._open())
        self.open_button.clicked.connect(self._open)
        self.delete_button.clicked.connect(self._delete)
        self.delete_old_button.clicked.connect(self._delete_old)
        self._fill_employees()
        self.refresh()

    def _fill_employees(self) -> None:
        text = self.employee.currentText()
        self.employee.blockSignals(True)
        self.employee.clear()
        self.employee.addItem("")
        self.employee.addItems(self.records.employees(self.content.id))
        self.employee.setCurrentText(text)
        self.employee.blockSignals(False)

    def shown(self) -> list[Session]:
        employee = self.employee.currentText().strip() or None
        since = date_of(self.since.date()) if self.use_since.isChecked() else None
        until = date_of(self.until.date()) if self.use_until.isChecked() else None
        return self.records.sessions(
            employee=employee, since=since, until=until, council=self.content.id
        )

    @Slot()
    def refresh(self) -> None:
        sessions = self.shown()
        self.table.setRowCount(len(sessions))
        for row, session in enumerate(sessions):
            covered = sum(topic.covered for topic in session.topics)
            cells = [
                f"{session.date:%d %b %Y}",
                KIND_NAMES.get(session.kind, session.kind),
                people_text(session),
                session.manager,
                f"{covered} of {len(session.topics)}",
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, session.id)
                self.table.setItem(row, column, item)
        if sessions:
            self.table.selectRow(0)
        employee = self.employee.currentText().strip()
        if employee:
            missing = self.records.topics_not_covered(
                employee, self.content.id, suggested_topics(self.content)
            )
            titles = [self.content.trees[tree].title for tree in missing]
            self.not_covered.setText(
                f"Not yet covered with {employee}: " + ("; ".join(titles) or "nothing: all done")
            )
        else:
            self.not_covered.setText("Choose an employee to see the topics not yet covered.")
        self.open_button.setEnabled(bool(sessions))
        self.delete_button.setEnabled(bool(sessions))

    def chosen(self) -> int | None:
        item = self.table.item(self.table.currentRow(), 0)
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    @Slot()
    def _open(self) -> None:
        session_id = self.chosen()
        if session_id is not None:
            self.open_requested.emit(session_id)

    def confirm(self, question: str) -> bool:
        """Ask before deleting; replaced in tests."""
        answer = QMessageBox.question(self, "Delete", question)
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def _delete(self) -> None:
        session_id = self.chosen()
        if session_id is None:
            return
        session = self.records.session(session_id)
        if self.confirm(
            f"Delete the {KIND_NAMES.get(session.kind, session.kind).lower()} with "
            f"{people_text(session)} on {session.date:%d %B %Y}? This cannot be undone."
        ):
            self.records.delete_session(session_id)
            self._fill_employees()
            self.refresh()

    @Slot()
    def _delete_old(self) -> None:
        months = self.months.value()
        if self.confirm(
            f"Delete every session older than {months} months? This cannot be undone."
        ):
            self.records.delete_older_than(months)
            self._fill_employees()
            self.refresh()
