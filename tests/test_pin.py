"""The kiosk PIN: stored as a salted scrypt hash, checked in constant time, locked after misses."""

from __future__ import annotations

import hmac

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smguide.core import pin as pins
from smguide.core.pin import Lockout, PinError, hash_pin, stored_problem, verify_pin


def test_the_right_pin_matches_and_others_do_not() -> None:
    stored = hash_pin("482913")
    assert verify_pin("482913", stored)
    for wrong in ("482914", "48291", "4829130", "", "abcd", "482913 "):
        assert not verify_pin(wrong, stored)


def test_the_pin_itself_is_never_stored() -> None:
    stored = hash_pin("482913")
    assert "482913" not in stored
    assert stored.startswith("scrypt$16384$8$1$")
    assert stored_problem(stored) is None


def test_each_hash_has_its_own_salt() -> None:
    assert hash_pin("1234") != hash_pin("1234")


@pytest.mark.parametrize("pin", ["123", "1234567890123", "12 34", "１２３４", "abcd", ""])
def test_a_pin_of_the_wrong_shape_is_refused(pin: str) -> None:
    with pytest.raises(PinError, match="4 to 12 digits"):
        hash_pin(pin)


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "1234",
        "plain$1234",
        "scrypt$16384$8$1$c2FsdHNhbHQ=",  # no key
        "scrypt$16383$8$1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5",  # N not a power of 2
        "scrypt$4194304$8$1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5",  # N too costly
        "scrypt$16384$8$1$c2FsdHNhbHRzYWx0$a2V5",  # key too short
        "scrypt$16384$8$1$!!!!!!!!$a2V5a2V5a2V5a2V5a2V5a2V5",
    ],
)
def test_a_damaged_stored_value_never_matches(stored: str) -> None:
    assert stored_problem(stored) is not None
    assert not verify_pin("1234", stored)


def test_comparison_is_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(pins.hmac, "compare_digest", spy)
    stored = hash_pin("2468")
    assert not verify_pin("1357", stored)
    assert verify_pin("2468", stored)
    assert len(calls) == 2


@settings(max_examples=15, deadline=None)
@given(st.text(max_size=40))
def test_no_text_ever_matches_a_pin_it_is_not(guess: str) -> None:
    stored = hash_pin("9081726354", salt=b"s" * 16)
    assert verify_pin(guess, stored) == (guess == "9081726354")


def test_five_wrong_pins_lock_the_prompt_for_a_growing_time() -> None:
    lockout = Lockout()
    assert [lockout.failed(now=0.0) for _ in range(4)] == [0.0, 0.0, 0.0, 0.0]
    assert lockout.remaining(0.0) == 0.0
    assert lockout.failed(now=10.0) == 30.0
    assert lockout.remaining(10.0) == 30.0
    assert lockout.remaining(25.0) == 15.0
    assert lockout.remaining(40.0) == 0.0
    assert lockout.failed(now=41.0) == 60.0
    assert lockout.failed(now=200.0) == 120.0
    for _ in range(30):
        seconds = lockout.failed(now=1e6)
    assert seconds == pins.LONGEST_LOCK_SECONDS
    lockout.succeeded()
    assert lockout.remaining(1e6) == 0.0
    assert lockout.failures == 0
