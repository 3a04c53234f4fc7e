"""Search in the window: type a situation, pick a suggestion, land in the right place."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from smguide.core import search


def type_into(qtbot, field, text: str) -> None:
    field.setFocus()
    qtbot.keyClicks(field, text)


def test_suggestions_appear_as_you_type_and_replace_the_topics(qtbot, make_window) -> None:
    window = make_window()
    panel = window.home.search
    type_into(qtbot, panel.field, "someone threatened to sue")
    qtbot.waitUntil(lambda: bool(panel.buttons), timeout=2000)
    assert panel.buttons[0].accessibleName() == (
        "Topic: Someone is threatening legal action over something I posted"
    )
    assert not window.home.topics.isVisible()
    assert panel.status.text().startswith("Suggestions:")
    panel.field.clear()
    assert panel.buttons == []
    assert window.home.topics.isVisible()


def test_a_topic_suggestion_starts_its_tree(qtbot, make_window) -> None:
    window = make_window()
    panel = window.home.search
    panel.field.setText("friend request")
    panel.search_now()
    panel.buttons[0].click()
    assert window.model.walk.tree.id == "friend-request"
    assert window.stack.currentWidget() is window.walk_page


def test_an_answer_suggestion_opens_the_tree_at_its_outcome(qtbot, make_window) -> None:
    window = make_window()
    panel = window.home.search
    panel.field.setText("politely decline the request")
    panel.search_now()
    hit = next(hit for hit in panel.last.outcomes if hit.tree == "friend-request")
    button = next(b for b in panel.buttons if b.accessibleName().endswith(hit.title))
    button.click()
    walk = window.model.walk
    assert walk.outcome is not None and walk.outcome.id == hit.outcome
    assert [step.option.id for step in walk.steps] == list(hit.answers)
    # The answers are there to change, as if the user had given them.
    assert len(window.walk_page.answers.change_buttons) == len(hit.answers)


def test_a_policy_suggestion_opens_the_paragraph_in_the_library(qtbot, make_window) -> None:
    window = make_window()
    panel = window.home.search
    panel.field.setText("remove the posting immediately")
    panel.search_now()
    clause = panel.last.clauses[0]
    button = next(b for b in panel.buttons if b.accessibleName().startswith("Policy:"))
    button.click()
    assert window.stack.currentWidget() is window.library
    assert window.library.current_clause == clause.clause


def test_enter_opens_the_best_suggestion_at_once(qtbot, make_window) -> None:
    window = make_window()
    panel = window.home.search
    panel.field.setFocus()
    qtbot.keyClicks(panel.field, "legal threat")
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)  # before the pause has run the search
    assert window.model.walk.tree.id == "legal-threat"


def test_down_reaches_the_suggestions_and_escape_clears(qtbot, make_window) -> None:
    window = make_window()
    panel = window.home.search
    type_into(qtbot, panel.field, "worried about a child")
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is panel.buttons[0]
    panel.field.setFocus()
    qtbot.keyClick(panel.field, Qt.Key.Key_Escape)
    assert panel.field.text() == ""
    assert window.home.topics.isVisible()


def test_no_matches_says_so_and_keeps_the_topics(qtbot, make_window) -> None:
    window = make_window()
    panel = window.home.search
    panel.field.setText("zzzz qqqq")
    panel.search_now()
    assert panel.buttons == []
    assert "Nothing matches" in panel.status.text()
    assert window.home.topics.isVisible()


def test_hostile_text_in_the_box_is_harmless(qtbot, make_window) -> None:
    window = make_window()
    panel = window.home.search
    for text in ['"', "NEAR(", "AND OR", "🙂🙂", "<b>x</b>", "x" * 10_000]:
        panel.field.setText(text)
        panel.search_now()
    assert window.isVisible()


def test_ctrl_f_goes_to_the_search_box_from_anywhere(qtbot, make_window) -> None:
    window = make_window()
    window.start_tree("friend-request")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.home
    assert QApplication.focusWidget() is window.home.search.field
    window.open_library()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.library.search


def test_library_search_lists_paragraphs_by_document_and_opens_one(qtbot, make_window) -> None:
    window = make_window()
    window.open_library()
    library = window.library
    library.search.setText("threatened with legal action")
    library.search_now()
    html = library.view.toHtml()
    assert "Social Media Guidelines for Managers and Employees" in html
    assert "Paragraph 27" in html
    library.view.clause_requested.emit("ncc-guidelines:27")
    assert library.current_clause == "ncc-guidelines:27"
    library.search.clear()
    library.search_now()
    assert "Search the policy" not in library.view.toHtml()


def test_the_simpler_search_says_so_when_fts5_is_missing(qtbot, make_window, monkeypatch) -> None:
    monkeypatch.setattr(search, "fts5_available", lambda: False)
    window = make_window()
    panel = window.home.search
    panel.field.setText("friend request")
    panel.search_now()
    assert "simpler search" in panel.status.text()
    assert panel.buttons[0].accessibleName() == "Topic: Someone has sent me a friend request"


def test_a_new_council_gets_its_own_index(qtbot, make_window) -> None:
    window = make_window()
    window.home.search.field.setText("friend")
    window.home.search.search_now()
    window.show_council("wbc")
    panel = window.home.search
    panel.field.setText("friends with a service user")
    panel.search_now()
    assert panel.last.trees[0].tree == "friends-with-service-users"
