"""Whether an old class may stand for a new one (``correspondence``)."""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass
from enum import Enum
from typing import Any

import pytest
from streamlit.class_identity import correspondence
from streamlit.class_identity.correspondence import (
    enum_verdict,
    layout_verdict,
    stands_for_option,
)
from streamlit.class_identity.fields import Layout

# What differs between interpreters: run on every interpreter (smoke).
pytestmark = pytest.mark.smoke


def _enum(qualname: str = "Color", **members: int) -> type[Enum]:
    cls = Enum("Color", members or {"RED": 1, "GREEN": 2})
    cls.__qualname__ = qualname
    return cls


def test_same_names_correspond_under_name_only_whatever_the_values():
    assert enum_verdict(_enum(RED=1, GREEN=2), _enum(RED=5, GREEN=6), "nameOnly").ok


def test_changed_values_are_refused_under_name_and_value_and_named():
    found = enum_verdict(_enum(RED=1, GREEN=2), _enum(RED=1, GREEN=3), "nameAndValue")
    assert not found.ok
    assert "GREEN (2 -> 3)" in found.reason


def test_swapped_values_are_refused_under_name_and_value():
    old, new = _enum(RED=1, GREEN=2), _enum(RED=2, GREEN=1)
    assert not enum_verdict(old, new, "nameAndValue").ok


def test_missing_and_extra_member_names_are_named():
    found = enum_verdict(_enum(RED=1, GREEN=2), _enum(RED=1, BLUE=3), "nameOnly")
    assert found.reason == "missing member names [GREEN]; extra member names [BLUE]"


def test_other_class_names_never_correspond():
    found = enum_verdict(_enum("Color"), _enum("Colour"), "nameOnly")
    assert not found.ok and "class names differ" in found.reason


def test_a_long_list_of_names_is_summarised():
    old = _enum(**{f"M{i}": i for i in range(8)})
    new = _enum(**{f"N{i}": i for i in range(8)})
    reason = enum_verdict(old, new, "nameOnly").reason
    assert "and 3 more" in reason


def test_big_classes_are_compared_once_and_cached():
    size = correspondence.CACHE_FROM_MEMBERS
    old = _enum(**{f"M{i}": i for i in range(size)})
    new = _enum(**{f"M{i}": i for i in range(size)})
    before = correspondence.cached_pairs()
    assert enum_verdict(old, new, "nameOnly") is enum_verdict(old, new, "nameOnly")
    assert correspondence.cached_pairs() == before + 1


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        (Layout("dataclass", ("x", "y")), Layout("dataclass", ("y", "x")), None),
        (Layout("namedtuple", ("x", "y")), Layout("namedtuple", ("y", "x")),
         "field order changed (x, y -> y, x)"),
        (Layout("dataclass", ("x",)), Layout("namedtuple", ("x",)),
         "it was a dataclass and is now a namedtuple"),
        (Layout("dataclass", ("x", "y")), Layout("dataclass", ("x", "z")),
         "missing field names [y]; extra field names without a default [z]"),
        (Layout("dataclass", ("x",)),
         Layout("dataclass", ("x", "z"), defaults=frozenset({"z"})), None),
        (Layout("namedtuple", ("x",)),
         Layout("namedtuple", ("z", "x"), defaults=frozenset({"z"})),
         "field order changed"),
        (Layout("dataclass", ("x",), ("x",)),
         Layout("dataclass", ("x", "z"), ("x", "z"), frozenset({"z"})),
         "__slots__ changed (its objects cannot grow in place)"),
        (Layout("plain", ("x",), ("x",)), Layout("plain", ("x",), None),
         "__slots__ changed (its objects cannot grow in place)"),
        (Layout("pydantic", ("x",), private=("_a",)), Layout("pydantic", ("x",)),
         "private attributes changed"),
        (Layout("plain", ("x",)), None,
         "the class is no longer one whose fields are known"),
    ],
)  # fmt: skip
def test_layouts_correspond_when_kind_names_and_slots_agree(old, new, reason):
    found = layout_verdict(old, new)
    assert found.ok is (reason is None)
    assert found.reason == (reason or "")


def test_a_tests_member_stands_for_the_apps_member_of_that_name():
    assert stands_for_option(_enum("test.<locals>.Color").GREEN, _enum().GREEN)
    assert not stands_for_option(_enum().GREEN, _enum().RED)


def test_a_tests_instance_stands_for_an_option_equal_in_its_fields():
    def point_class():
        @dataclass
        class Point:
            x: int
            y: int

        return Point

    Mine, Apps = point_class(), point_class()
    assert stands_for_option(Mine(1, 2), Apps(1, 2))
    assert not stands_for_option(Mine(1, 2), Apps(2, 1))
    Pair = namedtuple("Pair", "a b")
    assert stands_for_option(Pair(1, 2), namedtuple("Pair", "a b")(1, 2))


def test_an_option_whose_eq_raises_is_no_match():
    class Odd:
        def __eq__(self, other):
            raise RuntimeError("no")

        __hash__ = object.__hash__

    assert not stands_for_option(Odd(), Odd())


# -- whether a class statement may give the previous run's class -------------------


def _keep(
    old: type, new: type, enums: Any = "nameOnly", instances: Any = "allClasses"
) -> Any:
    from streamlit.class_identity.correspondence import keep_verdict

    return keep_verdict(old, new, enums, instances)


class Meta(type):
    """A metaclass of the test's, the same on both runs."""


def _twice(source: str) -> tuple[type, type]:
    made = []
    for _ in range(2):
        namespace: dict[str, Any] = {"__name__": "__main__", "Meta": Meta}
        exec(source, namespace)
        made.append(namespace["Thing"])
    return made[0], made[1]


INIT = "    def __init__(self):\n        self.x = 1\n"
KEEPABLE = {
    "dataclass": "import dataclasses as d\n@d.dataclass\nclass Thing:\n    x: int\n",
    "enum": "from enum import Enum\nclass Thing(Enum):\n    A = 1\n",
    "namedtuple": "import typing\nclass Thing(typing.NamedTuple):\n    x: int\n",
    "plain": "class Thing:\n" + INIT,
    "abc": "import abc\nclass Thing(abc.ABC):\n" + INIT,
}


@pytest.mark.parametrize("kind", KEEPABLE)
def test_a_class_built_again_from_the_same_source_may_be_kept(kind):
    assert _keep(*_twice(KEEPABLE[kind])).ok


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("class Thing(metaclass=Meta):\n    pass\n",
         "its metaclass Meta is not kept"),
        ("import pydantic\nclass Thing(pydantic.BaseModel):\n    x: int\n",
         "its metaclass ModelMetaclass is not kept"),
        ("class Base:\n    def __init_subclass__(cls):\n        pass\n"
         "class Thing(Base):\n    pass\n", "its bases changed"),
        ("class Thing(dict):\n    pass\n",
         "not a class whose fields are known in this mode"),
    ],
    ids=["metaclass", "pydantic", "bases", "builtin_base"],
)  # fmt: skip
def test_classes_whose_machinery_is_not_known_are_not_kept(source, reason):
    assert _keep(*_twice(source)).reason == reason


def test_a_base_that_registers_its_subclasses_keeps_none_of_them():
    namespace: dict[str, Any] = {"__name__": "__main__"}
    exec("class Base:\n    def __init_subclass__(cls):\n        pass\n", namespace)
    made = []
    for _ in range(2):
        exec("class Thing(Base):\n    pass\n", namespace)
        made.append(namespace["Thing"])
    assert _keep(*made).reason == "a base class of the script has __init_subclass__"


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (("A = 1", "A = 1.0"), "the value of A changed"),
        (("A = 1", "A = True"), "the value of A changed"),
        (("A = 1", "B = 1"), "its member names changed"),
        (("A = 1", "A = 1\n    B = 2"), "its member names changed"),
    ],
    ids=["float", "bool", "renamed", "added"],
)
def test_an_enum_is_kept_only_with_the_same_names_and_values(edit, reason):
    old, _ = _twice(KEEPABLE["enum"])
    _, new = _twice(KEEPABLE["enum"].replace(*edit))
    assert _keep(old, new).reason == reason
    assert (
        _keep(old, _twice(KEEPABLE["enum"])[0], "off").reason == "Enum coercion is off"
    )


def test_a_dataclass_whose_fields_changed_is_not_kept():
    old, _ = _twice(KEEPABLE["dataclass"])
    _, new = _twice(KEEPABLE["dataclass"] + "    y: int = 0\n")
    assert _keep(old, new).reason == "its fields changed"
    assert _keep(*_twice(KEEPABLE["dataclass"]), instances="off").reason == (
        "not a class whose fields are known in this mode"
    )
