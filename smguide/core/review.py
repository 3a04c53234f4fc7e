"""Review dates: when a council means to look at its policy again.

Kept apart from validation because it depends on today's date, not on the
files: a snapshot of validated content stays true, a review date does not.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from smguide.core.model import Council
from smguide.core.problems import Problem, ProblemList


def review_overdue(council: Council, today: datetime.date | None = None) -> bool:
    due = council.review_due
    return due is not None and due < (today or datetime.date.today())


def review_problems(
    councils: Iterable[Council], today: datetime.date | None = None
) -> list[Problem]:
    """A warning for each council with no review date or with one that has passed."""
    today = today or datetime.date.today()
    sink: list[Problem] = []
    for council in councils:
        if council.review_due is None:
            ProblemList(council.path, sink).warn(
                1, "no review_due date: add the date this policy is next due for review"
            )
        elif review_overdue(council, today):
            ProblemList(council.path, sink).warn(
                council.lines.get("review_due", 1),
                f"this policy was due for review on {council.review_due.isoformat()}",
            )
    return sink
