"""The command line and a configured content folder: check it, and say what the app shows."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from smguide.cli import main
from smguide.core import config, locations
from smguide.core.content_source import good_copy_path

TREE = Path("decision_trees/mini/basic.yaml")


def _config(tmp_path: Path, folder: Path) -> Path:
    path = tmp_path / "config.ini"
    path.write_text(f"[smguide]\ncontent = {folder}\n", encoding="utf-8")
    return path


def _break(root: Path) -> None:
    tree = root / TREE
    tree.write_text(tree.read_text(encoding="utf-8").replace("next: decline", "next: nowhere"))
    stat = tree.stat()
    os.utime(tree, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def test_the_content_key_is_read_and_a_relative_path_refused(tmp_path: Path) -> None:
    found = config.load_config(_config(tmp_path, tmp_path / "share"), explicit=True)
    assert (found.content, found.problems) == (tmp_path / "share", ())
    path = tmp_path / "relative.ini"
    path.write_text("[smguide]\ncouncil = wbc\ncontent = share\\content\n", encoding="utf-8")
    found = config.load_config(path, explicit=True)
    assert found.content is None and found.council == "wbc"
    (problem,) = found.problems
    assert problem.startswith(f"{path}:3: content 'share\\\\content' is not a full path")


def test_check_checks_the_configured_folder_and_names_what_the_app_shows(
    capsys, mini_root: Path, tmp_path: Path
) -> None:
    path = _config(tmp_path, mini_root)
    assert main(["check", "--config", str(path)]) == 0
    out, err = capsys.readouterr()
    assert f"checking the content folder {mini_root}" in out
    assert "content is clean: 1 council(s)" in out and err == ""
    # The command line never writes the cache, so the app has kept no copy yet.
    assert not good_copy_path(locations.user_cache_dir(), mini_root).exists()

    _break(mini_root)
    assert main(["check", "--config", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "basic.yaml" in out and "'nowhere'" in out
    assert "smguide: the app shows the built-in content of smguide" in err


def test_check_of_a_folder_that_is_down_fails_and_names_the_last_good_copy(
    capsys, mini_root: Path, tmp_path: Path
) -> None:
    from smguide.core.content_source import choose_content

    choose_content(None, mini_root, locations.user_cache_dir())  # as the app does
    path = _config(tmp_path, mini_root)
    mini_root.rename(tmp_path / "gone")
    assert main(["check", "--config", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert f"the content folder {mini_root} was not found or could not be reached" in err
    assert f"the app shows the last good copy of {mini_root}, last changed" in err

    # Other commands work on what the app shows, and say so.
    assert main(["list", "--config", str(path)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("mini: Mini Borough Council")
    assert "so this is the last good copy of it" in err


@pytest.mark.parametrize("state", ["good", "broken", "missing"])
def test_config_shows_the_content_in_force_and_why(
    capsys, mini_root: Path, tmp_path: Path, state: str
) -> None:
    path = _config(tmp_path, mini_root)
    if state == "broken":
        _break(mini_root)
    elif state == "missing":
        mini_root.rename(tmp_path / "gone")
    status = main(["config", "--config", str(path)])
    out, _ = capsys.readouterr()
    assert f"  content:            {mini_root}\n" in out
    if state == "good":
        assert status == 0
        assert f"content shown: Showing the content folder {mini_root}, last changed " in out
    else:
        assert status == 1
        reason = "has 2 problem(s)" if state == "broken" else "was not found"
        assert f"content shown: The content folder {mini_root} {reason}" in out
        assert "so this is the built-in content of smguide" in out
    if state == "broken":
        assert f"{mini_root / TREE}:" in out


def test_without_a_content_folder_config_says_built_in(capsys, tmp_path: Path) -> None:
    path = tmp_path / "config.ini"
    path.write_text("[smguide]\ncouncil = wbc\n", encoding="utf-8")
    assert main(["config", "--config", str(path)]) == 0
    out, _ = capsys.readouterr()
    assert "  content:            (built in)\n" in out
    assert "content shown" not in out
