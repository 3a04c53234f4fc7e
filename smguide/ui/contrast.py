"""WCAG 2.2 contrast ratios, computed from ``#rrggbb`` colours.

Plain Python, so the theme test can hold every colour pair of every theme to
the 4.5:1 (text) and 3:1 (large text, focus indicators, control borders)
minimums without a screen.
"""

from __future__ import annotations

import re

_HEX = r"#([0-9a-fA-F]{6})"

#: WCAG 2.2 success criterion 1.4.3: normal text.
TEXT = 4.5
#: 1.4.3 for large text, and 1.4.11 for focus indicators and control borders.
NON_TEXT = 3.0


def rgb(colour: str) -> tuple[int, int, int]:
    """The red, green and blue of ``#rrggbb``; anything else is a ValueError."""
    match = re.fullmatch(_HEX, colour)
    if match is None:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    value = int(match.group(1), 16)
    return (value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF


def relative_luminance(colour: str) -> float:
    """WCAG's relative luminance: 0 for black, 1 for white."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """The contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
