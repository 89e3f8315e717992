"""Rerun an AppTest app the way the browser does after a user's pick.

AppTest works out a widget's state from the value it holds, with the
widget's ``format_func`` where it has one (1.67) or with ``str`` (1.28),
and some widgets (1.67's select_slider) cannot be set by label at all. The
browser does neither: it sends what it shows. ``send`` reruns the app with
every widget's state as AppTest holds it, and one widget's state as the
release's frontend sends it for the labels the user clicked: their indices
or the labels themselves, as ``st_stub.protocol`` (the one owner of what a
release's browser sends) says for that widget.
"""

from __future__ import annotations

import functools
from typing import Any, Sequence

from st_stub import protocol
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

# AppTest's name of a widget where it differs from the widget's field of
# Element, which the protocol goes by.
_ELEMENT_KIND = {"select_slider": "slider"}


def element_kind(widget: Any) -> str:
    """The field of ``Element`` an AppTest widget node was read from."""
    return _ELEMENT_KIND.get(widget.type, widget.type)


def labels(widget: Any) -> list[str]:
    """The labels an AppTest widget node shows, one per option (a button
    group's options are messages holding theirs)."""
    return [getattr(option, "content", option) for option in widget.options]


def widget_state(widget: Any, picked: Sequence[str]) -> WidgetState:
    """The WidgetState the release's browser sends for the labels ``picked``
    in ``widget``."""
    kind = element_kind(widget)
    if protocol.sends_labels(kind):
        return protocol.option_state(widget.id, kind, picked)
    shown = labels(widget)
    return protocol.option_state(
        widget.id, kind, [shown.index(label) for label in picked]
    )


def send(at: AppTest, widget: Any, picked: Sequence[str]) -> AppTest:
    """Rerun ``at``: the user chose the labels ``picked`` in ``widget``, and
    whatever else the test clicked or set before on other widgets is sent
    along with it.

    The widget node is given a subclass whose ``_widget_state`` is what the
    browser sends; AppTest then collects every state (forms included) as
    it always does. The node is discarded when the run rebuilds the tree.
    """
    state = widget_state(widget, picked)
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
