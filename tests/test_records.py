"""Manager mode's records: every change kept, damage set aside, nothing else written."""

from __future__ import annotations

import datetime
import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import smguide
from smguide.core import records as records_module
from smguide.core.records import (
    SCHEMA_VERSION,
    Records,
    RecordsError,
    Session,
    Topic,
    months_before,
)

DAY = datetime.date(2026, 5, 1)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "records.sqlite"


@pytest.fixture
def store(path: Path):
    records, notice = Records.open(path)
    assert notice is None
    with records:
        yield records


def make(records: Records, people=("Sam Lee",), date=DAY, **fields) -> Session:
    fields = {"council": "nottinghamshire", "kind": "supervision", "manager": "Alex Kaur"} | fields
    return records.create_session(people=list(people), date=date, **fields)


def reopened(path: Path) -> Records:
    records, notice = Records.open(path)
    assert notice is None
    return records


def listing(folder: Path) -> list[str]:
    return sorted(entry.name for entry in folder.iterdir())


# Opening and creating


def test_a_new_store_is_created_with_its_folder(path: Path) -> None:
    records, notice = Records.open(path)
    records.close()
    assert notice is None
    assert listing(path.parent) == ["records.sqlite"]
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert db.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert db.execute("PRAGMA quick_check").fetchone() == ("ok",)
    db.close()
    reopened(path).close()


def test_a_folder_that_cannot_be_made_is_a_records_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(RecordsError, match="Could not make the records folder"):
        Records.open(tmp_path / "file" / "records.sqlite")


# Sessions


def test_a_session_is_saved_with_every_field(store: Records) -> None:
    session = store.create_session(
        council="nottinghamshire",
        kind="induction",
        people=["  Sam   Lee ", "Jo Bloggs"],
        role=" Family support worker ",
        manager=" Alex Kaur",
        date=DAY,
        topics=["friend-request", "legal-threat"],
    )
    assert session == store.session(session.id)
    assert (session.council, session.kind, session.role, session.manager) == (
        "nottinghamshire",
        "induction",
        "Family support worker",
        "Alex Kaur",
    )
    assert session.people == ("Sam Lee", "Jo Bloggs")
    assert session.date == DAY
    assert session.created == session.updated
    assert session.created.tzinfo is datetime.UTC
    assert session.topics == (Topic("friend-request"), Topic("legal-threat"))
    assert session.topic("legal-threat") == Topic("legal-threat")
    assert session.topic("nothing") is None


def test_dates_as_text_or_timestamps_and_one_name_as_text(store: Records) -> None:
    session = store.create_session(
        "nottinghamshire", "team-meeting", "Sam Lee", "Alex", "2026-05-01"
    )
    assert (session.people, session.date) == (("Sam Lee",), DAY)
    later = make(store, date=datetime.datetime(2026, 6, 2, 14, 30))
    assert later.date == datetime.date(2026, 6, 2)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "appraisal"}, "Unknown kind of session 'appraisal'"),
        ({"manager": "   "}, "the manager's name"),
        ({"council": ""}, "the council"),
        ({"people": []}, "at least one employee"),
        ({"people": [" ", ""]}, "at least one employee"),
        ({"people": ["Sam Lee", "sam  LEE"]}, "sam LEE is listed twice"),
        ({"date": "1 May 2026"}, "'1 May 2026' is not a date"),
        ({"date": "2026-02-30"}, "is not a date"),
        ({"topics": ["a", "a"]}, "only be in a session once"),
        ({"topics": [" "]}, "the topic"),
    ],
)
def test_bad_sessions_are_refused_in_plain_words(
    store: Records, change: dict, message: str
) -> None:
    with pytest.raises(RecordsError, match=message):
        make(store, **change)
    assert store.sessions() == []


def test_updating_a_session_changes_only_what_is_given(
    store: Records, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = make(store, role="Social worker")
    monkeypatch.setattr(records_module, "_stamp", lambda: "2030-01-02T03:04:05+00:00")
    store.update_session(session.id, kind="induction", people=["Jo", "Sam Lee"])
    changed = store.session(session.id)
    assert (changed.kind, changed.people, changed.role, changed.manager, changed.date) == (
        "induction",
        ("Jo", "Sam Lee"),
        "Social worker",
        "Alex Kaur",
        DAY,
    )
    assert changed.created == session.created
    assert changed.updated == datetime.datetime(2030, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    store.update_session(session.id, role="", manager="Pat", date="2026-04-30")
    changed = store.session(session.id)
    assert (changed.role, changed.manager, changed.date) == ("", "Pat", datetime.date(2026, 4, 30))
    with pytest.raises(RecordsError, match="Unknown kind"):
        store.update_session(session.id, kind="chat")
    with pytest.raises(RecordsError, match="the manager's name"):
        store.update_session(session.id, manager="")
    with pytest.raises(RecordsError, match="at least one employee"):
        store.update_session(session.id, people=[])
    with pytest.raises(RecordsError, match="no longer exists"):
        store.update_session(999, role="x")
    assert store.session(session.id) == changed


def test_sessions_are_listed_newest_first(store: Records) -> None:
    first = make(store, date=datetime.date(2026, 3, 1))
    later = make(store, date=datetime.date(2026, 5, 1))
    same_day = make(store, date=datetime.date(2026, 5, 1))
    earliest = make(store, date=datetime.date(2025, 12, 31))
    assert [s.id for s in store.sessions()] == [same_day.id, later.id, first.id, earliest.id]


def test_sessions_filter_by_employee_dates_and_council(store: Records) -> None:
    sam = make(store, people=["Sam Lee"], date=datetime.date(2026, 1, 10))
    both = make(store, people=["Jo Bloggs", "Sam  Lee"], date=datetime.date(2026, 2, 10))
    jo = make(store, people=["Jo Bloggs"], date=datetime.date(2026, 3, 10))
    wbc = make(store, people=["Sam Lee"], council="wbc", date=datetime.date(2026, 4, 10))

    def ids(**filters) -> list[int]:
        return [s.id for s in store.sessions(**filters)]

    assert ids(employee="  sam LEE ") == [wbc.id, both.id, sam.id]
    assert ids(employee="Jo Bloggs") == [jo.id, both.id]
    assert ids(employee="Sam") == []
    assert ids(employee="") == ids(employee="  ") == ids() == [wbc.id, jo.id, both.id, sam.id]
    assert ids(since=datetime.date(2026, 2, 10)) == [wbc.id, jo.id, both.id]
    assert ids(until="2026-02-10") == [both.id, sam.id]
    assert ids(since="2026-02-11", until="2026-03-10") == [jo.id]
    assert ids(council="wbc") == [wbc.id]
    assert ids(employee="sam lee", council="nottinghamshire", since="2026-02-01") == [both.id]
    with pytest.raises(RecordsError, match="not a date"):
        store.sessions(since="yesterday")


def test_employees_are_listed_once_as_last_spelt(store: Records) -> None:
    make(store, people=["sam lee", "Jo Bloggs"], date=datetime.date(2026, 1, 1))
    make(store, people=["Sam Lee"], date=datetime.date(2026, 2, 1))
    make(store, people=["Ann Other"], council="wbc")
    assert store.employees() == ["Ann Other", "Jo Bloggs", "Sam Lee"]
    assert store.employees(council="nottinghamshire") == ["Jo Bloggs", "Sam Lee"]


def test_deleting_a_session_leaves_no_trace_of_it(store: Records, path: Path) -> None:
    kept = make(store, topics=["friend-request"])
    gone = make(store, people=["Jo Bloggs"], topics=["friend-request", "legal-threat"])
    store.set_notes(gone.id, "friend-request", "SECRET-NOTE-about-Jo")
    store.add_clauses(gone.id, "friend-request", ["ncc-guidelines:29"])
    store.reveal_scenario(gone.id, "legal-threat", "threatened")
    assert store.delete_session(gone.id) is True
    assert store.delete_session(gone.id) is False
    with pytest.raises(RecordsError, match="no longer exists"):
        store.session(gone.id)
    with pytest.raises(RecordsError, match="no longer exists"):
        store.set_notes(gone.id, "friend-request", "too late")
    assert [s.id for s in store.sessions()] == [kept.id]
    store.close()
    with sqlite3.connect(path) as db:
        for table in ("person", "topic", "discussed", "revealed"):
            found = db.execute(f"SELECT COUNT(*) FROM {table} WHERE session = ?", (gone.id,))  # noqa: S608
            assert found.fetchone() == (0,), table
    db.close()
    # secure_delete: the words are overwritten in the file, not only unlinked.
    assert b"SECRET-NOTE" not in path.read_bytes()
    assert b"Jo Bloggs" not in path.read_bytes()


@pytest.mark.parametrize(
    ("today", "months", "cutoff"),
    [
        ("2026-03-31", 1, "2026-02-28"),
        ("2024-03-31", 1, "2024-02-29"),
        ("2024-02-29", 12, "2023-02-28"),
        ("2026-01-15", 1, "2025-12-15"),
        ("2026-01-31", 13, "2024-12-31"),
        ("2026-05-31", 3, "2026-02-28"),
        ("2026-07-31", 1, "2026-06-30"),
        ("2026-05-10", 24, "2024-05-10"),
    ],
)
def test_months_before_counts_calendar_months(today: str, months: int, cutoff: str) -> None:
    assert months_before(datetime.date.fromisoformat(today), months) == (
        datetime.date.fromisoformat(cutoff)
    )


def test_months_before_the_calendar_begins_is_a_records_error() -> None:
    with pytest.raises(RecordsError, match="not a date"):
        months_before(datetime.date(1, 3, 1), 3)


def test_sessions_older_than_some_months_are_deleted(store: Records) -> None:
    dates = ["2026-02-27", "2026-02-28", "2026-03-01", "2025-01-01", "2026-03-31"]
    made = {date: make(store, date=date, topics=["t"]).id for date in dates}
    today = datetime.date(2026, 3, 31)
    assert store.delete_older_than(1, today=today) == 2
    assert {s.date.isoformat() for s in store.sessions()} == {
        "2026-02-28",
        "2026-03-01",
        "2026-03-31",
    }
    assert store.delete_older_than(1, today=today) == 0
    with pytest.raises(RecordsError, match="no longer exists"):
        store.session(made["2025-01-01"])
    for months in (0, -1, True, 1.5, "3"):
        with pytest.raises(RecordsError, match="whole number of months"):
            store.delete_older_than(months, today=today)  # type: ignore[arg-type]
    assert store.delete_older_than(120) == 0  # today by default


# Topics


def test_topics_are_added_removed_and_reordered(store: Records) -> None:
    session = make(store, topics=["a"])
    store.add_topic(session.id, "b")
    store.add_topic(session.id, "c")
    with pytest.raises(RecordsError, match=r"That topic \(b\) is already part"):
        store.add_topic(session.id, "b")
    assert [t.tree for t in store.session(session.id).topics] == ["a", "b", "c"]
    store.reorder(session.id, ["c", "a", "b"])
    assert [t.tree for t in store.session(session.id).topics] == ["c", "a", "b"]
    for bad in (["a", "b"], ["a", "b", "c", "c"], ["a", "b", "d"], ["a", "a", "b"]):
        with pytest.raises(RecordsError, match="each of the session's topics once"):
            store.reorder(session.id, bad)
    store.set_notes(session.id, "a", "said")
    store.add_clauses(session.id, "a", ["ncc-policy:1"])
    store.reveal_scenario(session.id, "a", "x")
    store.remove_topic(session.id, "a")
    assert [t.tree for t in store.session(session.id).topics] == ["c", "b"]
    store.add_topic(session.id, "a")  # back at the end, with nothing kept from before
    assert store.session(session.id).topics[-1] == Topic("a")
    with pytest.raises(RecordsError, match=r"That topic \(zzz\) is not part"):
        store.remove_topic(session.id, "zzz")


def test_what_is_said_about_a_topic_is_kept(store: Records) -> None:
    session = make(store, topics=["friend-request", "legal-threat"])
    store.set_covered(session.id, "friend-request")
    store.set_notes(session.id, "friend-request", "Talked through the school case.\n")
    store.set_actions(session.id, "friend-request", "Sam to check privacy settings ")
    store.add_clauses(session.id, "friend-request", ["ncc-guidelines:29", "ncc-policy:23"])
    store.add_clauses(session.id, "friend-request", ("ncc-policy:4", "ncc-guidelines:29"))
    store.reveal_scenario(session.id, "friend-request", "decline-client-request")
    store.reveal_scenario(session.id, "friend-request", "decline-stranger")
    store.reveal_scenario(session.id, "friend-request", "decline-client-request")
    topic = store.session(session.id).topic("friend-request")
    assert topic == Topic(
        tree="friend-request",
        covered=True,
        notes="Talked through the school case.\n",
        actions="Sam to check privacy settings ",
        clauses=("ncc-guidelines:29", "ncc-policy:23", "ncc-policy:4"),
        scenarios=("decline-client-request", "decline-stranger"),
    )
    assert store.session(session.id).topic("legal-threat") == Topic("legal-threat")
    store.set_covered(session.id, "friend-request", False)
    assert store.session(session.id).topics[0].covered is False
    for bad in ("ncc-policy", ":23", "ncc-policy:", ""):
        with pytest.raises(RecordsError, match="is not a clause id"):
            store.add_clauses(session.id, "friend-request", [bad])
    with pytest.raises(RecordsError, match="is not part of this session"):
        store.set_notes(session.id, "elsewhere", "x")
    with pytest.raises(RecordsError, match="the scenario"):
        store.reveal_scenario(session.id, "friend-request", " ")
    with pytest.raises(TypeError):
        store.set_notes(session.id, "friend-request", None)  # type: ignore[arg-type]


def test_every_change_marks_the_session_updated(
    store: Records, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = make(store, topics=["a"])
    changes = [
        lambda: store.add_topic(session.id, "b"),
        lambda: store.reorder(session.id, ["b", "a"]),
        lambda: store.set_covered(session.id, "a"),
        lambda: store.set_notes(session.id, "a", "n"),
        lambda: store.set_actions(session.id, "a", "x"),
        lambda: store.add_clauses(session.id, "a", ["d:1"]),
        lambda: store.reveal_scenario(session.id, "a", "s"),
        lambda: store.remove_topic(session.id, "b"),
    ]
    for year, change in enumerate(changes, start=2030):
        monkeypatch.setattr(records_module, "_stamp", lambda y=year: f"{y}-01-01T00:00:00+00:00")
        change()
        assert store.session(session.id).updated.year == year


def test_topics_not_covered_with_an_employee(store: Records) -> None:
    everything = ["a", "b", "c", "d", "e"]
    first = make(store, people=["Sam Lee", "Jo"], topics=["a", "b", "c"])
    store.set_covered(first.id, "b")
    second = make(store, people=["Sam Lee"], topics=["d", "a"])
    store.set_covered(second.id, "d")
    store.set_covered(second.id, "a")
    store.set_covered(second.id, "a", False)  # unmarked again
    elsewhere = make(store, people=["Sam Lee"], council="wbc", topics=["c"])
    store.set_covered(elsewhere.id, "c")
    other = make(store, people=["Ann"], topics=["e"])
    store.set_covered(other.id, "e")
    assert store.topics_not_covered("sam  lee", "nottinghamshire", everything) == ["a", "c", "e"]
    assert store.topics_not_covered("JO", "nottinghamshire", everything) == ["a", "c", "d", "e"]
    assert store.topics_not_covered("Sam Lee", "wbc", ["e", "c", "a"]) == ["e", "a"]
    assert store.topics_not_covered("Nobody", "nottinghamshire", everything) == everything


# Text


def test_any_text_round_trips(store: Records) -> None:
    session = make(store, topics=["t"])

    @settings(max_examples=60, deadline=None, database=None)
    @given(notes=st.text(), actions=st.text(max_size=20), role=st.text(min_size=1))
    def round_trip(notes: str, actions: str, role: str) -> None:
        store.set_notes(session.id, "t", notes)
        store.set_actions(session.id, "t", actions)
        store.update_session(session.id, role=role)
        saved = store.session(session.id)
        assert (saved.topics[0].notes, saved.topics[0].actions) == (notes, actions)
        assert saved.role == role.strip()

    round_trip()


def test_text_survives_reopening_exactly(store: Records, path: Path) -> None:
    text = "Zoë's 👍\u200b\x00 line\r\nnext\ttab  "
    session = make(store, people=["Zoë O'Neill"], topics=["t"])
    store.set_notes(session.id, "t", text)
    store.close()
    with reopened(path) as again:
        assert again.session(session.id).topics[0].notes == text
        assert again.sessions(employee="ZOË O'NEILL")[0].id == session.id


def test_half_an_emoji_is_kept_as_a_replacement_character(store: Records) -> None:
    session = make(store, topics=["t"])
    store.set_notes(session.id, "t", "broken \ud83d here")
    assert store.session(session.id).topics[0].notes == "broken \ufffd here"


# Durability


def test_closing_in_the_middle_and_reopening_loses_nothing(path: Path) -> None:
    records, _ = Records.open(path)
    session = make(records, topics=["a", "b"])
    records.set_notes(session.id, "a", "first thoughts")
    records.set_covered(session.id, "a")
    expected = records.session(session.id)
    records.close()
    with reopened(path) as again:
        assert again.session(session.id) == expected
        again.set_actions(session.id, "b", "added later")
        again.add_clauses(session.id, "b", ["ncc-policy:2"])
        expected = again.session(session.id)
    # Dropped without close, as when the window is torn down without ceremony.
    with reopened(path) as again:
        assert again.session(session.id) == expected
    assert listing(path.parent) == ["records.sqlite"]


_WORKER = textwrap.dedent(
    """
    import sys
    from smguide.core.records import Records

    records, _ = Records.open(sys.argv[1])
    found = records.sessions()
    if found:
        session = found[0]
    else:
        session = records.create_session(
            "nottinghamshire", "supervision", ["Sam Lee"], "Alex", "2026-05-01",
            topics=["a", "b"],
        )
    print(session.id, flush=True)
    start = int(sys.argv[2])
    for number in range(start, start + 100000):
        records.set_notes(session.id, "a", f"note {number}")
        records.add_clauses(session.id, "b", [f"doc:{number}"])
        print(number, flush=True)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_killed_process_loses_no_completed_change(path: Path) -> None:
    """Three rounds: each time the writer is killed mid-stream, every change it finished is kept.

    The writer spends most of its time inside transactions, so most kills
    land in one and the next open rolls back its journal.
    """
    path.parent.mkdir(parents=True)
    env = {**os.environ, "PYTHONPATH": str(Path(smguide.__file__).resolve().parents[1])}
    start = 1
    for wanted in (5, 23, 40):
        worker = subprocess.Popen(
            [sys.executable, "-c", _WORKER, str(path), str(start)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert worker.stdout is not None
        session_id = int(worker.stdout.readline())
        done = start - 1
        while done < start + wanted:
            done = int(worker.stdout.readline())
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
        worker.stdout.close()

        with reopened(path) as records:
            session = records.session(session_id)
        last_note = int(session.topics[0].notes.removeprefix("note "))
        clauses = session.topics[1].clauses
        assert last_note >= done
        # Every change in order, none lost between, none half made.
        assert clauses == tuple(f"doc:{n}" for n in range(1, len(clauses) + 1))
        assert len(clauses) in (last_note - 1, last_note)
        if len(clauses) < last_note:  # killed between a note and its clause
            with reopened(path) as records:
                records.add_clauses(session_id, "b", [f"doc:{last_note}"])
        start = last_note + 1
    # A kill just after SQLite made its journal leaves it empty, which SQLite
    # ignores; the next change clears it.
    with reopened(path) as records:
        records.set_actions(session_id, "a", "done")
    assert listing(path.parent) == ["records.sqlite"]


_HOLDER = textwrap.dedent(
    """
    import sqlite3, sys, time

    db = sqlite3.connect(sys.argv[1], isolation_level=None)
    db.execute("PRAGMA cache_size = 2")  # spill the change into the file before commit
    db.execute("BEGIN IMMEDIATE")
    db.execute("UPDATE topic SET notes = 'never committed ' || notes")
    print("changing", flush=True)
    time.sleep(60)
    """
)


def test_a_change_cut_short_in_the_file_is_rolled_back_not_set_aside(path: Path) -> None:
    """Killed with half a change written into the file and its journal beside it."""
    with Records.open(path)[0] as records:
        for number in range(20):
            session = make(records, people=[f"Person {number}"], topics=["t"])
            records.set_notes(session.id, "t", f"committed {number} " + "words " * 500)
        expected = records.sessions()
    committed = path.read_bytes()
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None
    assert holder.stdout.readline() == "changing\n"
    assert Path(f"{path}-journal").stat().st_size > 0
    assert path.read_bytes() != committed  # the change is partly in the file
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=10)
    holder.stdout.close()

    with reopened(path) as records:
        assert records.sessions() == expected
    assert path.read_bytes() == committed
    assert listing(path.parent) == ["records.sqlite"]


# Damaged files


def _real_store_bytes(folder: Path) -> bytes:
    source = folder / "source.sqlite"
    with Records.open(source)[0] as records:
        for number in range(30):
            session = make(records, people=[f"Person {number}"], topics=["t"])
            records.set_notes(session.id, "t", "Lorem ipsum dolor sit amet. " * 40)
    data = source.read_bytes()
    source.unlink()
    return data


def _foreign(folder: Path) -> bytes:
    other = folder / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
        db.execute("INSERT INTO photos (name) VALUES ('holiday.jpg')")
    db.close()
    data = other.read_bytes()
    other.unlink()
    return data


def _missing_table(folder: Path) -> bytes:
    source = folder / "source.sqlite"
    Records.open(source)[0].close()
    with sqlite3.connect(source) as db:
        db.execute("DROP TABLE revealed")
    db.close()
    data = source.read_bytes()
    source.unlink()
    return data


def _noise(size: int) -> bytes:
    """Bytes with no pattern SQLite could mistake for a page, the same each run."""
    return hashlib.shake_256(b"noise").digest(size)


def _half(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _garbled(folder: Path) -> bytes:
    data = _real_store_bytes(folder)
    return data[:8192] + _noise(4096) + data[12288:]


DAMAGE = {
    "zero-length": (lambda folder: b"", "it is empty"),
    "random bytes": (lambda folder: _noise(8192), "not a records file"),
    "cut in half": (lambda folder: _half(_real_store_bytes(folder)), "damaged"),
    "cut inside its header": (lambda folder: _real_store_bytes(folder)[:50], "damaged"),
    "a page garbled": (_garbled, "damaged"),
    "another program's tables": (_foreign, "does not hold smguide's records"),
    "a table missing": (_missing_table, "does not hold smguide's records"),
}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_a_damaged_file_is_moved_aside_whole_and_a_new_one_started(
    path: Path, damage: str
) -> None:
    path.parent.mkdir(parents=True)
    make_bytes, reason = DAMAGE[damage]
    data = make_bytes(path.parent)
    path.write_bytes(data)

    records, notice = Records.open(path)
    assert notice is not None
    assert reason in notice
    (aside,) = path.parent.glob("records.damaged-*.sqlite")
    assert aside.name in notice
    assert str(path.parent) in notice
    assert aside.read_bytes() == data
    assert listing(path.parent) == sorted(["records.sqlite", aside.name])
    with records:
        assert records.sessions() == []
        session = make(records, topics=["t"])
    with reopened(path) as again:
        assert again.sessions() == [again.session(session.id)]


def test_a_journal_moves_aside_with_its_file(path: Path) -> None:
    """Kept as a pair, so whoever tries to recover the file finds its journal."""
    path.parent.mkdir(parents=True)
    path.write_bytes(b"")
    Path(f"{path}-journal").write_bytes(b"the journal")
    records, notice = Records.open(path)
    records.close()
    assert notice is not None
    (aside,) = path.parent.glob("records.damaged-*.sqlite")
    assert Path(f"{aside}-journal").read_bytes() == b"the journal"
    assert listing(path.parent) == sorted(["records.sqlite", aside.name, f"{aside.name}-journal"])


def test_a_journal_without_its_file_is_moved_aside(path: Path) -> None:
    path.parent.mkdir(parents=True)
    Path(f"{path}-journal").write_bytes(b"orphan")
    records, notice = Records.open(path)
    records.close()
    assert notice is not None
    assert "journal" in notice
    (aside,) = path.parent.glob("records.damaged-*.sqlite-journal")
    assert aside.read_bytes() == b"orphan"
    assert aside.name in notice


def test_damage_twice_keeps_both_old_files(path: Path) -> None:
    path.parent.mkdir(parents=True)
    for content in (b"first damage", b"second damage"):
        path.write_bytes(content)
        records, notice = Records.open(path)
        records.close()
        assert notice is not None
    kept = {p.read_bytes() for p in path.parent.glob("records.damaged-*.sqlite")}
    assert kept == {b"first damage", b"second damage"}


def test_a_newer_versions_file_is_refused_and_left_untouched(path: Path) -> None:
    with Records.open(path)[0] as records:
        make(records, topics=["t"])
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    before = (path.read_bytes(), path.stat().st_mtime_ns, listing(path.parent))
    with pytest.raises(RecordsError, match="newer version of smguide") as raised:
        Records.open(path)
    assert str(path) in str(raised.value)
    assert (path.read_bytes(), path.stat().st_mtime_ns, listing(path.parent)) == before


# Trouble that is not the file's fault


def test_a_locked_database_is_an_error_and_loses_nothing(path: Path) -> None:
    records, _ = Records.open(path, timeout=0.05)
    session = make(records, topics=["t"])
    records.set_notes(session.id, "t", "before the lock")
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(RecordsError, match="another copy of smguide is using the records"):
            records.set_notes(session.id, "t", "while locked")
        with pytest.raises(RecordsError, match="Could not read the records: another copy"):
            records.sessions()
        with pytest.raises(RecordsError, match="another copy of smguide"):
            Records.open(path, timeout=0.05)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert records.session(session.id).topics[0].notes == "before the lock"
    records.set_notes(session.id, "t", "after the lock")
    records.close()
    with reopened(path) as again:
        assert again.session(session.id).topics[0].notes == "after the lock"
    assert listing(path.parent) == ["records.sqlite"]


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root ignores permissions"
)
def test_a_read_only_folder_is_an_error_and_loses_nothing(path: Path) -> None:
    with Records.open(path)[0] as records:
        session = make(records, topics=["t"])
        records.set_notes(session.id, "t", "kept")
    path.chmod(0o444)
    path.parent.chmod(0o555)
    try:
        records, notice = Records.open(path)
        assert notice is None
        with records:
            with pytest.raises(RecordsError, match="Could not save the change"):
                records.set_notes(session.id, "t", "lost")
            assert records.session(session.id).topics[0].notes == "kept"
        with pytest.raises(RecordsError, match="Could not create the records file"):
            Records.open(path.parent / "elsewhere.sqlite")
    finally:
        path.parent.chmod(0o755)
        path.chmod(0o644)
    with reopened(path) as again:
        assert again.session(session.id).topics[0].notes == "kept"
    damaged = path.parent / "damaged.sqlite"
    damaged.write_bytes(b"junk")
    path.parent.chmod(0o555)
    try:
        with pytest.raises(RecordsError, match="could not be moved aside"):
            Records.open(damaged)
    finally:
        path.parent.chmod(0o755)
    assert damaged.read_bytes() == b"junk"
    assert listing(path.parent) == ["damaged.sqlite", "records.sqlite"]


def test_a_store_that_cannot_be_written_says_so(store: Records, path: Path) -> None:
    """Runs as root too: query_only refuses writes as a read-only file would."""
    session = make(store, topics=["t"])
    store.set_notes(session.id, "t", "kept")
    store._db.execute("PRAGMA query_only = ON")
    with pytest.raises(RecordsError, match="Could not save the change: the records file or"):
        store.set_notes(session.id, "t", "lost")
    with pytest.raises(RecordsError, match="read-only"):
        make(store)
    assert store.session(session.id).topics[0].notes == "kept"


def test_a_full_disk_is_an_error_and_loses_nothing(store: Records, path: Path) -> None:
    session = make(store, topics=["t"])
    store.set_notes(session.id, "t", "kept")
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages}")  # the disk, full
    with pytest.raises(RecordsError, match="Could not save the change: the disk is full"):
        store.set_notes(session.id, "t", "x" * 100_000)
    assert store.session(session.id).topics[0].notes == "kept"
    store.close()
    with reopened(path) as again:
        assert again.session(session.id).topics[0].notes == "kept"


def test_a_closed_store_is_a_records_error(path: Path) -> None:
    records, _ = Records.open(path)
    records.close()
    with pytest.raises(RecordsError, match="Could not read the records"):
        records.sessions()


def test_nothing_but_the_records_file_is_written(path: Path, tmp_path: Path) -> None:
    with Records.open(path)[0] as records:
        session = make(records, topics=["a", "b"])
        records.set_notes(session.id, "a", "private")
        records.reorder(session.id, ["b", "a"])
        records.delete_session(session.id)
        records.sessions(employee="Sam Lee")
    assert [p.relative_to(tmp_path).as_posix() for p in sorted(tmp_path.rglob("*"))] == [
        "data",
        "data/records.sqlite",
    ]
