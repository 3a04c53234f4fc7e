"""Everything by keyboard alone: every tree of every council with Tab and Enter, the
urgent panel, Change buttons, search results, clause links and dialogs; and no
keyboard traps (Tab always moves on, and comes round again)."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from smguide.core.routes import routes

TAB = Qt.Key.Key_Tab
NONE = Qt.KeyboardModifier.NoModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def press(qtbot, window, key, modifier=NONE) -> None:
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


def tab_to(qtbot, window, target: QWidget, backwards: bool = False, limit: int = 80) -> None:
    """Press Tab (or Shift+Tab) until *target* has focus, as a keyboard user would."""
    for _ in range(limit):
        if QApplication.focusWidget() is target:
            return
        press(
            qtbot, window, Qt.Key.Key_Backtab if backwards else TAB, SHIFT if backwards else NONE
        )
    raise AssertionError(f"Tab never reached {target.accessibleName() or target}")


@pytest.mark.parametrize("council", ["nottinghamshire", "wbc", "north-lincolnshire"])
def test_every_route_of_every_tree_with_tab_and_enter(qtbot, make_window, library, council):
    window = make_window(council=council)
    content = library.council(council)
    for tree in content.trees.values():
        for route in routes(tree):
            window.go_home()
            tab_to(qtbot, window, window.home.tiles[tree.id])
            press(qtbot, window, Qt.Key.Key_Return)
            for step in route.steps:
                view = window.walk_page.question_view
                assert QApplication.focusWidget() is view.question
                index = [o.id for o in step.question.options].index(step.option.id)
                tab_to(qtbot, window, view.buttons[index])
                press(qtbot, window, Qt.Key.Key_Return)
            assert window.model.walk.outcome == route.outcome, (tree.id, route.steps)
            assert QApplication.focusWidget() is window.walk_page.outcome_view.verdict


def test_the_urgent_panel_is_reached_from_a_question(qtbot, make_window) -> None:
    window = make_window()
    window.start_tree("friend-request")
    urgent = window.urgent.buttons["legal-threat"]
    tab_to(qtbot, window, urgent, backwards=True)
    press(qtbot, window, Qt.Key.Key_Space)
    assert window.model.walk.tree.id == "legal-threat"


def test_change_buttons_by_keyboard(qtbot, make_window) -> None:
    window = make_window()
    window.start_tree("friend-request")
    press(qtbot, window, Qt.Key.Key_1)
    press(qtbot, window, Qt.Key.Key_1)
    assert window.model.walk.outcome is not None
    tab_to(qtbot, window, window.walk_page.answers.change_buttons[0])
    press(qtbot, window, Qt.Key.Key_Space)
    assert window.model.walk.question.id == "who"
    assert window.model.walk.selected is not None


def test_search_results_by_keyboard(qtbot, make_window) -> None:
    window = make_window()
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.home.search.field
    qtbot.keyClicks(window.home.search.field, "a parent added me on facebook")
    press(qtbot, window, Qt.Key.Key_Down)
    buttons = window.home.search.buttons
    assert QApplication.focusWidget() is buttons[0]
    press(qtbot, window, TAB)
    assert QApplication.focusWidget() is buttons[1]
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() in (window.walk_page, window.library)


def test_a_clause_link_opens_the_library_by_keyboard(qtbot, make_window) -> None:
    window = make_window()
    window.start_tree("friend-request")
    press(qtbot, window, Qt.Key.Key_1)
    press(qtbot, window, Qt.Key.Key_1)
    view = window.walk_page.outcome_view.view
    tab_to(qtbot, window, view)
    # In the advice, Tab moves from link to link; Enter follows the one with focus.
    press(qtbot, window, TAB)
    assert view.textCursor().hasSelection(), "Tab did not reach a link in the advice"
    with qtbot.waitSignal(view.clause_requested) as followed:
        press(qtbot, window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.library
    assert window.library.current_clause == followed.args[0]


def _focus_cycle(qtbot, window, presses: int) -> list[QWidget]:
    seen = []
    for _ in range(presses):
        press(qtbot, window, TAB)
        seen.append(QApplication.focusWidget())
    return seen


def _reachable(page: QWidget) -> set[QWidget]:
    return {
        widget
        for widget in page.findChildren(QWidget)
        if widget.isVisible()
        and widget.isEnabled()
        and widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
    }


@pytest.mark.parametrize("page", ["home", "question", "outcome", "library"])
def test_no_keyboard_trap_and_everything_reached(qtbot, make_window, page) -> None:
    window = make_window()
    if page in ("question", "outcome"):
        window.start_tree("friend-request")
    if page == "outcome":
        press(qtbot, window, Qt.Key.Key_1)
        press(qtbot, window, Qt.Key.Key_1)
    if page == "library":
        window.open_library("ncc-guidelines:29")
    shown = window.stack.currentWidget()
    expected = _reachable(shown) | _reachable(window.urgent)
    seen = _focus_cycle(qtbot, window, 3 * len(expected) + 60)
    # Never stuck: focus leaves every widget within a few presses (a text view's links
    # take one press each), and every control of the page and the urgent panel is met.
    longest = max(len(list(run)) for _, run in itertools.groupby(seen, key=id))
    assert longest < 25, "focus stayed put: a keyboard trap"
    assert expected <= set(seen), [w.accessibleName() or w for w in expected - set(seen)]


def test_dialogs_close_with_escape(qtbot, make_window, wait_active) -> None:
    window = make_window()
    closed: list[bool] = []

    def escape() -> None:
        dialog = QApplication.activeModalWidget()
        closed.append(dialog is not None)
        if dialog is not None:
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(100, escape)
    window.show_about()
    assert closed == [True]

    from smguide.ui.manager import NewSessionDialog

    dialog = NewSessionDialog(window)
    dialog.open()
    wait_active(dialog)
    fields = [dialog.kind, dialog.people, dialog.role, dialog.manager, dialog.date]
    dialog.kind.setFocus()
    reached = set()
    for _ in range(20):
        reached.add(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget() or dialog, TAB)
    assert set(fields) <= reached | {w.parentWidget() for w in reached if w is not None}
    qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()


def test_tab_leaves_a_managers_notes(qtbot, make_window, tmp_path, monkeypatch) -> None:
    """Tab in the notes moves on rather than typing a tab: no trap in manager mode."""
    from smguide.ui import manager
    from smguide.ui.manager import NewSessionDialog

    monkeypatch.setattr(manager, "records_path", lambda: tmp_path / "records.sqlite")

    def exec_(dialog: NewSessionDialog) -> int:
        dialog.people.setText("Sam Jones")
        dialog.manager.setText("Alex Green")
        dialog._check()
        return dialog.result()

    monkeypatch.setattr(NewSessionDialog, "exec", exec_)
    window = make_window()
    window.new_session()
    page = window._session_page
    page.tabs.setCurrentIndex(page.tabs.count() - 1)
    for editor in (page.notes, page.actions_edit):
        editor.setFocus()
        qtbot.waitUntil(editor.hasFocus, timeout=2000)
        qtbot.keyClick(editor, TAB)
        assert not editor.hasFocus() and "\t" not in editor.toPlainText()
