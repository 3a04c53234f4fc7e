"""The start-up snapshot: same answer as a full load, and never stale or unsafe."""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path

import pytest

from smguide.core import snapshot
from smguide.core.loading import load_library
from smguide.core.snapshot import file_name, load_checked
from smguide.core.validation import check, validate


def _touch_later(path: Path) -> None:
    """Move a file's modification time on, as an editor saving it would."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def test_round_trip_gives_the_same_library_and_problems(tmp_path: Path) -> None:
    library = load_library()
    problems = validate(library)
    assert snapshot.write(tmp_path / "snapshot.json", library, problems)
    found = snapshot.read(tmp_path / "snapshot.json", library.root)
    assert found is not None
    again, kept, records = found
    assert records == [content.council for content in library.councils.values()]
    assert again == library
    assert kept == problems
    # Frozen model objects come back as the model's classes, tuples as tuples.
    ncc = again.council("nottinghamshire")
    assert isinstance(ncc.documents["ncc-guidelines"].clauses, tuple)
    assert ncc.clause("ncc-guidelines:29") == library.council("nottinghamshire").clause(
        "ncc-guidelines:29"
    )
    assert ncc.council.review_due == datetime.date(2027, 11, 21)


def test_second_start_uses_the_snapshot_and_agrees_with_check(tmp_path: Path) -> None:
    first = load_checked(None, tmp_path)
    second = load_checked(None, tmp_path)
    assert (first.from_snapshot, second.from_snapshot) == (False, True)
    assert second.library == first.library
    assert second.problems == first.problems == check(load_library())


def test_without_a_cache_folder_nothing_is_written(mini_root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    checked = load_checked(mini_root, None)
    assert not checked.from_snapshot
    assert not cache.exists()


def test_an_edited_tree_is_read_again_and_its_new_problem_reported(
    mini_root: Path, tmp_path: Path
) -> None:
    assert load_checked(mini_root, tmp_path).problems == []
    assert load_checked(mini_root, tmp_path).from_snapshot
    tree = mini_root / "decision_trees" / "mini" / "basic.yaml"
    tree.write_text(tree.read_text().replace("next: decline", "next: nowhere"))
    _touch_later(tree)
    checked = load_checked(mini_root, tmp_path)
    assert not checked.from_snapshot
    assert any("'nowhere'" in p.message for p in checked.problems)
    # The new state is kept in turn, with its problem.
    again = load_checked(mini_root, tmp_path)
    assert again.from_snapshot and again.problems == checked.problems


def test_a_same_size_edit_is_seen_by_its_modification_time(
    mini_root: Path, tmp_path: Path
) -> None:
    load_checked(mini_root, tmp_path)
    tree = mini_root / "decision_trees" / "mini" / "basic.yaml"
    tree.write_text(tree.read_text().replace("A friend request", "A friend_request"))
    _touch_later(tree)
    checked = load_checked(mini_root, tmp_path)
    assert not checked.from_snapshot
    assert checked.library.council("mini").trees["basic"].title == "A friend_request"


@pytest.mark.parametrize(
    "change",
    ["new tree", "removed document", "edited source", "new council folder"],
)
def test_any_change_to_the_files_means_a_full_load(
    mini_root: Path, tmp_path: Path, change: str
) -> None:
    load_checked(mini_root, tmp_path)
    council = mini_root / "content" / "mini"
    if change == "new tree":
        (mini_root / "decision_trees" / "mini" / "second.yaml").write_text("title: [\n")
    elif change == "removed document":
        (council / "mini-old.md").unlink()
    elif change == "edited source":
        source = council / "sources" / "mini.txt"
        source.write_text(source.read_text() + "\nA new closing line.\n")
        _touch_later(source)
    else:
        (mini_root / "content" / "other").mkdir()
    checked = load_checked(mini_root, tmp_path)
    assert not checked.from_snapshot
    assert checked.problems == check(load_library(mini_root))


def test_review_dates_are_judged_on_the_day_not_kept(mini_root: Path, tmp_path: Path) -> None:
    early = load_checked(mini_root, tmp_path, today=datetime.date(2026, 1, 1))
    late = load_checked(mini_root, tmp_path, today=datetime.date(2100, 1, 1))
    assert late.from_snapshot
    assert early.problems == []
    assert [p.severity for p in late.problems] == ["warning"]
    assert "due for review" in late.problems[0].message


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not json at all\n",
        b'{"format": 1}\n',
        b"[1, 2, 3]\n[]\n",
        b"\x00\xff\xfe garbage",
    ],
)
def test_a_damaged_snapshot_is_ignored_and_replaced(
    mini_root: Path, tmp_path: Path, damage: bytes
) -> None:
    (tmp_path / file_name(mini_root)).write_bytes(damage)
    checked = load_checked(mini_root, tmp_path)
    assert not checked.from_snapshot
    assert checked.problems == []
    assert load_checked(mini_root, tmp_path).from_snapshot


def _rewrite_index(path: Path, edit) -> None:
    header, index, *councils = path.read_text(encoding="utf-8").split("\n")
    index = json.dumps(edit(json.loads(index)))
    path.write_text("\n".join([header, index, *councils]), encoding="utf-8")


def test_a_truncated_body_is_ignored(mini_root: Path, tmp_path: Path) -> None:
    load_checked(mini_root, tmp_path)
    path = tmp_path / file_name(mini_root)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) * 3 // 4], encoding="utf-8")
    assert not load_checked(mini_root, tmp_path).from_snapshot


def test_a_snapshot_can_name_only_the_models_own_classes(mini_root: Path, tmp_path: Path) -> None:
    load_checked(mini_root, tmp_path)
    path = tmp_path / file_name(mini_root)

    def smuggle(index: dict) -> dict:
        index["problems"] = {"\x00": "os.system", "command": "echo hello"}
        return index

    _rewrite_index(path, smuggle)
    checked = load_checked(mini_root, tmp_path)
    assert not checked.from_snapshot
    assert checked.library.council("mini").id == "mini"


def test_a_snapshot_of_the_wrong_shape_is_ignored(mini_root: Path, tmp_path: Path) -> None:
    load_checked(mini_root, tmp_path)

    def wrong(index: dict) -> dict:
        index["problems"] = {"\x00": "tuple", "value": ["not a problem"]}
        return index

    _rewrite_index(tmp_path / file_name(mini_root), wrong)
    assert not load_checked(mini_root, tmp_path).from_snapshot


def test_an_unwritable_cache_is_not_an_error(mini_root: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    checked = load_checked(mini_root, blocked)
    assert not checked.from_snapshot
    assert checked.problems == []
    assert not list(tmp_path.glob(".*.tmp"))


def test_two_content_roots_keep_a_snapshot_each(mini_root: Path, tmp_path: Path) -> None:
    load_checked(mini_root, tmp_path)
    load_checked(None, tmp_path)
    assert load_checked(mini_root, tmp_path).from_snapshot
    assert load_checked(None, tmp_path).from_snapshot
    assert len(list(tmp_path.glob("content-*.json"))) == 2


def test_a_council_line_changed_on_disk_is_caught_by_its_checksum(
    mini_root: Path, tmp_path: Path
) -> None:
    load_checked(mini_root, tmp_path)
    path = tmp_path / file_name(mini_root)
    path.write_text(path.read_text(encoding="utf-8").replace("MBC", "XYZ"), encoding="utf-8")
    checked = load_checked(mini_root, tmp_path)
    assert not checked.from_snapshot
    assert checked.library.council("mini").council.short_name == "MBC"


def test_councils_are_decoded_only_when_asked_for(tmp_path: Path) -> None:
    load_checked(None, tmp_path)
    library = load_checked(None, tmp_path).library
    councils = library.councils
    assert list(councils) == ["nottinghamshire", "wbc", "north-lincolnshire"]
    assert councils._decoded == {}  # type: ignore[attr-defined]
    assert library.council("wbc").council.short_name == "WBC"
    assert list(councils._decoded) == ["wbc"]  # type: ignore[attr-defined]


def test_questions_outcomes_and_synonyms_are_decoded_only_when_read(tmp_path: Path) -> None:
    load_checked(None, tmp_path)
    fresh = load_library().council("nottinghamshire")
    content = load_checked(None, tmp_path).library.council("nottinghamshire")
    tree = content.trees["friend-request"]
    waiting = [tree.questions, tree.outcomes, content.synonyms]
    assert all(getattr(part, "_text", None) is not None for part in waiting)
    # The home page's fields are there without them.
    assert tree.title == fresh.trees["friend-request"].title
    assert all(getattr(part, "_text", None) is not None for part in waiting)
    assert tree.node(tree.start) == fresh.trees["friend-request"].node(tree.start)
    assert dict(content.synonyms) == dict(fresh.synonyms)
    assert content.trees == fresh.trees
    assert all(getattr(part, "_text", "") is None for part in waiting)


def test_a_line_kept_for_later_is_checked_with_its_council(
    mini_root: Path, tmp_path: Path
) -> None:
    load_checked(mini_root, tmp_path)
    path = tmp_path / file_name(mini_root)
    lines = path.read_bytes().split(b"\n")
    assert len(lines) > 3  # header, index, the council's line, and its lines for later
    lines[-1] = lines[-1].replace(b'"', b"'", 1)
    path.write_bytes(b"\n".join(lines))
    checked = load_checked(mini_root, tmp_path)
    assert not checked.from_snapshot
    assert checked.library.council("mini").trees
