"""Generated council content far larger than any real policy, built in memory.

Benchmarks use it to see how the engine grows before real content does. It
is made with the model's own dataclasses and kept consistent the way real
content must be (options lead to nodes that exist, every node is reached,
outcomes cite clauses ``document:number`` of current documents and name
contacts the council has), so it can be validated as well as searched.

The words come from a fixed vocabulary drawn with Zipf-like weights by a
seeded ``random.Random``: a few words are in almost every clause and most in
few, as in real text, so bm25 has real work to do, and a seed gives the same
content on every run.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from pathlib import Path

from smguide.core.model import (
    VERDICTS,
    Citation,
    Clause,
    Contact,
    Council,
    CouncilContent,
    Document,
    Option,
    Outcome,
    Question,
    Tree,
    UrgentEntry,
)

COUNCIL_ID = "generated"
#: Where the generated content says it lives; nothing is read from or written there.
ROOT = Path("generated-content")

SUBJECTS = (
    "Employees", "Staff", "Managers", "Line managers", "Councillors", "Officers",
    "Volunteers", "Contractors", "Agency workers", "Social workers", "Teachers",
    "Account owners", "Administrators", "Team leaders", "Elected members",
    "The Digital Team", "Communications and Marketing", "Human Resources",
    "Legal Services", "Everyone who works for the Council",
)  # fmt: skip
MODALS = (
    "must", "should", "may", "must not", "should not", "can", "are expected to",
    "are encouraged to", "need to", "are asked to",
)  # fmt: skip
VERBS = (
    "post", "share", "like", "comment on", "follow", "add", "accept", "decline", "block",
    "report", "delete", "remove", "tell", "ask", "contact", "check", "approve", "agree",
    "review", "monitor", "respond to", "reply to", "publish", "upload", "tag", "mention",
    "message", "criticise", "disclose", "protect", "record", "keep", "close", "hand over",
    "manage", "use", "access", "screenshot", "forward", "escalate", "raise", "discuss",
    "endorse", "retweet", "moderate", "archive", "investigate", "support", "advise on",
)  # fmt: skip
ADJECTIVES = (
    "personal", "professional", "official", "private", "public", "inappropriate",
    "offensive", "defamatory", "political", "confidential", "sensitive", "vulnerable",
    "dormant", "inactive", "current", "new", "old", "urgent", "serious", "abusive",
    "misleading", "anonymous", "fake", "corporate", "external", "internal", "approved",
    "unapproved", "shared", "secure", "local", "national", "online", "social", "digital",
    "appropriate", "reasonable", "unlawful", "discriminatory", "threatening", "copyrighted",
)  # fmt: skip
NOUNS = (
    "account", "accounts", "page", "pages", "post", "posts", "comment", "comments", "photo",
    "photos", "image", "images", "video", "videos", "message", "messages", "friend request",
    "friend requests", "follower", "followers", "group", "groups", "community", "colleague",
    "colleagues", "manager", "employee", "councillor", "resident", "residents", "client",
    "clients", "service user", "service users", "child", "children", "parent", "parents",
    "school", "family", "carer", "carers", "young person", "young people", "team",
    "council", "policy", "guidelines", "complaint", "complaints", "criticism", "abuse",
    "threat", "legal action", "court", "solicitor", "copyright", "licence", "password",
    "login details", "device", "phone", "laptop", "network", "platform", "Facebook",
    "Twitter", "Instagram", "LinkedIn", "TikTok", "Snapchat", "WhatsApp", "YouTube",
    "blog", "forum", "website", "election", "campaign", "political party", "candidate",
    "neutrality", "reputation", "confidentiality", "information", "data", "privacy",
    "safeguarding", "concern", "risk", "harm", "incident", "report", "investigation",
    "disciplinary procedure", "conduct", "behaviour", "standard", "approval", "register",
    "strategy", "marketing", "communications", "content", "audience", "engagement",
    "feedback", "response", "advice", "training", "tool", "schedule", "lunch break",
    "working hours", "office", "job", "role", "responsibility", "duty", "evidence",
    "screenshot", "link", "hashtag", "profile", "name", "identity", "impersonation",
    "troll", "bullying", "harassment", "discrimination", "equality", "media", "press",
    "journalist", "statement", "consent", "care leaver", "foster carer", "social worker",
    "headteacher", "governor", "contractor", "supplier", "partner", "charity",
    "newsletter", "livestream", "event", "meeting", "consultation", "petition", "email",
)  # fmt: skip
PREPOSITIONS = (
    "on", "about", "in", "with", "from", "through", "for", "to", "by", "during", "outside",
    "within", "after", "before", "without",
)  # fmt: skip
DETERMINERS = (
    "the", "a", "any", "their", "your", "an official", "a personal", "the Council's",
    "another", "every", "each", "no", "this", "that",
)  # fmt: skip
TAILS = (
    "", "", "", "", "without approval", "at any time", "during working hours",
    "where appropriate", "as soon as possible", "in line with the Code of Conduct",
    "unless the Digital Team agrees", "before it is published", "while at work",
    "in a personal capacity", "on behalf of the Council", "in the public interest",
    "within one working day", "when in doubt", "outside working hours",
)  # fmt: skip
SYLLABLES = (
    "ash", "bas", "set", "law", "brook", "ford", "ham", "ley", "mans", "field", "new", "ark",
    "rush", "cliffe", "wor", "sop", "gedling", "brox", "towe", "kirk", "by", "thorn", "wick",
    "stan", "ton", "hol", "me", "pier", "rep", "ret", "ord", "well", "bing", "west", "mel",
    "bour", "hul", "ber", "scun", "thorpe", "gain", "barr", "ow", "hum", "ber", "side",
)  # fmt: skip
#: Words staff use and the policy words search adds for them, as a synonyms.yaml gives.
SYNONYMS = {
    "fb": ("facebook",),
    "insta": ("instagram",),
    "sue": ("legal action", "solicitor"),
    "add me": ("friend request",),
    "boss": ("manager", "line manager"),
    "kid": ("child", "young person"),
}
CONTACTS = (
    ("line-manager", "Your line manager", "The first person to ask when in doubt."),
    ("digital-team", "Digital Team", "Approves every account and page of the Council."),
    ("comms-marketing", "Communications and Marketing", "Advises on reputational issues."),
    ("legal-services", "Legal Services", "Consulted when legal action is threatened."),
    ("hr", "Human Resources", "Advises on conduct and the disciplinary procedure."),
    ("safeguarding", "Safeguarding lead", "Takes every concern about a child or adult at risk."),
)
SECTION_CLAUSES = (4, 15)
DOCUMENT_CLAUSES = (300, 700)
#: One document in this many is superseded by the next one.
SUPERSEDED_EVERY = 4


class _Words:
    """Draws words of one kind, the first ones of the (shuffled) kind the most often."""

    def __init__(self, rng: random.Random, words: Sequence[str], exponent: float = 1.0) -> None:
        self.rng = rng
        self.words = list(words)
        rng.shuffle(self.words)
        self.cum_weights = list(
            itertools.accumulate(1 / (rank + 1) ** exponent for rank in range(len(self.words)))
        )
        self._batch: list[str] = []

    def __call__(self) -> str:
        if not self._batch:
            self._batch = self.rng.choices(self.words, cum_weights=self.cum_weights, k=4096)
        return self._batch.pop()


class _Writer:
    """Sentences, headings and titles that read like policy, from the vocabulary."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        names = {
            "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
            for _ in range(3000)
        }
        self.subject = _Words(rng, SUBJECTS)
        self.modal = _Words(rng, MODALS)
        self.verb = _Words(rng, VERBS)
        self.adjective = _Words(rng, ADJECTIVES)
        self.noun = _Words(rng, NOUNS)
        self.preposition = _Words(rng, PREPOSITIONS)
        self.determiner = _Words(rng, DETERMINERS)
        self.tail = _Words(rng, TAILS, exponent=0.3)
        # Place and service names: a long tail of words each in few clauses.
        self.name = _Words(rng, sorted(names), exponent=1.1)

    def sentence(self) -> str:
        kind = self.rng.randrange(5)
        s, m, v, a, n = self.subject, self.modal, self.verb, self.adjective, self.noun
        p, d, t = self.preposition, self.determiner, self.tail
        if kind == 0:
            words = [s(), m(), v(), d(), a(), n(), p(), d(), n(), t()]
        elif kind == 1:
            words = [s(), m(), v(), n(), p(), self.name(), t()]
        elif kind == 2:
            words = ["Where", d(), n(), "is", a() + ",", s().lower(), m(), v(), d(), n()]
        elif kind == 3:
            words = ["This includes", n() + ",", n(), "and", a(), n(), p(), n()]
        else:
            words = [d().capitalize(), a(), n(), p(), self.name(), m(), "be reported to", n()]
        return " ".join(word for word in words if word) + "."

    def text(self, sentences: tuple[int, int]) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(*sentences)))

    def heading(self) -> str:
        return f"{self.adjective().capitalize()} {self.noun()} and {self.noun()}"

    def title(self) -> str:
        start = self.determiner().capitalize()
        return f"{start} {self.adjective()} {self.noun()} on {self.noun()}"

    def question(self) -> str:
        kind = self.rng.randrange(3)
        if kind == 0:
            return f"Is the {self.noun()} {self.adjective()}?"
        if kind == 1:
            return f"Who wants to {self.verb()} the {self.noun()}?"
        return f"What is happening with the {self.noun()} about {self.name()}?"

    def label(self) -> str:
        return f"{self.modal().capitalize()} {self.verb()} {self.determiner()} {self.noun()}"


def make_content(
    clauses: int,
    trees: int,
    seed: int = 1,
    *,
    questions: tuple[int, int] = (2, 4),
    outcomes: tuple[int, int] = (2, 4),
) -> CouncilContent:
    """A council with *clauses* clauses over several documents and *trees* trees.

    Each tree has between *questions* and between *outcomes* nodes of each kind.
    """
    rng = random.Random(seed)  # noqa: S311 (repeatable content, not a secret)
    write = _Writer(rng)
    documents = _documents(clauses, rng, write)
    contacts = {contact_id: Contact(contact_id, name, role) for contact_id, name, role in CONTACTS}
    citable = [
        clause.id for document in documents.values() if document.current
        for clause in document.clauses
    ]  # fmt: skip
    tree_list = [
        _tree(f"tree-{n:05d}", rng, write, citable, questions, outcomes)
        for n in range(1, trees + 1)
    ]
    council = Council(
        id=COUNCIL_ID,
        name="Generated County Council",
        short_name="GCC",
        documents=tuple(documents),
        contacts=contacts,
        path=ROOT / "content" / COUNCIL_ID / "council.yaml",
        urgent=tuple(UrgentEntry(f"Urgent: {tree.title}", tree.id, 1) for tree in tree_list[:2]),
        trees=tuple(tree.id for tree in tree_list[:12]),
    )
    return CouncilContent(council, documents, {tree.id: tree for tree in tree_list}, SYNONYMS)


def _documents(clauses: int, rng: random.Random, write: _Writer) -> dict[str, Document]:
    sizes: list[int] = []
    while sum(sizes) < clauses:
        sizes.append(min(rng.randint(*DOCUMENT_CLAUSES), clauses - sum(sizes)))
    ids = [f"gcc-doc-{n:03d}" for n in range(1, len(sizes) + 1)]
    documents: dict[str, Document] = {}
    for index, (document_id, size) in enumerate(zip(ids, sizes, strict=True)):
        superseded = index % SUPERSEDED_EVERY == SUPERSEDED_EVERY - 1 and index + 1 < len(ids)
        found: list[Clause] = []
        section = 0
        while len(found) < size:
            section += 1
            heading = write.heading()
            for number in range(1, rng.randint(*SECTION_CLAUSES) + 1):
                if len(found) == size:
                    break
                found.append(
                    Clause(
                        document_id,
                        f"{section}.{number}",
                        (heading,),
                        write.text((1, 4)),
                        line=2 * len(found) + 10,
                    )
                )
        documents[document_id] = Document(
            id=document_id,
            council=COUNCIL_ID,
            title=f"{write.heading()} Policy",
            kind=rng.choice(("policy", "guidelines", "guidance")),
            status="superseded" if superseded else "current",
            # No such file: the fidelity check has no source to hold clauses against.
            source=f"sources/{document_id}.txt",
            clauses=tuple(found),
            path=ROOT / "content" / COUNCIL_ID / f"{document_id}.md",
            superseded_by=ids[index + 1] if superseded else "",
        )
    return documents


def _cites(rng: random.Random, citable: Sequence[str], most: int) -> tuple[Citation, ...]:
    if not citable:
        return ()
    return tuple(Citation(clause) for clause in sorted(set(rng.choices(citable, k=most))))


def _tree(
    tree_id: str,
    rng: random.Random,
    write: _Writer,
    citable: Sequence[str],
    question_range: tuple[int, int] = (2, 4),
    outcome_range: tuple[int, int] = (2, 4),
) -> Tree:
    """Questions in a chain, each also ending early, and outcomes all reached.

    The first option of each question but the last leads on to the next
    question and the others to outcomes; the last question leads to every
    outcome, so all are reached and there is no loop.
    """
    question_ids = [f"q{n}" for n in range(1, rng.randint(*question_range) + 1)]
    outcome_ids = [f"outcome-{n}" for n in range(1, rng.randint(*outcome_range) + 1)]
    questions: dict[str, Question] = {}
    line = 20
    for index, question_id in enumerate(question_ids):
        last = index == len(question_ids) - 1
        targets = (
            outcome_ids
            if last
            else [question_ids[index + 1], *rng.sample(outcome_ids, rng.randint(1, 2))]
        )
        options = []
        for number, target in enumerate(targets, 1):
            line += 3
            options.append(Option(f"option-{number}", write.label(), target, line))
        questions[question_id] = Question(
            question_id,
            write.question(),
            tuple(options),
            help=write.text((1, 2)),
            cites=_cites(rng, citable, 2),
            line=line - 3 * len(options) - 2,
        )
    outcomes: dict[str, Outcome] = {}
    for outcome_id in outcome_ids:
        line += 12
        outcomes[outcome_id] = Outcome(
            outcome_id,
            rng.choice(VERDICTS),
            write.title(),
            tuple(write.sentence() for _ in range(rng.randint(2, 5))),
            tuple(sorted({rng.choice(CONTACTS)[0] for _ in range(rng.randint(1, 2))})),
            _cites(rng, citable, rng.randint(1, 4)),
            summary=write.sentence(),
            line=line,
        )
    keywords = tuple(
        dict.fromkeys(
            write.noun().lower() if rng.random() < 0.6 else f"{write.verb()} {write.noun()}"
            for _ in range(rng.randint(3, 8))
        )
    )
    return Tree(
        id=tree_id,
        council=COUNCIL_ID,
        title=write.title(),
        summary=write.text((1, 2)),
        keywords=keywords,
        start=question_ids[0],
        questions=questions,
        outcomes=outcomes,
        path=ROOT / "decision_trees" / COUNCIL_ID / f"{tree_id}.yaml",
    )


def write_root(content: CouncilContent, root: Path) -> Path:
    """*content* as files a policy owner would write, under *root*: a real content folder.

    council.yaml, each document as Markdown with front matter and its source
    text (so every clause is held against it), and each tree as YAML.
    """
    import yaml

    folder = root / "content" / content.id
    (folder / "sources").mkdir(parents=True)
    trees_folder = root / "decision_trees" / content.id
    trees_folder.mkdir(parents=True)
    council = content.council
    council_data = {
        "name": council.name,
        "short_name": council.short_name,
        "documents": list(council.documents),
        "contacts": {
            contact.id: {"name": contact.name, **({"role": contact.role} if contact.role else {})}
            for contact in council.contacts.values()
        },
        "urgent": [{"label": entry.label, "tree": entry.tree} for entry in council.urgent],
        "trees": list(council.trees),
    }
    _dump(folder / "council.yaml", council_data)
    for document in content.documents.values():
        front = {
            "title": document.title,
            "council": content.id,
            "kind": document.kind,
            "status": document.status,
            "source": document.source,
            **({"superseded_by": document.superseded_by} if document.superseded_by else {}),
        }
        lines = ["---", yaml.safe_dump(front, sort_keys=False).strip(), "---", ""]
        heading = None
        for clause in document.clauses:
            if clause.heading != heading:
                heading = clause.heading
                lines += [f"# {heading}", ""]
            lines += [f"**{clause.number}.** {clause.text}", ""]
        (folder / f"{document.id}.md").write_text("\n".join(lines), encoding="utf-8")
        source = "\n\n".join(clause.text for clause in document.clauses)
        (folder / document.source).write_text(source, encoding="utf-8")
    for tree in content.trees.values():
        data = {
            "title": tree.title,
            "summary": tree.summary,
            "keywords": list(tree.keywords),
            "start": tree.start,
            "questions": {
                question.id: {
                    "text": question.text,
                    "help": question.help,
                    "cites": [citation.clause for citation in question.cites],
                    "options": [
                        {"id": option.id, "label": option.label, "next": option.next}
                        for option in question.options
                    ],
                }
                for question in tree.questions.values()
            },
            "outcomes": {
                outcome.id: {
                    "verdict": outcome.verdict,
                    "title": outcome.title,
                    "summary": outcome.summary,
                    "steps": list(outcome.steps),
                    "contacts": list(outcome.contacts),
                    "cites": [citation.clause for citation in outcome.cites],
                }
                for outcome in tree.outcomes.values()
            },
        }
        _dump(trees_folder / f"{tree.id}.yaml", data)
    return root


def _dump(path: Path, data: object) -> None:
    import yaml

    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
    path.write_text(text, encoding="utf-8")
