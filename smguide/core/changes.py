"""What changed between two versions of a policy, paragraph by paragraph.

Councils renumber when they revise a policy (the 2012 Nottinghamshire policy's
12 is the current one's 17), so paragraphs are matched by their words, not
their numbers: the most similar pairs first, each paragraph used once.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from smguide.core.fidelity import normalise
from smguide.core.model import Clause, Document

#: How alike two paragraphs' words must be to count as one paragraph revised (checked
#: by hand on the two Nottinghamshire policies: every pair above it is a true match).
MATCH_THRESHOLD = 0.45


@dataclass(frozen=True)
class Change:
    """A paragraph in the old version, the new one, or both."""

    old: Clause | None
    new: Clause | None
    similarity: float

    @property
    def kind(self) -> str:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        return "same" if normalise(self.old.text) == normalise(self.new.text) else "changed"


def _ratio(a: str, b: str) -> float:
    matcher = difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False)
    if matcher.real_quick_ratio() < MATCH_THRESHOLD or matcher.quick_ratio() < MATCH_THRESHOLD:
        return 0.0
    return matcher.ratio()


def compare(old: Document, new: Document) -> list[Change]:
    """The new version's paragraphs in order, each with its old match; then what was removed."""
    old_texts = {c.number: normalise(c.text) for c in old.clauses}
    new_texts = {c.number: normalise(c.text) for c in new.clauses}
    pairs = sorted(
        (
            (_ratio(old_text, new_text), o, n)
            for o, old_text in old_texts.items()
            for n, new_text in new_texts.items()
        ),
        reverse=True,
    )
    matched_old: dict[str, tuple[str, float]] = {}
    matched_new: dict[str, tuple[str, float]] = {}
    for ratio, o, n in pairs:
        if ratio < MATCH_THRESHOLD:
            break
        if o in matched_old or n in matched_new:
            continue
        matched_old[o] = (n, ratio)
        matched_new[n] = (o, ratio)
    changes = []
    for clause in new.clauses:
        if clause.number in matched_new:
            number, ratio = matched_new[clause.number]
            changes.append(Change(old.clause(number), clause, ratio))
        else:
            changes.append(Change(None, clause, 0.0))
    changes += [Change(c, None, 0.0) for c in old.clauses if c.number not in matched_old]
    return changes


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(kind, words) runs: kind is "same", "removed" or "added"."""
    old_words, new_words = normalise(old).split(), normalise(new).split()
    runs: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            runs.append(("same", " ".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("removed", " ".join(old_words[i1:i2])))
        if j2 > j1:
            runs.append(("added", " ".join(new_words[j1:j2])))
    return runs
