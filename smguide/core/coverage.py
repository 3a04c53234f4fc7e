"""Which clauses the trees rest on, and which no tree uses yet.

A policy owner's check that the guide is complete: every clause that sets a
rule should be behind at least one outcome, so an employee can reach it from
a situation. Clauses marked informational (introductions, definitions) are
reported apart, since they need no tree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from smguide.core.collector import collector_paused
from smguide.core.model import Clause, CouncilContent, Document


@dataclass(frozen=True)
class Use:
    """One place a clause is cited: a tree's question or outcome."""

    tree: str
    node: str
    kind: str  # "question" or "outcome"


@dataclass(frozen=True)
class ClauseCoverage:
    clause: Clause
    informational: bool
    uses: tuple[Use, ...]

    @property
    def in_outcome(self) -> bool:
        return any(use.kind == "outcome" for use in self.uses)


@dataclass(frozen=True)
class DocumentCoverage:
    document: Document
    clauses: tuple[ClauseCoverage, ...]

    @property
    def rules(self) -> list[ClauseCoverage]:
        return [c for c in self.clauses if not c.informational]

    @property
    def covered(self) -> list[ClauseCoverage]:
        return [c for c in self.rules if c.in_outcome]

    @property
    def uncovered(self) -> list[ClauseCoverage]:
        return [c for c in self.rules if not c.in_outcome]

    @property
    def percent(self) -> float:
        return 100.0 * len(self.covered) / len(self.rules) if self.rules else 100.0


def coverage(content: CouncilContent) -> list[DocumentCoverage]:
    """Coverage of every current document of *content* by its trees."""
    with collector_paused():  # a record per clause and citation: see core/collector.py
        return _coverage(content)


def _coverage(content: CouncilContent) -> list[DocumentCoverage]:
    uses: dict[str, list[Use]] = {}
    for tree in content.trees.values():
        for question in tree.questions.values():
            for citation in question.cites:
                uses.setdefault(citation.clause, []).append(Use(tree.id, question.id, "question"))
        for outcome in tree.outcomes.values():
            for citation in outcome.cites:
                uses.setdefault(citation.clause, []).append(Use(tree.id, outcome.id, "outcome"))
    return [
        DocumentCoverage(
            document,
            tuple(
                ClauseCoverage(
                    clause,
                    clause.number in document.informational,
                    tuple(uses.get(clause.id, ())),
                )
                for clause in document.clauses
            ),
        )
        for document in content.documents.values()
        if document.current
    ]


def coverage_data(content: CouncilContent) -> dict[str, Any]:
    """Coverage as plain data, for ``smguide coverage --json``."""
    return {
        "council": content.id,
        "documents": [
            {
                "document": item.document.id,
                "rule_clauses": len(item.rules),
                "cited_by_outcomes": len(item.covered),
                "percent": round(item.percent, 1),
                "uncited": [c.clause.id for c in item.uncovered],
                "informational": [c.clause.id for c in item.clauses if c.informational],
                "clauses": [
                    {
                        "id": c.clause.id,
                        "informational": c.informational,
                        "cited_by": [
                            {"tree": u.tree, "node": u.node, "kind": u.kind} for u in c.uses
                        ],
                    }
                    for c in item.clauses
                ],
            }
            for item in coverage(content)
        ],
    }
