"""Problems found in content, each pinned to a file and line.

Loading and validation collect problems instead of raising, so a policy owner
sees every mistake in one run of ``smguide check``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from smguide.core.value import Value


class Problem(Value, order=True):
    """One thing wrong with the content, where it is, and what to do about it."""

    path: Path
    line: int
    message: str
    severity: str = "error"

    def format(self, root: Path | None = None) -> str:
        """``path:line: message``, with the path relative to *root* when possible."""
        shown = self.path
        if root is not None:
            try:
                shown = self.path.resolve().relative_to(root.resolve())
            except ValueError:
                shown = self.path
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{shown}:{self.line}: {prefix}{self.message}"


class ProblemList:
    """Collects problems for one file so parsers can report without threading paths."""

    def __init__(self, path: Path, sink: list[Problem]) -> None:
        self.path = path
        self._sink = sink

    @property
    def count(self) -> int:
        """How many problems have been reported for this file."""
        return sum(1 for problem in self._sink if problem.path == self.path)

    def add(self, line: int, message: str) -> None:
        self._sink.append(Problem(self.path, max(line, 1), message))

    def warn(self, line: int, message: str) -> None:
        self._sink.append(Problem(self.path, max(line, 1), message, severity="warning"))


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that stop content being used; warnings are left out."""
    return [problem for problem in problems if problem.severity == "error"]


def merged(*groups: Iterable[Problem]) -> list[Problem]:
    """Problems from several checks as one list: each once, by file and line."""
    found = {problem for group in groups for problem in group}
    return sorted(found, key=lambda p: (str(p.path), p.line, p.message))
