"""The one place that knows where content, trees and resources live.

An installed wheel (and later a PyInstaller bundle) carries them inside the
package as ``smguide/_data``; a source checkout has them at its top level.
Everything else asks this module, so all three layouts behave the same.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

CONTENT = "content"
TREES = "decision_trees"
RESOURCES = "resources"

#: Points the program at another content root, for example edited content.
ENV_VAR = "SMGUIDE_CONTENT"


def _looks_like_root(path: Path) -> bool:
    return (path / CONTENT).is_dir() and (path / TREES).is_dir()


def builtin_root() -> Path:
    """The folder shipped with the program: content, trees and resources."""
    # Beside the package's own files: true for a wheel and a PyInstaller bundle
    # alike, and cheaper at start-up than importlib.resources.
    packaged = Path(__file__).resolve().parents[1] / "_data"
    if _looks_like_root(packaged):
        return packaged
    checkout = Path(__file__).resolve().parents[2]
    if _looks_like_root(checkout):
        return checkout
    raise FileNotFoundError(
        f"smguide's built-in content was not found in {packaged} or {checkout}; "
        "reinstall the package"
    )


def content_root(override: Path | str | None = None) -> Path:
    """The root holding ``content/`` and ``decision_trees/`` to load.

    An explicit *override* (the ``--content`` option) wins, then the
    ``SMGUIDE_CONTENT`` environment variable, then the built-in content.
    """
    chosen = override or os.environ.get(ENV_VAR)
    return Path(chosen) if chosen else builtin_root()


def resources_dir() -> Path:
    """Templates, style sheets and icons.

    They always come from the program itself, even when content comes from
    elsewhere, because templates belong to the code that fills them.
    """
    return builtin_root() / RESOURCES


def user_cache_dir() -> Path:
    """The user's cache folder for smguide, where Qt's ``CacheLocation`` puts it.

    The same folder the app's window uses (a test holds the two together), so
    the command line can read the snapshots and last good copies without Qt.
    """
    home = Path.home()
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA") or str(home / "AppData" / "Local")
        return Path(local) / "smguide" / "smguide" / "cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "smguide" / "smguide"
    base = os.environ.get("XDG_CACHE_HOME", "")
    # As Qt does: a relative XDG path is ignored.
    root = Path(base) if base and Path(base).is_absolute() else home / ".cache"
    return root / "smguide" / "smguide"
