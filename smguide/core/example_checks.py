"""Checks on the example situations trees carry for search (``examples:``).

Examples teach search which topic a described situation belongs to, so one
that cannot teach anything, or that teaches two topics at once, is reported
with its file and line like any other content mistake.
"""

from __future__ import annotations

from pathlib import Path

from smguide.core.model import CouncilContent
from smguide.core.problems import Problem, ProblemList
from smguide.core.search import STOPWORDS
from smguide.core.synonyms import words


def check_examples(content: CouncilContent, sink: list[Problem]) -> None:
    """Every tree's examples: each says something, once, and in one tree of the council."""
    seen: dict[str, tuple[str, Path, int]] = {}
    for tree in content.trees.values():
        problems = ProblemList(tree.path, sink)
        for index, example in enumerate(tree.examples):
            line = tree.lines.get(f"examples.{index}", 1)
            found = words(example)
            if not any(word not in STOPWORDS and len(word) > 1 for word in found):
                problems.add(
                    line,
                    f"example {example!r} has only small words (such as 'I', 'can', 'the'); "
                    "describe the situation: who, what, where",
                )
                continue
            normal = " ".join(found)
            earlier = seen.get(normal)
            if earlier is None:
                seen[normal] = (tree.id, tree.path, line)
            elif earlier[0] == tree.id:
                problems.add(
                    line, f"example {example!r} is given twice (first on line {earlier[2]})"
                )
            else:
                problems.add(
                    line,
                    f"example {example!r} is also an example of tree {earlier[0]!r} "
                    f"({earlier[1].name}:{earlier[2]}); search cannot learn which topic it is: "
                    "keep it in one tree",
                )
