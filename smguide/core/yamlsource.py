"""YAML that remembers where every value came from.

PyYAML's safe loader, with three changes that matter for content written by
hand: mappings and lists carry the line of each entry, so every later check
can name a line; duplicate keys are reported instead of silently dropped; and
``yes``/``no``/``on``/``off`` stay text (only ``true``/``false`` are
booleans), so an option id ``no`` is not turned into ``False``. Aliases are
refused: content has no use for them and they are the door to "billion
laughs" expansion.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from smguide.core.problems import ProblemList


class LDict(dict[Any, Any]):
    """A mapping read from YAML: ``line`` of the mapping, ``key_lines`` per key."""

    line: int = 1
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LList(list[Any]):
    """A sequence read from YAML: ``line`` of the list, ``item_lines`` per item."""

    line: int = 1
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        if 0 <= index < len(self.item_lines):
            return self.item_lines[index]
        return self.line


class _Loader(yaml.SafeLoader):
    """Safe loader that records lines, duplicate keys and refuses aliases."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[int, str]] = []

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                problem="aliases (*name) are not allowed in content; write the value out",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)

    def construct_located_mapping(self, node: MappingNode) -> LDict:
        result = LDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise yaml.MarkedYAMLError(
                    problem="a key must be plain text", problem_mark=key_node.start_mark
                ) from None
            line = key_node.start_mark.line + 1
            if key in result:
                self.duplicates.append(
                    (line, f"duplicate key {key!r} (first on line {result.key_lines[key]})")
                )
                continue
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = line
        return result

    def construct_located_sequence(self, node: SequenceNode) -> LList:
        result = LList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_located_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_located_sequence)

# YAML 1.1 booleans without the surprises: only true/false.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


#: Errors whose cause is where something was opened, not where parsing gave up.
_OPENED_EARLIER = ("while parsing a flow", "while scanning a quoted scalar")


def _describe(error: yaml.YAMLError) -> tuple[int, str]:
    if not isinstance(error, yaml.MarkedYAMLError):
        return 1, f"YAML error: {error}"
    context, problem = error.context or "", error.problem or ""
    problem_mark, context_mark = error.problem_mark, error.context_mark
    if "could not determine a constructor" in problem:
        line = problem_mark.line + 1 if problem_mark else 1
        return line, "YAML syntax error: tags such as !!python/... are not allowed in content"
    if context.startswith(_OPENED_EARLIER) and context_mark is not None:
        # An unclosed [ { or quote: PyYAML reads on and fails lines later, so
        # point at the opening and say where it gave up.
        opened = context_mark.line + 1
        found = f" (parsing stopped on line {problem_mark.line + 1})" if problem_mark else ""
        what = "quotation" if "quoted" in context else "bracket"
        return opened, f"YAML syntax error: the {what} opened here is not closed{found}; {problem}"
    mark = problem_mark or context_mark
    line = mark.line + 1 if mark is not None else 1
    text = "; ".join(part for part in (context, problem) if part) or "not valid YAML"
    return line, f"YAML syntax error: {text}"


def load_yaml(text: str, problems: ProblemList, line_offset: int = 0) -> Any:
    """Parse *text*; on failure report it in *problems* and return ``None``.

    *line_offset* shifts reported lines, for YAML embedded in a larger file
    (a document's front matter).
    """
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as error:
        line, message = _describe(error)
        problems.add(line + line_offset, message)
        return None
    except RecursionError:
        problems.add(1 + line_offset, "YAML nested too deeply")
        return None
    finally:
        loader.dispose()
    for line, message in loader.duplicates:
        problems.add(line + line_offset, message)
    if line_offset:
        _shift(data, line_offset)
    return data


def _shift(value: Any, offset: int) -> None:
    if isinstance(value, LDict):
        value.line += offset
        value.key_lines = {key: line + offset for key, line in value.key_lines.items()}
        for item in value.values():
            _shift(item, offset)
    elif isinstance(value, LList):
        value.line += offset
        value.item_lines = [line + offset for line in value.item_lines]
        for item in value:
            _shift(item, offset)
