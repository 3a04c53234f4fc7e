"""Search: from the words an employee types to the right tree, outcome or clause.

The index is SQLite FTS5 in memory (nothing is written to disk), built from
one council's loaded content when it is first searched. Words are stemmed
(Porter), ranked by bm25 with tree titles and keywords counting most, and
shown with the matching words in bold. The council's ``synonyms.yaml`` adds
the words the policy uses for the words staff use ("fb", "sue", "add me").

Raw text never reaches FTS5's query language: the query is rebuilt from the
words found in it, each quoted, so quotes, ``NEAR(``, ``AND`` or a hyphen are
only ever words. Without FTS5 (a Python built against an SQLite without it)
a plain substring search answers instead and says so.
"""

from __future__ import annotations

import html
import math
import sqlite3
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from smguide.core.model import CouncilContent, Question, Tree
from smguide.core.synonyms import WORD, words
from smguide.core.topics import BREAK, TopicClassifier

#: Longest query considered; anything after it is ignored, not an error.
MAX_QUERY_CHARS = 500
#: At most this many words of a query are searched for.
MAX_WORDS = 24
#: Tables with at least this many rows leave out words found in more than
#: COMMON_SHARE of their rows (see ``SearchIndex._narrowed``).
COMMON_MIN_ROWS = 2_000
COMMON_SHARE = 0.08
#: Marks around matched words in excerpts; not characters any content holds.
_OPEN, _CLOSE = "\x02", "\x03"
#: Words too common to say anything about a situation.
STOPWORDS = frozenset(
    """
    a about after again all am an and any are as at be been before being but by can
    could did do does doing for from had has have having he her here hers him his how i
    if in into is it its just me might my myself no not of off on once only or other
    our ours out over own she should so some such than that the their them then there
    these they this those through to too under until up very was we were what when
    where which while who whom why will with would you your yours
    """.split()  # noqa: SIM905 (a word list reads better as words)
)

FALLBACK_NOTICE = (
    "Full-text search is not available on this computer (its SQLite has no FTS5), "
    "so a simpler search is used: results may be in a less useful order."
)


@dataclass(frozen=True)
class TreeHit:
    tree: str
    title: str
    summary: str
    #: The title and summary with the matching words in ``<b>``, made safe for HTML.
    title_html: str
    summary_html: str
    #: Where the words matched when not in the title or summary (a question, an outcome).
    excerpt_html: str
    score: float


@dataclass(frozen=True)
class OutcomeHit:
    tree: str
    tree_title: str
    outcome: str
    title: str
    verdict: str
    title_html: str
    excerpt_html: str
    #: The option ids of the shortest way to this outcome, in order.
    answers: tuple[str, ...]
    score: float


@dataclass(frozen=True)
class ClauseHit:
    clause: str
    document: str
    document_title: str
    label: str
    heading: str
    current: bool
    excerpt_html: str
    score: float


@dataclass(frozen=True)
class Results:
    query: str
    #: The words searched for, synonyms included (what a user may be shown).
    terms: tuple[str, ...]
    trees: tuple[TreeHit, ...] = ()
    outcomes: tuple[OutcomeHit, ...] = ()
    clauses: tuple[ClauseHit, ...] = ()
    engine: str = "fts5"
    notice: str = ""

    @property
    def empty(self) -> bool:
        return not (self.trees or self.outcomes or self.clauses)


@dataclass(frozen=True)
class Query:
    """What a user typed, reduced to words that are safe to search for."""

    text: str
    #: Each term is one word or a phrase of words from a synonym.
    terms: tuple[str, ...]
    #: The last word may be unfinished (the user is still typing it).
    prefix: str = ""
    #: Every finished word, small ones too and in order: what the topic
    #: classifier reads.
    situation: tuple[str, ...] = ()
    #: The words synonyms add for them, each meaning followed by ``BREAK``
    #: (no word pair spans two): what the classifier reads as well.
    added: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.terms and not self.prefix

    def fts(self) -> str:
        """An FTS5 query: every term quoted, joined by OR; the unfinished word as a prefix."""
        parts = [f'"{term}"' for term in self.terms]
        if self.prefix:
            parts.append(f'"{self.prefix}"*')
        return " OR ".join(parts)

    def needles(self) -> tuple[str, ...]:
        return (*self.terms, *((self.prefix,) if self.prefix else ()))


def parse_query(
    text: str, synonyms: Mapping[str, tuple[str, ...]] = {}, *, typing: bool = False
) -> Query:
    """The words of *text* worth searching for, plus what synonyms add for them.

    With *typing*, a last word not yet followed by a space is also searched
    as the start of a word, so results come while the user types.
    """
    text = text[:MAX_QUERY_CHARS]
    found = list(words(text))[: MAX_WORDS * 2]
    terms: list[str] = []
    for meaning in _synonyms_in(found, synonyms):
        if meaning not in terms:
            terms.append(meaning)
    # Each meaning read on its own (no word pair across two of them).
    added = tuple(word for meaning in terms for word in (*meaning.split(), BREAK))
    prefix = ""
    unfinished = typing and found and text[-1:].isalnum()
    if unfinished:
        last = found.pop()
        if last not in STOPWORDS and len(last) >= 2:
            prefix = last
    for word in found:
        if word not in STOPWORDS and len(word) >= 2 and word not in terms and word != prefix:
            terms.append(word)
    return Query(text, tuple(terms[:MAX_WORDS]), prefix, tuple(found), added)


def _synonyms_in(found: Sequence[str], synonyms: Mapping[str, tuple[str, ...]]) -> Iterator[str]:
    """The meanings of every synonym whose words appear, in order, in *found*.

    A synonym written with a word also matches when a nickname of it is
    typed (a one-word synonym with one one-word meaning: "my fb" is matched
    as "my facebook" too), and the "s" of a possessive may be left out of a
    synonym ("council page" matches "council's page"). Meanings come in the
    order their words were typed.
    """
    if not synonyms:
        return
    renamed = [_nickname(word, synonyms) for word in found]
    variants = {tuple(found), tuple(renamed)}
    variants |= {tuple(word for word in variant if word != "s") for variant in variants}
    longest = _longest_key(synonyms)
    seen: set[str] = set()
    for start in range(len(found)):
        for size in range(1, longest + 1):
            for variant in variants:
                key = " ".join(variant[start : start + size])
                if key in synonyms and key not in seen:
                    seen.add(key)
                    yield from synonyms[key]


#: The most words in one council's synonym, by the synonyms' identity: counted
#: once, not on every key press. Each entry keeps its mapping alive, so an id
#: is never reused while it is here; there is one mapping per council.
_LONGEST: dict[int, tuple[Mapping[str, tuple[str, ...]], int]] = {}


def _longest_key(synonyms: Mapping[str, tuple[str, ...]]) -> int:
    known = _LONGEST.get(id(synonyms))
    if known is None or known[0] is not synonyms:
        if len(_LONGEST) > 64:
            _LONGEST.clear()
        known = _LONGEST[id(synonyms)] = (synonyms, max(len(key.split()) for key in synonyms))
    return known[1]


def _nickname(word: str, synonyms: Mapping[str, tuple[str, ...]]) -> str:
    """The one word *word* stands for ("facebook" for "fb"), or *word* itself."""
    meanings = synonyms.get(word, ())
    if len(meanings) == 1 and " " not in meanings[0]:
        return meanings[0]
    return word


def fts5_available() -> bool:
    """Whether this Python's SQLite can make FTS5 tables."""
    return _probe_fts5()


@cache
def _probe_fts5() -> bool:
    # Asked once a process: the answer is the SQLite library's, not the content's.
    try:
        with sqlite3.connect(":memory:") as connection:
            connection.execute("CREATE VIRTUAL TABLE probe USING fts5(text)")
    except sqlite3.Error:
        return False
    return True


@dataclass(frozen=True)
class _Record:
    """One searchable thing, its columns in the order of its table's weights."""

    key: str
    columns: tuple[str, ...]
    #: For a clause: whether its document is in force.
    current: bool = True


@dataclass
class _Records:
    trees: list[_Record] = field(default_factory=list)
    outcomes: list[_Record] = field(default_factory=list)
    clauses: list[_Record] = field(default_factory=list)


# Columns and bm25 weights: what a match in each is worth.
#: A tree's outcomes are not part of it here: measured on 250 staff-phrased
#: situations, their text pulled searches towards the wrong tree more often
#: than to the right one (they are searched on their own, as answers).
#: A tree's ``examples`` are not here either: the topic classifier learns
#: from them (``topics.py``), and as a bm25 column too they only counted the
#: same words twice (on the situation sets, one or two fewer right first).
TREE_COLUMNS: tuple[tuple[str, float], ...] = (
    ("title", 10.0),
    ("keywords", 10.0),
    ("summary", 10.0),
    ("questions", 1.0),
)
OUTCOME_COLUMNS: tuple[tuple[str, float], ...] = (("title", 6.0), ("summary", 3.0), ("steps", 1.0))
CLAUSE_COLUMNS: tuple[tuple[str, float], ...] = (("heading", 3.0), ("text", 1.0))

#: A tree's place in the results blends two views of the query: the topic
#: classifier's probability that the situation is about it, and its bm25
#: score relative to the best tree's. bm25 is sure of the words a tree
#: shares; the classifier reads the whole sentence, and knows the words of
#: situations the tree never spells out. The blend is a product: the
#: probability times exp(BM25_WEIGHT x relative bm25), so bm25 moves a tree
#: up by a factor (at most e) rather than by a fixed amount, and every tree
#: either view knows of is ranked on the same scale. Chosen by 10-fold
#: cross-validation over the examples, with the classifier calibrated
#: (``topics.TEMPERATURE``): right topic first 88.7%, in the top three 98.6%,
#: against 88.7% and 98.0% for the best linear blend (0.3 of bm25), 85.5% and
#: 97.3% for the even linear blend used before calibration, and 87.4% and
#: 98.4% for the classifier alone (which puts 1% fewer of the tuning sets first).
BM25_WEIGHT = 1.0


def blended(
    matched: Mapping[str, float], chances: Mapping[str, float], trees: int
) -> dict[str, float]:
    """Each tree's share of the blend of its bm25 score (*matched*) and the
    classifier's *chances*, for every tree either one knows of.

    *trees* is how many trees there are: those the classifier left out
    share what its *chances* leave over.
    """
    best = max(matched.values(), default=0.0)
    left = max(1.0 - sum(chances.values()), 1e-12) / max(1, trees - len(chances))
    exp = math.exp
    weighed = {
        key: chances.get(key, left) * exp(BM25_WEIGHT * score / best if best > 0 else 0.0)
        for key, score in matched.items()
    }
    for key, chance in chances.items():
        weighed.setdefault(key, chance)
    total = sum(weighed.values())
    return {key: value / total for key, value in weighed.items()} if total > 0 else {}


class SearchIndex:
    """One council's trees, outcomes and clauses, searchable; build once, query often."""

    def __init__(self, content: CouncilContent, *, use_fts5: bool | None = None) -> None:
        self.content = content
        self.synonyms = content.synonyms
        self._routes = {tree.id: shortest_answers(tree) for tree in content.trees.values()}
        self.records = _records(content)
        self.topics = TopicClassifier(content.trees.values(), STOPWORDS)
        self.engine = (
            "fts5" if (fts5_available() if use_fts5 is None else use_fts5) else "substring"
        )
        self._db: sqlite3.Connection | None = None
        if self.engine == "fts5":
            self._db = _build_fts(self.records)
            self._rows = {table: len(getattr(self.records, table)) for table in _TABLES}
            self._frequency: dict[tuple[str, str], int] = {}

    @property
    def notice(self) -> str:
        return FALLBACK_NOTICE if self.engine != "fts5" else ""

    def query(self, text: str, *, typing: bool = False) -> Query:
        return parse_query(text, self.synonyms, typing=typing)

    def search(self, text: str, *, typing: bool = False, limit: int = 8) -> Results:
        """Trees, outcomes and current clauses that match *text*, best first."""
        query = self.query(text, typing=typing)
        if query.empty:
            return Results(text, (), engine=self.engine, notice=self.notice)
        return Results(
            text,
            query.needles(),
            tuple(self._trees(query, limit)),
            tuple(self._outcomes(query, limit)),
            tuple(self._clauses(query, limit, current_only=True)),
            self.engine,
            self.notice,
        )

    def search_library(
        self, text: str, *, typing: bool = False, limit: int = 200
    ) -> dict[str, list[ClauseHit]]:
        """Clauses of every document (superseded too) that match, grouped by document.

        Documents come in the council's order; within one, the best match first.
        """
        query = self.query(text, typing=typing)
        grouped: dict[str, list[ClauseHit]] = {d: [] for d in self.content.documents}
        if not query.empty:
            for hit in self._clauses(query, limit):
                grouped[hit.document].append(hit)
        return {document: hits for document, hits in grouped.items() if hits}

    # -- the three kinds of result -----------------------------------------

    def _trees(self, query: Query, limit: int) -> Iterator[TreeHit]:
        """The trees that match best: bm25 and the topic classifier together.

        A tree no word matched can still be suggested from the classifier
        alone, shown without marks.
        """
        # Scores first, for more trees than are shown (the classifier may
        # lift one from far down); the excerpts only for those shown.
        matched = {
            key: score
            for key, score, _ in self._match("trees", query, max(limit * 4, 32), plain=True)
        }
        chances = self.topics.probabilities(query.situation, query.added)
        scores = blended(matched, chances, len(self.content.trees))
        ranked = sorted(scores, key=lambda key: -scores[key])[:limit]
        marked = [key for key in ranked if key in matched]
        shown = {key: texts for key, _, texts in self._match("trees", query, limit, only=marked)}
        for key in ranked:
            tree = self.content.trees[key]
            if key in shown:
                title, _keywords, summary, *excerpts = shown[key]
            else:
                title, summary, excerpts = tree.title, tree.summary, []
            excerpt = "" if (_CLOSE in title or _CLOSE in summary) else _first_marked(excerpts)
            yield TreeHit(
                tree.id,
                tree.title,
                tree.summary,
                _html(title),
                _html(summary),
                _html(excerpt),
                scores[key],
            )

    def _outcomes(self, query: Query, limit: int) -> Iterator[OutcomeHit]:
        for key, score, shown in self._match("outcomes", query, limit):
            tree_id, _, outcome_id = key.partition("/")
            tree = self.content.trees[tree_id]
            outcome = tree.outcomes[outcome_id]
            answers = self._routes[tree_id].get(outcome_id)
            if answers is None:  # an outcome no answers lead to: nothing to open
                continue
            title, *excerpts = shown
            yield OutcomeHit(
                tree.id,
                tree.title,
                outcome.id,
                outcome.title,
                outcome.verdict,
                _html(title),
                _html(_first_marked(excerpts)),
                answers,
                score,
            )

    def _clauses(
        self, query: Query, limit: int, *, current_only: bool = False
    ) -> Iterator[ClauseHit]:
        found = self._match("clauses", query, limit, current_only=current_only)
        for key, score, shown in found:
            clause = self.content.clause(key)
            if clause is None:
                continue
            document = self.content.documents[clause.document]
            _heading, text = shown
            yield ClauseHit(
                clause.id,
                document.id,
                document.title,
                clause.label,
                clause.heading,
                document.current,
                _html(text if _CLOSE in text else excerpt(clause.text)),
                score,
            )

    def _match(
        self,
        table: str,
        query: Query,
        limit: int,
        *,
        current_only: bool = False,
        plain: bool = False,
        only: Sequence[str] | None = None,
    ) -> Iterator[tuple[str, float, list[str]]]:
        """(key, score, each column as ``_SHOWN`` says), best first.

        *plain*: scores only, every column shown as "" (marking words costs
        more than finding them). *only*: just the rows with these keys.
        """
        if only is not None and not only:
            return
        if self._db is not None:
            narrowed = self._narrowed(table, query)
            yield from _fts_match(self._db, table, narrowed, limit, current_only, plain, only)
        else:
            records = getattr(self.records, table)
            if current_only:
                records = [r for r in records if r.current]
            if only is not None:
                records = [r for r in records if r.key in only]
            yield from _substring_match(table, records, query, limit)

    def _narrowed(self, table: str, query: Query) -> Query:
        """*query* without the words most rows of a big table contain.

        Every row that matches any word of an OR query is scored, so a word
        found in a quarter of 50,000 clauses costs more than all the others
        while barely moving the order (bm25 gives it almost no weight). Small
        tables, like any council's real policy, keep every word.
        """
        rows = self._rows[table]
        if rows < COMMON_MIN_ROWS or self._db is None:
            return query
        counts = {term: self._count(table, f'"{term}"') for term in query.terms}
        kept = tuple(term for term, count in counts.items() if count <= rows * COMMON_SHARE)
        if not kept and counts and not query.prefix:
            kept = (min(counts, key=lambda term: counts[term]),)
        return Query(query.text, kept, query.prefix)

    def _count(self, table: str, phrase: str) -> int:
        key = (table, phrase)
        if key not in self._frequency and self._db is not None:
            sql = f"SELECT count(*) FROM {table} WHERE {table} MATCH ?"  # noqa: S608
            try:
                (count,) = self._db.execute(sql, (phrase,)).fetchone()
            except sqlite3.Error:
                count = 0
            self._frequency[key] = count
        return self._frequency.get(key, 0)


def shortest_answers(tree: Tree) -> dict[str, tuple[str, ...]]:
    """For each outcome of *tree*, the option ids of the shortest way there.

    Breadth first from the start, so the first way found is the shortest; an
    outcome no answers lead to is left out.
    """
    found: dict[str, tuple[str, ...]] = {}
    seen = {tree.start}
    pending: deque[tuple[str, tuple[str, ...]]] = deque([(tree.start, ())])
    while pending:
        node_id, answers = pending.popleft()
        if node_id in tree.outcomes:
            found.setdefault(node_id, answers)
            continue
        question: Question | None = tree.questions.get(node_id)
        if question is None:
            continue
        for option in question.options:
            if option.next not in seen:
                seen.add(option.next)
                pending.append((option.next, (*answers, option.id)))
    return found


# -- building ----------------------------------------------------------------


def _records(content: CouncilContent) -> _Records:
    records = _Records()
    for tree in content.trees.values():
        questions = " ".join(
            " ".join((q.text, q.help, *(o.label for o in q.options)))
            for q in tree.questions.values()
        )
        columns = (
            tree.title,
            " · ".join(tree.keywords),
            tree.summary,
            questions,
        )
        records.trees.append(_Record(tree.id, columns))
        for outcome in tree.outcomes.values():
            records.outcomes.append(
                _Record(
                    f"{tree.id}/{outcome.id}",
                    (outcome.title, outcome.summary, " ".join(outcome.steps)),
                )
            )
    for document in content.documents.values():
        for clause in document.clauses:
            records.clauses.append(
                _Record(clause.id, (clause.heading, clause.text), document.current)
            )
    return records


_TABLES = {"trees": TREE_COLUMNS, "outcomes": OUTCOME_COLUMNS, "clauses": CLAUSE_COLUMNS}
_SCHEMA_LOCK = threading.Lock()


@cache
def _empty_schema() -> sqlite3.Connection:
    """The three FTS5 tables, empty, made once a process and copied for each index.

    Copying the pages of an empty schema costs a fraction of creating each
    table and its shadow tables again; the copy is still only in memory.
    """
    db = sqlite3.connect(":memory:", check_same_thread=False)
    for table, columns in _TABLES.items():
        names = ", ".join(name for name, _ in columns)
        db.execute(
            f"CREATE VIRTUAL TABLE {table} USING fts5(key UNINDEXED, current UNINDEXED, "
            f"{names}, tokenize = 'porter unicode61 remove_diacritics 2')"
        )
    db.commit()
    return db


def _build_fts(records: _Records) -> sqlite3.Connection:
    # check_same_thread=False: the app may search from a worker thread later;
    # the connection is only ever used by one thread at a time.
    db = sqlite3.connect(":memory:", check_same_thread=False)
    # Sorting and temporary tables stay in memory too: nothing on disk, ever.
    db.execute("PRAGMA temp_store = MEMORY")
    with _SCHEMA_LOCK:
        _empty_schema().backup(db)
    for table, columns in _TABLES.items():
        rows = getattr(records, table)
        marks = ", ".join("?" * (len(columns) + 2))
        db.executemany(
            f"INSERT INTO {table} VALUES ({marks})",  # noqa: S608 (table names are ours)
            ((record.key, int(record.current), *record.columns) for record in rows),
        )
    db.commit()
    return db


# -- querying ------------------------------------------------------------------


#: How each column is shown in a result: "highlight" (all of it, matches
#: marked), "snippet" (a few words around the best match) or "" (not shown).
#: Long columns are only ever snippets.
_SHOWN = {
    "trees": ("highlight", "", "highlight", "snippet"),
    "outcomes": ("highlight", "snippet", "snippet"),
    "clauses": ("", "snippet"),
}
#: Words in a snippet.
SNIPPET_TOKENS = 20


def _fts_match(
    db: sqlite3.Connection,
    table: str,
    query: Query,
    limit: int,
    current_only: bool,
    plain: bool = False,
    only: Sequence[str] | None = None,
) -> Iterator[tuple[str, float, list[str]]]:
    columns = _TABLES[table]
    weights = ", ".join(str(weight) for _, weight in columns)
    shown = []
    for index, how in enumerate(_SHOWN[table]):
        column = index + 2  # after key and current
        if plain:
            shown.append("''")
        elif how == "highlight":
            shown.append(f"highlight({table}, {column}, char(2), char(3))")
        elif how == "snippet":
            shown.append(f"snippet({table}, {column}, char(2), char(3), '…', {SNIPPET_TOKENS})")
        else:
            shown.append("''")
    where = f"{table} MATCH ?" + (" AND current = 1" if current_only else "")
    keys = tuple(only or ())
    if keys:
        where += f" AND key IN ({', '.join('?' * len(keys))})"
    sql = (
        f"SELECT key, bm25({table}, 0, 0, {weights}) AS rank, {', '.join(shown)} "  # noqa: S608
        f"FROM {table} WHERE {where} ORDER BY rank LIMIT ?"
    )
    try:
        rows = db.execute(sql, (query.fts(), *keys, limit)).fetchall()
    except sqlite3.Error:
        return  # cannot happen for a query built from words; no results rather than a crash
    snippets = [how == "snippet" for how in _SHOWN[table]]
    for key, rank, *texts in rows:
        # A snippet can be cut inside a marked phrase; a highlight never is.
        yield (
            key,
            -rank,
            [_balanced(t) if cut else t for t, cut in zip(texts, snippets, strict=True)],
        )


def _substring_match(
    table: str, records: list[_Record], query: Query, limit: int
) -> Iterator[tuple[str, float, list[str]]]:
    """The fallback: weighted counts of the words found in each column."""
    weights = [weight for _, weight in _TABLES[table]]
    needles = [needle for needle in query.needles() if needle]
    scored: list[tuple[float, int, _Record]] = []
    for order, record in enumerate(records):
        score = 0.0
        for weight, column in zip(weights, record.columns, strict=True):
            folded = " ".join(words(column))
            score += weight * sum(1 for needle in needles if needle in folded)
        if score:
            scored.append((score, order, record))
    scored.sort(key=lambda item: (-item[0], item[1]))
    for score, _order, record in scored[:limit]:
        shown = []
        for how, column in zip(_SHOWN[table], record.columns, strict=True):
            marked = _mark_words(column, needles) if how else ""
            shown.append(_best_excerpt([marked]) if how == "snippet" else marked)
        yield record.key, score, shown


def _mark_words(text: str, needles: Iterable[str]) -> str:
    """*text* with each word that starts one of *needles*' words marked."""
    starts = {needle.split()[0] for needle in needles if needle}
    if not starts:
        return text

    def mark(found: object) -> str:
        word = found.group(0)  # type: ignore[attr-defined]
        folded = word.casefold()
        return f"{_OPEN}{word}{_CLOSE}" if any(folded.startswith(s) for s in starts) else word

    return WORD.sub(mark, text)


# -- presenting -----------------------------------------------------------------

#: Words either side of a match in an excerpt.
EXCERPT_WORDS = 8


def _best_excerpt(columns: Sequence[str]) -> str:
    """A few words around the first match in the first column that has one."""
    for text in columns:
        start = text.find(_OPEN)
        if start < 0:
            continue
        before = text[:start].split()[-EXCERPT_WORDS:]
        after = text[start:].split()[: EXCERPT_WORDS * 2]
        lead = "… " if len(text[:start].split()) > EXCERPT_WORDS else ""
        tail = " …" if len(text[start:].split()) > EXCERPT_WORDS * 2 else ""
        return _balanced(lead + " ".join([*before, *after]) + tail)
    return ""


def _first_marked(texts: Iterable[str]) -> str:
    return next((text for text in texts if _CLOSE in text), "")


def _balanced(text: str) -> str:
    """Every mark closed: a cut can fall inside a marked phrase."""
    opens, closes = text.count(_OPEN), text.count(_CLOSE)
    if not opens and not closes:
        return text
    if (
        opens == closes
        and text.index(_OPEN) < text.index(_CLOSE)
        and text.rfind(_OPEN) < text.rfind(_CLOSE)
    ):
        return text
    depth = 0
    out: list[str] = []
    for char in text:
        if char == _OPEN:
            if depth:
                continue
            depth = 1
        elif char == _CLOSE:
            if not depth:
                continue
            depth = 0
        out.append(char)
    return "".join(out) + (_CLOSE if depth else "")


def _html(marked: str) -> str:
    """Marked text as safe HTML: everything escaped, then the marks made bold."""
    text = html.escape(marked, quote=False)
    return text.replace(_OPEN, "<b>").replace(_CLOSE, "</b>")


def excerpt(text: str, limit: int = 40) -> str:
    """Plain text cut to *limit* words, for a clause shown in a list."""
    parts = text.split()
    return " ".join(parts[:limit]) + (" …" if len(parts) > limit else "")
