"""Random object graphs of the kinds apps keep in session state, for the
property tests of the walk (``unit/test_walk_properties.py``).

A graph is drawn as a recipe (``recipes``): numbered nodes, each of one
container or class kind, whose items are leaves (atoms, Enum members, Flag
values with unnamed bits) or other nodes. Mutable nodes may point at any node,
so cycles and shared sub-objects come up; immutable nodes point only at
nodes built before them, as Python allows. ``build`` turns a recipe into
objects of the classes of one "run" (``Classes``), and ``shape`` describes a
graph in terms that survive a redefinition: the ``is``-relations, each
object's kind, the class names, the values.
"""

from __future__ import annotations

import dataclasses
import enum
import types
from collections import Counter, OrderedDict, defaultdict, deque, namedtuple
from typing import Any, NamedTuple

from hypothesis import strategies as st


def define_classes(color_values: tuple[int, int, int] = (1, 2, 3)) -> types.ModuleType:
    """The classes of one run of an app script, in a module of their own."""

    class Color(enum.Enum):
        RED = color_values[0]
        GREEN = color_values[1]
        BLUE = color_values[2]

    class Perm(enum.IntFlag):
        READ = 1
        WRITE = 2

    @dataclasses.dataclass
    class Point:
        x: Any
        y: Any

    @dataclasses.dataclass(frozen=True)
    class Frozen:
        x: Any
        y: Any

    class Pair(NamedTuple):
        a: Any
        b: Any

    class Labelled(namedtuple("Labelled", "a b")):  # a subclass: has __dict__
        def both(self) -> tuple[Any, Any]:
            return (self.a, self.b)

    module = types.ModuleType("__main__")
    for cls in (Color, Perm, Point, Frozen, Pair, Labelled):
        cls.__module__ = "__main__"
        cls.__qualname__ = cls.__name__
        setattr(module, cls.__name__, cls)
    return module


CLASS_NAMES = ("Color", "Perm", "Point", "Frozen", "Pair", "Labelled")

MUTABLE = ("list", "dict", "set", "deque", "ordered", "default", "counter", "point")
IMMUTABLE = ("tuple", "frozenset", "frozen", "pair", "labelled")

# A leaf: ("atom", value) | ("color", name) | ("perm", value)
atoms = st.one_of(
    st.integers(-5, 5), st.text(max_size=3), st.none(), st.booleans(), st.floats(0, 1)
)
leaves = st.one_of(
    st.tuples(st.just("atom"), atoms),
    st.tuples(st.just("color"), st.sampled_from(["RED", "GREEN", "BLUE"])),
    st.tuples(st.just("perm"), st.sampled_from([0, 1, 2, 3, 8, 9, 13])),
)


@st.composite
def recipes(draw: Any) -> list[tuple[str, list[Any]]]:
    """Nodes in build order: (kind, items); an item is a leaf or ("node", j)."""
    count = draw(st.integers(1, 7))
    nodes = []
    for i in range(count):
        kind = draw(st.sampled_from(MUTABLE + IMMUTABLE))
        size = 2 if kind in ("point", "frozen", "pair", "labelled") else None
        items = []
        for _ in range(size if size is not None else draw(st.integers(0, 4))):
            hashable_only = kind in ("set", "frozenset", "counter", "frozen")
            pointers = range(count) if kind in MUTABLE else range(i)
            if not hashable_only and pointers and draw(st.booleans()):
                items.append(("node", draw(st.sampled_from(list(pointers)))))
            else:
                items.append(draw(leaves))
        nodes.append((kind, items))
    return nodes


def build(recipe: list[tuple[str, list[Any]]], classes: types.ModuleType) -> Any:
    """The objects of ``recipe``, made with ``classes``; node 0 is the root."""
    made: dict[int, Any] = {}

    def leaf(item: Any) -> Any:
        tag, value = item
        if tag == "color":
            return classes.Color[value]
        if tag == "perm":
            return classes.Perm(value)
        return value

    def item(entry: Any) -> Any:
        return made[entry[1]] if entry[0] == "node" else leaf(entry)

    shells = {
        "list": list,
        "dict": dict,
        "set": set,
        "deque": deque,
        "ordered": OrderedDict,
        "default": lambda: defaultdict(list),
        "counter": Counter,
        "point": lambda: classes.Point(None, None),
    }
    for i, (kind, _) in enumerate(recipe):
        if kind in shells:
            made[i] = shells[kind]()
    for i, (kind, items) in enumerate(recipe):
        if kind in IMMUTABLE:
            values = [item(e) for e in items]
            made[i] = {
                "tuple": tuple,
                "frozenset": frozenset,
                "frozen": lambda v: classes.Frozen(*v),
                "pair": lambda v: classes.Pair(*v),
                "labelled": lambda v: classes.Labelled(*v),
            }[kind](values)
    for i, (kind, items) in enumerate(recipe):
        target, values = made.get(i), [item(e) for e in items]
        if kind in ("list", "deque"):
            target.extend(values)
        elif kind == "set":
            target.update(values)
        elif kind == "counter":
            for position, value in enumerate(values):
                target[value] = position + 1
        elif kind in ("dict", "ordered", "default"):
            for position, value in enumerate(values):
                target[f"k{position}"] = value
            if items and items[0][0] != "node":  # a leaf as a key too
                target[values[0]] = "by-key"
        elif kind == "point":
            target.x, target.y = values
    return made[0]


def shape(root: Any) -> tuple[list[Any], list[Any]]:
    """A description of the graph that a faithful walk leaves unchanged, and
    the objects it numbers.

    Objects are numbered as first met; each entry names the object's kind
    (the class's qualname, which a redefinition keeps) and its items, where
    another object is referred to by its number: so aliases and cycles are
    part of the description, and the identity of classes is not. A member
    is described by its class's name and its own, a Flag value by its bits.
    """
    numbers: dict[int, int] = {}
    entries: list[Any] = []
    found: list[Any] = []

    def ref(obj: Any) -> Any:
        if isinstance(obj, enum.Flag):
            return ("flag", type(obj).__qualname__, int(obj))
        if isinstance(obj, enum.Enum):
            return ("member", type(obj).__qualname__, obj._name_)
        if obj is None or type(obj) in (int, str, bool, float):
            return ("atom", type(obj).__name__, repr(obj))
        if id(obj) not in numbers:
            numbers[id(obj)] = len(entries)
            found.append(obj)
            entries.append(None)
            entries[numbers[id(obj)]] = describe(obj)
        return ("object", numbers[id(obj)])

    def describe(obj: Any) -> Any:
        kind = type(obj).__qualname__
        if isinstance(obj, dict):
            return (kind, [(ref(k), ref(v)) for k, v in obj.items()])
        if isinstance(obj, (set, frozenset)):
            return (kind, sorted((ref(v) for v in obj), key=repr))
        if isinstance(obj, (list, tuple, deque)):
            return (kind, [ref(v) for v in obj])
        return (kind, [ref(getattr(obj, f)) for f in ("x", "y")])

    ref(root)
    return entries, found


def objects(root: Any) -> list[Any]:
    """Every object reachable from ``root`` (containers, instances, members)."""
    seen: dict[int, Any] = {}
    stack = [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen or obj is None or type(obj) in (int, str, bool, float):
            continue
        seen[id(obj)] = obj
        if isinstance(obj, dict):
            stack.extend(obj.keys())
            stack.extend(obj.values())
        elif isinstance(obj, (list, tuple, set, frozenset, deque)):
            stack.extend(obj)
        elif dataclasses.is_dataclass(obj):
            stack.extend((obj.x, obj.y))
    return list(seen.values())
