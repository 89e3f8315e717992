"""Widget states as the browser sends them back in a rerun ``BackMsg``.

The frontend keeps one ``WidgetState`` per widget on the page: when a widget
mounts it records the value the server sent (the set value, else the
default); when the user changes it, the new value; on every rerun it sends
all of them. What an option widget sends, option *indices* or option
*labels*, and in which field, depends on the release and the widget:
``protocol.sends_labels`` and ``protocol.option_state`` say.
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
    value = element.value
    if element.kind == "checkbox":
        return WidgetState(id=element.widget_id, bool_value=bool(value))
    if element.kind == "slider" and not element.is_select_slider:
        state = WidgetState(id=element.widget_id)
        state.double_array_value.data[:] = [float(v) for v in value]  # type: ignore[attr-defined]
        return state
    if value is None:  # an empty selectbox sends a state without a value
        return WidgetState(id=element.widget_id)
    wire = list(value) if isinstance(value, list) else [value]  # what it shows
    return protocol.option_state(element.widget_id, element.kind, wire)


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
    if element.kind in ("selectbox", "radio") and len(labels) != 1:
        raise ValueError(f"{element.kind} {element.label!r} takes one option")
    if element.kind == "slider" and len(labels) not in (1, 2):
        raise ValueError(f"select_slider {element.label!r} takes 1 or 2 options")
    if element.kind == "button_group" and not element.multi and len(labels) > 1:
        raise ValueError(f"{element.label!r} takes one option")
    # What the browser sends for a label: the label, or its (first) index.
    labelled = protocol.sends_labels(element.kind)
    wire = list(labels) if labelled else [index[label] for label in labels]
    return protocol.option_state(element.widget_id, element.kind, wire)


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
        return protocol.option_state(element.widget_id, "menu_button", [option])
    raise ValueError(f"{element.kind} {element.label!r} cannot be clicked so")
