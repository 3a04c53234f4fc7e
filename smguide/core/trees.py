"""Decision tree files: questions that route to outcomes.

The file holds routing and words only; whether the routes make sense as a
whole (every reference resolves, no loops, nothing unreachable) is checked
in ``validation`` once every file of the council is loaded.
"""

from __future__ import annotations

import re
from pathlib import Path

from smguide.core.citations import read_citations
from smguide.core.fields import Fields, expect_mapping, type_name
from smguide.core.model import VERDICTS, Option, Outcome, Question, Tree
from smguide.core.problems import ProblemList
from smguide.core.yamlsource import LDict, load_yaml

ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
ID_RULE = "lower-case letters, digits, hyphens and underscores"

TREE_REQUIRED = ("title", "summary", "start", "questions", "outcomes")
TREE_OPTIONAL = ("keywords", "examples")
QUESTION_REQUIRED = ("text", "options")
QUESTION_OPTIONAL = ("help", "cites")
OPTION_REQUIRED = ("id", "label", "next")
OUTCOME_REQUIRED = ("verdict", "title", "steps", "cites")
OUTCOME_OPTIONAL = ("summary", "contacts")


def parse_tree(path: Path, text: str, problems: ProblemList, council_id: str) -> Tree | None:
    """Parse one tree file; problems are reported, never raised."""
    data = load_yaml(text, problems)
    if data is None:
        if problems.count == 0:
            problems.add(1, "the tree file is empty")
        return None
    mapping = expect_mapping(data, "a tree file", 1, problems)
    if mapping is None:
        return None
    fields = Fields(mapping, "the tree", problems, required=TREE_REQUIRED, optional=TREE_OPTIONAL)
    if not ID.match(path.stem):
        problems.add(1, f"the file name {path.name!r} must be the tree id: {ID_RULE}")
    title = fields.text("title")
    summary = fields.text("summary")
    start = fields.text("start")
    keywords = tuple(keyword for keyword, _ in fields.texts("keywords"))
    examples = tuple(example for example, _ in fields.texts("examples"))

    node_lines: dict[str, int] = {}
    questions = {}
    for node_id, entry, line in _nodes(fields, "questions", node_lines, problems):
        question = _question(node_id, entry, line, problems)
        if question is not None:
            questions[node_id] = question
    outcomes = {}
    for node_id, entry, line in _nodes(fields, "outcomes", node_lines, problems):
        outcome = _outcome(node_id, entry, line, problems)
        if outcome is not None:
            outcomes[node_id] = outcome
    return Tree(
        id=path.stem,
        council=council_id,
        title=title,
        summary=summary,
        keywords=keywords,
        examples=examples,
        start=start,
        questions=questions,
        outcomes=outcomes,
        path=path,
        lines=fields.lines,
    )


def _nodes(
    fields: Fields, key: str, seen: dict[str, int], problems: ProblemList
) -> list[tuple[str, LDict, int]]:
    """The entries of ``questions`` or ``outcomes``, ids checked unique across both."""
    section = fields.mapping_of(key)
    if section is None:
        return []
    result = []
    for node_id, value in section.items():
        line = section.line_of(node_id)
        if not isinstance(node_id, str) or not ID.match(node_id):
            problems.add(line, f"node id {node_id!r} must use {ID_RULE}")
            continue
        if node_id in seen:
            problems.add(
                line,
                f"node id {node_id!r} is used twice (first on line {seen[node_id]}); "
                "questions and outcomes share one set of ids",
            )
            continue
        seen[node_id] = line
        kind = "question" if key == "questions" else "outcome"
        entry = expect_mapping(value, f"{kind} {node_id!r}", line, problems)
        if entry is not None:
            result.append((node_id, entry, line))
    return result


def _question(node_id: str, entry: LDict, line: int, problems: ProblemList) -> Question | None:
    what = f"question {node_id!r}"
    fields = Fields(entry, what, problems, required=QUESTION_REQUIRED, optional=QUESTION_OPTIONAL)
    text = fields.text("text")
    help_text = fields.text("help")
    cites = read_citations(fields)
    options: list[Option] = []
    option_ids: dict[str, int] = {}
    raw_options = fields.items("options")
    if "options" in entry and not raw_options:
        problems.add(fields.line("options"), f"{what} has no options: it would be a dead end")
    for index, (item, item_line) in enumerate(raw_options):
        if not isinstance(item, LDict):
            problems.add(
                item_line,
                f"option {index + 1} of {what} must be a mapping with id, label and next, "
                f"not {type_name(item)}",
            )
            continue
        option_fields = Fields(
            item, f"option {index + 1} of {what}", problems, required=OPTION_REQUIRED
        )
        option_id = option_fields.text("id")
        if option_id and not ID.match(option_id):
            problems.add(option_fields.line("id"), f"option id {option_id!r} must use {ID_RULE}")
        if option_id in option_ids:
            problems.add(
                option_fields.line("id"),
                f"option id {option_id!r} is used twice in {what} "
                f"(first on line {option_ids[option_id]})",
            )
            continue
        label = option_fields.text("label")
        target = option_fields.text("next")
        if not (option_id and label and target):
            continue
        option_ids[option_id] = option_fields.line("id")
        options.append(Option(option_id, label, target, option_fields.line("next")))
    return Question(
        id=node_id,
        text=text,
        options=tuple(options),
        help=help_text,
        cites=cites,
        line=line,
        lines=fields.lines,
    )


def _outcome(node_id: str, entry: LDict, line: int, problems: ProblemList) -> Outcome | None:
    what = f"outcome {node_id!r}"
    fields = Fields(entry, what, problems, required=OUTCOME_REQUIRED, optional=OUTCOME_OPTIONAL)
    verdict = fields.text("verdict")
    if verdict and verdict not in VERDICTS:
        problems.add(
            fields.line("verdict"),
            f"unknown verdict {verdict!r} in {what}; expected one of: {', '.join(VERDICTS)}",
        )
    steps = fields.texts("steps")
    if "steps" in entry and not steps:
        problems.add(fields.line("steps"), f"{what} has no steps")
    contacts = fields.texts("contacts")
    cites = read_citations(fields)
    if "cites" in entry and not cites:
        problems.add(fields.line("cites"), f"{what} cites no clause; every outcome needs one")
    return Outcome(
        id=node_id,
        verdict=verdict,
        title=fields.text("title"),
        steps=tuple(step for step, _ in steps),
        contacts=tuple(contact for contact, _ in contacts),
        cites=cites,
        summary=fields.text("summary"),
        line=line,
        lines=fields.lines,
    )
