"""The command line's kiosk parts: kiosk-pin, config, and the options that start a kiosk."""

from __future__ import annotations

import argparse
import io
import itertools
from pathlib import Path

import pytest

from smguide import cli
from smguide.cli import main
from smguide.core.config import load_config
from smguide.core.pin import verify_pin


def run(capsys, monkeypatch, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_kiosk_pin_writes_a_hash_and_keeps_the_rest(capsys, monkeypatch, tmp_path: Path) -> None:
    path = tmp_path / "config.ini"
    path.write_text("; training room 3\n[kiosk]\nenabled = yes\n", encoding="utf-8")
    code, out, err = run(capsys, monkeypatch, "kiosk-pin", "--config", str(path), stdin="482913\n")
    assert (code, err) == (0, "")
    assert f"The kiosk PIN is set in {path}. Kiosk mode is on." in out
    text = path.read_text(encoding="utf-8")
    assert text.startswith("; training room 3\n[kiosk]\npin = scrypt$")
    assert "482913" not in text
    assert verify_pin("482913", load_config(path).pin_hash or "")


def test_kiosk_pin_creates_the_file_and_says_kiosk_is_still_off(
    capsys, monkeypatch, tmp_path: Path
) -> None:
    path = tmp_path / "new" / "config.ini"
    code, out, _ = run(capsys, monkeypatch, "kiosk-pin", "--config", str(path), stdin="1234\n")
    assert code == 0
    assert "Kiosk mode is off" in out
    assert load_config(path).pin_hash is not None


@pytest.mark.parametrize("pin", ["12", "12ab", "", "1234567890123"])
def test_kiosk_pin_refuses_a_bad_pin_and_changes_nothing(
    capsys, monkeypatch, tmp_path: Path, pin: str
) -> None:
    path = tmp_path / "config.ini"
    path.write_text("[kiosk]\nenabled = yes\n", encoding="utf-8")
    code, _, err = run(capsys, monkeypatch, "kiosk-pin", "--config", str(path), stdin=pin)
    assert code == 2
    assert "4 to 12 digits" in err and "Nothing was changed" in err
    assert path.read_text(encoding="utf-8") == "[kiosk]\nenabled = yes\n"


def test_kiosk_pin_print_writes_nothing(capsys, monkeypatch, tmp_path: Path) -> None:
    path = tmp_path / "config.ini"
    code, out, _ = run(
        capsys, monkeypatch, "kiosk-pin", "--print", "--config", str(path), stdin="5555\n"
    )
    assert code == 0
    assert out.startswith("pin = scrypt$")
    assert verify_pin("5555", out.strip().removeprefix("pin = "))
    assert not path.exists()


def test_kiosk_pin_in_a_folder_it_cannot_write_says_so(capsys, monkeypatch, tmp_path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    path = blocker / "config.ini"
    code, _, err = run(capsys, monkeypatch, "kiosk-pin", "--config", str(path), stdin="1234\n")
    assert code == 2
    assert f"could not write {path}" in err and "--print" in err


def test_config_shows_the_settings_and_the_problems(capsys, monkeypatch, tmp_path) -> None:
    path = tmp_path / "config.ini"
    path.write_text("[kiosk]\nenabled = yse\nprinter = Room 2\n", encoding="utf-8")
    code, out, _ = run(capsys, monkeypatch, "config", "--config", str(path))
    assert code == 1
    assert f"configuration file: {path}\n" in out
    assert "kiosk:              on" in out
    assert "printer:            Room 2" in out
    assert f"{path}:2: enabled must be yes or no, not 'yse'" in out


def test_config_without_a_file_is_an_ordinary_desktop(capsys, monkeypatch, tmp_path) -> None:
    from smguide.core import config

    monkeypatch.setattr(config, "default_path", lambda: tmp_path / "none.ini")
    code, out, _ = run(capsys, monkeypatch, "config")
    assert code == 0
    assert "(not there: an ordinary desktop)" in out
    assert "kiosk:              off" in out


@pytest.mark.parametrize(
    "argv",
    [
        list(combo)
        for size in range(3)
        for combo in itertools.permutations(["--self-test", "--kiosk"], size)
    ],
)
def test_switches_alone_parse_as_argparse_would(argv: list[str]) -> None:
    """The quick path for starting the app gives what the full parser gives."""
    quick = cli._parse(argv)
    full = cli._app_parser().parse_args(argv)
    full.command = None
    assert quick == full
    assert isinstance(quick, argparse.Namespace)


def test_options_with_values_still_go_through_argparse(tmp_path: Path) -> None:
    args = cli._parse(["--kiosk", "--config", str(tmp_path / "c.ini"), "--council", "wbc"])
    assert args.kiosk and args.command is None
    assert args.config == tmp_path / "c.ini" and args.council == "wbc"
