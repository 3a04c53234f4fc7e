"""The app's look: one style sheet, sized from the user's text size.

Qt style sheets take absolute point sizes only, so the sheet in
``resources/style`` has ``${base}``-style placeholders filled with sizes
scaled by the zoom (``string.Template``: it only ever substitutes numbers);
rich text inside the views uses relative sizes and follows the widget font.
"""

from __future__ import annotations

from functools import cache
from string import Template

from smguide.core import locations

BASE_POINTS = 10.5
ZOOM_STEPS = (80, 90, 100, 110, 125, 150, 175, 200, 250, 300)


@cache
def _template(name: str = "app.qss") -> Template:
    return Template((locations.resources_dir() / "style" / name).read_text(encoding="utf-8"))


def application_style(zoom: int, *, kiosk: bool = False) -> str:
    """The style sheet at *zoom*; a kiosk's adds touch-sized targets and its overlays."""
    base = BASE_POINTS * zoom / 100
    sizes = {"base": f"{base:.1f}", "large": f"{base * 1.25:.1f}", "title": f"{base * 1.55:.1f}"}
    sheet = _template().substitute(sizes)
    return sheet + _template("kiosk.qss").substitute(sizes) if kiosk else sheet


@cache
def content_css() -> str:
    return (locations.resources_dir() / "style" / "content.css").read_text(encoding="utf-8")


def next_zoom(zoom: int, direction: int) -> int:
    """The next text size up (+1) or down (-1) from *zoom*, staying within the steps."""
    if direction > 0:
        return next((step for step in ZOOM_STEPS if step > zoom), ZOOM_STEPS[-1])
    return next((step for step in reversed(ZOOM_STEPS) if step < zoom), ZOOM_STEPS[0])
