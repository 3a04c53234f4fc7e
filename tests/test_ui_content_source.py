"""The window says which content it shows, and a broken share never breaks it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from smguide.core.content_source import LAST_GOOD, Chosen, choose_content
from smguide.ui.mainwindow import MainWindow
from smguide.ui.settings import Settings

TREE = Path("decision_trees/mini/basic.yaml")


def _break(root: Path) -> None:
    tree = root / TREE
    tree.write_text(tree.read_text(encoding="utf-8").replace("next: decline", "next: nowhere"))
    stat = tree.stat()
    os.utime(tree, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def _window(qtbot, chosen: Chosen, tmp_path: Path) -> MainWindow:
    """The main window over the content chosen, as ``smguide.ui.app.run`` builds it."""
    from smguide.ui.app import application

    application()
    window = MainWindow(
        chosen.checked.library,
        Settings(tmp_path / "settings.ini"),
        None,
        chosen.checked.problems,
        source=chosen.source,
    )
    qtbot.addWidget(window)
    return window


def test_the_last_good_copy_is_shown_and_named_on_home_status_bar_and_about(
    qtbot, mini_root: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    choose_content(None, mini_root, cache)
    _break(mini_root)
    chosen = choose_content(None, mini_root, cache)
    assert chosen.source.kind == LAST_GOOD
    window = _window(qtbot, chosen, tmp_path)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)

    assert window.home is not None and window.errors is None  # a working guide
    assert window.home.isVisible()
    notice = window.home.source_notice
    assert notice is not None and notice.isVisible()
    assert notice.text() == chosen.source.describe()
    assert f"The content folder {mini_root} has " in notice.text()
    assert "so this is the last good copy of it" in notice.text()
    assert window.content_label.isVisible()
    assert window.content_label.text().startswith("Last good copy of ")
    assert window.content_label.toolTip() == chosen.source.describe()
    assert "last good copy" in window.about_text()
    window.grab().save(str(tmp_path / "last-good.png"))


def test_a_good_folder_has_no_notice_but_the_status_bar_names_it(
    qtbot, mini_root: Path, tmp_path: Path
) -> None:
    window = _window(qtbot, choose_content(None, mini_root, tmp_path / "cache"), tmp_path)
    assert window.home is not None and window.home.source_notice is None
    assert window.content_label.text().startswith("Content of ")
    assert str(mini_root) in window.content_label.toolTip()


def _start(home: Path, config: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }
    env.pop("SMGUIDE_CONTENT", None)
    return subprocess.run(
        [sys.executable, "-m", "smguide", "--self-test", "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )


def test_the_app_starts_on_a_share_that_breaks_and_then_goes_down(
    tmp_path: Path, mini_root: Path
) -> None:
    home = tmp_path / "home"
    config = tmp_path / "config.ini"
    config.write_text(f"[smguide]\ncontent = {mini_root}\n", encoding="utf-8")

    good = _start(home, config)
    assert (good.returncode, good.stderr) == (0, "")
    assert len(list((home / "cache").rglob("good-*.json"))) == 1

    _break(mini_root)
    broken = _start(home, config)
    assert broken.returncode == 0, broken.stderr  # the guide still works
    assert f"The content folder {mini_root} has " in broken.stderr
    assert "so this is the last good copy of it" in broken.stderr

    mini_root.rename(tmp_path / "gone")
    down = _start(home, config)
    assert down.returncode == 0, down.stderr
    assert f"The content folder {mini_root} was not found or could not be reached" in down.stderr

    (home / "cache").rename(tmp_path / "old-cache")  # and no copy kept: built in
    built_in = _start(home, config)
    assert built_in.returncode == 0, built_in.stderr
    assert "so this is the built-in content of smguide" in built_in.stderr


def test_the_command_line_and_the_window_use_one_cache_folder() -> None:
    """The command line finds the app's last good copies without Qt: the same folder."""
    from smguide.core.locations import user_cache_dir
    from smguide.ui.app import application, cache_dir

    application()
    assert cache_dir() == user_cache_dir()


def test_the_built_in_content_without_a_folder_adds_nothing_to_the_status_bar(
    qtbot, tmp_path: Path
) -> None:
    window = _window(qtbot, choose_content(None, None, tmp_path / "cache"), tmp_path)
    assert window.home is not None and window.home.source_notice is None
    assert window.content_label.parent() is None  # never added
    assert "Showing the built-in content of smguide" in window.about_text()
