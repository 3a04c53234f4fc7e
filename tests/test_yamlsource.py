"""Located YAML: lines for everything, and the traps of hand-written YAML closed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smguide.core.problems import Problem, ProblemList
from smguide.core.yamlsource import LDict, LList, load_simple_mapping, load_yaml


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


# -- Lists of words read without PyYAML -------------------------------------------------


def _located(value: object) -> object:
    """*value* with every line it carries, to compare two readings exactly."""
    if isinstance(value, LDict):
        return ("map", value.line, value.key_lines, {k: _located(v) for k, v in value.items()})
    if isinstance(value, LList):
        return ("list", value.line, value.item_lines, [_located(v) for v in value])
    return value


def _both(text: str) -> tuple[object, object, list[Problem], list[Problem]]:
    fast_sink: list[Problem] = []
    fast = load_simple_mapping(text, ProblemList(Path("t.yaml"), fast_sink))
    slow, slow_sink = _load(text)
    return fast, slow, fast_sink, slow_sink


def test_the_shipped_word_lists_are_read_the_fast_way_and_mean_the_same() -> None:
    files = sorted((Path(__file__).parents[1] / "content").glob("*/synonyms.yaml"))
    assert len(files) == 3
    for path in files:
        fast, slow, fast_problems, slow_problems = _both(path.read_text(encoding="utf-8"))
        assert fast is not None, path
        assert _located(fast) == _located(slow)
        assert fast_problems == slow_problems


def test_duplicates_are_reported_as_yaml_reports_them() -> None:
    fast, slow, fast_problems, slow_problems = _both("# words\nfb: facebook\n\nfb: [x, y]\n")
    assert fast is not None
    assert _located(fast) == _located(slow)
    assert fast_problems == slow_problems != []


@pytest.mark.parametrize(
    "text",
    [
        "retweet:\n  - twitter\n",  # a block list
        '"sue": legal action\n',  # quotes
        "fb: 1.5\n",  # a number
        "fb: true\n",  # a boolean
        "fb: 2027-01-01\n",  # a date
        "fb:facebook\n",  # no space after the colon
        "fb: [a ,b]\n",  # a list written another way
        "fb: facebook\r# a lone carriage return\nig: x\n",  # a line break split() misses
        "fb: facebook\n# \u2028\nig: x\n",
        "---\nfb: facebook\n",
        "# only a comment\n",
        "",
    ],
)
def test_anything_else_is_left_to_yaml(text: str) -> None:
    assert load_simple_mapping(text, ProblemList(Path("t.yaml"), [])) is None


_PIECES = st.sampled_from(
    [
        "fb",
        "face book",
        "Director",
        "e-learning",
        "don't",
        "a.b",
        "1",
        "12",
        "1e3",
        "true",
        "yes",
        "null",
        "~",
        "x",
        "say where I work",
        " ",
        "",
        "#",
        " #c",
        ":",
        ": ",
        ",",
        ", ",
        "[",
        "]",
        "{",
        "'",
        '"',
        "-",
        "- ",
        "\t",
        "\u00e9",
        "\u2028",
        "\r",
        "&a",
        "*a",
        "!",
        "|",
    ]
)
_LINES = st.lists(st.lists(_PIECES, max_size=6).map("".join), max_size=8).map("\n".join)


@given(text=_LINES)
@settings(max_examples=400, deadline=None)
def test_whatever_it_reads_it_reads_as_yaml_does(text: str) -> None:
    fast, slow, fast_problems, slow_problems = _both(text)
    if fast is not None:
        assert _located(fast) == _located(slow)
        assert fast_problems == slow_problems


@given(
    entries=st.lists(
        st.tuples(
            st.from_regex(r"[A-Za-z0-9][A-Za-z0-9 '.-]{0,12}[A-Za-z0-9]", fullmatch=True),
            st.lists(
                st.from_regex(r"[A-Za-z0-9][A-Za-z0-9 '.-]{0,12}[A-Za-z0-9]", fullmatch=True),
                min_size=1,
                max_size=3,
            ),
            st.booleans(),
            st.sampled_from(["", "  # a note", "\t# tab"]),
        ),
        min_size=1,
        max_size=12,
    )
)
@settings(max_examples=300, deadline=None)
def test_word_lists_of_every_shape_read_as_yaml_reads_them(
    entries: list[tuple[str, list[str], bool, str]],
) -> None:
    lines = [
        f"{key}: {values[0] if single else '[' + ', '.join(values) + ']'}{comment}"
        for key, values, single, comment in entries
    ]
    fast, slow, fast_problems, slow_problems = _both("\n".join(lines) + "\n")
    if fast is not None:
        assert _located(fast) == _located(slow)
        assert fast_problems == slow_problems
