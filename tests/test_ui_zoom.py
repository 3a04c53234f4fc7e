"""Text size 100% to 200% at 1280 by 720, in every theme: nothing clipped, nothing
elided, no sideways scrolling. Screenshots are kept in tests/screenshots to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QPushButton, QScrollBar, QWidget

from smguide.ui import themes
from smguide.ui.widgets import WrapButton

SHOTS = Path(__file__).parent / "screenshots"
PAGES = ("home", "question", "outcome")


def show(window, page: str) -> None:
    if page == "home":
        window.go_home()
    elif page == "question":
        window.start_tree("friend-request")
    else:
        window.start_tree("friend-request")
        window.walk_page.question_view.buttons[0].click()
        window.walk_page.question_view.buttons[0].click()


def _visible_widgets(window) -> list[QWidget]:
    return [w for w in window.findChildren(QWidget) if w.isVisible() and w.window() is window]


def _clip(widget: QWidget, window) -> QRect:
    """Where *widget* can be seen: its scroll area's viewport, or the window."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            viewport = parent.viewport()
            return QRect(viewport.mapTo(window, QPoint(0, 0)), viewport.size())
        parent = parent.parentWidget()
    return window.rect()


def problems_at(window) -> list[str]:
    """What a user would see wrong: sideways scrolling, cut-off widgets, cut-off text."""
    found = []
    for widget in _visible_widgets(window):
        name = f"{type(widget).__name__} {widget.objectName()!r} {widget.accessibleName()!r}"
        if isinstance(widget, QScrollBar) and widget.orientation() == Qt.Orientation.Horizontal:
            found.append(f"a horizontal scroll bar: {name}")
        rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        clip = _clip(widget, window)
        # Sideways, everything fits; down the page, a scroll area may scroll.
        if rect.left() < clip.left() - 1 or rect.right() > clip.right() + 1:
            found.append(f"cut off at the side: {name} {rect} in {clip}")
        if clip == window.rect() and not window.rect().contains(rect):
            found.append(f"outside the window: {name} {rect}")
        if isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap():
                needed = widget.heightForWidth(widget.width())
                if needed > widget.height() + 1:
                    found.append(f"text cut off: {name} needs {needed}, has {widget.height()}")
            elif widget.sizeHint().width() > widget.width() + 1:
                found.append(f"text cut off: {name} {widget.text()!r}")
        plain_button = isinstance(widget, QPushButton) and not isinstance(widget, WrapButton)
        if plain_button and widget.text() and widget.sizeHint().width() > widget.width() + 1:
            found.append(f"button text cut off: {name} {widget.text()!r}")
    return found


@pytest.mark.parametrize("theme", list(themes.THEMES))
@pytest.mark.parametrize("zoom", [100, 150, 200])
def test_pages_fit_at_every_text_size_in_every_theme(qtbot, make_window, zoom, theme) -> None:
    window = make_window()
    window.apply_theme(theme)
    window.apply_zoom(zoom)
    SHOTS.mkdir(exist_ok=True)
    for page in PAGES:
        show(window, page)
        qtbot.wait(10)
        assert window.size().width() == 1280 and window.size().height() == 720
        window.grab().save(str(SHOTS / f"{page}-{theme}-{zoom}.png"))
        assert problems_at(window) == [], f"{page} at {zoom}% in {theme}"


def test_the_check_finds_a_cut_off_label(qtbot, make_window) -> None:
    """The check above can fail: a label forced narrower than its text is found."""
    window = make_window()
    label = QLabel("A long line of text that cannot fit in a narrow label", window.home)
    label.setFixedWidth(40)
    label.show()
    assert any("text cut off" in problem for problem in problems_at(window))
