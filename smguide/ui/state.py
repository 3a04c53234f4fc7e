"""The walk in progress, as a Qt object the pages subscribe to.

The core's ``Walk`` is immutable; this holds the current one and announces
each replacement, so every page redraws from the same state (the napari
pattern: widgets take a model and connect to its events).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from smguide.core.model import CouncilContent

if TYPE_CHECKING:
    from smguide.core.walk import Walk


class WalkModel(QObject):
    """Which tree the employee is in and their answers so far."""

    #: The walk changed: a new question, an outcome, or no walk at all.
    changed = Signal()

    def __init__(self, content: CouncilContent, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.content = content
        self._walk: Walk | None = None

    @property
    def walk(self) -> Walk | None:
        return self._walk

    def _set(self, walk: Walk | None) -> None:
        self._walk = walk
        self.changed.emit()

    def start(self, tree_id: str) -> None:
        from smguide.core.walk import Walk  # not needed until the first walk

        self._set(Walk(self.content.trees[tree_id]))

    def open(self, tree_id: str, answers: Iterable[str]) -> None:
        """Start *tree_id* with *answers* already given, as a search result leading there does.

        An answer the tree no longer accepts stops the replay at that question.
        """
        from smguide.core.walk import Walk

        walk = Walk(self.content.trees[tree_id])
        for option_id in answers:
            following = walk.answer(option_id)
            if following.error:
                break
            walk = following
        self._set(walk)

    def answer(self, option_id: str) -> None:
        if self._walk is not None:
            self._set(self._walk.answer(option_id))

    def back(self) -> bool:
        """Go back one question; False when there is nothing to go back to."""
        if self._walk is None or not self._walk.steps:
            return False
        self._set(self._walk.back())
        return True

    def change(self, node_id: str) -> None:
        if self._walk is not None:
            self._set(self._walk.change(node_id))

    def restart(self) -> None:
        if self._walk is not None:
            self._set(self._walk.restart())

    def leave(self) -> None:
        """Forget the walk (back to the home page)."""
        self._set(None)
