"""The machine configuration file: checked values, file:line problems, and failing closed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smguide.core import config
from smguide.core.config import MachineConfig, load_config, parse_config, with_pin
from smguide.core.pin import hash_pin, verify_pin

PIN = hash_pin("1234", salt=b"0123456789abcdef")


def read(tmp_path: Path, text: str | bytes) -> MachineConfig:
    path = tmp_path / "config.ini"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return load_config(path, explicit=True)


def test_no_file_means_an_ordinary_desktop(tmp_path: Path) -> None:
    assert load_config(tmp_path / "none.ini") == MachineConfig()


def test_a_missing_file_named_on_the_command_line_is_reported(tmp_path: Path) -> None:
    found = load_config(tmp_path / "none.ini", explicit=True)
    assert not found.kiosk
    assert found.problems == (f"{tmp_path / 'none.ini'}: the configuration file was not found",)


def test_every_setting_is_read(tmp_path: Path) -> None:
    found = read(
        tmp_path,
        "; Training room 2\n[smguide]\ncouncil = wbc\n\n[kiosk]\nEnabled = Yes\n"
        f"inactivity_seconds = 90\ncountdown_seconds: 10\npin = {PIN}\nprinter = Room 2 HP\n",
    )
    assert found.problems == ()
    assert found.council == "wbc"
    assert found.kiosk is True
    assert (found.inactivity_seconds, found.countdown_seconds) == (90, 10)
    assert found.pin_hash == PIN
    assert found.printer == "Room 2 HP"


def test_a_byte_order_mark_from_notepad_is_fine(tmp_path: Path) -> None:
    found = read(tmp_path, b"\xef\xbb\xbf[kiosk]\r\nenabled = yes\r\n")
    assert found.kiosk and found.problems == ()


def test_kiosk_can_be_turned_off_in_so_many_words(tmp_path: Path) -> None:
    found = read(tmp_path, "[kiosk]\nenabled = no\n")
    assert not found.kiosk and found.problems == ()


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("[kiosk]\nenabled = yse\n", 2, "enabled must be yes or no, not 'yse'"),
        (
            "[kiosk]\nenabeld = no\n",
            2,
            "unknown setting 'enabeld' in [kiosk]; did you mean 'enabled'?",
        ),
        ("[kiosks]\nenabled = no\n", 1, "unknown section [kiosks]; did you mean [kiosk]?"),
        ("[kiosk]\nenabled = no\nenabled = no\n", 3, "'enabled' is set twice"),
        ("[kiosk]\nenabled no\n", 2, "is not a 'key = value' line"),
        ("[kiosk\nenabled = no\n", 1, "is not a section header"),
        ("enabled = no\n[kiosk]\n", 1, "a setting before any [section] header"),
        ("[kiosk]\nenabled = no\npin = 1234\n", 3, "the pin is not a PIN hash"),
    ],
)
def test_a_mistake_in_a_kiosk_file_keeps_kiosk_mode_on(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    found = read(tmp_path, text)
    assert found.kiosk is True, "a typo must never unlock a kiosk"
    path = tmp_path / "config.ini"
    assert any(p.startswith(f"{path}:{line}: ") and message in p for p in found.problems), (
        found.problems
    )
    assert found.problems[-1].endswith("kiosk mode stays on until the problems above are fixed")


@pytest.mark.parametrize(
    "data",
    [b"[kiosk]\nenabled = \xff\n", b"\x00\x01kiosk\x02", "[kiosk\u0000]\n".encode()],
)
def test_an_unreadable_file_that_mentions_kiosk_stays_locked(tmp_path: Path, data: bytes) -> None:
    found = read(tmp_path, data)
    assert found.kiosk is True
    assert found.problems


def test_an_unreadable_file_stays_locked(tmp_path: Path) -> None:
    path = tmp_path / "config.ini"
    path.mkdir()  # reading a folder fails as a permission problem would
    found = load_config(path)
    assert found.kiosk is True
    assert "could not be read" in found.problems[0]


def test_mistakes_in_an_ordinary_desktop_file_do_not_lock_it(tmp_path: Path) -> None:
    found = read(tmp_path, "[smguide]\ncouncil = Not A Council!\ncolour = blue\n")
    assert found.kiosk is False
    assert found.council is None
    assert [p.split(": ", 1)[0] for p in found.problems] == [
        f"{tmp_path / 'config.ini'}:2",
        f"{tmp_path / 'config.ini'}:3",
    ]


@pytest.mark.parametrize("value", ["0", "-5", "ten", "2.5", "86401", ""])
def test_bad_timings_fall_back_to_the_defaults(tmp_path: Path, value: str) -> None:
    found = read(tmp_path, f"[kiosk]\nenabled = yes\ninactivity_seconds = {value}\n")
    assert found.kiosk is True
    assert found.inactivity_seconds == config.INACTIVITY_DEFAULT
    assert "using 120" in found.problems[0]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_bytes_give_settings_never_an_exception(data: bytes) -> None:
    found = parse_config(data, Path("config.ini"))
    assert isinstance(found, MachineConfig)
    if b"kiosk" in data.lower() and found.problems:
        assert found.kiosk, "a damaged file that mentions kiosk mode must stay locked"


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="[]=:;#kioskenabledyesno \n\t", max_size=120))
def test_near_misses_of_a_kiosk_file_never_unlock(text: str) -> None:
    found = parse_config(text.encode(), Path("config.ini"))
    if "kiosk" in text.lower() and found.problems:
        assert found.kiosk


def test_with_pin_adds_a_kiosk_section_and_keeps_everything_else() -> None:
    text = "; set by IT, ticket 4411\n[smguide]\ncouncil = wbc\n"
    updated = with_pin(text, PIN)
    assert updated == f"{text}\n[kiosk]\npin = {PIN}\n"
    assert with_pin("", PIN) == f"[kiosk]\npin = {PIN}\n"


def test_with_pin_replaces_only_the_pin_line() -> None:
    text = (
        "[kiosk]\n; the old one\n# pin = not this\nenabled = yes\nPIN = old\n"
        "printer = P\n[smguide]\npin = x\n"
    )
    updated = with_pin(text, PIN)
    assert updated.splitlines() == [
        "[kiosk]",
        "; the old one",
        "# pin = not this",
        "enabled = yes",
        f"pin = {PIN}",
        "printer = P",
        "[smguide]",
        "pin = x",
    ]
    assert with_pin("[kiosk]\nenabled = yes\n", PIN) == f"[kiosk]\npin = {PIN}\nenabled = yes\n"


def test_write_atomically_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "config.ini"
    config.write_atomically(path, "[kiosk]\n")
    config.write_atomically(path, with_pin(path.read_text(), PIN))
    assert verify_pin("1234", load_config(path).pin_hash or "")
    assert sorted(p.name for p in path.parent.iterdir()) == ["config.ini"]


def test_a_failed_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "config.ini"
    path.write_text("[kiosk]\nenabled = yes\n")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(config.os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        config.write_atomically(path, "[kiosk]\nenabled = no\n")
    assert path.read_text() == "[kiosk]\nenabled = yes\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.ini"]


def test_the_default_path_is_machine_wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(config.sys, "platform", "win32")
    monkeypatch.setenv("PROGRAMDATA", r"D:\ProgramData")
    assert config.default_path() == Path(r"D:\ProgramData") / "smguide" / "config.ini"
    monkeypatch.setattr(config.sys, "platform", "linux")
    assert config.default_path() == Path("/etc/smguide/config.ini")
