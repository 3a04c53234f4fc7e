"""Manager sessions over a council's content: suggested topics and scenario cards.

The words live in ``sessions.yaml`` (read by ``sessions_content``); this
module holds the rules: which topics to suggest first, how a card becomes a
walk the app can reveal step by step, and the checks that keep every card
true to its tree. A card whose tree changed under it would teach the wrong
answer with the council's authority, so ``smguide check`` walks every card.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from smguide.core.model import CouncilContent, Outcome, Question, Scenario, Tree
from smguide.core.problems import ProblemList
from smguide.core.walk import Answer, Walk


def scenario_walk(tree: Tree, scenario: Scenario) -> Walk:
    """The walk a card's answers make: its steps are the path, its outcome the answer."""
    return Walk(tree, tuple(Answer(question, option) for question, option in scenario.answers))


def suggested_topics(content: CouncilContent, *, vulnerable: bool = False) -> tuple[str, ...]:
    """Tree ids in the order to suggest them for an induction.

    The guide's induction order, or, for a council without one, the home
    page's order followed by the other trees by title. With *vulnerable*
    (a service working with children or vulnerable adults) the guide's
    ``vulnerable_first`` topics come first. Ids of missing trees are left
    out, so a broken file never offers a topic that cannot open.
    """
    guide = content.sessions
    if guide.induction:
        order = list(guide.induction)
    else:
        listed = [tree for tree in content.council.trees if tree in content.trees]
        rest = sorted(
            (tree for tree in content.trees.values() if tree.id not in listed),
            key=lambda tree: tree.title.casefold(),
        )
        order = listed + [tree.id for tree in rest]
    if vulnerable:
        order = [*guide.vulnerable_first, *order]
    return tuple(_unique(tree for tree in order if tree in content.trees))


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def check_sessions(content: CouncilContent, problems: ProblemList) -> None:
    """Every reference in the guide resolves, and every card walks to its outcome.

    Clause references (``key_clauses``) are checked with the trees' own
    citation rules in ``validation``.
    """
    guide = content.sessions
    for key, trees in (
        ("induction", guide.induction),
        ("vulnerable_first", guide.vulnerable_first),
    ):
        seen: set[str] = set()
        for index, tree_id in enumerate(trees):
            line = guide.lines.get(f"{key}.{index}", guide.lines.get(key, 1))
            if tree_id not in content.trees:
                problems.add(
                    line, f"{key!r} names unknown tree {tree_id!r} {_hint(tree_id, content.trees)}"
                )
            elif tree_id in seen:
                problems.add(line, f"{key!r} names tree {tree_id!r} twice")
            seen.add(tree_id)
    for scenario in guide.scenarios:
        tree = content.trees.get(scenario.tree)
        if tree is None:
            problems.add(
                scenario.lines.get("tree", scenario.line),
                f"scenario {scenario.id!r} names unknown tree {scenario.tree!r} "
                f"{_hint(scenario.tree, content.trees)}",
            )
            continue
        check_scenario(tree, scenario, problems)


def check_scenario(tree: Tree, scenario: Scenario, problems: ProblemList) -> None:
    """The card's answers are exactly the path from the tree's start to its outcome.

    Followed one answer at a time, so the problem named is the first place
    the card and the tree part ways: an unknown question or option, a
    question skipped, answers out of order, an answer after the outcome is
    reached, answers that stop short, or a different outcome.
    """
    what = f"scenario {scenario.id!r}"
    outcome_line = scenario.lines.get("outcome", scenario.line)
    declared_known = scenario.outcome in tree.outcomes
    if not declared_known:
        if scenario.outcome in tree.questions:
            problems.add(
                outcome_line,
                f"{what} gives {scenario.outcome!r} as its outcome, but that is a question "
                f"of tree {tree.id!r}; outcomes: {', '.join(tree.outcomes)}",
            )
        else:
            problems.add(
                outcome_line,
                f"{what} gives outcome {scenario.outcome!r}, which tree {tree.id!r} does not "
                f"have {_hint(scenario.outcome, tree.outcomes)}",
            )
    node: Question | Outcome | None = tree.node(tree.start)
    if node is None:
        return  # the tree's own problem, reported with the tree
    answered = [question for question, _ in scenario.answers]
    trail: list[str] = []
    for index, (question_id, option_id) in enumerate(scenario.answers):
        line = scenario.lines.get(f"answers.{index}", scenario.lines.get("answers", scenario.line))
        if isinstance(node, Outcome):
            problems.add(
                line,
                f"{what} answers {question_id!r} after its path has already reached outcome "
                f"{node.id!r} ({_after(trail)}); remove the extra answer",
            )
            return
        if question_id != node.id:
            if question_id not in tree.questions:
                problems.add(
                    line,
                    f"{what} answers question {question_id!r}, which tree {tree.id!r} does not "
                    f"have {_hint(question_id, tree.questions)}",
                )
            elif node.id in answered[index + 1 :]:
                problems.add(
                    line,
                    f"{what} answers {question_id!r} before {node.id!r}, but the tree asks "
                    f"{node.id!r} first; give the answers in the order the tree asks them",
                )
            else:
                problems.add(
                    line,
                    f"{what} skips question {node.id!r} ({node.text!r}), which the tree asks "
                    f"{_after(trail)}; answer it before {question_id!r}",
                )
            return
        option = node.option(option_id)
        if option is None:
            options = [option.id for option in node.options]
            problems.add(
                line,
                f"{what} answers {question_id!r} with {option_id!r}, which is not one of its "
                f"options {_hint(option_id, options)}",
            )
            return
        trail.append(f"{question_id}: {option_id}")
        node = tree.node(option.next)
        if node is None:
            return  # a broken reference in the tree, reported with the tree
    if isinstance(node, Question):
        problems.add(
            scenario.lines.get("answers", scenario.line),
            f"{what} stops at question {node.id!r} ({node.text!r}) without reaching an outcome; "
            f"answer it too (options: {', '.join(option.id for option in node.options)})",
        )
    elif declared_known and node.id != scenario.outcome:
        problems.add(
            outcome_line,
            f"{what} gives outcome {scenario.outcome!r}, but its answers lead to "
            f"{node.id!r} ({node.title!r})",
        )


def _after(trail: list[str]) -> str:
    return f"after {', '.join(trail)}" if trail else "first"


def _hint(name: str, known: Iterable[str]) -> str:
    """``(did you mean 'y'? known: ...)``, for a name that is not there."""
    names = list(known)
    near = difflib.get_close_matches(name, names, n=1)
    guess = f"did you mean {near[0]!r}? " if near else ""
    return f"({guess}known: {', '.join(names) or 'none'})"
