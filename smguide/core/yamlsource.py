"""YAML that remembers where every value came from.

PyYAML's safe loader, with three changes that matter for content written by
hand: mappings and lists carry the line of each entry, so every later check
can name a line; duplicate keys are reported instead of silently dropped; and
``yes``/``no``/``on``/``off`` stay text (only ``true``/``false`` are
booleans), so an option id ``no`` is not turned into ``False``. Aliases are
refused: content has no use for them and they are the door to "billion
laughs" expansion. Nesting is bounded before libyaml builds the tree (its
composer recurses in C, and a file of 50,000 ``[`` would crash the process),
and a value that cannot be built (a 5,000-digit number, the 30th of February)
is a problem on its line, like any other mistake.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

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


# libyaml's parser when PyYAML was built with it (several times faster), the
# pure-Python one otherwise; either way only the safe constructors are used.
try:
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _Parser = None  # type: ignore[assignment,misc]


class _AliasError(yaml.MarkedYAMLError):
    """An alias was met. ``placed`` once its mark points where the alias is used."""

    placed = False


class _Constructor(yaml.constructor.SafeConstructor):
    """Safe construction that records lines, duplicate keys and refuses aliases."""

    duplicates: list[tuple[int, str]]
    #: The nodes built so far: one met again is an alias.
    _built: set[Node]

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        # An alias is the same node met a second time. The node's own mark is
        # the anchor's; the caller moves the mark to where the alias is used.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise _AliasError(
                problem="aliases (*name) are not allowed in content; write the value out",
                problem_mark=node.start_mark,
            )
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, OverflowError) as error:
            # PyYAML's own constructors raise these for values that look like
            # a number or a date but are not one (int() of 5,000 digits, 2027-02-30).
            raise yaml.MarkedYAMLError(
                problem=f"{_value_of(node)} is not a value that can be read ({_short(error)})",
                problem_mark=node.start_mark,
            ) from None

    def _placed(self, error: _AliasError, mark: Any) -> _AliasError:
        if not error.placed:
            error.problem_mark, error.placed = mark, True
        return error

    def build(self, node: Node) -> Any:
        """The value of a composed document, as ``construct_document`` would give it.

        Plain text, lists and mappings (nearly every node of the content) are
        built here directly; anything else goes through PyYAML's safe
        constructors. PyYAML's general machinery cost twice what
        libyaml took to parse the same files, and the content has 17,000 nodes.
        """
        self._built.clear()
        try:
            return self._build(node)
        finally:
            self._built.clear()

    def _build(self, node: Node) -> Any:
        # An alias is the same node met a second time (see construct_object).
        if node in self._built:
            raise _AliasError(
                problem="aliases (*name) are not allowed in content; write the value out",
                problem_mark=node.start_mark,
            )
        self._built.add(node)
        tag = node.tag
        if tag == _STR and isinstance(node, ScalarNode):
            return node.value
        if tag == _MAP and isinstance(node, MappingNode):
            return self._build_mapping(node)
        if tag == _SEQ and isinstance(node, SequenceNode):
            return self._build_sequence(node)
        return self.construct_object(node, deep=True)  # numbers, booleans, dates, other tags

    def _build_mapping(self, node: MappingNode) -> LDict:
        result = LDict()
        result.line = node.start_mark.line + 1
        key_lines: dict[Any, int] = {}
        result.key_lines = key_lines
        if any(key.tag in _SPECIAL_KEYS for key, _ in node.value):
            self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self._build(key_node)
            try:
                hash(key)
            except TypeError:
                raise yaml.MarkedYAMLError(
                    problem="a key must be plain text", problem_mark=key_node.start_mark
                ) from None
            line = key_node.start_mark.line + 1
            if key in result:
                self.duplicates.append(
                    (line, f"duplicate key {key!r} (first on line {key_lines[key]})")
                )
                continue
            try:
                result[key] = self._build(value_node)
            except _AliasError as error:
                raise self._placed(error, key_node.start_mark) from None
            key_lines[key] = line
        return result

    def _build_sequence(self, node: SequenceNode) -> LList:
        try:
            result = LList([self._build(child) for child in node.value])
        except _AliasError as error:
            raise self._placed(error, node.start_mark) from None
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
#: Keys that change the mapping they are in (``<<`` merges); PyYAML resolves them.
_SPECIAL_KEYS = frozenset({"tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"})


def _value_of(node: Node) -> str:
    value = node.value if isinstance(node.value, str) else ""
    return repr(value[:40] + "...") if len(value) > 40 else repr(value)


def _short(error: Exception) -> str:
    text = str(error).split(";")[0].strip()
    return text[:80] or type(error).__name__


# (The stubs expect a loader class here; a constructor is what PyYAML needs.)
# (For lists and mappings inside values of other tags, which PyYAML builds.)
_Constructor.add_constructor(  # type: ignore[type-var]
    "tag:yaml.org,2002:map", _Constructor._build_mapping
)
_Constructor.add_constructor(  # type: ignore[type-var]
    "tag:yaml.org,2002:seq", _Constructor._build_sequence
)


class _Resolver(yaml.resolver.Resolver):
    """YAML 1.1 resolution without the surprises: only true/false are booleans.

    libyaml asks this for the type of every node. PyYAML's own answer walks
    path resolvers that the content never uses and builds a list per
    question; this one looks up the patterns for the value's first character.
    """

    #: Implicit patterns by first character ("" for an empty value).
    _by_first: ClassVar[dict[str, tuple[tuple[str, re.Pattern[str]], ...]]] = {}

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                for tag, pattern in self._by_first.get(value[:1], ()):
                    if pattern.match(value):
                        return tag
            return _STR
        return _SEQ if kind is SequenceNode else _MAP

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass  # no path resolvers

    def ascend_resolver(self) -> None:
        pass


if _Parser is not None:

    class _Loader(_Parser, _Constructor, _Resolver):
        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            _Constructor.__init__(self)
            _Resolver.__init__(self)
            self.duplicates = []
            self._built = set()

else:  # pragma: no cover - PyYAML without libyaml

    class _Loader(  # type: ignore[no-redef]
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        yaml.composer.Composer,
        _Constructor,
        _Resolver,
    ):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _Constructor.__init__(self)
            _Resolver.__init__(self)
            self.duplicates = []
            self._built = set()


_Resolver.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)
_Resolver._by_first = {
    first: tuple(resolvers) + tuple(_Resolver.yaml_implicit_resolvers.get(None, ()))
    for first, resolvers in _Resolver.yaml_implicit_resolvers.items()
    if first is not None
}


#: Errors whose cause is where something was opened, not where parsing gave up.
_OPENED_EARLIER = (
    "while parsing a flow sequence",
    "while parsing a flow mapping",
    "while scanning a quoted scalar",
)


def _describe(error: yaml.YAMLError, text: str) -> tuple[int, str]:
    if not isinstance(error, yaml.MarkedYAMLError):
        return 1, f"YAML error: {error}"
    context, problem = error.context or "", error.problem or ""
    problem_mark, context_mark = error.problem_mark, error.context_mark
    if problem_mark is not None and _char_at(text, problem_mark.line, problem_mark.column) == "\t":
        return problem_mark.line + 1, "YAML syntax error: a tab character; indent with spaces"
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


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    if 0 <= line < len(lines) and 0 <= column < len(lines[line]):
        return lines[line][column]
    return ""


#: Deepest nesting of lists and mappings looked for when a file could nest
#: deeper than libyaml's composer can safely build. Content needs about six
#: levels; anything past a few hundred fails in Python's constructors anyway.
MAX_DEPTH = 200
#: Nesting libyaml builds without any danger to the C stack on any platform.
_SAFE_BOUND = 1000
_LEADING = re.compile(r"^[ ?:-]*", re.MULTILINE)


def nesting_bound(text: str) -> int:
    """An upper bound on how deeply *text* can nest lists and mappings, found cheaply.

    Each flow collection needs a ``[`` or ``{``. A block collection starts
    at the first key or indicator of a line, after its indentation and any
    ``- ``, ``? `` or ``: `` before it, and must sit further right than its
    parent (a list under a key may share the key's column: two levels per
    column). So block nesting is at most twice the longest such run.
    """
    if len(text) <= _SAFE_BOUND:
        return len(text)
    flow = text.count("[") + text.count("{")
    # No run is longer than the longest line, which is quicker to find.
    rough = flow + 2 * (max(map(len, text.split("\n"))) + 1)
    if rough <= _SAFE_BOUND:
        return rough
    run = max(map(len, _LEADING.findall(text)), default=0)
    return flow + 2 * (run + 1)


def too_deep(text: str) -> int | None:
    """The line where *text* nests more than ``MAX_DEPTH`` levels, or None.

    Reads libyaml's events, which it produces without recursing, so it is
    safe on any input; only called when ``nesting_bound`` cannot rule out
    nesting that would crash libyaml's composer (which recurses in C).
    """
    if _Parser is None:  # pragma: no cover - the pure-Python composer recurses in Python
        return None
    parser = _Parser(text)
    opening = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
    closing = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    depth = 0
    try:
        while (event := parser.get_event()) is not None:
            if isinstance(event, opening):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    return mark.line + 1 if mark is not None else 1
            elif isinstance(event, closing):
                depth -= 1
            elif isinstance(event, yaml.StreamEndEvent):
                break
    except yaml.YAMLError:
        return None  # a syntax error: the full parse reports it with its line
    finally:
        parser.dispose()
    return None


def load_yaml(text: str, problems: ProblemList, line_offset: int = 0) -> Any:
    """Parse *text*; on failure report it in *problems* and return ``None``.

    *line_offset* shifts reported lines, for YAML embedded in a larger file
    (a document's front matter).
    """
    if nesting_bound(text) > _SAFE_BOUND and (deep := too_deep(text)) is not None:
        problems.add(
            deep + line_offset,
            f"YAML nested too deeply: more than {MAX_DEPTH} levels of lists and mappings",
        )
        return None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = None if node is None else loader.build(node)
    except yaml.YAMLError as error:
        line, message = _describe(error, text)
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


# One ``key: value`` or ``key: [value, value]`` per line, each a plain scalar of
# letters, digits and inner spaces, apostrophes, dots and hyphens; comments.
_SCALAR = r"[A-Za-z0-9](?:[A-Za-z0-9 '.-]*[A-Za-z0-9'.-])?"
_SIMPLE_LINE = re.compile(
    rf"(?P<key>{_SCALAR}): (?:(?P<value>{_SCALAR})|\[(?P<items>{_SCALAR}(?:, {_SCALAR})*)\])"
    r"(?:[ \t]+#.*)?"
)
_BLANK_OR_COMMENT = re.compile(r"[ \t]*(?:#.*)?")
# In a file of ASCII, what YAML does not allow, or counts as a line break where
# split("\n") does not (a lone carriage return). Other text goes to YAML.
_UNUSUAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)")
#: YAML's limit on a key written without ``?``.
_IMPLICIT_KEY = 1024


def load_simple_mapping(text: str, problems: ProblemList) -> LDict | None:
    """*text* read as ``load_yaml`` would, if it is one ``key: value`` (or list) per line.

    A list of words such as ``synonyms.yaml`` is 40% of all the content's
    YAML nodes, and reading it through PyYAML takes about 10 µs a line where
    this takes under 4. None when any line is in another form (block lists, quotes,
    flow mappings, a value YAML reads as a number, a date or a boolean, ...):
    the caller then reads the file with ``load_yaml``, so every file means
    exactly what YAML says it means. Tests hold the two to the same result.
    """
    if not text.isascii() or _UNUSUAL.search(text):
        return None
    implicit = _Resolver._by_first
    result = LDict()
    result.line = 0
    key_lines: dict[Any, int] = {}
    result.key_lines = key_lines
    found = False
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip(" \t\r")
        match = _SIMPLE_LINE.fullmatch(line)
        if match is None:
            if _BLANK_OR_COMMENT.fullmatch(line):
                continue
            return None
        key, value, items = match.group("key", "value", "items")
        scalars = [key, value] if items is None else [key, *items.split(", ")]
        if len(key) > _IMPLICIT_KEY:
            return None
        for scalar in scalars:
            for _, pattern in implicit.get(scalar[0], ()):
                if pattern.match(scalar):
                    return None  # a number, a date, a boolean, ...
        if not found:
            result.line, found = number, True
        if key in result:
            problems.add(number, f"duplicate key {key!r} (first on line {key_lines[key]})")
            continue
        if items is None:
            result[key] = value
        else:
            listed = LList(scalars[1:])
            listed.line = number
            listed.item_lines = [number] * len(listed)
            result[key] = listed
        key_lines[key] = number
    return result if found else None


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
