"""AppTest takes option values the way users write tests.

A test sets an option widget with the option it means: the app's member
(``type(at.radio[0].value).GREEN``), a member of the test's own copy of the
Enum (``Color.GREEN`` from the test module), an instance equal in its fields
to one of the app's options, or, as before, the label the browser shows.
AppTest then has to find what the browser would send for it. Stock AppTest
formats the value with ``str`` (1.28) or with the app's ``format_func``
(1.67), which fails for any ``format_func`` that only knows the app's own
objects (a dict keyed by them, ``Layout(value)``: streamlit/streamlit#8095)
and for the test's own classes.

Here a value is first matched to the app's option object, looking at the
options the widget was last registered with: an Enum member by class name
and member name, another object by class name and field values
(``correspondence.stands_for_option``). 1.67's
``Widget.set_value`` stores that option; 1.28's element tree asks
``index``/``indices`` for the positions the browser would send.
"""

from __future__ import annotations

from typing import Any, Sequence

from streamlit.class_identity.config_options import RunModes
from streamlit.class_identity.correspondence import stands_for_option
from streamlit.class_identity.release import options_of


def _options(node: Any) -> Sequence[Any] | None:
    """The options the widget was last registered with, if an option widget
    (and coercion is on: with "off" AppTest is stock AppTest)."""
    if not RunModes.configured().enums_on:
        return None
    state = getattr(getattr(node.root, "session_state", None), "_state", None)
    widgets = getattr(state, "_new_widget_state", None)
    metadata = getattr(widgets, "widget_metadata", {}).get(node.id)
    return None if metadata is None else options_of(metadata)


def _match(value: Any, options: Sequence[Any]) -> Any:
    if isinstance(value, str) or any(o is value for o in options):
        return value  # a label (as AppTest always took) or an option already
    for option in options:
        if stands_for_option(value, option):
            return option
    return value


def as_option(node: Any, value: Any) -> Any:
    """``value`` as the app's own option object(s), where a test means one."""
    options = _options(node)
    if not options:
        return value
    if isinstance(value, (list, tuple)) and not any(o is value for o in options):
        return type(value)(_match(v, options) for v in value)
    return _match(value, options)


def index(node: Any, value: Any) -> int:
    """The position the 1.28 browser sends for ``value`` in ``node``."""
    labels: list[str] = node.options
    if isinstance(value, str) and value in labels:
        return labels.index(value)  # a label, as AppTest always took
    options = _options(node) or ()
    option = _match(value, options)
    for position, candidate in enumerate(options):
        if candidate is option:
            return position
    return labels.index(str(value))  # stock's own lookup, and its error


def indices(node: Any, values: Sequence[Any]) -> list[int]:
    """``index`` of each of ``values``."""
    return [index(node, v) for v in values]


def slider_indices(node: Any, value: Any) -> list[int]:
    """The positions the 1.28 browser sends for a select_slider's value: one
    for a single value, two for a range (in order, as its serde sends them)."""
    options = _options(node) or ()
    single = isinstance(value, str) or any(o is value for o in options)
    if not single and isinstance(value, (list, tuple)):
        return sorted(indices(node, value))  # a range, low end first, as stock
    return [index(node, value)]


def _position(node: Any, value: Any, options: Sequence[Any]) -> int | None:
    """Which option ``value`` stands for: a label, or what ``_match`` finds."""
    labels: list[str] = node.options
    option = _match(value, options)
    for position, candidate in enumerate(options):
        if candidate is option:
            return position
    if isinstance(value, str) and value in labels:
        return labels.index(value)
    return None


def selected(node: Any, value: Any, current: Sequence[Any]) -> bool:
    """Whether ``value`` (a label, the app's option, the test's own member or
    an equal instance) is among ``current``, the widget's selection."""
    options = _options(node)
    position = None if not options else _position(node, value, options)
    if position is None:
        return value in current  # as stock AppTest compares
    return any(_position(node, c, options) == position for c in current)  # type: ignore[arg-type]


def without(node: Any, value: Any, current: Sequence[Any]) -> list[Any]:
    """``current`` with every selection that stands for ``value`` removed."""
    options = _options(node)
    position = None if not options else _position(node, value, options)
    if position is None:
        return [c for c in current if c != value]
    return [c for c in current if _position(node, c, options) != position]  # type: ignore[arg-type]
