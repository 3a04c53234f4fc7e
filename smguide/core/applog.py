"""The app's log: warnings and errors, for whoever supports the app.

A rotating file (``smguide.log``, at most 256 KB, three older ones kept) in
the user's data folder, beside the records. It is for IT, not for the user,
so it holds what went wrong in the program and where, never what the user
did with it: no answers, search words, notes or names are ever passed to it.

Nothing is set up, and nothing imported, until the first message: the
``logging`` package with its handlers costs start-up 20 ms or more, and most
runs never log anything. Without a folder (kiosk mode, which writes nothing,
and the tests) messages go nowhere. A log that cannot be written is given up
quietly: it must never be the reason the app stops.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import logging

FILE = "smguide.log"
MAX_BYTES = 256 * 1024
BACKUPS = 3

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]

_folder: Path | None = None
_logger: logging.Logger | None = None


def configure(folder: Path | None) -> None:
    """Log into *folder* from now on (None: nowhere). Cheap: nothing is opened yet."""
    global _folder, _logger
    _folder = folder
    if _logger is not None:
        for handler in list(_logger.handlers):
            _logger.removeHandler(handler)
            handler.close()
    _logger = None


def path() -> Path | None:
    """Where the log is written, or None when nothing is logged."""
    return _folder / FILE if _folder is not None else None


def warning(message: str) -> None:
    logger = _get()
    if logger is not None:
        logger.warning(message)


def error(message: str, exc_info: ExcInfo | None = None) -> None:
    logger = _get()
    if logger is not None:
        logger.error(message, exc_info=exc_info)


def _get() -> logging.Logger | None:
    global _logger
    if _folder is None:
        return None
    if _logger is None:
        import logging
        import logging.handlers

        class QuietHandler(logging.handlers.RotatingFileHandler):
            """Drops a record it cannot write (disk full, folder gone) instead of printing."""

            def handleError(self, record: logging.LogRecord) -> None:
                pass

        logger = logging.getLogger("smguide")
        logger.setLevel(logging.WARNING)
        logger.propagate = False
        try:
            _folder.mkdir(parents=True, exist_ok=True)
            handler: logging.Handler = QuietHandler(
                _folder / FILE, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
            )
        except OSError:
            handler = logging.NullHandler()
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%Y-%m-%d %H:%M:%S")
        )
        logger.addHandler(handler)
        _logger = logger
    return _logger
