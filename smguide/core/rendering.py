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
from markupsafe import Markup, escape

from smguide.core import locations
from smguide.core.branches import Branch
from smguide.core.changes import Change, compare, word_diff
from smguide.core.fidelity import normalise
from smguide.core.model import (
    Citation,
    Clause,
    CouncilContent,
    Document,
    Outcome,
    Question,
    Scenario,
    Tree,
)
from smguide.core.records import Session, Topic
from smguide.core.richtext import markdown_to_html, render_content, template_context
from smguide.core.sessions import scenario_walk
from smguide.core.verdicts import VERDICTS, Verdict
from smguide.core.walk import Step, Walk

#: What to show where a council has not filled in a contact detail.
MISSING_DETAIL = "ask your line manager"

CLAUSE_SCHEME = "clause"
#: A link in manager mode that notes a clause as discussed under the topic shown.
NOTE_SCHEME = "note-clause"

#: How each kind of manager session (``records.KINDS``) is named on a record.
SESSION_KINDS = {
    "induction": "Induction",
    "supervision": "Supervision",
    "team-meeting": "Team meeting",
}

#: Options up to this many are shown side by side; more would make columns too narrow.
SIDE_BY_SIDE = 3


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

    # Manager mode

    def scenario_card(self, scenario: Scenario) -> str:
        """A scenario card as the manager shows it, before anything is revealed.

        Only the situation and its topic: the path and the outcome stay
        hidden until the employee has said what they would do.
        """
        tree = self.content.trees.get(scenario.tree)
        return self.env.get_template("scenario_card.html.j2").render(
            situation=scenario.situation, topic=tree.title if tree else scenario.tree
        )

    def scenario_reveal(self, tree: Tree, scenario: Scenario, *, card: bool = False) -> str:
        """What the guide says about a card: each question and the card's answer, then the outcome.

        The outcome is the same page ``outcome()`` renders (the template is
        included, not copied), so a card teaches exactly what the guide
        would tell the employee. *card* repeats the situation above it, for
        a view that replaces the card with the reveal.
        """
        walk = scenario_walk(tree, scenario)
        outcome = walk.outcome
        return self.env.get_template("scenario_reveal.html.j2").render(
            card=card,
            situation=scenario.situation,
            topic=tree.title,
            path=[(step.question.text, step.option.label) for step in walk.steps],
            # A card that no longer reaches an outcome is a content problem
            # ``smguide check`` reports; shown, it says so rather than failing.
            reached=outcome is not None,
            banner=True,
            **(self._outcome_context(outcome, ()) if outcome is not None else {}),
        )

    def key_clauses(self, discussed: Mapping[str, Sequence[str]], topic: str | None) -> str:
        """The council's key clauses, quoted, each saying where it has been discussed.

        *discussed* maps a clause id to the titles of the session's topics it
        was noted under; *topic* is the title of the topic shown, under which
        a clause not yet noted there can be noted with one click.
        """
        clauses = [
            self.clause(citation) | {"discussed": list(discussed.get(citation.clause, ()))}
            for citation in self.content.sessions.key_clauses
        ]
        return self.env.get_template("key_clauses.html.j2").render(
            clauses=clauses, topic=topic, note_scheme=NOTE_SCHEME
        )

    def branches(self, tree: Tree, question: Question, branches: Sequence[Branch]) -> str:
        """Where each answer to *question* leads (``branches.branches``), to compare them.

        Two or three options sit side by side in a table (Qt's rich text has
        no flexbox or grid); four or more would make columns too narrow to
        read, so they are stacked.
        """
        shown = [self._branch(branch) for branch in branches]
        return self.env.get_template("branches.html.j2").render(
            topic=tree.title,
            question=question,
            branches=shown,
            side_by_side=2 <= len(shown) <= SIDE_BY_SIDE,
            width=100 // max(len(shown), 1),
        )

    def _branch(self, branch: Branch) -> dict[str, Any]:
        return {
            "label": branch.option.label,
            "outcome": self._outcome_brief(branch.outcome) if branch.outcome else None,
            "next": branch.next_question.text if branch.next_question else None,
            "reachable": [self._outcome_brief(outcome) for outcome in branch.outcomes_reachable],
        }

    def _outcome_brief(self, outcome: Outcome) -> dict[str, Any]:
        """An outcome in a line: verdict, title, and its clauses by document, as references."""
        by_document: dict[str, list[dict[str, Any]]] = {}
        for citation in outcome.cites:
            clause = self.clause(citation)
            by_document.setdefault(clause["document"], []).append(clause)
        return {
            "verdict": _verdict(outcome.verdict),
            "title": outcome.title,
            "sources": list(by_document.items()),
        }

    def session_record(self, session: Session, when: datetime.datetime, version: str) -> str:
        """A manager session as a record to print or save, with lines to sign.

        Everything the manager and employees typed is escaped by the
        template and keeps its line breaks. A clause or card the content no
        longer has is named in a note instead of quoted: records outlive
        versions of the policy, and an old record must still print.
        """
        if session.council != self.content.id:
            raise ValueError(
                f"session {session.id} belongs to council {session.council!r}, "
                f"not {self.content.id!r}"
            )
        topics = [self._topic_record(topic) for topic in session.topics]
        quoted = {
            clause["document_id"]
            for topic in topics
            for clause in topic["clauses"]
            if clause["status"] == "superseded"
        }
        documents = [
            document
            for document in self.content.documents.values()
            if document.current or document.id in quoted
        ]
        return self.env.get_template("session_record.html.j2").render(
            council=self.content.council,
            session=session,
            kind=SESSION_KINDS.get(session.kind, session.kind),
            date=_day(session.date),
            topics=topics,
            when=when.strftime("%d %B %Y, %H:%M"),
            version=version,
            documents=documents,
        )

    def _topic_record(self, topic: Topic) -> dict[str, Any]:
        tree = self.content.trees.get(topic.tree)
        clauses, unknown_clauses = [], []
        for clause_id in topic.clauses:
            if self.content.clause(clause_id) is None:
                unknown_clauses.append(clause_id)
            else:
                clauses.append(
                    self.clause(clause_id) | {"document_id": clause_id.partition(":")[0]}
                )
        scenarios, unknown_scenarios = [], []
        for scenario_id in topic.scenarios:
            scenario = self.content.sessions.scenario(scenario_id)
            if scenario is None:
                unknown_scenarios.append(scenario_id)
                continue
            card_tree = self.content.trees.get(scenario.tree)
            outcome = scenario_walk(card_tree, scenario).outcome if card_tree else None
            scenarios.append(
                {
                    "situation": scenario.situation,
                    "outcome": self._outcome_brief(outcome) if outcome else None,
                }
            )
        return {
            "title": tree.title if tree else topic.tree,
            "known": tree is not None,
            "covered": topic.covered,
            "clauses": clauses,
            "unknown_clauses": unknown_clauses,
            "scenarios": scenarios,
            "unknown_scenarios": unknown_scenarios,
            "notes": _lines(topic.notes),
            "actions": _lines(topic.actions),
        }


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


def _verdict(key: str) -> Verdict:
    return VERDICTS.get(key, Verdict(key, key, ""))


def _day(day: datetime.date) -> str:
    """A date as a record gives it: "5 March 2026"."""
    return f"{day.day} {day:%B %Y}"


def _lines(text: str) -> Markup:
    """Text someone typed, escaped, with its line breaks kept; blank lines at the ends dropped."""
    return Markup("<br>\n").join(escape(line) for line in text.strip().splitlines())


def _finished(walk: Walk) -> Outcome:
    if walk.outcome is None:
        raise ValueError("the walk has not reached an outcome")
    return walk.outcome
