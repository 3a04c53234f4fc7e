"""Manager mode's records: meetings kept in a SQLite file on this machine.

A manager and an employee go through topics together in an induction,
supervision or team meeting, and the manager types notes and agreed actions
as they talk. Those notes are personal data typed live, so the store keeps
three promises:

- Every change is one committed transaction, written with
  ``synchronous=FULL``: a crash or a power cut loses at most the change being
  made. The journal is a rollback journal, not WAL, because WAL needs shared
  memory that network home folders do not reliably give.
- A file that is not this version's records in good order is moved aside
  whole, with any journal beside it, and reported: never overwritten, never
  deleted. A file from a newer smguide is refused and left exactly as it is.
- Nothing is written but the records file: no logs, no temporary files
  (``temp_store=MEMORY``), and deleted text is overwritten inside the file
  (``secure_delete``), not merely unlinked.

The core takes a path (the UI passes one in the user's data folder), and
kiosk mode never opens one.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime
import itertools
import json
import os
import sqlite3
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: The file's layout, kept in ``PRAGMA user_version``. A file with a higher
#: number belongs to a newer smguide, and this one does not touch it.
SCHEMA_VERSION = 1

KINDS: tuple[str, ...] = ("induction", "supervision", "team-meeting")

#: Seconds a change waits for another copy of smguide to finish with the file.
DEFAULT_TIMEOUT = 5.0

_SCHEMA = f"""
CREATE TABLE session (
    id INTEGER PRIMARY KEY,
    council TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('induction', 'supervision', 'team-meeting')),
    role TEXT NOT NULL,
    manager TEXT NOT NULL,
    date TEXT NOT NULL,            -- YYYY-MM-DD, the day of the meeting
    created TEXT NOT NULL,         -- ISO 8601, UTC
    updated TEXT NOT NULL
);
CREATE INDEX session_date ON session (date);
CREATE TABLE person (
    id INTEGER PRIMARY KEY,        -- the order the names were given in
    session INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    key TEXT NOT NULL              -- the name as matched: see _key
);
CREATE INDEX person_session ON person (session);
CREATE INDEX person_key ON person (key);
CREATE TABLE topic (
    session INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    tree TEXT NOT NULL,
    position INTEGER NOT NULL,
    covered INTEGER NOT NULL DEFAULT 0 CHECK (covered IN (0, 1)),
    notes TEXT NOT NULL DEFAULT '',
    actions TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (session, tree)
);
CREATE TABLE discussed (
    id INTEGER PRIMARY KEY,        -- the order the clauses were noted in
    session INTEGER NOT NULL,
    tree TEXT NOT NULL,
    clause TEXT NOT NULL,
    UNIQUE (session, tree, clause),
    FOREIGN KEY (session, tree) REFERENCES topic (session, tree) ON DELETE CASCADE
);
CREATE TABLE revealed (
    id INTEGER PRIMARY KEY,
    session INTEGER NOT NULL,
    tree TEXT NOT NULL,
    scenario TEXT NOT NULL,
    UNIQUE (session, tree, scenario),
    FOREIGN KEY (session, tree) REFERENCES topic (session, tree) ON DELETE CASCADE
);
PRAGMA user_version = {SCHEMA_VERSION};
"""
_TABLES = frozenset({"session", "person", "topic", "discussed", "revealed"})

#: Files SQLite keeps beside a database; they belong to it and move with it.
_COMPANIONS = ("-journal", "-wal", "-shm")
_MAGIC = b"SQLite format 3\x00"
_GONE = "That session no longer exists: it may have been deleted."


class RecordsError(Exception):
    """A problem with the records, in words a UI can show the manager as they are."""


@dataclass(frozen=True)
class Topic:
    """One topic of a session: a decision tree, and what was said and agreed about it."""

    tree: str
    covered: bool = False
    notes: str = ""
    actions: str = ""
    #: Clause ids ("ncc-policy:23") discussed, in the order they were noted.
    clauses: tuple[str, ...] = ()
    #: Scenarios (outcome or route ids) revealed while walking the tree together.
    scenarios: tuple[str, ...] = ()


@dataclass(frozen=True)
class Session:
    """A meeting as recorded at one moment: a snapshot, not a live view."""

    id: int
    council: str
    kind: str
    people: tuple[str, ...]
    role: str
    manager: str
    date: datetime.date
    created: datetime.datetime
    updated: datetime.datetime
    topics: tuple[Topic, ...] = ()

    def topic(self, tree: str) -> Topic | None:
        return next((topic for topic in self.topics if topic.tree == tree), None)


class Records:
    """The sessions in one records file; every method that changes them saves at once."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path

    @classmethod
    def open(
        cls, path: Path | str, *, timeout: float = DEFAULT_TIMEOUT
    ) -> tuple[Records, str | None]:
        """The records at *path*, and a notice for the manager if the old file was set aside.

        A missing file is created (with its folder). A damaged or foreign file
        is moved aside and a new one started; the notice says where it went.
        A newer smguide's file, a locked file or an unreadable folder raise
        RecordsError and leave everything as it was.
        """
        path = Path(path).absolute()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise RecordsError(
                f"Could not make the records folder {path.parent}: {error.strerror}."
            ) from error
        if not path.exists() and not _companions(path):
            _create(path)
        connection, problem = _inspect(path, timeout)
        if connection is not None:
            return cls(connection, path), None
        moved = _move_aside(path)
        _create(path)
        connection, again = _inspect(path, timeout)
        if connection is None:
            raise RecordsError(f"Could not start new records in {path.parent}: {again}.")
        notice = (
            f"The records file could not be used ({problem}). It was moved aside, "
            f"unchanged, to {moved[0].name} in {path.parent}, and new, empty records were "
            "started. The old file may hold personal data: keep it only while it is needed."
        )
        return cls(connection, path), notice

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Records:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # Reading

    def session(self, session_id: int) -> Session:
        found = self._load(id=session_id)
        if not found:
            raise RecordsError(_GONE)
        return found[0]

    def sessions(
        self,
        employee: str | None = None,
        since: datetime.date | str | None = None,
        until: datetime.date | str | None = None,
        council: str | None = None,
    ) -> list[Session]:
        """Past sessions, newest first; *employee* matches any of a session's people.

        *since* and *until* include their own day. The employee is matched
        ignoring case and spacing, so "sam  lee" finds "Sam Lee".
        """
        return self._load(
            employee=_key(employee or "") or None,
            since=_day(since).isoformat() if since is not None else None,
            until=_day(until).isoformat() if until is not None else None,
            council=council,
        )

    def employees(self, council: str | None = None) -> list[str]:
        """Everyone with a session (of *council*), as most recently spelt, in name order."""
        with self._transaction("BEGIN", "read the records") as db:
            rows = db.execute(
                "SELECT person.name, person.key FROM person JOIN session ON session.id = "
                "person.session WHERE :council IS NULL OR session.council = :council "
                "ORDER BY session.date DESC, session.id DESC",
                {"council": council},
            ).fetchall()
        names: dict[str, str] = {}
        for name, key in rows:
            names.setdefault(key, name)
        return sorted(names.values(), key=_key)

    def topics_not_covered(
        self, employee: str, council: str, all_topics: Iterable[str]
    ) -> list[str]:
        """The topics of *all_topics* never marked covered in a session with *employee*."""
        with self._transaction("BEGIN", "read the records") as db:
            covered = {
                tree
                for (tree,) in db.execute(
                    "SELECT DISTINCT topic.tree FROM topic JOIN session ON session.id = "
                    "topic.session WHERE topic.covered AND session.council = ? AND session.id "
                    "IN (SELECT session FROM person WHERE key = ?)",
                    (council, _key(employee)),
                )
            }
        return [tree for tree in all_topics if tree not in covered]

    # Sessions

    def create_session(
        self,
        council: str,
        kind: str,
        people: Sequence[str] | str,
        manager: str,
        date: datetime.date | str,
        role: str = "",
        topics: Iterable[str] = (),
    ) -> Session:
        """A new session, saved, with *topics* (tree ids) in the order given."""
        fields = {
            "council": _required(council, "the council"),
            "kind": _kind(kind),
            "role": _text(role).strip(),
            "manager": _required(manager, "the manager's name"),
            "date": _day(date).isoformat(),
        }
        names = _people(people)
        trees = [_required(tree, "the topic") for tree in topics]
        if len(set(trees)) != len(trees):
            raise RecordsError("A topic can only be in a session once.")
        now = _stamp()
        with self._transaction("BEGIN IMMEDIATE", "save the session") as db:
            cursor = db.execute(
                "INSERT INTO session (council, kind, role, manager, date, created, updated) "
                "VALUES (:council, :kind, :role, :manager, :date, :now, :now)",
                {**fields, "now": now},
            )
            session_id = cursor.lastrowid
            assert session_id is not None  # noqa: S101 (an INSERT always makes a row)
            _insert_people(db, session_id, names)
            db.executemany(
                "INSERT INTO topic (session, tree, position) VALUES (?, ?, ?)",
                [(session_id, tree, position) for position, tree in enumerate(trees)],
            )
        return self.session(session_id)

    def update_session(
        self,
        session_id: int,
        *,
        kind: str | None = None,
        people: Sequence[str] | str | None = None,
        role: str | None = None,
        manager: str | None = None,
        date: datetime.date | str | None = None,
    ) -> None:
        """Changes the fields given; those left as None stay as they are."""
        fields = {
            "id": session_id,
            "kind": _kind(kind) if kind is not None else None,
            "role": _text(role).strip() if role is not None else None,
            "manager": _required(manager, "the manager's name") if manager is not None else None,
            "date": _day(date).isoformat() if date is not None else None,
        }
        names = _people(people) if people is not None else None
        with self._change(session_id) as db:
            db.execute(
                "UPDATE session SET kind = COALESCE(:kind, kind), role = COALESCE(:role, role), "
                "manager = COALESCE(:manager, manager), date = COALESCE(:date, date) "
                "WHERE id = :id",
                fields,
            )
            if names is not None:
                db.execute("DELETE FROM person WHERE session = ?", (session_id,))
                _insert_people(db, session_id, names)

    def delete_session(self, session_id: int) -> bool:
        """Deletes the session and everything noted in it; False if it was already gone."""
        with self._transaction("BEGIN IMMEDIATE", "delete the session") as db:
            deleted = db.execute("DELETE FROM session WHERE id = ?", (session_id,)).rowcount
        return deleted > 0

    def delete_older_than(self, months: int, today: datetime.date | None = None) -> int:
        """Deletes the sessions held more than *months* calendar months before *today*.

        A session on the cut-off day itself is kept: with *today* 2026-03-31
        and one month, 2026-02-28 is kept and 2026-02-27 goes. Returns how
        many sessions were deleted.
        """
        if isinstance(months, bool) or not isinstance(months, int) or months < 1:
            raise RecordsError("Give a whole number of months, 1 or more.")
        cutoff = months_before(today or datetime.date.today(), months)
        with self._transaction("BEGIN IMMEDIATE", "delete the old sessions") as db:
            return db.execute("DELETE FROM session WHERE date < ?", (cutoff.isoformat(),)).rowcount

    # Topics

    def add_topic(self, session_id: int, tree: str) -> None:
        """Adds the topic (a tree id) at the end of the session's topics."""
        tree = _required(tree, "the topic")
        with self._change(session_id) as db:
            if _has_topic(db, session_id, tree):
                raise RecordsError(f"That topic ({tree}) is already part of this session.")
            db.execute(
                "INSERT INTO topic (session, tree, position) VALUES (?, ?, (SELECT "
                "COALESCE(MAX(position) + 1, 0) FROM topic WHERE session = ?))",
                (session_id, tree, session_id),
            )

    def remove_topic(self, session_id: int, tree: str) -> None:
        """Removes the topic with its notes, actions, clauses and scenarios."""
        with self._change(session_id, tree) as db:
            db.execute("DELETE FROM topic WHERE session = ? AND tree = ?", (session_id, tree))

    def reorder(self, session_id: int, trees: Sequence[str]) -> None:
        """Puts the session's topics in the order of *trees*, which lists each once."""
        with self._change(session_id) as db:
            present = {
                tree
                for (tree,) in db.execute(
                    "SELECT tree FROM topic WHERE session = ?", (session_id,)
                )
            }
            if len(trees) != len(present) or set(trees) != present:
                raise RecordsError("The new order must list each of the session's topics once.")
            db.executemany(
                "UPDATE topic SET position = ? WHERE session = ? AND tree = ?",
                [(position, session_id, tree) for position, tree in enumerate(trees)],
            )

    def set_covered(self, session_id: int, tree: str, covered: bool = True) -> None:
        with self._change(session_id, tree) as db:
            db.execute(
                "UPDATE topic SET covered = ? WHERE session = ? AND tree = ?",
                (int(bool(covered)), session_id, tree),
            )

    def set_notes(self, session_id: int, tree: str, notes: str) -> None:
        """Replaces the topic's notes; called as they are typed, so kept exactly as given."""
        notes = _text(notes)
        with self._change(session_id, tree) as db:
            db.execute(
                "UPDATE topic SET notes = ? WHERE session = ? AND tree = ?",
                (notes, session_id, tree),
            )

    def set_actions(self, session_id: int, tree: str, actions: str) -> None:
        """Replaces the topic's agreed actions, kept exactly as given."""
        actions = _text(actions)
        with self._change(session_id, tree) as db:
            db.execute(
                "UPDATE topic SET actions = ? WHERE session = ? AND tree = ?",
                (actions, session_id, tree),
            )

    def add_clauses(self, session_id: int, tree: str, clauses: Iterable[str]) -> None:
        """Notes clauses as discussed under the topic; ones already noted keep their place."""
        ids = [_clause(clause) for clause in clauses]
        with self._change(session_id, tree) as db:
            db.executemany(
                "INSERT OR IGNORE INTO discussed (session, tree, clause) VALUES (?, ?, ?)",
                [(session_id, tree, clause) for clause in ids],
            )

    def reveal_scenario(self, session_id: int, tree: str, scenario: str) -> None:
        """Notes that a scenario of the topic's tree was opened together."""
        scenario = _required(scenario, "the scenario")
        with self._change(session_id, tree) as db:
            db.execute(
                "INSERT OR IGNORE INTO revealed (session, tree, scenario) VALUES (?, ?, ?)",
                (session_id, tree, scenario),
            )

    # The file

    @contextlib.contextmanager
    def _transaction(self, begin: str, doing: str) -> Iterator[sqlite3.Connection]:
        """One transaction, its sqlite errors turned into RecordsError saying what failed.

        Changes begin IMMEDIATE, taking the write lock before reading, so the
        checks a change makes and the change itself see the same file, and a
        copy of smguide holding the file is reported before anything is done.
        (``with connection:`` would begin only at the first write.)
        """
        db = self._db
        try:
            db.execute(begin)
        except sqlite3.Error as error:
            raise _plain(error, doing) from error
        try:
            yield db
            db.execute("COMMIT")
        except BaseException as error:
            if db.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    db.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                raise _plain(error, doing) from error
            raise

    @contextlib.contextmanager
    def _change(self, session_id: int, tree: str | None = None) -> Iterator[sqlite3.Connection]:
        """A change to one session (and one of its topics), stamping it as updated."""
        with self._transaction("BEGIN IMMEDIATE", "save the change") as db:
            if db.execute("SELECT 1 FROM session WHERE id = ?", (session_id,)).fetchone() is None:
                raise RecordsError(_GONE)
            if tree is not None and not _has_topic(db, session_id, tree):
                raise RecordsError(f"That topic ({tree}) is not part of this session.")
            yield db
            db.execute("UPDATE session SET updated = ? WHERE id = ?", (_stamp(), session_id))

    def _load(self, **where: Any) -> list[Session]:
        """The sessions matching *where*, each read whole, in a handful of queries."""
        where = {
            "id": None,
            "council": None,
            "since": None,
            "until": None,
            "employee": None,
        } | where
        with self._transaction("BEGIN", "read the records") as db:
            rows = db.execute(
                """
                SELECT id, council, kind, role, manager, date, created, updated FROM session
                WHERE (:id IS NULL OR id = :id)
                  AND (:council IS NULL OR council = :council)
                  AND (:since IS NULL OR date >= :since)
                  AND (:until IS NULL OR date <= :until)
                  AND (:employee IS NULL
                       OR id IN (SELECT session FROM person WHERE key = :employee))
                ORDER BY date DESC, id DESC
                """,
                where,
            ).fetchall()
            chosen = {"ids": json.dumps([row[0] for row in rows])}
            people: dict[int, list[str]] = defaultdict(list)
            for session_id, name in db.execute(
                "SELECT session, name FROM person WHERE session IN "
                "(SELECT value FROM json_each(:ids)) ORDER BY id",
                chosen,
            ):
                people[session_id].append(name)
            noted: dict[tuple[int, str, str], list[str]] = defaultdict(list)
            for field, query in (
                (
                    "clauses",
                    "SELECT session, tree, clause FROM discussed WHERE session IN "
                    "(SELECT value FROM json_each(:ids)) ORDER BY id",
                ),
                (
                    "scenarios",
                    "SELECT session, tree, scenario FROM revealed WHERE session IN "
                    "(SELECT value FROM json_each(:ids)) ORDER BY id",
                ),
            ):
                for session_id, tree, value in db.execute(query, chosen):
                    noted[session_id, tree, field].append(value)
            topics: dict[int, list[Topic]] = defaultdict(list)
            for session_id, tree, covered, notes, actions in db.execute(
                "SELECT session, tree, covered, notes, actions FROM topic WHERE session IN "
                "(SELECT value FROM json_each(:ids)) ORDER BY position, rowid",
                chosen,
            ):
                topics[session_id].append(
                    Topic(
                        tree,
                        bool(covered),
                        notes,
                        actions,
                        tuple(noted[session_id, tree, "clauses"]),
                        tuple(noted[session_id, tree, "scenarios"]),
                    )
                )
        return [
            Session(
                id=session_id,
                council=council,
                kind=kind,
                people=tuple(people[session_id]),
                role=role,
                manager=manager,
                date=datetime.date.fromisoformat(date),
                created=datetime.datetime.fromisoformat(created),
                updated=datetime.datetime.fromisoformat(updated),
                topics=tuple(topics[session_id]),
            )
            for session_id, council, kind, role, manager, date, created, updated in rows
        ]


def months_before(day: datetime.date, months: int) -> datetime.date:
    """*day* moved back by calendar months, within the month: 31 March less 1 is 28 February."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    try:
        return day.replace(
            year=year, month=month + 1, day=min(day.day, calendar.monthrange(year, month + 1)[1])
        )
    except ValueError as error:
        raise RecordsError(f"{months} months before {day} is not a date.") from error


# Opening, creating and setting aside the file


def _connect(target: str, timeout: float) -> sqlite3.Connection:
    # isolation_level=None: transactions are begun and ended by Records, explicitly.
    db = sqlite3.connect(target, uri=True, timeout=timeout, isolation_level=None)
    db.executescript(
        "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; "
        "PRAGMA secure_delete = ON; PRAGMA temp_store = MEMORY;"
    )
    return db


def _create(path: Path) -> None:
    """New, empty records at *path*, a file that never holds half a schema.

    The schema is written to a file of its own and linked into place, so the
    records file, whenever it exists, was whole from its first byte: an empty
    or foreign file found there later is damage to report, not an interrupted
    start. Linking, unlike renaming, never replaces a file that another copy
    of smguide made in the meantime.
    """
    fresh = path.with_name(f".{path.name}.{os.getpid()}.new")
    try:
        for leftover in (fresh, *_companions(fresh)):
            leftover.unlink(missing_ok=True)
        db = _connect(fresh.as_uri() + "?mode=rwc", DEFAULT_TIMEOUT)
        try:
            db.executescript(f"BEGIN IMMEDIATE; {_SCHEMA} COMMIT;")
        finally:
            db.close()
        try:
            os.link(fresh, path)
        except FileExistsError:
            pass  # another copy of smguide made one first: use it
        except OSError:
            if not path.exists():  # a file system without hard links
                fresh.rename(path)
        _sync_folder(path.parent)
    except OSError as error:
        raise RecordsError(
            f"Could not create the records file {path}: {error.strerror}."
        ) from error
    except sqlite3.Error as error:
        raise _plain(error, f"create the records file {path}") from error
    finally:
        with contextlib.suppress(OSError):
            fresh.unlink(missing_ok=True)


def _inspect(path: Path, timeout: float) -> tuple[sqlite3.Connection | None, str]:
    """The file opened as this version's records, or else why it must be set aside.

    Raises RecordsError, touching nothing, for a newer smguide's file (read
    from the header bytes before SQLite opens it), and for troubles that are
    not the file's fault: locked, unreadable, no permission.

    A journal beside the file is a change cut short by a crash. SQLite's
    first read plays it back (or discards it, if it is not a valid journal),
    and only then is the file judged: a torn write it repairs is recovered,
    not reported as damage.
    """
    if not path.exists():
        return None, "a journal of unfinished changes was found without the file"
    try:
        with path.open("rb") as stream:
            header = stream.read(100)
    except OSError as error:
        raise RecordsError(f"Could not read the records file {path}: {error.strerror}.") from error
    if not header:
        return None, "it is empty"
    if header.startswith(_MAGIC) and len(header) >= 64:
        _refuse_newer(path, int.from_bytes(header[60:64], "big"))
    db = None
    try:
        db = _connect(path.as_uri() + "?mode=rw", timeout)
        _refuse_newer(path, db.execute("PRAGMA user_version").fetchone()[0])
        problem = _problem(db)
    except sqlite3.Error as error:
        if db is not None:
            db.close()
        if _code(error) == sqlite3.SQLITE_NOTADB:
            return None, "it is not a records file"
        if _code(error) == sqlite3.SQLITE_CORRUPT:
            return None, "it is damaged"
        raise _plain(error, "open the records") from error
    except BaseException:
        if db is not None:
            db.close()
        raise
    if problem:
        db.close()
        return None, problem
    return db, ""


def _problem(db: sqlite3.Connection) -> str:
    """Why an SQLite file is not this version's records in good order, or empty if it is."""
    if db.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
        return "it is damaged"
    version = db.execute("PRAGMA user_version").fetchone()[0]
    tables = {
        name
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
        )
    }
    if version != SCHEMA_VERSION or tables != _TABLES:
        return "it does not hold smguide's records"
    if db.execute("PRAGMA foreign_key_check").fetchall():
        return "it is damaged"
    return ""


def _refuse_newer(path: Path, version: int) -> None:
    if version > SCHEMA_VERSION:
        raise RecordsError(
            f"The records file {path} was made by a newer version of smguide (format "
            f"{version}; this version reads format {SCHEMA_VERSION}). It has been left as it "
            "is: open it with the newer smguide."
        )


def _move_aside(path: Path) -> list[Path]:
    """Renames the file and its companions to a new name beside them; the new paths.

    The companions keep SQLite's pairing (``<name>-journal``), so the moved
    file still finds its journal if anyone tries to recover it.
    """
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    for number in itertools.count(1):
        extra = f"-{number}" if number > 1 else ""
        aside = path.with_name(f"{path.stem}.damaged-{stamp}{extra}{path.suffix}")
        if not aside.exists() and not _companions(aside):
            break
    moved: list[Path] = []
    try:
        # The file first: a journal left behind alone is set aside on the next start,
        # while a journal beside a new file would be played into it.
        for source, target in [(path, aside)] + [
            (companion, Path(f"{aside}{companion.name[len(path.name) :]}"))
            for companion in _companions(path)
        ]:
            if source.exists():
                source.rename(target)
                moved.append(target)
    except OSError as error:
        raise RecordsError(
            f"The records file {path} cannot be used and could not be moved aside "
            f"({error.strerror}). Move it elsewhere, with any file beside it whose name "
            "begins the same, then start again."
        ) from error
    return moved


def _companions(path: Path) -> list[Path]:
    return [Path(f"{path}{ending}") for ending in _COMPANIONS if Path(f"{path}{ending}").exists()]


def _sync_folder(folder: Path) -> None:
    """Makes a new name in *folder* survive a power cut (where the system allows it)."""
    with contextlib.suppress(OSError, AttributeError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None  # the primary code


_BUSY = "another copy of smguide is using the records; close it and try again"
_REASONS = {
    sqlite3.SQLITE_BUSY: _BUSY,
    sqlite3.SQLITE_LOCKED: _BUSY,
    sqlite3.SQLITE_READONLY: "the records file or its folder is read-only",
    sqlite3.SQLITE_PERM: "permission was refused",
    sqlite3.SQLITE_CANTOPEN: "the records file could not be opened or its folder written to",
    sqlite3.SQLITE_FULL: "the disk is full",
    sqlite3.SQLITE_IOERR: "the disk or network drive reported an error",
    sqlite3.SQLITE_CORRUPT: "the records file is damaged; restart smguide to set it aside",
    sqlite3.SQLITE_NOTADB: "the records file is damaged; restart smguide to set it aside",
}


def _plain(error: sqlite3.Error, doing: str) -> RecordsError:
    """*error* in words for the manager; sqlite's own messages never carry the text saved."""
    reason = _REASONS.get(_code(error) or -1, f"the database said {str(error)!r}")
    return RecordsError(f"Could not {doing}: {reason}.")


# Checking what callers give


def _text(value: str) -> str:
    """*value* as it can be kept: a lone surrogate (half an emoji) becomes U+FFFD."""
    if not isinstance(value, str):
        raise TypeError(f"expected text, not {type(value).__name__}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\ufffd" if "\ud800" <= char <= "\udfff" else char for char in value)
    return value


def _required(value: str, what: str) -> str:
    value = " ".join(_text(value).split())
    if not value:
        raise RecordsError(f"Please give {what}.")
    return value


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise RecordsError(
            f"Unknown kind of session {kind!r}: choose induction, supervision or team meeting."
        )
    return kind


def _people(people: Sequence[str] | str) -> list[str]:
    names = [
        " ".join(_text(name).split()) for name in ([people] if isinstance(people, str) else people)
    ]
    names = [name for name in names if name]
    if not names:
        raise RecordsError("Please give the name of at least one employee.")
    seen: set[str] = set()
    for name in names:
        if _key(name) in seen:
            raise RecordsError(f"{name} is listed twice.")
        seen.add(_key(name))
    return names


def _key(name: str) -> str:
    """A name as matched: case, spacing and Unicode forms set aside.

    Kept in the file (``person.key``), so a change here needs a new schema
    version that recomputes it.
    """
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def _clause(clause: str) -> str:
    clause = _text(clause).strip()
    document, _, number = clause.partition(":")
    if not document or not number:
        raise RecordsError(f"{clause!r} is not a clause id like 'ncc-policy:23'.")
    return clause


def _day(value: datetime.date | str) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError) as error:
        raise RecordsError(f"{value!r} is not a date: give it as YYYY-MM-DD.") from error


def _stamp() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


def _has_topic(db: sqlite3.Connection, session_id: int, tree: str) -> bool:
    found = db.execute("SELECT 1 FROM topic WHERE session = ? AND tree = ?", (session_id, tree))
    return found.fetchone() is not None


def _insert_people(db: sqlite3.Connection, session_id: int, names: list[str]) -> None:
    db.executemany(
        "INSERT INTO person (session, name, key) VALUES (?, ?, ?)",
        [(session_id, name, _key(name)) for name in names],
    )
