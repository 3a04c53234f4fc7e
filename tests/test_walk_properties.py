"""Whatever an employee clicks, or a saved walk holds, the walk never raises."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from smguide.core.loading import load_library
from smguide.core.walk import Walk

CONTENT = load_library().council("nottinghamshire")
TREES = list(CONTENT.trees.values())
OPTION_IDS = sorted({o.id for t in TREES for q in t.questions.values() for o in q.options})
NODE_IDS = sorted({n for t in TREES for n in [*t.questions, *t.outcomes]})

moves = st.one_of(
    st.tuples(st.just("answer"), st.sampled_from(OPTION_IDS) | st.text(max_size=20)),
    st.tuples(st.just("change"), st.sampled_from(NODE_IDS) | st.text(max_size=20)),
    st.tuples(st.just("back"), st.none()),
    st.tuples(st.just("restart"), st.none()),
)


@settings(max_examples=300, deadline=None)
@given(tree=st.sampled_from(TREES), script=st.lists(moves, max_size=25))
def test_any_sequence_of_moves_keeps_a_consistent_walk(tree, script) -> None:
    walk = Walk(tree)
    for move, argument in script:
        if move == "answer":
            walk = walk.answer(argument)
        elif move == "change":
            walk = walk.change(argument)
        elif move == "back":
            walk = walk.back()
        else:
            walk = walk.restart()
        # Every state can be saved and restored exactly.
        assert Walk.from_dict(tree, walk.to_dict()).current == walk.current
        # The path is always a real chain from the start.
        node = tree.start
        for step in walk.steps:
            assert step.question.id == node
            node = step.option.next
        if walk.current is not None and not walk.error:
            assert walk.current.id == node


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(
    tree=st.sampled_from(TREES),
    data=st.dictionaries(
        st.sampled_from(["tree", "answers", "revisit", "other"]), json_values, max_size=4
    ),
)
def test_any_saved_data_restores_or_reports(tree, data) -> None:
    walk = Walk.from_dict(tree, data)
    assert walk.current is not None or walk.error
