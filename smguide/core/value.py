"""Immutable records that cost little to define: the base of the content model.

A ``@dataclass(frozen=True)`` writes its methods out as Python source and
compiles them, six for each class (ten with ``order=True``), and starting
the app defines about twenty such classes before its window can be painted:
15 to 20 ms, the largest cost of start-up that was the app's own. A
subclass of :class:`Value` is still a dataclass (``dataclasses.fields``,
``replace`` and ``asdict`` work, and type checkers read it as a frozen
one), but nothing is compiled for it: making, comparing, hashing, ordering,
showing and refusing changes are written once, here, from its fields, and
behave as a frozen dataclass's would. Defining one costs a twentieth of
what the decorator did; making one costs about the same.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from typing import Any, ClassVar, Self, dataclass_transform


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
class Value:
    """A frozen dataclass: equal and hashed by its fields, and ordered by them when asked.

    Subclasses become dataclasses as they are defined, and take no decorator
    of their own; ``class Problem(Value, order=True)`` adds ``<`` and the rest.
    Fields are set by ``__init__`` (or :meth:`restore`) only: setting or
    deleting one raises :class:`dataclasses.FrozenInstanceError`. No
    ``__post_init__``, ``InitVar`` or keyword-only fields: nothing here uses them.
    """

    __slots__ = ()
    #: The fields, in order; those compared and hashed; those ``repr`` shows.
    _fields: ClassVar[tuple[dataclasses.Field[Any], ...]] = ()
    _field_names: ClassVar[tuple[str, ...]] = ()
    _names: ClassVar[frozenset[str]] = frozenset()
    _compared: ClassVar[tuple[str, ...]] = ()
    _shown: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, *, order: bool = False, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        dataclasses.dataclass(init=False, eq=False, repr=False)(cls)
        if hasattr(cls, "__post_init__"):
            raise TypeError(f"{cls.__name__}: a Value has no __post_init__; use a dataclass")
        fields = dataclasses.fields(cls)  # type: ignore[arg-type]
        defaulted = ""
        for field in fields:
            if _has_default(field):
                defaulted = field.name
            elif defaulted:
                raise TypeError(f"non-default argument {field.name!r} follows default argument")
        cls._fields = fields
        cls._field_names = tuple(field.name for field in fields)
        cls._names = frozenset(cls._field_names)
        cls._compared = tuple(field.name for field in fields if field.compare)
        cls._shown = tuple(field.name for field in fields if field.repr)
        if order:
            for name, method in _ORDER.items():
                setattr(cls, name, method)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Each field from *args* in order, then *kwargs*, then its default, as dataclasses do."""
        values, names = self.__dict__, self._field_names
        if args:
            if len(args) > len(names):
                raise TypeError(
                    f"{type(self).__name__}() takes {len(names)} positional arguments"
                    f" but {len(args)} were given"
                )
            values.update(zip(names, args, strict=False))
        if kwargs:
            if unknown := kwargs.keys() - self._names:
                raise TypeError(
                    f"{type(self).__name__}() got an unexpected keyword argument {min(unknown)!r}"
                )
            if twice := kwargs.keys() & values.keys():
                raise TypeError(
                    f"{type(self).__name__}() got multiple values for argument {min(twice)!r}"
                )
            values.update(kwargs)
        if len(values) < len(names):
            for field in self._fields:
                if field.name in values:
                    continue
                if field.default is not dataclasses.MISSING:
                    values[field.name] = field.default
                elif field.default_factory is not dataclasses.MISSING:
                    values[field.name] = field.default_factory()
                else:
                    raise TypeError(
                        f"{type(self).__name__}() missing required argument {field.name!r}"
                    )

    @classmethod
    def restore(cls, values: dict[str, Any]) -> Self:
        """An instance with exactly these field *values*, without running ``__init__``.

        For decoding what was encoded from an instance: raises ValueError
        unless *values* names every field and nothing else.
        """
        if values.keys() != cls._names:
            raise ValueError(f"not the fields of {cls.__name__}: {sorted(values)}")
        instance = cls.__new__(cls)
        instance.__dict__.update(values)
        return instance

    def __setattr__(self, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")

    def _key(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._compared)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._shown)
        return f"{self.__class__.__qualname__}({shown})"


def _has_default(field: dataclasses.Field[Any]) -> bool:
    return (
        field.default is not dataclasses.MISSING
        or field.default_factory is not dataclasses.MISSING
    )


def _compared(method: Callable[[tuple[Any, ...], tuple[Any, ...]], bool]) -> Callable[..., Any]:
    """One of ``<``, ``<=``, ``>``, ``>=``: by the fields, between values of one class."""

    def compare(self: Value, other: object) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return method(self._key(), other._key())

    return compare


_ORDER = {
    "__lt__": _compared(operator.lt),
    "__le__": _compared(operator.le),
    "__gt__": _compared(operator.gt),
    "__ge__": _compared(operator.ge),
}
