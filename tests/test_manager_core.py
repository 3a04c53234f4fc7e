"""Manager mode's core: each answer's branch, scenario cards, and the session record."""

from __future__ import annotations

import dataclasses
import datetime
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from smguide.core.branches import Branch, branches, reachable_outcomes, walk_branches
from smguide.core.loading import load_library
from smguide.core.model import CouncilContent, Outcome, Question, Scenario, Tree
from smguide.core.records import Session, Topic
from smguide.core.rendering import Renderer
from smguide.core.routes import routes
from smguide.core.sessions import scenario_walk
from smguide.core.walk import Walk

LIBRARY = load_library()
COUNCILS = list(LIBRARY.councils.values())
QUESTIONS = [
    (content, tree, question)
    for content in COUNCILS
    for tree in content.trees.values()
    for question in tree.questions.values()
]
SCENARIOS = [
    (content, scenario) for content in COUNCILS for scenario in content.sessions.scenarios
]
NOW = datetime.datetime(2026, 3, 5, 14, 30)


def _question_id(item: tuple[CouncilContent, Tree, Question]) -> str:
    content, tree, question = item
    return f"{content.id}/{tree.id}/{question.id}"


def _unique(outcomes: list[Outcome]) -> tuple[Outcome, ...]:
    first: dict[str, Outcome] = {}
    for outcome in outcomes:
        first.setdefault(outcome.id, outcome)
    return tuple(first.values())


@pytest.fixture
def mini(mini_root: Path) -> CouncilContent:
    return load_library(mini_root).council("mini")


# Branches


def test_there_are_questions_and_cards_to_test() -> None:
    assert len(COUNCILS) >= 3 and len(QUESTIONS) > 50 and len(SCENARIOS) > 10


@pytest.mark.parametrize("item", QUESTIONS, ids=_question_id)
def test_each_branch_reaches_exactly_the_outcomes_of_the_routes_through_it(item) -> None:
    _content, tree, question = item
    found = branches(tree, question.id)
    assert [branch.option for branch in found] == list(question.options)
    through = [
        (route, next(step.option.id for step in route.steps if step.question.id == question.id))
        for route in routes(tree)
        if any(step.question.id == question.id for step in route.steps)
    ]
    assert through, f"no route passes through {question.id!r}"
    for branch in found:
        expected = _unique(
            [route.outcome for route, option in through if option == branch.option.id]
        )
        assert branch.outcomes_reachable == expected
        following = tree.node(branch.option.next)
        if isinstance(following, Outcome):
            assert (branch.outcome, branch.next_question) == (following, None)
            assert branch.outcomes_reachable == (following,)
        else:
            assert (branch.outcome, branch.next_question) == (None, following)
            assert branch.outcomes_reachable == reachable_outcomes(tree, following.id)


def test_branches_take_a_question_or_its_id_and_a_walk(mini) -> None:
    tree = mini.trees["basic"]
    assert branches(tree, tree.questions["who"]) == branches(tree, "who")
    assert walk_branches(Walk(tree)) == branches(tree, "who")
    assert walk_branches(Walk(tree).answer("other")) == branches(tree, "posting")
    client, other = branches(tree, "who")
    assert client == Branch(
        tree.questions["who"].options[0],
        None,
        tree.outcomes["decline"],
        (tree.outcomes["decline"],),
    )
    assert other.next_question == tree.questions["posting"]
    assert [o.id for o in other.outcomes_reachable] == ["ask-comms", "accept"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        client.outcome = None  # type: ignore[misc]


def test_branches_refuse_what_is_not_a_question_of_the_tree(mini) -> None:
    tree = mini.trees["basic"]
    with pytest.raises(ValueError, match="no question 'decline'"):
        branches(tree, "decline")
    with pytest.raises(ValueError, match="not at a question"):
        walk_branches(Walk(tree).answer("client"))


def test_a_broken_or_looping_tree_gives_what_it_can(mini) -> None:
    """Content that failed validation still answers, rather than recursing for ever."""
    tree = mini.trees["basic"]
    posting = tree.questions["posting"]
    looping = dataclasses.replace(
        posting,
        options=(
            dataclasses.replace(posting.options[0], next="who"),
            dataclasses.replace(posting.options[1], next="nowhere"),
        ),
    )
    broken = dataclasses.replace(tree, questions={**tree.questions, "posting": looping})
    client, other = branches(broken, "who")
    # As in routes(): going round the loop again reaches nothing new.
    assert client.outcomes_reachable == (tree.outcomes["decline"],)
    assert other.outcomes_reachable == ()
    back, nowhere = branches(broken, "posting")
    assert back.next_question == tree.questions["who"]
    assert [o.id for o in back.outcomes_reachable] == ["decline"]
    assert nowhere == Branch(looping.options[1], None, None, ())


# Scenario cards and branches, rendered


def _scenario_id(item: tuple[CouncilContent, Scenario]) -> str:
    return f"{item[0].id}/{item[1].id}"


def _paragraph_refs(content: CouncilContent, outcome: Outcome) -> list[str]:
    renderer = Renderer(content)
    return [
        f'<a href="clause:{citation.clause}">{renderer.clause(citation)["number"]}</a>'
        for citation in outcome.cites
    ]


@pytest.mark.parametrize("item", SCENARIOS, ids=_scenario_id)
def test_every_card_renders_its_card_reveal_and_branches(item) -> None:
    content, scenario = item
    renderer = Renderer(content)
    tree = content.trees[scenario.tree]
    walk = scenario_walk(tree, scenario)
    outcome = walk.outcome
    assert outcome is not None and outcome.id == scenario.outcome

    card = renderer.scenario_card(scenario)
    assert _escaped(scenario.situation) in card and _escaped(tree.title) in card
    assert _escaped(outcome.title) not in card  # the answer is not given away

    reveal = renderer.scenario_reveal(tree, scenario)
    positions = [
        reveal.index(
            f"{_escaped(step.question.text)} <strong>{_escaped(step.option.label)}</strong>"
        )
        for step in walk.steps
    ]
    assert positions == sorted(positions)
    # The outcome exactly as the outcome page shows it, after the path.
    page = renderer.outcome(outcome)
    assert page in reveal and reveal.index(page) > max(positions, default=-1)
    for citation in outcome.cites:
        clause = renderer.clause(citation)
        assert f"{_escaped(clause['document'])}, paragraph {clause['number']}</a>" in reveal
    assert _escaped(scenario.situation) not in reveal
    assert _escaped(scenario.situation) in renderer.scenario_reveal(tree, scenario, card=True)

    for step in walk.steps:
        html = renderer.branches(tree, step.question, branches(tree, step.question))
        assert f"If the answer is ‘{_escaped(step.option.label)}’" in html
    last = walk.steps[-1].question
    html = renderer.branches(tree, last, branches(tree, last))
    assert _escaped(outcome.title) in html
    for reference in _paragraph_refs(content, outcome):
        assert reference in html
    _assert_balanced(html)


@pytest.mark.parametrize("item", QUESTIONS, ids=_question_id)
def test_every_question_renders_its_branches(item) -> None:
    content, tree, question = item
    found = branches(tree, question)
    html = Renderer(content).branches(tree, question, found)
    assert _escaped(question.text) in html
    sections = [html.index(f"If the answer is ‘{_escaped(o.label)}’") for o in question.options]
    assert sections == sorted(sections)  # in option order
    side_by_side = 2 <= len(found) <= 3
    assert ("<table" in html) == side_by_side
    if side_by_side:
        assert html.count("<th ") == len(found) and html.count("<td ") == len(found)
    for branch in found:
        for outcome in branch.outcomes_reachable:
            assert _escaped(outcome.title) in html
        if branch.next_question is not None:
            assert f"Asks next: <em>{_escaped(branch.next_question.text)}</em>" in html
        else:
            assert branch.outcome is not None
            for reference in _paragraph_refs(content, branch.outcome):
                assert reference in html
    _assert_balanced(html)


def test_branches_show_verdicts_in_words_and_side_by_side(mini) -> None:
    tree = mini.trees["basic"]
    html = Renderer(mini).branches(tree, tree.questions["who"], branches(tree, "who"))
    assert html.count("<th ") == 2 and 'width="50%"' in html
    assert "<strong>Don&#39;t do this</strong></span>: Decline the request" in html
    assert 'Mini Policy, paragraph <a href="clause:mini-policy:3">3</a>' in html
    assert "Asks next: <em>Will you post about work?</em>" in html
    assert "Go ahead with care</strong></span>: Ask first" in html
    assert "<strong>Go ahead</strong></span>: Go ahead" in html


def test_four_options_or_more_are_stacked(ncc) -> None:
    tree = ncc.trees["friend-request"]
    question = tree.questions[tree.start]
    assert len(question.options) >= 4
    html = Renderer(ncc).branches(tree, question, branches(tree, question))
    assert "<table" not in html and html.count("<h3>If the answer is") == len(question.options)


def test_manager_mode_styles_use_no_absolute_font_sizes() -> None:
    """The app zooms rich text; a font size in pt or px would not follow it."""
    from smguide.core import locations

    css = (locations.resources_dir() / "style" / "content.css").read_text(encoding="utf-8")
    for size in re.findall(r"font-size:\s*([^;}]+)", css):
        assert not re.search(r"\d\s*(pt|px)", size), size
    templates = locations.resources_dir() / "templates"
    for name in (
        "scenario_card",
        "scenario_reveal",
        "branches",
        "key_clauses",
        "session_record",
        "_verdict",
    ):
        text = (templates / f"{name}.html.j2").read_text(encoding="utf-8")
        assert "font-size" not in text and "display:" not in text.replace(" ", "")


def test_a_card_that_no_longer_reaches_an_outcome_says_so(mini) -> None:
    tree = mini.trees["basic"]
    card = Scenario("half", "basic", "Half a card.", (("who", "other"),), "ask-comms")
    html = Renderer(mini).scenario_reveal(tree, card)
    assert "Who sent it? <strong>Someone else</strong>" in html
    assert "no longer lead to an answer" in html


def test_key_clauses_are_quoted_with_where_they_were_discussed(mini) -> None:
    renderer = Renderer(mini)
    fresh = renderer.key_clauses({}, "Someone sent me a friend request")
    clause = mini.clause("mini-policy:3")
    assert clause is not None and clause.text.split()[0] in fresh
    assert 'href="note-clause:mini-policy:3"' in fresh
    assert "Discussed under" not in fresh
    noted = renderer.key_clauses(
        {"mini-policy:3": ["Someone sent me a friend request", "Another <topic>"]},
        "Someone sent me a friend request",
    )
    assert "note-clause:" not in noted  # already noted under the topic shown
    assert "Discussed under: Someone sent me a friend request; Another &lt;topic&gt;." in noted
    assert "note-clause:" in renderer.key_clauses({"mini-policy:3": ["Other"]}, "Shown")
    assert "note-clause:" not in renderer.key_clauses({}, None)  # no topic shown


def test_a_guide_without_key_clauses_says_so(ncc) -> None:
    import dataclasses

    bare = dataclasses.replace(ncc, sessions=dataclasses.replace(ncc.sessions, key_clauses=()))
    assert "names no key clauses" in Renderer(bare).key_clauses({}, "A topic")


# The session record

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    '<a href="javascript:alert(3)">click</a>',
    "[link](javascript:alert(4))",
]


def _session(**changes) -> Session:
    session = Session(
        id=7,
        council="mini",
        kind="supervision",
        people=("Sam Patel", "Jo Bloggs"),
        role="Support worker",
        manager="Alex Manager",
        date=datetime.date(2026, 3, 5),
        created=NOW,
        updated=NOW,
        topics=(
            Topic(
                "basic",
                covered=True,
                notes="We talked about clients.\nSam will decline politely.",
                actions="Read paragraph 3 again\nCheck privacy settings",
                clauses=("mini-policy:3", "mini-policy:99", "mini-old:1"),
                scenarios=("client-request", "no-such-card"),
            ),
            Topic("gone-tree"),
        ),
    )
    return dataclasses.replace(session, **changes)


def test_session_record_has_everything_in_order(mini) -> None:
    html = Renderer(mini).session_record(_session(), NOW, "9.8.7")
    expected = [
        "Mini Borough Council",
        "<h1>Record of a manager session</h1>",
        "Supervision",
        "<strong>Employees</strong></td><td>Sam Patel, Jo Bloggs",
        "Support worker",
        "Alex Manager",
        "5 March 2026",
        "1. A friend request",
        "<strong>Covered</strong>",
        "Clauses discussed",
        'Mini Policy, paragraph 3</a> <span class="clause-heading">',
        "Do not accept friend requests from clients.",
        "Old Mini Policy, paragraph 1</a>",
        "(superseded version)",
        "mini-policy:99 is not in the council",
        "Scenario cards discussed",
        "A client sends you a friend request.",
        "Don&#39;t do this</strong></span>: Decline the request",
        "no-such-card is not in the guide",
        "Notes",
        "We talked about clients.<br>\nSam will decline politely.",
        "Agreed actions",
        "Read paragraph 3 again<br>\nCheck privacy settings",
        "2. gone-tree",
        "<strong>Not yet covered</strong> (this topic is no longer in the guide)",
        "None noted.",
        "None recorded.",
        "None agreed.",
        "Signatures",
        "Sam Patel (employee)",
        "Signature: ___",
        "Jo Bloggs (employee)",
        "Signature: ___",
        "Alex Manager (manager)",
        "Signature: ___",
        "Date: ___",
        "Produced on 05 March 2026, 14:30 by smguide 9.8.7 for Mini Borough Council",
        "Mini Policy",
        "Old Mini Policy",
    ]
    _assert_in_order(html, expected)
    _assert_balanced(html)


def test_session_record_names_one_employee_and_lists_documents_in_force(mini) -> None:
    one = _session(people=("Sam Patel",), kind="team-meeting", topics=(Topic("basic"),))
    html = Renderer(mini).session_record(one, NOW, "1")
    assert "<strong>Employee</strong></td><td>Sam Patel</td>" in html
    assert "Team meeting" in html
    footer = html[html.index("About this record") :]
    current = [d for d in mini.documents.values() if d.current]
    assert current and all(_escaped(d.title) in footer for d in current)
    # An older version is listed only when one of its clauses was quoted.
    assert all(_escaped(d.title) not in footer for d in mini.documents.values() if not d.current)


def test_session_record_refuses_another_councils_session(mini) -> None:
    with pytest.raises(ValueError, match="belongs to council 'elsewhere'"):
        Renderer(mini).session_record(_session(council="elsewhere"), NOW, "1")


@pytest.mark.parametrize("hostile", HOSTILE)
def test_session_record_renders_hostile_text_inert(mini, hostile: str) -> None:
    session = _session(
        people=(f"Sam {hostile}",),
        role=hostile,
        manager=f"Alex {hostile}",
        topics=(
            Topic(
                "basic",
                notes=f"first\n{hostile}",
                actions=hostile,
                clauses=(hostile,),
                scenarios=(hostile,),
            ),
            Topic(hostile),
        ),
    )
    html = Renderer(mini).session_record(session, NOW, hostile)
    elements = _elements(html)
    assert not {"script", "img", "iframe"} & {tag for tag, _ in elements}
    for _tag, attributes in elements:
        assert not any(name.startswith("on") for name, _ in attributes)
        assert not any("javascript" in (value or "") for _, value in attributes)
    assert html.count(_escaped(hostile)) >= 9  # shown as typed, every time


def test_card_and_branch_text_from_content_is_escaped(mini) -> None:
    tree = mini.trees["basic"]
    hostile = "<script>alert(1)</script>"
    card = Scenario("x", "basic", hostile, (("who", "client"),), "decline")
    renderer = Renderer(mini)
    question = dataclasses.replace(tree.questions["who"], text=hostile)
    for html in (
        renderer.scenario_card(card),
        renderer.scenario_reveal(tree, card, card=True),
        renderer.branches(tree, question, branches(tree, "who")),
    ):
        assert "<script" not in html and _escaped(hostile) in html


# Helpers


def _escaped(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def _assert_in_order(html: str, expected: list[str]) -> None:
    position = 0
    for text in expected:
        found = html.find(text, position)
        assert found >= 0, f"{text!r} missing after position {position}: {html[position:][:300]!r}"
        position = found + len(text)


class _Collector(HTMLParser):
    VOID = frozenset({"br", "hr", "img", "meta", "link", "input"})

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.elements.append((tag, attrs))
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()


def _elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    collector = _Collector()
    collector.feed(html)
    return collector.elements


def _assert_balanced(html: str) -> None:
    """Every element closes where it should: Qt's parser forgives, but quietly moves text."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    assert collector.open == []
