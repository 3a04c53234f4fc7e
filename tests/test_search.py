"""Search: words in, the right topics, outcomes and clauses out; never an error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smguide.cli import main
from smguide.core import search
from smguide.core.loading import load_library
from smguide.core.model import CouncilContent
from smguide.core.search import SearchIndex, parse_query, shortest_answers
from smguide.core.validation import check
from smguide.core.walk import Walk

HOSTILE = [
    '"',
    '""""',
    "friend AND request",
    "NEAR(friend request)",
    "friend - request",
    "-friend",
    "friend*",
    "^title:friend",
    "{title}: legal",
    "someone's threatened to sue",
    "don't",
    "OR OR OR",
    "AND",
    "NOT legal",
    "( ( (",
    "🙂 facebook 👍",
    "👍",
    "\x00\x01\x02\x03",
    "<script>alert(1)</script>",
    "'; DROP TABLE trees; --",
    "x" * 10_000,
    "legal " * 2_000,
    "   ",
    "",
]


@pytest.fixture(scope="module")
def ncc_index(library) -> SearchIndex:
    return SearchIndex(library.council("nottinghamshire"))


@pytest.fixture(scope="module")
def plain_index(library) -> SearchIndex:
    """The fallback used when this Python's SQLite has no FTS5."""
    return SearchIndex(library.council("nottinghamshire"), use_fts5=False)


def test_this_python_has_fts5() -> None:
    # The real engine is what CI tests; the fallback is tested by forcing it.
    assert search.fts5_available()


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("someone threatened to sue", "legal-threat"),
        ("friend request", "friend-request"),
        ("can I use social media at work", "social-media-at-work"),
        ("worried about a child online", "safeguarding-concern"),
        ("digital team", "contact-digital-team"),
    ],
)
def test_plain_situations_find_their_tree_first(ncc_index, text: str, tree: str) -> None:
    results = ncc_index.search(text)
    assert results.trees[0].tree == tree, [hit.tree for hit in results.trees]


def test_matching_words_are_bold_and_everything_else_escaped(ncc_index) -> None:
    results = ncc_index.search("legal action")
    top = results.trees[0]
    assert "<b>legal" in top.title_html.lower()
    clause = results.clauses[0]
    assert "<b>" in clause.excerpt_html
    for hit in results.clauses:
        without_bold = hit.excerpt_html.replace("<b>", "").replace("</b>", "")
        assert "<" not in without_bold and ">" not in without_bold


def test_words_are_stemmed(ncc_index) -> None:
    stems = {hit.tree for hit in ncc_index.search("threatening").trees[:3]}
    assert "legal-threat" in stems


def test_an_outcome_result_carries_the_answers_that_lead_to_it(ncc_index, ncc) -> None:
    results = ncc_index.search("politely decline the friend request")
    hit = next(hit for hit in results.outcomes if hit.tree == "friend-request")
    walk = Walk(ncc.trees[hit.tree])
    for option in hit.answers:
        walk = walk.answer(option)
        assert not walk.error
    assert walk.outcome is not None and walk.outcome.id == hit.outcome


def test_shortest_answers_reach_every_reachable_outcome(library) -> None:
    for content in library.councils.values():
        for tree in content.trees.values():
            found = shortest_answers(tree)
            assert set(found) == set(tree.outcomes), tree.id
            for outcome, answers in found.items():
                walk = Walk(tree)
                for option in answers:
                    walk = walk.answer(option)
                assert walk.outcome is not None and walk.outcome.id == outcome


def test_typing_searches_the_unfinished_word_as_a_prefix(ncc_index) -> None:
    assert parse_query("legal thr", typing=True).prefix == "thr"
    assert parse_query("legal thr ", typing=True).prefix == ""
    assert ncc_index.search("frie", typing=True).trees[0].tree == "friend-request"
    assert ncc_index.search("frie").empty  # a finished word is a word, not a prefix


def test_stopwords_alone_find_nothing(ncc_index) -> None:
    results = ncc_index.search("can I do it")
    assert results.empty and results.terms == ()


def test_clauses_on_the_home_page_are_from_documents_in_force(library) -> None:
    index = SearchIndex(library.council("nottinghamshire"))
    for text in ("friend request", "legal action", "social media policy"):
        assert all(hit.current for hit in index.search(text).clauses)


def test_library_search_groups_by_document_in_the_councils_order(ncc_index, ncc) -> None:
    grouped = ncc_index.search_library("social media")
    assert list(grouped) == [d for d in ncc.documents if d in grouped]
    assert len(grouped) == 3  # the superseded policy is searched too
    for document, hits in grouped.items():
        assert all(hit.document == document for hit in hits)
        scores = [hit.score for hit in hits]
        assert scores == sorted(scores, reverse=True)
    assert ncc_index.search_library("   ") == {}


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_gives_results_or_nothing_never_an_error(
    ncc_index, plain_index, text: str
) -> None:
    for index in (ncc_index, plain_index):
        for typing in (False, True):
            results = index.search(text, typing=typing)
            assert isinstance(results.empty, bool)
            index.search_library(text, typing=typing)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_at_all_never_raises(ncc_index, text: str) -> None:
    results = ncc_index.search(text, typing=True)
    query = parse_query(text, typing=True)
    for term in query.needles():
        assert '"' not in term and all(part.isalnum() for part in term.split())
    assert len(query.terms) <= search.MAX_WORDS
    assert isinstance(results.trees, tuple)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(["AND", "OR", "NOT", "NEAR(", '"', "*", "-", "^", ":", "(", ")"])
        | st.text(max_size=10),
        max_size=12,
    ).map(" ".join)
)
def test_fts5_syntax_in_any_order_never_raises(ncc_index, text: str) -> None:
    ncc_index.search(text)
    ncc_index.search_library(text)


def test_the_fallback_finds_the_same_kind_of_thing_and_says_it_is_simpler(plain_index) -> None:
    results = plain_index.search("someone threatened legal action")
    assert results.engine == "substring"
    assert "FTS5" in results.notice
    assert results.trees[0].tree == "legal-threat"
    assert "<b>" in results.trees[0].title_html


def test_the_fallback_is_used_when_fts5_is_missing(monkeypatch, ncc) -> None:
    monkeypatch.setattr(search, "fts5_available", lambda: False)
    index = SearchIndex(ncc)
    assert index.engine == "substring"
    assert not index.search("friend request").empty


def _write_synonyms(root: Path, text: str) -> None:
    (root / "content" / "mini" / "synonyms.yaml").write_text(text, encoding="utf-8")


def test_synonyms_in_content_add_the_policys_words(mini_root: Path) -> None:
    before = SearchIndex(load_library(mini_root).council("mini"))
    assert before.search("bff be mates").empty
    _write_synonyms(mini_root, "bff: friend\nbe mates: [friend request, connect]\n")
    library = load_library(mini_root)
    assert check(library) == []
    index = SearchIndex(library.council("mini"))
    results = index.search("bff be mates")
    assert results.trees[0].tree == "basic"
    assert "friend request" in results.terms


def test_a_synonym_matches_through_a_nickname_and_a_possessive() -> None:
    synonyms = {
        "fb": ("facebook",),
        "my facebook": ("personal account",),
        "council page": ("council account",),
        "mum": ("parent", "family"),
        "my parent": ("never",),
    }
    assert "personal account" in parse_query("put it on my fb", synonyms).terms
    assert "council account" in parse_query("the council's page", synonyms).terms
    # Only a one-word synonym with one one-word meaning is a nickname.
    assert "never" not in parse_query("my mum", synonyms).terms
    # Meanings come in the order their words were typed.
    assert parse_query("fb, my mum", synonyms).terms[:3] == ("facebook", "parent", "family")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("fb: [facebook\n", 1, "YAML"),
        ("- fb\n- facebook\n", 1, "must map words to words"),
        ("fb: facebook\n'!!': x\n", 2, "no letters or digits"),
        ("fb: facebook\nsue: {a: b}\n", 2, "must give words to search for"),
        ("fb: facebook\nFB: meta\n", 2, "given twice"),
    ],
)
def test_broken_synonyms_are_reported_with_file_and_line(
    mini_root: Path, text: str, line: int, message: str
) -> None:
    _write_synonyms(mini_root, text)
    problems = check(load_library(mini_root))
    assert problems, "expected a problem"
    found = [p for p in problems if p.path.name == "synonyms.yaml"]
    assert found and found[0].line == line and message in found[0].message, problems


def test_councils_yaml_names_the_default_council_and_reports_mistakes(mini_root: Path) -> None:
    order = mini_root / "content" / "councils.yaml"
    order.write_text("councils: [mini, elsewhere, mini]\n", encoding="utf-8")
    library = load_library(mini_root)
    assert library.council().id == "mini"
    messages = sorted(p.message for p in check(library) if p.path == order)
    assert any("'elsewhere', which has no folder" in m for m in messages)
    assert any("'mini' twice" in m for m in messages)


def test_search_html_of_hostile_content_is_escaped(mini_root: Path) -> None:
    tree = mini_root / "decision_trees" / "mini" / "basic.yaml"
    tree.write_text(
        tree.read_text().replace(
            "title: A friend request", 'title: "A friend request <img src=x onerror=alert(1)>"'
        )
    )
    index = SearchIndex(load_library(mini_root).council("mini"))
    hit = index.search("friend").trees[0]
    assert "<img" not in hit.title_html and "&lt;img" in hit.title_html


def test_the_index_lives_in_memory_only(tmp_path: Path, monkeypatch, ncc: CouncilContent) -> None:
    monkeypatch.chdir(tmp_path)
    before = set(tmp_path.iterdir())
    SearchIndex(ncc).search("friend request")
    assert set(tmp_path.iterdir()) == before


# -- the command line ----------------------------------------------------------


def test_search_json_lists_trees_first_best_first(capsys) -> None:
    code = main(["search", "someone threatened to sue me", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["council"] == "nottinghamshire"  # councils.yaml names it first
    assert out["engine"] == "fts5"
    assert out["trees"][0]["tree"] == "legal-threat"
    scores = [tree["score"] for tree in out["trees"]]
    assert scores == sorted(scores, reverse=True)
    assert {"tree", "outcome", "answers", "verdict"} <= set(out["outcomes"][0])
    assert {"clause", "document", "paragraph", "excerpt_html"} <= set(out["clauses"][0])


def test_search_for_another_council_and_in_the_library(capsys) -> None:
    assert main(["search", "friends with a service user", "--council", "wbc", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["council"] == "wbc"
    assert out["trees"][0]["tree"] == "friends-with-service-users"
    assert main(["search", "facebook", "--library"]) == 0
    text = capsys.readouterr().out
    assert "Social Media Guidelines for Managers and Employees (ncc-guidelines)" in text
    assert "*Facebook*" in text


@pytest.mark.parametrize("text", ["", "🙂", '"', "NEAR(", "x" * 10_000])
def test_search_command_never_fails_on_odd_text(capsys, text: str) -> None:
    assert main(["search", text]) == 0
    assert main(["search", text, "--json"]) == 0
    assert main(["search", text, "--library", "--json"]) == 0
    assert "Traceback" not in capsys.readouterr().err
