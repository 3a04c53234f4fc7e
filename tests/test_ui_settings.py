"""Remembered preferences: validated on the way in, and never lost or fatal on disk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings

from smguide.ui.settings import Settings, default_path

# As in the app: settings are made once a QApplication exists.
pytestmark = pytest.mark.usefixtures("qapp")

GARBAGE = b"\x00\xff[[[\x00" * 100


@pytest.fixture
def ini(tmp_path: Path) -> Path:
    return tmp_path / "smguide.ini"


def _corrupt_copies(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.corrupt-*"))


def test_defaults_when_there_is_no_file(ini: Path) -> None:
    settings = Settings(ini)
    assert settings.zoom == 100
    assert settings.geometry is None
    assert settings.notice is None


def test_values_round_trip_through_a_new_settings(ini: Path) -> None:
    settings = Settings(ini)
    settings.zoom = 175
    settings.geometry = QByteArray(b"\x01\xd9\xd0\xcb\x00geometry")
    settings.save()
    assert settings.notice is None
    del settings

    again = Settings(ini)
    assert again.zoom == 175
    assert again.geometry == QByteArray(b"\x01\xd9\xd0\xcb\x00geometry")
    assert again.notice is None


def test_default_path_is_in_the_users_config_folder() -> None:
    path = default_path()
    assert path.name == "smguide.ini"
    assert path.parent.name == "smguide"
    assert path.is_relative_to(Path.home())  # the isolated home from conftest

    settings = Settings()
    settings.zoom = 120
    settings.save()
    assert settings.notice is None
    assert path.is_file()


@pytest.mark.parametrize("percent", [10, 49, 500, -100])
def test_zoom_setter_clamps(ini: Path, percent: int) -> None:
    settings = Settings(ini)
    settings.zoom = percent
    assert settings.zoom == (50 if percent < 50 else 300)


@pytest.mark.parametrize(
    "stored", ["49", "301", "0", "-120", "abc", "1.5", "150%", "", "true", "@Invalid()"]
)
def test_stored_zoom_that_is_not_a_sensible_whole_number_is_100(ini: Path, stored: str) -> None:
    ini.write_text(f"[view]\nzoom={stored}\n", encoding="utf-8")
    settings = Settings(ini)
    assert settings.zoom == 100
    assert settings.notice is None


@pytest.mark.parametrize(("stored", "expected"), [("50", 50), ("300", 300), (" 125 ", 125)])
def test_stored_zoom_in_range_is_kept(ini: Path, stored: str, expected: int) -> None:
    ini.write_text(f"[view]\nzoom={stored}\n", encoding="utf-8")
    assert Settings(ini).zoom == expected


@pytest.mark.parametrize("stored", ["just text", "12", "@ByteArray()", "a, b"])
def test_stored_geometry_that_is_not_bytes_is_none(ini: Path, stored: str) -> None:
    ini.write_text(f"[window]\ngeometry={stored}\n", encoding="utf-8")
    assert Settings(ini).geometry is None


def test_geometry_can_be_cleared(ini: Path) -> None:
    settings = Settings(ini)
    settings.geometry = b"saved"
    settings.geometry = None
    settings.save()
    assert Settings(ini).geometry is None


@pytest.mark.parametrize(
    "damage",
    [GARBAGE, b"this is not an ini file\n", b"[view\nzoom=150\n", "zoom=150\n".encode("utf-16")],
    ids=["binary", "prose", "unclosed-section", "utf-16"],
)
def test_damaged_file_is_moved_aside_unchanged_and_fresh_settings_save(
    ini: Path, damage: bytes
) -> None:
    ini.write_bytes(damage)
    settings = Settings(ini)

    (aside,) = _corrupt_copies(ini)
    assert aside.read_bytes() == damage
    assert settings.notice is not None
    assert str(aside) in settings.notice
    assert settings.zoom == 100

    settings.zoom = 80
    settings.save()
    assert Settings(ini).zoom == 80
    assert aside.read_bytes() == damage


def test_damaged_files_found_twice_are_both_kept(ini: Path) -> None:
    ini.write_bytes(GARBAGE)
    Settings(ini)
    ini.write_bytes(GARBAGE + b"again")
    Settings(ini)
    assert sorted(p.read_bytes() for p in _corrupt_copies(ini)) == [GARBAGE, GARBAGE + b"again"]


def test_a_key_that_raises_when_read_counts_as_damage(
    ini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ini.write_text("[view]\nzoom=150\n", encoding="utf-8")

    def explode(self: QSettings, key: str, *args: object, **kwargs: object) -> object:
        raise RuntimeError("cannot convert")

    with monkeypatch.context() as patch:
        patch.setattr(QSettings, "value", explode)
        settings = Settings(ini)
    assert len(_corrupt_copies(ini)) == 1
    assert settings.notice is not None
    assert settings.zoom == 100


@pytest.fixture
def locked(tmp_path: Path):
    """A folder made read-only once the test has put what it needs in it."""
    folder = tmp_path / "locked"
    folder.mkdir()

    def lock() -> None:
        folder.chmod(0o500)
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write to read-only folders (root)")

    yield folder, lock
    folder.chmod(0o700)


def test_read_only_folder_gives_a_notice_and_works_in_memory(locked) -> None:
    folder, lock = locked
    lock()
    settings = Settings(folder / "smguide.ini")
    assert settings.notice is not None
    assert "not be kept" in settings.notice
    settings.zoom = 150
    settings.save()
    assert settings.zoom == 150
    assert list(folder.iterdir()) == []


def test_read_only_file_is_still_read(locked) -> None:
    folder, lock = locked
    (folder / "smguide.ini").write_text("[view]\nzoom=150\n", encoding="utf-8")
    lock()
    settings = Settings(folder / "smguide.ini")
    assert settings.zoom == 150
    assert settings.notice is not None
    settings.zoom = 200
    settings.save()
    assert settings.zoom == 200
    assert (folder / "smguide.ini").read_text(encoding="utf-8") == "[view]\nzoom=150\n"


def test_read_only_folder_keeps_a_damaged_file_where_it_is(locked) -> None:
    folder, lock = locked
    (folder / "smguide.ini").write_bytes(GARBAGE)
    lock()
    settings = Settings(folder / "smguide.ini")
    assert settings.notice is not None
    assert "could not be moved" in settings.notice
    settings.zoom = 150
    settings.save()
    assert settings.zoom == 150
    assert (folder / "smguide.ini").read_bytes() == GARBAGE


def test_unwritable_location_found_on_save_keeps_working_in_memory(tmp_path: Path) -> None:
    """A path under a plain file cannot be written even by root: QSettings says AccessError."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    settings = Settings(blocker / "smguide.ini")
    settings.zoom = 150
    settings.geometry = b"kept"
    settings.save()
    assert settings.notice is not None
    assert "not be kept" in settings.notice
    assert settings.zoom == 150
    assert settings.geometry == QByteArray(b"kept")
    settings.zoom = 60
    settings.save()
    assert settings.zoom == 60


def test_in_memory_never_touches_the_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = Settings.in_memory()
    assert (settings.zoom, settings.geometry, settings.notice) == (100, None, None)
    settings.zoom = 1000
    settings.geometry = b"geometry"
    settings.save()
    assert settings.zoom == 300
    assert settings.geometry == QByteArray(b"geometry")
    assert settings.notice is None
    assert list(tmp_path.iterdir()) == []
    assert not default_path().exists()
