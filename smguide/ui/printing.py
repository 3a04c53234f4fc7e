"""Printing an outcome record, or saving it as a PDF, with Qt's own printing.

Staff keep these records to show what they were told and why, so the PDF
carries real, searchable text (QTextDocument prints text, not a picture),
a title, and is never left half-written: it is written beside its target
and moved into place only when complete. The window owns the dialogs; this
module only lays out and prints.
"""

from __future__ import annotations

import datetime
import errno
import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtPrintSupport import QPrinter

from smguide.core.rendering import CLAUSE_SCHEME
from smguide.core.walk import Walk
from smguide.ui.richview import without_images

if TYPE_CHECKING:
    from smguide.core.records import Session

RESOLUTION_DPI = 300
MARGIN_MM = 15.0
#: A heading whose id starts with this keeps its section on one page (signature lines).
KEEP_PREFIX = "keep-"
_KEEP = QTextFormat.Property.UserProperty + 1
FONT_FAMILIES = ["DejaVu Sans", "Arial", "Helvetica", "sans-serif"]

# Font sizes are in points at 100%, scaled by the zoom; QTextDocument takes
# margins only in px (at 96 per inch, scaled to the printer).
_STYLE = """
body {{ font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: {body}pt; }}
h1 {{ font-size: {h1}pt; font-weight: bold; margin-top: 8px; margin-bottom: 8px; }}
h2 {{ font-size: {h2}pt; font-weight: bold; margin-top: 18px; margin-bottom: 6px; }}
p {{ margin-top: 0px; margin-bottom: 6px; }}
li {{ margin-bottom: 3px; }}
blockquote {{ margin-left: 20px; margin-right: 0px; margin-bottom: 8px; color: #4d4d4d; }}
a {{ color: #000000; text-decoration: none; }}
.verdict {{ font-weight: bold; font-size: {h2}pt; }}
.record-header {{ color: #4d4d4d; font-size: {small}pt; }}
.clause-source {{ font-size: {small}pt; margin-top: 8px; margin-bottom: 4px; }}
"""


class _OfflineDocument(QTextDocument):
    """A text document that loads nothing: no image, style sheet or file from anywhere.

    QTextDocument reads ``<img src>`` from local files by itself. The HTML is
    sanitised before it gets here; this makes sure a record never carries
    anything but the text it was given, whatever reaches it.
    """

    def loadResource(self, kind: int, name: object) -> object:
        return None


class PrintError(Exception):
    """A record could not be printed or saved; the message is fit to show the user."""


def suggested_pdf_name(walk: Walk, today: datetime.date) -> str:
    """A file name that says what the record is and when it was made."""
    outcome = walk.outcome.id if walk.outcome is not None else "unfinished"
    return f"smguide-{_slug(walk.tree.id)}-{_slug(outcome)}-{today.isoformat()}.pdf"


def suggested_record_name(session: Session) -> str:
    """A manager session's record: its kind, the people and the day of the session."""
    people = "-".join(_slug(name) for name in session.people)
    return f"smguide-{session.kind}-{people}-{session.date.isoformat()}.pdf"


def outcome_document(html: str, zoom: int = 100) -> QTextDocument:
    """The record laid out for paper; printing sets the page size."""
    scale = max(zoom, 1) / 100

    def size(points: float) -> str:
        return f"{points * scale:.1f}"

    document = _OfflineDocument()
    font = QFont(FONT_FAMILIES)
    font.setPointSizeF(10.5 * scale)
    if hasattr(QFont, "setFeature"):  # Qt 6.7+
        # "staff", not a ligature glyph, so the PDF's text can be searched and copied.
        font.setFeature(QFont.Tag("liga"), 0)
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(
        _STYLE.format(body=size(10.5), h1=size(16), h2=size(12.5), small=size(9))
    )
    document.setHtml(without_images(html))
    _mark_kept_sections(document)
    _tidy_for_paper(document)
    return document


def save_pdf(html: str, path: Path, *, title: str) -> None:
    """Save the record as an A4 PDF at *path*, replacing it only once complete."""
    temporary: Path | None = None
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        os.close(handle)
        temporary = Path(name)
        writer = QPdfWriter(str(temporary))
        writer.setResolution(RESOLUTION_DPI)
        writer.setTitle(title)
        writer.setCreator("smguide")
        _set_page(writer)
        document = outcome_document(html)
        keep_sections_together(document, writer)
        document.print_(writer)
        del writer
        if not _complete_pdf(temporary):
            raise OSError(errno.EIO, "the PDF could not be written in full")
        temporary.chmod(0o644)  # mkstemp's 0600 is too private for a document
        temporary.replace(path)
        temporary = None
    except OSError as error:
        raise PrintError(f"Could not save the PDF to {path}: {_reason(error)}.") from error
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)


def new_printer() -> QPrinter:
    """A printer set up for records: A4, 15 mm margins, full resolution.

    Create it before showing QPrintDialog, so the dialog offers these as
    defaults and whatever the user then chooses is kept.
    """
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    _set_page(printer)
    return printer


def print_html(html: str, printer: QPrinter, *, title: str) -> None:
    """Print the record on a printer already chosen and set up (see ``new_printer``)."""
    target = printer.outputFileName()
    if target:
        # Qt would only print a warning if the file cannot be opened.
        try:
            with Path(target).open("ab"):
                pass
        except OSError as error:
            raise PrintError(f"Could not print to {target}: {_reason(error)}.") from error
    elif not printer.isValid():
        raise PrintError("Could not print: the printer is not available.")
    printer.setDocName(title)
    document = outcome_document(html)
    keep_sections_together(document, printer)
    document.print_(printer)
    if printer.printerState() == QPrinter.PrinterState.Error:
        raise PrintError("Could not print: the printer reported an error.")


def _set_page(device: QPdfWriter | QPrinter) -> None:
    device.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )


def keep_sections_together(document: QTextDocument, device: QPagedPaintDevice) -> None:
    """Start a kept section on a new page when it would otherwise be split.

    Qt's rich text has no ``page-break-inside: avoid``, and lines to sign
    split over two pages make a record nobody can sign properly. So the
    document is laid out as ``print_`` will lay it out on *device*, and a
    kept section that straddles a page break (and would fit on one page)
    gets a page break before its heading.
    """
    for _ in range(4):  # each break moves what follows; a few passes settle it
        number = _first_split_section(document, device)
        if number is None:
            return
        page_break = QTextBlockFormat()
        page_break.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        QTextCursor(document.findBlockByNumber(number)).mergeBlockFormat(page_break)


def block_extents(
    document: QTextDocument, device: QPagedPaintDevice
) -> tuple[list[tuple[float, float]], float]:
    """Each block's top and bottom, and the page height, as *document* prints on *device*.

    A copy is laid out as ``QTextDocument.print_`` lays out a document
    without a page size of its own: on the device, a page to a page, with
    2 cm margins at the screen's resolution inside the device's own. The
    page a point is on is its height divided by the page height.
    """
    copy = document.clone()
    layout = copy.documentLayout()
    layout.setPaintDevice(device)
    frame = copy.rootFrame().frameFormat()
    horizontal = int(2 / 2.54 * _screen_dpi(horizontal=True))
    vertical = int(2 / 2.54 * _screen_dpi(horizontal=False))
    frame.setLeftMargin(horizontal)
    frame.setRightMargin(horizontal)
    frame.setTopMargin(vertical)
    frame.setBottomMargin(vertical)
    copy.rootFrame().setFrameFormat(frame)
    copy.setPageSize(QSizeF(device.width(), device.height()))
    extents = []
    block = copy.begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        extents.append((rect.top(), max(rect.top(), rect.bottom() - 1)))
        block = block.next()
    return extents, copy.pageSize().height()


def _screen_dpi(*, horizontal: bool) -> float:
    """The resolution ``print_`` takes its 2 cm margins at: the screen's, else 96."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return 96.0
    return screen.logicalDotsPerInchX() if horizontal else screen.logicalDotsPerInchY()


def _first_split_section(document: QTextDocument, device: QPagedPaintDevice) -> int | None:
    """The block number of the first kept heading whose section would be split."""
    laid_out: tuple[list[tuple[float, float]], float] | None = None
    block = document.begin()
    while block.isValid():
        policy = block.blockFormat().pageBreakPolicy()
        already = bool(policy & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        if block.blockFormat().hasProperty(_KEEP) and not already:
            extents, height = laid_out = laid_out or block_extents(document, device)
            top = extents[block.blockNumber()][0]
            bottom = extents[_section_end(block).blockNumber()][1]
            # A section taller than a page would split anyway: leave it be.
            if top // height != bottom // height and bottom - top < 0.8 * height:
                return block.blockNumber()
        block = block.next()
    return None


def _section_end(heading: QTextBlock) -> QTextBlock:
    """The last block before the next heading of the same level or higher."""
    level = heading.blockFormat().headingLevel()
    end, block = heading, heading.next()
    while block.isValid() and not 0 < block.blockFormat().headingLevel() <= level:
        end, block = block, block.next()
    return end


def _mark_kept_sections(document: QTextDocument) -> None:
    """Note, in the block's format, each heading that asks to be kept with its section.

    The mark is on the format, not the anchor, because ``_tidy_for_paper``
    removes anchors and ``print_`` lays out a copy, which keeps formats.
    """
    marked = []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            names = fragments.fragment().charFormat().anchorNames()
            if any(name.startswith(KEEP_PREFIX) for name in names):
                marked.append(block.position())
                break
            fragments += 1
        block = block.next()
    keep = QTextBlockFormat()
    keep.setProperty(_KEEP, True)
    for position in marked:
        cursor = QTextCursor(document)
        cursor.setPosition(position)
        cursor.mergeBlockFormat(keep)


def _tidy_for_paper(document: QTextDocument) -> None:
    """Undo what ``setHtml`` does for a screen that is wrong on paper.

    Headings keep Qt's own size step, which outranks a style sheet's
    font-size. Clause links open the app's library, so in a PDF they would
    lead nowhere, and anchor names split a line into separate runs of text,
    which breaks searching the PDF for it.
    """
    Property = QTextFormat.Property
    changes = []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            text_format = fragment.charFormat()
            unwanted = [Property.AnchorName]
            if text_format.hasProperty(Property.FontPointSize):
                unwanted.append(Property.FontSizeAdjustment)
            href = text_format.anchorHref()
            if not href or href.startswith(f"{CLAUSE_SCHEME}:"):
                unwanted += [Property.IsAnchor, Property.AnchorHref]
            present = [name for name in unwanted if text_format.hasProperty(name)]
            if present:
                for name in present:
                    text_format.clearProperty(name)
                changes.append((fragment.position(), fragment.length(), text_format))
            fragments += 1
        block = block.next()
    # Few calls per change on purpose: each void call was a lost reference to
    # None in PySide6 6.12.0 on Python 3.11 (that release is now excluded).
    step = QTextCursor.MoveOperation.NextCharacter
    for position, length, text_format in changes:
        cursor = QTextCursor(document)
        cursor.movePosition(step, QTextCursor.MoveMode.MoveAnchor, position)
        cursor.movePosition(step, QTextCursor.MoveMode.KeepAnchor, length)
        cursor.setCharFormat(text_format)


def _complete_pdf(path: Path) -> bool:
    with path.open("rb") as written:
        head = written.read(5)
        written.seek(max(0, path.stat().st_size - 1024))
        return head == b"%PDF-" and b"%%EOF" in written.read()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "record"


def _reason(error: OSError) -> str:
    from smguide.core.diskerrors import plain_reason

    return plain_reason(error)
