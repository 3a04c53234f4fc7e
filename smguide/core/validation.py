"""Checks that need the whole council: references, reachability, loops.

Parsing has already checked each file on its own. Here every tree is held
against its council's documents and contacts, and walked as a graph, so a
policy owner learns of a renamed clause or an orphaned question at once.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from smguide.core.collector import collector_paused
from smguide.core.example_checks import check_examples
from smguide.core.fidelity import differing_clauses
from smguide.core.model import Citation, CouncilContent, Library, Outcome, Question, Tree
from smguide.core.problems import Problem, ProblemList, merged
from smguide.core.review import review_problems
from smguide.core.richtext import template_context, template_error
from smguide.core.sessions import check_sessions


def check(library: Library, today: datetime.date | None = None) -> list[Problem]:
    """Every problem in the library: those found while loading, the cross-checks,
    and the review dates.

    *today* decides whether a review date has passed (a warning, not an error).
    """
    councils = (content.council for content in library.councils.values())
    return merged(validate(library), review_problems(councils, today))


def validate(library: Library) -> list[Problem]:
    """The problems that depend on the content alone: loading and cross-checks.

    Unlike ``check`` it does not look at the date, so its answer holds for as
    long as the files are unchanged (the start-up snapshot keeps it).
    """
    sink = list(library.problems)
    with collector_paused():  # see core/collector.py
        for content in library.councils.values():
            validate_council(content, sink)
    return sink


def validate_council(content: CouncilContent, sink: list[Problem]) -> None:
    council = content.council
    council_problems = ProblemList(council.path, sink)
    for contact in council.contacts.values():
        _check_citations(
            content, contact.cites, contact.lines, council_problems, f"contact {contact.id!r}"
        )
    for document in content.documents.values():
        document_problems = ProblemList(document.path, sink)
        for number in differing_clauses(document):
            clause = document.clause(number)
            document_problems.add(
                clause.line if clause else 1,
                f"clause {number} is not word for word in the source "
                f"({document.source}); policy text must be quoted exactly",
            )
        if document.superseded_by and document.superseded_by not in content.documents:
            ProblemList(document.path, sink).add(
                document.lines.get("superseded_by", 1),
                f"superseded_by names {document.superseded_by!r}, which is not a document "
                f"of {council.id}",
            )
    for entry in council.urgent:
        if entry.tree not in content.trees:
            known = ", ".join(content.trees) or "none"
            council_problems.add(
                entry.line,
                f"urgent entry {entry.label!r} names unknown tree {entry.tree!r} (known: {known})",
            )
    for index, tree_id in enumerate(council.trees):
        if tree_id not in content.trees:
            known = ", ".join(content.trees) or "none"
            council_problems.add(
                council.lines.get(f"trees.{index}", 1),
                f"'trees' names unknown tree {tree_id!r} (known: {known})",
            )
    context = template_context(council)
    for tree in content.trees.values():
        validate_tree(tree, content, ProblemList(tree.path, sink), context)
    check_examples(content, sink)
    sessions = content.sessions
    if sessions.path is not None:
        session_problems = ProblemList(sessions.path, sink)
        _check_citations(
            content,
            sessions.key_clauses,
            sessions.lines,
            session_problems,
            "'key_clauses'",
            key="key_clauses",
        )
        check_sessions(content, session_problems)


def validate_tree(
    tree: Tree, content: CouncilContent, problems: ProblemList, context: Mapping[str, Any]
) -> None:
    _check_graph(tree, problems)
    for question in tree.questions.values():
        what = f"question {question.id!r}"
        _check_citations(content, question.cites, question.lines, problems, what)
        _check_template(
            question.help, question.lines.get("help", question.line), problems, context, what
        )
    for outcome in tree.outcomes.values():
        what = f"outcome {outcome.id!r}"
        _check_citations(content, outcome.cites, outcome.lines, problems, what)
        for index, contact in enumerate(outcome.contacts):
            if contact not in content.council.contacts:
                known = ", ".join(content.council.contacts) or "none"
                problems.add(
                    outcome.lines.get(f"contacts.{index}", outcome.line),
                    f"unknown contact {contact!r} in {what}; council.yaml has: {known}",
                )
        _check_template(
            outcome.summary, outcome.lines.get("summary", outcome.line), problems, context, what
        )
        for index, step in enumerate(outcome.steps):
            _check_template(
                step, outcome.lines.get(f"steps.{index}", outcome.line), problems, context, what
            )
    for key, text in (("title", tree.title), ("summary", tree.summary)):
        _check_template(text, tree.lines.get(key, 1), problems, context, "the tree")


def _check_template(
    text: str, line: int, problems: ProblemList, context: Mapping[str, Any], what: str
) -> None:
    if "{" in text:
        error = template_error(text, context)
        if error:
            problems.add(line, f"{error} in {what}")


def _check_citations(
    content: CouncilContent,
    cites: tuple[Citation, ...],
    lines: Mapping[str, int],
    problems: ProblemList,
    what: str,
    key: str = "cites",
) -> None:
    for index, citation in enumerate(cites):
        line = lines.get(f"{key}.{index}", lines.get(key, lines.get("", 1)))
        document = content.documents.get(citation.document)
        if document is None:
            known = ", ".join(content.documents) or "none"
            problems.add(
                line,
                f"{what} cites {citation.clause!r}, but there is no document "
                f"{citation.document!r} (known: {known})",
            )
            continue
        if document.clause(citation.number) is None:
            problems.add(
                line,
                f"{what} cites {citation.clause!r}, but {document.id} has no clause "
                f"{citation.number}",
            )
            continue
        if document.status == "superseded" and not citation.superseded:
            problems.add(
                line,
                f"{what} cites {citation.clause!r} from a superseded document "
                f"(replaced by {document.superseded_by or 'a newer version'}); cite the "
                "current one, or write {clause: ..., superseded: true} to mean it",
            )


def _check_graph(tree: Tree, problems: ProblemList) -> None:
    """Start, references, reachability and loops."""
    start_line = tree.lines.get("start", 1)
    if tree.start and tree.node(tree.start) is None:
        problems.add(start_line, f"start node {tree.start!r} does not exist")
    for question in tree.questions.values():
        for option in question.options:
            if tree.node(option.next) is None:
                problems.add(
                    option.line,
                    f"option {option.id!r} of question {question.id!r} leads to "
                    f"{option.next!r}, which is neither a question nor an outcome",
                )
            elif option.next == tree.start:
                problems.add(
                    option.line,
                    f"option {option.id!r} of question {question.id!r} leads back to the "
                    "start, making a loop",
                )
    if tree.node(tree.start) is None:
        return

    reached = _find_loops(tree, problems)
    nodes: list[Question | Outcome] = [*tree.questions.values(), *tree.outcomes.values()]
    for node in nodes:
        node_id = node.id
        if node_id not in reached:
            problems.add(node.line, f"node {node_id!r} cannot be reached from the start")


def _find_loops(tree: Tree, problems: ProblemList) -> set[str]:
    """Depth-first from the start, reporting each option that closes a loop.

    Iterative, so a very deep tree cannot exhaust Python's recursion limit.
    Returns the ids of every node reached.
    """
    reached = {tree.start}
    trail: list[str] = []
    on_trail: set[str] = set()
    stack: list[tuple[str, int]] = [(tree.start, 0)]
    while stack:
        node_id, index = stack.pop()
        question = tree.questions.get(node_id)
        if question is None:
            continue
        if index == 0:
            trail.append(node_id)
            on_trail.add(node_id)
        if index >= len(question.options):
            trail.pop()
            on_trail.discard(node_id)
            continue
        stack.append((node_id, index + 1))
        option = question.options[index]
        if option.next in on_trail:
            if option.next != tree.start:  # a loop to the start is reported already
                loop = " -> ".join([*trail[trail.index(option.next) :], option.next])
                problems.add(
                    option.line,
                    f"option {option.id!r} of question {question.id!r} makes a loop: {loop}",
                )
        elif option.next not in reached and tree.node(option.next) is not None:
            reached.add(option.next)
            stack.append((option.next, 0))
    return reached
