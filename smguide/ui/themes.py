"""The app's colour themes as data: light (the default), dark and high contrast.

Every colour the app shows is named here by its role and filled into the
style sheets (``resources/style/*.qss``, ``content.css``) and the Qt palette
from these tables; the sheets hold no colour of their own. ``PAIRS`` lists
which roles are drawn on which, so a test can compute every WCAG contrast
ratio from the definitions and a future colour change cannot break one
silently. Plain Python, no Qt: the test needs no screen, and reading a
table costs start-up nothing.
"""

from __future__ import annotations

from types import MappingProxyType

from smguide.core.value import Value
from smguide.ui.contrast import NON_TEXT, TEXT

LIGHT = "light"
DARK = "dark"
HIGH_CONTRAST = "high-contrast"
#: The user has not chosen: follow the system's colour scheme and contrast preference.
SYSTEM = "system"

#: What each role is for (the roles every theme must define).
ROLES: dict[str, str] = {
    "background": "the window and pages",
    "surface": "panels, fields, answer buttons, tiles and rich text views",
    "text": "body text",
    "muted": "hints, where you are, document versions, clause headings",
    "heading": "page and section titles, rich text headings",
    "accent": "links, the primary buttons' fill, secondary buttons' text and border",
    "accent_hover": "a primary button under the mouse",
    "on_accent": "text on a primary button",
    "hover_surface": "a tile, answer or secondary button under the mouse",
    "selected_surface": "the answer given before, when returning to a question",
    "border": "control borders: fields, tiles, answers, lists, text views",
    "divider": "decorative lines around panels (not controls)",
    "focus_ring": "the focus indicator drawn round whatever has keyboard focus",
    "focus_fill": "the fill of a focused button, tile or answer",
    "on_focus": "text on a focused button, tile or answer",
    "disabled_surface": "a disabled button",
    "disabled_text": "a disabled button's text",
    "urgent_panel": "the urgent panel on every screen",
    "urgent_label": "the panel's 'Urgent?' label",
    "urgent": "urgent buttons and the 'Act now' verdict",
    "urgent_hover": "an urgent button under the mouse",
    "on_urgent": "text on urgent buttons and the 'Act now' verdict",
    "urgent_border": "the 'Act now' verdict's outline",
    "error": "error messages",
    "ok_surface": "the 'Go ahead' verdict",
    "ok_border": "the 'Go ahead' verdict's outline",
    "caution_surface": "the 'Go ahead with care' verdict",
    "caution_border": "the 'Go ahead with care' verdict's outline",
    "stop_surface": "the 'Don't do this' verdict",
    "stop_border": "the 'Don't do this' verdict's outline",
    "notice_surface": "notices and the highlighted clause in the library",
    "quote": "quoted policy text",
    "card_surface": "manager mode's scenario cards",
    "header_surface": "table headings in manager mode",
    "removed_surface": "words removed between two versions (also struck through)",
    "added_surface": "words added between two versions (also underlined)",
    "selection": "the selected row of a list or table",
    "on_selection": "text of the selected row",
    "placeholder": "placeholder text in empty fields",
    "scrollbar": "scroll bar handles",
    "attract_surface": "the kiosk's 'Touch to start' screen",
    "on_attract": "text on the kiosk's start screen",
    "attract_focus": "the focus indicator on the kiosk's start screen",
    "scrim": "the dimmed screen behind the kiosk's countdown (rgba, decorative)",
}

#: Roles drawn for decoration only: WCAG asks no contrast of them.
DECORATIVE = frozenset({"divider", "scrim"})


class Pair(Value):
    """One role drawn on another, and the contrast WCAG 2.2 AA asks of it."""

    foreground: str
    background: str
    minimum: float
    where: str


#: Every pair of roles the app draws one on the other.
PAIRS: tuple[Pair, ...] = (
    # Text, 4.5:1.
    Pair("text", "background", TEXT, "body text on a page"),
    Pair("text", "surface", TEXT, "body text in panels, answers and rich text"),
    Pair("muted", "background", TEXT, "hints on a page"),
    Pair("muted", "surface", TEXT, "hints and clause headings in panels and rich text"),
    Pair("heading", "background", TEXT, "titles on a page"),
    Pair("heading", "surface", TEXT, "titles in panels, tiles and rich text"),
    Pair("accent", "background", TEXT, "secondary buttons and 'Why are we asking?'"),
    Pair("accent", "surface", TEXT, "links in rich text, secondary buttons"),
    Pair("accent", "hover_surface", TEXT, "a secondary button under the mouse"),
    Pair("accent", "notice_surface", TEXT, "a link in a highlighted clause"),
    Pair("on_accent", "accent", TEXT, "a primary button"),
    Pair("on_accent", "accent_hover", TEXT, "a primary button under the mouse"),
    Pair("text", "hover_surface", TEXT, "an answer under the mouse"),
    Pair("heading", "hover_surface", TEXT, "a tile under the mouse"),
    Pair("text", "selected_surface", TEXT, "the answer given before"),
    Pair("on_focus", "focus_fill", TEXT, "a focused button, tile or answer"),
    Pair("disabled_text", "disabled_surface", TEXT, "a disabled button"),
    Pair("urgent_label", "urgent_panel", TEXT, "'Urgent?'"),
    Pair("on_urgent", "urgent", TEXT, "an urgent button, the 'Act now' verdict"),
    Pair("on_urgent", "urgent_hover", TEXT, "an urgent button under the mouse"),
    Pair("error", "background", TEXT, "an error message on a page"),
    Pair("error", "surface", TEXT, "an error message in a dialog field"),
    Pair("text", "ok_surface", TEXT, "the 'Go ahead' verdict"),
    Pair("text", "caution_surface", TEXT, "the 'Go ahead with care' verdict"),
    Pair("text", "stop_surface", TEXT, "the 'Don't do this' verdict"),
    Pair("text", "notice_surface", TEXT, "a notice, the highlighted clause"),
    Pair("quote", "surface", TEXT, "quoted policy text"),
    Pair("quote", "notice_surface", TEXT, "quoted policy text, highlighted"),
    Pair("text", "card_surface", TEXT, "a scenario card's situation"),
    Pair("muted", "card_surface", TEXT, "a scenario card's topic and prompt"),
    Pair("heading", "header_surface", TEXT, "a table heading in manager mode"),
    Pair("text", "removed_surface", TEXT, "removed words"),
    Pair("text", "added_surface", TEXT, "added words"),
    Pair("on_selection", "selection", TEXT, "the selected row of a list"),
    Pair("placeholder", "surface", TEXT, "placeholder text"),
    Pair("on_attract", "attract_surface", TEXT, "the kiosk's start screen"),
    Pair("heading", "surface", TEXT, "the kiosk's start button"),
    # Focus indicators and control borders, 3:1.
    Pair("focus_ring", "background", NON_TEXT, "focus on a page"),
    Pair("focus_ring", "surface", NON_TEXT, "focus in a panel or dialog"),
    Pair("focus_ring", "urgent_panel", NON_TEXT, "focus in the urgent panel"),
    Pair("focus_ring", "hover_surface", NON_TEXT, "focus under the mouse"),
    Pair("attract_focus", "attract_surface", NON_TEXT, "focus on the kiosk's start screen"),
    Pair("border", "background", NON_TEXT, "a control's border on a page"),
    Pair("border", "surface", NON_TEXT, "a control's border in a panel"),
    Pair("accent", "background", NON_TEXT, "a primary button's edge"),
    Pair("urgent", "urgent_panel", NON_TEXT, "an urgent button's edge"),
    Pair("ok_border", "background", NON_TEXT, "the 'Go ahead' verdict's outline"),
    Pair("caution_border", "background", NON_TEXT, "the 'Go ahead with care' outline"),
    Pair("stop_border", "background", NON_TEXT, "the 'Don't do this' outline"),
    Pair("urgent_border", "background", NON_TEXT, "the 'Act now' outline"),
    Pair("scrollbar", "background", NON_TEXT, "a scroll bar on a page"),
    Pair("scrollbar", "surface", NON_TEXT, "a scroll bar in a text view"),
)


class Theme(Value):
    """A named set of colours, one per role."""

    key: str
    label: str
    colours: MappingProxyType[str, str]
    #: Whether the theme is dark: Qt's own parts (menus, dialogs) follow the palette.
    dark: bool


def _theme(key: str, label: str, dark: bool, **colours: str) -> Theme:
    return Theme(key, label, MappingProxyType(colours), dark)


THEMES: dict[str, Theme] = {
    LIGHT: _theme(
        LIGHT,
        "Light",
        False,
        background="#f6f6f3",
        surface="#ffffff",
        text="#1f2328",
        muted="#4a4f55",
        heading="#15365f",
        accent="#1d4e89",
        accent_hover="#15365f",
        on_accent="#ffffff",
        hover_surface="#eef3fa",
        selected_surface="#e3ecf7",
        border="#6b7075",
        divider="#d5d7da",
        focus_ring="#0b0c0c",
        focus_fill="#ffdd00",
        on_focus="#0b0c0c",
        disabled_surface="#d5d7da",
        disabled_text="#3d4146",
        urgent_panel="#fbeaea",
        urgent_label="#7a1b20",
        urgent="#a4262c",
        urgent_hover="#861e23",
        on_urgent="#ffffff",
        urgent_border="#6e171b",
        error="#a4262c",
        ok_surface="#dff3e4",
        ok_border="#1e6b34",
        caution_surface="#fff4d6",
        caution_border="#8a5a00",
        stop_surface="#fbe3e4",
        stop_border="#a4262c",
        notice_surface="#fff4d6",
        quote="#2f3439",
        card_surface="#f3f6fa",
        header_surface="#eef2f7",
        removed_surface="#fbe3e4",
        added_surface="#dff3e4",
        selection="#1d4e89",
        on_selection="#ffffff",
        placeholder="#5c6166",
        scrollbar="#6b7075",
        attract_surface="#15365f",
        on_attract="#ffffff",
        attract_focus="#f3c623",
        scrim="rgba(21, 54, 95, 210)",
    ),
    DARK: _theme(
        DARK,
        "Dark",
        True,
        background="#16191d",
        surface="#1f2328",
        text="#e8eaed",
        muted="#b4b9bf",
        heading="#a8c8f0",
        accent="#8ab4f8",
        accent_hover="#aecbfa",
        on_accent="#0d1b2a",
        hover_surface="#2a3038",
        selected_surface="#263a55",
        border="#8b9199",
        divider="#3a4048",
        focus_ring="#ffdd00",
        focus_fill="#ffdd00",
        on_focus="#0b0c0c",
        disabled_surface="#2a2f36",
        disabled_text="#a6acb3",
        urgent_panel="#3a1518",
        urgent_label="#ffc2c2",
        urgent="#f4a6a6",
        urgent_hover="#f8c4c4",
        on_urgent="#2b0a0c",
        urgent_border="#ffd6d6",
        error="#ffa3a3",
        ok_surface="#173a22",
        ok_border="#6fcf8a",
        caution_surface="#3d3110",
        caution_border="#e0b44c",
        stop_surface="#40171a",
        stop_border="#ff8a8a",
        notice_surface="#3d3410",
        quote="#d0d4d9",
        card_surface="#232a33",
        header_surface="#27303b",
        removed_surface="#4a1d21",
        added_surface="#1d3f27",
        selection="#8ab4f8",
        on_selection="#0d1b2a",
        placeholder="#9aa0a6",
        scrollbar="#8b9199",
        attract_surface="#0f2440",
        on_attract="#ffffff",
        attract_focus="#ffdd00",
        scrim="rgba(0, 0, 0, 200)",
    ),
    HIGH_CONTRAST: _theme(
        HIGH_CONTRAST,
        "High contrast",
        True,
        background="#000000",
        surface="#000000",
        text="#ffffff",
        muted="#ffffff",
        heading="#ffffff",
        accent="#ffff00",
        accent_hover="#ffffff",
        on_accent="#000000",
        hover_surface="#1f1f1f",
        selected_surface="#00303a",
        border="#ffffff",
        divider="#ffffff",
        focus_ring="#1aebff",
        focus_fill="#1aebff",
        on_focus="#000000",
        disabled_surface="#000000",
        disabled_text="#3ff23f",
        urgent_panel="#000000",
        urgent_label="#ffffff",
        urgent="#ffb3b3",
        urgent_hover="#ffffff",
        on_urgent="#000000",
        urgent_border="#ffffff",
        error="#ffb3b3",
        ok_surface="#000000",
        ok_border="#3ff23f",
        caution_surface="#000000",
        caution_border="#ffff00",
        stop_surface="#000000",
        stop_border="#ffb3b3",
        notice_surface="#2e2e00",
        quote="#ffffff",
        card_surface="#000000",
        header_surface="#1f1f1f",
        removed_surface="#4d0000",
        added_surface="#003d00",
        selection="#ffff00",
        on_selection="#000000",
        placeholder="#c8c8c8",
        scrollbar="#ffffff",
        attract_surface="#000000",
        on_attract="#ffffff",
        attract_focus="#1aebff",
        scrim="rgba(0, 0, 0, 230)",
    ),
}

#: What the View menu offers, in order: the system's choice first.
CHOICES: tuple[tuple[str, str], ...] = (
    (SYSTEM, "Follow the system"),
    *((theme.key, theme.label) for theme in THEMES.values()),
)


def for_system(dark: bool, high_contrast: bool) -> str:
    """The theme that matches what the system asks for."""
    if high_contrast:
        return HIGH_CONTRAST
    return DARK if dark else LIGHT
