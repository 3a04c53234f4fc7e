"""The app's remembered preferences: text size, theme, council and window geometry.

They live in an INI file through QSettings, so IT staff can read and reset
them, but nothing read back is trusted: a hand-edited or damaged file gives
defaults, never a crash. A damaged file is moved aside rather than
overwritten, so nothing the user saved is lost, and a folder that cannot be
written leaves the app working with settings held in memory. Either way
``notice`` says what happened in one sentence for the status bar (and the log).

QSettings writes the whole file anew beside the old one, flushes it to disk
and renames it into place (QSaveFile), so a full disk or a crash leaves the
old file. It takes ``smguide.ini.lock`` first and would wait for as long as
another copy of smguide holds it; ``save`` waits half a second at most.
"""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

from PySide6.QtCore import QByteArray, QLockFile, QSettings, QStandardPaths

from smguide.core import applog
from smguide.ui.themes import CHOICES, SYSTEM

ZOOM_DEFAULT = 100
ZOOM_MIN = 50
ZOOM_MAX = 300

_ZOOM = "view/zoom"
_THEME = "view/theme"
_GEOMETRY = "window/geometry"
_COUNCIL = "app/council"
_KEYS = (_ZOOM, _THEME, _GEOMETRY, _COUNCIL)
# Patterns are left to re to compile when first used: start-up need not wait for them.
_COUNCIL_ID = r"[a-z0-9][a-z0-9-]{0,63}"

_WHOLE_NUMBER = r"\s*[+-]?\d{1,6}\s*"
# Text that is not UTF-8 or holds control characters was not written by QSettings.
_CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"


def default_path() -> Path:
    """Where settings live: ``~/.config/smguide/smguide.ini`` on Linux.

    GenericConfigLocation plus our own folder, not AppConfigLocation, which
    is named after the application and organisation only if the app has set
    them: otherwise it is named after the Python executable.
    """
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    folder = Path(base) / "smguide" if base else Path.home() / ".config" / "smguide"
    return folder / "smguide.ini"


class Settings:
    """Validated, typed preferences over an INI file (or, ``in_memory()``, a dict)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path: Path | None = path or default_path()
        self.notice: str | None = None
        self._qt: QSettings | None = None
        self._memory: dict[str, object] = {}
        self._open(self.path)

    @classmethod
    def in_memory(cls) -> Settings:
        """Settings that never touch the disk, for kiosk mode and tests."""
        settings = cls.__new__(cls)
        settings.path = None
        settings.notice = None
        settings._qt = None
        settings._memory = {}
        return settings

    @classmethod
    def read_only(cls, path: Path | None = None) -> Settings:
        """The stored settings, held in memory: read as at any start, never written back.

        For ``--self-test``, which starts the app as the user would see it
        but must not leave its own window size (offscreen, say) behind.
        """
        settings = cls(path)
        settings._detach()
        return settings

    # -- preferences ------------------------------------------------------

    @property
    def zoom(self) -> int:
        """Text size in percent; anything stored that is not a whole number in range is 100."""
        value = self._get(_ZOOM)
        if isinstance(value, bool):
            return ZOOM_DEFAULT
        if isinstance(value, str) and re.fullmatch(_WHOLE_NUMBER, value):
            value = int(value)
        if isinstance(value, int) and ZOOM_MIN <= value <= ZOOM_MAX:
            return value
        return ZOOM_DEFAULT

    @zoom.setter
    def zoom(self, percent: int) -> None:
        self._set(_ZOOM, max(ZOOM_MIN, min(ZOOM_MAX, int(percent))))

    @property
    def theme(self) -> str:
        """The theme chosen in the View menu; ``system`` (follow the system) unless one is."""
        value = self._get(_THEME)
        return value if isinstance(value, str) and value in dict(CHOICES) else SYSTEM

    @theme.setter
    def theme(self, theme: str) -> None:
        if theme == SYSTEM or theme not in dict(CHOICES):
            self._remove(_THEME)
        else:
            self._set(_THEME, theme)

    @property
    def geometry(self) -> QByteArray | None:
        """The main window's ``saveGeometry()``, or None if there is none worth restoring."""
        data = _bytes(self._get(_GEOMETRY))
        return QByteArray(data) if data else None

    @geometry.setter
    def geometry(self, geometry: QByteArray | bytes | None) -> None:
        data = _bytes(geometry)
        if data:
            self._set(_GEOMETRY, QByteArray(data))
        else:
            self._remove(_GEOMETRY)

    @property
    def council(self) -> str | None:
        """The council last chosen on this machine, if the stored value looks like an id."""
        value = self._get(_COUNCIL)
        return value if isinstance(value, str) and re.fullmatch(_COUNCIL_ID, value) else None

    @council.setter
    def council(self, council_id: str | None) -> None:
        if council_id:
            self._set(_COUNCIL, council_id)
        else:
            self._remove(_COUNCIL)

    def save(self) -> None:
        """Write to disk now; a failure is reported in ``notice``, never raised."""
        if self._qt is None:
            return
        if self.path is not None and not _lock_free(self.path):
            self.notice = (
                f"Settings were not saved just now: another copy of smguide is saving "
                f"{self.path}. They will be saved next time."
            )
            applog.warning(self.notice)
            return
        self._qt.sync()
        if self._qt.status() != QSettings.Status.NoError:
            self._keep_in_memory(self._not_kept())

    # -- storage ----------------------------------------------------------

    def _get(self, key: str) -> object:
        if self._qt is None:
            return self._memory.get(key)
        try:
            return self._qt.value(key)
        except Exception:
            return None

    def _set(self, key: str, value: object) -> None:
        if self._qt is None:
            self._memory[key] = value
        else:
            self._qt.setValue(key, value)

    def _remove(self, key: str) -> None:
        if self._qt is None:
            self._memory.pop(key, None)
        else:
            self._qt.remove(key)

    def _detach(self) -> None:
        """Hold the stored values in memory from now on, and write nothing more."""
        if self._qt is not None:
            self._memory = {key: value for key in _KEYS if (value := self._get(key)) is not None}
            self._qt = None

    def _keep_in_memory(self, notice: str) -> None:
        self._detach()
        self.notice = notice
        if notice:
            applog.warning(notice)

    def _not_kept(self) -> str:
        return (
            f"Settings can't be saved in {self.path}, "
            "so changes to them will not be kept after smguide closes."
        )

    # -- opening ----------------------------------------------------------

    def _open(self, path: Path) -> None:
        try:
            damaged = _looks_damaged(path.read_bytes())
        except (FileNotFoundError, NotADirectoryError):
            damaged = False
        except OSError:
            self._keep_in_memory(
                f"Settings in {path} could not be read, so smguide is using its defaults "
                "and will not keep changes to them."
            )
            return
        if not damaged:
            qt = QSettings(str(path), QSettings.Format.IniFormat)
            if _readable(qt):
                self._qt = qt
                if not _writable(path):
                    self._keep_in_memory(self._not_kept())
                return
            del qt
        try:
            aside = _move_aside(path)
        except OSError:
            self._keep_in_memory(
                f"Settings in {path} are damaged and could not be moved aside, so smguide "
                "is using its defaults and will not keep changes to them."
            )
            return
        self._qt = QSettings(str(path), QSettings.Format.IniFormat)
        self.notice = (
            f"Your settings file was damaged, so smguide started with its defaults; "
            f"the old file was moved to {aside}."
        )
        if not _writable(path):
            self._keep_in_memory(self._not_kept())


def _lock_free(path: Path) -> bool:
    """Whether QSettings can take its lock on *path* now, rather than wait without end."""
    lock = QLockFile(f"{path}.lock")
    if not lock.tryLock(500):
        return lock.error() != QLockFile.LockError.LockFailedError
    lock.unlock()
    return True


def _bytes(value: object) -> bytes | None:
    if isinstance(value, QByteArray):
        return bytes(value.data())
    if isinstance(value, bytes | bytearray):
        return bytes(value)
    return None


def _looks_damaged(data: bytes) -> bool:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return re.search(_CONTROL, text) is not None


def _readable(qt: QSettings) -> bool:
    """Whether every key reads; QSettings parses lazily, so only then is ``status()`` known."""
    try:
        for key in qt.allKeys():
            qt.value(key)
    except Exception:
        return False
    return qt.status() == QSettings.Status.NoError


def _writable(path: Path) -> bool:
    """Whether QSettings could write *path*: it saves through a new file in the same folder."""
    if path.exists():
        return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)


def _move_aside(path: Path) -> Path:
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    count = 1
    while aside.exists():
        count += 1
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{count}")
    path.rename(aside)
    return aside
