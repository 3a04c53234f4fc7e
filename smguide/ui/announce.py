"""Telling a screen reader what changed, when focus alone would not say it all.

A new question, the answer chosen, a verdict, a countdown: each is sent as
an accessibility announcement (``QAccessibleAnnouncementEvent``, Qt 6.8+),
which screen readers speak without moving the user's place. ``spoken``
repeats each one as a signal, so tests can hear them too.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget


class _Announcements(QObject):
    #: Every announcement made, and whether it interrupts (assertive).
    spoken = Signal(str, bool)


announcements = _Announcements()


def announce(widget: QWidget, message: str, *, interrupt: bool = False) -> None:
    """Have screen readers say *message*, from *widget*; *interrupt* for what cannot wait."""
    # Here, not at the top: the home page does not announce, and start-up need not load these.
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent  # Qt 6.8+

    event = QAccessibleAnnouncementEvent(widget, message)
    if interrupt:
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)
    announcements.spoken.emit(message, interrupt)
