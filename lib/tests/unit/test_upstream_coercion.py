"""Upstream's own Enum coercion functions (1.29 and later) keep upstream's contract.

The wheel rebinds ``_coerce_enum``, ``maybe_coerce_enum`` and
``maybe_coerce_enum_sequence`` to its own rules. Every call upstream's own
tests make must still give upstream's answer: the class coerced to is the
``options`` argument when it is an Enum class, else the one class all of
``opt_sequence`` share, else there is none and the value is left alone.
Where the rules differ (swapped values under ``nameAndValue``, a composite
Flag, which upstream crashes on), ours apply.
"""

from __future__ import annotations

import enum
import importlib
import importlib.util
from typing import Any

import pytest
from streamlit.errors import StreamlitAPIException
from streamlit.testing.v1.util import patch_config_options

# The modules that have held upstream's coercion: options_selector_utils from
# 1.39, elements/lib/utils in 1.36-1.38, elements/utils in 1.29-1.35.
MODULES = (
    "streamlit.elements.lib.options_selector_utils",
    "streamlit.elements.lib.utils",
    "streamlit.elements.utils",
)
WIDGETS = ("selectbox", "radio", "select_slider", "multiselect", "button_group")


def _widget_modules() -> list[dict[str, Any]]:
    """The namespaces of the option widgets' modules this release has."""
    found = []
    for widget in WIDGETS:
        name = f"streamlit.elements.widgets.{widget}"
        if importlib.util.find_spec(name) is not None:
            found.append(vars(importlib.import_module(name)))
    return found


def _holder() -> Any:
    """The module the option widgets import upstream's coercion from (None
    on a release without it)."""
    used = [
        m["maybe_coerce_enum"] for m in _widget_modules() if "maybe_coerce_enum" in m
    ]
    if not used:
        return None
    for name in MODULES:
        if importlib.util.find_spec(name) is None:
            continue
        module = importlib.import_module(name)
        if vars(module).get("maybe_coerce_enum") is used[0]:
            return module
    return None


utils: Any = _holder()
HAS_THEM = utils is not None
# Upstream coerces Enum values itself since 1.29; 1.28.2 has no such functions.
pytestmark = pytest.mark.only_where(HAS_THEM, reason="upstream's coercion (1.29+)")
# The one-value coercion they call: _coerce_enum beside them from 1.37,
# type_util.coerce_enum before.
coerce_enum: Any = (
    vars(utils).get("_coerce_enum")
    or importlib.import_module("streamlit.type_util").coerce_enum
    if HAS_THEM
    else None
)


def test_the_option_widgets_call_ours():
    """Each widget's name for upstream's coercion is bound to ours, as is the
    one-value coercion they call (wherever the release keeps it)."""
    from streamlit.class_identity import upstream_coercion

    for module in _widget_modules():
        for function in ("maybe_coerce_enum", "maybe_coerce_enum_sequence"):
            if function in module:
                ours = getattr(upstream_coercion, function)
                assert module[function] is ours, module["__name__"]
    assert coerce_enum is upstream_coercion._coerce_enum


def _result(value: Any) -> Any:
    from streamlit.runtime.state.common import RegisterWidgetResult

    return RegisterWidgetResult(value, False)


def _pair() -> tuple[type[enum.Enum], type[enum.Enum]]:
    """The same class defined twice, as two runs of a script define it."""

    def define() -> type[enum.Enum]:
        class Letter(enum.Enum):
            A = enum.auto()
            B = enum.auto()
            C = enum.auto()

        return Letter

    return define(), define()


def test_an_enum_class_as_options_is_the_target_even_without_a_sequence():
    old, new = _pair()
    assert utils.maybe_coerce_enum(_result(old.A), new, []).value is new.A
    coerced = utils.maybe_coerce_enum_sequence(_result([old.A, old.C]), new, [])
    assert coerced.value == [new.A, new.C]


def test_options_of_one_class_are_the_target():
    old, new = _pair()
    result = utils.maybe_coerce_enum(_result(old.B), list(new), [new.A])
    assert result.value is new.B
    seq = utils.maybe_coerce_enum_sequence(_result((old.A, old.B)), list(new), [new.C])
    assert seq.value == (new.A, new.B)


def test_options_of_two_classes_leave_the_value_alone():
    """[New.A, Old.B]: no class every option shares, so nothing is coerced,
    though the value's own class is among the options."""
    old, new = _pair()
    single = _result(old.A)
    assert utils.maybe_coerce_enum(single, list(new), [new.A, old.B]) is single
    several = _result([old.A, old.C])
    assert utils.maybe_coerce_enum_sequence(several, list(new), [new.A, old.B]) is (
        several
    )


def test_values_that_are_not_all_members_are_left_alone():
    _, new = _pair()
    number, numbers = _result(1), _result([1, 2])
    assert utils.maybe_coerce_enum(number, new, []) is number
    assert utils.maybe_coerce_enum_sequence(numbers, new, []) is numbers
    old, _ = _pair()
    mixed = _result([old.A, "x"])
    assert utils.maybe_coerce_enum_sequence(mixed, new, []) is mixed


def test_a_non_enum_target_of_other_options_leaves_members_alone():
    old, _ = _pair()
    single = _result(old.A)
    assert utils.maybe_coerce_enum(single, [1, 2, 3], []) is single


def test_coerce_enum_raises_as_upstream_does():
    old, new = _pair()
    with pytest.raises(ValueError, match="Expected an EnumMeta"):
        coerce_enum(old.A, new.A)
    with pytest.raises(ValueError, match="Expected an Enum"):
        coerce_enum(old, new)


def test_an_invalid_mode_is_an_api_error():
    old, new = _pair()
    with patch_config_options({"runner.enumCoercion": "badValue"}):
        with pytest.raises(StreamlitAPIException):
            coerce_enum(old.A, new)


def test_off_coerces_nothing():
    old, new = _pair()
    with patch_config_options({"runner.enumCoercion": "off"}):
        assert coerce_enum(old.A, new) is old.A


def test_a_mode_configured_while_a_script_runs_applies_at_once():
    """Upstream reads the mode at every call: a change made while a script
    runs (a test's patch_config_options) applies to the next call, though the
    run read its modes when it started (upstream's own test of the "off"
    mode fails otherwise, after any test that leaves a script run behind)."""
    from streamlit.testing.v1 import AppTest

    def app() -> None:
        import enum

        import streamlit as st
        from streamlit.class_identity.upstream_coercion import _coerce_enum
        from streamlit.testing.v1.util import patch_config_options

        def define() -> type[enum.Enum]:
            class Letter(enum.Enum):
                A = 1

            return Letter

        old, new = define(), define()
        st.multiselect("letters", new)  # the run has read its modes
        with patch_config_options({"runner.enumCoercion": "off"}):
            st.write(f"off: {_coerce_enum(old.A, new) is old.A}")
        with patch_config_options({"runner.enumCoercion": "badValue"}):
            try:
                _coerce_enum(old.A, new)
            except st.errors.StreamlitAPIException:
                st.write("badValue: raised")

    at = AppTest.from_function(app).run()
    assert not at.exception
    assert [m.value for m in at.markdown] == ["off: True", "badValue: raised"]


def test_our_rules_refuse_swapped_values_under_name_and_value():
    """Upstream compares the sets of values, which a swap keeps."""

    class Pair(enum.Enum):
        X = 1
        Y = 2

    old = Pair

    class Pair(enum.Enum):  # type: ignore[no-redef]
        X = 2
        Y = 1

    with patch_config_options({"runner.enumCoercion": "nameAndValue"}):
        assert coerce_enum(old.X, Pair) is old.X
    assert coerce_enum(old.X, Pair) is Pair.X  # nameOnly: by name


def test_a_composite_flag_maps_bit_for_bit():
    """Upstream looks `R|W` up as a member name and raises KeyError."""

    def define() -> type[enum.Flag]:
        class Perm(enum.Flag):
            R = 1
            W = 2

        return Perm

    old, new = define(), define()
    result = utils.maybe_coerce_enum(_result(old.R | old.W), new, [])
    assert result.value is new.R | new.W


def test_falsy_members_are_coerced_too():
    """An IntEnum member of value 0 is falsy: mapped all the same."""

    def define() -> type[enum.IntEnum]:
        class Level(enum.IntEnum):
            ZERO = 0
            ONE = 1

        return Level

    old, new = define(), define()
    other = define()
    result = utils.maybe_coerce_enum_sequence(_result([old.ZERO, other.ONE]), new, [])
    assert result.value[0] is new.ZERO and result.value[1] is new.ONE
