"""Located YAML: lines for everything, and the traps of hand-written YAML closed."""

from __future__ import annotations

from pathlib import Path

from smguide.core.problems import Problem, ProblemList
from smguide.core.yamlsource import LDict, LList, load_yaml


def _load(text: str) -> tuple[object, list[Problem]]:
    sink: list[Problem] = []
    return load_yaml(text, ProblemList(Path("t.yaml"), sink)), sink


def test_keys_and_items_know_their_lines() -> None:
    data, problems = _load("title: x\nitems:\n  - a\n  - b: 1\n    c: 2\n")
    assert problems == []
    assert isinstance(data, LDict)
    assert data.line_of("title") == 1
    assert data.line_of("items") == 2
    items = data["items"]
    assert isinstance(items, LList)
    assert items.item_lines == [3, 4]
    assert items[1].line_of("c") == 5


def test_yes_and_no_stay_text_but_true_and_false_are_booleans() -> None:
    data, _ = _load("a: yes\nb: No\nc: on\nd: true\ne: False\n")
    assert data == {"a": "yes", "b": "No", "c": "on", "d": True, "e": False}


def test_duplicate_key_is_reported_with_both_lines() -> None:
    _, problems = _load("a: 1\nb: 2\na: 3\n")
    assert [(p.line, p.message) for p in problems] == [(3, "duplicate key 'a' (first on line 1)")]


def test_aliases_are_refused() -> None:
    data, problems = _load("a: &x [1, 2]\nb: *x\n")
    assert data is None
    assert problems[0].line == 2
    assert "aliases" in problems[0].message


def test_python_tags_are_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    data, problems = _load(f'a: !!python/object/apply:os.system ["touch {marker}"]\n')
    assert data is None
    assert "not allowed" in problems[0].message
    assert not marker.exists()


def test_unclosed_bracket_is_reported_where_it_opened() -> None:
    _, problems = _load("a: 1\nb: [1, 2\n\n\nc: 3\n")
    assert problems[0].line == 2
    assert problems[0].message.startswith(
        "YAML syntax error: the bracket opened here is not closed (parsing stopped on line 5)"
    )


def test_unclosed_quote_is_reported_where_it_opened() -> None:
    _, problems = _load('a: "never closed\nb: 2\n')
    assert problems[0].line == 1
    assert "quotation opened here is not closed" in problems[0].message


def test_other_syntax_errors_name_the_line_where_parsing_failed() -> None:
    _, problems = _load("a: 1\nb: 2\n  c: 3\n")
    assert problems[0].line == 3
    assert problems[0].message.startswith("YAML syntax error")


def test_line_offset_shifts_every_line() -> None:
    sink: list[Problem] = []
    data = load_yaml("a: 1\nb:\n  - x\n", ProblemList(Path("t.md"), sink), line_offset=1)
    assert data.line_of("b") == 3
    assert data["b"].item_lines == [4]


def test_deep_nesting_is_a_problem_not_a_crash() -> None:
    _, problems = _load("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert problems and problems[0].line >= 1


def test_an_empty_flow_node_is_not_blamed_on_a_bracket() -> None:
    _, problems = _load("title: [\n")
    assert "opened here" not in problems[0].message
