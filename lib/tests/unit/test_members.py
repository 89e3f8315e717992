"""Enum members given as the current class's members (``members``)."""

from __future__ import annotations

from enum import Enum, IntFlag

import pytest
from streamlit.class_identity.members import (
    flag_counterpart,
    flag_refusal,
    remap,
    remap_all,
)

# What differs between interpreters: run on every interpreter (smoke).
pytestmark = pytest.mark.smoke


def _color(**members: int) -> type[Enum]:
    return Enum("Color", members or {"RED": 1, "GREEN": 2, "BLUE": 3})


def _perm(**members: int) -> type[IntFlag]:
    return IntFlag("Perm", members or {"READ": 1, "WRITE": 2})


def test_a_member_maps_to_the_member_of_the_same_name():
    old, new = _color(), _color()
    assert remap(old.GREEN, new, "nameOnly") is new.GREEN


def test_a_refused_pair_maps_nothing():
    old, new = _color(), _color(RED=1, GREEN=2)
    assert remap(old.GREEN, new, "nameOnly") is None


def test_remap_all_maps_many_values_of_one_class_in_order():
    old, new = _color(), _color()
    values = [old.BLUE, old.RED, old.BLUE] * 100
    assert remap_all(values, new, "nameOnly") == [new.BLUE, new.RED, new.BLUE] * 100


def test_remap_all_leaves_values_without_a_counterpart():
    old, other, new = _color(), _color(RED=1), _color()
    values = [old.RED, other.RED, new.GREEN]
    mapped = remap_all(values, new, "nameOnly")
    assert mapped[0] is new.RED and mapped[1] is other.RED and mapped[2] is new.GREEN


def test_a_flag_with_unnamed_bits_keeps_every_bit_when_values_are_the_same():
    old, new = _perm(), _perm()
    mapped = flag_counterpart(old(9), new)
    assert type(mapped) is new and mapped.value == 9


def test_a_combined_flag_maps_bit_by_name_when_values_changed():
    old, new = _perm(), _perm(READ=4, WRITE=8)
    mapped = flag_counterpart(old.READ | old.WRITE, new)
    assert mapped == new.READ | new.WRITE


def test_unnamed_bits_with_changed_values_have_no_counterpart_and_say_why():
    old, new = _perm(), _perm(READ=4, WRITE=8)
    assert flag_counterpart(old(9), new) is None
    assert "bits no member names (8)" in flag_refusal(old(9), new)


def test_a_falsy_flag_member_is_mapped_too():
    old, new = _perm(NONE=0, READ=1), _perm(NONE=0, READ=1)
    assert remap_all([old.NONE, old.READ], new, "nameOnly") == [new.NONE, new.READ]
