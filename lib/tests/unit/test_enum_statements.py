"""An Enum class statement whose body is unchanged gives the kept class without
building one (``EnumStatement``, ``ClassLineage.kept``), and leaves it as
building the class and bringing it over would (``update_class``).

Each case runs a script twice or three times into one lineage: once as the
lineage keeps classes, once with the body path refused (so every statement
builds its class, and ``update_class`` brings it over), and compares the
classes the two give.
"""

from __future__ import annotations

import enum
import re
import sys
import types
from contextlib import contextmanager, nullcontext
from typing import Any, Iterator
from unittest import mock

import pytest
from streamlit.class_identity import class_statements
from streamlit.class_identity.kept_classes import ClassLineage
from support.lineage import DEFAULT, run_script

# What the enum machinery keeps in a class body differs between interpreters.
pytestmark = pytest.mark.smoke

KEPT = "streamlit.class_identity.kept_classes"

HEADER = "import enum, functools\nfrom enum import Enum, IntEnum, Flag, IntFlag\n"

# Class bodies, each with a {mark} that the second run changes (a docstring
# or a returned string: the same names and members, a new body).
BODIES = {
    "methods": """
class Thing(Enum):
    RED = 1
    GREEN = 2
    def label(self):
        return self.name.lower() + {mark!r}
""",
    "docstring": '''
class Thing(Enum):
    """{mark}"""
    RED = 1
''',
    "super": """
class Thing(Enum):
    RED = 1
    def __str__(self):
        return super().__str__() + {mark!r}
    def named(self):
        return __class__.__name__ + {mark!r}
""",
    "descriptors": """
class Thing(Enum):
    RED = 1
    @property
    def upper(self):
        return self.name + {mark!r}
    @classmethod
    def first(cls):
        return list(cls)[0].name + {mark!r}
    @staticmethod
    def tag():
        return {mark!r}
    @functools.cached_property
    def cached(self):
        return {mark!r}
    def nested(self):
        class Inner:
            mark = {mark!r}
        return Inner.mark
""",
    "mixins": """
class Thing(str, Enum):
    RED = "red"
    GREEN = "green"
    def shout(self):
        return self.value.upper() + {mark!r}
""",
    "int_enum": """
class Thing(IntEnum):
    RED = 1
    BIG = 10**6
    def twice(self):
        return self * 2, {mark!r}
""",
    "flags": """
class Thing(Flag):
    R = 1
    W = 2
    RW = 3
    def text(self):
        return str(self.value) + {mark!r}
""",
    "int_flags": """
class Thing(IntFlag):
    R = 4
    W = 2
    tag = property(lambda self: {mark!r})
""",
    "tuples": """
class Thing(Enum):
    MERCURY = (3.303e23, 2.4397e6)
    VENUS = (4.869e24, 6.0518e6)
    def __init__(self, mass, radius):
        self.mass = mass
    def note(self):
        return {mark!r}
""",
    "init_edited": """
class Thing(Enum):
    RED = 1
    def __init__(self, value):
        self.note = {mark!r}
""",
    "base_makes_members": """
class Labelled(Enum):
    def __init__(self, value, label={mark!r}):
        self.label = label
class Thing(Labelled):
    RED = 1
""",
    "aliases_and_auto": """
class Thing(Enum):
    RED = enum.auto()
    GREEN = enum.auto()
    CRIMSON = 1
    def label(self):
        return {mark!r}
""",
    "annotations": """
class Thing(Enum):
    _value_: int
    RED = 1
    note: str = 2
    def label(self) -> str:
        return {mark!r}
""",
    "dunders": """
class Thing(Enum):
    RED = 1
    GREEN = 2
    def __repr__(self):
        return {mark!r}
    def __format__(self, spec):
        return {mark!r}
    def __lt__(self, other):
        return self.value < other.value
    def __eq__(self, other):
        return self is other
    __hash__ = Enum.__hash__
""",
    "own_next_value": """
class Thing(Enum):
    def _generate_next_value_(name, start, count, last_values):
        return name.lower() + {mark!r}
    RED = enum.auto()
""",
    "ignore": """
class Thing(Enum):
    _ignore_ = ["scratch"]
    scratch = {mark!r}
    RED = 1
""",
    "own_new": """
class Thing(Enum):
    RED = 1
    def __new__(cls, value):
        member = object.__new__(cls)
        member._value_ = value
        member.note = {mark!r}
        return member
""",
    "missing": """
class Thing(Enum):
    RED = 1
    @classmethod
    def _missing_(cls, value):
        return cls.RED if value == {mark!r} else None
""",
    "nested": """
class Outer:
    class Thing(Enum):
        RED = 1
        def label(self):
            return {mark!r}
Thing = Outer.Thing
""",
}
if sys.version_info >= (3, 11):
    BODIES["nonmember"] = """
class Thing(Enum):
    RED = 1
    limits = enum.nonmember([1, 2])
    GREEN = enum.member(lambda: {mark!r})
    def label(self):
        return {mark!r}
"""

# Bodies whose second run gives the kept class without building any: the
# usual Enum class statement, on every interpreter.
UNBUILT = {
    "methods", "docstring", "super", "descriptors", "mixins", "int_enum",
    "flags", "int_flags", "tuples", "aliases_and_auto", "annotations",
    "dunders", "nested",
}  # fmt: skip


@contextmanager
def counted_builds() -> Iterator[list[str]]:
    """The names of the Enum classes the enum machinery builds meanwhile."""
    built: list[str] = []
    build = enum.EnumMeta.__new__

    def counting(meta: Any, name: str, *args: Any, **kwds: Any) -> Any:
        built.append(name)
        return build(meta, name, *args, **kwds)

    with mock.patch.object(enum.EnumMeta, "__new__", counting):
        yield built


def _runs(body: str, marks: list[str], build: bool) -> list[Any]:
    """``Thing`` of each run of ``body`` with each mark; every run after the
    first refused the path without a build where ``build``."""
    lineage = ClassLineage()
    things = []
    for number, mark in enumerate(marks):
        refused = build and number > 0
        patch = mock.patch(f"{KEPT}.keep_body_verdict", return_value=None)
        with patch if refused else nullcontext():
            source = HEADER + body.format(mark=mark)
            things.append(run_script(lineage, source, DEFAULT)["Thing"])
    return things


_ADDRESS = re.compile(r" at 0x[0-9a-f]+")


def _view(value: Any) -> Any:
    """What a class attribute is, comparable between two runs of a script."""
    if isinstance(value, types.FunctionType):
        return ("function", value.__qualname__, value.__code__.co_code)
    for attribute in ("__func__", "fget", "func"):
        inner = getattr(value, attribute, None)
        if isinstance(inner, types.FunctionType):
            return (type(value).__name__, _view(inner))
    if isinstance(value, type):
        return ("class", value.__qualname__, sorted(vars(value)))
    if isinstance(value, dict):
        return sorted(((_view(k), _view(v)) for k, v in value.items()), key=repr)
    if isinstance(value, tuple):
        return tuple(_view(v) for v in value)
    return _ADDRESS.sub("", repr(value))


def _observed(thing: Any) -> dict[str, Any]:
    """What an app sees of a class and its members."""
    seen: dict[str, Any] = {name: _view(value) for name, value in vars(thing).items()}
    for member in thing.__members__.values():
        for name in dir(member):
            if name.startswith("__") or name in ("_generate_next_value_",):
                continue
            try:
                value = getattr(member, name)
                value = (
                    value()
                    if callable(value) and not isinstance(value, type)
                    else value
                )
            except Exception as error:  # what raises, raises alike
                value = type(error).__name__
            seen[f"{member._name_}.{name}"] = _view(value)
        seen[f"{member._name_} str"] = _view(
            (str(member), repr(member), format(member))
        )
    return seen


@pytest.mark.parametrize("name", sorted(BODIES))
def test_a_kept_enum_is_what_building_its_class_would_make_it(name):
    body = BODIES[name]
    kept = _runs(body, ["a", "b", "b"], build=False)
    built = _runs(body, ["a", "b", "b"], build=True)
    assert [t is kept[0] for t in kept] == [t is built[0] for t in built]
    assert _observed(kept[-1]) == _observed(built[-1])
    for member in kept[0]:  # the members the first run made, still the class's
        assert kept[-1] is not kept[0] or kept[-1](member.value) is member


@pytest.mark.parametrize("name", sorted(UNBUILT))
def test_an_unchanged_enum_statement_builds_no_class(name):
    """On every interpreter: the enum machinery's namespace still says which
    names are members (``_member_names``), or this fails."""
    lineage = ClassLineage()
    source = HEADER + BODIES[name].format(mark="a")
    first = run_script(lineage, source, DEFAULT)["Thing"]
    with counted_builds() as built:
        again = run_script(lineage, source, DEFAULT)["Thing"]
    assert again is first
    assert built == []


@pytest.mark.parametrize("name", ["methods", "descriptors", "super", "docstring"])
def test_an_enum_whose_methods_were_edited_builds_no_class(name):
    """An edit recompiles the script: its members' values are equal, not the
    same objects, and its functions new."""
    lineage = ClassLineage()
    source = HEADER + BODIES[name]
    first = run_script(lineage, source.format(mark="a"), DEFAULT)["Thing"]
    with counted_builds() as built:
        again = run_script(lineage, source.format(mark="b"), DEFAULT)["Thing"]
    assert again is first
    assert built == []


@pytest.mark.parametrize(
    "name",
    ["ignore", "own_new", "own_next_value", "init_edited", "base_makes_members"],
)
def test_a_body_the_enum_machinery_reworks_builds_its_class(name):
    lineage = ClassLineage()
    source = HEADER + BODIES[name]
    run_script(lineage, source.format(mark="a"), DEFAULT)
    with counted_builds() as built:
        run_script(lineage, source.format(mark="b"), DEFAULT)
    assert "Thing" in built


def test_a_member_added_builds_the_new_class():
    lineage = ClassLineage()
    body = HEADER + "class Thing(Enum):\n    RED = 1\n{more}"
    first = run_script(lineage, body.format(more=""), DEFAULT)["Thing"]
    with counted_builds() as built:
        again = run_script(lineage, body.format(more="    GREEN = 2\n"), DEFAULT)
    assert built == ["Thing"] and again["Thing"] is not first
    assert again["Thing"].GREEN.value == 2


def test_a_method_added_builds_the_class_and_keeps_it():
    lineage = ClassLineage()
    body = HEADER + "class Thing(Enum):\n    RED = 1\n{more}"
    first = run_script(lineage, body.format(more=""), DEFAULT)["Thing"]
    more = "    def label(self):\n        return 'red'\n"
    with counted_builds() as built:
        again = run_script(lineage, body.format(more=more), DEFAULT)["Thing"]
    assert built == ["Thing"] and again is first and first.RED.label() == "red"
    with counted_builds() as built:
        run_script(lineage, body.format(more=more), DEFAULT)
    assert built == []


def test_zero_argument_super_in_a_kept_enum_finds_the_kept_class():
    lineage = ClassLineage()
    source = HEADER + BODIES["super"]
    first = run_script(lineage, source.format(mark="a"), DEFAULT)["Thing"]
    red = first.RED
    again = run_script(lineage, source.format(mark="b"), DEFAULT)["Thing"]
    assert again is first
    assert str(red) == "Thing.REDb" and red.named() == "Thingb"


def test_a_statement_that_runs_twice_in_a_run_builds_each_time():
    lineage = ClassLineage()
    source = HEADER + "class Thing(Enum):\n    RED = 1\nFirst = Thing\n" * 2
    for _ in range(2):
        found = run_script(lineage, source, DEFAULT)
        assert found["Thing"] is not found["First"] or found["First"] is found["Thing"]
    with counted_builds() as built:
        run_script(lineage, source, DEFAULT)
    assert built == ["Thing", "Thing"]


def test_a_base_of_the_script_with_init_subclass_sees_every_run():
    lineage = ClassLineage()
    source = HEADER + (
        "seen = []\n"
        "class Base(Enum):\n"
        "    def __init_subclass__(cls, **kwds):\n"
        "        seen.append(cls)\n"
        "class Thing(Base):\n"
        "    RED = 1\n"
    )
    first = run_script(lineage, source, DEFAULT)
    again = run_script(lineage, source, DEFAULT)
    assert again["Thing"] is not first["Thing"] and again["seen"] == [again["Thing"]]


def test_enum_coercion_off_builds_every_run():
    from streamlit.class_identity.config_options import RunModes

    lineage = ClassLineage()
    off = RunModes(("off", "dataClasses"))
    source = HEADER + BODIES["methods"].format(mark="a")
    first = run_script(lineage, source, off)["Thing"]
    assert run_script(lineage, source, off)["Thing"] is not first


def test_a_metaclass_conflict_raises_as_python_raises_it():
    class Meta(type):
        pass

    class Other(metaclass=Meta):
        pass

    with pytest.raises(TypeError) as python:
        types.new_class("Both", (enum.Enum, Other))
    with pytest.raises(TypeError) as ours:
        class_statements.metaclass_of((enum.Enum, Other))
    assert str(ours.value) == str(python.value)


def test_outside_a_session_an_enum_statement_builds_its_class():
    source = HEADER + BODIES["methods"].format(mark="a")
    tree = class_statements.mark(source, "/app/script.py")
    classes = []
    for _ in range(2):
        namespace: dict[str, Any] = {"__name__": "__main__"}
        exec(compile(tree, "/app/script.py", "exec"), namespace)
        classes.append(namespace["Thing"])
    assert classes[0] is not classes[1]
    assert type(classes[1]) is enum.EnumMeta and classes[1].RED.label() == "reda"
