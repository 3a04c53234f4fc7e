"""A tree as Graphviz DOT, so a policy owner can see its shape."""

from __future__ import annotations

import json

from smguide.core.model import Tree

VERDICT_COLOURS = {"ok": "#d8f0dc", "caution": "#fff1c2", "stop": "#f8d4d4", "urgent": "#e8c8f0"}


def _quote(text: str) -> str:
    # A JSON string is a valid DOT quoted string for our purposes.
    return json.dumps(text, ensure_ascii=False)


def _wrap(text: str, width: int = 32) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)


def to_dot(tree: Tree) -> str:
    lines = [
        f"digraph {_quote(tree.id)} {{",
        f"  label={_quote(tree.title)}; labelloc=t; rankdir=TB;",
        '  node [fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]
    for question in tree.questions.values():
        shape = 'box, style="rounded,bold"' if question.id == tree.start else "box, style=rounded"
        lines.append(
            f"  {_quote(question.id)} [shape={shape}, label={_quote(_wrap(question.text))}];"
        )
    for outcome in tree.outcomes.values():
        colour = VERDICT_COLOURS.get(outcome.verdict, "#eeeeee")
        label = f"{outcome.verdict.upper()}: {outcome.title}"
        lines.append(
            f"  {_quote(outcome.id)} [shape=note, style=filled, fillcolor={_quote(colour)}, "
            f"label={_quote(_wrap(label))}];"
        )
    for question in tree.questions.values():
        for option in question.options:
            lines.append(
                f"  {_quote(question.id)} -> {_quote(option.next)} "
                f"[label={_quote(_wrap(option.label, 28))}];"
            )
    lines.append("}")
    return "\n".join(lines) + "\n"
