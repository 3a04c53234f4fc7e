"""The files smguide owns survive a full disk, a read-only home and a file held by another program.

Settings (QSettings: a new file flushed and renamed into place), records
(SQLite transactions), the content snapshot and the machine configuration
(both written beside the old file, fsynced and renamed) are each changed when
the change cannot be written. Each time the user gets a clear message, or,
for the snapshot, which is only a cache, a slower next start and a line in
the log; and each old file is left exactly as it was, with no temporary file
beside it. ``tests/owned/writers.py`` does the writing in a child process, so
its disk can be filled or made read-only:

- a file-size limit (``RLIMIT_FSIZE``), which works everywhere on POSIX;
- a real, full tmpfs and a read-only one, mounted in a private mount
  namespace (``unshare``), where the system allows it.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).parent
WRITERS = HERE / "owned" / "writers.py"
MINI = HERE / "fixtures" / "mini"
ROOT = HERE.parent


def _env(home: Path) -> dict[str, str]:
    paths = [] if os.environ.get("SMGUIDE_EXPECT_INSTALLED") else [str(ROOT)]
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(paths),
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }


@pytest.fixture
def prepared(tmp_path: Path) -> Path:
    folder = tmp_path / "owned"
    folder.mkdir()
    subprocess.run(
        [sys.executable, str(WRITERS), "prepare", str(folder), str(MINI)],
        env=_env(tmp_path),
        check=True,
        timeout=120,
    )
    return folder


def _results(stdout: str) -> dict[str, dict[str, object]]:
    found = {}
    for line in stdout.splitlines():
        if line.startswith("{"):
            result = json.loads(line)
            found[str(result["file"])] = result
    assert set(found) == {"config", "snapshot", "settings", "records", "folder"}, stdout
    return found


def _assert_kept(results: dict[str, dict[str, object]]) -> None:
    for name, result in results.items():
        assert result["intact"], (name, result)
    assert results["folder"]["leftovers"] == []
    assert results["config"]["status"] != 0
    assert "could not write" in str(results["config"]["message"])
    assert "Nothing was changed" in str(results["config"]["message"])
    assert "can't be saved" in str(results["settings"]["message"])
    assert results["settings"]["zoom"] == 150  # still in use for this run
    assert str(results["records"]["message"]).startswith("Could not save the change: ")
    assert results["snapshot"]["loaded"]


def _set_file_size_limit() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_FSIZE, (64, 64))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs POSIX resource limits")
def test_no_room_to_write_keeps_every_old_file(prepared: Path, tmp_path: Path) -> None:
    """Any file growing past 64 bytes fails, as on a disk with no room left."""
    done = subprocess.run(
        [sys.executable, str(WRITERS), "attempt", str(prepared)],
        env=_env(tmp_path),
        preexec_fn=_set_file_size_limit,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    _assert_kept(_results(done.stdout))


def _namespace_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


namespaced = pytest.mark.skipif(
    not _namespace_works(), reason="cannot mount a tmpfs in a private namespace here (unshare)"
)


def _in_namespace(script: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["unshare", "-rm", "sh", "-euc", script],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@namespaced
def test_a_full_disk_keeps_every_old_file(prepared: Path, tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    done = _in_namespace(
        f"mount -t tmpfs -o size=2m tmpfs {disk}\n"
        f"cp -a {prepared}/. {disk}/\n"
        f"dd if=/dev/zero of={disk}/filler bs=4k 2>/dev/null || true\n"
        f"{sys.executable} {WRITERS} attempt {disk}\n",
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    results = _results(done.stdout)
    _assert_kept(results)
    assert "(the disk is full)" in str(results["config"]["message"])
    assert results["records"]["message"] == "Could not save the change: the disk is full."


@namespaced
def test_a_read_only_home_keeps_every_old_file_and_the_app_starts(
    prepared: Path, tmp_path: Path
) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    home = disk / "home"
    done = _in_namespace(
        f"mount -t tmpfs -o size=8m tmpfs {disk}\n"
        f"cp -a {prepared}/. {disk}/\n"
        f"mkdir -p {home}\n"
        f"mount -o remount,ro {disk}\n"
        f"{sys.executable} {WRITERS} attempt {disk}\n"
        f"HOME={home} XDG_CONFIG_HOME={home}/config XDG_DATA_HOME={home}/data "
        f"XDG_CACHE_HOME={home}/cache {sys.executable} -m smguide --self-test\n",
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    results = _results(done.stdout)
    _assert_kept(results)
    assert "(the disk or folder is read-only)" in str(results["config"]["message"])
    assert "read-only" in str(results["records"]["message"])
    assert "ready in" in done.stdout


# ---------------------------------------------------------------- held by another program


def _in_use() -> PermissionError:
    """What Windows raises when a file another program has open is to be replaced."""
    error = PermissionError(
        13, "The process cannot access the file because it is being used by another process"
    )
    error.winerror = 32  # type: ignore[attr-defined]
    return error


def test_a_configuration_file_held_open_elsewhere_is_left_and_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from smguide import cli

    path = tmp_path / "config.ini"
    path.write_text("[kiosk]\nenabled = yes\n", encoding="utf-8")

    def held(self: Path, target: object) -> Path:
        raise _in_use()

    monkeypatch.setattr(Path, "replace", held)
    monkeypatch.setattr(sys, "stdin", io.StringIO("123456\n"))
    assert cli.main(["kiosk-pin", "--config", str(path)]) != 0
    message = capsys.readouterr().err
    assert "another program is using the file (it is locked)" in message
    assert "Nothing was changed" in message
    assert path.read_text(encoding="utf-8") == "[kiosk]\nenabled = yes\n"
    assert [p.name for p in tmp_path.iterdir()] == ["config.ini"]


def test_a_snapshot_held_open_elsewhere_is_kept_and_logged(
    mini_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from smguide.core import applog, snapshot

    cache = tmp_path / "cache"
    snapshot.load_checked(mini_root, cache)
    (kept,) = cache.iterdir()
    before = kept.read_bytes()
    tree = mini_root / "decision_trees" / "mini" / "basic.yaml"
    tree.write_text(tree.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")

    def held(self: Path, target: object) -> Path:
        raise _in_use()

    applog.configure(tmp_path / "log")
    try:
        monkeypatch.setattr(Path, "replace", held)
        checked = snapshot.load_checked(mini_root, cache)
    finally:
        applog.configure(None)
    assert not checked.from_snapshot and checked.library.councils
    assert kept.read_bytes() == before
    assert list(cache.iterdir()) == [kept]
    log = (tmp_path / "log" / applog.FILE).read_text(encoding="utf-8")
    assert "WARNING the content snapshot" in log and "was not written" in log


HOLD_LOCK = """
import sys, time
from PySide6.QtCore import QCoreApplication, QLockFile
app = QCoreApplication([])
lock = QLockFile(sys.argv[1] + ".lock")
assert lock.tryLock(0)
print("locked", flush=True)
time.sleep(60)
"""


def test_settings_locked_by_another_copy_wait_half_a_second_not_for_ever(
    qapp, tmp_path: Path
) -> None:
    from smguide.ui.settings import Settings

    path = tmp_path / "smguide.ini"
    path.write_text("[view]\nzoom=120\n", encoding="utf-8")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path)],
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        settings = Settings(path)
        settings.zoom = 150
        started = time.perf_counter()
        settings.save()
        assert time.perf_counter() - started < 5
        assert settings.notice is not None and "another copy of smguide" in settings.notice
        assert path.read_text(encoding="utf-8") == "[view]\nzoom=120\n"
        assert settings.zoom == 150
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    settings.save()  # the other copy is gone: saved now
    assert "zoom=150" in path.read_text(encoding="utf-8")
