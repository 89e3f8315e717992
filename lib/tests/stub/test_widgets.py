"""The stub sends the widget states the 1.28 browser sends.

Option widgets send indices into their options: selectbox and radio an
``int_value``, multiselect an ``int_array_value``, select_slider a
``double_array_value``. The server reads them so; a different shape would
test a protocol no browser speaks.
"""

from __future__ import annotations

import pytest
from st_stub.tree import Element
from st_stub.widgets import click_state, pick_state, shown_state
from streamlit.proto.Element_pb2 import Element as ElementProto

OPTIONS = ["Color.RED", "Color.GREEN", "Color.BLUE"]


def widget(kind: str, **fields: object) -> Element:
    proto = ElementProto()
    inner = getattr(proto, kind)
    inner.id = f"$$WIDGET_ID-{kind}"
    inner.label = "Color"
    if kind != "button":
        inner.options[:] = OPTIONS
    for name, value in fields.items():
        if isinstance(value, list):
            getattr(inner, name)[:] = value
        else:
            setattr(inner, name, value)
    return Element((0, 0), kind, inner)


def test_selectbox_pick_sends_the_option_index() -> None:
    """Picking GREEN on a selectbox sends int_value 1."""
    state = pick_state(widget("selectbox", default=0), ["Color.GREEN"])
    assert (state.id, state.WhichOneof("value"), state.int_value) == (
        "$$WIDGET_ID-selectbox", "int_value", 1,
    )  # fmt: skip


def test_multiselect_pick_sends_indices_in_picked_order() -> None:
    """The browser appends picks: BLUE then RED is [2, 0]."""
    state = pick_state(widget("multiselect"), ["Color.BLUE", "Color.RED"])
    assert list(state.int_array_value.data) == [2, 0]


def test_select_slider_range_pick_sends_double_indices() -> None:
    """A select_slider range is two option indices as doubles."""
    state = pick_state(
        widget("slider", default=[0.0, 2.0]), ["Color.RED", "Color.GREEN"]
    )
    assert list(state.double_array_value.data) == [0.0, 1.0]


def test_pick_refuses_a_label_the_widget_does_not_offer() -> None:
    """A person can only click what is shown; the stub must not invent options."""
    with pytest.raises(ValueError, match=r"not \['Color\.PINK'\]"):
        pick_state(widget("radio", default=0), ["Color.PINK"])


def test_shown_state_takes_the_value_the_server_set() -> None:
    """With set_value, the browser adopts ``value`` over ``default``."""
    state = shown_state(widget("selectbox", default=0, value=2, set_value=True))
    assert state is not None and state.int_value == 2


def test_shown_state_of_an_empty_selectbox_has_no_value() -> None:
    """index=None: the browser sends the widget's id without a value."""
    state = shown_state(widget("selectbox"))
    assert state is not None and state.WhichOneof("value") is None


def test_button_click_is_a_trigger() -> None:
    """A click is trigger_value True, sent with one rerun only."""
    state = click_state(widget("button"))
    assert state.trigger_value is True
