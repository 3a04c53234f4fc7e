"""Walking a tree: the state is rebuilt from the answers every time.

A ``Walk`` holds only the tree, the answers given and, when the employee has
gone back, which question they are looking at again. Everything else (the
path so far, the current question or outcome, an error) is derived. That
makes back, change-an-earlier-answer, saving and a kiosk reset trivial: there
is no hidden state to get out of step.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from smguide.core.model import Node, Option, Outcome, Question, Tree


@dataclass(frozen=True)
class Answer:
    """The option chosen at one question."""

    node: str
    option: str


@dataclass(frozen=True)
class Step:
    """A question on the path and the option chosen there."""

    question: Question
    option: Option


@dataclass(frozen=True)
class Walk:
    """Where an employee is in a tree, derived from their answers.

    ``answers`` may hold answers beyond the current question after going
    back: they are kept so that answering the same way again restores them,
    and dropped once a different answer takes the path elsewhere.
    """

    tree: Tree
    answers: tuple[Answer, ...] = ()
    revisit: str | None = None
    steps: tuple[Step, ...] = field(init=False)
    current: Node | None = field(init=False)
    error: str = field(init=False)

    def __post_init__(self) -> None:
        steps, current, error = _resolve(self.tree, self.answers, self.revisit)
        object.__setattr__(self, "steps", steps)
        object.__setattr__(self, "current", current)
        object.__setattr__(self, "error", error)

    # -- reading ----------------------------------------------------------

    @property
    def question(self) -> Question | None:
        return self.current if isinstance(self.current, Question) else None

    @property
    def outcome(self) -> Outcome | None:
        return self.current if isinstance(self.current, Outcome) else None

    @property
    def finished(self) -> bool:
        return self.outcome is not None

    @property
    def number(self) -> int:
        """The current question's position on the path, counting from 1."""
        return len(self.steps) + 1

    @property
    def selected(self) -> str | None:
        """The option already chosen at the current question, when revisiting it."""
        if self.question is None:
            return None
        return _lookup(self.answers).get(self.question.id)

    # -- moving -----------------------------------------------------------

    def answer(self, option_id: str) -> Walk:
        """Choose *option_id* at the current question.

        Answers given earlier for later questions are kept if the path still
        passes through them. An answer that is not an option of the current
        question gives a walk in an error state, never an exception.
        """
        question = self.question
        if question is None:
            return self._with_error(
                "this walk has reached an outcome; there is no question to answer"
            )
        if question.option(option_id) is None:
            return self._with_error(f"{option_id!r} is not an answer to {question.id!r}")
        answers = [a for a in self.answers if a.node != question.id]
        answers.append(Answer(question.id, option_id))
        walked = Walk(self.tree, tuple(answers))
        if walked.error:
            return walked
        # Keep what the path still passes through, in the order it is walked.
        return Walk(self.tree, tuple(Answer(s.question.id, s.option.id) for s in walked.steps))

    def back(self) -> Walk:
        """Return to the previous question, keeping the answers given after it."""
        if not self.steps:
            return self
        return Walk(self.tree, self.answers, self.steps[-1].question.id)

    def change(self, node_id: str) -> Walk:
        """Return to an earlier question on the path, with its answer still selected."""
        if all(step.question.id != node_id for step in self.steps):
            return self._with_error(f"{node_id!r} is not a question already answered")
        return Walk(self.tree, self.answers, node_id)

    def restart(self) -> Walk:
        return Walk(self.tree)

    # -- saving -----------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "tree": self.tree.id,
            "answers": [{"node": a.node, "option": a.option} for a in self.answers],
        }
        if self.revisit:
            data["revisit"] = self.revisit
        return data

    @classmethod
    def from_dict(cls, tree: Tree, data: Mapping[str, Any]) -> Walk:
        """Rebuild a walk from ``to_dict``'s output; bad data gives an error state."""
        raw = data.get("answers", []) if isinstance(data, Mapping) else None
        answers: list[Answer] = []
        if not isinstance(raw, list):
            return cls(tree)._with_error("saved answers are not a list")
        for item in raw:
            if not (
                isinstance(item, Mapping)
                and isinstance(item.get("node"), str)
                and isinstance(item.get("option"), str)
            ):
                return cls(tree, tuple(answers))._with_error(
                    "a saved answer is not of the form {node, option}"
                )
            answers.append(Answer(item["node"], item["option"]))
        revisit = data.get("revisit")
        return cls(tree, tuple(answers), revisit if isinstance(revisit, str) else None)

    # -- helpers ----------------------------------------------------------

    def _with_error(self, message: str) -> Walk:
        walk = Walk(self.tree, self.answers, self.revisit)
        object.__setattr__(walk, "error", message)
        return walk


def _lookup(answers: Iterable[Answer]) -> dict[str, str]:
    return {answer.node: answer.option for answer in answers}


def _resolve(
    tree: Tree, answers: tuple[Answer, ...], revisit: str | None
) -> tuple[tuple[Step, ...], Node | None, str]:
    lookup = _lookup(answers)
    node = tree.node(tree.start)
    if node is None:
        return (), None, f"the tree has no start node {tree.start!r}"
    steps: list[Step] = []
    seen: set[str] = set()
    while isinstance(node, Question):
        if node.id == revisit:
            break
        if node.id in seen:
            return tuple(steps), node, f"the tree loops back to {node.id!r}"
        seen.add(node.id)
        chosen = lookup.get(node.id)
        if chosen is None:
            break
        option = node.option(chosen)
        if option is None:
            return tuple(steps), node, f"{chosen!r} is not an answer to {node.id!r}"
        following = tree.node(option.next)
        if following is None:
            return tuple(steps), node, f"{option.next!r} does not exist in {tree.id!r}"
        steps.append(Step(node, option))
        node = following
    if revisit is not None and (node is None or node.id != revisit):
        return tuple(steps), node, f"{revisit!r} is not on the path of these answers"
    return tuple(steps), node, ""
