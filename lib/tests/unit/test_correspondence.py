"""Whether an old class may stand for a new one (``correspondence``)."""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass
from enum import Enum

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
