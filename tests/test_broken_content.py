"""A catalogue of broken content, and what `smguide check` must say about each.

Policy owners edit content by hand, so every mistake they can make must come
back as ``path:line: message`` pointing at the mistake, never a traceback.
Each case takes a copy of the valid mini root (tests/fixtures/mini), replaces
or adds exactly one file with a fixture from tests/fixtures/broken/ (each a
minimal edit of the mini file it replaces, named after its fault) and checks
the report twice: in process through ``load_library``/``check``, and through
the ``smguide check`` command line.

To add a case: write the fixture, count the line of the fault in it, and add
a row to ``CASES``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from smguide.core.loading import load_library
from smguide.core.problems import Problem, errors
from smguide.core.validation import check

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"
BROKEN = FIXTURES / "broken"

# Where a fixture goes in the mini root.
TREE = "decision_trees/mini/basic.yaml"
EXTRA_TREE = "decision_trees/mini/extra.yaml"
COUNCIL = "content/mini/council.yaml"
POLICY = "content/mini/mini-policy.md"
OLD = "content/mini/mini-old.md"
EXTRA_DOC = "content/mini/mini-extra.md"
SESSIONS = "content/mini/sessions.yaml"

#: The file tree-python-tag.yaml would create (in the working directory) if
#: its ``!!python/object/apply:os.system`` tag were ever constructed.
TAG_MARKER = "pwned-by-python-tag"


def _not_utf8_tree() -> bytes:
    """The mini tree with a pound sign saved as Windows-1252 on line 2."""
    text = (MINI / TREE).read_text(encoding="utf-8")
    old = "summary: Someone wants to connect with me.\n"
    assert text.splitlines(keepends=True)[1] == old
    return text.replace(old, "summary: Someone offers me £5 to connect.\n").encode("cp1252")


# fixture (a file in tests/fixtures/broken, or the bytes to write), target in the
# root, expected line, and a fragment of the expected message.
CASES = [
    # --- YAML itself
    pytest.param(
        "tree-yaml-syntax.yaml",
        TREE,
        3,
        "YAML syntax error: the bracket opened here is not closed (parsing stopped on line 4)",
        id="tree-yaml-syntax",
    ),
    pytest.param(
        "tree-tab-indent.yaml",
        TREE,
        8,
        "YAML syntax error: a tab character; indent with spaces",
        id="tree-tab-indent",
    ),
    pytest.param(
        "tree-duplicate-key.yaml",
        TREE,
        21,
        "duplicate key 'text' (first on line 20)",
        id="tree-duplicate-key",
    ),
    pytest.param(
        "tree-yaml-alias.yaml",
        TREE,
        36,
        "aliases (*name) are not allowed in content",
        id="tree-yaml-alias",
    ),
    pytest.param(
        "tree-python-tag.yaml",
        TREE,
        2,
        "tags such as !!python/... are not allowed in content",
        id="tree-python-tag",
    ),
    pytest.param("tree-empty.yaml", EXTRA_TREE, 1, "the tree file is empty", id="tree-empty"),
    # --- example situations (what search learns a topic from)
    pytest.param(
        "tree-example-twice.yaml",
        TREE,
        57,
        "example 'a client asked to be my friend' is given twice (first on line 55)",
        id="tree-example-twice",
    ),
    pytest.param(
        "tree-example-small-words.yaml",
        TREE,
        56,
        "example 'can I?' has only small words",
        id="tree-example-small-words",
    ),
    pytest.param(
        "tree-example-not-text.yaml",
        TREE,
        56,
        "entry 2 of 'examples' in the tree must be text",
        id="tree-example-not-text",
    ),
    pytest.param(
        _not_utf8_tree(), TREE, 2, "the file is not UTF-8 text; save it as UTF-8", id="not-utf8"
    ),
    # --- keys and types in a tree
    pytest.param(
        "tree-unknown-key-typo.yaml",
        TREE,
        1,
        "unknown key 'titel' in the tree (did you mean 'title'?)",
        id="tree-unknown-key-typo",
    ),
    pytest.param(
        "tree-missing-title.yaml",
        TREE,
        1,
        "the tree is missing required key 'title'",
        id="tree-missing-title",
    ),
    pytest.param(
        "tree-options-string.yaml",
        TREE,
        11,
        "option 1 of question 'who' must be a mapping with id, label and next, not text",
        id="tree-options-string",
    ),
    pytest.param(
        "tree-steps-mapping.yaml",
        TREE,
        33,
        "'steps' in outcome 'decline' must be a list, not a mapping",
        id="tree-steps-mapping",
    ),
    pytest.param(
        "tree-option-missing-next.yaml",
        TREE,
        12,
        "option 1 of question 'who' is missing required key 'next'",
        id="tree-option-missing-next",
    ),
    pytest.param(
        "tree-unknown-verdict.yaml",
        TREE,
        31,
        "unknown verdict 'maybe' in outcome 'decline'",
        id="tree-unknown-verdict",
    ),
    # --- routing
    pytest.param(
        "tree-next-unknown-node.yaml",
        TREE,
        14,
        "leads to 'declin', which is neither a question nor an outcome",
        id="tree-next-unknown-node",
    ),
    pytest.param(
        "tree-start-missing.yaml",
        TREE,
        4,
        "start node 'whom' does not exist",
        id="tree-start-missing",
    ),
    pytest.param(
        "tree-unreachable-outcome.yaml",
        TREE,
        47,
        "node 'accept' cannot be reached from the start",
        id="tree-unreachable-outcome",
    ),
    pytest.param(
        "tree-dead-end-question.yaml",
        TREE,
        21,
        "question 'posting' has no options: it would be a dead end",
        id="tree-dead-end-question",
    ),
    pytest.param(
        "tree-loop.yaml",
        TREE,
        37,
        "option 'unsure' of question 'really' makes a loop: posting -> really -> posting",
        id="tree-loop",
    ),
    pytest.param(
        "tree-loop-to-start.yaml",
        TREE,
        27,
        "option 'no' of question 'posting' leads back to the start, making a loop",
        id="tree-loop-to-start",
    ),
    pytest.param(
        "tree-duplicate-node-id.yaml",
        TREE,
        54,
        "node id 'posting' is used twice (first on line 19)",
        id="tree-duplicate-node-id",
    ),
    pytest.param(
        "tree-duplicate-option-id.yaml",
        TREE,
        25,
        "option id 'yes' is used twice in question 'posting' (first on line 22)",
        id="tree-duplicate-option-id",
    ),
    # --- citations, contacts and templates
    pytest.param(
        "tree-outcome-empty-cites.yaml",
        TREE,
        36,
        "outcome 'decline' cites no clause",
        id="tree-outcome-empty-cites",
    ),
    pytest.param(
        "tree-outcome-no-cites.yaml",
        TREE,
        31,
        "outcome 'decline' is missing required key 'cites'",
        id="tree-outcome-no-cites",
    ),
    pytest.param(
        "tree-unknown-clause.yaml",
        TREE,
        36,
        "cites 'mini-policy:9', but mini-policy has no clause 9",
        id="tree-unknown-clause",
    ),
    pytest.param(
        "tree-unknown-document.yaml",
        TREE,
        36,
        "cites 'mini-polcy:3', but there is no document 'mini-polcy'",
        id="tree-unknown-document",
    ),
    pytest.param(
        "tree-malformed-citation.yaml",
        TREE,
        36,
        "citation 'mini-policy 3' in outcome 'decline' is not of the form document:number",
        id="tree-malformed-citation",
    ),
    pytest.param(
        "tree-uncited-superseded.yaml",
        TREE,
        45,
        "cites 'mini-old:1' from a superseded document (replaced by mini-policy)",
        id="tree-uncited-superseded",
    ),
    pytest.param(
        "tree-unknown-contact.yaml",
        TREE,
        35,
        "unknown contact 'line-manger' in outcome 'decline'",
        id="tree-unknown-contact",
    ),
    pytest.param(
        "tree-template-unknown-variable.yaml",
        TREE,
        43,
        "unknown template variable: 'dict object' has no attribute 'nobody'",
        id="tree-template-unknown-variable",
    ),
    pytest.param(
        "tree-template-syntax.yaml",
        TREE,
        34,
        "template syntax error",
        id="tree-template-syntax",
    ),
    # --- policy documents
    pytest.param(
        "doc-duplicate-clause.md",
        POLICY,
        22,
        "clause 3 appears twice (first on line 20)",
        id="doc-duplicate-clause",
    ),
    pytest.param(
        "doc-no-front-matter.md",
        OLD,
        1,
        "a document must start with front matter between '---' lines",
        id="doc-no-front-matter",
    ),
    pytest.param(
        "doc-front-matter-yaml-syntax.md",
        POLICY,
        2,
        "YAML syntax error: mapping values are not allowed",
        id="doc-front-matter-yaml-syntax",
    ),
    pytest.param(
        "doc-front-matter-typo.md",
        POLICY,
        7,
        "unknown key 'isued' in front matter (did you mean 'issued'?)",
        id="doc-front-matter-typo",
    ),
    pytest.param(
        "doc-clause-not-in-source.md",
        POLICY,
        20,
        "clause 3 is not word for word in the source (sources/mini.txt)",
        id="doc-clause-not-in-source",
    ),
    pytest.param(
        "doc-unknown-status.md",
        POLICY,
        5,
        "unknown status 'draft'",
        id="doc-unknown-status",
    ),
    pytest.param(
        "doc-missing-source.md",
        POLICY,
        6,
        "source file 'sources/missing.txt' was not found",
        id="doc-missing-source",
    ),
    pytest.param(
        "doc-superseded-by-unknown.md",
        OLD,
        6,
        "superseded_by names 'mini-polcy', which is not a document of mini",
        id="doc-superseded-by-unknown",
    ),
    pytest.param(
        "doc-not-listed.md",
        EXTRA_DOC,
        1,
        "document 'mini-extra' is not listed under 'documents' in council.yaml",
        id="doc-not-listed",
    ),
    # --- council.yaml
    pytest.param(
        "council-document-missing.yaml",
        COUNCIL,
        3,
        "document 'mini-extra' is listed but mini-extra.md does not exist",
        id="council-document-missing",
    ),
    pytest.param(
        "council-unknown-contact-key.yaml",
        COUNCIL,
        10,
        "unknown key 'emial' in contact 'comms' (did you mean 'email'?)",
        id="council-unknown-contact-key",
    ),
    pytest.param(
        "council-contact-unknown-clause.yaml",
        COUNCIL,
        11,
        "contact 'comms' cites 'mini-policy:7', but mini-policy has no clause 7",
        id="council-contact-unknown-clause",
    ),
    pytest.param(
        "council-duplicate-contact.yaml",
        COUNCIL,
        12,
        "duplicate key 'comms' (first on line 8)",
        id="council-duplicate-contact",
    ),
    # --- sessions.yaml: topics and scenario cards for Manager mode
    pytest.param(
        "sessions-unknown-tree.yaml",
        SESSIONS,
        13,
        "scenario 'friend-posting' names unknown tree 'basik' (did you mean 'basic'?",
        id="sessions-unknown-tree",
    ),
    pytest.param(
        "sessions-unknown-question.yaml",
        SESSIONS,
        16,
        "answers question 'whom', which tree 'basic' does not have (did you mean 'who'?",
        id="sessions-unknown-question",
    ),
    pytest.param(
        "sessions-unknown-option.yaml",
        SESSIONS,
        17,
        "answers 'posting' with 'yse', which is not one of its options (did you mean 'yes'?",
        id="sessions-unknown-option",
    ),
    pytest.param(
        "sessions-skipped-question.yaml",
        SESSIONS,
        16,
        "scenario 'friend-posting' skips question 'who'",
        id="sessions-skipped-question",
    ),
    pytest.param(
        "sessions-answers-out-of-order.yaml",
        SESSIONS,
        16,
        "answers 'posting' before 'who', but the tree asks 'who' first",
        id="sessions-answers-out-of-order",
    ),
    pytest.param(
        "sessions-extra-answer.yaml",
        SESSIONS,
        11,
        "answers 'posting' after its path has already reached outcome 'decline'",
        id="sessions-extra-answer",
    ),
    pytest.param(
        "sessions-no-outcome-reached.yaml",
        SESSIONS,
        15,
        "stops at question 'posting' ('Will you post about work?') without reaching an outcome",
        id="sessions-no-outcome-reached",
    ),
    pytest.param(
        "sessions-wrong-outcome.yaml",
        SESSIONS,
        18,
        "gives outcome 'accept', but its answers lead to 'ask-comms'",
        id="sessions-wrong-outcome",
    ),
    pytest.param(
        "sessions-unknown-outcome.yaml",
        SESSIONS,
        18,
        "gives outcome 'ask-coms', which tree 'basic' does not have (did you mean 'ask-comms'?",
        id="sessions-unknown-outcome",
    ),
    pytest.param(
        "sessions-duplicate-id.yaml",
        SESSIONS,
        12,
        "scenario id 'client-request' is used twice (first on line 6)",
        id="sessions-duplicate-id",
    ),
    pytest.param(
        "sessions-unknown-key-clause.yaml",
        SESSIONS,
        4,
        "'key_clauses' cites 'mini-policy:9', but mini-policy has no clause 9",
        id="sessions-unknown-key-clause",
    ),
    pytest.param(
        "sessions-unknown-induction-tree.yaml",
        SESSIONS,
        2,
        "'induction' names unknown tree 'basik' (did you mean 'basic'?",
        id="sessions-unknown-induction-tree",
    ),
    pytest.param(
        "sessions-unknown-key-typo.yaml",
        SESSIONS,
        14,
        "unknown key 'situaton' in scenario 'friend-posting' (did you mean 'situation'?)",
        id="sessions-unknown-key-typo",
    ),
    pytest.param(
        "sessions-answers-list.yaml",
        SESSIONS,
        15,
        "'answers' in scenario 'friend-posting' must map each question id to the option chosen",
        id="sessions-answers-list",
    ),
]


def _install(root: Path, fixture: str | bytes, target: str) -> None:
    """Put *fixture* at *target* in *root*, byte for byte."""
    data = fixture if isinstance(fixture, bytes) else (BROKEN / fixture).read_bytes()
    (root / target).write_bytes(data)


def _problems(root: Path) -> list[Problem]:
    return errors(check(load_library(root)))


def _matches(problem: Problem, root: Path, target: str, line: int, fragment: str) -> bool:
    return (
        problem.path.resolve() == (root / target).resolve()
        and problem.line == line
        and fragment in problem.message
    )


def _report(problems: list[Problem], root: Path) -> str:
    return "\n".join(problem.format(root) for problem in problems) or "(no problems)"


def _run_check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smguide", "check", "--content", str(root)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=root,
        check=False,
    )


def _cli_line_found(stdout: str, target: str, line: int, fragment: str) -> bool:
    """Whether *stdout* has ``target:line: ...fragment...`` (paths shown relative to cwd)."""
    prefix = f"{Path(target)}:{line}: "
    return any(
        out.startswith(prefix) and fragment in out[len(prefix) :] for out in stdout.splitlines()
    )


@pytest.fixture
def in_root(mini_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The mini root, also made the working directory (where a python tag would write)."""
    monkeypatch.chdir(mini_root)
    return mini_root


def test_the_mini_root_is_clean(mini_root: Path) -> None:
    """Every fault below is the fixture's alone."""
    problems = _problems(mini_root)
    assert problems == [], _report(problems, mini_root)


def test_every_fixture_is_in_the_catalogue() -> None:
    stored = {path.name for path in BROKEN.iterdir() if path.is_file()}
    listed = {case.values[0] for case in CASES if isinstance(case.values[0], str)}
    assert stored == listed
    assert len(CASES) >= 22


@pytest.mark.parametrize(("fixture", "target", "line", "fragment"), CASES)
def test_check_reports_the_fault(
    in_root: Path, fixture: str | bytes, target: str, line: int, fragment: str
) -> None:
    _install(in_root, fixture, target)
    problems = _problems(in_root)  # an exception escaping here fails the test
    assert any(_matches(p, in_root, target, line, fragment) for p in problems), (
        f"expected {target}:{line}: ...{fragment}...\ngot:\n{_report(problems, in_root)}"
    )
    assert not (in_root / TAG_MARKER).exists()


@pytest.mark.parametrize(("fixture", "target", "line", "fragment"), CASES)
def test_command_line_reports_the_fault(
    mini_root: Path, fixture: str | bytes, target: str, line: int, fragment: str
) -> None:
    _install(mini_root, fixture, target)
    result = _run_check(mini_root)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode == 1, output
    assert _cli_line_found(result.stdout, target, line, fragment), (
        f"expected a line {Path(target)}:{line}: ...{fragment}...\nstdout:\n{result.stdout}"
    )
    assert not (mini_root / TAG_MARKER).exists()


def test_python_tag_fixture_is_armed() -> None:
    """The tag case proves something only if the tag would really run a command."""
    text = (BROKEN / "tree-python-tag.yaml").read_text(encoding="utf-8")
    assert f'!!python/object/apply:os.system ["touch {TAG_MARKER}"]' in text


def test_all_problems_are_reported_in_one_run(in_root: Path) -> None:
    faults = [
        ("tree-unknown-verdict.yaml", TREE, 31, "unknown verdict 'maybe'"),
        ("doc-missing-source.md", POLICY, 6, "source file 'sources/missing.txt' was not found"),
        ("council-unknown-contact-key.yaml", COUNCIL, 10, "unknown key 'emial'"),
    ]
    for fixture, target, _, _ in faults:
        _install(in_root, fixture, target)

    problems = _problems(in_root)
    for _, target, line, fragment in faults:
        assert any(_matches(p, in_root, target, line, fragment) for p in problems), (
            f"missing {target}:{line}: ...{fragment}...\ngot:\n{_report(problems, in_root)}"
        )

    result = _run_check(in_root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    for _, target, line, fragment in faults:
        assert _cli_line_found(result.stdout, target, line, fragment), result.stdout


def test_an_unknown_status_is_one_problem_not_a_cascade(in_root: Path) -> None:
    """A mistyped status is reported once; citations of the document are not blamed."""
    _install(in_root, "doc-unknown-status.md", POLICY)
    problems = _problems(in_root)
    assert [p.message for p in problems] == [
        "unknown status 'draft'; expected one of: current, superseded"
    ]
