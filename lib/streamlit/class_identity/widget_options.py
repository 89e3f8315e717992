"""The options a widget is given: an Enum class as its members, labelled as stock.

Hooks of the option widgets, called right where they convert their
``options`` argument to a list. A str-mixin Enum class (``class Model(str,
Enum)``, ``StrEnum``) given as options loses its members in the release's
own conversion; here it yields them, and keeps the labels stock shows.
Only the option widgets take an Enum class so: the release's conversion
itself is left as stock's for every other caller (since 1.38 a chart's
``y=`` goes through it, and a str-mixin class there names columns by its
values).
"""

from __future__ import annotations

from enum import Enum, EnumMeta
from typing import Any

from streamlit.class_identity.session_identity import run_modes, running_identity


def enum_class_as_options(obj: object) -> list[Any] | None:
    """An Enum class given as options, as the list of its members.

    None when ``obj`` is no Enum class, a class of plain members (the
    release's own conversion lists them already: nothing to make twice), or
    coercion is off (or misconfigured): the release's own conversion then
    applies. That conversion loses the
    members of a str-mixin class (``class Model(str, Enum)``, ``StrEnum``):
    1.67 hands back their plain string values, and 1.28 indexes the class
    itself by position (``KeyError: 0``).
    """
    if not isinstance(obj, EnumMeta) or obj._member_type_ is object:
        return None  # a plain Enum or Flag: the release's list is its members
    if not run_modes(running_identity()).enums_on:
        return None
    return list(obj)


def options_as_given(options: object, converted: list[Any]) -> list[Any]:
    """The list an option widget takes ``options`` as.

    ``converted`` is the release's own conversion of ``options``; for an
    Enum class (``enum_class_as_options``) the class's members instead.
    """
    members = enum_class_as_options(options)
    return converted if members is None else members


def labelled_as_stock(options: object, format_func: Any) -> Any:
    """The ``format_func`` a widget over ``options`` labels its options with.

    A str-mixin Enum class given as options yields its members
    (``enum_class_as_options``), where stock 1.38+ took their values, and
    ``str`` of such a member is ``"Model.GPT"``, not its value: labels, what
    AppTest reads as ``options`` and what a ``bind="query-params"`` widget
    writes to the URL would all change. So a member of such a class is
    labelled as stock labelled its value: ``format_func(member.value)``.
    Any other ``options`` keep ``format_func`` as it is.
    """
    if format_func is None or not isinstance(options, EnumMeta):
        return format_func
    if not issubclass(options, str) or enum_class_as_options(options) is None:
        return format_func

    def label(option: Any) -> Any:
        if isinstance(option, Enum) and isinstance(option, str):
            return format_func(option._value_)
        return format_func(option)

    return label
