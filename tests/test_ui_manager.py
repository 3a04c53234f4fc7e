"""Manager mode clicked through: an induction from the menu to the PDF, reopened, deleted."""

from __future__ import annotations

import datetime
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QDialog, QMessageBox

from smguide.core.records import Records
from smguide.ui import manager
from smguide.ui.manager import NewSessionDialog


@pytest.fixture
def records_file(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "data" / "records.sqlite"
    monkeypatch.setattr(manager, "records_path", lambda: path)
    return path


@pytest.fixture
def answer_dialog(monkeypatch):
    """Fill in the new-session dialog as a manager would, instead of waiting for a person."""

    def fill(people: str = "Sam Jones", vulnerable: bool = False, kind: str = "induction"):
        def exec_(dialog: NewSessionDialog) -> int:
            dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
            dialog.people.setText(people)
            dialog.role.setText("Family support worker")
            dialog.manager.setText("Alex Green")
            dialog.vulnerable.setChecked(vulnerable)
            dialog._check()
            return dialog.result()

        monkeypatch.setattr(NewSessionDialog, "exec", exec_)

    return fill


def test_an_induction_from_the_menu_to_the_pdf(
    qtbot, make_window, records_file, answer_dialog, tmp_path, ncc
) -> None:
    from pypdf import PdfReader

    window = make_window()
    answer_dialog(vulnerable=True)
    window.new_session_action.trigger()
    page = window._session_page
    assert page is not None and window.stack.currentWidget() is page
    order = [page.topics.item(row).data(Qt.ItemDataRole.UserRole) for row in range(3)]
    assert order[:2] == list(ncc.sessions.vulnerable_first)
    page.show_topic("friend-request")
    assert page.card_choice.count() >= 3
    page.card_choice.setCurrentIndex(0)
    scenario = ncc.sessions.scenario(page.card_choice.currentData())
    assert scenario.situation[:30] in page.card_view.toPlainText()
    qtbot.mouseClick(page.reveal_button, Qt.MouseButton.LeftButton)
    outcome = ncc.trees["friend-request"].outcomes[scenario.outcome]
    assert outcome.title in " ".join(page.card_view.toPlainText().split())
    page.tabs.setCurrentIndex(2)
    cited = {c.clause for c in outcome.cites}
    key = next(c.clause for c in ncc.sessions.key_clauses if c.clause not in cited)
    assert "Note as discussed under" in page.key_view.toPlainText()
    page.key_view.anchorClicked.emit(QUrl(f"note-clause:{key}"))
    assert "Discussed under: Someone has sent me a friend request" in page.key_view.toPlainText()
    page.tabs.setCurrentIndex(3)
    qtbot.keyClicks(page.notes, "Sam asked about old school friends.")
    qtbot.keyClicks(page.actions_edit, "Read ncc-guidelines 29 by Friday")
    page.topics.currentItem().setCheckState(Qt.CheckState.Checked)
    page.tabs.setCurrentIndex(1)
    assert page.question_choice.count() >= 1
    assert "If the answer is" in page.branch_view.toPlainText()

    stored = Records.open(records_file)[0].session(page.session_id).topic("friend-request")
    assert stored.covered and stored.notes == "Sam asked about old school friends."
    assert stored.actions == "Read ncc-guidelines 29 by Friday"
    assert stored.scenarios == (scenario.id,)
    assert {c.clause for c in outcome.cites} | {key} <= set(stored.clauses)

    target = tmp_path / "record.pdf"
    suggested = []
    window.ask_pdf_path = lambda name: suggested.append(name) or target
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    assert suggested == [f"smguide-induction-sam-jones-{datetime.date.today().isoformat()}.pdf"]
    text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(str(target)).pages).split())
    for expected in (
        "Nottinghamshire County Council",
        "Induction",
        "Sam Jones",
        "Alex Green",
        "Sam asked about old school friends.",
        "Read ncc-guidelines 29 by Friday",
        ncc.trees["friend-request"].title,
    ):
        assert expected in text, expected
    assert "Signed" in text or "Signature" in text


def test_closing_the_app_mid_session_loses_nothing(
    qtbot, make_window, records_file, answer_dialog
) -> None:
    window = make_window()
    answer_dialog(people="Priya Shah")
    window.new_session()
    page = window._session_page
    page.show_topic("legal-threat")
    qtbot.keyClicks(page.notes, "Half a sentence")
    window.close()

    again = make_window()
    again.show_sessions()
    listing = again._sessions_page
    assert listing.table.rowCount() == 1
    assert "Priya Shah" in listing.table.item(0, 2).text()
    qtbot.mouseClick(listing.open_button, Qt.MouseButton.LeftButton)
    reopened = again._session_page
    reopened.show_topic("legal-threat")
    assert reopened.notes.toPlainText() == "Half a sentence"
    qtbot.keyClicks(reopened.notes, ", finished later.")
    assert (
        Records.open(records_file)[0].session(reopened.session_id).topic("legal-threat").notes
        == "Half a sentence, finished later."
    )


KILLED = """
import os, signal, sys
from unittest import mock
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from smguide.ui import manager
from smguide.ui.app import application
from smguide.ui.manager import NewSessionDialog
from smguide.ui.mainwindow import MainWindow
from smguide.ui.settings import Settings
from smguide.core.loading import load_library

manager.records_path = lambda: __import__("pathlib").Path(sys.argv[1])

def exec_(dialog):
    dialog.people.setText("Kim Lee")
    dialog.manager.setText("Alex Green")
    dialog._check()
    return dialog.result()

NewSessionDialog.exec = exec_
application()
window = MainWindow(load_library(), Settings.in_memory(), "nottinghamshire")
window.show()
window.new_session()
page = window._session_page
page.show_topic("friend-request")
QTest.keyClicks(page.notes, "typed before the power cut")
print("typed", flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_killed_app_loses_nothing_typed(tmp_path: Path) -> None:
    path = tmp_path / "records.sqlite"
    result = subprocess.run(
        [sys.executable, "-c", KILLED, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert "typed" in result.stdout
    records, notice = Records.open(path)
    assert notice is None
    (session,) = records.sessions()
    assert session.people == ("Kim Lee",)
    assert session.topic("friend-request").notes == "typed before the power cut"


def test_deleting_sessions(qtbot, make_window, records_file, answer_dialog) -> None:
    window = make_window()
    records = window.records()
    old = datetime.date.today() - datetime.timedelta(days=800)
    records.create_session("nottinghamshire", "supervision", ["Old Record"], "Alex", old)
    answer_dialog(people="New Starter")
    window.new_session()
    window.show_sessions()
    listing = window._sessions_page
    assert listing.table.rowCount() == 2
    listing.confirm = lambda question: True
    listing.months.setValue(24)
    qtbot.mouseClick(listing.delete_old_button, Qt.MouseButton.LeftButton)
    assert listing.table.rowCount() == 1
    assert "New Starter" in listing.table.item(0, 2).text()
    listing.confirm = lambda question: False
    qtbot.mouseClick(listing.delete_button, Qt.MouseButton.LeftButton)
    assert listing.table.rowCount() == 1  # said no
    listing.confirm = lambda question: "cannot be undone" in question
    qtbot.mouseClick(listing.delete_button, Qt.MouseButton.LeftButton)
    assert listing.table.rowCount() == 0
    assert records.sessions() == []


def test_topics_not_yet_covered_with_an_employee(
    qtbot, make_window, records_file, answer_dialog, ncc
) -> None:
    window = make_window()
    answer_dialog(people="Sam Jones")
    window.new_session()
    page = window._session_page
    page.show_topic("friend-request")
    page.topics.currentItem().setCheckState(Qt.CheckState.Checked)
    window.show_sessions()
    listing = window._sessions_page
    listing.employee.setCurrentText("sam jones")
    text = listing.not_covered.text()
    assert text.startswith("Not yet covered with sam jones:")
    assert ncc.trees["friend-request"].title not in text
    assert ncc.trees["legal-threat"].title in text
    listing.employee.setCurrentText("Nobody Here")
    assert listing.table.rowCount() == 0


def test_a_damaged_records_file_is_moved_aside_with_a_message(
    qtbot, make_window, records_file, answer_dialog, monkeypatch
) -> None:
    records_file.parent.mkdir(parents=True)
    records_file.write_bytes(b"this is not a database" * 100)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    window = make_window()
    answer_dialog()
    window.new_session()
    assert told and "moved aside" in told[0]
    aside = [p for p in records_file.parent.iterdir() if p.name != records_file.name]
    assert aside and aside[0].read_bytes() == b"this is not a database" * 100
    assert window._session_page is not None


def test_the_dialog_asks_for_the_managers_name() -> None:
    dialog = NewSessionDialog()
    dialog.people.setText("Sam")
    dialog._check()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "your name" in dialog.error.text()


@pytest.mark.parametrize("zoom", [100, 150, 200])
def test_session_pages_fit_1280_by_720(
    qtbot, make_window, records_file, answer_dialog, zoom
) -> None:
    """Long situations and questions never widen the window; screenshots are kept."""
    window = make_window()
    window.apply_zoom(zoom)
    answer_dialog(people="Sam Jones, Priya Shah")
    window.new_session()
    page = window._session_page
    page.show_topic("friend-request")
    shots = Path(__file__).parent / "screenshots"
    shots.mkdir(exist_ok=True)
    screens = {
        "session-card": lambda: None,
        "session-reveal": page.reveal,
        "session-branches": lambda: page.tabs.setCurrentIndex(1),
        "session-key-clauses": lambda: page.tabs.setCurrentIndex(2),
        "session-notes": lambda: page.tabs.setCurrentIndex(3),
        "sessions": window.show_sessions,
    }
    for name, show in screens.items():
        show()
        qtbot.wait(200)
        assert window.minimumSizeHint().width() <= 1280, name
        assert window.width() == 1280, name
        window.grab().save(str(shots / f"{name}-{zoom}.png"))


def test_a_kiosk_keeps_no_records(make_window, records_file) -> None:
    from smguide.core.loading import load_library
    from smguide.ui.mainwindow import MainWindow
    from smguide.ui.settings import Settings

    kiosk = MainWindow(load_library(), Settings.in_memory(), "nottinghamshire", kiosk=True)
    kiosk.new_session()
    kiosk.show_sessions()
    assert kiosk.records() is None
    assert not records_file.exists()
    kiosk.may_close = True
    kiosk.close()
