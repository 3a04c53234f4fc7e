"""How each verdict is shown to a reader: in words and with a symbol.

Apart from the renderer so that a page can name a verdict (a search
suggestion, a banner) without loading the templates.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Verdict:
    """How a verdict is shown: in words and with a symbol, never by colour alone."""

    key: str
    label: str
    symbol: str


VERDICTS = {
    "ok": Verdict("ok", "Go ahead", "✓"),
    "caution": Verdict("caution", "Go ahead with care", "!"),
    "stop": Verdict("stop", "Don't do this", "✕"),
    "urgent": Verdict("urgent", "Act now", "⚠"),
}
