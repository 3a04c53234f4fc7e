"""Search: building the index for all shipped content, answering what staff type, and at scale.

Search answers as the user types, so a query must come back well inside a
keystroke, whatever was typed; the index is built when a council is first
searched, so building it must not be felt either. The queries are fixed
here, written the way staff put things, with some half-typed and some
hostile to FTS5's query language. The scale table builds generated content
(``scale_content.py``, in memory) up to 50,000 clauses and 2,000 trees, far
beyond any council's policy, to show how the engine grows before the content
does. The baseline is a bare QTextBrowser painting a page, as results are
painted after every search.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from PySide6.QtWidgets import QApplication

from smguide.core.loading import load_library
from smguide.core.model import CouncilContent
from smguide.core.problems import Problem, errors
from smguide.core.search import SearchIndex
from smguide.core.validation import validate_council

sys.path.insert(0, str(Path(__file__).parent))
from bare_window import paint_time
from scale_content import make_content

TARGET_BUILD_MS = 50
TARGET_MEDIAN_MS, TARGET_WORST_MS = 2, 10
TARGET_SCALE_BUILD_S, TARGET_SCALE_MEDIAN_MS = 3, 20
#: Clauses and trees of each row of the scale table.
SCALE = ((5_000, 200), (10_000, 400), (25_000, 1_000), (50_000, 2_000))
QUERY_COUNCIL = "nottinghamshire"

STAFF, ONE_WORD, TYPING, HOSTILE = "staff phrasing", "one word", "typed half-way", "hostile"
#: (kind, text): typed half-way ones are searched with typing=True, as the search box does.
QUERIES: tuple[tuple[str, str], ...] = (
    *(
        (STAFF, text)
        for text in (
            "a mum from school added me on facebook",
            "someone threatened to sue me",
            "can I tweet at lunch",
            "worried about a child on tiktok",
            "should I tell the digital team",
            "a service user sent me a friend request",
            "can I put photos from the christmas do online",
            "someone is being really abusive about the council on twitter",
            "a councillor asked me to share his post about the election",
            "I want to set up a facebook page for my team",
            "can I say where I work on my linkedin",
            "my manager saw what I put on instagram",
            "somebody posted a picture of a looked after child",
            "a colleague keeps moaning about work on facebook",
            "how do I close our old account",
            "can I go on my phone at work",
            "a journalist messaged me about a complaint",
            "there's a fake council page pretending to be us",
            "someone left a nasty comment on our page",
            "is it ok to like a post about the election",
            "I'm leaving, who gets the password",
            "a young person I work with follows me on snapchat",
            "can I use a photo I found on google",
            "can I moan about my job online",
            "someone shared confidential stuff about a client",
            "who approves a new account",
            "what happens if I break the policy",
            "can I post in the village facebook group as myself",
            "a parent is slagging off my school online",
            "copyright on pictures we share",
            "our page has hardly any followers now",
            "I think a colleague is misusing social media",
            "can I write a blog about my hobbies",
            "should I reply to a complaint on the council page",
        )
    ),
    *((ONE_WORD, text) for text in ("facebook", "safeguarding", "copyright", "password", "sue")),
    *((TYPING, text) for text in ("frie", "legal thr", "safeguar", "can I tw", "a mum add")),
    (HOSTILE, 'a "quoted" friend request and an "unbalanced one'),
    (HOSTILE, "NEAR(friend request, 2) title:* ^facebook"),
    (HOSTILE, "facebook AND NOT twitter OR -instagram"),
    (HOSTILE, "well-being e-mail co-worker re-post -- self-employed"),
    (HOSTILE, "😡 someone posted 🍆 emoji at me 👀🔥 on fb"),
    (HOSTILE, ("friend request (on) facebook? " * 400)[:10_000]),
)
assert len(QUERIES) == 50
assert len(QUERIES[-1][1]) == 10_000


def timed(action: Callable[..., object], *args: object, **kwargs: object) -> float:
    start = time.perf_counter()
    action(*args, **kwargs)
    return time.perf_counter() - start


def build_all(councils: Mapping[str, CouncilContent]) -> tuple[float, dict[str, SearchIndex]]:
    start = time.perf_counter()
    indexes = {council_id: SearchIndex(content) for council_id, content in councils.items()}
    return time.perf_counter() - start, indexes


def query_times(
    index: SearchIndex, queries: Sequence[tuple[str, str]], rounds: int
) -> dict[tuple[str, str], list[float]]:
    """Each query's time in each round, the rounds interleaved as a user's queries are."""
    times: dict[tuple[str, str], list[float]] = {query: [] for query in queries}
    for _ in range(rounds):
        for kind, text in queries:
            typing = kind == TYPING
            times[kind, text].append(timed(index.search, text, typing=typing))
    return times


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def spread(times: Sequence[float]) -> str:
    return f"median {ms(statistics.median(times))}, worst {ms(max(times))}"


def shown(text: str) -> str:
    return repr(text) if len(text) <= 60 else f"{text[:32]!r}… ({len(text)} chars)"


def shipped(args: argparse.Namespace) -> float:
    """The shipped content: build and query numbers; returns the query median."""
    library = load_library()
    builds = []
    for _ in range(args.runs):
        elapsed, indexes = build_all(library.councils)
        builds.append(elapsed)
    engines = {index.engine for index in indexes.values()}
    clauses = sum(len(d.clauses) for c in library.councils.values() for d in c.documents.values())
    trees = sum(len(c.trees) for c in library.councils.values())
    print(
        f"content:                 {clauses} clauses, {trees} trees, "
        f"{len(library.councils)} councils, engine {', '.join(sorted(engines))}"
    )
    print(
        f"build every index:       median {ms(statistics.median(builds))}, "
        f"worst {ms(max(builds))} (target under {TARGET_BUILD_MS} ms; {args.runs} runs)"
    )
    index = indexes[QUERY_COUNCIL]
    times = query_times(index, QUERIES, args.rounds)
    hostile = [query for query in QUERIES if query[0] == HOSTILE]
    for council_id, other in indexes.items():
        if council_id != QUERY_COUNCIL:
            for query, more in query_times(other, hostile, args.rounds).items():
                times[query] = times[query] + more
    every = [t for query_times_ in times.values() for t in query_times_]
    median = statistics.median(every)
    print(
        f"queries:                 {len(QUERIES)} against {QUERY_COUNCIL}, the {len(hostile)} "
        f"hostile ones against every council too; {args.rounds} rounds, {len(every)} timed"
    )
    print(
        f"query median:            {ms(median)} (target under {TARGET_MEDIAN_MS} ms), "
        f"worst {ms(max(every))} (target under {TARGET_WORST_MS} ms)"
    )
    for kind in (STAFF, ONE_WORD, TYPING, HOSTILE):
        of_kind = [t for (k, _text), ts in times.items() if k == kind for t in ts]
        print(f"  {kind + ':':22s} {spread(of_kind)}")
    slowest = sorted(times.items(), key=lambda item: -statistics.median(item[1]))[:3]
    for (_kind, text), ts in slowest:
        print(f"  slow: {shown(text):62s} {spread(ts)}")
    unanswered = [
        text
        for kind, text in QUERIES
        if index.search(text, typing=kind == TYPING).empty and kind != HOSTILE
    ]
    print(
        f"no result ({QUERY_COUNCIL}): {len(unanswered)} of {len(QUERIES) - len(hostile)} "
        f"non-hostile queries{': ' if unanswered else ''}{', '.join(map(repr, unanswered))}"
    )
    library_times = [
        timed(index.search_library, text, typing=kind == TYPING)
        for _ in range(args.rounds)
        for kind, text in QUERIES
    ]
    print(f"library search:          {spread(library_times)} (every document, superseded too)")
    return median


def scale(args: argparse.Namespace) -> None:
    """Generated content of growing size: build and query numbers, one row a size."""
    sizes = [(clauses, trees) for clauses, trees in SCALE if clauses <= args.max_clauses]
    print(
        f"scale (generated content; each row: median of {args.scale_runs} builds, "
        f"the {len(QUERIES)} queries {args.rounds} times):"
    )
    print("  clauses  trees      build  query median  query worst  build growth (linear)")
    first = None
    for clauses, trees in sizes:
        content = make_content(clauses, trees)
        problems: list[Problem] = []
        validate_council(content, problems)
        assert not errors(problems), errors(problems)[:3]  # searched as if it had been checked
        builds = []
        for _ in range(args.scale_runs):
            builds.append(timed(SearchIndex, content))
        index = SearchIndex(content)
        times = [t for ts in query_times(index, QUERIES, args.rounds).values() for t in ts]
        build = statistics.median(builds)
        first = first or (clauses, build)
        print(
            f"  {clauses:7,d}  {trees:5,d}  {build * 1000:6.0f} ms  "
            f"{statistics.median(times) * 1000:9.2f} ms  {max(times) * 1000:8.2f} ms  "
            f"{build / first[1]:11.1f}x ({clauses / first[0]:.0f}x)"
        )
    print(
        f"targets at {SCALE[-1][0]:,} clauses / {SCALE[-1][1]:,} trees: build under "
        f"{TARGET_SCALE_BUILD_S} s, query median under {TARGET_SCALE_MEDIAN_MS} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20, help="builds of the shipped indexes")
    parser.add_argument("--rounds", type=int, default=10, help="times to run every query")
    parser.add_argument("--scale-runs", type=int, default=3, help="builds of each scale row")
    parser.add_argument(
        "--max-clauses", type=int, default=SCALE[-1][0], help="largest scale row to build"
    )
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    median = shipped(args)
    baseline = statistics.median(
        paint_time(app, "<h1>Hello</h1><p>A bare window.</p>") for _ in range(20)
    )
    print(f"bare QTextBrowser paint: median {ms(baseline)}")
    print(f"ratio to bare paint:     {median / baseline:.2f} (query median)")
    scale(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
