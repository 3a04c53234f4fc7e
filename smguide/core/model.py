"""The content model: what a council's policy and decision trees are.

Everything here is frozen: content is parsed once, validated, and then only
read, so a walk, a renderer or a window can hold on to it without copying.
Each node keeps ``lines``, the line of each field in its file, so problems
found after loading can still name a line.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import field
from functools import cached_property
from pathlib import Path

from smguide.core.locations import CONTENT, TREES
from smguide.core.problems import Problem
from smguide.core.value import Value

VERDICTS: tuple[str, ...] = ("ok", "caution", "stop", "urgent")
STATUSES: tuple[str, ...] = ("current", "superseded")
DOCUMENT_KINDS: tuple[str, ...] = ("policy", "guidelines", "guidance", "report")


class Contact(Value):
    """Someone a tree can send the employee to, as the council names them."""

    id: str
    name: str
    role: str = ""
    email: str = ""
    phone: str = ""
    how: str = ""
    cites: tuple[Citation, ...] = ()
    lines: Mapping[str, int] = field(default_factory=dict)


class UrgentEntry(Value):
    """A one-click way into a tree for a situation that cannot wait."""

    label: str
    tree: str
    line: int


class Council(Value):
    """A council: its name, the documents in force and its contacts."""

    id: str
    name: str
    short_name: str
    documents: tuple[str, ...]
    contacts: Mapping[str, Contact]
    path: Path
    urgent: tuple[UrgentEntry, ...] = ()
    #: The trees in the order the home page shows them (others follow by title).
    trees: tuple[str, ...] = ()
    #: When the council means to review its policy; past it, readers are told.
    review_due: datetime.date | None = None
    lines: Mapping[str, int] = field(default_factory=dict)


class Clause(Value):
    """One numbered paragraph of a policy document, in the council's words."""

    document: str
    number: str
    headings: tuple[str, ...]
    text: str
    line: int

    @property
    def id(self) -> str:
        return f"{self.document}:{self.number}"

    @property
    def heading(self) -> str:
        """The nearest heading above the clause, or empty when there is none."""
        return self.headings[-1] if self.headings else ""

    @property
    def label(self) -> str:
        """How the clause is named to a reader: "29", "2.6 (be responsible)", "Appendix one"."""
        number, _, part = self.number.partition("/")
        if part:
            return f"{number} ({part.replace('-', ' ')})"
        if not number[:1].isdigit():
            return number.replace("-", " ").capitalize()
        return number


class Document(Value):
    """A policy document as issued: front matter and its clauses in order."""

    id: str
    council: str
    title: str
    kind: str
    status: str
    source: str
    clauses: tuple[Clause, ...]
    path: Path
    body: str = ""
    superseded_by: str = ""
    version: str = ""
    issued: str = ""
    #: Clauses that give context rather than rules (introductions, definitions):
    #: coverage reports them apart, as they need no tree.
    informational: frozenset[str] = frozenset()
    #: The lines of ``source`` this document was taken from, when one source
    #: file holds several documents.
    source_lines: tuple[int, int] | None = None
    lines: Mapping[str, int] = field(default_factory=dict)

    def clause(self, number: str) -> Clause | None:
        return self._by_number.get(number)

    @cached_property
    def _by_number(self) -> dict[str, Clause]:
        # The first of two clauses with one number wins; check reports the second.
        index: dict[str, Clause] = {}
        for clause in self.clauses:
            index.setdefault(clause.number, clause)
        return index

    @property
    def current(self) -> bool:
        return self.status == "current"


class Citation(Value):
    """A reference from a tree to a clause, ``document:number``.

    ``superseded`` records that the author knowingly cites a document that
    has been replaced; without it, citing one is an error.
    """

    clause: str
    superseded: bool = False

    @property
    def document(self) -> str:
        return self.clause.partition(":")[0]

    @property
    def number(self) -> str:
        return self.clause.partition(":")[2]


class Option(Value):
    """One answer to a question and the node it leads to."""

    id: str
    label: str
    next: str
    line: int


class Question(Value):
    """A question node: the text, why we ask, and its answers."""

    id: str
    text: str
    options: tuple[Option, ...]
    help: str = ""
    cites: tuple[Citation, ...] = ()
    line: int = 1
    lines: Mapping[str, int] = field(default_factory=dict)

    def option(self, option_id: str) -> Option | None:
        for option in self.options:
            if option.id == option_id:
                return option
        return None


class Outcome(Value):
    """Where a walk ends: the verdict, what to do, who to tell, and why."""

    id: str
    verdict: str
    title: str
    steps: tuple[str, ...]
    contacts: tuple[str, ...]
    cites: tuple[Citation, ...]
    summary: str = ""
    line: int = 1
    lines: Mapping[str, int] = field(default_factory=dict)


Node = Question | Outcome


class Tree(Value):
    """A decision tree for one kind of situation."""

    id: str
    council: str
    title: str
    summary: str
    keywords: tuple[str, ...]
    start: str
    questions: Mapping[str, Question]
    outcomes: Mapping[str, Outcome]
    path: Path
    lines: Mapping[str, int] = field(default_factory=dict)
    #: How staff have described this situation in their own words. Search
    #: matches them; the app never shows them.
    examples: tuple[str, ...] = ()

    def node(self, node_id: str) -> Node | None:
        return self.questions.get(node_id) or self.outcomes.get(node_id)


class Scenario(Value):
    """A short realistic situation for a manager and an employee to talk through.

    The card shows ``situation``; the employee says what they would do; then
    the app reveals the path (``answers``, each a question id and the option
    chosen there, in the order the tree asks them) and the outcome it ends on.
    ``outcome`` is what the author meant the path to reach: validation holds
    the two together, so a tree that changes under a card is caught at once.
    """

    id: str
    tree: str
    situation: str
    answers: tuple[tuple[str, str], ...]
    outcome: str
    line: int = 1
    lines: Mapping[str, int] = field(default_factory=dict)


class SessionGuide(Value):
    """What a manager needs to plan an induction or supervision session.

    Read from the council's optional ``sessions.yaml``; a council without one
    has an empty guide (no cards, no suggested order), and nothing else
    depends on it.
    """

    #: The core topics an induction covers, in teaching order (tree ids).
    induction: tuple[str, ...] = ()
    #: Topics to put first for a service working with children or vulnerable adults.
    vulnerable_first: tuple[str, ...] = ()
    #: Clauses every induction should read together.
    key_clauses: tuple[Citation, ...] = ()
    scenarios: tuple[Scenario, ...] = ()
    #: The file it came from, so later checks can name it; None without one.
    path: Path | None = None
    lines: Mapping[str, int] = field(default_factory=dict)

    def scenario(self, scenario_id: str) -> Scenario | None:
        for scenario in self.scenarios:
            if scenario.id == scenario_id:
                return scenario
        return None

    def scenarios_for(self, tree_id: str) -> tuple[Scenario, ...]:
        """The cards about one tree, in the order the file gives them."""
        return tuple(scenario for scenario in self.scenarios if scenario.tree == tree_id)


class CouncilContent(Value):
    """One council with everything that belongs to it."""

    council: Council
    documents: Mapping[str, Document]
    trees: Mapping[str, Tree]
    #: Words staff use (normal form, e.g. "add me") and the words search adds for them.
    synonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Topics and scenario cards for Manager mode (``sessions.yaml``).
    sessions: SessionGuide = field(default_factory=SessionGuide)

    @property
    def id(self) -> str:
        return self.council.id

    def clause(self, clause_id: str) -> Clause | None:
        document_id, _, number = clause_id.partition(":")
        document = self.documents.get(document_id)
        return document.clause(number) if document else None


class UnknownCouncilError(LookupError):
    """Asked for a council the content does not have."""


class Library(Value):
    """Everything loaded from one content root, and what was wrong with it."""

    root: Path
    councils: Mapping[str, CouncilContent]
    problems: tuple[Problem, ...]

    def council(self, council_id: str | None = None) -> CouncilContent:
        """The named council, or the only (or first) one when none is named."""
        if council_id is None:
            if not self.councils:
                raise UnknownCouncilError(f"no council was loaded from {self.root}")
            return next(iter(self.councils.values()))
        try:
            return self.councils[council_id]
        except KeyError:
            known = ", ".join(self.councils) or "none"
            raise UnknownCouncilError(f"unknown council {council_id!r} (known: {known})") from None

    def problems_of(self, problems: Iterable[Problem], council_id: str | None) -> list[Problem]:
        """The problems that concern one council: in its own files, or outside every council's."""

        def folders(name: str) -> list[Path]:
            return [(self.root / folder / name).resolve() for folder in (CONTENT, TREES)]

        own = folders(council_id) if council_id else []
        every = [folder for name in self.councils for folder in folders(name)]

        def concerns(problem: Problem) -> bool:
            path = problem.path.resolve()
            if any(path.is_relative_to(folder) for folder in own):
                return True
            return not any(path.is_relative_to(folder) for folder in every)

        return [problem for problem in problems if concerns(problem)]
