"""Upstream's own Enum coercion entry points, applying our rules.

Since 1.29 upstream coerces the return value of some option widgets itself,
in ``streamlit.elements.lib.options_selector_utils`` (``_coerce_enum``,
``maybe_coerce_enum``, ``maybe_coerce_enum_sequence``; ``elements.lib.utils``
in 1.36-1.38, ``elements.utils`` before, with ``type_util.coerce_enum`` for
``_coerce_enum`` before 1.37), with rules of its own
that disagree with ours: it compares member *value sets* under
``nameAndValue`` (two names swapping values pass), looks composite Flag
values up by a name they do not have (the app crashes), and rebuilds both
classes' member sets for every value (O(k·n)). The patched module rebinds
those names to the functions here, so the wheel has one set of rules.

Each keeps upstream's contract: which class a value is coerced to (the
``options`` argument if it is an Enum class, else the one class every option
of ``opt_sequence`` shares, else none), what is left alone, and the errors
it raises. Only the rule for whether a pair of classes corresponds is ours
(``correspondence``): member names, and under ``nameAndValue`` each name's value;
a Flag value that combines members maps bit for bit. By the time they run,
``widget_values.register_widget`` has normally made the value current already;
these then confirm it in O(n + k).
"""

from __future__ import annotations

import operator
from dataclasses import replace
from enum import Enum, EnumMeta
from itertools import repeat
from typing import Any, Iterable, TypeVar

from streamlit.class_identity.config_options import Mode, RunModes
from streamlit.class_identity.members import remap, remap_all

R = TypeVar("R")


def _coerce_enum(from_enum_value: Enum, to_enum_class: type[Enum]) -> Enum:
    """``to_enum_class``'s member standing for ``from_enum_value``, if the rules
    of the configured mode allow; else ``from_enum_value`` unchanged."""
    if not isinstance(from_enum_value, Enum):
        raise ValueError(
            f"Expected an Enum in the first argument. Got {type(from_enum_value)}"
        )
    if not isinstance(to_enum_class, EnumMeta):
        raise ValueError(
            "Expected an EnumMeta/Type in the second argument. "
            f"Got {type(to_enum_class)}"
        )
    if isinstance(from_enum_value, to_enum_class):
        return from_enum_value  # a member already, no coercion necessary
    mode = _run_mode()
    if mode == "off":
        return from_enum_value
    mapped = remap(from_enum_value, to_enum_class, mode)
    return from_enum_value if mapped is None else mapped


def _run_mode() -> Mode:
    """The Enum mode configured now, read at every call as upstream reads it
    (a change made while a script runs applies at once, as on stock); raises
    InvalidCoercionModeError if invalid."""
    modes = RunModes.configured()
    return modes.widgets or modes.for_widgets()


def _common_class(options: Any, opt_sequence: Iterable[Any]) -> Any:
    """The class upstream coerces to: ``options`` if an Enum class, else the
    class all of ``opt_sequence`` share (None if they share none)."""
    if isinstance(options, EnumMeta):
        return options
    kinds = set(map(type, opt_sequence))
    return kinds.pop() if len(kinds) == 1 else None


def maybe_coerce_enum(register_widget_result: R, options: Any, opt_sequence: Any) -> R:
    """A single widget value, with a previous run's member made current."""
    value = register_widget_result.value  # type: ignore[attr-defined]
    if not isinstance(value, Enum):
        return register_widget_result
    target = _common_class(options, opt_sequence)
    if target is None:
        return register_widget_result
    coerced = _coerce_enum(value, target)
    if coerced is value:
        return register_widget_result
    return replace(register_widget_result, value=coerced)  # type: ignore[type-var]


def maybe_coerce_enum_sequence(
    register_widget_result: R, options: Any, opt_sequence: Any
) -> R:
    """A list or tuple widget value, with previous runs' members made current.

    As upstream's, value by value (``_coerce_enum``'s rules and errors), but
    each class met once: O(n + k) for n options and k values.
    """
    values = register_widget_result.value  # type: ignore[attr-defined]
    kinds = set(map(type, values))
    if not all(map(isinstance, kinds, repeat(EnumMeta))):  # in C
        return register_widget_result  # not all members
    target = _common_class(options, opt_sequence)
    if target is None or kinds <= {target}:
        return register_widget_result  # nothing to coerce, or current already
    if not isinstance(target, EnumMeta):
        _coerce_enum(values[0], target)  # raises as upstream does
    mode = _run_mode()
    if mode == "off":
        return register_widget_result
    coerced = remap_all(values, target, mode)
    if all(map(operator.is_, coerced, values)):
        return register_widget_result
    return replace(register_widget_result, value=type(values)(coerced))  # type: ignore[type-var]
