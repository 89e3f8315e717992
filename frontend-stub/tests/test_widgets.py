"""The stub sends the widget states the installed release's browser sends.

A widget whose browser sends option *indices* (all of them on 1.28.2)
sends selectbox and radio an ``int_value``, multiselect and button_group an
``int_array_value``, select_slider a ``double_array_value``; one that sends
option *labels* (all of them on 1.67.0) a ``string_value`` (selectbox,
radio), a ``string_array_value`` (multiselect, select_slider, pills and
segmented_control), a ``string_trigger_value`` (a menu_button click). The
releases between move one widget at a time (``protocol.sends_labels``). The
server reads them so; a different shape would test a protocol no browser
speaks. Each case runs on the releases whose widget speaks its protocol.
"""

from __future__ import annotations

import pytest
import streamlit as st
from st_stub import protocol
from st_stub.tree import Element
from st_stub.widgets import click_state, pick_state, shown_state
from streamlit.proto.Element_pb2 import Element as ElementProto

OPTIONS = ["Color.RED", "Color.GREEN", "Color.BLUE"]


def _has(kind: str) -> bool:
    """Whether the release has option widgets of this kind: a button_group
    serves st.feedback alone (no options of the app's) before st.pills, 1.40."""
    present = kind in ElementProto.DESCRIPTOR.fields_by_name
    return present and (kind != "button_group" or hasattr(st, "pills"))


def indices_of(kind: str) -> pytest.MarkDecorator:
    """A case of a release whose browser sends indices for ``kind``."""
    present = _has(kind) and not protocol.sends_labels(kind)
    return pytest.mark.only_where(present, reason=f"{kind} sends option indices")


def labels_of(kind: str) -> pytest.MarkDecorator:
    """A case of a release whose browser sends labels for ``kind``."""
    present = _has(kind) and protocol.sends_labels(kind)
    return pytest.mark.only_where(present, reason=f"{kind} sends option labels")


def widget(kind: str, **fields: object) -> Element:
    """A widget element as the server sends it, options RED, GREEN, BLUE."""
    proto = ElementProto()
    inner = getattr(proto, kind)
    inner.id = f"$$WIDGET_ID-{kind}"
    inner.label = "Color"
    if kind == "button_group":
        for label in OPTIONS:
            inner.options.add(content=label)
    elif kind != "button":
        inner.options[:] = OPTIONS
    for name, value in fields.items():
        if isinstance(value, list):
            getattr(inner, name)[:] = value
        else:
            setattr(inner, name, value)
    return Element((0, 0), kind, inner)


def test_pick_refuses_a_label_the_widget_does_not_offer() -> None:
    """A person can only click what is shown; the stub must not invent options."""
    with pytest.raises(ValueError, match=r"not \['Color\.PINK'\]"):
        pick_state(widget("radio", default=0), ["Color.PINK"])


def test_selectbox_takes_one_option_only() -> None:
    """A selectbox holds one value: two labels are a mistake in the test."""
    with pytest.raises(ValueError, match="takes one option"):
        pick_state(widget("selectbox", default=0), ["Color.RED", "Color.BLUE"])


def test_shown_state_of_an_empty_selectbox_has_no_value() -> None:
    """index=None: the browser sends the widget's id without a value."""
    state = shown_state(widget("selectbox"))
    assert state is not None and state.WhichOneof("value") is None


def test_button_click_is_a_trigger() -> None:
    """A click is trigger_value True, sent with one rerun only."""
    state = click_state(widget("button"))
    assert state.trigger_value is True


def test_button_has_no_state_between_clicks() -> None:
    """The browser keeps no state for a button: nothing is sent unless clicked."""
    assert shown_state(widget("button")) is None


# 1.28.2: option indices.


@indices_of("selectbox")
def test_selectbox_pick_sends_the_option_index() -> None:
    """Picking GREEN on a selectbox sends int_value 1."""
    state = pick_state(widget("selectbox", default=0), ["Color.GREEN"])
    assert (state.id, state.WhichOneof("value"), state.int_value) == (
        "$$WIDGET_ID-selectbox", "int_value", 1,
    )  # fmt: skip


@indices_of("multiselect")
def test_multiselect_pick_sends_indices_in_picked_order() -> None:
    """The browser appends picks: BLUE then RED is [2, 0]."""
    state = pick_state(widget("multiselect"), ["Color.BLUE", "Color.RED"])
    assert list(state.int_array_value.data) == [2, 0]


@indices_of("slider")
def test_select_slider_range_pick_sends_double_indices() -> None:
    """A select_slider range is two option indices as doubles."""
    state = pick_state(
        widget("slider", default=[0.0, 2.0]), ["Color.RED", "Color.GREEN"]
    )
    assert list(state.double_array_value.data) == [0.0, 1.0]


@indices_of("button_group")
def test_pills_pick_sends_indices_of_button_group_options() -> None:
    """st.pills before 1.55 sends its options' indices, in picked order."""
    pills = widget("button_group", click_mode=1)  # ClickMode.MULTI_SELECT
    state = pick_state(pills, ["Color.GREEN", "Color.RED"])
    assert list(state.int_array_value.data) == [1, 0]


@indices_of("selectbox")
def test_shown_state_takes_the_index_the_server_set() -> None:
    """With set_value, the browser adopts ``value`` over ``default``."""
    state = shown_state(widget("selectbox", default=0, value=2, set_value=True))
    assert state is not None and state.int_value == 2


# 1.67.0: option labels.


@labels_of("selectbox")
def test_selectbox_pick_sends_the_option_label() -> None:
    """Picking GREEN on a selectbox sends string_value "Color.GREEN"."""
    state = pick_state(widget("selectbox", default=0), ["Color.GREEN"])
    assert (state.id, state.WhichOneof("value"), state.string_value) == (
        "$$WIDGET_ID-selectbox", "string_value", "Color.GREEN",
    )  # fmt: skip


@labels_of("radio")
def test_radio_shows_the_label_of_its_default_index() -> None:
    """Mounted without a set value, the browser records options[default]."""
    state = shown_state(widget("radio", default=2))
    assert state is not None and state.string_value == "Color.BLUE"


@labels_of("selectbox")
def test_shown_state_takes_the_label_the_server_set() -> None:
    """With set_value, the browser adopts ``raw_value`` over ``default``."""
    state = shown_state(
        widget("selectbox", default=0, raw_value="Color.GREEN", set_value=True)
    )
    assert state is not None and state.string_value == "Color.GREEN"


@labels_of("multiselect")
def test_multiselect_pick_sends_labels_in_picked_order() -> None:
    """The browser appends picks: BLUE then RED, as labels."""
    state = pick_state(widget("multiselect"), ["Color.BLUE", "Color.RED"])
    assert list(state.string_array_value.data) == ["Color.BLUE", "Color.RED"]


@labels_of("multiselect")
def test_multiselect_shows_the_labels_the_server_set() -> None:
    """``raw_values`` (with set_value) are what the browser shows and sends."""
    state = shown_state(
        widget("multiselect", default=[0], raw_values=["Color.BLUE"], set_value=True)
    )
    assert state is not None and list(state.string_array_value.data) == ["Color.BLUE"]


@labels_of("slider")
def test_select_slider_range_pick_sends_two_labels() -> None:
    """A select_slider range is two option labels."""
    slider = widget("slider", default=[0.0, 2.0], type=1)  # Type.SELECT_SLIDER
    state = pick_state(slider, ["Color.RED", "Color.GREEN"])
    assert list(state.string_array_value.data) == ["Color.RED", "Color.GREEN"]


@labels_of("slider")
def test_select_slider_shows_the_labels_of_its_default_indices() -> None:
    """Mounted without a set value, the default indices are sent as labels."""
    state = shown_state(widget("slider", default=[0.0, 2.0], type=1))
    assert state is not None
    assert list(state.string_array_value.data) == ["Color.RED", "Color.BLUE"]


@labels_of("button_group")
def test_pills_pick_sends_labels_of_button_group_options() -> None:
    """st.pills (a multi-select button_group) sends its options' contents."""
    pills = widget("button_group", click_mode=1)  # ClickMode.MULTI_SELECT
    state = pick_state(pills, ["Color.GREEN", "Color.RED"])
    assert list(state.string_array_value.data) == ["Color.GREEN", "Color.RED"]


@pytest.mark.only_where(_has("button_group"), reason="a release with button_group")
def test_segmented_control_takes_one_option_only() -> None:
    """A single-select button_group holds at most one label."""
    control = widget("button_group", click_mode=0)  # ClickMode.SINGLE_SELECT
    with pytest.raises(ValueError, match="takes one option"):
        pick_state(control, ["Color.GREEN", "Color.RED"])


@labels_of("button_group")
def test_button_group_shows_the_labels_of_its_default_indices() -> None:
    """Mounted without a set value, the default indices are sent as labels."""
    state = shown_state(widget("button_group", default=[2]))
    assert state is not None and list(state.string_array_value.data) == ["Color.BLUE"]


@labels_of("menu_button")
def test_menu_button_click_sends_the_entry_label_as_a_trigger() -> None:
    """A menu entry click is a string_trigger_value holding the entry's label."""
    state = click_state(widget("menu_button"), "Color.GREEN")
    assert (state.WhichOneof("value"), state.string_trigger_value.data) == (
        "string_trigger_value", "Color.GREEN",
    )  # fmt: skip


@labels_of("menu_button")
def test_menu_button_refuses_an_entry_it_does_not_offer() -> None:
    """The stub clicks only entries the menu shows."""
    with pytest.raises(ValueError, match=r"not 'Color\.PINK'"):
        click_state(widget("menu_button"), "Color.PINK")
