"""The topic classifier: search learns each topic from its examples and words."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pytest

from smguide.core import topics
from smguide.core.loading import load_library
from smguide.core.model import CouncilContent
from smguide.core.search import STOPWORDS, SearchIndex
from smguide.core.synonyms import words
from smguide.core.topics import BREAK, TopicClassifier, counted, features, stem
from smguide.core.validation import check


@pytest.mark.parametrize(
    "family",
    [
        ("post", "posts", "posted", "posting"),
        ("share", "shares", "shared", "sharing"),
        ("reply", "replies", "replied"),
        ("bully", "bullied", "bullying"),
        ("run", "running"),
        ("family", "families"),
    ],
)
def test_forms_of_a_word_share_a_stem(family: tuple[str, ...]) -> None:
    assert len({stem(word) for word in family}) == 1, {word: stem(word) for word in family}


@pytest.mark.parametrize(("first", "second"), [("use", "user"), ("council", "councillor")])
def test_a_short_word_keeps_its_ending(first: str, second: str) -> None:
    # -er goes only when three letters or more are left: 'user' is not 'use'.
    assert stem(first) != stem(second)


def test_features_are_words_then_pairs_keeping_small_words_in_pairs() -> None:
    found = features(words("Can I add my manager"), STOPWORDS)
    assert "add" in found and "manag" in found
    assert "add my" in found and "my manag" in found
    assert "can i" not in found  # two small words say nothing
    assert "i" not in found and "my" not in found


def test_counted_is_features_counted() -> None:
    text = f"Can I add my manager {BREAK} my manager added me, can I add him"
    found = words(text)
    assert counted(found, STOPWORDS) == Counter(features(found, STOPWORDS))
    assert not any(BREAK in feature for feature in counted(found, STOPWORDS))


def _with_examples(
    content: CouncilContent, examples: dict[str, tuple[str, ...]]
) -> CouncilContent:
    trees = {
        tree_id: dataclasses.replace(tree, examples=examples.get(tree_id, ()))
        for tree_id, tree in content.trees.items()
    }
    return dataclasses.replace(content, trees=trees)


def test_the_classifier_learns_a_topic_from_its_examples(ncc: CouncilContent) -> None:
    # Words no tree uses, taught to one tree by an example a policy owner wrote.
    taught = _with_examples(ncc, {"legal-threat": ("the gazebo wobbled in the gale",)})
    classifier = TopicClassifier(taught.trees.values(), STOPWORDS)
    chances = classifier.probabilities(words("a wobbled gazebo"))
    assert max(chances, key=lambda tree: chances[tree]) == "legal-threat"
    assert 0 < sum(chances.values()) <= 1 + 1e-9
    # The other trees share what is left; one example makes it four times as likely as each.
    others = (1 - sum(chances.values())) / (len(ncc.trees) - len(chances))
    assert chances["legal-threat"] > 4 * others
    untaught = TopicClassifier(_with_examples(ncc, {}).trees.values(), STOPWORDS)
    assert untaught.probabilities(words("a wobbled gazebo")) == {}


def test_a_feature_counts_once_however_often_it_is_said(ncc_index_fresh: SearchIndex) -> None:
    topics = ncc_index_fresh.topics
    once = topics.probabilities(words("can i tweet at lunch"))
    assert topics.probabilities(words("can i tweet at lunch lunch lunch")) == once
    # A synonym that repeats a word typed ("lunch" and "lunch break") adds only its new words.
    query = ncc_index_fresh.query("can i tweet at lunch")
    with_synonyms = topics.probabilities(query.situation, query.added)
    again = topics.probabilities(query.situation, (*query.added, "lunch", BREAK))
    assert with_synonyms == again


def test_a_situation_of_two_topics_keeps_both(ncc_index_fresh: SearchIndex) -> None:
    """Calibrated: the second topic keeps a real share, not the 0.2% of raw naive Bayes.

    Which of the two comes first is not the point: the situation is both.
    """
    query = ncc_index_fresh.query("a client added me on facebook and now says he will sue me")
    chances = ncc_index_fresh.topics.probabilities(query.situation, query.added)
    first, second = sorted(chances, key=lambda tree: -chances[tree])[:2]
    assert {first, second} == {"friend-request", "legal-threat"}
    assert chances[second] > 0.02


def test_a_feature_counts_by_how_few_trees_used_it(ncc: CouncilContent) -> None:
    classifier = TopicClassifier(ncc.trees.values(), STOPWORDS)
    trees = len(ncc.trees)
    weights = [classifier.weight(used_by) for used_by in range(1, trees + 1)]
    assert weights == sorted(weights, reverse=True) and weights[0] > weights[-1] > 0
    assert classifier.weight(2) == pytest.approx(1.0)


def test_a_word_one_tree_used_outweighs_words_every_tree_used(
    ncc: CouncilContent, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every tree knows the gazebo that wobbled, legal-threat three times
    over; only closing-accounts knows the marquee. A query naming all three
    is about the marquee: the words every tree used say little about which."""
    examples = dict.fromkeys(ncc.trees, ("the gazebo wobbled",))
    examples["legal-threat"] = ("the gazebo wobbled", "a gazebo wobbled", "gazebo wobbled again")
    examples["closing-accounts"] = ("the gazebo wobbled", "a marquee")
    taught = _with_examples(ncc, examples)
    query = words("marquee gazebo wobbled")
    chances = TopicClassifier(taught.trees.values(), STOPWORDS).probabilities(query)
    assert max(chances, key=lambda tree: chances[tree]) == "closing-accounts"
    # Plain naive Bayes, every feature counted alike, follows the common words.
    monkeypatch.setattr(topics, "SPECIFICITY", 0.0)
    plain = TopicClassifier(taught.trees.values(), STOPWORDS).probabilities(query)
    assert max(plain, key=lambda tree: plain[tree]) == "legal-threat"


def test_search_suggests_a_tree_only_its_examples_describe(ncc: CouncilContent) -> None:
    """No word of the query is in the index's other columns; the tree comes
    from the classifier, its title shown without marks."""
    taught = _with_examples(
        ncc, {"closing-accounts": ("the gazebo wobbled in the gale", "a gazebo blew away")}
    )
    hits = SearchIndex(taught).search("gazebo wobbled").trees
    assert hits and hits[0].tree == "closing-accounts"
    assert SearchIndex(_with_examples(ncc, {})).search("gazebo wobbled").trees == ()


def test_unknown_words_are_no_guess(ncc_index_fresh: SearchIndex) -> None:
    assert ncc_index_fresh.search("zzyzx qwertyuiop").trees == ()


@pytest.fixture(scope="module")
def ncc_index_fresh(library) -> SearchIndex:
    return SearchIndex(library.council("nottinghamshire"))


@pytest.mark.parametrize("use_fts5", [True, False])
def test_both_engines_rank_with_the_classifier(ncc: CouncilContent, use_fts5: bool) -> None:
    index = SearchIndex(ncc, use_fts5=use_fts5)
    hits = index.search("my line manager sent me a friend request").trees
    assert hits[0].tree == "friend-request"
    scores = [hit.score for hit in hits]
    assert scores == sorted(scores, reverse=True)


def test_an_example_in_two_trees_is_reported_with_both_places(mini_root: Path) -> None:
    trees = mini_root / "decision_trees" / "mini"
    basic = (trees / "basic.yaml").read_text(encoding="utf-8")
    (trees / "basic.yaml").write_text(
        basic + "\nexamples:\n  - a client asked to be my friend\n", encoding="utf-8"
    )
    (trees / "extra.yaml").write_text(
        basic.replace("title: A friend request", "title: Another request")
        + "\nexamples:\n  - someone else\n  - A client asked to be my friend!\n",
        encoding="utf-8",
    )
    problems = [p for p in check(load_library(mini_root)) if p.severity == "error"]
    assert [(p.path.name, p.line) for p in problems] == [("extra.yaml", 56)], problems
    assert "also an example of tree 'basic' (basic.yaml:55)" in problems[0].message
