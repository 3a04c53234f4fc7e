"""Reading typed fields out of a YAML mapping, reporting what is wrong.

Each content file has a small fixed vocabulary of keys. ``Fields`` checks a
mapping against it (unknown keys, with a "did you mean"), and hands out
values of the right type, adding a problem with the line for anything
missing or mistyped rather than raising.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterable
from typing import Any

from smguide.core.problems import ProblemList
from smguide.core.yamlsource import LDict, LList

_TYPE_NAMES = {
    str: "text",
    bool: "true or false",  # before int: True is an int to isinstance
    int: "a whole number",
    float: "a number",
    LDict: "a mapping (key: value lines)",
    LList: "a list",
    type(None): "empty",
}


def type_name(value: Any) -> str:
    """How a policy owner would describe the type of *value*."""
    for kind, name in _TYPE_NAMES.items():
        if isinstance(value, kind):
            return name
    return type(value).__name__


def expect_mapping(value: Any, what: str, line: int, problems: ProblemList) -> LDict | None:
    if isinstance(value, LDict):
        return value
    problems.add(getattr(value, "line", line), f"{what} must be a mapping, not {type_name(value)}")
    return None


class Fields:
    """Typed access to one YAML mapping, reporting problems as it goes."""

    def __init__(
        self,
        mapping: LDict,
        what: str,
        problems: ProblemList,
        *,
        required: Iterable[str] = (),
        optional: Iterable[str] = (),
    ) -> None:
        self.mapping = mapping
        self.what = what
        self.problems = problems
        self.lines: dict[str, int] = {"": mapping.line}
        allowed = [*required, *optional]
        for key in mapping:
            if key not in allowed:
                near = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f" (did you mean {near[0]!r}?)" if near else ""
                allowed_text = ", ".join(allowed)
                problems.add(
                    mapping.line_of(key),
                    f"unknown key {key!r} in {what}{hint}; expected one of: {allowed_text}",
                )
        for key in required:
            if key not in mapping:
                problems.add(mapping.line, f"{what} is missing required key {key!r}")

    def line(self, key: str) -> int:
        return self.mapping.line_of(key)

    def _get(self, key: str) -> Any:
        if key in self.mapping:
            self.lines[key] = self.mapping.line_of(key)
        return self.mapping.get(key)

    def text(self, key: str, default: str = "") -> str:
        """A non-empty piece of text; numbers are accepted as their text."""
        value = self._get(key)
        if value is None:
            if key in self.mapping:
                self.problems.add(self.line(key), f"{key!r} in {self.what} is empty")
            return default
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.problems.add(
                self.line(key), f"{key!r} in {self.what} must be text, not {type_name(value)}"
            )
            return default
        text = str(value).strip()
        if not text:
            self.problems.add(self.line(key), f"{key!r} in {self.what} is empty")
        return text

    def date(self, key: str) -> datetime.date | None:
        """A calendar date, written ``2027-11-21``."""
        value = self._get(key)
        if value is None:
            return None
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.problems.add(self.line(key), f"{key!r} in {self.what} must be a date like 2027-11-21")
        return None

    def flag(self, key: str, default: bool = False) -> bool:
        value = self._get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.problems.add(self.line(key), f"{key!r} in {self.what} must be true or false")
            return default
        return value

    def items(self, key: str) -> list[tuple[Any, int]]:
        """The entries of a list field with their lines; a single value is a list of one."""
        value = self._get(key)
        if value is None:
            return []
        if isinstance(value, LList):
            return [(item, value.line_of(index)) for index, item in enumerate(value)]
        if isinstance(value, str | int) and not isinstance(value, bool):
            return [(value, self.line(key))]
        self.problems.add(
            self.line(key), f"{key!r} in {self.what} must be a list, not {type_name(value)}"
        )
        return []

    def texts(self, key: str) -> tuple[tuple[str, int], ...]:
        """A list of texts with their lines; wrong entries are reported and skipped."""
        result: list[tuple[str, int]] = []
        for index, (item, line) in enumerate(self.items(key)):
            if isinstance(item, bool) or not isinstance(item, str | int | float):
                self.problems.add(
                    line,
                    f"entry {index + 1} of {key!r} in {self.what} must be text, "
                    f"not {type_name(item)}",
                )
                continue
            text = str(item).strip()
            if not text:
                self.problems.add(line, f"entry {index + 1} of {key!r} in {self.what} is empty")
                continue
            self.lines[f"{key}.{len(result)}"] = line
            result.append((text, line))
        return tuple(result)

    def mapping_of(self, key: str) -> LDict | None:
        value = self._get(key)
        if value is None:
            return None
        return expect_mapping(value, f"{key!r} in {self.what}", self.line(key), self.problems)
