"""Manager sessions: sessions.yaml read, checked, kept in the snapshot, and true to its trees.

The file-and-line catalogue of broken sessions files is in
test_broken_content.py with every other content fault; here are the parser
on its own, the rules (suggested topics, a card's walk), and invariants over
the shipped cards: every card walks to its declared outcome, and every
council has the cards per tree that Manager mode promises.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from smguide.core import snapshot
from smguide.core.loading import load_library
from smguide.core.model import Citation, CouncilContent, Library, Scenario, SessionGuide
from smguide.core.problems import Problem, ProblemList, errors
from smguide.core.sessions import check_scenario, scenario_walk, suggested_topics
from smguide.core.sessions_content import parse_sessions
from smguide.core.validation import check, validate

#: Cards per tree that each council must have (the issue's minimums).
MINIMUM_CARDS = {"nottinghamshire": 3, "wbc": 2, "north-lincolnshire": 2}

GOOD = """\
induction: [basic]
vulnerable_first: [basic]
key_clauses: [mini-policy:3, {clause: mini-old:1, superseded: true}]
scenarios:
  - id: friend-posting
    tree: basic
    situation: A friend asks you to post about your work.
    answers:
      who: other
      posting: "yes"
    outcome: ask-comms
"""


def _parse(text: str) -> tuple[SessionGuide, list[Problem]]:
    sink: list[Problem] = []
    guide = parse_sessions(Path("sessions.yaml"), text, ProblemList(Path("sessions.yaml"), sink))
    return guide, sink


def _write(root: Path, text: str) -> Path:
    path = root / "content" / "mini" / "sessions.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# -- parsing --------------------------------------------------------------


def test_a_sessions_file_is_read_into_the_model() -> None:
    guide, problems = _parse(GOOD)
    assert problems == []
    assert guide.induction == ("basic",)
    assert guide.vulnerable_first == ("basic",)
    assert guide.key_clauses == (Citation("mini-policy:3"), Citation("mini-old:1", True))
    (card,) = guide.scenarios
    assert card == Scenario(
        id="friend-posting",
        tree="basic",
        situation="A friend asks you to post about your work.",
        answers=(("who", "other"), ("posting", "yes")),
        outcome="ask-comms",
        line=5,
        lines=card.lines,
    )
    assert card.lines["answers.0"] == 9 and card.lines["answers.1"] == 10
    assert card.lines["outcome"] == 11
    assert guide.lines["key_clauses.1"] == 3
    assert guide.scenario("friend-posting") is card
    assert guide.scenarios_for("basic") == (card,)
    assert guide.scenarios_for("other") == ()


def test_an_empty_file_is_an_empty_guide() -> None:
    guide, problems = _parse("# nothing yet\n")
    assert problems == [] and guide.scenarios == () and guide.induction == ()


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("- a\n- b\n", 1, "sessions.yaml must be a mapping with induction"),
        ("induction: {a: b}\n", 1, "'induction' in sessions.yaml must be a list, not a mapping"),
        ("induction: [a, [b]]\n", 1, "entry 2 of 'induction' in sessions.yaml must be text"),
        ("scenarios: {a: b}\n", 1, "'scenarios' in sessions.yaml must be a list, not a mapping"),
        ("scenarios:\n  - just words\n", 2, "scenario 1 in sessions.yaml must be a mapping"),
        ("key_clauses: [mini policy 3]\n", 1, "is not of the form document:number"),
        ("inducton: [basic]\n", 1, "unknown key 'inducton' in sessions.yaml (did you mean"),
        (
            GOOD.replace("id: friend-posting", "id: Friend Posting"),
            5,
            "scenario id 'Friend Posting' must use lower-case letters",
        ),
        (
            GOOD.replace("situation: A friend asks you to post about your work.", "situation: []"),
            7,
            "'situation' in scenario 'friend-posting' must be text, not a list",
        ),
        (GOOD.replace('posting: "yes"', "posting: [yes]"), 10, "the answer to 'posting'"),
        (
            GOOD.replace('posting: "yes"', "posting:"),
            10,
            "must be one option id (text), not empty",
        ),
        (
            GOOD.replace('      who: other\n      posting: "yes"\n', "").replace(
                "answers:", "answers: {}"
            ),
            8,
            "scenario 'friend-posting' has no answers",
        ),
        (GOOD.replace("    outcome: ask-comms\n", ""), 5, "is missing required key 'outcome'"),
    ],
)
def test_malformed_files_are_reported_with_their_line(text: str, line: int, message: str) -> None:
    _, problems = _parse(text)
    assert any(p.line == line and message in p.message for p in problems), problems


def test_a_faulty_card_is_left_out_and_reported_once(mini_root: Path) -> None:
    """A card that could not be read is not then walked and blamed again."""
    _write(mini_root, GOOD.replace('posting: "yes"', "posting: [yes]"))
    library = load_library(mini_root)
    assert library.council("mini").sessions.scenarios == ()
    assert len(errors(check(library))) == 1


# -- checks against the trees ----------------------------------------------


def test_a_council_without_the_file_has_an_empty_guide(mini_root: Path) -> None:
    (mini_root / "content" / "mini" / "sessions.yaml").unlink()
    library = load_library(mini_root)
    assert library.council("mini").sessions == SessionGuide()
    assert check(library) == []


def test_the_mini_cards_are_clean(mini_root: Path) -> None:
    library = load_library(mini_root)
    assert check(library) == []
    assert [card.id for card in library.council("mini").sessions.scenarios] == [
        "client-request",
        "friend-posting",
    ]


@pytest.mark.parametrize(
    ("replace", "by", "line", "message"),
    [
        (
            "induction: [basic]",
            "induction: [basic, basic]",
            1,
            "'induction' names tree 'basic' twice",
        ),
        (
            "vulnerable_first: [basic]",
            "vulnerable_first: [basik]",
            2,
            "'vulnerable_first' names unknown tree 'basik' (did you mean 'basic'?",
        ),
        (
            "[mini-policy:3, {clause: mini-old:1, superseded: true}]",
            "[mini-old:1]",
            3,
            "'key_clauses' cites 'mini-old:1' from a superseded document",
        ),
        (
            "[mini-policy:3, {clause: mini-old:1, superseded: true}]",
            "[mini-polcy:3]",
            3,
            "'key_clauses' cites 'mini-polcy:3', but there is no document 'mini-polcy'",
        ),
        (
            "outcome: ask-comms",
            "outcome: posting",
            11,
            "gives 'posting' as its outcome, but that is a question of tree 'basic'",
        ),
    ],
)
def test_cross_checks_name_the_line(
    mini_root: Path, replace: str, by: str, line: int, message: str
) -> None:
    assert replace in GOOD
    path = _write(mini_root, GOOD.replace(replace, by))
    problems = [p for p in errors(check(load_library(mini_root))) if p.path == path]
    assert any(p.line == line and message in p.message for p in problems), problems


def test_a_card_is_checked_where_it_parts_from_the_tree(ncc: CouncilContent) -> None:
    """Only the first difference is reported: later answers cannot be judged after it."""
    tree = ncc.trees["friend-request"]
    card = Scenario(
        "x", "friend-request", "s", (("responded", "not-yet"), ("who", "client")), "nowhere"
    )
    sink: list[Problem] = []
    check_scenario(tree, card, ProblemList(Path("sessions.yaml"), sink))
    messages = [p.message for p in sink]
    assert len(messages) == 2, messages
    assert "gives outcome 'nowhere', which tree 'friend-request' does not have" in messages[0]
    assert "answers 'responded' before 'who'" in messages[1]


# -- the model's helpers ---------------------------------------------------


def test_a_card_becomes_the_walk_the_app_reveals(ncc: CouncilContent) -> None:
    card = ncc.sessions.scenario("parent-friend-request")
    assert card is not None
    walk = scenario_walk(ncc.trees[card.tree], card)
    assert walk.error == ""
    assert [(s.question.id, s.option.id) for s in walk.steps] == list(card.answers)
    assert walk.outcome is not None and walk.outcome.id == "decline-client-request"
    assert "ncc-guidelines:29" in {citation.clause for citation in walk.outcome.cites}
    # Revealing step by step is going back from the end.
    assert walk.back().question is not None and walk.back().question.id == "responded"


def test_suggested_topics_put_safeguarding_first_for_vulnerable_services(
    ncc: CouncilContent,
) -> None:
    induction = suggested_topics(ncc)
    assert induction == ncc.sessions.induction
    assert set(induction) == set(ncc.trees)
    vulnerable = suggested_topics(ncc, vulnerable=True)
    assert vulnerable[:2] == ("safeguarding-concern", "friend-request")
    assert sorted(vulnerable) == sorted(induction)


def test_suggested_topics_without_a_guide_follow_the_home_page(mini_root: Path) -> None:
    (mini_root / "content" / "mini" / "sessions.yaml").unlink()
    content = load_library(mini_root).council("mini")
    assert suggested_topics(content) == ("basic",)
    assert suggested_topics(content, vulnerable=True) == ("basic",)


# -- the snapshot ----------------------------------------------------------


def test_the_snapshot_keeps_the_guides(tmp_path: Path, library: Library) -> None:
    path = tmp_path / "snapshot.json"
    assert snapshot.write(path, library, validate(library))
    found = snapshot.read(path, library.root)
    assert found is not None
    again = found[0]
    for council_id, content in library.councils.items():
        kept = again.council(council_id).sessions
        assert kept == content.sessions
        assert all(isinstance(card, Scenario) for card in kept.scenarios)
        assert all(type(pair) is tuple for card in kept.scenarios for pair in card.answers)
        assert all(isinstance(citation, Citation) for citation in kept.key_clauses)


def test_the_snapshot_keeps_a_council_without_a_guide(mini_root: Path, tmp_path: Path) -> None:
    (mini_root / "content" / "mini" / "sessions.yaml").unlink()
    first = snapshot.load_checked(mini_root, tmp_path)
    second = snapshot.load_checked(mini_root, tmp_path)
    assert second.from_snapshot
    assert second.library.council("mini").sessions == SessionGuide()
    assert second.library == first.library


def test_an_edited_sessions_file_is_read_again(mini_root: Path, tmp_path: Path) -> None:
    path = mini_root / "content" / "mini" / "sessions.yaml"
    assert snapshot.load_checked(mini_root, tmp_path).problems == []
    path.write_text(path.read_text().replace("outcome: decline", "outcome: accept"))
    checked = snapshot.load_checked(mini_root, tmp_path)
    assert not checked.from_snapshot
    assert any("but its answers lead to 'decline'" in p.message for p in checked.problems)


# -- the shipped cards -----------------------------------------------------


def _cards(library: Library) -> list[tuple[str, Scenario]]:
    return [
        (council_id, card)
        for council_id, content in library.councils.items()
        for card in content.sessions.scenarios
    ]


def test_the_shipped_sessions_files_are_clean(library: Library) -> None:
    problems = [p for p in errors(check(library)) if p.path.name == "sessions.yaml"]
    assert problems == []


@pytest.mark.parametrize(
    ("council_id", "card"),
    _cards(load_library()),
    ids=lambda value: value if isinstance(value, str) else value.id,
)
def test_every_card_walks_to_its_outcome(
    library: Library, council_id: str, card: Scenario
) -> None:
    content = library.council(council_id)
    walk = scenario_walk(content.trees[card.tree], card)
    assert walk.error == ""
    assert walk.outcome is not None and walk.outcome.id == card.outcome
    assert tuple((s.question.id, s.option.id) for s in walk.steps) == card.answers
    assert card.situation.endswith((".", "?"))


@pytest.mark.parametrize("council_id", sorted(MINIMUM_CARDS))
def test_every_tree_has_its_minimum_of_cards(library: Library, council_id: str) -> None:
    content = library.council(council_id)
    counts = Counter(card.tree for card in content.sessions.scenarios)
    short = {
        tree: counts[tree] for tree in content.trees if counts[tree] < MINIMUM_CARDS[council_id]
    }
    assert short == {}, f"trees with too few cards in {council_id}: {short}"


@pytest.mark.parametrize("council_id", sorted(MINIMUM_CARDS))
def test_every_induction_covers_every_tree_once(library: Library, council_id: str) -> None:
    guide = library.council(council_id).sessions
    assert sorted(guide.induction) == sorted(library.council(council_id).trees)
    assert guide.vulnerable_first and guide.key_clauses


def test_cards_have_unique_situations(library: Library) -> None:
    situations = Counter(card.situation for _, card in _cards(library))
    assert [text for text, count in situations.items() if count > 1] == []


def test_list_counts_the_cards(capsys: pytest.CaptureFixture[str]) -> None:
    from smguide.cli import main

    assert main(["list", "--council", "nottinghamshire"]) == 0
    count = len(load_library().council("nottinghamshire").sessions.scenarios)
    assert f"scenario cards: {count}" in capsys.readouterr().out
