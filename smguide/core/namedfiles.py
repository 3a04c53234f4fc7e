"""Files that content names by path: kept inside its folder, looked up without raising.

A document's front matter names its source text, and council.yaml names its
documents. Those names are written by hand or come with content from
elsewhere, so a name may be far too long for the file system, hold a NUL
character, or climb out of the content folder (``../../secrets.txt``). Each
is a problem to report, never an exception, and the app never reads a file
outside the content it was given.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath


def inside(folder: Path, name: str) -> Path | None:
    """*folder* / *name* if *name* is a relative path that stays inside *folder*, else None."""
    if not name or "\x00" in name or len(name) > 1024:
        return None
    if PurePosixPath(name).is_absolute() or PureWindowsPath(name).is_absolute():
        return None
    if PureWindowsPath(name).drive or ".." in PurePosixPath(name.replace("\\", "/")).parts:
        return None
    return folder / name


def is_file(path: Path) -> bool:
    """Whether *path* is a file; a name the system refuses (too long, bad characters) is not."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False
