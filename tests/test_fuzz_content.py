"""Hostile and mangled content: the only outcome is problems with file and line, or valid content.

Policy owners edit content by hand, and a content folder may come from
anywhere, so the loader and validator are fed mutated copies of the small
valid root in tests/fixtures/mini: values of the wrong type, deep nesting,
huge strings, unicode and control characters, YAML anchors and aliases,
``!!python`` tags, "billion laughs", templates that would run for ever,
trees whose options lead back to themselves. For every input:

- nothing raises: ``load_library``, ``check`` and coverage return;
- every problem names a file of the root and a line inside it;
- no code in the content runs (a tag that would create a file never does);
- time and memory stay bounded;
- content with no errors is really usable: every route of every tree ends on
  an outcome within the tree's size, and every page renders.
"""

from __future__ import annotations

import datetime
import os
import shutil
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smguide.core.coverage import coverage_data
from smguide.core.loading import load_library
from smguide.core.problems import Problem, ProblemList, errors
from smguide.core.rendering import Renderer
from smguide.core.routes import routes
from smguide.core.validation import check
from smguide.core.yamlsource import load_yaml

MINI = Path(__file__).parent / "fixtures" / "mini"
TREE = "decision_trees/mini/basic.yaml"
COUNCIL = "content/mini/council.yaml"
POLICY = "content/mini/mini-policy.md"
SESSIONS = "content/mini/sessions.yaml"
SYNONYMS = "content/mini/synonyms.yaml"
ORDER = "content/councils.yaml"
YAML_FILES = (TREE, COUNCIL, SESSIONS, SYNONYMS, ORDER)

#: A file the ``!!python/object/apply`` hazard would create if it ever ran.
MARKER = "fuzz-tag-ran"
#: Generous bounds for one check of the mini root, on a shared machine.
SECONDS = 30.0
PEAK_BYTES = 300 * 1024 * 1024
FAR_FUTURE = datetime.date(2098, 1, 1)

SETTINGS = settings(
    max_examples=int(os.environ.get("SMGUIDE_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# ---------------------------------------------------------------- checking a root


def _line_count(path: Path) -> int:
    """The most lines any reader could see: every kind of line break counted."""
    try:
        return len(path.read_bytes().decode("utf-8", "replace").splitlines()) + 1
    except OSError:
        return 1


def _check_root(root: Path) -> list[Problem]:
    """Everything ``smguide check`` and the app do with content, asserting the promises."""
    started = time.perf_counter()
    library = load_library(root)
    problems = check(library, FAR_FUTURE)
    for content in library.councils.values():
        coverage_data(content)
    for problem in problems:
        assert problem.message.strip(), problem
        assert "Traceback" not in problem.message
        assert problem.path.resolve().is_relative_to(root.resolve()), problem
        assert 1 <= problem.line <= _line_count(problem.path) + 1, problem
    if not errors(problems):
        _prove_usable(library)
    assert time.perf_counter() - started < SECONDS
    return problems


def _prove_usable(library: Any) -> None:
    """Valid content: every route ends on an outcome, and every page renders."""
    for content in library.councils.values():
        renderer = Renderer(content)
        for document in content.documents.values():
            renderer.document(document)
        for tree in content.trees.values():
            size = len(tree.questions) + len(tree.outcomes)
            found = list(routes(tree, limit=10_000))
            assert found, tree.id
            for route in found:
                assert route.outcome is not None, (tree.id, route)
                assert len(route.steps) <= size
                renderer.outcome(route.outcome, route.steps)
            for question in tree.questions.values():
                renderer.help(question)


@pytest.fixture(scope="module")
def synonyms_text() -> str:
    return "fb: facebook\nsue: [legal action, legal]\nadded me: friend request\n"


def _fresh_root(scratch: Path, synonyms: str) -> Path:
    root = scratch / "root"
    shutil.copytree(MINI, root)
    (root / SYNONYMS).write_text(synonyms, encoding="utf-8")
    (root / ORDER).write_text("councils: [mini]\n", encoding="utf-8")
    return root


def _run(synonyms: str, edit: Callable[[Path], None]) -> list[Problem]:
    """Checks a fresh mini root after *edit*, in a scratch working directory."""
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        root = _fresh_root(scratch, synonyms)
        edit(root)
        before = Path.cwd()
        os.chdir(scratch)
        try:
            problems = _check_root(root)
        finally:
            os.chdir(before)
        assert not (scratch / MARKER).exists(), "a tag in the content ran code"
        assert not list(scratch.rglob(MARKER))
    return problems


def test_a_source_outside_the_council_folder_is_refused_not_read(synonyms_text: str) -> None:
    for source in ("../../../../../etc/passwd", "/etc/passwd", "x" * 5000, '"a\\0b"'):

        def edit(root: Path, source: str = source) -> None:
            path = root / POLICY
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("sources/mini.txt", source), encoding="utf-8")

        problems = errors(_run(synonyms_text, edit))
        assert [p.line for p in problems] == [_line_of(MINI / POLICY, "source:")], problems


def test_the_unchanged_root_is_valid(synonyms_text: str) -> None:
    assert errors(_run(synonyms_text, lambda root: None)) == []


# ---------------------------------------------------------------- hostile values

texts = st.text(
    alphabet=st.characters(exclude_categories=["Cs"]),  # YAML cannot hold lone surrogates
    max_size=40,
)
huge_texts = st.sampled_from(["x" * 1_000_000, "word " * 100_000, "é" * 200_000, "\u202e" * 5000])
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    texts,
    st.dates(),
    st.binary(max_size=20),
)


def _nested(depth: int) -> Any:
    value: Any = "bottom"
    for level in range(depth):
        value = [value] if level % 2 else {"k": value}
    return value


hostile = st.recursive(
    scalars | huge_texts | st.integers(1, 150).map(_nested),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(texts | st.integers(), children, max_size=4)
    ),
    max_leaves=12,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a parsed YAML value that a mutation could replace."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {**value, head: _replace(value[head], rest, new)}
    copy = list(value)
    copy[head] = _replace(copy[head], rest, new)
    return copy


def _read(path: Path) -> Any:
    """A YAML file as plain dicts and lists, read as smguide reads it (``no`` stays text)."""
    sink: list[Problem] = []
    data = load_yaml(path.read_text(encoding="utf-8"), ProblemList(path, sink))
    assert not sink, sink

    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: plain(item) for key, item in value.items()}
        if isinstance(value, list):
            return [plain(item) for item in value]
        return value

    return plain(data)


def _read_text(text: str) -> Any:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "front.yaml"
        path.write_text(text, encoding="utf-8")
        return _read(path)


def _dump(value: Any) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10**9)


@SETTINGS
@given(target=st.sampled_from(YAML_FILES), data=st.data())
def test_any_value_anywhere_in_a_yaml_file(target: str, data: st.DataObject) -> None:
    """One value of a tree, council, sessions, synonyms or order file replaced by anything."""
    original = _read(MINI / target) if (MINI / target).exists() else None
    if original is None:
        original = {"councils": ["mini"]} if target == ORDER else {"fb": "facebook"}
    path = data.draw(st.sampled_from(_paths(original)), label="path")
    new = data.draw(hostile, label="value")
    text = _dump(_replace(original, path, new))
    _run("fb: facebook\n", lambda root: (root / target).write_text(text, encoding="utf-8"))


@SETTINGS
@given(data=st.data())
def test_any_value_anywhere_in_front_matter(data: st.DataObject) -> None:
    text = (MINI / POLICY).read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    meta = _read_text(front)
    path = data.draw(st.sampled_from(_paths(meta)), label="path")
    new = data.draw(hostile, label="value")
    mangled = f"---\n{_dump(_replace(meta, path, new))}---\n{body}"
    _run("fb: facebook\n", lambda root: (root / POLICY).write_text(mangled, encoding="utf-8"))


# ---------------------------------------------------------------- hostile text

LAUGHS = "\n".join(
    ["lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"lol{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
)
HAZARDS = [
    "anchor: &here [1, 2]\nalias: *here",
    "base: &base {text: x}\nmerged:\n  <<: *base",
    "self: &self [*self]",
    LAUGHS,
    f"pwn: !!python/object/apply:os.system ['touch {MARKER}']",
    f"pwn: !!python/object/apply:subprocess.call [['touch', '{MARKER}']]",
    "pwn: !!python/name:os.system",
    "pwn: !!python/module:os",
    "blob: !!binary aGVsbG8=",
    "set: !!set {a, b}",
    "pairs: !!omap [{a: 1}, {b: 2}]",
    "odd: !custom value",
    "%TAG ! tag:example.com,2000:\n---",
    "? [complex, key]\n: value",
    "? {a: 1}\n: value",
    "big: " + "9" * 5000,
    "when: 2027-02-30",
    "when: 2027-13-45T99:99:99",
    "nan: .nan",
    "\tindent: tab",
    "nul: \x00",
    "bell: \x07",
    "bidi: \u202egnp.exe",
    "deep: " + "[" * 60_000 + "]" * 60_000,
    "deep: " + "{a: " * 60_000 + "1" + "}" * 60_000,
    "- " * 3000 + "x",
    "---\nsecond: document",
    "...",
    "template: '{{ \"x\" * 9999999999 }}'",
    "template: '{% for a in range(99999) %}{% for b in range(99999) %}x{% endfor %}{% endfor %}'",
    "template: '{{ council.__class__.__mro__ }}'",
    "huge: " + "y" * 2_000_000,
    "\ufeffbom: inside",
    "crlf: line\r\nnext: line",
    "unterminated: 'quote",
    "unterminated: [bracket",
]


def _insert(text: str, line: int, snippet: str) -> str:
    lines = text.splitlines(keepends=True)
    line = min(line, len(lines))
    return "".join([*lines[:line], snippet + "\n", *lines[line:]])


@SETTINGS
@given(
    target=st.sampled_from([*YAML_FILES, POLICY]),
    number=st.integers(0, len(HAZARDS) - 1),  # an index: a huge hazard's repr would be costly
    line=st.integers(0, 60),
    indent=st.sampled_from(["", "  ", "    "]),
)
def test_a_yaml_hazard_inserted_at_any_line(target: str, number: int, line: int, indent: str):
    hazard = HAZARDS[number]

    def edit(root: Path) -> None:
        path = root / target
        text = path.read_text(encoding="utf-8")
        snippet = "\n".join(indent + part for part in hazard.split("\n"))
        path.write_text(_insert(text, line, snippet), encoding="utf-8")

    _run("fb: facebook\n", edit)


@SETTINGS
@given(
    target=st.sampled_from([*YAML_FILES, POLICY]),
    edits=st.lists(
        st.tuples(st.integers(0, 10_000), st.integers(0, 8), st.binary(max_size=8)),
        min_size=1,
        max_size=6,
    ),
)
def test_random_bytes_changed_anywhere(target: str, edits: list[tuple[int, int, bytes]]) -> None:
    """Deleted, replaced and inserted bytes: broken UTF-8 and syntax included."""

    def edit(root: Path) -> None:
        path = root / target
        data = bytearray(path.read_bytes())
        for at, cut, new in edits:
            at %= len(data) + 1
            data[at : at + cut] = new
        path.write_bytes(bytes(data))

    _run("fb: facebook\n", edit)


@SETTINGS
@given(
    target=st.sampled_from([*YAML_FILES, POLICY]),
    text=st.text(alphabet=st.characters(codec="utf-8"), max_size=400),
)
def test_any_text_as_a_whole_file(target: str, text: str) -> None:
    _run("fb: facebook\n", lambda root: (root / target).write_text(text, encoding="utf-8"))


# ---------------------------------------------------------------- documents

CLAUSE_LINES = [
    "**1.** A clause given twice.",
    "**٣.** Arabic-Indic digits.",
    "**99999999999999999999.** A very large number.",
    "**1.2.3.4.5.6.7.8.9.10.11.12.** Deep numbering.",
    "**[appendix-x]** An appendix.",
    "**2.6/part** A part.",
    "####### Seven hashes",
    "# " + "Heading " * 10_000,
    "**4.** " + "Long clause text. " * 50_000,
    "**5.**",
    "---",
    "<script>alert(1)</script>",
    "\x00\x1b[31m",
]


@SETTINGS
@given(
    inserts=st.lists(
        st.tuples(st.integers(0, 40), st.sampled_from(CLAUSE_LINES) | texts), max_size=6
    )
)
def test_document_bodies_with_strange_clauses(inserts: list[tuple[int, str]]) -> None:
    def edit(root: Path) -> None:
        path = root / POLICY
        text = path.read_text(encoding="utf-8")
        for line, snippet in inserts:
            text = _insert(text, 8 + line, snippet)
        path.write_text(text, encoding="utf-8")

    _run("fb: facebook\n", edit)


# ---------------------------------------------------------------- graph shapes

NODES = ["who", "posting", "decline", "ask-comms", "accept", "nowhere", ""]


@SETTINGS
@given(
    start=st.sampled_from(NODES),
    targets=st.lists(st.sampled_from(NODES), min_size=4, max_size=4),
)
def test_any_wiring_of_the_tree(start: str, targets: list[str]) -> None:
    """Options leading to themselves, back to the start, round in circles or nowhere."""
    tree = _read(MINI / TREE)
    tree["start"] = start
    options = [o for q in tree["questions"].values() for o in q["options"]]
    for option, target in zip(options, targets, strict=True):
        option["next"] = target
    problems = _run(
        "fb: facebook\n", lambda root: (root / TREE).write_text(_dump(tree), encoding="utf-8")
    )
    messages = " ".join(p.message for p in errors(problems))
    question_of = {o["id"]: q for q, body in tree["questions"].items() for o in body["options"]}
    for option, target in zip(options, targets, strict=True):
        if target == question_of[option["id"]] and start in tree["questions"]:
            # A question whose option leads to itself is a loop, named as one.
            assert "loop" in messages or "cannot be reached" in messages, messages


def test_a_tree_leading_to_itself_is_a_loop_on_its_line(synonyms_text: str) -> None:
    tree = _read(MINI / TREE)
    tree["questions"]["posting"]["options"][0]["next"] = "posting"
    text = _dump(tree)
    problems = _run(synonyms_text, lambda root: (root / TREE).write_text(text, encoding="utf-8"))
    loops = [p for p in problems if "makes a loop: posting -> posting" in p.message]
    assert len(loops) == 1
    assert text.splitlines()[loops[0].line - 1].strip() == "next: posting"


def test_a_large_cycle_of_questions_is_reported_not_walked_for_ever(synonyms_text: str) -> None:
    """A chain of 3,000 questions whose last leads back to the first: iterative checks only."""
    size = 3000
    questions = {
        f"q{n}": {
            "text": f"Question {n}?",
            "options": [
                {"id": "on", "label": "On", "next": f"q{(n + 1) % size}"},
                {"id": "off", "label": "Off", "next": "done"},
            ],
        }
        for n in range(size)
    }
    tree = {
        "title": "Round and round",
        "summary": "A long loop.",
        "start": "q0",
        "questions": questions,
        "outcomes": {
            "done": {
                "verdict": "ok",
                "title": "Done",
                "steps": ["Stop."],
                "cites": ["mini-policy:1"],
            }
        },
    }
    problems = _run(
        synonyms_text, lambda root: (root / TREE).write_text(_dump(tree), encoding="utf-8")
    )
    assert any("leads back to the start, making a loop" in p.message for p in problems)


# ---------------------------------------------------------------- bounded memory


@pytest.mark.parametrize(
    "hazard",
    [
        pytest.param(LAUGHS, id="billion-laughs"),
        pytest.param("huge: " + "y" * 5_000_000, id="five-million-characters"),
        pytest.param("deep: " + "[" * 200_000 + "]" * 200_000, id="deep-flow"),
        pytest.param("- " * 20_000 + "x", id="deep-block"),
        pytest.param("big: " + "9" * 100_000, id="huge-number"),
        pytest.param("template: '{{ \"x\" * 9999999999 }}'", id="template-multiplying"),
    ],
)
def test_hostile_files_stay_within_time_and_memory(synonyms_text: str, hazard: str) -> None:
    def edit(root: Path) -> None:
        path = root / TREE
        path.write_text(path.read_text(encoding="utf-8") + hazard + "\n", encoding="utf-8")

    tracemalloc.start()
    try:
        started = time.perf_counter()
        problems = _run(synonyms_text, edit)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert errors(problems), "the hazard should be reported"
    assert elapsed < SECONDS
    # About 20 times the file itself, at most, and never the expansion.
    assert peak < PEAK_BYTES, f"peak {peak / 1e6:.0f} MB"


def _line_of(path: Path, fragment: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if fragment in line)


def test_a_template_that_would_run_for_ever_is_refused_on_its_line(synonyms_text: str) -> None:
    loop = "'{% for a in range(99999) %}{% for b in range(99999) %}x{% endfor %}{% endfor %}'"

    def edit(root: Path) -> None:
        path = root / TREE
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Decline it politely.", loop), encoding="utf-8")

    started = time.perf_counter()
    problems = _run(synonyms_text, edit)
    assert time.perf_counter() - started < SECONDS
    refused = [p for p in problems if "only variables such as" in p.message]
    assert [p.line for p in refused] == [_line_of(MINI / TREE, "Decline it politely.")]


def test_a_number_too_big_to_read_is_a_problem_on_its_line(synonyms_text: str) -> None:
    def edit(root: Path) -> None:
        path = root / COUNCIL
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("2099-01-01", "9" * 5000), encoding="utf-8")

    problems = _run(synonyms_text, edit)
    line = _line_of(MINI / COUNCIL, "2099-01-01")
    assert [(p.path.name, p.line) for p in errors(problems)] == [("council.yaml", line)]
    assert "is not a value that can be read" in errors(problems)[0].message


def test_a_date_that_does_not_exist_is_a_problem_on_its_line(synonyms_text: str) -> None:
    def edit(root: Path) -> None:
        path = root / COUNCIL
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("2099-01-01", "2099-02-30"), encoding="utf-8")

    problems = errors(_run(synonyms_text, edit))
    line = _line_of(MINI / COUNCIL, "2099-01-01")
    assert [(p.path.name, p.line) for p in problems] == [("council.yaml", line)]
    assert "is not a value that can be read" in problems[0].message


def test_a_form_feed_from_a_pdf_does_not_shift_the_lines(synonyms_text: str) -> None:
    """Lines are counted as editors count them: at line feeds, not at every odd break."""

    def edit(root: Path) -> None:
        path = root / POLICY
        text = path.read_text(encoding="utf-8")
        text = text.replace(
            "This policy applies to everyone.", "This policy\f applies\x85 to all."
        )
        path.write_text(text + "\n**1.** Again.\n", encoding="utf-8")

    problems = [p for p in _run(synonyms_text, edit) if "appears twice" in p.message]
    assert len(problems) == 1
    lines = (MINI / POLICY).read_text(encoding="utf-8").split("\n")
    assert problems[0].line == len(lines) + 1
