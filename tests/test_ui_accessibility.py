"""What a screen reader meets: the accessibility tree of each page (names, roles,
reading order), and what is announced when a page changes."""

from __future__ import annotations

from PySide6.QtGui import QAccessible

from smguide.core.verdicts import VERDICTS
from smguide.ui.announce import announcements
from smguide.ui.home import home_trees

Role = QAccessible.Role
#: Roles a user acts on: each must have a name.
INTERACTIVE = {
    Role.Button,
    Role.CheckBox,
    Role.ComboBox,
    Role.EditableText,
    Role.List,
    Role.ListItem,
    Role.Link,
    Role.PageTab,
    Role.SpinBox,
    Role.Table,
}


def nodes(window) -> list[tuple[Role, str]]:
    """The visible accessibility tree, depth first: what a screen reader reads in order."""
    found: list[tuple[Role, str]] = []

    def visit(interface) -> None:
        if interface is None or interface.state().invisible:
            return
        found.append((interface.role(), interface.text(QAccessible.Text.Name)))
        for index in range(interface.childCount()):
            visit(interface.child(index))

    visit(QAccessible.queryAccessibleInterface(window))
    return found


def unnamed(tree: list[tuple[Role, str]]) -> list[Role]:
    return [role for role, name in tree if role in INTERACTIVE and not name.strip()]


def order_of(tree: list[tuple[Role, str]], *wanted: tuple[Role, str]) -> list[int]:
    names = [(role, name) for role, name in tree]
    return [names.index(item) for item in wanted]


def test_the_home_page_reads_urgent_title_search_topics_library(make_window, ncc) -> None:
    window = make_window()
    tree = nodes(window)
    assert unnamed(tree) == []
    tiles = [(Role.Button, tree_.title) for tree_ in home_trees(ncc)]
    positions = order_of(
        tree,
        (Role.Button, "Urgent: I've been threatened with legal action"),
        (Role.StaticText, "Nottinghamshire County Council social media guide"),
        (Role.EditableText, "Describe your situation"),
        *tiles,
        (Role.Button, "Read the policy documents"),
    )
    assert positions == sorted(positions)


def test_a_question_reads_heading_help_answers_then_your_answers(make_window) -> None:
    window = make_window()
    window.start_tree("friend-request")
    window.walk_page.question_view.buttons[0].click()  # a client: a second question
    tree = nodes(window)
    assert unnamed(tree) == []
    question = window.model.walk.question
    positions = order_of(
        tree,
        (Role.StaticText, f"Question 2: {question.text}"),
        *((Role.Button, option.label) for option in question.options),
        (Role.Button, "Go back to the previous question"),
        (Role.StaticText, "Your answers"),
        (Role.Button, "Change your answer to: Who sent you the request?"),
    )
    assert positions == sorted(positions)


def test_an_outcome_reads_verdict_then_advice_in_order(make_window) -> None:
    window = make_window()
    window.start_tree("friend-request")
    view = window.walk_page.question_view
    view.buttons[0].click()
    view.buttons[0].click()
    outcome = window.model.walk.outcome
    tree = nodes(window)
    assert unnamed(tree) == []
    verdict = VERDICTS[outcome.verdict].label
    advice = "What to do, who to contact and what the policy says"
    positions = order_of(
        tree,
        (Role.StaticText, f"Verdict: {verdict}. {outcome.title}"),
        (Role.StaticText, advice),
        (Role.Button, "Save this advice as a PDF file"),
    )
    assert positions == sorted(positions)
    # The advice is one text a screen reader reads through, headings and steps in order.
    rich = QAccessible.queryAccessibleInterface(window.walk_page.outcome_view.view)
    text_interface = rich.textInterface()
    text = text_interface.text(0, text_interface.characterCount())
    headings = ["What to do now", "Who to contact", "What the policy says"]
    assert [text.index(h) for h in headings] == sorted(text.index(h) for h in headings)
    assert text.index(outcome.steps[0][:40]) < text.index("Who to contact")


def test_rendered_html_uses_real_headings_and_lists(make_window) -> None:
    window = make_window()
    window.start_tree("friend-request")
    view = window.walk_page.question_view
    view.buttons[0].click()
    view.buttons[0].click()
    document = window.walk_page.outcome_view.view.document()
    levels = []
    lists = 0
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            levels.append(block.blockFormat().headingLevel())
        if block.textList() is not None:
            lists += 1
        block = block.next()
    assert levels[0] == 1 and 2 in levels
    assert lists >= 2  # the steps, and the contacts


def test_the_library_and_search_results_are_named(make_window) -> None:
    window = make_window()
    window.home.search.field.setText("a parent added me on facebook")
    window.home.search.search_now()
    assert unnamed(nodes(window)) == []
    window.open_library("ncc-guidelines:29")
    tree = nodes(window)
    assert unnamed(tree) == []
    assert (Role.List, "Policy documents") in tree
    assert (Role.EditableText, "Search the policy documents") in tree


def test_a_page_change_announces_the_answer_the_question_and_the_verdict(
    qtbot, make_window
) -> None:
    window = make_window()
    heard: list[str] = []
    announcements.spoken.connect(lambda message, _urgent: heard.append(message))
    window.start_tree("friend-request")
    assert heard[-1] == "Question 1: Who sent you the request?"
    window.walk_page.question_view.buttons[0].click()
    question = window.model.walk.question.text
    assert heard[-1] == (
        "You chose: A child or adult I support through my work, or one of their family. "
        f"Question 2: {question}"
    )
    window.walk_page.question_view.buttons[0].click()
    outcome = window.model.walk.outcome
    assert heard[-1].endswith(f"{VERDICTS[outcome.verdict].label}: {outcome.title}.")
    window.walk_page.back_button.click()
    assert "Your earlier answer is selected:" in heard[-1]
    window.home.search.field.setText("legal action")
    window.home.search.search_now()
    assert heard[-1].startswith("Suggestions:")
    announcements.spoken.disconnect()
