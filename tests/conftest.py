"""Shared fixtures: headless Qt, an isolated home, and loaded content."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Before anything imports Qt: no screen is needed to test.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from smguide.core.loading import Library, load_library
from smguide.core.model import CouncilContent

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test reads or writes the real user's settings, data or cache."""
    home = tmp_path_factory.mktemp("home")
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "APPDATA"):
        monkeypatch.setenv(name, str(home if name == "HOME" else home / name.lower()))
    monkeypatch.delenv("SMGUIDE_CONTENT", raising=False)


@pytest.fixture(scope="session")
def library() -> Library:
    """The built-in content, loaded once."""
    return load_library()


@pytest.fixture(scope="session")
def ncc(library: Library) -> CouncilContent:
    return library.council("nottinghamshire")


@pytest.fixture
def mini_root(tmp_path: Path) -> Path:
    """A writable copy of the small valid content root in tests/fixtures/mini."""
    root = tmp_path / "root"
    shutil.copytree(MINI, root)
    return root


class TreeWalk:
    """Walks a tree in a test, in the style ``walk(t).answer("x").expect_outcome("y")``.

    Every answer must be accepted, and an expected outcome is also rendered,
    so a node test proves the page an employee would see can be built.
    """

    def __init__(self, content: CouncilContent, tree_id: str) -> None:
        from smguide.core.walk import Walk

        self.content = content
        self.walk = Walk(content.trees[tree_id])

    def answer(self, *option_ids: str) -> TreeWalk:
        for option_id in option_ids:
            self.walk = self.walk.answer(option_id)
            assert self.walk.error == "", self.walk.error
        return self

    def expect_question(self, node_id: str) -> TreeWalk:
        assert self.walk.question is not None, f"reached {self.walk.current!r}"
        assert self.walk.question.id == node_id
        return self

    def expect_outcome(self, outcome_id: str, verdict: str, cites: set[str]):
        from smguide.core.rendering import Renderer

        outcome = self.walk.outcome
        assert outcome is not None, f"still at question {self.walk.current!r}"
        assert (outcome.id, outcome.verdict) == (outcome_id, verdict)
        cited = {citation.clause for citation in outcome.cites}
        assert cites <= cited, f"missing {cites - cited}"
        html = Renderer(self.content).walk_outcome(self.walk)
        for clause_id in cites:
            assert f'href="clause:{clause_id}"' in html
        return outcome


@pytest.fixture
def walk(ncc: CouncilContent):
    """``walk("friend-request")`` starts a TreeWalk over the Nottinghamshire tree."""
    return lambda tree_id: TreeWalk(ncc, tree_id)


@pytest.fixture
def make_window(qtbot, tmp_path: Path):
    """Builds the real main window over some content, with settings in tmp."""
    from smguide.ui.app import application, build_window
    from smguide.ui.settings import Settings

    application()

    def make(
        root: Path | None = None,
        settings_path: Path | None = None,
        size: tuple[int, int] | None = (1280, 720),
        council: str | None = "nottinghamshire",
    ):
        settings = Settings(settings_path or tmp_path / "settings.ini")
        library = load_library(root)
        window = build_window(library, council if council in library.councils else None, settings)
        qtbot.addWidget(window)
        if size is not None:
            window.resize(*size)
        window.show()
        show_active(qtbot, window)
        return window

    return make


@pytest.fixture
def wait_active(qtbot):
    """``wait_active(window)``: wait until a shown window is exposed and active."""
    return lambda window: show_active(qtbot, window)


def show_active(qtbot, window) -> None:
    """Keyboard tests need the window active; offscreen, activation must be asked for."""
    qtbot.waitExposed(window)
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
