"""Each file smguide owns, written when writing fails: run by tests/test_owned_files.py.

``python writers.py FOLDER`` expects FOLDER to hold the files made by
``prepare`` (the parent does that before the disk fills or turns read-only),
tries to change each one, and prints one JSON line per file: the message
the user would get and whether the old file is still exactly as it was.
The parent runs it with a file-size limit, on a full tmpfs, or on a
read-only one.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import signal
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

BIG = "x" * 2_000_000


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "missing"


def prepare(folder: Path, mini: Path) -> None:
    """The files as a previous, successful run left them."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication

    from smguide.core import config, snapshot
    from smguide.core.records import Records
    from smguide.ui.settings import Settings

    _app = QCoreApplication.instance() or QCoreApplication([])
    shutil.copytree(mini, folder / "root")
    config.write_atomically(folder / "config.ini", "[kiosk]\nenabled = no\n")
    settings = Settings(folder / "smguide.ini")
    settings.zoom = 120
    settings.save()
    snapshot.load_checked(folder / "root", folder / "cache")
    with Records.open(folder / "records.sqlite")[0] as records:
        session = records.create_session("mini", "induction", ["Sam"], "Jo", "2026-01-05")
        records.add_topic(session.id, "basic")
        records.set_notes(session.id, "basic", "kept")


def attempt(folder: Path) -> list[dict[str, object]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication

    from smguide import cli
    from smguide.core import applog, snapshot
    from smguide.core.records import Records, RecordsError
    from smguide.ui.settings import Settings

    _app = QCoreApplication.instance() or QCoreApplication([])
    applog.configure(folder / "log")
    results = []

    path = folder / "config.ini"
    before = _digest(path)
    out, err = io.StringIO(), io.StringIO()
    sys.stdin = io.StringIO("123456\n")
    with redirect_stdout(out), redirect_stderr(err):
        status = cli.main(["kiosk-pin", "--config", str(path)])
    results.append(
        {
            "file": "config",
            "message": err.getvalue().strip(),
            "status": status,
            "intact": _digest(path) == before,
        }
    )

    cache = folder / "cache"
    (snapshot_file,) = cache.glob("content-*.json")
    before = _digest(snapshot_file)
    tree = folder / "root" / "decision_trees" / "mini" / "basic.yaml"
    # Changed content means a new snapshot; on a read-only or full disk the
    # content cannot change either, and the old snapshot must still be kept.
    with contextlib.suppress(OSError):
        tree.write_text(tree.read_text() + f"# {BIG}\n")
    checked = snapshot.load_checked(folder / "root", cache)
    results.append(
        {
            "file": "snapshot",
            "message": "",
            "loaded": bool(checked.library.councils),
            "intact": _digest(snapshot_file) == before,
        }
    )

    path = folder / "smguide.ini"
    before = _digest(path)
    settings = Settings(path)
    settings.zoom = 150
    settings.geometry = BIG.encode()
    settings.save()
    results.append(
        {
            "file": "settings",
            "message": settings.notice or "",
            "zoom": settings.zoom,
            "intact": _digest(path) == before,
        }
    )

    path = folder / "records.sqlite"
    message = ""
    try:
        records, _ = Records.open(path)
        with records:
            (session,) = records.sessions()
            records.set_notes(session.id, "basic", BIG)
    except RecordsError as error:
        message = str(error)
    try:
        with Records.open(path)[0] as again:
            notes = again.sessions()[0].topics[0].notes
    except RecordsError:  # read-only: sqlite may refuse even to read without a journal
        import sqlite3

        db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        notes = db.execute("SELECT notes FROM topic").fetchone()[0]
        db.close()
    results.append({"file": "records", "message": message, "intact": notes == "kept"})
    leftovers = sorted(
        p.name for p in folder.iterdir() if p.name.startswith(".") or p.suffix in (".tmp", ".new")
    )
    results.append({"file": "folder", "message": "", "leftovers": leftovers, "intact": True})
    return results


if __name__ == "__main__":
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead
    if sys.argv[1] == "prepare":
        prepare(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        for result in attempt(Path(sys.argv[2])):
            print(json.dumps(result))
