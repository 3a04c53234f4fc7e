"""Kiosk mode: the guide on a shared training-room PC, for whoever walks up.

One object, ``Kiosk``, turns a ``MainWindow`` built with ``kiosk=True``
into a kiosk and keeps it one:

- full screen, frameless and on top, and put back full screen if anything
  (a window-manager key, say) takes it out;
- no way out for a user: the window refuses to close, and an application-wide
  event filter swallows context menus and drag and drop for every widget,
  including pages built later (the window itself has no menus, shortcuts or
  file and print dialogs in kiosk mode);
- after ``inactivity_seconds`` without input, a countdown overlay ("Still
  there?"); any input carries on, and at zero every page is rebuilt, so
  nothing the last person did survives, and the attract screen returns;
- the administrator's way out: Ctrl+Shift+F12 opens a PIN prompt, checked
  against the salted hash in the machine's configuration, locked for a
  growing time after five wrong PINs.

Nothing here writes to disk; the window's settings are held in memory.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from smguide.core.pin import ATTEMPTS_BEFORE_LOCK, Lockout, verify_pin
from smguide.ui import motion
from smguide.ui.announce import announce

if TYPE_CHECKING:
    from smguide.core.config import MachineConfig
    from smguide.ui.mainwindow import MainWindow

#: The text size of a kiosk: larger than a desk's, for people standing at a screen.
KIOSK_ZOOM = 150
#: The administrator's key sequence, documented in the README for IT.
ADMIN_KEY = Qt.Key.Key_F12
ADMIN_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
ADMIN_SEQUENCE = "Ctrl+Shift+F12"

_REFUSED = {
    QEvent.Type.ContextMenu,
    QEvent.Type.DragEnter,
    QEvent.Type.DragMove,
    QEvent.Type.Drop,
}
#: Input that means someone is there (presses also dismiss an overlay).
_PRESSES = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.KeyPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.TabletPress,
}
_MODIFIER_KEYS = {
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_Meta,
}
_INPUT = _PRESSES | {
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchUpdate,
    QEvent.Type.KeyRelease,
}


def _overlay(name: str, parent: QWidget) -> QWidget:
    widget = QWidget(parent)
    widget.setObjectName(name)
    widget.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    widget.hide()
    return widget


class AttractScreen(QWidget):
    """ "Touch to start": what a walk-up user sees first, and after every reset."""

    def __init__(self, council_name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("attract")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAccessibleName("Welcome")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addStretch(2)
        title = QLabel("Social media at work")
        title.setObjectName("attractTitle")
        council = QLabel(council_name)
        council.setTextFormat(Qt.TextFormat.PlainText)  # content's words, never HTML
        council.setObjectName("attractCouncil")
        blurb = QLabel(
            "Not sure what to do? Answer a few questions and see what your council's policy says."
        )
        blurb.setWordWrap(True)
        self.start = QPushButton("Touch to start")
        self.start.setObjectName("attractStart")
        self.start.setAccessibleName("Touch to start")
        self.start.setAccessibleDescription("Opens the guide's home page")
        for widget in (title, council, blurb):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget)
        layout.addSpacing(32)
        layout.addWidget(self.start, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(3)
        self.hide()


class CountdownOverlay(QWidget):
    """ "Still there?": the warning before a reset, over whatever is on screen."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("countdown")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        box = QFrame()
        box.setObjectName("countdownBox")
        box.setMaximumWidth(720)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(32, 28, 32, 28)
        inner.setSpacing(16)
        self.title = QLabel("Still there?")
        self.title.setObjectName("countdownTitle")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Time left")
        self.carry_on = QPushButton("Touch to carry on")
        self.carry_on.setAccessibleName("I'm still here: carry on")
        inner.addWidget(self.title)
        inner.addWidget(self.message)
        inner.addWidget(self.carry_on, 0, Qt.AlignmentFlag.AlignLeft)
        # Stretches, not alignment: an aligned widget gets its size hint and
        # the wrapped message would be cut; in a row it gets height for width.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box, 4)
        row.addStretch(1)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self.hide()

    def show_seconds(self, seconds: int) -> None:
        unit = "second" if seconds == 1 else "seconds"
        text = (
            f"The guide will start again for the next person in {seconds} {unit}, "
            "and your answers will be cleared. Touch the screen or press any key to carry on."
        )
        self.message.setText(text)
        self.message.setAccessibleDescription(text)


class PinDialog(QDialog):
    """The administrator's exit: a PIN, with a keypad for touch screens."""

    def __init__(
        self,
        parent: QWidget,
        pin_hash: str | None,
        lockout: Lockout,
        clock: Callable[[], float],
        problems: tuple[str, ...] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Administrator exit")
        self.setModal(True)
        self.pin_hash = pin_hash
        self.lockout = lockout
        self.clock = clock
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        heading = QLabel("<b>Administrator exit</b>")
        layout.addWidget(heading)
        self.message = QLabel()
        self.message.setObjectName("pinMessage")
        self.message.setWordWrap(True)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setMaxLength(12)
        # Digits only, as many as a PIN may have (PIN_SHAPE): typing cannot go wrong.
        self.field.setValidator(
            QRegularExpressionValidator(QRegularExpression("[0-9]{0,12}"), self)
        )
        self.field.setAccessibleName("Administrator PIN")
        self.field.returnPressed.connect(self.try_pin)
        self.unlock = QPushButton("Exit kiosk")
        self.unlock.setAccessibleName("Exit the kiosk with this PIN")
        self.unlock.clicked.connect(self.try_pin)
        cancel = QPushButton("Cancel")
        cancel.setObjectName("secondary")
        cancel.clicked.connect(self.reject)
        self.keys: list[QPushButton] = []
        if pin_hash is None:
            layout.addWidget(
                QLabel(
                    "No administrator PIN is set on this PC, so the kiosk cannot be closed "
                    "from here. IT can set one with 'smguide kiosk-pin'."
                )
            )
        else:
            layout.addWidget(QLabel("Enter the administrator PIN to close the kiosk."))
            layout.addWidget(self.field)
            pad = QGridLayout()
            for index, label in enumerate("123456789C0"):
                key = QPushButton("Clear" if label == "C" else label)
                key.setObjectName("key")
                key.setAccessibleName("Clear the PIN" if label == "C" else f"Digit {label}")
                key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                key.clicked.connect(lambda _=False, k=label: self._press(k))
                pad.addWidget(key, index // 3, index % 3)
                self.keys.append(key)
            layout.addLayout(pad)
        layout.addWidget(self.message)
        for problem in problems:
            note = QLabel(problem)
            note.setWordWrap(True)
            layout.addWidget(note)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        if pin_hash is not None:
            buttons.addWidget(self.unlock)
        layout.addLayout(buttons)
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self._show_lock)
        self._show_lock()

    def _press(self, key: str) -> None:
        if key == "C":
            self.field.clear()
        elif len(self.field.text()) < self.field.maxLength():
            self.field.setText(self.field.text() + key)
        self.field.setFocus()

    def _show_lock(self) -> bool:
        """Disable the prompt while locked out; returns whether it is locked."""
        wait = self.lockout.remaining(self.clock())
        locked = wait > 0
        for widget in (self.field, self.unlock, *self.keys):
            widget.setEnabled(not locked)
        if locked:
            self.message.setText(f"Too many wrong PINs. Try again in {wait:.0f} seconds.")
            self.ticker.start()
        else:
            self.ticker.stop()
            if self.message.text().startswith("Too many"):
                self.message.clear()
        return locked

    def try_pin(self) -> None:
        if self.pin_hash is None or self._show_lock():
            return
        pin = self.field.text()
        self.field.clear()
        if verify_pin(pin, self.pin_hash):
            self.lockout.succeeded()
            self.accept()
            return
        locked_for = self.lockout.failed(self.clock())
        if locked_for:
            self._show_lock()
            return
        left = max(0, ATTEMPTS_BEFORE_LOCK - self.lockout.failures)
        self.message.setText(f"That PIN is not right. {left} more tries before the prompt locks.")
        self.field.setFocus()


class Kiosk(QObject):
    """Makes *window* a kiosk; the signals let tests wait instead of sleeping."""

    countdown_started = Signal()
    countdown_cancelled = Signal()
    reset_done = Signal()
    attract_dismissed = Signal()
    exit_allowed = Signal()

    def __init__(self, window: MainWindow, config: MachineConfig) -> None:
        super().__init__(window)
        self.window = window
        self.config = config
        self.lockout = Lockout()
        #: The clock for the PIN lock-out (replaceable in tests).
        self.clock: Callable[[], float] = time.monotonic
        self.pin_dialog: PinDialog | None = None
        self.remaining = 0
        #: The system asks for less motion: touch scrolling stops with the finger.
        self.reduced_motion = motion.reduced_motion()
        if self.reduced_motion:
            motion.still_effects()

        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(config.inactivity_seconds * 1000)
        self.idle.timeout.connect(self.start_countdown)
        self.tick = QTimer(self)
        self.tick.setInterval(1000)
        self.tick.timeout.connect(self._on_tick)

        name = window.content.council.name if window.content else ""
        self.attract = AttractScreen(name, window)
        self.attract.start.clicked.connect(self.dismiss_attract)
        self.countdown = CountdownOverlay(window)
        self.countdown.carry_on.clicked.connect(self.cancel_countdown)

        window.setWindowFlags(
            window.windowFlags()
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        window.setAcceptDrops(False)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    # -- showing ----------------------------------------------------------

    def start(self) -> None:
        """Show the kiosk full screen, at the attract screen."""
        self.window.showFullScreen()
        self.show_attract()

    def show_attract(self) -> None:
        self.idle.stop()
        self._fit(self.attract)
        self.attract.show()
        self.attract.raise_()
        self.attract.start.setFocus(Qt.FocusReason.OtherFocusReason)

    def dismiss_attract(self) -> None:
        if not self.attract.isVisible():
            return
        self.attract.hide()
        self.idle.start()
        home = self.window.home or self.window.errors
        if home is not None:
            home.focus_first()
        self.attract_dismissed.emit()

    def _fit(self, overlay: QWidget) -> None:
        overlay.setGeometry(self.window.rect())

    # -- inactivity -------------------------------------------------------

    def start_countdown(self) -> None:
        if self.attract.isVisible() or self.countdown.isVisible():
            return
        self.remaining = self.config.countdown_seconds
        self.countdown.show_seconds(self.remaining)
        self._fit(self.countdown)
        self.countdown.show()
        self.countdown.raise_()
        self.countdown.carry_on.setFocus(Qt.FocusReason.OtherFocusReason)
        # It interrupts: whoever is there has only the countdown's time to answer.
        announce(self.countdown, f"Still there? {self.countdown.message.text()}", interrupt=True)
        self.tick.start()
        self.countdown_started.emit()

    def cancel_countdown(self) -> None:
        if not self.countdown.isVisible():
            return
        self.tick.stop()
        self.countdown.hide()
        self.idle.start()
        announce(self.window, "Carrying on.")
        self.countdown_cancelled.emit()

    def _on_tick(self) -> None:
        self.remaining -= 1
        if self.remaining <= 0:
            self.reset()
        else:
            self.countdown.show_seconds(self.remaining)
            if self.remaining % 10 == 0 or self.remaining == 5:
                # Every second would drown out everything else a screen reader says.
                unit = "second" if self.remaining == 1 else "seconds"
                announce(
                    self.countdown, f"{self.remaining} {unit} left. Press any key to carry on."
                )

    def reset(self) -> None:
        """Back to the attract screen with no trace of the last person."""
        self.tick.stop()
        self.countdown.hide()
        if self.pin_dialog is not None:
            self.pin_dialog.reject()
        self.window.reset_for_next_person(KIOSK_ZOOM)
        self.show_attract()
        gc.collect()
        self.reset_done.emit()

    # -- the administrator's exit ------------------------------------------

    def ask_pin(self) -> PinDialog:
        """Open the PIN prompt (once: pressing the keys again brings the same one up)."""
        if self.pin_dialog is not None:
            self.pin_dialog.raise_()
            return self.pin_dialog
        dialog = PinDialog(
            self.window, self.config.pin_hash, self.lockout, self.clock, self.config.problems
        )
        dialog.accepted.connect(self._on_unlocked)
        dialog.finished.connect(self._on_pin_closed)
        self.pin_dialog = dialog
        dialog.open()
        dialog.field.setFocus()
        return dialog

    def _on_pin_closed(self) -> None:
        dialog, self.pin_dialog = self.pin_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def _on_unlocked(self) -> None:
        self.exit_allowed.emit()
        self.release()

    def release(self) -> None:
        """Stop being a kiosk and close the window: the administrator's exit."""
        self.idle.stop()
        self.tick.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.window.may_close = True
        self.window.close()

    # -- the filter -------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _REFUSED:
            event.ignore()
            return True
        if kind == QEvent.Type.Polish and isinstance(watched, QAbstractScrollArea):
            # Pages, answers and the outcome scroll with a finger's swipe, as on a phone.
            QScroller.grabGesture(watched.viewport(), QScroller.ScrollerGestureType.TouchGesture)
            if self.reduced_motion:
                motion.still_scrolling(watched.viewport())
        if watched is self.window:
            if kind == QEvent.Type.Resize:
                for overlay in (self.attract, self.countdown):
                    self._fit(overlay)
            elif kind == QEvent.Type.WindowStateChange and not self.window.isFullScreen():
                QTimer.singleShot(0, self._back_to_full_screen)
        if kind not in _INPUT:
            return False
        if (
            kind == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == ADMIN_KEY
            and event.modifiers() & ADMIN_MODIFIERS == ADMIN_MODIFIERS
        ):
            self.ask_pin()
            return True
        if self._in_pin_dialog(watched):
            return False
        if self.attract.isVisible() or self.countdown.isVisible():
            # Ctrl or Shift alone (the start of the administrator's keys) is not a touch.
            modifier = isinstance(event, QKeyEvent) and event.key() in _MODIFIER_KEYS
            if kind not in _PRESSES or modifier:
                if self.countdown.isVisible() and kind != QEvent.Type.KeyRelease:
                    self.cancel_countdown()
                return False
            # The touch that dismisses an overlay does nothing else.
            if self.countdown.isVisible():
                self.cancel_countdown()
            else:
                self.dismiss_attract()
            return True
        self.idle.start()
        return False

    def _in_pin_dialog(self, watched: QObject) -> bool:
        dialog = self.pin_dialog
        if dialog is None:
            return False
        if isinstance(watched, QWidget):
            return watched is dialog or dialog.isAncestorOf(watched)
        return watched is dialog.windowHandle()

    def _back_to_full_screen(self) -> None:
        if not self.window.may_close and not self.window.isFullScreen():
            self.window.showFullScreen()
