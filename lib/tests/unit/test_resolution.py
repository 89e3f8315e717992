"""Looking a stored member's class up again, in the session's script module."""

from __future__ import annotations

import sys
import types
from enum import Enum

from streamlit.class_identity.class_update import CurrentClasses, find_current_class


def _ignore(*_: object) -> None:
    """No warning wanted here."""


def _module(**names: object) -> types.ModuleType:
    module = types.ModuleType("__main__")
    module.__dict__.update(names)
    return module


def _color(qualname: str = "Color", module: str = "__main__") -> type[Enum]:
    return Enum("Color", ["RED", "GREEN"], qualname=qualname, module=module)


def test_resolves_a_top_level_class_in_the_given_module():
    old, new = _color(), _color()
    assert find_current_class(old, _module(Color=new)) is new


def test_never_looks_in_sys_modules_main_for_script_classes():
    old, mine, theirs = _color(), _color(), _color()
    saved = sys.modules["__main__"]
    sys.modules["__main__"] = _module(Color=theirs)
    try:
        assert find_current_class(old, _module(Color=mine)) is mine
        assert find_current_class(old, None) is None
    finally:
        sys.modules["__main__"] = saved


def test_a_class_that_is_not_defined_yet_resolves_to_nothing():
    assert find_current_class(_color(), _module()) is None


def test_a_class_inside_a_function_resolves_to_nothing():
    old = _color("make.<locals>.Color")
    assert find_current_class(old, _module(make=lambda: None)) is None


def test_a_name_bound_to_something_else_resolves_to_nothing():
    assert find_current_class(_color(), _module(Color="not a class")) is None
    assert find_current_class(_color(), _module(Color=int)) is None


def test_a_module_that_is_gone_resolves_to_nothing():
    assert find_current_class(_color(module="no_such_module_here"), _module()) is None


def test_an_unresolvable_value_is_left_alone_by_the_walker():
    old = _color("make.<locals>.Color")
    value = [old.RED, {"k": (old.GREEN,)}]
    walker = CurrentClasses([_module()], "nameOnly", _ignore)
    assert walker.update(value) is value


def test_two_keys_that_become_one_leave_the_dict_as_it_was():
    old, new = _color(), _color()
    value = {old.RED: "kept", new.RED: "current"}
    walker = CurrentClasses([_module(Color=new)], "nameOnly", _ignore)
    assert walker.update(value) is value


def test_self_containing_list_is_walked_once():
    old, new = _color(), _color()
    value: list = [old.RED]
    value.append(value)
    walker = CurrentClasses([_module(Color=new)], "nameOnly", _ignore)
    result = walker.update(value)
    assert result[0] is new.RED
