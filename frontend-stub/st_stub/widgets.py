"""Widget states as the browser sends them back in a rerun ``BackMsg``.

The 1.28 frontend keeps one ``WidgetState`` per widget on the page: when a
widget mounts it records the value the server sent (``set_value``'s
``value``, else ``default``); when the user changes it, the new value; on
every rerun it sends all of them. Option widgets send option *indices*:
selectbox and radio an ``int_value``, multiselect an ``int_array_value``,
select_slider a ``double_array_value``.
"""

from __future__ import annotations

from typing import Sequence

from streamlit.proto.WidgetStates_pb2 import WidgetState

from st_stub.tree import Element


def shown_state(element: Element) -> WidgetState | None:
    """The state the browser records for a widget as the server sent it.

    None for elements that are not widgets, and for a button (whose trigger
    is only sent in the rerun that its click starts).
    """
    if not element.widget_id or element.kind == "button":
        return None
    state = WidgetState(id=element.widget_id)
    value = element.value
    if element.kind in ("selectbox", "radio"):
        if value is not None:  # an empty selectbox sends a state without a value
            state.int_value = int(value)  # type: ignore[call-overload]
    elif element.kind == "multiselect":
        state.int_array_value.data[:] = [int(i) for i in value]  # type: ignore[attr-defined]
    elif element.kind == "slider":
        state.double_array_value.data[:] = [float(v) for v in value]  # type: ignore[attr-defined]
    elif element.kind == "checkbox":
        state.bool_value = bool(value)
    return state


def pick_state(element: Element, labels: Sequence[str]) -> WidgetState:
    """The state after a person picks these option labels on this widget.

    Selectbox and radio take one label; multiselect any number, in the order
    picked; select_slider one label, or two for a range. A label the widget
    does not show is a ``ValueError``: a person cannot pick it.
    """
    if element.kind not in ("selectbox", "radio", "multiselect", "slider"):
        raise ValueError(f"{element.kind} {element.label!r} has no options to pick")
    missing = [label for label in labels if label not in element.options]
    if missing:
        raise ValueError(f"{element.label!r} offers {element.options}, not {missing}")
    indices = [element.options.index(label) for label in labels]
    state = WidgetState(id=element.widget_id)
    if element.kind in ("selectbox", "radio"):
        if len(indices) != 1:
            raise ValueError(f"{element.kind} {element.label!r} takes one option")
        state.int_value = indices[0]
    elif element.kind == "multiselect":
        state.int_array_value.data[:] = indices
    else:
        if len(indices) not in (1, 2):
            raise ValueError(f"select_slider {element.label!r} takes 1 or 2 options")
        state.double_array_value.data[:] = [float(i) for i in indices]
    return state


def click_state(element: Element) -> WidgetState:
    """The trigger a button click sends (once, with the rerun it starts)."""
    if element.kind != "button":
        raise ValueError(f"{element.kind} {element.label!r} is not a button")
    return WidgetState(id=element.widget_id, trigger_value=True)
