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
options the widget was last registered with: a label to the option it
shows, an Enum member by class name and member name, another object by
class name and field values (``correspondence.stands_for_option``). 1.67's
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
    state = node.root.session_state._state  # the app's SessionState
    metadata = state._new_widget_state.widget_metadata.get(node.id)
    return None if metadata is None else options_of(metadata)


def _labels(node: Any) -> list[str]:
    """The labels the widget shows, one per option (a button group's options
    are messages holding theirs)."""
    return [getattr(o, "content", o) for o in node.options]


def _match(node: Any, value: Any, options: Sequence[Any]) -> Any:
    if any(o is value for o in options):
        return value  # an option already
    if isinstance(value, str):
        labels = _labels(node)
        if value in labels and value not in options and len(labels) == len(options):
            return options[labels.index(value)]  # a label: the option it shows
        return value  # a string option, or neither: the release's own lookup
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
        return type(value)(_match(node, v, options) for v in value)
    return _match(node, value, options)


def labels_kept(node: Any, format_func: Any) -> Any:
    """``format_func`` of a node, such that a label the widget shows stands
    for itself: 1.54's AppTest formats a select_slider's labels (not its
    options) with the app's format_func, which raised for one that knows
    only the app's objects (a dict keyed by them)."""
    shown = set(_labels(node))

    def label(value: Any) -> Any:
        if type(value) is str and value in shown:
            return value
        return format_func(value)

    return label


def index(node: Any, value: Any) -> int:
    """The position the 1.28 browser sends for ``value`` in ``node``: a label
    first, as AppTest always took it, then the option ``_match`` finds."""
    position = _position(node, value, _options(node) or (), label_first=True)
    if position is not None:
        return position
    return _labels(node).index(str(value))  # stock's own lookup, and its error


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


def button_group_indices(node: Any, value: Any) -> list[int]:
    """The positions a button group's browser sends for its ``value``: a list
    (several selections), one option, or None (st.pills and
    st.segmented_control with one selection).

    1.37-1.54's AppTest, written for st.feedback, took every value for a list
    and looked each label up among the option messages themselves, so it
    could rerun no app whose st.pills held a value.
    """
    options = _options(node) or ()
    if value is None:
        return []
    if isinstance(value, list) and not any(o is value for o in options):
        return [_button_group_index(node, v, options) for v in value]
    return [_button_group_index(node, value, options)]


def _button_group_index(node: Any, value: Any, options: Sequence[Any]) -> int:
    position = _position(node, value, options)
    if position is not None:
        return position
    # Stock's own lookup; a button group formats an option as a message
    # holding its label before 1.55.
    formatted = node.format_func(value)
    return _labels(node).index(getattr(formatted, "content", formatted))


def _position(
    node: Any, value: Any, options: Sequence[Any], label_first: bool = False
) -> int | None:
    """Which option ``value`` stands for: what ``_match`` finds, or a label
    (the label before the match with ``label_first``)."""
    labels = _labels(node)
    is_label = isinstance(value, str) and value in labels
    if label_first and is_label:
        return labels.index(value)
    option = _match(node, value, options)
    for position, candidate in enumerate(options):
        if candidate is option:
            return position
    return labels.index(value) if is_label else None


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
