"""Themes: every colour pair holds WCAG 2.2 AA contrast, computed from the definitions;
the sheets hold no colour of their own; the View menu switches, remembers, and
otherwise follows the system; focus is visible on every kind of control."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPalette
from PySide6.QtWidgets import QApplication

from smguide.core import locations
from smguide.ui import style, themes
from smguide.ui.contrast import contrast_ratio, rgb
from smguide.ui.settings import Settings

THEME_KEYS = list(themes.THEMES)
CASES = [(theme, pair) for theme in THEME_KEYS for pair in themes.PAIRS]


def test_contrast_ratio_matches_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    # WCAG's own example: #777777 on white just fails 4.5:1.
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#1d4e89", "#ffffff") == contrast_ratio("#ffffff", "#1d4e89")
    with pytest.raises(ValueError, match="not a #rrggbb colour"):
        rgb("blue")


@pytest.mark.parametrize("theme", THEME_KEYS)
def test_every_theme_defines_every_role(theme: str) -> None:
    colours = themes.THEMES[theme].colours
    assert set(colours) == set(themes.ROLES)
    for role, colour in colours.items():
        if role not in themes.DECORATIVE:
            rgb(colour)  # a plain #rrggbb, so its contrast can be computed


def test_every_role_that_is_not_decoration_is_checked_in_some_pair() -> None:
    paired = {role for pair in themes.PAIRS for role in (pair.foreground, pair.background)}
    assert set(themes.ROLES) - themes.DECORATIVE <= paired
    assert paired <= set(themes.ROLES)


@pytest.mark.parametrize(
    ("theme", "pair"), CASES, ids=[f"{t}-{p.foreground}-on-{p.background}" for t, p in CASES]
)
def test_contrast_of_every_pair_in_every_theme(theme: str, pair: themes.Pair) -> None:
    colours = themes.THEMES[theme].colours
    ratio = contrast_ratio(colours[pair.foreground], colours[pair.background])
    assert ratio >= pair.minimum, (
        f"{theme}: {pair.foreground} {colours[pair.foreground]} on {pair.background} "
        f"{colours[pair.background]} ({pair.where}) is {ratio:.2f}:1, needs {pair.minimum}:1"
    )


def _without_comments(text: str) -> str:
    return re.sub(r"/\*.*?\*/|\{#.*?#\}", "", text, flags=re.DOTALL)


@pytest.mark.parametrize(
    "path",
    [
        "style/app.qss",
        "style/kiosk.qss",
        "style/content.css",
        *(f"templates/{p.name}" for p in (locations.resources_dir() / "templates").iterdir()),
    ],
)
def test_sheets_and_templates_hold_no_colour_of_their_own(path: str) -> None:
    """Every colour comes from a theme, so the contrast test sees every one."""
    if path.endswith(("outcome_print.html.j2", "session_record.html.j2")):
        pytest.skip("printed on paper, in black and white (smguide/ui/printing.py)")
    text = _without_comments((locations.resources_dir() / path).read_text(encoding="utf-8"))
    assert not re.search(r"#[0-9a-fA-F]{3,8}\b|rgba?\(|\b(white|black)\b", text), path


def test_every_sheet_fills_in_every_theme() -> None:
    """A placeholder that names no role would fail here, not in front of a user."""
    for theme in THEME_KEYS:
        for zoom in (100, 200):
            sheet = style.application_style(zoom, theme, kiosk=True)
            assert "$" not in sheet
            assert "$" not in style.content_css(theme, zoom)


def test_rich_text_margins_follow_the_text_size() -> None:
    assert "margin-top: 18px" in style.content_css(themes.LIGHT, 100)
    assert "margin-top: 36px" in style.content_css(themes.LIGHT, 200)


def test_what_the_system_asks_for_picks_the_theme() -> None:
    assert themes.for_system(dark=False, high_contrast=False) == themes.LIGHT
    assert themes.for_system(dark=True, high_contrast=False) == themes.DARK
    assert themes.for_system(dark=False, high_contrast=True) == themes.HIGH_CONTRAST
    assert themes.for_system(dark=True, high_contrast=True) == themes.HIGH_CONTRAST


def _app_window_colour() -> str:
    return QApplication.palette().color(QPalette.ColorRole.Window).name()


def test_the_view_menu_switches_the_theme_and_it_is_remembered(make_window, tmp_path) -> None:
    path = tmp_path / "settings.ini"
    window = make_window(settings_path=path)
    assert window.settings.theme == themes.SYSTEM
    labels = [action.text() for action in window.theme_actions.actions()]
    assert labels == ["Follow the system", "Light", "Dark", "High contrast"]
    window.start_tree("friend-request")
    window.walk_page.question_view.buttons[3].click()  # an outcome, in a rich text view
    view = window.walk_page.outcome_view.view
    light_css = view.document().defaultStyleSheet()

    (dark,) = [a for a in window.theme_actions.actions() if a.data() == themes.DARK]
    dark.trigger()
    assert dark.isChecked()
    assert window.theme == themes.DARK
    assert _app_window_colour() == themes.THEMES[themes.DARK].colours["background"]
    # The outcome already on screen follows, not only pages built later.
    assert view.document().defaultStyleSheet() != light_css
    assert themes.THEMES[themes.DARK].colours["heading"] in view.document().defaultStyleSheet()
    heading = view.document().begin().charFormat().foreground().color().name()
    assert heading == themes.THEMES[themes.DARK].colours["heading"]
    window.close()

    again = make_window(settings_path=path)
    assert again.settings.theme == themes.DARK
    assert _app_window_colour() == themes.THEMES[themes.DARK].colours["background"]
    assert again.styleSheet() == style.application_style(100, themes.DARK)
    again.apply_theme(themes.SYSTEM)
    assert Settings(path).theme == themes.SYSTEM


def test_the_system_theme_is_followed_until_the_user_chooses(make_window, monkeypatch) -> None:
    window = make_window()
    monkeypatch.setattr(style, "system_theme", lambda: themes.HIGH_CONTRAST)
    window._on_system_theme_changed()
    assert window.theme == themes.HIGH_CONTRAST
    assert _app_window_colour() == "#000000"
    window.apply_theme(themes.LIGHT)
    monkeypatch.setattr(style, "system_theme", lambda: themes.DARK)
    window._on_system_theme_changed()
    assert window.theme == themes.LIGHT  # the user's choice wins
    window.apply_theme(themes.SYSTEM)
    assert window.theme == themes.DARK


def test_a_stored_theme_that_is_not_one_is_the_system(tmp_path) -> None:
    path = tmp_path / "settings.ini"
    path.write_text("[view]\ntheme=purple\n", encoding="utf-8")
    assert Settings(path).theme == themes.SYSTEM


def _shows(image: QImage, colour: str) -> bool:
    """Whether *image* has a run of three pixels of *colour* (a ring is three pixels thick)."""
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    red, green, blue = rgb(colour)
    return bytes((red, green, blue) * 3) in bytes(image.constBits())


def _focusables(window):
    """One control of each kind a keyboard user meets, by name."""
    home = window.home
    window.start_tree("friend-request")
    question = window.walk_page.question_view
    controls = {
        "question heading": question.question,
        "why we ask": question.help_toggle,
        "answer": question.buttons[0],
        "secondary button": window.walk_page.restart_button,
        "urgent button": next(iter(window.urgent.buttons.values())),
    }
    question.buttons[0].click()
    question.buttons[0].click()
    outcome = window.walk_page
    controls |= {
        "verdict": outcome.outcome_view.verdict,
        "rich text": outcome.outcome_view.view,
        "primary button": outcome.pdf_button,
        "change button": outcome.answers.change_buttons[0],
    }
    window.go_home()
    controls |= {"tile": next(iter(home.tiles.values())), "search field": home.search.field}
    window.open_library()
    controls |= {"document list": window.library.documents}
    return controls


@pytest.mark.parametrize("theme", THEME_KEYS)
def test_focus_is_visible_on_every_kind_of_control(qtbot, make_window, theme: str) -> None:
    """Focus draws the theme's focus ring, which no unfocused control shows."""
    window = make_window()
    window.apply_theme(theme)
    ring = themes.THEMES[theme].colours["focus_ring"]
    for name, widget in _focusables(window).items():
        # Show the page the control is on, then compare it without and with focus.
        for candidate in (window.home, window.walk_page, window.library):
            if candidate is not None and candidate.isAncestorOf(widget):
                window.stack.setCurrentWidget(candidate)
        if window.walk_page.isAncestorOf(widget):
            window.walk_page.stack.setCurrentWidget(
                window.walk_page.outcome_view
                if window.walk_page.outcome_view.isAncestorOf(widget)
                else window.walk_page.question_view
            )
        window.urgent.setFocus()
        QApplication.processEvents()
        assert not _shows(widget.grab().toImage(), ring), f"{name} shows focus unfocused"
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(widget.hasFocus, timeout=2000)
        assert _shows(widget.grab().toImage(), ring), f"{theme}: no visible focus on {name}"
