"""The smguide command: output formats, exit codes, and situations via paths --json."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from smguide.cli import main

# Three councils ship; these tests are about Nottinghamshire's content.
NCC = ("--council", "nottinghamshire")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_is_clean(capsys) -> None:
    code, out, err = run(capsys, "check")
    assert code == 0, out + err
    assert out.splitlines()[-1].startswith("content is clean: 3 council(s)")


def test_check_reports_path_line_message_and_exits_1(capsys, mini_root: Path) -> None:
    tree = mini_root / "decision_trees" / "mini" / "basic.yaml"
    tree.write_text(tree.read_text().replace("verdict: stop", "verdict: halt"))
    code, out, _ = run(capsys, "check", "--content", str(mini_root))
    assert code == 1
    (line,) = out.splitlines()
    assert line.endswith(
        "decision_trees/mini/basic.yaml:31: unknown verdict 'halt' in outcome 'decline'; "
        "expected one of: ok, caution, stop, urgent"
    )


def test_list_shows_councils_documents_with_status_and_trees(capsys) -> None:
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert "nottinghamshire: Nottinghamshire County Council (NCC)" in out
    assert "ncc-guidelines" in out and "current" in out
    assert "friend-request" in out


def test_paths_json_has_the_published_shape(capsys, ncc) -> None:
    code, out, _ = run(capsys, "paths", "--json", *NCC)
    assert code == 0
    data = json.loads(out)
    assert len(data) == sum(1 for _ in data)  # a JSON array
    for item in data:
        assert set(item) == {"council", "tree", "answers", "outcome"}
        assert item["council"] == "nottinghamshire"
        for answer in item["answers"]:
            assert set(answer) == {"node", "question", "answer"}
        outcome = item["outcome"]
        assert set(outcome) == {"id", "verdict", "title", "steps", "contacts", "cites"}
        assert outcome["cites"] and all(ncc.clause(c) for c in outcome["cites"])
    assert {item["tree"] for item in data} == set(ncc.trees)


def test_paths_for_one_tree(capsys) -> None:
    code, out, _ = run(capsys, "paths", "legal-threat", "--json", *NCC)
    assert code == 0
    assert {item["tree"] for item in json.loads(out)} == {"legal-threat"}


# Situations staff bring, as they would answer the questions on screen.
SITUATIONS = [
    (
        "a mum from school, whose child I support, added me on Facebook",
        "friend-request",
        [
            "A child or adult I support through my work, or one of their family",
            "No, I haven't responded yet",
        ],
        "stop",
        {"ncc-guidelines:29"},
    ),
    (
        "someone says they will sue me over my post; my manager is on leave",
        "legal-threat",
        ["Something I posted", "No, they are away or I can't reach them"],
        "urgent",
        {"ncc-guidelines:27"},
    ),
    (
        "a young person in care I work with posted something worrying, no immediate danger",
        "safeguarding-concern",
        [
            "No, not right now",
            "I've seen something that worries me about a particular child or vulnerable adult",
            "Yes, they are in care or a care leaver",
        ],
        "caution",
        {"ncc-guidelines:33", "ncc-guidelines:34"},
    ),
    (
        "I want a Facebook page for our library service",
        "contact-digital-team",
        ["Setting up a new account, page or group for my service"],
        "ok",
        {"ncc-guidelines:44", "ncc-guidelines:50"},
    ),
    (
        "I replied on a local forum as a council officer and it is getting nasty",
        "contact-digital-team",
        ["An online discussion about the Council", "Yes, and it's turning negative"],
        "caution",
        {"ncc-guidelines:42"},
    ),
    (
        "can I post holiday photos on my own Instagram",
        "professional-or-personal",
        ["My own personal account", "As myself, as a private individual"],
        "ok",
        {"ncc-guidelines:70", "ncc-guidelines:72"},
    ),
]


@pytest.mark.parametrize(
    ("situation", "tree", "answers", "verdict", "cites"),
    SITUATIONS,
    ids=[s[0] for s in SITUATIONS],
)
def test_situations_lead_to_the_right_paragraphs(
    capsys, situation: str, tree: str, answers: list[str], verdict: str, cites: set[str]
) -> None:
    _, out, _ = run(capsys, "paths", tree, "--json", *NCC)
    matches = [p for p in json.loads(out) if [a["answer"] for a in p["answers"]] == answers]
    assert len(matches) == 1, f"no single path for: {situation}"
    outcome = matches[0]["outcome"]
    assert outcome["verdict"] == verdict
    assert cites <= set(outcome["cites"])


def test_paths_text_is_one_line_per_path(capsys) -> None:
    code, out, _ = run(capsys, "paths", "legal-threat", *NCC)
    assert code == 0
    assert len(out.splitlines()) == 3
    assert all(line.startswith("legal-threat: ") for line in out.splitlines())


def test_graph_draws_every_node_and_option(capsys, ncc) -> None:
    code, out, _ = run(capsys, "graph", "friend-request", *NCC)
    assert code == 0
    tree = ncc.trees["friend-request"]
    assert out.startswith('digraph "friend-request" {')
    for node_id in [*tree.questions, *tree.outcomes]:
        assert f'  "{node_id}" [' in out
    options = sum(len(q.options) for q in tree.questions.values())
    assert out.count(" -> ") == options


def test_export_json_gives_clauses_in_the_published_shape(capsys) -> None:
    code, out, _ = run(capsys, "export", "--json", *NCC)
    assert code == 0
    (council,) = json.loads(out)["councils"]
    documents = {d["id"]: d for d in council["documents"]}
    clause = next(c for c in documents["ncc-guidelines"]["clauses"] if c["number"] == "29")
    assert {"id", "document", "number", "heading", "text"} <= set(clause)
    assert clause["id"] == "ncc-guidelines:29"
    assert clause["heading"] == "Employees working with children and vulnerable adults"
    assert clause["text"].startswith("Only use Council approved accounts")
    assert {t["id"] for t in council["trees"]} >= {"friend-request", "legal-threat"}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["graph", "no-such-tree"], "smguide: unknown tree 'no-such-tree' for council"),
        (["paths", "nope", "--json"], "smguide: unknown tree 'nope'"),
        (["list", "--council", "atlantis"], "smguide: unknown council 'atlantis'"),
        (["--council", "atlantis", "check"], "smguide: unknown council 'atlantis'"),
    ],
)
def test_unknown_tree_or_council_is_one_line_and_exit_2(capsys, argv, message) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.startswith(message) and err.count("\n") == 1


def test_the_installed_command_runs_without_a_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "smguide", "graph", "nope"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_a_passed_review_date_warns_but_check_passes(capsys, mini_root: Path) -> None:
    council = mini_root / "content" / "mini" / "council.yaml"
    council.write_text(council.read_text().replace("2099-01-01", "2012-07-26"))
    code, out, _ = run(capsys, "check", "--content", str(mini_root))
    assert code == 0
    assert "council.yaml:12: warning: this policy was due for review on 2012-07-26" in out
    assert "content is clean" in out and "(1 warning(s) above)" in out


def test_a_review_date_that_is_not_a_date_is_an_error(capsys, mini_root: Path) -> None:
    council = mini_root / "content" / "mini" / "council.yaml"
    council.write_text(council.read_text().replace("2099-01-01", "next spring"))
    code, out, _ = run(capsys, "check", "--content", str(mini_root))
    assert code == 1
    assert "council.yaml:12: 'review_due' in council.yaml must be a date like 2027-11-21" in out


def test_coverage_lists_clauses_their_trees_and_the_percentage(capsys, mini_root: Path) -> None:
    policy = mini_root / "content" / "mini" / "mini-policy.md"
    policy.write_text(
        policy.read_text().replace(
            "source: sources/mini.txt", "source: sources/mini.txt\ninformational: [1]"
        )
    )
    tree = mini_root / "decision_trees" / "mini" / "basic.yaml"
    tree.write_text(tree.read_text().replace("cites: [mini-policy:1]", "cites: [mini-policy:3]"))
    code, out, _ = run(capsys, "coverage", "--content", str(mini_root))
    assert code == 0
    assert "mini-policy: 2 of 2 clauses cited by an outcome (100.0%); 1 informational" in out
    assert "    i 1            cited nowhere" in out
    assert "basic (outcome)" in out and "basic (question)" in out
    code, out, _ = run(capsys, "coverage", "--json", "--content", str(mini_root))
    (council,) = json.loads(out)
    (policy_data,) = [d for d in council["documents"] if d["document"] == "mini-policy"]
    assert policy_data["percent"] == 100.0
    assert policy_data["informational"] == ["mini-policy:1"]
    clause3 = next(c for c in policy_data["clauses"] if c["id"] == "mini-policy:3")
    assert {"tree": "basic", "node": "who", "kind": "question"} in clause3["cited_by"]
    # The superseded document is not reported: coverage is of what is in force.
    assert [d["document"] for d in council["documents"]] == ["mini-policy"]


def test_coverage_names_clauses_no_outcome_cites(capsys, mini_root: Path) -> None:
    tree = mini_root / "decision_trees" / "mini" / "basic.yaml"
    tree.write_text(tree.read_text().replace("cites: [mini-policy:2, ", "cites: ["))
    code, out, _ = run(capsys, "coverage", "--content", str(mini_root))
    assert code == 0
    assert "mini-policy: 2 of 3 clauses cited by an outcome (66.7%)" in out
    assert "    - 2            cited nowhere" in out
    assert "not behind any outcome: 2" in out


def test_check_for_one_council_still_reports_problems_outside_every_council(
    capsys, mini_root: Path
) -> None:
    (mini_root / "decision_trees" / "ghost").mkdir()
    code, out, _ = run(capsys, "check", "--council", "mini", "--content", str(mini_root))
    assert code == 1
    assert "trees for council 'ghost', which has no content/ folder" in out


def test_every_command_is_known_to_the_fast_path() -> None:
    """Starting the app skips the commands' parsers only if it knows every command name."""
    from smguide.cli import COMMAND_NAMES, _parser

    subparsers = next(a for a in _parser()._actions if a.dest == "command")
    assert set(subparsers.choices) == set(COMMAND_NAMES)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["chek"], "invalid choice: 'chek'"),
        (["--councl=wbc"], "unrecognized arguments: --councl=wbc"),
        (["--content"], "argument --content: expected one argument"),
    ],
)
def test_mistakes_starting_the_app_get_the_whole_parsers_message(capsys, argv, message) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err


def test_help_lists_the_commands(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert all(name in out for name in ("check", "paths", "coverage", "import"))
