"""Option widgets' values (``widget_values``): what is cached, what is handed out."""

from __future__ import annotations

import types
from enum import Enum

from streamlit.class_identity import shared_objects, widget_values
from streamlit.class_identity.widget_values import BrowserValue, cached_value
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.runtime.state.session_state import Serialized, Value


class Color(Enum):
    RED = 1


def test_strings_and_numbers_are_cached_as_stock_caches_them():
    cached = cached_value(["a", 1, 2.5], Serialized(WidgetState()))
    assert type(cached) is Value


def test_objects_are_cached_with_the_browsers_message():
    message = WidgetState(id="w", int_value=1)
    cached = cached_value(Color.RED, Serialized(message))
    assert isinstance(cached, BrowserValue) and cached.proto is message
    assert cached == Value(Color.RED)  # as session state's comparisons expect


def _script_class():
    class Pick:
        pass

    Pick.__module__ = "__main__"
    return Pick


def test_own_objects_are_instances_of_the_running_scripts_classes_not_shared():
    mine = _script_class()
    script = types.ModuleType("__main__")
    setattr(script, mine.__qualname__.split(".")[-1], mine)
    mine.__qualname__ = mine.__qualname__.split(".")[-1]
    own = widget_values._OwnObjects((script,))
    kept, shared = mine(), mine()
    shared_objects.record(shared)
    assert own(kept)
    assert not own(shared)  # another session may hold it: handed out as a copy
    assert not own(_script_class()())  # a class the script no longer defines
    assert not own([1])  # a builtin container: copied, as stock


def test_readings_of_the_same_objects_are_the_same():
    picks = [object(), object()]
    assert widget_values._same_objects(picks, list(picks))
    assert not widget_values._same_objects(picks, [picks[0], object()])
    assert not widget_values._same_objects(picks, tuple(picks))


def test_arguments_of_strings_and_numbers_are_never_matched(coercing):
    value = ["a", "b"]
    assert widget_values.match_argument(value, ["a", "b"]) is value


def test_an_earlier_runs_default_member_becomes_the_current_option(coercing):
    old = Enum("Color", {"RED": 1, "GREEN": 2})
    new = Enum("Color", {"RED": 1, "GREEN": 2})
    matched = widget_values.match_argument([old.GREEN], list(new))
    assert matched == [new.GREEN] and matched[0] is new.GREEN
