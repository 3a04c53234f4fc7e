"""The log for IT, and what happens on an unexpected error in the app.

The log is a rotating file in the user's data folder with warnings and
errors only, set up at the first message (not at start-up), absent in
kiosk mode, and never told what the user answered, searched for or typed.
An exception escaping a slot while the app runs is logged with its
traceback and explained in a dialog that names the log; the app carries on.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from smguide.core import applog
from smguide.ui import crashes

ROOT = Path(__file__).parent.parent


@pytest.fixture
def log_folder(tmp_path: Path):
    folder = tmp_path / "data"
    applog.configure(folder)
    yield folder
    applog.configure(None)


def test_nothing_is_written_without_a_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    applog.configure(None)
    applog.warning("nowhere")
    applog.error("nowhere either")
    assert applog.path() is None
    assert list(tmp_path.iterdir()) == []


def test_warnings_and_errors_are_kept_and_the_file_rotates(log_folder: Path) -> None:
    applog.warning("a warning")
    try:
        raise ValueError("broken")
    except ValueError as error:
        applog.error("an error", exc_info=(ValueError, error, error.__traceback__))
    text = (log_folder / applog.FILE).read_text(encoding="utf-8")
    assert " WARNING a warning" in text
    assert " ERROR an error" in text and "ValueError: broken" in text
    for _ in range(applog.MAX_BYTES // 1000 * (applog.BACKUPS + 2)):
        applog.warning("x" * 1000)
    files = sorted(p.name for p in log_folder.iterdir())
    assert files == [applog.FILE] + [f"{applog.FILE}.{n}" for n in range(1, applog.BACKUPS + 1)]
    assert all(p.stat().st_size <= applog.MAX_BYTES + 2000 for p in log_folder.iterdir())


def test_a_log_that_cannot_be_written_is_given_up_quietly(tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    applog.configure(blocker / "data")
    try:
        applog.warning("lost")
    finally:
        applog.configure(None)
    assert capsys.readouterr().err == ""


def test_an_unexpected_error_is_logged_and_explained(log_folder: Path, capsys) -> None:
    shown: list[str] = []
    try:
        raise KeyError("who")
    except KeyError as error:
        crashes.handle(KeyError, error, error.__traceback__, show=shown.append)
    (text,) = shown
    assert text.startswith("Something unexpected went wrong in smguide. You can carry on")
    assert str(log_folder / applog.FILE) in text
    logged = (log_folder / applog.FILE).read_text(encoding="utf-8")
    assert "ERROR unexpected error in the app" in logged and "KeyError: 'who'" in logged
    assert "unexpected error: KeyError" in capsys.readouterr().err


def test_without_a_log_the_dialog_does_not_name_one() -> None:
    applog.configure(None)
    shown: list[str] = []
    error = RuntimeError("x")
    crashes.handle(RuntimeError, error, None, show=shown.append)
    assert "written to" not in shown[0]


def test_an_error_while_the_dialog_is_up_is_only_logged(log_folder: Path) -> None:
    shown: list[str] = []

    def show_and_fail_again(text: str) -> None:
        shown.append(text)
        error = RuntimeError("again")
        crashes.handle(RuntimeError, error, None, show=shown.append)

    crashes.handle(RuntimeError, RuntimeError("first"), None, show=show_and_fail_again)
    assert len(shown) == 1
    assert (log_folder / applog.FILE).read_text(encoding="utf-8").count("ERROR unexpected") == 2


CRASH_IN_THE_APP = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from smguide.core import applog
from smguide.core.loading import load_library
from smguide.core.records import Records
from smguide.ui import crashes
from smguide.ui.app import application, build_window
from smguide.ui.mainwindow import MainWindow
from smguide.ui.settings import Settings

folder = Path(sys.argv[1])
applog.configure(folder / "data")
crashes.install()
shown = []
crashes._dialog = shown.append
app = application()
window = build_window(load_library(), "nottinghamshire", Settings(folder / "s.ini"))
window.show()
# What a user did before the fault: none of it may reach the log.
window.start_tree("friend-request")
window.model.answer("client")
window.search_index().search("my neighbour Priya Sharma sent a request")
with Records.open(folder / "records.sqlite")[0] as records:
    session = records.create_session(
        "nottinghamshire", "induction", ["Priya Sharma"], "Jo Bloggs", "2026-01-05",
        topics=["friend-request"],
    )
    records.set_notes(session.id, "friend-request", "Priya's private note about her son")

def broken(self, clause_id=None):
    raise RuntimeError("the library would not open")

MainWindow.open_library = broken
carried_on = []
QTimer.singleShot(0, lambda: window.open_library())
QTimer.singleShot(50, lambda: carried_on.append(window.isVisible()))
QTimer.singleShot(100, app.quit)
status = app.exec()
window.may_close = True
log = (folder / "data" / applog.FILE).read_text(encoding="utf-8")
print(json.dumps({"status": status, "shown": shown, "carried_on": carried_on, "log": log}))
"""


def _child(code: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    paths = [] if os.environ.get("SMGUIDE_EXPECT_INSTALLED") else [str(ROOT)]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(paths),
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_an_error_in_a_slot_is_logged_shown_and_survived(tmp_path: Path) -> None:
    done = _child(CRASH_IN_THE_APP, tmp_path, str(tmp_path))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["status"] == 0
    assert result["carried_on"] == [True]
    (shown,) = result["shown"]
    assert str(tmp_path / "data" / applog.FILE) in shown
    log = result["log"]
    assert "RuntimeError: the library would not open" in log
    assert "Traceback (most recent call last)" in log
    for private in ("Priya", "Sharma", "neighbour", "private note", "Jo Bloggs", "client"):
        assert private not in log, private


STARTS = """
import sys
from smguide.cli import main
status = main(sys.argv[1:])
from smguide.core import applog
from smguide.ui import crashes
print(status, sys.excepthook is crashes.handle, applog.path(), "logging.handlers" in sys.modules)
"""


def test_the_app_installs_the_hook_and_sets_up_no_logging_until_needed(tmp_path: Path) -> None:
    done = _child(STARTS, tmp_path, "--self-test")
    assert done.returncode == 0, done.stderr
    status, hooked, path, handlers = done.stdout.splitlines()[-1].split(" ")
    assert (status, hooked, handlers) == ("0", "True", "False")
    assert path == str(tmp_path / "xdg-data" / "smguide" / "smguide" / applog.FILE)
    assert not Path(path).exists()


def test_a_kiosk_keeps_no_log(tmp_path: Path) -> None:
    done = _child(STARTS, tmp_path, "--self-test", "--kiosk")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].split(" ")[:3] == ["0", "True", "None"]
