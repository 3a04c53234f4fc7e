"""Printed and saved records: real text, the right metadata, never half a file.

Printing is tested without a printer by printing to a QPrinter in PDF
format; both kinds of PDF are read back with pypdf.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from pathlib import Path

import pypdf
import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrinter

from smguide.core.model import CouncilContent
from smguide.core.rendering import Renderer
from smguide.core.walk import Walk
from smguide.ui.printing import (
    PrintError,
    new_printer,
    outcome_document,
    print_html,
    save_pdf,
    suggested_pdf_name,
)

pytestmark = pytest.mark.usefixtures("qapp")

WHEN = datetime.datetime(2026, 11, 21, 9, 30)
TITLE = "Politely decline the request – Someone has sent me a friend request"
EXPECTED = [
    "Politely decline the request",
    "A child or adult I support through my work, or one of their family",
    "No, I haven't responded yet",
    "Friend requests should be politely declined",
    "Nottinghamshire County Council",
    "21 November 2026",
]


@pytest.fixture
def declined(ncc: CouncilContent) -> Walk:
    walked = Walk(ncc.trees["friend-request"]).answer("client").answer("not-yet")
    assert walked.outcome is not None
    return walked


@pytest.fixture
def record(ncc: CouncilContent, declined: Walk) -> str:
    return Renderer(ncc).printable(declined, WHEN, "0.1.0")


def _text(path: Path) -> str:
    reader = pypdf.PdfReader(path)
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text)


def _leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".part")]


def test_saved_pdf_has_the_records_text_and_title(record: str, tmp_path: Path) -> None:
    path = tmp_path / "record.pdf"
    save_pdf(record, path, title=TITLE)

    text = _text(path)
    for phrase in EXPECTED:
        assert phrase in text
    reader = pypdf.PdfReader(path)
    assert reader.metadata is not None
    assert reader.metadata.title == TITLE
    assert reader.metadata.creator == "smguide"
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    assert _leftovers(tmp_path) == []


def test_saving_replaces_an_existing_file(record: str, tmp_path: Path) -> None:
    path = tmp_path / "record.pdf"
    path.write_bytes(b"an older record")
    save_pdf(record, path, title=TITLE)
    assert path.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["record.pdf"]


def test_saving_into_a_missing_folder_raises_and_leaves_nothing(
    record: str, tmp_path: Path
) -> None:
    target = tmp_path / "missing" / "record.pdf"
    with pytest.raises(PrintError, match=r"^Could not save the PDF to .*record\.pdf: .+\.$"):
        save_pdf(record, target, title=TITLE)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_save_leaves_the_old_file_and_no_temporary(
    record: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "record.pdf"
    path.write_bytes(b"an older record")

    def refuse(source: Path, destination: object) -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "replace", refuse)
    with pytest.raises(PrintError, match="permission was refused"):
        save_pdf(record, path, title=TITLE)
    assert path.read_bytes() == b"an older record"
    assert _leftovers(tmp_path) == []


def test_suggested_pdf_name(declined: Walk) -> None:
    name = suggested_pdf_name(declined, datetime.date(2026, 11, 21))
    assert name == "smguide-friend-request-decline-client-request-2026-11-21.pdf"


def test_suggested_pdf_name_keeps_only_safe_characters(declined: Walk) -> None:
    odd = Walk(dataclasses.replace(declined.tree, id="Odd/Tree  ID_2"), declined.answers)
    name = suggested_pdf_name(odd, datetime.date(2026, 1, 2))
    assert name == "smguide-odd-tree-id-2-decline-client-request-2026-01-02.pdf"


def test_outcome_document_uses_the_record_style(record: str) -> None:
    document = outcome_document(record)
    assert isinstance(document, QTextDocument)
    assert "Politely decline the request" in document.toPlainText()
    assert document.defaultFont().pointSizeF() == pytest.approx(10.5)
    assert "blockquote" in document.defaultStyleSheet()
    bigger = outcome_document(record, zoom=200)
    assert bigger.defaultFont().pointSizeF() == pytest.approx(21)


def _heading_sizes(document: QTextDocument) -> dict[int, float]:
    sizes = {}
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            font = block.begin().fragment().charFormat().font()
            sizes[block.blockFormat().headingLevel()] = font.pointSizeF()
        block = block.next()
    return sizes


def test_headings_take_the_style_sheets_sizes_not_qts_own(record: str) -> None:
    assert _heading_sizes(outcome_document(record)) == {1: 16, 2: 12.5}
    assert _heading_sizes(outcome_document(record, zoom=200)) == {1: 32, 2: 25}


def test_clause_links_are_plain_text_on_paper(record: str, tmp_path: Path) -> None:
    assert 'href="clause:' in record
    document = outcome_document(record)
    assert "paragraph 29" in document.toPlainText()
    assert 'href="clause:' not in document.toHtml()

    path = tmp_path / "record.pdf"
    save_pdf(record, path, title=TITLE)
    for page in pypdf.PdfReader(path).pages:
        annotations = page.get("/Annots")
        assert annotations is None or len(annotations.get_object()) == 0
    assert "Social Media Guidelines for Managers and Employees, paragraph 29" in _text(path)


def test_print_html_to_a_pdf_printer(record: str, tmp_path: Path) -> None:
    path = tmp_path / "printed.pdf"
    printer = new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    print_html(record, printer, title=TITLE)

    assert printer.docName() == TITLE
    text = _text(path)
    for phrase in EXPECTED:
        assert phrase in text
    reader = pypdf.PdfReader(path)
    assert reader.metadata is not None
    assert reader.metadata.title == TITLE
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)


def test_print_html_on_a_plain_printer_prints(record: str, tmp_path: Path) -> None:
    path = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    print_html(record, printer, title=TITLE)
    assert "Politely decline the request" in _text(path)


def test_print_html_to_an_unwritable_file_raises(record: str, tmp_path: Path) -> None:
    printer = new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "missing" / "printed.pdf"))
    with pytest.raises(PrintError, match="Could not print"):
        print_html(record, printer, title=TITLE)


def _signature_pages(path: Path) -> list[int]:
    """The pages on which the signature section's lines are printed."""
    pages = [re.sub(r"\s+", " ", page.extract_text()) for page in pypdf.PdfReader(path).pages]
    marks = ["Signatures", "Signed to agree", "Sam Jones (employee)", "Alex Green (manager)"]
    found = []
    for mark in marks:
        found.append(next(number for number, text in enumerate(pages) if mark in text))
    last = max(number for number, text in enumerate(pages) if "Date: ____" in text)
    return [*found, last]


def test_the_signature_lines_are_never_split_over_two_pages(ncc, tmp_path: Path) -> None:
    """Notes of every length: the signatures always stay on one page."""
    from smguide.core.records import Session, Topic

    renderer = Renderer(ncc)
    split_without_keeping = 0
    for lines in range(10, 32, 3):
        topic = Topic("friend-request", notes="\n".join(f"Note {n}" for n in range(lines)))
        session = Session(
            id=1,
            council="nottinghamshire",
            kind="induction",
            people=("Sam Jones",),
            role="",
            manager="Alex Green",
            date=datetime.date(2026, 11, 21),
            created=WHEN,
            updated=WHEN,
            topics=(topic,),
        )
        html = renderer.session_record(session, WHEN, "0.1.0")
        target = tmp_path / f"record-{lines}.pdf"
        save_pdf(html, target, title="Record")
        assert len(set(_signature_pages(target))) == 1, f"{lines} lines of notes"
        plain = tmp_path / f"plain-{lines}.pdf"
        save_pdf(html.replace('id="keep-signatures"', ""), plain, title="Record")
        split_without_keeping += len(set(_signature_pages(plain))) > 1
    # The sweep does reach the case the keeping is for.
    assert split_without_keeping > 0
