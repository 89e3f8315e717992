"""Upstream's own Enum coercion entry points, applying our rules.

Since 1.29 upstream coerces the return value of some option widgets itself,
in ``streamlit.elements.lib.options_selector_utils`` (``_coerce_enum``,
``maybe_coerce_enum``, ``maybe_coerce_enum_sequence``), with rules of its own
that disagree with ours: it compares member *value sets* under
``nameAndValue`` (two names swapping values pass), looks composite Flag
values up by a name they do not have (the app crashes), and rebuilds both
classes' member sets for every value (O(k·n)). The patched module rebinds
those names to the functions here, so the wheel has one set of rules.

By the time they run, ``widget_values.registered`` has normally made the
value current already; these then confirm it in O(n + k).
"""

from __future__ import annotations

from dataclasses import replace
from enum import Enum, EnumMeta
from typing import Any, Sequence, TypeVar

from streamlit.class_identity import mode as coercion_mode
from streamlit.class_identity.enum_map import Verdict, remap
from streamlit.class_identity.options import OptionCoercer
from streamlit.class_identity.widget_values import run_mode, session_warning

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
    mode = coercion_mode.current()
    if mode == "off" or isinstance(from_enum_value, to_enum_class):
        return from_enum_value
    mapped = remap(from_enum_value, to_enum_class, mode)
    return from_enum_value if mapped is None else mapped


def _refused(source: type, target: type, found: Verdict) -> None:
    """Warn through the session, looked up only when a coercion is refused."""
    session_warning()(source, target, found)


def _coerced(value: Any, opt_sequence: Sequence[Any]) -> Any:
    mode = run_mode()
    if mode == "off":
        return value
    return OptionCoercer(opt_sequence, mode, _refused).value(value)


def _all_of(values: Sequence[Any], options: Any) -> bool:
    """``options`` is an Enum class and every value is already its member:
    the usual case, as ``widget_values.registered`` made them current. O(k)."""
    return isinstance(options, EnumMeta) and all(type(v) is options for v in values)


def maybe_coerce_enum(register_widget_result: R, options: Any, opt_sequence: Any) -> R:
    """A single widget value, with a previous run's member made current."""
    value = register_widget_result.value  # type: ignore[attr-defined]
    if not isinstance(value, Enum) or _all_of((value,), options):
        return register_widget_result
    coerced = _coerced(value, opt_sequence)
    if coerced is value:
        return register_widget_result
    return replace(register_widget_result, value=coerced)  # type: ignore[type-var]


def maybe_coerce_enum_sequence(
    register_widget_result: R, options: Any, opt_sequence: Any
) -> R:
    """A list or tuple widget value, with previous runs' members made current."""
    value = register_widget_result.value  # type: ignore[attr-defined]
    if _all_of(value, options) or not any(isinstance(v, Enum) for v in value):
        return register_widget_result
    coerced = _coerced(value, opt_sequence)
    if coerced is value:
        return register_widget_result
    return replace(register_widget_result, value=coerced)  # type: ignore[type-var]
