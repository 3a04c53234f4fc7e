"""A read-only rich text view whose links never leave the app.

Rendered content may contain clause links (``clause:doc:number``), in-page
anchors, manager mode's ``note-clause:`` links (from templates only: content's
links are sanitised to ``https:``) and, from policy text, ``https:`` links.
Only the app's own do anything: the guide is offline, and a click must never open a browser or a
file manager on a locked-down desktop.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QByteArray, QUrl, Signal, Slot
from PySide6.QtWidgets import QTextBrowser, QWidget

from smguide.core.rendering import CLAUSE_SCHEME, NOTE_SCHEME
from smguide.ui.style import Active

_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
#: Given for any resource: not empty, so Qt does not go and read the file
#: itself, and not an image or a style sheet, so nothing is shown.
_NOTHING = QByteArray(b"\0")


def without_images(html: str) -> str:
    """*html* with any ``<img>`` removed, before Qt sees it.

    The core's sanitiser never lets one through; this is the second lock.
    Qt's text layout reads an image that no resource gives straight from the
    file it names, whatever ``loadResource`` says, so the tag must not arrive.
    """
    return _IMAGE.sub("", html) if "<img" in html.lower() else html


class RichView(QTextBrowser):
    """Shows HTML from the core's templates and routes its links."""

    #: A clause link was clicked: the clause id, e.g. ``ncc-guidelines:29``.
    clause_requested = Signal(str)
    #: A manager noted a clause as discussed (``note-clause:`` links): the clause id.
    clause_noted = Signal(str)
    #: A link that the app will not open was clicked: its address.
    outside_link = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        # Relative font sizes only: the text follows the widget font, so it zooms.
        self.document().setDefaultStyleSheet(Active.css())
        self._html = ""
        self.anchorClicked.connect(self._on_anchor_clicked)

    def setHtml(self, text: str) -> None:
        """Show *text*; kept, so a new theme or text size can lay it out again."""
        self._html = without_images(text)
        super().setHtml(self._html)

    def restyle(self) -> None:
        """Apply the theme and text size in use now, keeping the place in the text.

        QTextDocument applies its style sheet when HTML is set, so the HTML is set again.
        """
        css = Active.css()
        if css == self.document().defaultStyleSheet():
            return
        self.document().setDefaultStyleSheet(css)
        if self._html:
            position = self.verticalScrollBar().value()
            super().setHtml(self._html)
            self.verticalScrollBar().setValue(position)

    @Slot(QUrl)
    def _on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() == CLAUSE_SCHEME:
            self.clause_requested.emit(url.path())
        elif url.scheme() == NOTE_SCHEME:
            self.clause_noted.emit(url.path())
        elif not url.scheme() and url.hasFragment() and not url.path():
            self.scrollToAnchor(url.fragment())
        else:
            self.outside_link.emit(url.toString())

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        # Nothing is fetched: no images, style sheets or files from anywhere.
        # (None would let the document read a local file itself.)
        return _NOTHING
