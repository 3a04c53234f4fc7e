"""Clicking through the real window: home, questions, outcomes, and back again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from smguide.core.verdicts import VERDICTS
from smguide.ui.mainwindow import MainWindow

# For each tree: answers as shown on screen, and what the outcome page must say.
JOURNEYS = [
    (
        "friend-request",
        [
            "A child or adult I support through my work, or one of their family",
            "No, I haven't responded yet",
        ],
        "stop",
        "Politely decline the request",
        "ncc-guidelines:29",
    ),
    (
        "legal-threat",
        ["Something I posted", "No, they are away or I can't reach them"],
        "urgent",
        "Remove the posting now and notify Communications and Marketing and Legal Services "
        "yourself",
        "ncc-guidelines:27",
    ),
    (
        "safeguarding-concern",
        [
            "No, not right now",
            "I've seen something that worries me about a particular child or vulnerable adult",
            "Yes, they are in care or a care leaver",
        ],
        "caution",
        "Tell their Social Worker or Personal Advisor, and follow your safeguarding procedures",
        "ncc-guidelines:34",
    ),
    (
        "contact-digital-team",
        ["An online discussion about the Council", "Yes, and it's turning negative"],
        "caution",
        "Contact the Digital Team for advice on how to proceed",
        "ncc-guidelines:42",
    ),
    (
        "professional-or-personal",
        ["My own personal account", "As myself, as a private individual"],
        "ok",
        "Go ahead as personal use, knowing you are personally responsible",
        "ncc-guidelines:70",
    ),
]


def click_option(qtbot, window: MainWindow, label: str) -> None:
    buttons = window.walk_page.question_view.buttons
    (button,) = [b for b in buttons if b.accessibleName() == label]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def outcome_text(window: MainWindow) -> str:
    return " ".join(window.walk_page.outcome_view.view.toPlainText().split())


@pytest.mark.parametrize(
    ("tree", "answers", "verdict", "title", "clause"), JOURNEYS, ids=[j[0] for j in JOURNEYS]
)
def test_click_from_home_to_the_outcome(
    qtbot, make_window, ncc, tree, answers, verdict, title, clause
) -> None:
    window = make_window()
    assert window.stack.currentWidget() is window.home
    qtbot.mouseClick(window.home.tiles[tree], Qt.MouseButton.LeftButton)
    for number, label in enumerate(answers, start=1):
        assert window.walk_page.question_view.where.text().endswith(f"Question {number}")
        click_option(qtbot, window, label)

    outcome = window.model.walk.outcome
    assert window.walk_page.stack.currentWidget() is window.walk_page.outcome_view
    banner = window.walk_page.outcome_view
    assert banner.banner.property("verdict") == verdict
    assert VERDICTS[verdict].label in banner.verdict.text()
    assert VERDICTS[verdict].symbol in banner.verdict.text()
    text = outcome_text(window)
    assert title in text
    for step in outcome.steps:
        if "{{" not in step:
            assert " ".join(step.split()) in text
    quoted = " ".join(ncc.clause(clause).text.replace("**", "").split())
    assert quoted[:120] in text.replace("**", "")
    assert "paragraph " + clause.partition(":")[2] in text


def test_back_change_and_start_again(qtbot, make_window) -> None:
    window = make_window()
    qtbot.mouseClick(window.home.tiles["friend-request"], Qt.MouseButton.LeftButton)
    click_option(
        qtbot, window, "A child or adult I support through my work, or one of their family"
    )
    click_option(qtbot, window, "No, I haven't responded yet")
    page = window.walk_page
    assert len(page.answers.change_buttons) == 2

    # Back: the previous question, its answer still selected, Continue restores the outcome.
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert page.question_view.question.text().startswith("Have you already accepted")
    selected = [b for b in page.question_view.buttons if b.property("selected") == "true"]
    assert [b.accessibleName() for b in selected] == ["No, I haven't responded yet"]
    assert page.continue_button.isVisible()
    qtbot.mouseClick(page.continue_button, Qt.MouseButton.LeftButton)
    assert window.model.walk.outcome.id == "decline-client-request"

    # Change the first answer: it is pre-selected; answering the same keeps the later answer.
    qtbot.mouseClick(page.answers.change_buttons[0], Qt.MouseButton.LeftButton)
    assert page.question_view.question.text() == "Who sent you the request?"
    selected = [b for b in page.question_view.buttons if b.property("selected") == "true"]
    assert [b.accessibleName() for b in selected] == [
        "A child or adult I support through my work, or one of their family"
    ]
    click_option(
        qtbot, window, "A child or adult I support through my work, or one of their family"
    )
    assert window.model.walk.outcome.id == "decline-client-request"

    # Change to a different answer: the path changes and the old later answer is gone.
    qtbot.mouseClick(page.answers.change_buttons[0], Qt.MouseButton.LeftButton)
    click_option(qtbot, window, "A colleague at the Council")
    assert window.model.walk.outcome.id == "colleague-request"
    assert len(page.answers.change_buttons) == 1

    qtbot.mouseClick(page.restart_button, Qt.MouseButton.LeftButton)
    assert page.question_view.question.text() == "Who sent you the request?"
    assert page.answers.change_buttons == []


def test_urgent_panel_from_the_middle_of_another_tree(qtbot, make_window) -> None:
    window = make_window()
    qtbot.mouseClick(window.home.tiles["professional-or-personal"], Qt.MouseButton.LeftButton)
    click_option(qtbot, window, "My own personal account")
    assert window.urgent.isVisible()
    qtbot.mouseClick(window.urgent.buttons["safeguarding-concern"], Qt.MouseButton.LeftButton)
    assert window.model.walk.tree.id == "safeguarding-concern"
    assert (
        window.walk_page.question_view.question.text() == "Could someone be in danger right now?"
    )
    click_option(qtbot, window, "Yes, or I'm not sure")
    assert window.walk_page.outcome_view.banner.property("verdict") == "urgent"


def test_urgent_panel_is_on_every_page(qtbot, make_window) -> None:
    window = make_window()
    for show in (window.go_home, lambda: window.start_tree("legal-threat"), window.open_library):
        show()
        assert window.urgent.isVisible()


def test_clause_link_opens_the_library_at_the_clause(qtbot, make_window) -> None:
    window = make_window()
    window.start_tree("friend-request")
    click_option(qtbot, window, "Someone I don't know personally")
    window.walk_page.outcome_view.view.clause_requested.emit("ncc-guidelines:35")
    assert window.stack.currentWidget() is window.library
    assert window.library.current_clause == "ncc-guidelines:35"
    assert "It is advised that as a general measure" in window.library.view.toPlainText()
    qtbot.mouseClick(window.library.back_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.walk_page


def test_links_outside_the_guide_are_not_opened(qtbot, make_window, monkeypatch) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url))
    window = make_window()
    view = window.library.view
    for address in ("https://www.nspcc.org.uk/", "file:///etc/passwd", "mailto:x@y.z"):
        view.anchorClicked.emit(QUrl(address))
        assert "does not open links outside it" in window.statusBar().currentMessage()
    assert opened == []
    assert not view.openExternalLinks() and not view.openLinks()


def test_home_shows_council_and_documents_in_force(make_window) -> None:
    window = make_window()
    assert window.home.title.text() == "Nottinghamshire County Council"
    # In the order council.yaml gives, every tree of the council.
    assert list(window.home.tiles)[:3] == [
        "friend-request",
        "professional-or-personal",
        "posting-about-work",
    ]
    assert set(window.home.tiles) == set(window.content.trees)
    versions = window.home.findChild(type(window.home.title), "versions").text()
    assert "Social Media Guidelines for Managers and Employees (current)" in versions
    assert "2012" not in versions  # superseded: in the library, not "in force"
    assert window.home.review_notice is None  # Nottinghamshire's review is not yet due
    assert window.council_label.text() == "Policy in force: Nottinghamshire County Council"


def test_switching_council_from_the_menu(qtbot, make_window) -> None:
    window = make_window()
    window.council_menu.aboutToShow.emit()  # as opening the menu does
    names = [action.text() for action in window.council_actions.actions()]
    assert names == ["Nottinghamshire County Council", "WBC", "North Lincolnshire Council"]
    assert [a.data() for a in window.council_actions.actions() if a.isChecked()] == [
        "nottinghamshire"
    ]
    window.start_tree("friend-request")
    (wbc,) = [a for a in window.council_actions.actions() if a.data() == "wbc"]
    wbc.trigger()
    assert window.content.id == "wbc"
    assert window.stack.currentWidget() is window.home
    assert window.home.title.text() == "WBC"
    assert window.council_label.text() == "Policy in force: WBC"
    assert [a.data() for a in window.council_actions.actions() if a.isChecked()] == ["wbc"]
    assert window.windowTitle() == "smguide – WBC"
    # WBC's review date has passed: a quiet notice, the guide still works.
    assert (
        window.home.review_notice.text() == "This policy was due for review on 31 December 2012."
    )
    assert wbc.isChecked()
    assert window.settings.council == "wbc"
    window.start_tree("personal-use-at-work")
    assert window.walk_page.question_view.question.text().endswith("?")


def test_the_council_last_used_is_opened_next_time(make_window, tmp_path) -> None:
    path = tmp_path / "settings.ini"
    window = make_window(settings_path=path)
    window.show_council("north-lincolnshire")
    window.close()
    again = make_window(settings_path=path, council=None)
    assert again.content.id == "north-lincolnshire"


def test_a_click_on_a_buttons_text_presses_the_button(qtbot, make_window) -> None:
    """The wrapped text is a label inside the button; a click on it must still count."""
    window = make_window()
    tile = window.home.tiles["friend-request"]
    qtbot.mouseClick(tile.label, Qt.MouseButton.LeftButton)
    assert window.model.walk is not None
    assert window.model.walk.tree.id == "friend-request"
    option = window.walk_page.question_view.buttons[0]
    qtbot.mouseClick(option.label, Qt.MouseButton.LeftButton)
    assert len(window.model.walk.steps) == 1


@pytest.mark.parametrize(
    ("tree", "answers", "verdict", "title", "clause"), JOURNEYS, ids=[j[0] for j in JOURNEYS]
)
def test_the_same_walks_over_content_read_back_from_the_snapshot(
    qtbot, wait_active, tmp_path, tree, answers, verdict, title, clause
) -> None:
    """A later start reads questions and outcomes only when a tree is opened: still the same."""
    from smguide.core.snapshot import load_checked
    from smguide.ui.app import application, build_window
    from smguide.ui.settings import Settings

    application()
    load_checked(None, tmp_path / "cache")
    checked = load_checked(None, tmp_path / "cache")
    assert checked.from_snapshot
    settings = Settings(tmp_path / "s.ini")
    window = build_window(checked.library, "nottinghamshire", settings, checked.problems)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    wait_active(window)
    questions = window.content.trees[tree].questions
    assert getattr(questions, "_text", None) is not None  # not read until the tree is opened
    qtbot.mouseClick(window.home.tiles[tree], Qt.MouseButton.LeftButton)
    for label in answers:
        click_option(qtbot, window, label)
    assert window.walk_page.outcome_view.banner.property("verdict") == verdict
    assert title in outcome_text(window)
    assert "paragraph " + clause.partition(":")[2] in outcome_text(window)
