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

MODULE = "streamlit.elements.lib.options_selector_utils"
HAS_THEM = importlib.util.find_spec(MODULE) is not None and hasattr(
    importlib.import_module(MODULE), "maybe_coerce_enum"
)
# Upstream coerces Enum values itself since 1.29; 1.28.2 has no such functions.
pytestmark = pytest.mark.only_where(HAS_THEM, reason="upstream's coercion (1.29+)")
utils: Any = importlib.import_module(MODULE) if HAS_THEM else None


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
        utils._coerce_enum(old.A, new.A)
    with pytest.raises(ValueError, match="Expected an Enum"):
        utils._coerce_enum(old, new)


def test_an_invalid_mode_is_an_api_error():
    old, new = _pair()
    with patch_config_options({"runner.enumCoercion": "badValue"}):
        with pytest.raises(StreamlitAPIException):
            utils._coerce_enum(old.A, new)


def test_off_coerces_nothing():
    old, new = _pair()
    with patch_config_options({"runner.enumCoercion": "off"}):
        assert utils._coerce_enum(old.A, new) is old.A


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
        assert utils._coerce_enum(old.X, Pair) is old.X
    assert utils._coerce_enum(old.X, Pair) is Pair.X  # nameOnly: by name


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
