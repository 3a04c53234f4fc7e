"""Every route through a tree, for review, tests and ``smguide paths``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from smguide.core.model import Outcome, Question, Tree
from smguide.core.walk import Step


@dataclass(frozen=True)
class Route:
    """One way from the start to an end: the answers and where they lead.

    ``outcome`` is ``None`` when the route stops short of one (a broken
    reference or a loop), which ``smguide check`` reports as a problem.
    """

    tree: Tree
    steps: tuple[Step, ...]
    outcome: Outcome | None


def routes(tree: Tree, limit: int = 100_000) -> Iterator[Route]:
    """Depth-first, in the order options are written; at most *limit* routes."""
    start = tree.node(tree.start)
    if start is None:
        return
    # A ``None`` node marks an option that leads nowhere.
    stack: list[tuple[Question | Outcome | None, tuple[Step, ...]]] = [(start, ())]
    produced = 0
    while stack and produced < limit:
        node, steps = stack.pop()
        if node is None or isinstance(node, Outcome):
            produced += 1
            yield Route(tree, steps, node)
            continue
        visited = {step.question.id for step in steps}
        if node.id in visited or not node.options:
            produced += 1
            yield Route(tree, steps, None)
            continue
        # Reverse so the first option is walked first.
        for option in reversed(node.options):
            stack.append((tree.node(option.next), (*steps, Step(node, option))))
