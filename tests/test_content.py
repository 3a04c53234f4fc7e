"""Invariants over all shipped content: every tree, every route, every clause.

These are data tests in the manner of qutebrowser's test_configdata: one
parametrised test per tree file and per document, so a policy owner's edit
that breaks a rule fails with the tree or clause named.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from smguide.core import locations
from smguide.core.fidelity import differing_clauses, source_text
from smguide.core.loading import Library, load_library
from smguide.core.model import CouncilContent, Document, Tree
from smguide.core.routes import routes
from smguide.core.validation import check
from smguide.core.walk import Walk

LIBRARY = load_library()
TREES = [tree for content in LIBRARY.councils.values() for tree in content.trees.values()]
DOCUMENTS = [d for content in LIBRARY.councils.values() for d in content.documents.values()]


def _council(item: Tree | Document) -> CouncilContent:
    return LIBRARY.council(item.council)


def test_check_is_clean(library: Library) -> None:
    """No errors; the only warnings allowed are review dates that have passed."""
    problems = [p for p in check(library) if "was due for review on" not in p.message]
    assert [problem.format(library.root) for problem in problems] == []


def test_nottinghamshire_has_the_five_core_trees(ncc: CouncilContent) -> None:
    assert {
        "professional-or-personal",
        "friend-request",
        "legal-threat",
        "safeguarding-concern",
        "contact-digital-team",
    } <= set(ncc.trees)


def test_content_root_is_the_built_in_one(library: Library) -> None:
    assert library.root == locations.builtin_root()


@pytest.mark.parametrize("tree", TREES, ids=lambda t: f"{t.council}/{t.id}")
def test_every_path_ends_in_a_cited_outcome(tree: Tree) -> None:
    content = _council(tree)
    found = list(routes(tree))
    assert found, "a tree with no routes"
    for route in found:
        trail = " / ".join(step.option.id for step in route.steps)
        assert route.outcome is not None, f"{trail} does not reach an outcome"
        assert route.outcome.cites, f"{route.outcome.id} cites nothing"
        for citation in route.outcome.cites:
            clause = content.clause(citation.clause)
            assert clause is not None, f"{route.outcome.id} cites missing {citation.clause}"
            document = content.documents[citation.document]
            assert document.current or citation.superseded


@pytest.mark.parametrize("tree", TREES, ids=lambda t: f"{t.council}/{t.id}")
def test_walking_each_route_answer_by_answer_reaches_its_outcome(tree: Tree) -> None:
    for route in routes(tree):
        walk = Walk(tree)
        for step in route.steps:
            assert walk.question == step.question
            walk = walk.answer(step.option.id)
            assert walk.error == ""
        assert walk.outcome == route.outcome


@pytest.mark.parametrize("tree", TREES, ids=lambda t: f"{t.council}/{t.id}")
def test_every_node_is_used_and_every_outcome_is_reached(tree: Tree) -> None:
    reached = {route.outcome.id for route in routes(tree) if route.outcome}
    assert reached == set(tree.outcomes)


@pytest.mark.parametrize("tree", TREES, ids=lambda t: f"{t.council}/{t.id}")
def test_trees_are_written_for_people(tree: Tree) -> None:
    assert tree.summary and tree.keywords
    for question in tree.questions.values():
        assert question.text.endswith("?"), question.id
        assert len(question.options) >= 2, question.id
    for outcome in tree.outcomes.values():
        assert outcome.steps, outcome.id
        assert len(outcome.title) <= 110, outcome.id


# -- fidelity to the source texts ------------------------------------------------


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda d: d.id)
def test_every_clause_is_verbatim_in_its_source(document: Document) -> None:
    assert differing_clauses(document) == []


_NUMBERED = re.compile(r"^\s*(?:-\s+)?(\d+(?:\.\d+)*)\.?\s+\S", re.MULTILINE)
_HEADING_NUMBER = re.compile(r"^#+\s+(?:\*\*)?(\d+(?:\.\d+)*)\.?\s", re.MULTILINE)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda d: d.id)
def test_every_numbered_paragraph_of_the_source_has_a_clause(document: Document) -> None:
    """Each numbered line of the source is a clause, or a numbered heading in the document."""
    numbers = {clause.number for clause in document.clauses}
    numbers |= set(_HEADING_NUMBER.findall(document.body))
    lines = "\n".join(
        line for line in (source_text(document) or "").splitlines() if "\t" not in line
    )
    in_source = set(_NUMBERED.findall(lines))
    missing = sorted(in_source - numbers, key=lambda n: [int(x) for x in n.split(".")])
    assert not missing, missing


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda d: d.id)
def test_source_files_are_kept_as_received(document: Document) -> None:
    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    source = document.path.parent / document.source
    original = seeds / source.name
    if not original.is_file():
        pytest.skip("shared/seeds is not beside this checkout")
    assert source.read_bytes() == original.read_bytes()


def test_ncc_documents_have_every_paragraph(ncc: CouncilContent) -> None:
    assert [c.number for c in ncc.documents["ncc-guidelines"].clauses] == [
        str(n) for n in range(1, 75)
    ]
    assert [c.number for c in ncc.documents["ncc-policy"].clauses] == [
        str(n) for n in range(1, 33)
    ]


def test_contact_details_are_not_invented(library: Library) -> None:
    """Every email address and phone number in council.yaml appears in a source text."""
    for content in library.councils.values():
        sources = " ".join(source_text(d) or "" for d in content.documents.values())
        for contact in content.council.contacts.values():
            for detail in (contact.email, contact.phone):
                assert not detail or detail in sources, f"{contact.id}: {detail}"


COUNCILS = list(LIBRARY.councils.values())


@pytest.mark.parametrize("content", COUNCILS, ids=lambda c: c.id)
def test_every_rule_clause_is_behind_an_outcome(content: CouncilContent) -> None:
    """Target: every non-informational clause of every current document reachable."""
    from smguide.core.coverage import coverage

    for item in coverage(content):
        assert [c.clause.id for c in item.uncovered] == [], item.document.id
        assert item.percent == 100.0
