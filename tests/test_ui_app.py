"""The app as a whole: broken content, settings, PDF from the window, --self-test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from smguide.ui.mainwindow import MainWindow


def test_broken_content_opens_the_error_page_and_the_library_still_works(
    qtbot, make_window, mini_root: Path
) -> None:
    tree = mini_root / "decision_trees" / "mini" / "basic.yaml"
    tree.write_text(tree.read_text().replace("next: decline", "next: nowhere"))
    window: MainWindow = make_window(mini_root)
    assert window.stack.currentWidget() is window.errors
    assert window.home is None and window.urgent is None  # no trees from broken content
    text = window.errors.problems.toPlainText()
    assert "decision_trees/mini/basic.yaml:14: option 'client' of question 'who' leads to" in text
    assert "Traceback" not in text
    qtbot.mouseClick(window.errors.library_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.library
    assert "This policy applies to everyone." in window.library.view.toPlainText()
    qtbot.mouseClick(window.library.back_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.errors


def test_no_council_at_all_still_opens_a_window(make_window, tmp_path: Path) -> None:
    (tmp_path / "empty" / "content").mkdir(parents=True)
    (tmp_path / "empty" / "decision_trees").mkdir()
    window = make_window(tmp_path / "empty")
    assert window.stack.currentWidget() is window.errors
    assert not window.errors.library_button.isEnabled()


def test_corrupt_settings_file_is_survived_and_set_aside(make_window, tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    garbage = b"\x00\xff[[[\x00" * 100
    path.write_bytes(garbage)
    window = make_window(settings_path=path)
    assert window.stack.currentWidget() is window.home
    assert window.settings.zoom == 100
    assert window.settings.notice
    assert window.statusBar().currentMessage() == window.settings.notice
    (aside,) = tmp_path.glob("settings.ini.corrupt-*")
    assert aside.read_bytes() == garbage


def test_text_size_is_remembered(make_window, tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    window = make_window(settings_path=path)
    window.bigger_action.trigger()
    window.bigger_action.trigger()
    window.close()
    assert make_window(settings_path=path).settings.zoom == 125


def test_window_size_is_remembered(make_window, tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    window = make_window(settings_path=path)
    # Within the offscreen screen (800 by 600): restored geometry is kept on screen.
    window.resize(760, 540)
    window.close()
    again = make_window(settings_path=path, size=None)
    assert (again.width(), again.height()) == (760, 540)


def test_save_as_pdf_from_the_outcome(qtbot, make_window, tmp_path: Path, monkeypatch) -> None:
    pypdf = pytest.importorskip("pypdf")
    window = make_window()
    suggested: list[str] = []
    target = tmp_path / "advice.pdf"

    def ask(name: str) -> Path:
        suggested.append(name)
        return target

    monkeypatch.setattr(window, "ask_pdf_path", ask)
    assert not window.save_pdf_action.isEnabled()
    window.start_tree("legal-threat")
    window.walk_page.question_view.buttons[0].click()
    window.walk_page.question_view.buttons[0].click()
    assert window.save_pdf_action.isEnabled()
    qtbot.mouseClick(window.walk_page.pdf_button, Qt.MouseButton.LeftButton)
    assert suggested[0].startswith("smguide-legal-threat-tell-line-manager-")
    assert suggested[0].endswith(".pdf")
    text = " ".join(
        " ".join(page.extract_text() or "" for page in pypdf.PdfReader(target).pages).split()
    )
    assert "Remove the posting now and tell your line manager" in text
    assert "Something I posted" in text and "Yes, my line manager is available" in text
    assert "remove the posting immediately and notify your line manager" in text
    assert "Nottinghamshire County Council" in text
    assert f"Saved to {target}" in window.statusBar().currentMessage()


def test_about_names_version_council_and_documents(make_window) -> None:
    from smguide import __version__

    text = make_window().about_text()
    assert __version__ in text
    assert "Nottinghamshire County Council" in text
    assert "Social Media Policy: current" in text


def test_self_test_starts_paints_and_reports(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "smguide", "--self-test"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    (line,) = result.stdout.splitlines()
    assert line.startswith("ready in ") and line.endswith(" ms")


def test_self_test_fails_on_broken_content(tmp_path: Path, mini_root: Path) -> None:
    (mini_root / "decision_trees" / "mini" / "basic.yaml").write_text('title: "unclosed\n\n')
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "smguide", "--self-test", "--content", str(mini_root)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert result.returncode == 1
    assert "basic.yaml:1: YAML syntax error" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("zoom", [100, 150, 200])
def test_pages_fit_1280_by_720_at_every_text_size(qtbot, make_window, zoom, tmp_path) -> None:
    """Nothing forces the window wider than 1280 pixels; screenshots are kept to look at."""
    window = make_window()
    window.apply_zoom(zoom)
    shots = Path(__file__).parent / "screenshots"
    shots.mkdir(exist_ok=True)
    pages = {
        "home": window.go_home,
        "question": lambda: window.start_tree("friend-request"),
        "outcome": lambda: (
            window.walk_page.question_view.buttons[0].click()
            or window.walk_page.question_view.buttons[0].click()
        ),
        "library": lambda: window.open_library("ncc-guidelines:29"),
        "search": lambda: (
            window.go_home()
            or window.home.search.field.setText("a parent added me on facebook")
            or window.home.search.search_now()
        ),
        "library-search": lambda: (
            window.open_library()
            or window.library.search.setText("legal action")
            or window.library.search_now()
        ),
    }
    for name, show in pages.items():
        show()
        qtbot.wait(10)
        assert window.minimumSizeHint().width() <= 1280, name
        assert window.width() == 1280, name
        window.grab().save(str(shots / f"{name}-{zoom}.png"))


def _self_test(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }
    return subprocess.run(
        [sys.executable, "-m", "smguide", "--self-test", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )


def test_a_second_start_uses_the_snapshot_and_still_sees_a_broken_edit(
    tmp_path: Path, mini_root: Path
) -> None:
    home = tmp_path / "home"
    assert _self_test(home, "--content", str(mini_root)).returncode == 0
    assert len(list((home / "cache").rglob("content-*.json"))) == 1
    assert _self_test(home, "--content", str(mini_root)).returncode == 0
    tree = mini_root / "decision_trees" / "mini" / "basic.yaml"
    tree.write_text(tree.read_text().replace("next: decline", "next: nowhere"))
    stat = tree.stat()
    os.utime(tree, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    broken = _self_test(home, "--content", str(mini_root))
    assert broken.returncode == 1
    assert "basic.yaml" in broken.stderr and "'nowhere'" in broken.stderr


STARTUP_PROBE = """
import sys
from smguide.cli import main
status = main(["--self-test"])
from PySide6 import QtCore, QtWidgets
heavy = sorted(m for m in ("yaml", "jinja2", "markdown", "nh3", "smguide.core.validation")
               if m in sys.modules)
views = sorted(name for name in ("QListWidget", "QTextBrowser", "QTabWidget")
               if name in QtWidgets.__dict__)
print("status", status, "qt-namespace", "Qt" in QtCore.__dict__, "heavy", heavy, "views", views)
"""


def test_the_home_page_starts_without_what_it_does_not_need(tmp_path: Path) -> None:
    """Start-up cost lives here: parsing, templates and Qt's enum namespace are for later.

    On a second start the snapshot stands in for YAML and validation; the
    renderer (jinja2, markdown, nh3) waits for the first walk; no widget
    on the home page names a ``Qt`` enum, whose first use costs 20 ms or more;
    and the item views and rich text views of later pages are not loaded.
    """
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    run = [sys.executable, "-c", STARTUP_PROBE]
    subprocess.run(run, capture_output=True, text=True, timeout=120, check=True, env=env)
    second = subprocess.run(run, capture_output=True, text=True, timeout=120, check=True, env=env)
    assert second.stdout.splitlines()[-1] == "status 0 qt-namespace False heavy [] views []"


def test_the_self_test_reads_the_users_settings_and_leaves_them_alone(
    tmp_path: Path, mini_root: Path
) -> None:
    """A packaging check on a user's machine must not store an offscreen window's size."""
    home = tmp_path / "home"
    ini = home / "config" / "smguide" / "smguide.ini"
    ini.parent.mkdir(parents=True)
    ini.write_text("[General]\nzoom=150\ncouncil=somewhere-else\n", encoding="utf-8")
    before = ini.read_bytes()
    assert _self_test(home, "--content", str(mini_root)).returncode == 0
    assert ini.read_bytes() == before
    assert [p.name for p in ini.parent.iterdir()] == ["smguide.ini"]
    ini.unlink()
    assert _self_test(home, "--content", str(mini_root)).returncode == 0
    assert not ini.exists()
