"""Situations as staff phrase them, typed into search: is the right topic first?

Seven sets, each written by someone who could not see how search is tuned.
``search_dev_situations.yaml``, ``search_situations.yaml``,
``search_situations_2.yaml`` and ``search_situations_3.yaml`` were then used
to tune search (synonyms, keywords, how synonyms are matched, the ranking's
weights), so they guard against regressions; ``search_situations_4.yaml`` was
never tuned on, so it is the honest estimate of how search does on words it
has not seen, and so are ``search_situations_5.yaml`` and
``search_situations_6.yaml``, written from the trees' titles, summaries and
questions without sight of keywords, synonyms or examples (set 6 also
without sight of any code, and measured once, after the ranking was
settled). None of their texts is in the content: the trees' example
situations are written from each topic, not from these sets.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from smguide.core.search import SearchIndex

HERE = Path(__file__).parent

#: (file, first at least, in the top three at least)
SETS = [
    # Measured: 98.4% first, all in the top three.
    ("search_dev_situations.yaml", 0.97, 1.0),
    # 99.3%, all.
    ("search_situations.yaml", 0.97, 1.0),
    # 98.7%, all.
    ("search_situations_2.yaml", 0.97, 1.0),
    # 98.1%, all.
    ("search_situations_3.yaml", 0.96, 1.0),
    # Held out: measured 91.4% first, 98.8% in the top three.
    ("search_situations_4.yaml", 0.91, 0.98),
    # Held out, written blind to how search is tuned: 99.3% first, all in the top three.
    ("search_situations_5.yaml", 0.98, 0.99),
    # Held out, written blind: 96.7% first, all in the top three (94.7% when first measured).
    ("search_situations_6.yaml", 0.95, 1.0),
]


@pytest.fixture(scope="module")
def indexes(library) -> dict[str, SearchIndex]:
    return {council: SearchIndex(library.council(council)) for council in library.councils}


@pytest.mark.parametrize(("name", "first", "top_three"), SETS)
def test_the_right_topic_comes_first(indexes, name: str, first: float, top_three: float) -> None:
    situations = yaml.safe_load((HERE / name).read_text(encoding="utf-8"))
    firsts, threes, misses = 0, 0, []
    for item in situations:
        found = [hit.tree for hit in indexes[item["council"]].search(item["text"]).trees]
        firsts += found[:1] == [item["tree"]]
        threes += item["tree"] in found[:3]
        if found[:1] != [item["tree"]]:
            misses.append(f"{item['text']!r}: expected {item['tree']}, got {found[:3]}")
    count = len(situations)
    report = f"{name}: first {firsts}/{count}, top three {threes}/{count}\n" + "\n".join(misses)
    assert firsts / count >= first, report
    assert threes / count >= top_three, report
