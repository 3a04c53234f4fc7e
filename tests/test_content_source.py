"""A content folder on a share: shown when good, never a broken guide when it is not."""

from __future__ import annotations

import datetime
import os
import time
from pathlib import Path

import pytest

from smguide.core import content_source, locations, snapshot
from smguide.core.content_source import (
    BUILT_IN,
    FOLDER,
    LAST_GOOD,
    OVERRIDE,
    choose_content,
    good_copy_path,
    unreachable,
)

TREE = Path("decision_trees/mini/basic.yaml")


def _break(root: Path) -> None:
    """An edit that leaves a tree pointing at a question that does not exist."""
    tree = root / TREE
    tree.write_text(
        tree.read_text(encoding="utf-8").replace("next: posting", "next: postnig"),
        encoding="utf-8",
    )
    stat = tree.stat()  # a later modification time, as an editor saving it gives
    os.utime(tree, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def _files(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if path.is_file()} if folder.exists() else set()


def test_without_a_folder_the_built_in_content_is_shown(tmp_path: Path) -> None:
    chosen = choose_content(None, None, tmp_path / "cache")
    assert chosen.source.kind == BUILT_IN
    assert chosen.source.root == locations.builtin_root()
    assert not chosen.source.fallen_back
    assert "nottinghamshire" in chosen.checked.library.councils
    assert chosen.source.describe().startswith("Showing the built-in content of smguide ")


def test_a_good_folder_is_shown_and_kept_as_the_last_good_copy(
    mini_root: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    older = datetime.datetime(2025, 6, 1, 9, 0).timestamp()
    for path in mini_root.rglob("*"):
        os.utime(path, (older, older))
    newest = datetime.datetime(2025, 11, 20, 14, 3).timestamp()
    os.utime(mini_root / TREE, (newest, newest))
    chosen = choose_content(None, mini_root, cache)
    assert chosen.source.kind == FOLDER
    assert not chosen.source.fallen_back
    assert list(chosen.checked.library.councils) == ["mini"]
    assert good_copy_path(cache, mini_root).is_file()
    assert chosen.source.describe() == (
        f"Showing the content folder {mini_root}, last changed 20 November 2025 at 14:03."
    )


@pytest.mark.parametrize("damage", ["missing", "broken", "no trees", "empty"])
def test_a_folder_that_fails_with_no_copy_kept_gives_the_built_in_content(
    mini_root: Path, tmp_path: Path, damage: str
) -> None:
    if damage == "missing":
        folder = tmp_path / "share-that-is-down"
    elif damage == "no trees":
        (mini_root / TREE).unlink()
        (mini_root / TREE).parent.rmdir()
        (mini_root / "decision_trees").rmdir()
        folder = mini_root
    elif damage == "empty":
        for top in ("content", "decision_trees"):  # both still there, and empty
            for path in sorted((mini_root / top).rglob("*"), reverse=True):
                path.unlink() if path.is_file() else path.rmdir()
        folder = mini_root
    else:
        _break(mini_root)
        folder = mini_root
    chosen = choose_content(None, folder, tmp_path / "cache")
    assert chosen.source.kind == BUILT_IN
    assert chosen.source.fallen_back
    assert chosen.source.folder == folder
    assert "nottinghamshire" in chosen.checked.library.councils
    expected = {
        "missing": "was not found or could not be reached",
        "broken": f"has {len(chosen.source.folder_problems)} problem(s) (run 'smguide check')",
        "no trees": "has no decision_trees folder in it",
        "empty": "holds no council",
    }[damage]
    assert chosen.source.reason == expected
    assert chosen.source.describe() == (
        f"The content folder {folder} {expected}, so this is the built-in content of "
        f"smguide {snapshot.__version__}."
    )
    if damage == "broken":
        assert chosen.source.folder_problems
        assert all(p.startswith(f"{mini_root / TREE}:") for p in chosen.source.folder_problems)
        assert any("'postnig'" in problem for problem in chosen.source.folder_problems)


def test_the_fallback_order_folder_then_last_good_copy_then_built_in(
    mini_root: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    good = choose_content(None, mini_root, cache)
    assert good.source.kind == FOLDER

    # A broken edit on the share: the copy that validated is shown, and says why.
    _break(mini_root)
    broken = choose_content(None, mini_root, cache)
    assert broken.source.kind == LAST_GOOD
    count = len(broken.source.folder_problems)
    assert broken.source.reason == f"has {count} problem(s) (run 'smguide check')"
    assert broken.checked.library == good.checked.library
    assert broken.checked.problems == good.checked.problems
    assert broken.source.kept is not None
    assert broken.source.changed == good.source.changed  # the copy's version, not the edit's
    assert broken.source.describe().startswith(
        f"The content folder {mini_root} has {count} problem(s) (run 'smguide check'), so this is "
        "the last good copy of it, last changed "
    )
    # A later start, the share still broken: still the copy, never the broken edit.
    again = choose_content(None, mini_root, cache)
    assert again.source.kind == LAST_GOOD

    # The share goes down: the same copy.
    moved = mini_root.rename(tmp_path / "elsewhere")
    down = choose_content(None, mini_root, cache)
    assert down.source.kind == LAST_GOOD
    assert down.source.reason == "was not found or could not be reached"
    assert down.checked.library == good.checked.library

    # No copy either (a new user on this PC): the built-in content.
    good_copy_path(cache, mini_root).unlink()
    fresh = choose_content(None, mini_root, cache)
    assert fresh.source.kind == BUILT_IN
    assert fresh.source.reason == "was not found or could not be reached"

    # The share is back and fixed: shown again, and kept again.
    moved.rename(mini_root)
    (mini_root / TREE).write_text(
        (mini_root / TREE).read_text(encoding="utf-8").replace("postnig", "posting"),
        encoding="utf-8",
    )
    back = choose_content(None, mini_root, cache)
    assert back.source.kind == FOLDER
    assert good_copy_path(cache, mini_root).is_file()


def test_a_fixed_folder_replaces_the_last_good_copy(mini_root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    choose_content(None, mini_root, cache)
    council = mini_root / "content/mini/council.yaml"
    council.write_text(
        council.read_text(encoding="utf-8").replace("Mini Borough", "Mini Town"),
        encoding="utf-8",
    )
    assert choose_content(None, mini_root, cache).source.kind == FOLDER
    _break(mini_root)
    shown = choose_content(None, mini_root, cache)
    assert shown.source.kind == LAST_GOOD
    assert shown.checked.library.council("mini").council.name == "Mini Town Council"


def test_a_damaged_or_foreign_last_good_copy_is_not_used(
    mini_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    choose_content(None, mini_root, cache)
    _break(mini_root)
    copy = good_copy_path(cache, mini_root)
    kept = copy.read_bytes()

    copy.write_bytes(kept[: len(kept) // 2])  # cut short
    assert choose_content(None, mini_root, cache).source.kind == BUILT_IN

    copy.write_bytes(kept)
    monkeypatch.setattr(snapshot, "__version__", "0.0.0-another")
    assert choose_content(None, mini_root, cache).source.kind == BUILT_IN


def test_a_kiosk_reads_the_last_good_copy_but_writes_nothing(
    mini_root: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    kiosk = choose_content(None, mini_root, cache, writable=False)
    assert kiosk.source.kind == FOLDER
    assert _files(cache) == set()

    choose_content(None, mini_root, cache)  # an ordinary user of the PC keeps a copy
    before = {path: path.stat().st_mtime_ns for path in _files(cache)}
    _break(mini_root)
    kiosk = choose_content(None, mini_root, cache, writable=False)
    assert kiosk.source.kind == LAST_GOOD
    assert {path: path.stat().st_mtime_ns for path in _files(cache)} == before


def test_content_named_on_the_command_line_is_shown_as_it_is(
    mini_root: Path, tmp_path: Path
) -> None:
    _break(mini_root)
    chosen = choose_content(mini_root, tmp_path / "not-used", tmp_path / "cache")
    assert chosen.source.kind == OVERRIDE
    assert not chosen.source.fallen_back
    assert any("postnig" in problem.message for problem in chosen.checked.problems)


def test_a_folder_that_does_not_answer_is_given_up_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def hangs(self: Path) -> bool:
        time.sleep(2)
        return True

    monkeypatch.setattr(content_source.Path, "is_dir", hangs)
    started = time.perf_counter()
    assert unreachable(tmp_path, timeout=0.1) == "did not answer within 0.1 seconds"
    assert time.perf_counter() - started < 1.5
