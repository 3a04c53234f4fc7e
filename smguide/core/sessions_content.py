"""``sessions.yaml``: topics for manager sessions, and scenario cards to discuss.

A manager running an induction or a supervision meeting needs to know which
topics to cover, in what order, which clauses to read together, and some
realistic situations to talk through. All of that is the council's content,
not code, so it lives beside the policy and the policy owner can change it.

This module reads the file on its own (types, keys, ids); whether the trees,
questions, options and clauses it names exist, and whether each card's
answers really lead to its outcome, is checked in ``sessions`` once the
council's trees are loaded.
"""

from __future__ import annotations

from pathlib import Path

from smguide.core.citations import read_citations
from smguide.core.fields import Fields, type_name
from smguide.core.model import Scenario, SessionGuide
from smguide.core.problems import ProblemList
from smguide.core.trees import ID, ID_RULE
from smguide.core.yamlsource import LDict, load_yaml

FILE = "sessions.yaml"

TOP_KEYS = ("induction", "vulnerable_first", "key_clauses", "scenarios")
SCENARIO_KEYS = ("id", "tree", "situation", "answers", "outcome")


def parse_sessions(path: Path, text: str, problems: ProblemList) -> SessionGuide:
    """The session guide in *text*; problems are reported, never raised.

    A scenario with any fault is left out rather than kept half-read, so one
    mistake is reported once and not again as a path that goes wrong.
    """
    data = load_yaml(text, problems)
    if data is None:  # empty, or a YAML error already reported
        return SessionGuide(path=path)
    if not isinstance(data, LDict):
        problems.add(
            getattr(data, "line", 1),
            f"{FILE} must be a mapping with {', '.join(TOP_KEYS)}, not {type_name(data)}",
        )
        return SessionGuide(path=path)
    fields = Fields(data, FILE, problems, optional=TOP_KEYS)
    induction = tuple(tree for tree, _ in fields.texts("induction"))
    vulnerable_first = tuple(tree for tree, _ in fields.texts("vulnerable_first"))
    key_clauses = read_citations(fields, "key_clauses")

    scenarios: list[Scenario] = []
    seen: dict[str, int] = {}
    for index, (item, line) in enumerate(fields.items("scenarios")):
        scenario = _scenario(index, item, line, problems)
        if scenario is None:
            continue
        if scenario.id in seen:
            problems.add(
                scenario.lines.get("id", line),
                f"scenario id {scenario.id!r} is used twice (first on line {seen[scenario.id]})",
            )
            continue
        seen[scenario.id] = scenario.lines.get("id", line)
        scenarios.append(scenario)
    return SessionGuide(
        induction=induction,
        vulnerable_first=vulnerable_first,
        key_clauses=key_clauses,
        scenarios=tuple(scenarios),
        path=path,
        lines=fields.lines,
    )


def _scenario(index: int, item: object, line: int, problems: ProblemList) -> Scenario | None:
    if not isinstance(item, LDict):
        problems.add(
            line,
            f"scenario {index + 1} in {FILE} must be a mapping with "
            f"{', '.join(SCENARIO_KEYS)}, not {type_name(item)}",
        )
        return None
    before = problems.count
    raw_id = item.get("id")
    what = f"scenario {raw_id!r}" if isinstance(raw_id, str) else f"scenario {index + 1}"
    fields = Fields(item, what, problems, required=SCENARIO_KEYS)
    scenario_id = fields.text("id")
    if scenario_id and not ID.match(scenario_id):
        problems.add(fields.line("id"), f"scenario id {scenario_id!r} must use {ID_RULE}")
    tree = fields.text("tree")
    situation = fields.text("situation")
    outcome = fields.text("outcome")
    answers = _answers(fields, what, problems)
    if problems.count > before or not (scenario_id and tree and situation and outcome):
        return None
    return Scenario(
        id=scenario_id,
        tree=tree,
        situation=situation,
        answers=answers,
        outcome=outcome,
        line=line,
        lines=fields.lines,
    )


def _answers(fields: Fields, what: str, problems: ProblemList) -> tuple[tuple[str, str], ...]:
    """``question: option`` pairs in the order written (the order the tree asks them)."""
    if "answers" not in fields.mapping:
        return ()
    line = fields.line("answers")
    value = fields.mapping["answers"]
    fields.lines["answers"] = line
    if not isinstance(value, LDict):
        problems.add(
            getattr(value, "line", line),
            f"'answers' in {what} must map each question id to the option chosen "
            f"(e.g. who: client), not be {type_name(value)}",
        )
        return ()
    if not value:
        problems.add(line, f"{what} has no answers; give the path from the tree's start")
        return ()
    pairs: list[tuple[str, str]] = []
    for question, option in value.items():
        entry_line = value.line_of(question)
        if isinstance(question, bool) or not isinstance(question, str | int):
            problems.add(
                entry_line,
                f"a question id in the answers of {what} must be text, not {type_name(question)}",
            )
            continue
        if isinstance(option, bool) or not isinstance(option, str | int):
            problems.add(
                entry_line,
                f"the answer to {str(question)!r} in {what} must be one option id (text), "
                f"not {type_name(option)}",
            )
            continue
        if not str(option).strip():
            problems.add(entry_line, f"the answer to {str(question)!r} in {what} is empty")
            continue
        fields.lines[f"answers.{len(pairs)}"] = entry_line
        pairs.append((str(question), str(option).strip()))
    return tuple(pairs)
