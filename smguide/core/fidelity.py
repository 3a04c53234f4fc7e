"""Holding clauses against the source text they were taken from.

The product's first promise is that policy is quoted, never paraphrased. The
comparison ignores only what extraction and Markdown change: list markers,
emphasis, escapes, line breaks, and a footnote that extraction dropped into
running text.
"""

from __future__ import annotations

import re
from pathlib import Path

from smguide.core.model import Document
from smguide.core.namedfiles import inside

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_LIST_MARKER = re.compile(r"^\s*(?:[-•*]|\d+\.)\s+", re.MULTILINE)
_FOOTNOTE_LINE = re.compile(r"^[¹²³⁴⁵⁶⁷⁸⁹].*$", re.MULTILINE)


def normalise(text: str) -> str:
    """Text with Markdown markup, list markers and layout removed, for comparing."""
    text = _LINK.sub(r"\1", text)
    text = _LIST_MARKER.sub("", text)
    text = text.replace("**", "").replace("*", "").replace("\\", "")
    return " ".join(text.split())


def source_text(document: Document) -> str | None:
    """The part of the document's source file it was taken from, or None if unreadable."""
    path = inside(document.path.parent, document.source)
    if path is None:
        return None  # reported by the parser: never read outside the content
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, ValueError):  # ValueError: not UTF-8
        return None
    if document.source_lines:
        first, last = document.source_lines
        text = "\n".join(text.splitlines()[first - 1 : last])
    return text


def differing_clauses(document: Document) -> list[str]:
    """Numbers of the clauses whose text is not found in the source."""
    source = source_text(document)
    if source is None:
        return []
    whole = normalise(source)
    without_footnotes = normalise(_FOOTNOTE_LINE.sub("", source))
    return [
        clause.number
        for clause in document.clauses
        if (text := normalise(clause.text)) not in whole and text not in without_footnotes
    ]
