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
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

from smguide import __version__
from smguide.core import locations, model
from smguide.core.model import Council, CouncilContent, Library
from smguide.core.problems import Problem, merged
from smguide.core.review import review_problems
from smguide.core.value import Value

#: Bumped when the file's layout or the model changes shape.
FORMAT = 7


def file_name(root: Path) -> str:
    """One snapshot per content root, so two roots used in turn do not undo each other."""
    return f"content-{zlib.crc32(str(root.resolve()).encode('utf-8')):08x}.json"


#: The key that marks an encoded object. YAML cannot hold a NUL character, so
#: no key read from content can be mistaken for it.
_TAG = "\x00"
_CLASSES: dict[str, type[Value]] = {
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
        model.Scenario,
        model.SessionGuide,
        model.Tree,
        model.UrgentEntry,
        Problem,
    )
}


class Checked(Value):
    """A library with every problem ``check`` finds in it, and where it came from."""

    library: Library
    problems: list[Problem]
    from_snapshot: bool


def load_checked(
    root: Path | str | None = None,
    cache_dir: Path | None = None,
    today: datetime.date | None = None,
    *,
    writable: bool = True,
) -> Checked:
    """The library under *root* and its problems, as ``load_library`` and ``check`` give.

    With a *cache_dir*, a snapshot there is used when every file matches, and
    (unless *writable* is false, as in kiosk mode) a fresh one is written after a
    full load. Without one nothing is read from or written to disk but the
    content itself.
    """
    base = locations.content_root(root)
    found = read(cache_dir / file_name(base), base) if cache_dir is not None else None
    if found is not None:
        library, static, councils = found
        return Checked(library, merged(static, review_problems(councils, today)), True)

    from smguide.core.loading import load_library
    from smguide.core.validation import validate

    library = load_library(base)
    static = validate(library)
    if cache_dir is not None and writable:
        write(cache_dir / file_name(base), library, static)
    councils = [content.council for content in library.councils.values()]
    return Checked(library, merged(static, review_problems(councils, today)), False)


def read(
    path: Path, root: Path, *, match: bool = True
) -> tuple[Library, list[Problem], list[Council]] | None:
    """The snapshot's library, its validation problems and its councils' own records.

    None unless the snapshot matches *root* as it is now. The records (names,
    review dates) are at hand without decoding the rest of each council.
    With *match* false, only the program must match, not the files: a last
    good copy of content that cannot be reached now (see ``content_source``).

    Each council is kept on a line of its own (followed by the lines of its
    fields kept for later, see ``_LATER``, checked with it) and decoded when
    first asked for: the window shows one council, so the others cost
    nothing at start.
    """
    try:
        # Read as bytes: each council's line is checked and decoded only as
        # bytes, and only the council asked for is ever turned into text.
        with path.open("rb") as stream:
            header = json.loads(stream.readline())
            if not match:
                if header.get("format") != FORMAT or header.get("version") != __version__:
                    return None
            elif header != _header(root, header.get("sources", [])):
                return None
            index = json.loads(stream.readline(), object_hook=_decode)
            lines = stream.read().split(b"\n")
        if not isinstance(index, dict):
            return None
        loaded, problems, records = index["loaded"], index["problems"], index["records"]
        councils: dict[str, list[bytes]] = {}
        start = 0
        for council_id, checksum, later in index["councils"]:
            block = lines[start : start + 1 + later]
            start += 1 + later
            if _checksum(block) != checksum:
                return None  # damaged or cut short
            councils[council_id] = block
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None  # unreadable, damaged or from another version: load afresh
    if len(councils) != len(index["councils"]):
        return None
    for found in (loaded, problems):
        if not isinstance(found, tuple) or not all(isinstance(p, Problem) for p in found):
            return None
    if not isinstance(records, tuple) or not all(isinstance(c, Council) for c in records):
        return None
    return Library(root, _Councils(councils), loaded), list(problems), list(records)


def write(path: Path, library: Library, problems: Iterable[Problem]) -> bool:
    """Keep *library* and its validation *problems*; False when the cache cannot be written.

    Written to a temporary file, flushed to disk and renamed into place, so a
    reader sees the old snapshot or the new one, never half of one, even
    after a power cut. A failure (a full disk, a read-only folder, a file
    held by another program) keeps the old snapshot and is logged: the app
    is only slower to start next time.
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
    blocks = {
        council_id: _council_lines(content) for council_id, content in library.councils.items()
    }
    index = {
        "loaded": _Tagged("tuple", list(library.problems)),
        "problems": _Tagged("tuple", list(problems)),
        "records": _Tagged("tuple", [content.council for content in library.councils.values()]),
        "councils": [
            [key, _checksum(line.encode("utf-8") for line in block), len(block) - 1]
            for key, block in blocks.items()
        ],
    }
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # newline: the same bytes on every system, as read() checks them byte for byte.
        with temporary.open("w", encoding="utf-8", newline="\n") as stream:
            stream.write(json.dumps(header, ensure_ascii=False) + "\n")
            stream.write(json.dumps(index, ensure_ascii=False, default=_shallow) + "\n")
            # Line by line: joined first, the body of a large council is held twice.
            for number, line in enumerate(line for block in blocks.values() for line in block):
                if number:
                    stream.write("\n")
                stream.write(line)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.replace(path)
    except (OSError, ValueError) as error:  # ValueError: text the file cannot encode
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        from smguide.core import applog

        reason = getattr(error, "strerror", None) or str(error)
        applog.warning(f"the content snapshot {path} was not written: {reason}")
        return False
    return True


def _checksum(block: Iterable[bytes]) -> int:
    """The CRC-32 of a council's lines joined by newlines, taken a line at a time."""
    checksum = 0
    for number, line in enumerate(block):
        if number:
            checksum = zlib.crc32(b"\n", checksum)
        checksum = zlib.crc32(line, checksum)
    return checksum


class _Councils(Mapping[str, CouncilContent]):
    """A snapshot's councils, each decoded from its line when first asked for."""

    def __init__(self, lines: dict[str, list[bytes]]) -> None:
        self._lines = lines
        self._decoded: dict[str, CouncilContent] = {}

    def __getitem__(self, council_id: str) -> CouncilContent:
        found = self._decoded.get(council_id)
        if found is None:
            main, *later = self._lines[council_id]
            found = json.loads(main, object_hook=_Decoder(later).decode)
            if not isinstance(found, CouncilContent):
                raise TypeError(f"the snapshot's line for {council_id!r} is not a council")
            self._decoded[council_id] = found
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._lines)

    def __len__(self) -> int:
        return len(self._lines)

    def __repr__(self) -> str:
        return f"<councils from a snapshot: {', '.join(self._lines)}>"


def read_header(path: Path) -> dict[str, Any] | None:
    """The first line of the snapshot at *path*: what it was made from; None if unreadable."""
    try:
        # Read as bytes: each council's line is checked and decoded only as
        # bytes, and only the council asked for is ever turned into text.
        with path.open("rb") as stream:
            header = json.loads(stream.readline())
    except (OSError, ValueError):
        return None
    return header if isinstance(header, dict) else None


def last_changed(root: Path, header: Mapping[str, Any] | None = None) -> datetime.datetime | None:
    """When the newest file of the content under *root* was changed: its version, in effect.

    From a snapshot's *header* when given (the content itself may be out of
    reach), else from the files. None when there are none.
    """
    if header is None:
        files = _content_listing(root)
    else:
        top = Path(str(header.get("root", "")))
        under = (str(top / locations.CONTENT), str(top / locations.TREES))
        files = [entry for entry in header.get("files", []) if str(entry[0]).startswith(under)]
    times = [entry[2] for entry in files if isinstance(entry[1], int)]
    if not times:
        return None
    return datetime.datetime.fromtimestamp(max(times) / 1e9).astimezone()


def _content_listing(root: Path) -> list[list[Any]]:
    return _listing([root / locations.CONTENT, root / locations.TREES], recurse=True)


def _code_listing() -> list[list[Any]]:
    """The code that reads content: its folder, or in a bundle the program itself.

    A PyInstaller bundle keeps the modules in an archive inside the program
    file, so that file stands for them: a rebuilt bundle is a new one.
    """
    import sys

    if getattr(sys, "frozen", False):
        return _stat_each([sys.executable])
    return _listing([Path(__file__).resolve().parent], recurse=False)


def _header(root: Path, sources: list[str]) -> dict[str, Any]:
    """What the snapshot depends on: the program, and the state of every file it read."""
    return {
        "format": FORMAT,
        "version": __version__,
        "root": str(root.resolve()),
        "files": _content_listing(root) + _code_listing(),
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


def _dumps(value: Any) -> str:
    """*value* as compact JSON, each object encoded only while it is written.

    ``json`` asks ``_shallow`` for one object at a time, so the whole
    content is never copied into a second tree of dicts and lists before
    being written: with 50,000 clauses that copy doubled the app's peak memory.
    """
    return json.dumps(_field(value), ensure_ascii=False, separators=(",", ":"), default=_shallow)


class _Tagged:
    """A value JSON has no type for, written as ``{TAG: kind, "value": ...}``."""

    __slots__ = ("kind", "value")

    def __init__(self, kind: str, value: Any) -> None:
        self.kind, self.value = kind, value


def _field(value: Any) -> Any:
    """A field's value as ``json`` may meet it: tuples tagged, objects left to ``_shallow``."""
    if isinstance(value, tuple):
        return _Tagged("tuple", [_field(item) for item in value])
    if isinstance(value, frozenset):
        return _Tagged("frozenset", sorted(value))
    if isinstance(value, Mapping) and not is_dataclass(value):
        if not all(isinstance(key, str) for key in value):
            raise TypeError("cannot keep a mapping with keys that are not text in a snapshot")
        return {key: _field(item) for key, item in value.items()}
    return value


def _shallow(value: Any, later: list[str] | None = None) -> Any:
    """One object, one level deep, for ``json``'s ``default``.

    With a *later* list, the fields named in ``_LATER`` are encoded apart and
    added to it, and the object holds their place in the list.
    """
    if isinstance(value, _Tagged):
        return {_TAG: value.kind, "value": value.value}
    if is_dataclass(value) and not isinstance(value, type):
        deferred = _LATER.get(type(value).__name__, ()) if later is not None else ()
        encoded: dict[str, Any] = {}
        for f in fields(value):
            field_value = getattr(value, f.name)
            if f.name in deferred and later is not None:
                encoded[f.name] = _Tagged("later", len(later))
                later.append(_dumps(field_value))
            else:
                encoded[f.name] = _field(field_value)
        encoded[_TAG] = type(value).__name__
        return encoded
    if isinstance(value, Path):
        return {_TAG: "path", "value": str(value)}
    if isinstance(value, datetime.date):
        return {_TAG: "date", "value": value.isoformat()}
    if isinstance(value, tuple | frozenset | Mapping):
        return _shallow(_field(value), later)
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    raise TypeError(f"cannot keep a {type(value).__name__} in a snapshot")


def _council_lines(content: CouncilContent) -> list[str]:
    """A council's line, then a line for each of its fields kept for later (see ``_LATER``)."""
    later: list[str] = []
    main = json.dumps(
        _field(content),
        ensure_ascii=False,
        separators=(",", ":"),
        default=lambda value: _shallow(value, later),
    )
    return [main, *later]


#: Fields kept on lines of their own after their council's, decoded when
#: first read: the window opens on the home page, which needs none of them.
#: Only mappings, so that what stands in for one until then is one (``_Later``).
_LATER: dict[str, tuple[str, ...]] = {
    "CouncilContent": ("synonyms",),
    "Tree": ("questions", "outcomes"),
}


class _Later(Mapping[str, Any]):
    """A mapping decoded from its JSON text when first read."""

    __slots__ = ("_found", "_text")

    def __init__(self, text: bytes) -> None:
        self._text: bytes | None = text
        self._found: Mapping[str, Any] = {}

    def _mapping(self) -> Mapping[str, Any]:
        if self._text is not None:
            found = json.loads(self._text, object_hook=_decode)
            if not isinstance(found, dict):
                raise TypeError("the snapshot holds something else where a mapping belongs")
            self._found, self._text = found, None
        return self._found

    def __getitem__(self, key: str) -> Any:
        return self._mapping()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._mapping())

    def __len__(self) -> int:
        return len(self._mapping())

    def __repr__(self) -> str:
        return repr(self._mapping())


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
    return _CLASSES[tag].restore(obj)


class _Decoder:
    """``_decode``, with the lines a council's fields for later were kept on."""

    def __init__(self, later: list[bytes]) -> None:
        self.later = later

    def decode(self, obj: dict[str, Any]) -> Any:
        if obj.get(_TAG) != "later":
            return _decode(obj)
        place = obj["value"]
        if not isinstance(place, int) or not 0 <= place < len(self.later):
            raise ValueError("the snapshot names a line it does not have")
        return _Later(self.later[place])
