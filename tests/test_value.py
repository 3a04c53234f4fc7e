"""Value: a frozen dataclass that is cheap to define, and behaves as one."""

from __future__ import annotations

import copy
import dataclasses
from functools import cached_property
from pathlib import Path

import pytest

from smguide.core.model import Citation, Document
from smguide.core.problems import Problem
from smguide.core.value import Value


class Point(Value):
    x: int
    y: int = 0
    tags: tuple[str, ...] = ()
    note: str = dataclasses.field(default="", compare=False, repr=False)

    @cached_property
    def length(self) -> float:
        return float(abs(self.x) + abs(self.y))


class Other(Value):
    x: int
    y: int = 0


@dataclasses.dataclass(frozen=True)
class Reference:
    """The standard decorator, for comparing behaviour."""

    x: int
    y: int = 0


def test_it_is_a_dataclass_with_its_fields_defaults_and_init() -> None:
    point = Point(1, y=2)
    assert dataclasses.is_dataclass(point)
    assert [field.name for field in dataclasses.fields(point)] == ["x", "y", "tags", "note"]
    assert (point.x, point.y, point.tags, point.note) == (1, 2, (), "")
    assert dataclasses.replace(point, y=5) == Point(1, 5)
    assert dataclasses.asdict(point) == {"x": 1, "y": 2, "tags": (), "note": ""}
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]


def test_equal_and_hashed_by_the_fields_compared_as_a_frozen_dataclass_is() -> None:
    assert Point(1, 2) == Point(1, 2, note="ignored")
    assert hash(Point(1, 2)) == hash(Point(1, 2, note="ignored"))
    assert Point(1, 2) != Point(2, 1)
    assert Point(1, 2) != Other(1, 2)  # another class is never equal
    assert (Point(1, 2) == Reference(1, 2)) is False
    assert len({Point(1), Point(1), Point(2)}) == 2
    with pytest.raises(TypeError, match="unhashable"):
        hash(Point(1, tags=[1]))  # type: ignore[arg-type]


def test_no_field_can_be_changed_or_deleted_once_made() -> None:
    point = Point(1, 2)
    for name in ("x", "note", "new"):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(point, name, 3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        del point.x
    assert point == Point(1, 2)


def test_cached_properties_still_work() -> None:
    point = Point(3, -4)
    assert point.length == 7.0
    assert point.length == 7.0
    document = Document("d", "c", "T", "policy", "current", "", (), path=Path())
    assert document.clause("1") is None


def test_ordered_only_when_asked() -> None:
    first = Problem(Path("a"), 1, "x")
    second = Problem(Path("a"), 2, "x")
    assert first < second <= second and second > first >= first
    assert sorted([second, first]) == [first, second]
    with pytest.raises(TypeError):
        _ = Point(1) < Point(2)  # type: ignore[operator]
    with pytest.raises(TypeError):
        _ = first < Point(1)  # type: ignore[operator]


def test_repr_shows_the_fields_meant_to_be_shown() -> None:
    assert repr(Point(1, 2, ("a",), note="secret")) == "Point(x=1, y=2, tags=('a',))"
    assert repr(Citation("doc:1")).startswith("Citation(clause='doc:1'")


def test_restore_makes_the_same_value_without_init_and_checks_the_fields() -> None:
    point = Point.restore({"x": 1, "y": 2, "tags": (), "note": ""})
    assert point == Point(1, 2) and point.note == ""
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 5  # type: ignore[misc]
    for wrong in ({"x": 1}, {"x": 1, "y": 2, "tags": (), "note": "", "extra": 0}):
        with pytest.raises(ValueError, match="not the fields of Point"):
            Point.restore(wrong)


def test_copies_like_a_dataclass() -> None:
    point = Point(1, 2, ("a",), note="n")
    for again in (copy.copy(point), copy.deepcopy(point), dataclasses.replace(point)):
        assert again == point and again.note == "n" and again is not point


@dataclasses.dataclass(frozen=True)
class ReferencePoint:
    x: int
    y: int = 0
    tags: tuple[str, ...] = ()
    note: str = dataclasses.field(default="", compare=False, repr=False)


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        ((), {}),
        ((1, 2, (), "", 5), {}),
        ((1,), {"z": 2}),
        ((1,), {"x": 2}),
        ((), {"y": 2}),
    ],
)
def test_wrong_arguments_are_refused_as_a_dataclass_refuses_them(
    args: tuple[object, ...], kwargs: dict[str, object]
) -> None:
    with pytest.raises(TypeError) as expected:
        ReferencePoint(*args, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(TypeError) as found:
        Point(*args, **kwargs)  # type: ignore[arg-type]
    # The same complaint, in the same words where they matter.
    for words in ("takes", "unexpected keyword", "multiple values", "missing"):
        assert (words in str(expected.value)) == (words in str(found.value))


def test_each_instance_gets_its_own_default_from_a_factory() -> None:
    class Bag(Value):
        items: dict[str, int] = dataclasses.field(default_factory=dict)

    first, second = Bag(), Bag()
    assert first.items == {} and first.items is not second.items


def test_a_class_a_dataclass_would_refuse_is_refused() -> None:
    with pytest.raises(TypeError, match="non-default argument 'y' follows default argument"):

        class Wrong(Value):
            x: int = 0
            y: int  # type: ignore[misc]

    with pytest.raises(TypeError, match="no __post_init__"):

        class Hooked(Value):
            x: int

            def __post_init__(self) -> None:
                pass
