"""Which content to show: the built-in content, or a content folder, and what if it fails.

The machine configuration may name a content folder, typically a read-only
network share that the policy owner updates, so a new policy reaches every
desktop without a new build. A share can be down, slow, half-copied or
broken by an edit; the guide must never be. So:

1. ``--content`` (or ``SMGUIDE_CONTENT``) is shown as it is, problems and
   all: that is how an author checks their own work.
2. A configured folder is shown when it can be reached and validates (no
   errors; warnings such as an overdue review are fine). Each time it does,
   a copy of it, as validated, is kept in the user's cache: the "last good
   copy".
3. Otherwise the last good copy of that folder, if there is one; else the
   built-in content. Either way the reason is kept, so the app and the
   command line can say what is shown and why.

A kiosk may read the last good copy but never writes one (it writes nothing).
"""

from __future__ import annotations

import contextlib
import datetime
import os
import zlib
from pathlib import Path

from smguide import __version__
from smguide.core import locations
from smguide.core.problems import errors, merged
from smguide.core.review import review_problems
from smguide.core.snapshot import Checked, file_name, last_changed, load_checked, read, read_header
from smguide.core.value import Value

#: How long the content folder may take to answer before the guide gives up on
#: it: an unreachable share can otherwise hold the window up for a minute.
REACH_TIMEOUT_S = 5.0

BUILT_IN, OVERRIDE, FOLDER, LAST_GOOD = "built-in", "override", "folder", "last good copy"


class ContentSource(Value):
    """Where the content shown came from, which version it is, and why."""

    kind: str
    #: The root loaded (for a last good copy, the folder it was copied from).
    root: Path
    #: The content folder named in the machine configuration, if any.
    folder: Path | None = None
    #: When the newest content file shown was changed: the content's version.
    changed: datetime.datetime | None = None
    #: When the last good copy shown was kept (it validated then).
    kept: datetime.datetime | None = None
    #: Why the configured folder is not shown; empty when it is, or none is set.
    reason: str = ""
    #: The folder's problems (``path:line: message``) when it failed validation.
    folder_problems: tuple[str, ...] = ()

    @property
    def fallen_back(self) -> bool:
        """A content folder is configured, but something else is shown."""
        return bool(self.reason)

    def version(self) -> str:
        """Which content is shown, in words: the built-in, the folder's, or a copy of it."""
        if self.kind == BUILT_IN:
            return f"the built-in content of smguide {__version__}"
        changed = f", last changed {_when(self.changed)}" if self.changed else ""
        if self.kind == LAST_GOOD:
            kept = f", checked {_when(self.kept)}" if self.kept else ""
            return f"the last good copy of {self.folder}{changed}{kept}"
        if self.kind == OVERRIDE:
            return f"the content in {self.root}{changed}"
        return f"the content folder {self.folder}{changed}"

    def short(self) -> str:
        """A few words for the status bar; the tooltip and About say the rest.

        Empty for the built-in content when no folder is configured: the
        ordinary case needs no words. Short, as it shares the bar with the
        council's name at twice the text size.
        """
        day = f" of {self.changed.day} {self.changed:%b %Y}" if self.changed else ""
        if self.kind == BUILT_IN:
            return "Built-in content" if self.folder else ""
        if self.kind == LAST_GOOD:
            return f"Last good copy{day}"
        return f"Content{day}"

    def describe(self) -> str:
        """One sentence for a person: what is shown, and why when it is not the folder."""
        if not self.fallen_back:
            return f"Showing {self.version()}."
        shown = self.version().replace(f"copy of {self.folder}", "copy of it")
        return f"The content folder {self.folder} {self.reason}, so this is {shown}."


class Chosen(Value):
    """The content to show, checked, and where it came from."""

    checked: Checked
    source: ContentSource


def choose_content(
    override: Path | str | None = None,
    folder: Path | None = None,
    cache_dir: Path | None = None,
    *,
    writable: bool = True,
    today: datetime.date | None = None,
    timeout: float = REACH_TIMEOUT_S,
) -> Chosen:
    """The content to show, following the order in this module's docstring.

    *override* is ``--content``; *folder* is the configuration's ``content``;
    *cache_dir* holds snapshots and last good copies, written only when
    *writable* (a kiosk and the command line read them but never write).
    Never raises for a folder that is missing, slow, unreadable or broken.
    """
    override = override or os.environ.get(locations.ENV_VAR) or None
    if override is not None:
        root = Path(override)
        checked = load_checked(root, cache_dir, today, writable=writable)
        return Chosen(checked, ContentSource(OVERRIDE, root, changed=last_changed(root)))
    if folder is None:
        return _built_in(cache_dir, writable, today)

    reason = unreachable(folder, timeout)
    problems: tuple[str, ...] = ()
    if not reason:
        try:
            checked = load_checked(folder, cache_dir, today, writable=writable)
        except OSError as error:  # the share went away while it was read
            reason = f"could not be read ({error.strerror or error})"
        else:
            found = errors(checked.problems)
            if not found and checked.library.councils:
                if writable and cache_dir is not None:
                    keep_good_copy(cache_dir, folder, checked.from_snapshot)
                changed = last_changed(folder)
                return Chosen(checked, ContentSource(FOLDER, folder, folder, changed))
            problems = tuple(problem.format() for problem in found)
            reason = (
                f"has {len(found)} problem(s) (run 'smguide check')"
                if found
                else "holds no council"
            )

    good = read_good_copy(cache_dir, folder, today) if cache_dir is not None else None
    if good is not None:
        checked, changed, kept = good
        source = ContentSource(LAST_GOOD, folder, folder, changed, kept, reason, problems)
        return Chosen(checked, source)
    built_in = _built_in(cache_dir, writable, today)
    source = ContentSource(
        BUILT_IN, built_in.source.root, folder, reason=reason, folder_problems=problems
    )
    return Chosen(built_in.checked, source)


def unreachable(folder: Path, timeout: float = REACH_TIMEOUT_S) -> str:
    """Why *folder* cannot be used as a content root, or "" when it can.

    Asked on a worker thread: a share whose server is down can block a file
    system call for far longer than anyone waits for a window.
    """
    import threading

    answer: list[str] = []

    def probe() -> None:
        try:
            if not folder.is_dir():
                answer.append("was not found or could not be reached")
                return
            missing = [
                name
                for name in (locations.CONTENT, locations.TREES)
                if not (folder / name).is_dir()
            ]
            answer.append(f"has no {' or '.join(missing)} folder in it" if missing else "")
        except OSError as error:  # pragma: no cover - is_dir() swallows most
            answer.append(f"could not be read ({error.strerror or error})")

    worker = threading.Thread(target=probe, name="smguide-content-probe", daemon=True)
    worker.start()
    worker.join(timeout)
    if not answer:
        return f"did not answer within {timeout:g} seconds"
    return answer[0]


def good_copy_path(cache_dir: Path, folder: Path) -> Path:
    """Where the last good copy of *folder* is kept.

    Named from the folder as configured, never resolved: resolving a path on a
    share that is down can hang.
    """
    return cache_dir / f"good-{zlib.crc32(str(folder).encode('utf-8')):08x}.json"


def keep_good_copy(cache_dir: Path, folder: Path, unchanged: bool) -> bool:
    """Keep the snapshot just made of *folder*, which validated, as its last good copy.

    *unchanged* says the snapshot was read rather than made, so the copy kept
    when it was made is still the newest; it is only made again if it has gone.
    """
    target = good_copy_path(cache_dir, folder)
    if unchanged and target.exists():
        return True
    snapshot = cache_dir / file_name(folder)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(snapshot.read_bytes())
        temporary.replace(target)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        return False
    return True


def read_good_copy(
    cache_dir: Path, folder: Path, today: datetime.date | None = None
) -> tuple[Checked, datetime.datetime | None, datetime.datetime | None] | None:
    """The last good copy of *folder*, when it was last changed, and when it was kept.

    None when there is none, or it is damaged or from another version of
    smguide (whose model may differ): then the built-in content is shown.
    """
    path = good_copy_path(cache_dir, folder)
    header = read_header(path)
    found = read(path, folder, match=False) if header is not None else None
    if header is None or found is None:
        return None
    library, static, councils = found
    try:
        kept = datetime.datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    except OSError:
        kept = None
    checked = Checked(library, merged(static, review_problems(councils, today)), True)
    return checked, last_changed(folder, header), kept


def _built_in(cache_dir: Path | None, writable: bool, today: datetime.date | None) -> Chosen:
    root = locations.builtin_root()
    checked = load_checked(root, cache_dir, today, writable=writable)
    return Chosen(checked, ContentSource(BUILT_IN, root))


def _when(moment: datetime.datetime | None) -> str:
    if moment is None:
        return "at an unknown time"
    return f"{moment.day} {moment:%B %Y} at {moment:%H:%M}"
