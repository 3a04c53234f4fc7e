"""Kiosk mode attacked as a walk-up user would: every way out, the PIN, idling, hammering."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QCloseEvent, QContextMenuEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QMenuBar

from smguide.core.config import MachineConfig
from smguide.core.pin import hash_pin
from smguide.ui import printing
from smguide.ui.kiosk import KIOSK_ZOOM, Kiosk
from smguide.ui.mainwindow import MainWindow
from smguide.ui.settings import Settings

PIN = "246810"
PIN_HASH = hash_pin(PIN, salt=b"kiosk-test-salt!")
ANSWER = "A child or adult I support through my work, or one of their family"


@pytest.fixture
def make_kiosk(qtbot, library, wait_active):
    """A started kiosk over the shipped content; released (filter removed) afterwards."""
    from smguide.ui.app import application

    application()
    made: list[Kiosk] = []

    def make(**settings: object) -> Kiosk:
        chosen = {"kiosk": True, "pin_hash": PIN_HASH, **settings}
        config = MachineConfig(**chosen)  # type: ignore[arg-type]
        memory = Settings.in_memory()
        memory.zoom = KIOSK_ZOOM
        window = MainWindow(library, memory, "nottinghamshire", kiosk=True, printer=config.printer)
        qtbot.addWidget(window)
        kiosk = Kiosk(window, config)
        made.append(kiosk)
        kiosk.start()
        wait_active(window)
        return kiosk

    yield make
    for kiosk in made:
        kiosk.release()


@pytest.fixture
def no_dialogs(monkeypatch):
    """Any file or print dialog, or any attempt to open something outside, fails the test."""
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QFileDialog

    def refuse(*args, **kwargs):
        raise AssertionError("a kiosk must never open this")

    for owner, name in (
        (QFileDialog, "getSaveFileName"),
        (QFileDialog, "getOpenFileName"),
        (QPrintDialog, "exec"),
        (QDesktopServices, "openUrl"),
    ):
        monkeypatch.setattr(owner, name, refuse)


def begin(qtbot, kiosk: Kiosk) -> MainWindow:
    """Touch to start, then open the friend-request tree."""
    qtbot.mouseClick(kiosk.attract.start, Qt.MouseButton.LeftButton)
    assert not kiosk.attract.isVisible()
    window = kiosk.window
    window.start_tree("friend-request")
    return window


def answer(qtbot, window: MainWindow, label: str) -> None:
    (button,) = [b for b in window.walk_page.question_view.buttons if b.accessibleName() == label]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def to_outcome(qtbot, window: MainWindow) -> None:
    answer(qtbot, window, ANSWER)
    answer(qtbot, window, "No, I haven't responded yet")
    assert window.model.walk.outcome is not None


# -- what the kiosk looks like ----------------------------------------------


def test_full_screen_frameless_on_top_with_no_menu_and_no_shortcuts(make_kiosk) -> None:
    kiosk = make_kiosk()
    window = kiosk.window
    assert window.isFullScreen()
    flags = window.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    assert window.findChild(QMenuBar) is None
    assert window.actions() == [], "normal mode's shortcuts must not be live in a kiosk"
    assert kiosk.attract.isVisible()
    assert kiosk.attract.start.hasFocus()


def test_buttons_are_touch_sized(qtbot, make_kiosk) -> None:
    window = begin(qtbot, make_kiosk())
    qtbot.waitUntil(lambda: window.walk_page.isVisible())
    buttons = [
        *window.walk_page.question_view.buttons,
        window.walk_page.back_button,
        window.walk_page.restart_button,
        *window.urgent.findChildren(type(window.walk_page.back_button)),
    ]
    for button in buttons:
        if button.isVisible():
            assert button.width() >= 44 and button.height() >= 44, button.accessibleName()


# -- no way out -------------------------------------------------------------


def test_the_close_button_and_alt_f4_are_refused(qtbot, make_kiosk) -> None:
    window = make_kiosk().window
    assert window.close() is False
    event = QCloseEvent()
    QApplication.sendEvent(window, event)
    assert not event.isAccepted()
    qtbot.keyClick(window, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    QApplication.closeAllWindows()
    assert window.isVisible() and window.isFullScreen()


def test_leaving_full_screen_is_undone(qtbot, make_kiosk) -> None:
    window = make_kiosk().window
    window.showNormal()
    qtbot.waitUntil(window.isFullScreen, timeout=2000)


def test_escape_and_the_normal_shortcuts_do_nothing(qtbot, make_kiosk, no_dialogs) -> None:
    kiosk = make_kiosk()
    window = begin(qtbot, kiosk)
    to_outcome(qtbot, window)
    keys = [
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_F1, Qt.KeyboardModifier.NoModifier),
    ]
    for key, modifiers in keys:
        qtbot.keyClick(QApplication.focusWidget() or window, key, modifiers)
    assert window.isVisible() and window.isFullScreen()
    assert window.stack.currentWidget() is window.walk_page
    assert window.settings.zoom == KIOSK_ZOOM
    assert window._library is None
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [window]


def test_context_menus_are_refused_everywhere(qtbot, make_kiosk) -> None:
    window = begin(qtbot, make_kiosk())
    to_outcome(qtbot, window)
    targets = [window.walk_page.outcome_view.view, window.walk_page.outcome_view.view.viewport()]
    window.go_home()
    targets += [window.home.search.field, window.home]
    for widget in targets:
        place = QPoint(5, 5)
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, place, widget.mapToGlobal(place))
        assert QApplication.sendEvent(widget, event) is True  # taken by the kiosk
        assert QApplication.activePopupWidget() is None


def test_drag_and_drop_is_refused(qtbot, make_kiosk) -> None:
    window = make_kiosk().window
    field = window.home.search.field
    data = QMimeData()
    data.setText("dropped in")
    enter = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(field, enter)
    assert not enter.isAccepted()
    drop = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(field, drop)
    assert field.text() == ""


def test_no_save_as_pdf_and_no_print_without_a_printer(qtbot, make_kiosk, no_dialogs) -> None:
    window = begin(qtbot, make_kiosk())
    to_outcome(qtbot, window)
    page = window.walk_page
    assert not page.pdf_button.isVisible()
    assert not page.print_button.isVisible()
    window.save_outcome_pdf()  # even if asked some other way: nothing happens
    window.print_outcome()


def test_prints_straight_to_the_named_printer(qtbot, make_kiosk, no_dialogs, monkeypatch) -> None:
    from PySide6.QtPrintSupport import QPrinterInfo

    class Printer:
        """Stands in for QPrinter: this machine has no printers to name."""

        name = ""

        def setPrinterName(self, name: str) -> None:
            self.name = name

        def printerName(self) -> str:
            return self.name

    monkeypatch.setattr(QPrinterInfo, "availablePrinterNames", lambda: ["Room 2 HP"])
    monkeypatch.setattr(printing, "new_printer", Printer)
    printed = []
    monkeypatch.setattr(
        printing, "print_html", lambda html, printer, title: printed.append(printer.printerName())
    )
    window = begin(qtbot, make_kiosk(printer="Room 2 HP"))
    to_outcome(qtbot, window)
    assert not window.walk_page.pdf_button.isVisible()
    qtbot.mouseClick(window.walk_page.print_button, Qt.MouseButton.LeftButton)
    assert printed == ["Room 2 HP"]


def test_a_missing_printer_is_explained_not_asked_for(
    qtbot, make_kiosk, no_dialogs, monkeypatch
) -> None:
    from PySide6.QtPrintSupport import QPrinterInfo

    monkeypatch.setattr(QPrinterInfo, "availablePrinterNames", lambda: ["Another"])
    window = begin(qtbot, make_kiosk(printer="Room 2 HP"))
    to_outcome(qtbot, window)
    qtbot.mouseClick(window.walk_page.print_button, Qt.MouseButton.LeftButton)
    assert "Room 2 HP is not available" in window.statusBar().currentMessage()


@pytest.mark.parametrize(
    "link", ["https://example.org/", "file:///etc/passwd", "mailto:someone@example.org"]
)
def test_links_outside_the_guide_open_nothing(qtbot, make_kiosk, no_dialogs, link) -> None:
    window = begin(qtbot, make_kiosk())
    to_outcome(qtbot, window)
    from PySide6.QtCore import QUrl

    window.walk_page.outcome_view.view.anchorClicked.emit(QUrl(link))
    assert window.isVisible() and window.stack.currentWidget() is window.walk_page


# -- the administrator's exit -----------------------------------------------


def press_admin_keys(qtbot, window: MainWindow) -> None:
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F12, modifiers)


def enter_pin(qtbot, dialog, pin: str) -> None:
    for digit in pin:
        (key,) = [k for k in dialog.keys if k.text() == digit]
        qtbot.mouseClick(key, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.unlock, Qt.MouseButton.LeftButton)


def test_the_right_pin_closes_the_kiosk(qtbot, make_kiosk) -> None:
    kiosk = make_kiosk()
    window = begin(qtbot, kiosk)
    press_admin_keys(qtbot, window)
    dialog = kiosk.pin_dialog
    assert dialog is not None and dialog.isVisible()
    with qtbot.waitSignal(kiosk.exit_allowed, timeout=5000):
        enter_pin(qtbot, dialog, PIN)
    assert not window.isVisible()


def test_the_admin_keys_work_on_the_attract_screen_and_cancel_goes_back(qtbot, make_kiosk) -> None:
    kiosk = make_kiosk()
    press_admin_keys(qtbot, kiosk.window)
    dialog = kiosk.pin_dialog
    assert dialog is not None
    press_admin_keys(qtbot, kiosk.window)  # again: the same prompt, not a second one
    assert kiosk.pin_dialog is dialog
    enter_pin(qtbot, dialog, "1357")  # typing in the prompt does not dismiss the attract screen
    assert kiosk.attract.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: kiosk.pin_dialog is None)
    assert kiosk.window.isVisible() and kiosk.window.isFullScreen()


def test_wrong_pins_lock_the_prompt_for_a_growing_time(qtbot, make_kiosk) -> None:
    kiosk = make_kiosk()
    now = [1000.0]
    kiosk.clock = lambda: now[0]
    dialog = kiosk.ask_pin()
    for tries_left in (4, 3, 2, 1):
        enter_pin(qtbot, dialog, "1111")
        assert f"{tries_left} more tries" in dialog.message.text()
    enter_pin(qtbot, dialog, "1111")
    assert "Try again in 30 seconds" in dialog.message.text()
    assert not dialog.field.isEnabled() and not dialog.unlock.isEnabled()
    dialog.field.setText(PIN)
    dialog.try_pin()  # even the right PIN is not checked while locked
    assert kiosk.window.isVisible()
    now[0] += 31
    dialog._show_lock()
    assert dialog.field.isEnabled()
    enter_pin(qtbot, dialog, "2222")
    assert "Try again in 60 seconds" in dialog.message.text()
    now[0] += 61
    dialog._show_lock()
    with qtbot.waitSignal(kiosk.exit_allowed, timeout=5000):
        enter_pin(qtbot, dialog, PIN)


def test_without_a_pin_the_kiosk_cannot_be_closed_from_inside(qtbot, make_kiosk) -> None:
    kiosk = make_kiosk(pin_hash=None, problems=("config.ini:4: the pin is not a PIN hash",))
    dialog = kiosk.ask_pin()
    texts = " ".join(label.text() for label in dialog.findChildren(type(dialog.message)))
    assert "No administrator PIN is set" in texts
    assert "config.ini:4" in texts
    assert not dialog.field.isVisible() and dialog.keys == []
    dialog.try_pin()
    assert kiosk.window.isVisible()


# -- idling and the reset ---------------------------------------------------


def test_inactivity_counts_down_and_then_forgets_everything(qtbot, make_kiosk) -> None:
    kiosk = make_kiosk(inactivity_seconds=1, countdown_seconds=2)
    window = begin(qtbot, kiosk)
    answer(qtbot, window, ANSWER)
    assert window.walk_page.answers.isVisible()
    window.go_home()
    window.home.search.field.setText("friend request from a parent")
    window.open_library("ncc-guidelines:29")
    QApplication.clipboard().setText("something the last person copied")
    with qtbot.waitSignal(kiosk.countdown_started, timeout=3000):
        pass
    assert kiosk.countdown.isVisible()
    assert "2 seconds" in kiosk.countdown.message.text()
    with qtbot.waitSignal(kiosk.reset_done, timeout=4000):
        pass
    qtbot.wait(10)  # let deleteLater run
    assert kiosk.attract.isVisible() and not kiosk.countdown.isVisible()
    assert window.model.walk is None
    assert window._walk_page is None and window._library is None
    assert window.home.search.field.text() == ""
    assert window.settings.zoom == KIOSK_ZOOM
    assert QApplication.clipboard().text() == ""
    alive = " ".join(
        w.text() for w in QApplication.allWidgets() if hasattr(w, "text") and callable(w.text)
    )
    assert ANSWER not in alive
    assert "friend request from a parent" not in alive


def test_any_input_during_the_countdown_carries_on(qtbot, make_kiosk) -> None:
    kiosk = make_kiosk(inactivity_seconds=1, countdown_seconds=30)
    window = begin(qtbot, kiosk)
    answer(qtbot, window, ANSWER)
    with qtbot.waitSignal(kiosk.countdown_started, timeout=3000):
        pass
    with qtbot.waitSignal(kiosk.countdown_cancelled, timeout=1000):
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Space)
    assert not kiosk.countdown.isVisible()
    assert window.model.walk is not None and len(window.model.walk.steps) == 1
    # The key that carried on did nothing else: still at question 2, nothing chosen.
    assert window.model.walk.number == 2


def test_the_touch_that_dismisses_the_attract_screen_does_nothing_else(qtbot, make_kiosk) -> None:
    kiosk = make_kiosk()
    window = kiosk.window
    tile = window.home.tiles["friend-request"]
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert not kiosk.attract.isVisible()
    assert window.model.walk is None


def test_hammering_keys_and_clicks_never_gets_out(qtbot, make_kiosk, no_dialogs) -> None:
    kiosk = make_kiosk()
    window = begin(qtbot, kiosk)
    chance = random.Random(20261121)  # noqa: S311 (a repeatable hammering, not a secret)
    keys = [
        Qt.Key.Key_Escape,
        Qt.Key.Key_Tab,
        Qt.Key.Key_Return,
        Qt.Key.Key_Space,
        Qt.Key.Key_F4,
        Qt.Key.Key_F10,
        Qt.Key.Key_F11,
        Qt.Key.Key_Menu,
        Qt.Key.Key_Left,
        Qt.Key.Key_1,
        Qt.Key.Key_2,
        Qt.Key.Key_Q,
        Qt.Key.Key_W,
        Qt.Key.Key_P,
        Qt.Key.Key_Backspace,
    ]
    modifiers = [
        Qt.KeyboardModifier.NoModifier,
        Qt.KeyboardModifier.AltModifier,
        Qt.KeyboardModifier.ControlModifier,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
        Qt.KeyboardModifier.MetaModifier,
    ]
    for _ in range(400):
        target = QApplication.focusWidget() or window
        if chance.random() < 0.8:
            qtbot.keyClick(target, chance.choice(keys), chance.choice(modifiers))
        else:
            visible = [w for w in window.findChildren(type(window.walk_page)) if w.isVisible()]
            qtbot.mouseClick((visible or [window])[0], Qt.MouseButton.LeftButton)
    assert window.isVisible() and window.isFullScreen()
    assert all(
        not isinstance(w, QDialog) or not w.isVisible() for w in QApplication.topLevelWidgets()
    )


# -- nothing written ------------------------------------------------------------

DRIVER = """
import sys
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv[:1])
PIN = sys.argv[2]


def drive():
    from smguide.ui.kiosk import Kiosk
    from smguide.ui.mainwindow import MainWindow

    (window,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    kiosk = window.findChild(Kiosk)
    QTest.mouseClick(kiosk.attract.start, Qt.MouseButton.LeftButton)
    window.home.search.field.setText("a mum from school added me on facebook")
    QTest.qWait(300)  # the search runs
    window.start_tree("friend-request")
    for _ in range(2):
        window.walk_page.question_view.buttons[0].click()
    window.open_library("ncc-guidelines:29")
    QApplication.clipboard().setText("copied by the last person")

    def after_reset():
        assert window.model.walk is None and kiosk.attract.isVisible()
        dialog = kiosk.ask_pin()
        dialog.field.setText(PIN)
        dialog.try_pin()

    kiosk.reset_done.connect(after_reset)


QTimer.singleShot(300, drive)
from smguide.cli import main

sys.exit(main(["--config", sys.argv[1]]))
"""


def _files(root):
    return {
        (str(path.relative_to(root)), path.stat().st_size, path.stat().st_mtime_ns)
        for path in root.rglob("*")
    }


def test_a_whole_kiosk_session_writes_nothing(tmp_path) -> None:
    """Started as IT would (the configuration file), used, left idle, reset, exited by PIN."""
    import os
    import subprocess
    import sys

    home, temporary, work, machine = (tmp_path / n for n in ("home", "tmp", "cwd", "etc"))
    for folder in (home, temporary, work, machine):
        folder.mkdir()
    config = machine / "config.ini"
    config.write_text(
        "[kiosk]\nenabled = yes\ninactivity_seconds = 1\ncountdown_seconds = 1\n"
        f"pin = {PIN_HASH}\n",
        encoding="utf-8",
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("XDG_", "SMGUIDE_")) and key not in ("HOME", "TMPDIR", "APPDATA")
    }
    env.update(HOME=str(home), TMPDIR=str(temporary), QT_QPA_PLATFORM="offscreen")
    before = _files(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, str(config), PIN],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr
    after = _files(tmp_path)
    assert after == before, f"written: {sorted(after - before)}"


def test_kiosk_screens_fit_the_screen(qtbot, make_kiosk) -> None:
    """Each kiosk screen at its larger text fits the screen; screenshots are kept to look at."""
    from pathlib import Path

    kiosk = make_kiosk(inactivity_seconds=60, countdown_seconds=30)
    window = kiosk.window
    shots = Path(__file__).parent / "screenshots"
    shots.mkdir(exist_ok=True)
    screens = {
        "attract": lambda: None,
        "home": kiosk.dismiss_attract,
        "question": lambda: window.start_tree("friend-request"),
        "outcome": lambda: to_outcome(qtbot, window),
        "countdown": kiosk.start_countdown,
    }
    for name, show in screens.items():
        show()
        qtbot.wait(10)
        assert window.minimumSizeHint().width() <= window.width(), name
        window.grab().save(str(shots / f"kiosk-{name}.png"))
    kiosk.cancel_countdown()
    dialog = kiosk.ask_pin()
    qtbot.wait(10)
    dialog.grab().save(str(shots / "kiosk-pin.png"))
    assert all(key.width() >= 44 and key.height() >= 44 for key in dialog.keys)


def test_the_countdown_is_announced_and_any_key_carries_on(qtbot, make_kiosk) -> None:
    """Screen readers hear the countdown at once, and every ten seconds; a key carries on."""
    from smguide.ui.announce import announcements

    heard: list[tuple[str, bool]] = []
    announcements.spoken.connect(lambda message, urgent: heard.append((message, urgent)))
    try:
        kiosk = make_kiosk(inactivity_seconds=60, countdown_seconds=21)
        kiosk.dismiss_attract()
        kiosk.start_countdown()
        assert heard[-1][0].startswith("Still there? The guide will start again")
        assert heard[-1][1], "the countdown interrupts: it cannot wait its turn"
        kiosk._on_tick()  # 20 seconds left
        assert heard[-1] == ("20 seconds left. Press any key to carry on.", False)
        kiosk._on_tick()  # 19: not every second
        assert heard[-1][0].startswith("20 seconds")
        qtbot.keyClick(kiosk.countdown.carry_on, Qt.Key.Key_A)
        assert not kiosk.countdown.isVisible()
        assert heard[-1] == ("Carrying on.", False)
    finally:
        announcements.spoken.disconnect()


def test_reduced_motion_stops_touch_scrolling_gliding(qtbot, make_kiosk, monkeypatch) -> None:
    from PySide6.QtWidgets import QApplication, QScroller, QScrollerProperties

    monkeypatch.setenv("SMGUIDE_REDUCE_MOTION", "1")
    kiosk = make_kiosk()
    assert kiosk.reduced_motion
    assert not QApplication.isEffectEnabled(Qt.UIEffect.UI_AnimateMenu)
    kiosk.dismiss_attract()
    kiosk.window.start_tree("friend-request")  # a page built, and polished, in the kiosk
    qtbot.wait(10)
    viewport = kiosk.window.walk_page.question_view.viewport()
    properties = QScroller.scroller(viewport).scrollerProperties()
    metric = QScrollerProperties.ScrollMetric
    off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
    assert properties.scrollMetric(metric.VerticalOvershootPolicy) == off
    assert properties.scrollMetric(metric.MinimumVelocity) >= 1000
