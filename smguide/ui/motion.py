"""Reduced motion: whether the system asks for it, and what the app stops moving.

The guide animates little: Qt's menu, list and tooltip effects, and in a
kiosk the touch scrolling that glides on after a flick and bounces at the
ends. Under reduced motion, effects are off and a page moves only while a
finger moves it.

Qt (6.11) has no reduced-motion hint, so the system's setting is read here:
Windows' "Show animations" (``SPI_GETCLIENTAREAANIMATION``), macOS's "Reduce
motion", KDE's animation speed and GTK's ``gtk-enable-animations``; the
``SMGUIDE_REDUCE_MOTION`` environment variable overrides them. Reading it
costs a few milliseconds (ctypes, a plist), so it is read where motion would
happen, in a kiosk, not at every start: on the desktop, Qt already follows
Windows' own menu and tooltip animation settings.
"""

from __future__ import annotations

import configparser
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

#: Set to ``1`` (or ``0``) to override what the system says, e.g. for a test or a kiosk image.
OVERRIDE = "SMGUIDE_REDUCE_MOTION"


def reduced_motion(platform: str | None = None, home: Path | None = None) -> bool:
    """Whether the user has asked the system for less motion."""
    override = os.environ.get(OVERRIDE, "").strip()
    if override in {"0", "1"}:
        return override == "1"
    platform = platform or sys.platform
    home = home or Path.home()
    probes: dict[str, Callable[[Path], bool | None]] = {
        "win32": _windows,
        "darwin": _macos,
    }
    answer = probes.get(platform, _linux)(home)
    return bool(answer)


def _windows(_home: Path) -> bool | None:
    import ctypes

    get_client_area_animation = 0x1042
    enabled = ctypes.c_int(1)
    windll = getattr(ctypes, "windll", None)
    if windll is None:
        return None
    if not windll.user32.SystemParametersInfoW(
        get_client_area_animation, 0, ctypes.byref(enabled), 0
    ):
        return None
    return not enabled.value


def _macos(home: Path) -> bool | None:
    import plistlib

    path = home / "Library" / "Preferences" / "com.apple.universalaccess.plist"
    try:
        settings = plistlib.loads(path.read_bytes())
    except (OSError, plistlib.InvalidFileException, ValueError):
        return None
    return bool(settings.get("reduceMotion"))


def _linux(home: Path) -> bool | None:
    """KDE's animation speed, then GTK's settings file."""
    kde = _ini_value(home / ".config" / "kdeglobals", "KDE", "AnimationDurationFactor")
    if kde is not None:
        try:
            return float(kde) == 0
        except ValueError:
            pass
    gtk = _ini_value(
        home / ".config" / "gtk-3.0" / "settings.ini", "Settings", "gtk-enable-animations"
    )
    if gtk is not None:
        return gtk.strip().lower() in {"0", "false", "no"}
    # GNOME keeps its setting in dconf, readable only through gsettings, which
    # writes a cache file: a kiosk writes nothing, so GNOME's is not read.
    return None


def _ini_value(path: Path, section: str, key: str) -> str | None:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(path.read_text(encoding="utf-8", errors="replace"))
    except (OSError, configparser.Error):
        return None
    return parser.get(section, key, fallback=None)


def still_effects() -> None:
    """Turn off Qt's animated menus, lists and tooltips."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    QApplication.setEffectEnabled(Qt.UIEffect.UI_General, False)


def still_scrolling(viewport: QWidget) -> None:
    """Touch scrolling on *viewport* that stops with the finger: no glide, no bounce."""
    from PySide6.QtWidgets import QScroller, QScrollerProperties

    scroller = QScroller.scroller(viewport)
    properties = scroller.scrollerProperties()
    metric = QScrollerProperties.ScrollMetric
    off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
    properties.setScrollMetric(metric.HorizontalOvershootPolicy, off)
    properties.setScrollMetric(metric.VerticalOvershootPolicy, off)
    # A flick faster than this would glide on; nothing is that fast (metres per second).
    properties.setScrollMetric(metric.MinimumVelocity, 1000.0)
    properties.setScrollMetric(metric.SnapTime, 0.0)
    scroller.setScrollerProperties(properties)
