"""What each answer to a question would lead to, for talking a tree through.

In a manager session the interesting question is often not "what is the
answer?" but "and what if it had been a colleague instead?". A ``Branch``
says, for one option, where the tree goes next and every outcome that could
still be reached from there, so the alternatives can be shown side by side
without walking each one.

Reachable outcomes are listed in the order ``routes()`` meets them (depth
first, options in the order written), so a reader sees them in the same
order as ``smguide paths`` and the tree file.
"""

from __future__ import annotations

from dataclasses import dataclass

from smguide.core.model import Option, Outcome, Question, Tree
from smguide.core.walk import Walk


@dataclass(frozen=True)
class Branch:
    """One option of a question and where it leads.

    Exactly one of ``next_question`` and ``outcome`` is set, unless the
    option points at a node that does not exist (content that failed
    validation), when both are ``None`` and nothing is reachable.
    ``outcomes_reachable`` holds every outcome a walk could still end on
    after choosing this option: just ``outcome`` when the option ends the
    walk, so a caller can treat both kinds alike.
    """

    option: Option
    next_question: Question | None
    outcome: Outcome | None
    outcomes_reachable: tuple[Outcome, ...]


def branches(tree: Tree, question: Question | str) -> tuple[Branch, ...]:
    """Where each option of *question* (a question or its id) leads, in option order.

    Raises ValueError for a question that is not in *tree*: asking about
    one is a mistake in the caller, not in the content.
    """
    node = tree.questions.get(question if isinstance(question, str) else question.id)
    if node is None:
        wanted = question if isinstance(question, str) else question.id
        raise ValueError(f"tree {tree.id!r} has no question {wanted!r}")
    memo: dict[str, tuple[Outcome, ...]] = {}
    found = []
    for option in node.options:
        following = tree.node(option.next)
        found.append(
            Branch(
                option=option,
                next_question=following if isinstance(following, Question) else None,
                outcome=following if isinstance(following, Outcome) else None,
                outcomes_reachable=_reachable(tree, option.next, memo, (node.id,)),
            )
        )
    return tuple(found)


def walk_branches(walk: Walk) -> tuple[Branch, ...]:
    """The branches of the question a walk is at; ValueError once it has an outcome."""
    if walk.question is None:
        raise ValueError("the walk is not at a question")
    return branches(walk.tree, walk.question)


def reachable_outcomes(tree: Tree, node_id: str) -> tuple[Outcome, ...]:
    """Every outcome a walk could end on from *node_id*, in the order routes meet them."""
    return _reachable(tree, node_id, {}, ())


def _reachable(
    tree: Tree, node_id: str, memo: dict[str, tuple[Outcome, ...]], path: tuple[str, ...]
) -> tuple[Outcome, ...]:
    # Trees are acyclic once validated, so each node's answer is the same
    # however it is reached and can be kept; *path* only stops a loop in
    # content that failed validation from recursing for ever.
    if node_id in memo:
        return memo[node_id]
    node = tree.node(node_id)
    if node is None or node_id in path:
        return ()
    if isinstance(node, Outcome):
        found: tuple[Outcome, ...] = (node,)
    else:
        seen: dict[str, Outcome] = {}
        for option in node.options:
            for outcome in _reachable(tree, option.next, memo, (*path, node_id)):
                seen.setdefault(outcome.id, outcome)
        found = tuple(seen.values())
    memo[node_id] = found
    return found
