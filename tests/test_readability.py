"""Plain English: reading ease per node, warnings that never fail `check`, quotes exempt."""

from __future__ import annotations

from pathlib import Path

import pytest

from smguide.cli import main
from smguide.core.loading import load_library
from smguide.core.readability import (
    MIN_EASE,
    node_readings,
    read,
    reading_problems,
    syllables,
)

#: Two sentences of long words: over 20 words, so reading ease is judged.
HARD = (
    "Notwithstanding organisational considerations, communications professionals "
    "necessitate comprehensive authorisation concerning institutional representational "
    "responsibilities. Additionally, organisational communications necessitate "
    "consultation, documentation and authorisation."
)


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("the", 1),
        ("post", 1),
        ("request", 2),
        ("decline", 2),
        ("policy", 3),
        ("family", 3),
        ("responsible", 4),
        ("communications", 5),
        ("shared", 1),
        ("little", 2),
    ],
)
def test_syllables_are_roughly_right(word: str, count: int) -> None:
    assert syllables(word) == count


def test_reading_ease_follows_the_flesch_formula() -> None:
    reading = read("The cat sat on the mat. It was a good cat.")
    assert (reading.words, reading.sentences, reading.syllables) == (11, 2, 11)
    assert reading.ease == pytest.approx(206.835 - 1.015 * 5.5 - 84.6 * 1.0)


def test_long_words_and_long_sentences_are_hard() -> None:
    easy = read("Say no to the request. Tell your manager.")
    hard = read(HARD)
    assert not easy.hard and easy.ease > 60
    assert hard.hard and hard.ease < MIN_EASE


def test_quoted_words_and_markup_are_left_out() -> None:
    """The council's words, quoted, are not the guide's to simplify."""
    plain = read("Ask your manager.")
    quoted = read(
        'Ask your manager. "Notwithstanding institutional representational responsibilities."'
    )
    block = read("Ask your manager.\n> Notwithstanding institutional responsibilities.")
    curly = read("Ask your manager. “Notwithstanding institutional responsibilities.”")
    assert plain == quoted == block == curly
    assert read("Email {{ council.email }} [now](https://example.org).").words == 4


def test_every_question_and_outcome_is_read(library) -> None:
    for content in library.councils.values():
        items = list(node_readings(content))
        expected = sum(len(t.questions) + len(t.outcomes) for t in content.trees.values())
        assert len(items) == expected
        assert all(item.reading.words > 0 for item in items)


def test_a_hard_node_is_a_warning_with_its_line_and_check_still_passes(
    capsys, mini_root: Path
) -> None:
    tree = mini_root / "decision_trees" / "mini" / "basic.yaml"
    text = tree.read_text(encoding="utf-8")
    tree.write_text(
        text.replace(
            "Decline it politely.",
            HARD,
        ),
        encoding="utf-8",
    )
    line = text[: text.index("  decline:\n")].count("\n") + 1
    (problem,) = reading_problems(load_library(mini_root))
    assert (problem.path.name, problem.line, problem.severity) == ("basic.yaml", line, "warning")
    assert main(["check", "--content", str(mini_root)]) == 0
    out = capsys.readouterr().out
    assert f"basic.yaml:{line}: warning: outcome 'decline': reading ease" in out
    assert "(1 warning(s) above)" in out


def test_check_reading_lists_every_node(capsys, mini_root: Path) -> None:
    assert main(["check", "--reading", "--content", str(mini_root)]) == 0
    out = capsys.readouterr().out
    assert "reading ease (higher is easier; warned below 40" in out
    for node in ("question 'who'", "question 'posting'", "outcome 'decline'", "outcome 'accept'"):
        assert node in out
    assert "basic.yaml:7: question 'who': reading ease" in out


def test_a_few_words_are_judged_by_sentence_length_alone() -> None:
    """Flesch means little over a few words: two long ones score below zero."""
    short = read("Communications authorisation.")
    assert short.ease < MIN_EASE
    assert not short.hard
    assert read(" ".join(["word"] * 30) + ".").hard
