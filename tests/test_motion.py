"""Reduced motion is read from the system's own settings, or the override."""

from __future__ import annotations

from pathlib import Path

import pytest

from smguide.ui.motion import OVERRIDE, reduced_motion


@pytest.fixture(autouse=True)
def _no_override(monkeypatch) -> None:
    monkeypatch.delenv(OVERRIDE, raising=False)


def test_kde_animation_speed_zero_is_reduced_motion(tmp_path: Path) -> None:
    config = tmp_path / ".config"
    config.mkdir()
    (config / "kdeglobals").write_text("[KDE]\nAnimationDurationFactor=0\n", encoding="utf-8")
    assert reduced_motion("linux", tmp_path)
    (config / "kdeglobals").write_text("[KDE]\nAnimationDurationFactor=0.5\n", encoding="utf-8")
    assert not reduced_motion("linux", tmp_path)


def test_gtk_animations_off_is_reduced_motion(tmp_path: Path) -> None:
    gtk = tmp_path / ".config" / "gtk-3.0"
    gtk.mkdir(parents=True)
    (gtk / "settings.ini").write_text("[Settings]\ngtk-enable-animations=0\n", encoding="utf-8")
    assert reduced_motion("linux", tmp_path)


def test_macos_reduce_motion(tmp_path: Path) -> None:
    import plistlib

    folder = tmp_path / "Library" / "Preferences"
    folder.mkdir(parents=True)
    path = folder / "com.apple.universalaccess.plist"
    path.write_bytes(plistlib.dumps({"reduceMotion": True}))
    assert reduced_motion("darwin", tmp_path)
    path.write_bytes(plistlib.dumps({"reduceMotion": False}))
    assert not reduced_motion("darwin", tmp_path)


def test_nothing_set_or_unreadable_means_motion_is_fine(tmp_path: Path) -> None:
    assert not reduced_motion("linux", tmp_path)
    assert not reduced_motion("darwin", tmp_path)
    (tmp_path / ".config").mkdir()
    (tmp_path / ".config" / "kdeglobals").write_bytes(b"\xff\xfe[KDE")
    assert not reduced_motion("linux", tmp_path)


def test_the_override_wins(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(OVERRIDE, "1")
    assert reduced_motion("linux", tmp_path)
    monkeypatch.setenv(OVERRIDE, "0")
    assert not reduced_motion("darwin", tmp_path)
