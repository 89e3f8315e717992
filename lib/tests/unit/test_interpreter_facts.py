"""What the package relies on in the Python it runs on.

The walk reads a few interpreter internals: how ``__init__``'s bytecode
assigns ``self.x``, Enum classes' member maps and Flag values, dataclass and
named tuple fields, ``__slots__``, ``__class__`` assignment, and which
containers the garbage collector tracks. Each fact is asserted here, on every
interpreter each release is tested on (``make test``), so that a Python that
changes one makes a test fail instead of coercion quietly doing less.
"""

from __future__ import annotations

import dataclasses
import enum
import gc
import sys
from collections import Counter, OrderedDict, defaultdict, deque, namedtuple
from typing import Any, NamedTuple

import pytest
from streamlit.class_identity import fields

# What differs between interpreters: run on every interpreter (smoke).
pytestmark = pytest.mark.smoke


class Plain:
    def __init__(self, x: int, y: int, *rest: int) -> None:
        self.x = x  # LOAD_FAST_LOAD_FAST (x, self) on 3.13
        self.y: int = y  # annotated
        self.total = x + y  # computed
        self.a, self.b = rest or (0, 0)  # unpacked
        if x:
            self.maybe = x  # in a branch
        local = y
        self.later = local


class Child(Plain):
    def __init__(self) -> None:
        super().__init__(1, 2)
        self.extra = 3


def test_fields_of_a_plain_class_are_read_off_its_bytecode():
    assigned = fields._init_assigned(Plain)
    assert assigned == {"x", "y", "total", "a", "b", "maybe", "later"}
    assert fields._init_assigned(Child) == assigned | {"extra"}


def test_enum_classes_keep_their_members_in_maps():
    class Color(enum.Enum):
        RED = 1
        CRIMSON = 1  # an alias
        GREEN = 2

    assert list(Color._member_map_) == ["RED", "CRIMSON", "GREEN"]
    assert Color._member_map_["CRIMSON"] is Color.RED
    assert Color._value2member_map_ == {1: Color.RED, 2: Color.GREEN}
    assert Color.RED._name_ == "RED" and Color.RED._value_ == 1


def test_flag_values_with_unnamed_bits_are_made_and_kept():
    class Perm(enum.IntFlag):
        READ = 1
        WRITE = 2

    nine = Perm(9)
    assert int(nine) == 9 and isinstance(nine, Perm)
    assert nine._name_ not in Perm._member_map_
    assert Perm(9) is nine or Perm(9) == nine
    assert (Perm.READ | Perm.WRITE)._value_ == 3


def test_dataclass_fields_and_slots():
    @dataclasses.dataclass(frozen=True)
    class Point:
        x: int
        y: int = 0
        tags: list = dataclasses.field(default_factory=list)

    assert [f.name for f in dataclasses.fields(Point)] == ["x", "y", "tags"]
    point = Point(1)
    object.__setattr__(point, "x", 5)  # how a frozen field is set in place
    assert point.x == 5
    if sys.version_info >= (3, 10):
        slotted = dataclasses.dataclass(slots=True)(
            type("S", (), {"__annotations__": {"x": int}})
        )
        assert slotted.__slots__ == ("x",)


def test_named_tuples_have_fields_and_make():
    class Pair(NamedTuple):
        a: int
        b: int

    Old = namedtuple("Old", "a b")
    for cls in (Pair, Old):
        assert cls._fields == ("a", "b")
        assert cls._make([1, 2]) == (1, 2)


def _twice(define: Any) -> tuple[type, type]:
    return define(), define()


def test_class_assignment_moves_instances_between_like_classes():
    def dataclass_point() -> type:
        @dataclasses.dataclass
        class Point:
            x: int

        return Point

    def slotted_point() -> type:
        class Point:
            __slots__ = ("x",)

        return Point

    for define in (dataclass_point, slotted_point):
        old, new = _twice(define)
        obj = old.__new__(old)
        assert fields.move(obj, new) and type(obj) is new


def test_a_named_tuple_subclass_cannot_be_reclassed():
    """So the walk rebuilds it as the current class (fields.rebuild)."""

    def define() -> type:
        class Point(namedtuple("Point", "x y")):
            pass

        return Point

    old, new = _twice(define)
    assert not fields.move(old(1, 2), new)


CONTAINERS = {
    "dict": lambda obj: {0: obj},
    "dict key": lambda obj: {obj: 0},
    "list": lambda obj: [obj],
    "tuple": lambda obj: (obj,),
    "nested tuple": lambda obj: ((obj, 1), 2),
    "set": lambda obj: {obj},
    "frozenset": lambda obj: frozenset([obj]),
    "deque": lambda obj: deque([obj]),
    "OrderedDict": lambda obj: OrderedDict([(0, obj)]),
    "Counter": lambda obj: Counter([obj]),
    "defaultdict": lambda obj: defaultdict(list, {0: obj}),
}


@pytest.mark.parametrize("container", CONTAINERS)
def test_containers_holding_objects_of_classes_are_tracked(container):
    """The walk passes over containers the garbage collector does not track:
    they hold only atoms. Every Enum member and every instance of a Python
    class must make its container tracked, also after a collection."""

    class Color(enum.Enum):
        RED = 1

    @dataclasses.dataclass(frozen=True)
    class Frozen:
        x: int

    class Empty:
        __slots__ = ()

        def __hash__(self) -> int:
            return 0

    for obj in (Color.RED, Frozen(1), Empty()):
        holder = CONTAINERS[container](obj)
        gc.collect()
        assert gc.is_tracked(obj)
        assert gc.is_tracked(holder), (container, obj)


def test_containers_of_atoms_alone_may_be_untracked():
    """The other side: why plain data costs next to nothing."""
    record = {"id": 1, "name": "x", "score": 0.5, "tag": None}
    gc.collect()
    assert not gc.is_tracked(record)
    assert not gc.is_tracked((1, "a", (2.0, None)))
