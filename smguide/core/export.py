"""Plain data for the command line's JSON: content, routes and clauses.

The shapes here are a published interface (reviewers script against
``smguide paths --json``), so they are built in one place.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from smguide.core.model import Clause, Council, CouncilContent, Document, Outcome, Tree
from smguide.core.richtext import fill, template_context
from smguide.core.routes import Route
from smguide.core.search import ClauseHit, OutcomeHit, TreeHit


def outcome_data(outcome: Outcome, council: Council) -> dict[str, Any]:
    context = template_context(council)
    return {
        "id": outcome.id,
        "verdict": outcome.verdict,
        "title": outcome.title,
        "steps": [fill(step, context) for step in outcome.steps],
        "contacts": list(outcome.contacts),
        "cites": [citation.clause for citation in outcome.cites],
    }


def route_data(route: Route, council: Council) -> dict[str, Any]:
    return {
        "council": council.id,
        "tree": route.tree.id,
        "answers": [
            {"node": step.question.id, "question": step.question.text, "answer": step.option.label}
            for step in route.steps
        ],
        "outcome": None if route.outcome is None else outcome_data(route.outcome, council),
    }


def clause_data(clause: Clause) -> dict[str, Any]:
    return {
        "id": clause.id,
        "document": clause.document,
        "number": clause.number,
        "heading": clause.heading,
        "headings": list(clause.headings),
        "text": clause.text,
    }


def document_data(document: Document) -> dict[str, Any]:
    return {
        "id": document.id,
        "title": document.title,
        "kind": document.kind,
        "status": document.status,
        "superseded_by": document.superseded_by or None,
        "version": document.version or None,
        "issued": document.issued or None,
        "source": document.source,
        "clauses": [clause_data(clause) for clause in document.clauses],
    }


def tree_data(tree: Tree, council: Council) -> dict[str, Any]:
    return {
        "id": tree.id,
        "title": tree.title,
        "summary": tree.summary,
        "keywords": list(tree.keywords),
        "examples": list(tree.examples),
        "start": tree.start,
        "questions": [
            {
                "id": question.id,
                "text": question.text,
                "help": question.help or None,
                "cites": [citation.clause for citation in question.cites],
                "options": [
                    {"id": option.id, "label": option.label, "next": option.next}
                    for option in question.options
                ],
            }
            for question in tree.questions.values()
        ],
        "outcomes": [
            {**outcome_data(outcome, council), "summary": outcome.summary or None}
            for outcome in tree.outcomes.values()
        ],
    }


def council_data(content: CouncilContent) -> dict[str, Any]:
    council = content.council
    return {
        "id": council.id,
        "name": council.name,
        "short_name": council.short_name,
        "review_due": council.review_due.isoformat() if council.review_due else None,
        "contacts": [
            {
                "id": contact.id,
                "name": contact.name,
                "role": contact.role or None,
                "email": contact.email or None,
                "phone": contact.phone or None,
                "how": contact.how or None,
            }
            for contact in council.contacts.values()
        ],
        "documents": [document_data(document) for document in content.documents.values()],
        "trees": [tree_data(tree, council) for tree in content.trees.values()],
    }


def hit_data(hit: TreeHit | OutcomeHit | ClauseHit) -> dict[str, Any]:
    """A search result as ``smguide search --json`` prints it: every field, score rounded.

    A clause's ``label`` is called ``paragraph`` there, as readers say it.
    """
    data = dataclasses.asdict(hit)
    data["score"] = round(hit.score, 4)
    if isinstance(hit, ClauseHit):
        data["paragraph"] = data.pop("label")
    for key, value in data.items():
        if isinstance(value, tuple):
            data[key] = list(value)
    return data
