"""Walking a tree: state rebuilt from answers, with back, change and restore."""

from __future__ import annotations

from pathlib import Path

import pytest

from smguide.core.loading import load_library
from smguide.core.model import Tree
from smguide.core.walk import Answer, Walk


@pytest.fixture
def tree(mini_root: Path) -> Tree:
    return load_library(mini_root).council("mini").trees["basic"]


def test_a_new_walk_is_at_the_start(tree: Tree) -> None:
    walk = Walk(tree)
    assert walk.question is not None and walk.question.id == "who"
    assert walk.number == 1 and not walk.finished and walk.error == ""


def test_answering_moves_on_and_reaches_an_outcome(tree: Tree) -> None:
    walk = Walk(tree).answer("other")
    assert walk.question is not None and walk.question.id == "posting"
    assert walk.number == 2
    done = walk.answer("yes")
    assert done.outcome is not None and done.outcome.id == "ask-comms"
    assert [(s.question.id, s.option.id) for s in done.steps] == [
        ("who", "other"),
        ("posting", "yes"),
    ]


def test_an_invalid_answer_is_an_error_state_not_an_exception(tree: Tree) -> None:
    walk = Walk(tree).answer("nonsense")
    assert walk.error == "'nonsense' is not an answer to 'who'"
    assert walk.question is not None and walk.question.id == "who"
    assert walk.answers == ()
    # The walk carries on normally afterwards.
    assert walk.answer("client").outcome is not None


def test_answering_after_the_outcome_is_an_error_state(tree: Tree) -> None:
    done = Walk(tree).answer("client")
    assert done.answer("client").error.startswith("this walk has reached an outcome")


def test_back_returns_to_the_previous_question_with_its_answer_selected(tree: Tree) -> None:
    done = Walk(tree).answer("other").answer("no")
    back = done.back()
    assert back.question is not None and back.question.id == "posting"
    assert back.selected == "no"
    assert back.back().question.id == "who"
    assert back.back().selected == "other"
    assert Walk(tree).back() == Walk(tree)


def test_changing_an_answer_keeps_later_answers_that_still_apply(tree: Tree) -> None:
    done = Walk(tree).answer("other").answer("no")
    again = done.change("who")
    assert again.question.id == "who" and again.selected == "other"
    # Same answer: the later answer still applies and the outcome is restored.
    assert again.answer("other").outcome.id == "accept"
    # A different answer: the path no longer passes "posting", so it is dropped.
    changed = again.answer("client")
    assert changed.outcome.id == "decline"
    assert changed.answers == (Answer("who", "client"),)


def test_change_of_a_question_not_on_the_path_is_an_error_state(tree: Tree) -> None:
    walk = Walk(tree).answer("client")
    assert walk.change("posting").error == "'posting' is not a question already answered"


def test_restart_forgets_everything(tree: Tree) -> None:
    assert Walk(tree).answer("other").answer("yes").restart() == Walk(tree)


def test_round_trip_through_a_plain_dict(tree: Tree) -> None:
    walk = Walk(tree).answer("other").answer("yes").back()
    data = walk.to_dict()
    assert data == {
        "tree": "basic",
        "answers": [{"node": "who", "option": "other"}, {"node": "posting", "option": "yes"}],
        "revisit": "posting",
    }
    assert Walk.from_dict(tree, data) == walk


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"answers": "who=client"}, "saved answers are not a list"),
        ({"answers": [{"node": "who"}]}, "a saved answer is not of the form {node, option}"),
        ({"answers": [{"node": "who", "option": "gone"}]}, "'gone' is not an answer to 'who'"),
        ({"answers": [], "revisit": "posting"}, "'posting' is not on the path of these answers"),
    ],
)
def test_bad_saved_data_gives_an_error_state(tree: Tree, data: dict, error: str) -> None:
    assert Walk.from_dict(tree, data).error == error
