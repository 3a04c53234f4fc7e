"""The cycle collector is paused while content is built, and always given back."""

from __future__ import annotations

import gc

import pytest

from smguide.core.collector import collector_paused
from smguide.core.coverage import coverage
from smguide.core.loading import load_library
from smguide.core.validation import validate


def test_paused_inside_and_restored_after_even_on_error() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_pauses_nest_and_a_collector_already_off_stays_off() -> None:
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_loading_validating_and_coverage_leave_the_collector_on() -> None:
    library = load_library()
    validate(library)
    coverage(library.council())
    assert gc.isenabled()
