"""Walking a tree: the question or the outcome, beside "Your answers".

The page redraws itself from the ``WalkModel`` whenever it changes; clicks
only call the model. Choosing an option answers at once (one click per
question at the moment of doubt); when the employee returns to a question,
their earlier answer is shown selected and Continue keeps it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from smguide.core.model import Question
from smguide.core.rendering import CLAUSE_SCHEME, Renderer
from smguide.core.verdicts import VERDICTS
from smguide.core.walk import Walk
from smguide.ui.announce import announce
from smguide.ui.richview import RichView
from smguide.ui.state import WalkModel
from smguide.ui.widgets import WrapButton, escape, scrolling_column


def spoken_change(walk: Walk, *, chose: bool) -> str:
    """What a screen reader says when the page changes: the answer just chosen, then
    the new question (and the answer given before, if any) or the verdict."""
    parts = []
    if chose and walk.steps:
        parts.append(f"You chose: {walk.steps[-1].option.label}.")
    question, outcome = walk.question, walk.outcome
    if question is not None:
        parts.append(f"Question {walk.number}: {question.text}")
        earlier = question.option(walk.selected) if walk.selected else None
        if earlier is not None:
            parts.append(f"Your earlier answer is selected: {earlier.label}.")
        if walk.error:
            parts.append(walk.error)
    elif outcome is not None:
        parts.append(f"{VERDICTS[outcome.verdict].label}: {outcome.title}.")
    return " ".join(parts)


class OptionButton(WrapButton):
    """A large answer button, numbered for the keyboard. Reused from question to question."""

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.number = number
        self.setObjectName("option")
        self.setAutoDefault(True)  # Enter on a focused option chooses it
        self._selected: bool | None = None

    def set_option(self, text: str, selected: bool) -> None:
        self.set_text(f"<b>{self.number}</b>&nbsp;&nbsp;{escape(text)}")
        self.setAccessibleName(text)
        description = f"Answer {self.number}. Press {self.number} to choose it."
        self.setAccessibleDescription(
            f"Your earlier answer. {description}" if selected else description
        )
        if selected != self._selected:
            # Re-polishing is what makes a style sheet costly: only when it changes.
            self._selected = selected
            self.setProperty("selected", "true" if selected else "false")
            self.style().unpolish(self)
            self.style().polish(self)


class AnswerRow(QWidget):
    """One answer in the panel: the question, the answer and a Change button."""

    def __init__(self, panel: AnswersPanel) -> None:
        super().__init__()
        self.node = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.question.setObjectName("hint")
        self.question.setTextFormat(Qt.TextFormat.PlainText)  # content's words, never HTML
        self.answer = QLabel()
        self.answer.setWordWrap(True)
        self.change = QPushButton("Change")
        self.change.setObjectName("change")
        self.change.clicked.connect(lambda: panel.change_requested.emit(self.node))
        line = QHBoxLayout()
        line.addWidget(self.change)
        line.addStretch(1)
        layout.addWidget(self.question)
        layout.addWidget(self.answer)
        layout.addLayout(line)

    def set_step(self, node: str, question: str, answer: str) -> None:
        self.node = node
        self.question.setText(question)
        self.answer.setText(f"<b>{escape(answer)}</b>")
        self.change.setAccessibleName(f"Change your answer to: {question}")


class AnswersPanel(QFrame):
    """Every answer so far, each with a Change button."""

    change_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("answers")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(14, 12, 14, 12)
        title = QLabel("Your answers")
        title.setObjectName("sectionTitle")
        outer.addWidget(title)
        self.empty = QLabel("Your answers will appear here.")
        self.empty.setObjectName("hint")
        self.empty.setWordWrap(True)
        outer.addWidget(self.empty)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(10)
        outer.addLayout(self.rows_layout)
        outer.addStretch(1)
        self.rows: list[AnswerRow] = []
        self.change_buttons: list[QPushButton] = []

    def show_walk(self, walk: Walk) -> None:
        while len(self.rows) < len(walk.steps):
            row = AnswerRow(self)
            self.rows_layout.addWidget(row)
            self.rows.append(row)
        for row, step in zip(self.rows, walk.steps, strict=False):
            row.set_step(step.question.id, step.question.text, step.option.label)
            row.show()
        for row in self.rows[len(walk.steps) :]:
            row.hide()
        self.empty.setVisible(not walk.steps)
        self.change_buttons = [row.change for row in self.rows[: len(walk.steps)]]


class QuestionView(QScrollArea):
    """One question: where you are, the question, why we ask, and the answers."""

    chosen = Signal(str)

    def __init__(self, renderer: Renderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.renderer = renderer
        layout = scrolling_column(self, (0, 0, 8, 0))

        self.where = QLabel()
        self.where.setObjectName("where")
        self.where.setTextFormat(Qt.TextFormat.PlainText)  # content's words, never HTML
        self.where.setWordWrap(True)
        layout.addWidget(self.where)
        self.question = QLabel()
        self.question.setObjectName("question")
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.question.setWordWrap(True)
        self.question.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        layout.addWidget(self.question)

        self.help_toggle = QToolButton()
        self.help_toggle.setObjectName("helpToggle")
        self.help_toggle.setCheckable(True)
        self.help_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.help_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.help_toggle.setText("Why are we asking?")
        self.help_toggle.setAccessibleName("Why are we asking?")
        self.help_toggle.toggled.connect(self._on_help_toggled)
        layout.addWidget(self.help_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        self.help_box = QFrame()
        self.help_box.setObjectName("helpBox")
        help_layout = QVBoxLayout(self.help_box)
        help_layout.setContentsMargins(14, 8, 14, 8)
        self.help_text = QLabel()
        self.help_text.setWordWrap(True)
        self.help_text.setTextFormat(Qt.TextFormat.RichText)
        self.help_text.setOpenExternalLinks(False)
        self.help_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.help_text.setAccessibleName("Why we are asking, and what the policy says")
        help_layout.addWidget(self.help_text)
        self.help_box.hide()
        layout.addWidget(self.help_box)

        self.options_layout = QVBoxLayout()
        self.options_layout.setSpacing(10)
        layout.addLayout(self.options_layout)
        # Buttons are kept and relabelled from question to question: creating and
        # styling new ones is most of the cost of a step.
        self._pool: list[OptionButton] = []
        self._option_ids: list[str] = []
        self.buttons: list[OptionButton] = []

        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setObjectName("error")
        self.error.hide()
        layout.addWidget(self.error)
        layout.addStretch(1)

    def show_question(self, walk: Walk, question: Question) -> None:
        self.where.setText(f"{walk.tree.title} · Question {walk.number}")
        self.question.setText(question.text)
        self.question.setAccessibleName(f"Question {walk.number}: {question.text}")
        has_help = bool(question.help or question.cites)
        self.help_toggle.setVisible(has_help)
        self.help_toggle.setChecked(False)
        self.help_text.setText(self.renderer.help(question) if has_help else "")
        self._option_ids = [option.id for option in question.options]
        while len(self._pool) < len(question.options):
            button = OptionButton(len(self._pool) + 1)
            index = len(self._pool)
            button.clicked.connect(lambda _=False, i=index: self._on_option_clicked(i))
            self.options_layout.addWidget(button)
            self._pool.append(button)
        for button, option in zip(self._pool, question.options, strict=False):
            button.set_option(option.label, option.id == walk.selected)
            # Shown now, not on the next event loop pass, so focus can land on it at once.
            button.show()
        for button in self._pool[len(question.options) :]:
            button.hide()
        self.buttons = self._pool[: len(question.options)]
        self.error.setText(walk.error)
        self.error.setVisible(bool(walk.error))
        # Reading order for Tab: question, why we ask, then the answers in order.
        previous: QWidget = self.help_toggle if has_help else self.question
        self.setTabOrder(self.question, self.help_toggle)
        for button in self.buttons:
            self.setTabOrder(previous, button)
            previous = button

    def _on_option_clicked(self, index: int) -> None:
        if index < len(self._option_ids):
            self.chosen.emit(self._option_ids[index])

    @Slot(bool)
    def _on_help_toggled(self, shown: bool) -> None:
        self.help_box.setVisible(shown)
        self.help_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)


class OutcomeView(QWidget):
    """The outcome: a verdict banner in words, then the rendered advice."""

    def __init__(self, renderer: Renderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.renderer = renderer
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.banner = QFrame()
        self.banner.setObjectName("verdict")
        banner_layout = QHBoxLayout(self.banner)
        self.verdict = QLabel()
        self.verdict.setObjectName("verdictText")
        self.verdict.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        banner_layout.addWidget(self.verdict)
        layout.addWidget(self.banner)
        self.view = RichView()
        # Always there, so a long outcome is laid out once: with "as needed",
        # Qt lays it out, finds it overflows, adds the bar and lays it out again.
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.view.setAccessibleName("What to do, who to contact and what the policy says")
        layout.addWidget(self.view, 1)

    def show_outcome(self, walk: Walk) -> None:
        outcome = walk.outcome
        if outcome is None:
            return
        verdict = VERDICTS[outcome.verdict]
        if self.banner.property("verdict") != verdict.key:
            self.banner.setProperty("verdict", verdict.key)
            self.banner.style().unpolish(self.banner)
            self.banner.style().polish(self.banner)
        self.verdict.setText(f"{verdict.symbol}  {verdict.label}")
        self.verdict.setAccessibleName(f"Verdict: {verdict.label}. {outcome.title}")
        # No banner (it is the widget above) and no answers (the panel beside shows them).
        self.view.setHtml(self.renderer.outcome(outcome, (), banner=False))


class WalkPage(QWidget):
    """The page for a walk in progress, redrawn from the model."""

    print_requested = Signal()
    pdf_requested = Signal()
    clause_requested = Signal(str)
    outside_link = Signal(str)

    def __init__(
        self, model: WalkModel, renderer: Renderer, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.model = model
        self._steps_shown = 0
        #: Whether an outcome offers Save as PDF and Print (a kiosk may offer neither).
        self.offers_pdf = True
        self.offers_print = True
        outer = QHBoxLayout(self)
        outer.setContentsMargins(32, 20, 32, 20)
        outer.setSpacing(24)

        main = QVBoxLayout()
        self.stack = QStackedWidget()
        self.question_view = QuestionView(renderer)
        self.outcome_view = OutcomeView(renderer)
        self.stack.addWidget(self.question_view)
        self.stack.addWidget(self.outcome_view)
        main.addWidget(self.stack, 1)

        buttons = QHBoxLayout()
        self.back_button = self._button("Back", "secondary", "Go back to the previous question")
        self.restart_button = self._button("Start again", "secondary", "Start this topic again")
        self.continue_button = self._button("Continue", "", "Continue with your earlier answer")
        self.print_button = self._button("Print", "secondary", "Print this advice")
        self.pdf_button = self._button("Save as PDF", "", "Save this advice as a PDF file")
        for button in (self.back_button, self.restart_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.print_button, self.pdf_button, self.continue_button):
            buttons.addWidget(button)
        main.addLayout(buttons)
        outer.addLayout(main, 2)

        self.answers = AnswersPanel()
        answers_scroll = QScrollArea()
        answers_scroll.setWidgetResizable(True)
        answers_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        answers_scroll.setWidget(self.answers)
        outer.addWidget(answers_scroll, 1)

        self.back_button.clicked.connect(self.model.back)
        self.restart_button.clicked.connect(self.model.restart)
        self.continue_button.clicked.connect(self._on_continue)
        self.print_button.clicked.connect(self.print_requested)
        self.pdf_button.clicked.connect(self.pdf_requested)
        self.question_view.chosen.connect(self.model.answer)
        self.answers.change_requested.connect(self.model.change)
        self.outcome_view.view.clause_requested.connect(self.clause_requested)
        self.outcome_view.view.outside_link.connect(self.outside_link)
        self.question_view.help_text.linkActivated.connect(self._on_help_link)
        self.model.changed.connect(self._on_model_changed)

        for number in range(1, 10):
            shortcut = QShortcut(QKeySequence(str(number)), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda n=number: self.choose_number(n))

    def _button(self, text: str, name: str, accessible: str) -> QPushButton:
        button = QPushButton(text)
        if name:
            button.setObjectName(name)
        button.setAccessibleName(accessible)
        return button

    @Slot()
    def _on_model_changed(self) -> None:
        walk = self.model.walk
        if walk is None:
            return
        self.answers.show_walk(walk)
        question = walk.question
        finished = walk.outcome is not None
        if question is not None:
            self.question_view.show_question(walk, question)
            self.stack.setCurrentWidget(self.question_view)
        elif finished:
            # Shown first, so the document is laid out once, at the width it is seen at.
            self.stack.setCurrentWidget(self.outcome_view)
            self.outcome_view.show_outcome(walk)
        self.back_button.setEnabled(bool(walk.steps))
        self.print_button.setVisible(finished and self.offers_print)
        self.pdf_button.setVisible(finished and self.offers_pdf)
        self.continue_button.setVisible(question is not None and walk.selected is not None)
        self.focus_heading()
        announce(self, spoken_change(walk, chose=len(walk.steps) > self._steps_shown))
        self._steps_shown = len(walk.steps)

    def focus_heading(self) -> None:
        """Move focus to the new page's heading, so it is read out and Tab starts there."""
        walk = self.model.walk
        if walk is not None and walk.outcome is not None:
            self.outcome_view.verdict.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.question_view.question.setFocus(Qt.FocusReason.OtherFocusReason)

    def choose_number(self, number: int) -> None:
        buttons = self.question_view.buttons
        if self.stack.currentWidget() is self.question_view and 0 < number <= len(buttons):
            buttons[number - 1].click()

    @Slot()
    def _on_continue(self) -> None:
        walk = self.model.walk
        if walk is not None and walk.selected is not None:
            self.model.answer(walk.selected)

    @Slot(str)
    def _on_help_link(self, link: str) -> None:
        prefix = f"{CLAUSE_SCHEME}:"
        if link.startswith(prefix):
            self.clause_requested.emit(link.removeprefix(prefix))
        else:
            self.outside_link.emit(link)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.continue_button.isVisible()
        ):
            self._on_continue()
            return
        super().keyPressEvent(event)
