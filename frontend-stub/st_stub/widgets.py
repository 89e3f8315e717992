"""Widget states as the browser sends them back in a rerun ``BackMsg``.

The frontend keeps one ``WidgetState`` per widget on the page: when a widget
mounts it records the value the server sent (the set value, else the
default); when the user changes it, the new value; on every rerun it sends
all of them. What an option widget sends depends on the release
(``protocol.LABELS``):

- 1.28.2, option *indices*: selectbox and radio an ``int_value``,
  multiselect an ``int_array_value``, select_slider a ``double_array_value``.
- 1.67.0, option *labels*: selectbox and radio a ``string_value``;
  multiselect, select_slider and button_group (st.pills,
  st.segmented_control) a ``string_array_value``; a menu_button click a
  ``string_trigger_value``.
"""

from __future__ import annotations

from typing import Sequence

from streamlit.proto.WidgetStates_pb2 import WidgetState

from st_stub import protocol
from st_stub.tree import Element


def shown_state(element: Element) -> WidgetState | None:
    """The state the browser records for a widget as the server sent it.

    None for elements that are not widgets, and for buttons and menu buttons
    (whose triggers are only sent in the rerun that a click starts).
    """
    if not element.widget_id or element.kind in ("button", "menu_button"):
        return None
    state = WidgetState(id=element.widget_id)
    value = element.value
    if element.kind == "checkbox":
        state.bool_value = bool(value)
    elif element.kind in ("selectbox", "radio"):
        if value is not None:  # an empty selectbox sends a state without a value
            _set_one(state, value)
    elif element.kind == "slider" and not element.is_select_slider:
        state.double_array_value.data[:] = [float(v) for v in value]  # type: ignore[attr-defined]
    else:
        _set_many(state, element, list(value))  # type: ignore[call-overload]
    return state


def pick_state(element: Element, labels: Sequence[str]) -> WidgetState:
    """The state after a person picks these option labels on this widget.

    Selectbox, radio and a single-select button_group take one label;
    multiselect and a multi-select button_group any number, in the order
    picked; select_slider one label, or two for a range. A label the widget
    does not show is a ``ValueError``: a person cannot pick it.
    """
    if element.kind not in ("selectbox", "radio", "multiselect", "button_group") and (
        not element.is_select_slider
    ):
        raise ValueError(f"{element.kind} {element.label!r} has no options to pick")
    options = element.options
    index = {label: i for i, label in reversed(list(enumerate(options)))}
    missing = [label for label in labels if label not in index]
    if missing:
        raise ValueError(f"{element.label!r} offers {options}, not {missing}")
    # What the browser sends for a label: the label, or its (first) index.
    wire = list(labels) if protocol.LABELS else [index[label] for label in labels]
    state = WidgetState(id=element.widget_id)
    if element.kind in ("selectbox", "radio"):
        if len(labels) != 1:
            raise ValueError(f"{element.kind} {element.label!r} takes one option")
        _set_one(state, wire[0])
    elif element.kind == "slider" and len(labels) not in (1, 2):
        raise ValueError(f"select_slider {element.label!r} takes 1 or 2 options")
    elif element.kind == "button_group" and not element.multi and len(labels) > 1:
        raise ValueError(f"{element.label!r} takes one option")
    else:
        _set_many(state, element, wire)
    return state


def click_state(element: Element, option: str | None = None) -> WidgetState:
    """The trigger a click sends (once, with the rerun it starts).

    A button takes no option; a menu_button the label of the entry clicked.
    """
    if element.kind == "button" and option is None:
        return WidgetState(id=element.widget_id, trigger_value=True)
    if element.kind == "menu_button" and option is not None:
        if option not in element.options:
            raise ValueError(
                f"{element.label!r} offers {element.options}, not {option!r}"
            )
        state = WidgetState(id=element.widget_id)
        state.string_trigger_value.data = option
        return state
    raise ValueError(f"{element.kind} {element.label!r} cannot be clicked so")


def _set_one(state: WidgetState, value: object) -> None:
    if protocol.LABELS:
        state.string_value = str(value)
    else:
        state.int_value = int(value)  # type: ignore[call-overload]


def _set_many(state: WidgetState, element: Element, values: Sequence[object]) -> None:
    if protocol.LABELS:
        state.string_array_value.data[:] = [str(v) for v in values]
    elif element.kind == "multiselect":
        state.int_array_value.data[:] = [int(v) for v in values]  # type: ignore[call-overload]
    else:  # select_slider: indices as doubles
        state.double_array_value.data[:] = [float(v) for v in values]  # type: ignore[arg-type]
