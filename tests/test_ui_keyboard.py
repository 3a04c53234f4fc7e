"""The same journeys with the keyboard only: Tab, Enter, number keys, Alt+Left, Ctrl+P."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from smguide.core.routes import routes


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press delivered as a person's would be: to whatever has focus."""
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


def focus_tile(qtbot, window, tree_id: str) -> None:
    """Tab from the top of the home page until the tile has focus."""
    window.home.focus_first()
    for _ in range(20):
        if QApplication.focusWidget() is window.home.tiles[tree_id]:
            return
        press(qtbot, window, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached the {tree_id} tile")


def test_every_route_of_every_tree_by_keyboard(qtbot, make_window, ncc) -> None:
    window = make_window()
    for tree in ncc.trees.values():
        for route in routes(tree):
            window.go_home()
            focus_tile(qtbot, window, tree.id)
            press(qtbot, window, Qt.Key.Key_Return)
            for step in route.steps:
                number = [o.id for o in step.question.options].index(step.option.id) + 1
                assert QApplication.focusWidget() is window.walk_page.question_view.question
                press(qtbot, window, getattr(Qt.Key, f"Key_{number}"))
            assert window.model.walk.outcome == route.outcome
            # Focus lands on the verdict, so a screen reader announces it first.
            assert QApplication.focusWidget() is window.walk_page.outcome_view.verdict


def test_tab_order_follows_reading_order_on_a_question(qtbot, make_window) -> None:
    window = make_window()
    window.start_tree("friend-request")
    view = window.walk_page.question_view
    expected = [view.help_toggle, *view.buttons]
    seen = []
    for _ in expected:
        press(qtbot, window, Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == expected


def test_tab_then_enter_chooses_an_option(qtbot, make_window) -> None:
    window = make_window()
    window.start_tree("legal-threat")
    view = window.walk_page.question_view
    view.buttons[1].setFocus()
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.model.walk.outcome.id == "manager-must-act"


def test_alt_left_goes_back_and_enter_continues(qtbot, make_window) -> None:
    window = make_window()
    window.start_tree("friend-request")
    press(qtbot, window, Qt.Key.Key_4)
    assert window.model.walk.outcome.id == "decline-stranger"
    press(qtbot, window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.model.walk.question.id == "who"
    assert window.model.walk.selected == "stranger"
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.model.walk.outcome.id == "decline-stranger"
    # Alt+Left at the first question returns home.
    press(qtbot, window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    press(qtbot, window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.stack.currentWidget() is window.home


def test_ctrl_p_prints_and_ctrl_plus_minus_zoom(qtbot, make_window, monkeypatch) -> None:
    window = make_window()
    asked: list[bool] = []
    monkeypatch.setattr(window, "ask_printer", lambda: asked.append(True))
    window.start_tree("friend-request")
    press(qtbot, window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert asked == []  # nothing to print before an outcome
    press(qtbot, window, Qt.Key.Key_4)
    press(qtbot, window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert asked == [True]

    press(qtbot, window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.settings.zoom == 110
    press(qtbot, window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.settings.zoom == 90
    press(qtbot, window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.settings.zoom == 100


def test_every_interactive_widget_has_an_accessible_name(qtbot, make_window) -> None:
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QTextBrowser

    window = make_window()
    window.start_tree("friend-request")
    window.walk_page.question_view.buttons[0].click()
    window.walk_page.question_view.buttons[0].click()
    for page in (window.home, window.walk_page, window.library, window.urgent):
        for widget in (
            page.findChildren(QAbstractButton)
            + page.findChildren(QAbstractItemView)
            + page.findChildren(QTextBrowser)
        ):
            if widget.isVisibleTo(window) and widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
                assert widget.accessibleName(), f"{type(widget).__name__} {widget.objectName()}"
