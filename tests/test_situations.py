"""Situations staff bring, for each council, answered as they would answer on screen.

Each is checked against ``smguide paths --json`` (the published interface) and
must reach an outcome that cites the paragraphs of *that council's* documents
which govern the situation.
"""

from __future__ import annotations

import json
from functools import cache

import pytest

from smguide.cli import main


@cache
def _paths(council: str) -> tuple[dict, ...]:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main(["paths", "--json", "--council", council]) == 0
    return tuple(json.loads(out.getvalue()))


SITUATIONS = [
    # -- WBC: rules that differ from Nottinghamshire's -------------------------
    (
        "wbc",
        "can I check Facebook at my desk at 10am?",
        "personal-use-at-work",
        ["For my own personal use", "During my core working hours"],
        "stop",
        {"wbc-guidance:7.1"},
    ),
    (
        "wbc",
        "it's my lunch break but I haven't clocked out yet",
        "personal-use-at-work",
        [
            "For my own personal use",
            "In my lunch break, or before or after my working hours",
            "Not yet",
        ],
        "caution",
        {"wbc-guidance:7.2"},
    ),
    (
        "wbc",
        "should my Facebook profile say I work for the council?",
        "identifying-your-employer",
        ["On a personal social networking site, such as Facebook", "No"],
        "stop",
        {"wbc-guidance:8.2"},
    ),
    (
        "wbc",
        "I had an awful day and want to vent about my workload online",
        "letting-off-steam",
        ["My job, my workload or how things are done at the Council"],
        "stop",
        {"wbc-guidance:8.4"},
    ),
    (
        "wbc",
        "a vulnerable adult I support wants to be my friend",
        "friends-with-service-users",
        [
            "Yes, or I'm not sure",
            "No, they have sent me a request or I was thinking of adding them",
        ],
        "stop",
        {"wbc-guidance:8.5", "wbc-guidance:9.1"},
    ),
    (
        "wbc",
        "I want to post a photo from the team night out",
        "before-you-post",
        ["Contact details or photos of colleagues", "No, or I haven't asked"],
        "stop",
        {"wbc-guidance:9.1"},
    ),
    # -- North Lincolnshire ---------------------------------------------------
    (
        "north-lincolnshire",
        "my manager says I can tweet for the library, do I just start?",
        "using-social-media-for-work",
        ["No, or not in writing"],
        "stop",
        {"nlc-policy:2.6"},
    ),
    (
        "north-lincolnshire",
        "I have my Director's letter but haven't done any training",
        "using-social-media-for-work",
        ["Yes, I have permission or delegation in writing", "No, not yet"],
        "stop",
        {"nlc-policy:5.1"},
    ),
    (
        "north-lincolnshire",
        "I have permission and training but can't reach Twitter at work",
        "using-social-media-for-work",
        [
            "Yes, I have permission or delegation in writing",
            "Yes, I have completed it",
            "No, I can't get onto them yet",
        ],
        "caution",
        {"nlc-policy:5.2"},
    ),
    (
        "north-lincolnshire",
        "I mention my council job on my own blog",
        "personal-account",
        [
            "My own personal account",
            "Yes, I'll say where I work or talk about my work",
            "Just that I work there, or general comments about my job",
        ],
        "caution",
        {"nlc-policy:3.2"},
    ),
    (
        "north-lincolnshire",
        "can I share a newspaper photo on the council page?",
        "posting-for-the-council",
        ["A photo, video, text or other work made by another person or company"],
        "stop",
        {"nlc-policy:2.6/be-legal"},
    ),
    (
        "north-lincolnshire",
        "a resident asked something on our page I can't answer",
        "posting-for-the-council",
        [
            "A reply to a question, comment or complaint from the public",
            "No, or I'm not sure of the answer",
        ],
        "caution",
        {"nlc-policy:2.6/be-responsive"},
    ),
    # -- Nottinghamshire, beyond the first five trees ---------------------------
    (
        "nottinghamshire",
        "someone posted abuse at my colleague on our council page",
        "criticism-and-abuse",
        None,
        "urgent",
        {"ncc-guidelines:21"},
    ),
    (
        "nottinghamshire",
        "I want to set up an Instagram account for our museum",
        "council-account",
        None,
        None,
        {"ncc-guidelines:44", "ncc-guidelines:50"},
    ),
    (
        "nottinghamshire",
        "can I scroll Facebook on my work laptop at lunch?",
        "social-media-at-work",
        None,
        None,
        {"ncc-guidelines:18"},
    ),
    (
        "nottinghamshire",
        "our page has a spam comment advertising something",
        "online-community",
        None,
        None,
        {"ncc-guidelines:47", "ncc-guidelines:59"},
    ),
    (
        "nottinghamshire",
        "can I share my opinion on the election on the council account?",
        "political-neutrality",
        [
            "On a Council account, or in my role at the Council",
            "A view on a political issue, party, candidate or Councillor",
        ],
        "stop",
        {"ncc-policy:17"},
    ),
]


def _route(council: str, tree: str, answers: list[str] | None, cites: set[str]) -> dict:
    routes = [p for p in _paths(council) if p["tree"] == tree]
    assert routes, f"no tree {tree} for {council}"
    if answers is not None:
        matching = [r for r in routes if [a["answer"] for a in r["answers"]] == answers]
        assert len(matching) == 1, [[a["answer"] for a in r["answers"]] for r in routes]
        return matching[0]
    # Answers left open: some route of the tree must reach an outcome citing these.
    matching = [r for r in routes if cites <= set(r["outcome"]["cites"])]
    assert matching, f"no outcome of {tree} cites {cites}"
    return matching[0]


@pytest.mark.parametrize(
    ("council", "situation", "tree", "answers", "verdict", "cites"),
    SITUATIONS,
    ids=[f"{s[0]}: {s[1]}" for s in SITUATIONS],
)
def test_situation_reaches_the_right_paragraphs(
    council, situation, tree, answers, verdict, cites
) -> None:
    route = _route(council, tree, answers, cites)
    outcome = route["outcome"]
    assert cites <= set(outcome["cites"]), situation
    if verdict is not None:
        assert outcome["verdict"] == verdict, situation


@pytest.mark.parametrize("council", ["nottinghamshire", "wbc", "north-lincolnshire"])
def test_a_council_cites_only_its_own_documents(council, library) -> None:
    own = set(library.council(council).documents)
    for route in _paths(council):
        for clause in route["outcome"]["cites"]:
            assert clause.partition(":")[0] in own, (route["tree"], clause)
