"""Rerun an AppTest app the way the browser does after a user's pick.

AppTest works out a widget's state from the value it holds, with the
widget's ``format_func`` where it has one (1.67) or with ``str`` (1.28),
and some widgets (1.67's select_slider) cannot be set by label at all. The
browser does neither: it sends what it shows. ``send`` reruns the app with
every widget's state as AppTest holds it, and one widget's state as the
release's frontend sends it for the labels the user clicked: their indices
on 1.28.2, the labels themselves on 1.67.0.
"""

from __future__ import annotations

import functools
from typing import Any, Sequence

from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

from support.release import release_at_least

# Whether the frontend sends option labels (1.67) rather than indices (1.28).
LABELS = release_at_least("1.67.0")

_SINGLE = {"selectbox", "radio"}


def widget_state(widget: Any, labels: Sequence[str]) -> WidgetState:
    """The WidgetState the release's browser sends for ``labels`` in ``widget``."""
    kind = widget.type
    state = WidgetState(id=widget.id)
    if LABELS:
        if kind in _SINGLE:
            (state.string_value,) = labels
        elif kind == "menu_button":
            (state.string_trigger_value.data,) = labels
        else:  # multiselect, select_slider, pills, segmented_control
            state.string_array_value.data[:] = labels
        return state
    indices = [widget.options.index(label) for label in labels]
    if kind in _SINGLE:
        (state.int_value,) = indices
    elif kind == "select_slider":
        state.double_array_value.data[:] = indices
    else:
        state.int_array_value.data[:] = indices
    return state


def send(at: AppTest, widget: Any, labels: Sequence[str]) -> AppTest:
    """Rerun ``at``: the user chose ``labels`` in ``widget``, and whatever else
    the test clicked or set before on other widgets is sent along with it.

    The widget node is given a subclass whose ``_widget_state`` is what the
    browser sends; AppTest then collects every state (forms included) as
    it always does. The node is discarded when the run rebuilds the tree.
    """
    state = widget_state(widget, labels)
    widget.__class__ = _sending(type(widget))
    widget._browser_state = state
    return at.run()


@functools.lru_cache(maxsize=None)
def _sending(node_class: type) -> type:
    """``node_class`` with the browser's state in place of AppTest's own."""
    return type(
        f"Browser{node_class.__name__}",
        (node_class,),
        {"_widget_state": property(lambda self: self._browser_state)},
    )
