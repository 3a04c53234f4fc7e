"""The app's look: style sheets and a palette, filled from the text size and the theme.

Qt style sheets take absolute point sizes only, so the sheets in
``resources/style`` have ``${base}``-style placeholders filled with sizes
scaled by the zoom, and ``${text}``-style placeholders filled with the
theme's colours (``string.Template``: it only ever substitutes numbers and
colours from ``themes.py``). Rich text inside the views uses relative font
sizes and follows the widget font; its margins, which QTextDocument takes in
pixels only, are scaled here.
"""

from __future__ import annotations

import re
from functools import cache
from string import Template
from typing import TYPE_CHECKING

from smguide.core import locations
from smguide.ui import themes

if TYPE_CHECKING:
    from PySide6.QtGui import QPalette

BASE_POINTS = 10.5
ZOOM_STEPS = (80, 90, 100, 110, 125, 150, 175, 200, 250, 300)
_PIXELS = r"(\d+)px"


@cache
def _template(name: str = "app.qss") -> Template:
    return Template((locations.resources_dir() / "style" / name).read_text(encoding="utf-8"))


def _sizes(zoom: int) -> dict[str, str]:
    base = BASE_POINTS * zoom / 100
    return {"base": f"{base:.1f}", "large": f"{base * 1.25:.1f}", "title": f"{base * 1.55:.1f}"}


def application_style(zoom: int, theme: str = themes.LIGHT, *, kiosk: bool = False) -> str:
    """The style sheet at *zoom* in *theme*; a kiosk's adds touch targets and its overlays."""
    values = {**_sizes(zoom), **themes.THEMES[theme].colours}
    sheet = _template().substitute(values)
    return sheet + _template("kiosk.qss").substitute(values) if kiosk else sheet


@cache
def content_css(theme: str = themes.LIGHT, zoom: int = 100) -> str:
    """The rich text views' style sheet: *theme*'s colours, margins scaled to *zoom*."""
    sheet = _template("content.css").substitute(themes.THEMES[theme].colours)
    return re.sub(_PIXELS, lambda m: f"{round(int(m.group(1)) * zoom / 100)}px", sheet)


class Active:
    """The theme and text size in use, for rich text views built after they were set.

    A view's style sheet is given when it is made (pages are built when first
    wanted), and again by the window when either changes.
    """

    theme: str = themes.LIGHT
    zoom: int = 100

    @classmethod
    def css(cls) -> str:
        return content_css(cls.theme, cls.zoom)


def palette(theme: str) -> QPalette:
    """A Qt palette from *theme*, for what the style sheet does not reach: menus, dialogs,
    check boxes, calendars and message boxes."""
    from PySide6.QtGui import QColor, QPalette

    colours = themes.THEMES[theme].colours
    role = QPalette.ColorRole
    result = QPalette(QColor(colours["surface"]), QColor(colours["background"]))
    for name, key in (
        (role.Window, "background"),
        (role.WindowText, "text"),
        (role.Base, "surface"),
        (role.AlternateBase, "hover_surface"),
        (role.Text, "text"),
        (role.Button, "surface"),
        (role.ButtonText, "text"),
        (role.ToolTipBase, "surface"),
        (role.ToolTipText, "text"),
        (role.Highlight, "selection"),
        (role.HighlightedText, "on_selection"),
        (role.Link, "accent"),
        (role.LinkVisited, "accent"),
        (role.PlaceholderText, "placeholder"),
        (role.BrightText, "on_accent"),
    ):
        result.setColor(name, QColor(colours[key]))
    disabled = QPalette.ColorGroup.Disabled
    for name in (role.Text, role.WindowText, role.ButtonText):
        result.setColor(disabled, name, QColor(colours["disabled_text"]))
    result.setColor(disabled, role.Button, QColor(colours["disabled_surface"]))
    return result


def system_theme() -> str:
    """The theme the system asks for, from ``QStyleHints`` (colour scheme and, on Qt
    6.10 and later, contrast preference).

    Reading either names a ``Qt`` enum, whose first use costs 20 ms or more,
    so start-up uses ``palette_theme`` and this is read when the system
    announces a change or the user asks to follow it.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    hints = QGuiApplication.styleHints()
    dark = hints.colorScheme() == Qt.ColorScheme.Dark
    accessibility = getattr(hints, "accessibility", None)  # Qt 6.10+
    high = bool(
        accessibility is not None
        and accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast
    )
    if hints.colorScheme() == Qt.ColorScheme.Unknown and not high:
        return palette_theme()
    return themes.for_system(dark, high)


@cache
def palette_theme() -> str:
    """The theme the system's palette suggests, cheaply: Qt's platform palette is dark
    under a dark colour scheme, and pure black on white (or white on black) under a
    high-contrast one.

    Read once, before the app sets its own palette (after that, the
    application's palette is the theme's, not the system's).
    """
    from PySide6.QtGui import QGuiApplication, QPalette

    system = QGuiApplication.palette()
    window = system.color(QPalette.ColorRole.Window).name()
    text = system.color(QPalette.ColorRole.WindowText).name()
    high = {window, text} == {"#000000", "#ffffff"}
    dark = system.color(QPalette.ColorRole.Window).lightness() < 128
    return themes.for_system(dark, high)


def next_zoom(zoom: int, direction: int) -> int:
    """The next text size up (+1) or down (-1) from *zoom*, staying within the steps."""
    if direction > 0:
        return next((step for step in ZOOM_STEPS if step > zoom), ZOOM_STEPS[-1])
    return next((step for step in reversed(ZOOM_STEPS) if step < zoom), ZOOM_STEPS[0])
