"""Which topic a described situation belongs to, learnt from the content's own words.

bm25 ranks a tree by the words a query shares with it, so it favours
whichever tree happens to repeat a word ("colleague", "page") and misses a
situation told in words no tree uses. This is the other half: a multinomial
naive Bayes classifier over stemmed words and word pairs, learnt from each
tree's ``examples`` (situations as staff describe them), title, summary,
keywords, questions and answers. It gives every tree the probability that the
situation is about it, from all the query's words together, including the
pairs that carry the meaning ("add me", "my manager", "sue me").

It is plain Python, learnt when the search index is built (a few
milliseconds per council) and nothing is stored; a policy owner changes what
it learns by editing the examples in the tree files.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import compress, pairwise
from operator import add

from smguide.core.model import Tree
from smguide.core.synonyms import words

#: How much each part of a tree teaches the classifier, per text: examples
#: are situations, so each counts fully; a question or an answer's label
#: names the situation less directly.
EXAMPLE_WEIGHT = 1.0
HEADING_WEIGHT = 1.0
#: The title names the topic: a query that names it ("digital team") should
#: find it even when other trees' examples mention the same words more often.
TITLE_WEIGHT = 3.0
QUESTION_WEIGHT = 0.5
#: Lidstone smoothing: a word a tree never used costs it, but not infinitely.
SMOOTHING = 0.3
#: Naive Bayes counts every word as fresh evidence, so alone it is nearly
#: always 0 or 1 sure and a second-best topic keeps no real share. Its log
#: scores are divided by this before they become probabilities. Chosen by
#: 10-fold cross-validation over the examples (each fold learnt without
#: itself): 2 gave the lowest log loss (0.41, against 0.60 at 1 and 0.48 at 4).
TEMPERATURE = 2.0
#: A query feature counts as evidence by how few trees used it, the
#: classifier's inverse document frequency: log(1 + trees / trees that used
#: it), divided by its value for a feature two trees used. A word every
#: tree uses ("post", "council", "page") says little about which one a
#: situation is, yet plain naive Bayes counts it as fully as "photo" or
#: "sue", so a situation that names two topics was carried by whichever
#: filled more of the sentence with common words. Chosen by 10-fold
#: cross-validation over the examples (five shuffles, 11,825 held-out
#: examples in all): the blend placed 89.2% first and 98.8% in the top three,
#: against 88.6% and 98.65% without (a seventh fewer outside the top three),
#: and the classifier alone 88.9% first (87.8% without), log loss 0.39 (0.41).
#: 1 gave the best; 0.5 and 1.5 fewer first and in the top three.
SPECIFICITY = 1.0

_VOWELS = frozenset("aeiouy")
#: Stems of words already seen: the same few hundred words come back on every key press.
_STEMS: dict[str, str] = {}
_MAX_STEMS = 50_000


def stem(word: str) -> str:
    """*word* without the endings that only change its grammar: posts, posted,
    posting and post are one feature.

    A light suffix stripper rather than Porter's full algorithm: the
    classifier only needs the same stem for the same word, in the examples
    and in the query, and a pure-Python Porter stemmer cost 100 microseconds a
    word (more than the whole index build may take for the shipped content).
    On the situation sets the two stemmers placed the same share first.
    """
    found = _STEMS.get(word)
    if found is None:
        if len(_STEMS) > _MAX_STEMS:
            _STEMS.clear()
        found = _STEMS[word] = _stripped(word)
    return found


def _stripped(word: str) -> str:
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed", "er"):
        if word.endswith(suffix):
            base = word[: -len(suffix)]
            if len(base) >= 3 and not _VOWELS.isdisjoint(base):
                word = base
                if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "lsz":
                    word = word[:-1]  # running, shopping
            break
    if word.endswith("e") and len(word) >= 4:
        word = word[:-1]  # share, shared and sharing alike
    if word.endswith("y") and len(word) >= 4 and word[-2] not in _VOWELS:
        word = word[:-1] + "i"  # reply and replies, bully and bullied
    return word


def features(found: Sequence[str], stopwords: frozenset[str]) -> list[str]:
    """The stems of *found*'s meaningful words, then every pair of neighbouring words.

    Pairs keep small words ("add me", "my manager") because that is where
    they mean something; a pair of two small words ("can i") says nothing.
    """
    stems, singles, kinds = _read(found, stopwords)
    return [*compress(stems, singles), *_pairs(stems, kinds)]


def counted(found: Sequence[str], stopwords: frozenset[str]) -> Counter[str]:
    """``features(found)``, counted: what learning a long text needs, at C speed."""
    stems, singles, kinds = _read(found, stopwords)
    learnt = Counter(compress(stems, singles))
    learnt.update(_pairs(stems, kinds))
    return learnt


#: What each word is to ``features``, by the stop words in use (its stem is
#: in ``_STEMS``): whether it is a feature alone, and its kind in a pair (0 a
#: word that means something, 1 a stop word, 2 ``BREAK``; a pair is kept
#: while its two kinds add up to 1 at most). Every word is worked out once,
#: not once a use, so reading a text is a few passes in C.
_WORDS: dict[frozenset[str], tuple[dict[str, bool], dict[str, int]]] = {}


def _read(
    found: Sequence[str], stopwords: frozenset[str]
) -> tuple[list[str], Iterator[bool], list[int]]:
    known = _WORDS.get(stopwords)
    if known is None or len(known[0]) > _MAX_STEMS:
        if len(_WORDS) > 8:
            _WORDS.clear()
        known = _WORDS[stopwords] = ({}, {})
    single, kind = known
    cache = _STEMS
    distinct = set(found)
    for word in distinct.difference(single):
        if word not in cache:
            if len(cache) > _MAX_STEMS:
                cache.clear()
            cache[word] = _stripped(word)
        stop = word in stopwords
        single[word] = not stop and len(word) > 1 and word != BREAK
        kind[word] = 2 if word == BREAK else int(stop)
    for word in distinct.difference(cache):  # the stem cache was cleared meanwhile
        cache[word] = _stripped(word)
    stems = list(map(cache.__getitem__, found))
    kinds = list(map(kind.__getitem__, found))
    return stems, map(single.__getitem__, found), kinds


def _pairs(stems: list[str], kinds: list[int]) -> Iterator[str]:
    kept = map((1).__ge__, map(add, kinds, kinds[1:]))
    return compress(map(" ".join, pairwise(stems)), kept)


#: Put between texts learnt together, so no word pair spans two of them
#: (one call over all of a tree's texts costs far less than one per text).
BREAK = "zqxbreakzqx"


def training_texts(tree: Tree) -> Iterator[tuple[str, float]]:
    """What the classifier learns a tree from: each text with its weight."""
    for example in tree.examples:
        yield example, EXAMPLE_WEIGHT
    yield tree.title, TITLE_WEIGHT
    for text in (tree.summary, *tree.keywords):
        yield text, HEADING_WEIGHT
    for question in tree.questions.values():
        yield question.text, QUESTION_WEIGHT
        for option in question.options:
            yield option.label, QUESTION_WEIGHT


class TopicClassifier:
    """One council's trees as a naive Bayes classifier; learn once, ask often.

    Learning only counts each tree's features (C does the counting). What a
    feature adds for each tree that used it is worked out the first time a
    query has it and then kept, so learning costs no loop over the whole
    vocabulary, and asking again costs little more with 2,000 trees than
    with 14 (scores are sparse: only the trees that used a feature).
    """

    def __init__(self, trees: Iterable[Tree], stopwords: frozenset[str]) -> None:
        self.stopwords = stopwords
        counts: dict[str, dict[str, float]] = {}
        for tree in trees:
            by_weight: dict[float, list[str]] = {}
            for text, weight in training_texts(tree):
                by_weight.setdefault(weight, []).append(text)
            # Counted with Counter (its counting loop is C), then weighed.
            learnt: dict[str, float] = {}
            for weight, texts in by_weight.items():
                found = counted(words(f" {BREAK} ".join(texts)), stopwords)
                if not learnt and weight == 1:
                    learnt = dict(found)  # most of the words: copied, not looped over
                    continue
                for feature, count in found.items():
                    learnt[feature] = learnt.get(feature, 0.0) + count * weight
            counts[tree.id] = learnt
        self._vocabulary: set[str] = set().union(*counts.values())
        vocabulary = len(self._vocabulary)
        self._learnt = counts
        self.trees = tuple(counts)
        #: log P(an unseen feature | tree): what each query feature costs a tree by default.
        self._unseen = {
            tree_id: math.log(SMOOTHING / (sum(learnt.values()) + SMOOTHING * vocabulary))
            for tree_id, learnt in counts.items()
        }
        self._unseen_values = tuple(self._unseen.values())
        self._best_unseen = max(self._unseen_values, default=0.0)
        #: For each feature asked about so far: how much it counts (``weight``)
        #: and what it adds for the trees that used it.
        self._gain: dict[str, tuple[float, dict[str, float]]] = {}

    def _gains(self, feature: str) -> tuple[float, dict[str, float]]:
        known = self._gain.get(feature)
        if known is None:
            log, smoothing = math.log, SMOOTHING
            gains = {
                tree_id: log(learnt[feature] / smoothing + 1)
                for tree_id, learnt in self._learnt.items()
                if feature in learnt
            }
            known = self._gain[feature] = (self.weight(len(gains)), gains)
        return known

    def weight(self, used_by: int) -> float:
        """How much a query feature that *used_by* of the trees used counts:
        1 when two did, more when only one did, less when more did (see
        ``SPECIFICITY``)."""
        trees = max(1, len(self.trees))
        specific = math.log(1 + trees / max(1, used_by)) / math.log(1 + trees / 2)
        return math.pow(specific, SPECIFICITY)

    def probabilities(self, found: Sequence[str], added: Sequence[str] = ()) -> dict[str, float]:
        """The probability of being what the words *found* describe, for each
        tree that used one of them; the trees left out share what remains.

        *added* are the words synonyms add for them, each meaning ended by
        ``BREAK``. A feature counts once however often it is said: repeating
        a word, or a synonym repeating one ("lunch" and "lunch break"), adds
        nothing to what the situation is about.

        Empty when no word or pair of them was ever seen in any tree's
        texts: there is then nothing to say, rather than an even guess.
        """
        vocabulary = self._vocabulary
        said = features((*found, BREAK, *added), self.stopwords)
        known = [feature for feature in dict.fromkeys(said) if feature in vocabulary]
        if not known:
            return {}
        # Only the trees that used a feature get more than their default
        # score; the others count only in the total, so a query costs one
        # pass over the trees, not one per feature.
        # Each feature's evidence, default and gain alike, is weighed by how
        # few trees used it.
        gained: dict[str, float] = {}
        weighed = 0.0
        for feature in known:
            weight, gains = self._gains(feature)
            weighed += weight
            for tree_id, gain in gains.items():
                gained[tree_id] = gained.get(tree_id, 0.0) + weight * gain
        scale = 1 / TEMPERATURE
        count = weighed * scale
        unseen = self._unseen
        scores = {
            tree_id: count * unseen[tree_id] + gain * scale for tree_id, gain in gained.items()
        }
        top = max(max(scores.values()), count * self._best_unseen)
        exp = math.exp
        total = sum(exp(count * default - top) for default in self._unseen_values)
        total += sum(
            exp(score - top) - exp(count * unseen[tree_id] - top)
            for tree_id, score in scores.items()
        )
        return {tree_id: exp(score - top) / total for tree_id, score in scores.items()}
