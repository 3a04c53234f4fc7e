"""Policy documents: clauses, headings and lists parsed from the Markdown format."""

from __future__ import annotations

from pathlib import Path

from smguide.core.documents import parse_document
from smguide.core.model import Document
from smguide.core.problems import Problem, ProblemList

FRONT = """---
title: Test
council: c
kind: guidance
status: current
source: {source}
---
"""


def _parse(tmp_path: Path, body: str) -> tuple[Document | None, list[Problem]]:
    (tmp_path / "src.txt").write_text("source", encoding="utf-8")
    path = tmp_path / "test-doc.md"
    sink: list[Problem] = []
    text = FRONT.format(source="src.txt") + body
    return parse_document(path, text, ProblemList(path, sink), "c"), sink


def test_clauses_carry_number_headings_text_and_line(tmp_path: Path) -> None:
    document, problems = _parse(
        tmp_path,
        "\n# Section A\n\n## Sub\n\n**4.2** First line\ncontinues.\n\n- item one\n  - nested\n"
        "\n# Section B\n\n**1.1.1.** Deep number.\n",
    )
    assert problems == []
    assert document is not None
    assert document.id == "test-doc"
    first, second = document.clauses
    assert first.id == "test-doc:4.2"
    assert first.headings == ("Section A", "Sub")
    assert first.line == 13
    assert first.text == "First line\ncontinues.\n\n- item one\n  - nested"
    assert second.number == "1.1.1"
    assert second.headings == ("Section B",)


def test_bold_text_after_the_marker_is_part_of_the_clause(tmp_path: Path) -> None:
    document, _ = _parse(tmp_path, "\n**70.** **Make clear.** Use a disclaimer.\n")
    assert document is not None
    assert document.clauses[0].text == "**Make clear.** Use a disclaimer."


def test_a_bold_word_is_not_mistaken_for_a_clause(tmp_path: Path) -> None:
    document, _ = _parse(tmp_path, "\n**1.** Text.\n\n**Important** still clause one.\n")
    assert document is not None
    assert [c.number for c in document.clauses] == ["1"]
    assert "still clause one" in document.clauses[0].text


def test_duplicate_and_empty_clauses_are_reported(tmp_path: Path) -> None:
    _, problems = _parse(tmp_path, "\n**1.** A.\n\n**1.** B.\n\n**2.**\n")
    messages = [(p.line, p.message) for p in problems]
    assert (11, "clause 1 appears twice (first on line 9)") in messages
    assert (13, "clause 2 has no text") in messages


def test_front_matter_errors_name_lines_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "d.md"
    sink: list[Problem] = []
    text = (
        "---\ntitle: T\ncouncil: other\nkind: memo\nstatus: draft\nsource: nope.txt\n---\n"
        "**1.** x\n"
    )
    parse_document(path, text, ProblemList(path, sink), "c")
    by_line = {p.line: p.message for p in sink}
    assert "does not match the folder" in by_line[3]
    assert "unknown kind 'memo'" in by_line[4]
    assert "unknown status 'draft'" in by_line[5]
    assert "was not found" in by_line[6]
