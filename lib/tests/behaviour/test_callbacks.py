"""on_change callbacks fire when the user changes a value, not on every rerun.

On stock 1.28.2 a widget over a redefined Enum looks changed on every rerun
(the old and new readings hold members of different classes), so its
on_change callback fires again and again.
"""

from __future__ import annotations

import pytest
from support.apps import app, report
from support.apptest_api import widgets
from support.scripts import COLOR_APP, script

SCRIPT = script(
    COLOR_APP,
    """
    st.session_state.setdefault("calls", 0)

    def count_change():
        st.session_state.calls += 1

    st.selectbox("Color", Color, on_change=count_change)
    st.button("rerun")
    st.text(f"calls={st.session_state.calls}")
    """,
)


@pytest.mark.coercion
def test_on_change_fires_once_for_one_change(mode):
    at = app(SCRIPT).run()
    at.selectbox[0].set_value("Color.GREEN").run()
    for _ in range(4):
        at.button[0].click().run()
    assert report(at)["calls"] == "1"


PLAIN_OPTIONS = """
import streamlit as st

class Region:
    def __init__(self, code):
        self.code = code

    def __repr__(self):  # the label, and how AppTest finds the option
        return self.code

REGIONS = [Region("eu"), Region("us"), Region("ap")]
st.session_state.setdefault("calls", 0)

def count_change():
    st.session_state.calls += 1

st.{widget}("Region", REGIONS, on_change=count_change)
st.button("rerun")
st.text(f"calls={{st.session_state.calls}}")
"""


@pytest.mark.coercion
@pytest.mark.parametrize("widget", ["selectbox", "radio", "multiselect"])
def test_on_change_fires_once_for_options_without_eq(widget):
    """Plain objects compare by identity: an unrelated rerun is no change."""
    at = app(PLAIN_OPTIONS.format(widget=widget)).run()
    picked = ["us"] if widget == "multiselect" else "us"
    widgets(at, widget)[0].set_value(picked).run()
    assert report(at)["calls"] == "1"
    for _ in range(3):
        at.button[0].click().run()
    assert report(at)["calls"] == "1"


@pytest.mark.parametrize(
    "widget",
    [
        pytest.param("selectbox", marks=pytest.mark.coercion),
        pytest.param("radio", marks=pytest.mark.coercion),
        "multiselect",  # no default selection: nothing to copy, on stock too
    ],
)
def test_on_change_never_fires_without_a_change(widget):
    """Reruns from another widget change nothing. Stock stores a deep copy of
    the default, which an option without __eq__ never equals: its selectbox
    and radio call on_change on every rerun."""
    at = app(PLAIN_OPTIONS.format(widget=widget)).run()
    for _ in range(3):
        at.button[0].click().run()
    assert report(at)["calls"] == "0"
