"""Validated content kept between runs, so the window opens without re-parsing.

Parsing YAML and validating every tree is most of the work of starting up,
and content rarely changes between two starts. After a full load and
validation, the library and its problems are written to the user's cache
with a listing of every content file (path, size, modification time) and of
the code that read them. The next start lists the files again: any
difference, or any doubt about the snapshot, means a full load. A snapshot
can make start-up faster; it can never make it show stale content.

The file is JSON, read back only into the model's own classes, never pickle:
a file in a cache folder must not be able to run code.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path
from typing import Any

from smguide import __version__
from smguide.core import locations, model
from smguide.core.model import Library
from smguide.core.problems import Problem, merged
from smguide.core.review import review_problems

#: Bumped when the file's layout or the model changes shape.
FORMAT = 1


def file_name(root: Path) -> str:
    """One snapshot per content root, so two roots used in turn do not undo each other."""
    return f"content-{zlib.crc32(str(root.resolve()).encode('utf-8')):08x}.json"


#: The key that marks an encoded object. YAML cannot hold a NUL character, so
#: no key read from content can be mistaken for it.
_TAG = "\x00"
_CLASSES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        model.Citation,
        model.Clause,
        model.Contact,
        model.Council,
        model.CouncilContent,
        model.Document,
        model.Library,
        model.Option,
        model.Outcome,
        model.Question,
        model.Tree,
        model.UrgentEntry,
        Problem,
    )
}


@dataclass(frozen=True)
class Checked:
    """A library with every problem ``check`` finds in it, and where it came from."""

    library: Library
    problems: list[Problem]
    from_snapshot: bool


def load_checked(
    root: Path | str | None = None,
    cache_dir: Path | None = None,
    today: datetime.date | None = None,
) -> Checked:
    """The library under *root* and its problems, as ``load_library`` and ``check`` give.

    With a *cache_dir*, a snapshot there is used when every file matches, and
    a fresh one is written after a full load. Without one nothing is read
    from or written to disk but the content itself (as in kiosk mode).
    """
    base = locations.content_root(root)
    found = read(cache_dir / file_name(base), base) if cache_dir is not None else None
    if found is not None:
        library, static = found
        return Checked(library, merged(static, review_problems(library, today)), True)

    from smguide.core.loading import load_library
    from smguide.core.validation import validate

    library = load_library(base)
    static = validate(library)
    if cache_dir is not None:
        write(cache_dir / file_name(base), library, static)
    return Checked(library, merged(static, review_problems(library, today)), False)


def read(path: Path, root: Path) -> tuple[Library, list[Problem]] | None:
    """The snapshot's library and validation problems, or None unless it matches *root* now."""
    try:
        with path.open("r", encoding="utf-8") as stream:
            header = json.loads(stream.readline())
            if header != _header(root, header.get("sources", [])):
                return None
            body = json.loads(stream.readline(), object_hook=_decode)
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None  # unreadable, damaged or from another version: load afresh
    if not isinstance(body, dict):
        return None
    library, problems = body.get("library"), body.get("problems")
    if not isinstance(library, Library) or not isinstance(problems, tuple):
        return None
    if not all(isinstance(problem, Problem) for problem in problems):
        return None
    return library, list(problems)


def write(path: Path, library: Library, problems: Iterable[Problem]) -> bool:
    """Keep *library* and its validation *problems*; False when the cache cannot be written.

    Written to a temporary file and renamed into place, so a reader sees the
    old snapshot or the new one, never half of one.
    """
    sources = sorted(
        {
            str((document.path.parent / document.source).resolve())
            for content in library.councils.values()
            for document in content.documents.values()
            if document.source
        }
    )
    header = _header(library.root, sources)
    body = {"library": _encode(library), "problems": _encode(tuple(problems))}
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("w", encoding="utf-8") as stream:
            stream.write(json.dumps(header, ensure_ascii=False) + "\n")
            stream.write(json.dumps(body, ensure_ascii=False, separators=(",", ":")) + "\n")
        temporary.replace(path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        return False
    return True


def _header(root: Path, sources: list[str]) -> dict[str, Any]:
    """What the snapshot depends on: the program, and the state of every file it read."""
    code = Path(__file__).resolve().parent
    return {
        "format": FORMAT,
        "version": __version__,
        "root": str(root.resolve()),
        "files": _listing([root / locations.CONTENT, root / locations.TREES], recurse=True)
        + _listing([code], recurse=False),
        "sources": sources,
        "source_files": _stat_each(sources),
    }


def _listing(folders: Iterable[Path], *, recurse: bool) -> list[list[Any]]:
    """Every entry under *folders*: path, size and modification time (folders by name)."""
    entries: list[list[Any]] = []
    pending = [str(folder) for folder in folders]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as scan:
                for entry in scan:
                    if entry.is_dir():
                        entries.append([entry.path, "folder", 0])
                        if recurse:
                            pending.append(entry.path)
                    else:
                        stat = entry.stat()
                        entries.append([entry.path, stat.st_size, stat.st_mtime_ns])
        except OSError:
            entries.append([folder, "unreadable", 0])
    return sorted(entries)


def _stat_each(paths: Iterable[str]) -> list[list[Any]]:
    entries: list[list[Any]] = []
    for path in paths:
        try:
            stat = Path(path).stat()
        except OSError:
            entries.append([path, "missing", 0])
        else:
            entries.append([path, stat.st_size, stat.st_mtime_ns])
    return entries


def _encode(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if is_dataclass(value) and not isinstance(value, type):
        encoded = {f.name: _encode(getattr(value, f.name)) for f in fields(value)}
        encoded[_TAG] = type(value).__name__
        return encoded
    if isinstance(value, Path):
        return {_TAG: "path", "value": str(value)}
    if isinstance(value, datetime.date):
        return {_TAG: "date", "value": value.isoformat()}
    if isinstance(value, frozenset):
        return {_TAG: "frozenset", "value": sorted(_encode(item) for item in value)}
    if isinstance(value, tuple):
        return {_TAG: "tuple", "value": [_encode(item) for item in value]}
    if isinstance(value, Mapping) and all(isinstance(key, str) for key in value):
        return {key: _encode(item) for key, item in value.items()}
    raise TypeError(f"cannot keep a {type(value).__name__} in a snapshot")


_VALUES: dict[str, Callable[[Any], Any]] = {
    "path": Path,
    "date": datetime.date.fromisoformat,
    "frozenset": frozenset,
    "tuple": tuple,
}


def _decode(obj: dict[str, Any]) -> Any:
    tag = obj.pop(_TAG, None)
    if tag is None:
        return obj
    if tag in _VALUES:
        return _VALUES[tag](obj["value"])
    return _CLASSES[tag](**obj)
