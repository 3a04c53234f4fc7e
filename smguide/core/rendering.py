"""Outcomes and question help as HTML, from the templates in ``resources/``.

The templates hold all presentation; this module only gathers what they
show. jinja2 runs with autoescape and ``StrictUndefined``, and content text
reaches a template only as HTML already sanitised by ``richtext``.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from smguide.core import locations
from smguide.core.changes import Change, compare, word_diff
from smguide.core.fidelity import normalise
from smguide.core.model import Citation, Clause, CouncilContent, Document, Outcome, Question
from smguide.core.richtext import markdown_to_html, render_content, template_context
from smguide.core.verdicts import VERDICTS, Verdict
from smguide.core.walk import Step, Walk

#: What to show where a council has not filled in a contact detail.
MISSING_DETAIL = "ask your line manager"

CLAUSE_SCHEME = "clause"


def clause_href(clause_id: str) -> str:
    """The link that opens a clause in the policy library."""
    return f"{CLAUSE_SCHEME}:{clause_id}"


def environment(templates: Path | None = None) -> jinja2.Environment:
    folder = templates or locations.resources_dir() / "templates"
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


class Renderer:
    """Renders one council's outcomes, help and clauses."""

    def __init__(self, content: CouncilContent, env: jinja2.Environment | None = None) -> None:
        self.content = content
        self.env = env or environment()
        self.context = template_context(content.council)

    def text(self, text: str, *, inline: bool = False) -> Markup:
        return render_content(text, self.context, inline=inline)

    def clause(self, citation: Citation | str) -> dict[str, Any]:
        """What a template needs to quote a clause in full."""
        clause_id = citation.clause if isinstance(citation, Citation) else citation
        clause: Clause | None = self.content.clause(clause_id)
        document = self.content.documents.get(clause_id.partition(":")[0])
        return {
            "id": clause_id,
            "href": clause_href(clause_id),
            "number": clause.label if clause else clause_id.partition(":")[2],
            "heading": clause.heading if clause else "",
            "document": document.title if document else clause_id.partition(":")[0],
            "status": document.status if document else "missing",
            "html": markdown_to_html(clause.text) if clause else Markup(""),
        }

    def contact(self, contact_id: str) -> dict[str, Any]:
        contact = self.content.council.contacts.get(contact_id)
        if contact is None:
            return {"id": contact_id, "name": contact_id, "role": "", "details": []}
        details = []
        if contact.how:
            details.append(("How", contact.how))
        given = [
            (label, value)
            for label, value in (("Email", contact.email), ("Phone", contact.phone))
            if value
        ]
        details += given
        # The line manager is reached in person; anyone else's missing details
        # are something the line manager can supply. Said once, not per field.
        missing = [
            label.lower()
            for label, value in (("Email", contact.email), ("Phone", contact.phone))
            if not value
        ]
        if missing and contact_id != "line-manager":
            details.append((" and ".join(missing).capitalize(), MISSING_DETAIL))
        return {"id": contact.id, "name": contact.name, "role": contact.role, "details": details}

    def _outcome_context(self, outcome: Outcome, steps: Sequence[Step]) -> dict[str, Any]:
        return {
            "council": self.content.council,
            "verdict": VERDICTS.get(
                outcome.verdict, Verdict(outcome.verdict, outcome.verdict, "")
            ),
            "outcome": outcome,
            "summary": self.text(outcome.summary, inline=True) if outcome.summary else None,
            "steps": [self.text(step, inline=True) for step in outcome.steps],
            "contacts": [self.contact(contact) for contact in outcome.contacts],
            "clauses": [self.clause(citation) for citation in outcome.cites],
            "answers": [(step.question.text, step.option.label) for step in steps],
        }

    def outcome(self, outcome: Outcome, steps: Sequence[Step] = (), *, banner: bool = True) -> str:
        """The outcome page: verdict, what to do, who to contact, what the policy says.

        *banner* False leaves the verdict out, for a window that shows it as
        a widget of its own.
        """
        return self.env.get_template("outcome.html.j2").render(
            banner=banner, **self._outcome_context(outcome, steps)
        )

    def walk_outcome(self, walk: Walk, *, banner: bool = True) -> str:
        return self.outcome(_finished(walk), walk.steps, banner=banner)

    def printable(self, walk: Walk, when: datetime.datetime, version: str) -> str:
        """The outcome as a record to print or save: stamped with council, documents and date."""
        outcome = _finished(walk)
        return self.env.get_template("outcome_print.html.j2").render(
            tree=walk.tree,
            when=when.strftime("%d %B %Y, %H:%M"),
            version=version,
            documents=list(self.content.documents.values()),
            **self._outcome_context(outcome, walk.steps),
        )

    def changes(self, old: Document, new: Document) -> str:
        """Two versions of a policy compared paragraph by paragraph."""
        found = compare(old, new)
        counts = Counter(change.kind for change in found)
        return self.env.get_template("changes.html.j2").render(
            old=old, new=new, counts=counts, rows=[_change_row(c) for c in found]
        )

    def document(self, document: Document, highlight: str | None = None) -> str:
        """A whole policy document for the library, each clause with its own anchor."""
        sections = []
        previous: tuple[str, ...] = ()
        for clause in document.clauses:
            # Show only the headings that change, at the level they sit.
            shared = 0
            while (
                shared < min(len(previous), len(clause.headings))
                and previous[shared] == clause.headings[shared]
            ):
                shared += 1
            new_headings = [
                (level, clause.headings[level]) for level in range(shared, len(clause.headings))
            ]
            previous = clause.headings
            sections.append(
                {
                    "headings": new_headings,
                    "id": clause.id,
                    "number": clause.label,
                    "html": markdown_to_html(clause.text),
                    "highlight": clause.id == highlight,
                }
            )
        return self.env.get_template("document.html.j2").render(
            document=document,
            replaced_by=self.content.documents.get(document.superseded_by),
            clauses=sections,
        )

    def search_results(self, query: str, grouped: Mapping[str, Sequence[Any]]) -> str:
        """Library search results: clause hits (``search.ClauseHit``) grouped by document.

        Their excerpts are already escaped, with matches in ``<b>``; nothing
        else in them is trusted.
        """
        groups = [
            {
                "title": self.content.documents[document].title,
                "current": self.content.documents[document].current,
                "hits": [
                    {
                        "href": clause_href(hit.clause),
                        "label": hit.label,
                        "heading": hit.heading,
                        "excerpt": Markup(hit.excerpt_html),  # noqa: S704 (escaped by search)
                    }
                    for hit in hits
                ],
            }
            for document, hits in grouped.items()
            if document in self.content.documents
        ]
        return self.env.get_template("search_results.html.j2").render(
            query=query.strip(),
            council=self.content.council.name,
            groups=groups,
            total=sum(
                len(hits)
                for document, hits in grouped.items()
                if document in self.content.documents
            ),
        )

    def help(self, question: Question) -> str:
        """ "Why are we asking?": the help text and the clauses it rests on."""
        return self.env.get_template("question_help.html.j2").render(
            question=question,
            help=self.text(question.help) if question.help else None,
            clauses=[self.clause(citation) for citation in question.cites],
        )


def _change_row(change: Change) -> dict[str, Any]:
    old, new = change.old, change.new
    labels = {"same": "Unchanged", "changed": "Reworded", "added": "New", "removed": "Removed"}
    if old is not None and new is not None:
        runs = word_diff(old.text, new.text)
    elif new is not None:
        runs = [("added", normalise(new.text))]
    else:
        runs = [("removed", normalise(old.text if old else ""))]
    return {
        "old": old.label if old else None,
        "new": new.label if new else None,
        "old_href": clause_href(old.id) if old else "",
        "new_href": clause_href(new.id) if new else "",
        "label": labels[change.kind],
        "runs": runs,
    }


def _finished(walk: Walk) -> Outcome:
    if walk.outcome is None:
        raise ValueError("the walk has not reached an outcome")
    return walk.outcome
