"""Members of a previous run handed back in from Python are taken as current.

A multiselect ``default``, a select_slider ``value``, and a value assigned to
a widget's key: stock 1.28.2 refuses a previous run's member as "not in
options" (or fails to find its index).
"""

from __future__ import annotations

import pytest
import streamlit as st
from support import browser
from support.apps import app, default_not_in_options, no_exception, report
from support.apptest_api import widgets
from support.scripts import COLOR_APP, KEEPER, RERUN_BUTTON, script

HEADER = script(COLOR_APP, KEEPER, RERUN_BUTTON)


# The widgets of the release that take a `default` holding members: a call
# with a default from an earlier run, and the value it should give.
DEFAULTS = {
    "multiselect": ('st.multiselect("Colors", Color, default={d})', "[Color.BLUE]"),
}
if hasattr(st, "pills"):
    DEFAULTS.update(
        {
            "pills": ('st.pills("Color", Color, default={d})', "Color.BLUE"),
            "pills_multi": (
                'st.pills("Colors", Color, selection_mode="multi", default={d})',
                "[Color.BLUE]",
            ),
            "segmented_control": (
                'st.segmented_control("Color", Color, default={d})',
                "Color.BLUE",
            ),
            "segmented_control_multi": (
                'st.segmented_control("Colors", Color, selection_mode="multi", '
                "default={d})",
                "[Color.BLUE]",
            ),
        }
    )


@pytest.mark.coercion
@pytest.mark.parametrize("widget", DEFAULTS)
def test_default_with_previous_runs_members(widget, mode):
    """Stock 1.67.0 raises StreamlitDefaultNotInOptionsError; 1.28.2 "must exist".
    The rerun sends the widget's state as the browser holds it (BLUE)."""
    call, expected = DEFAULTS[widget]
    at = app(
        HEADER
        + f"""
chosen = {call.format(d=f'store.get("last", {expected})')}
store["last"] = chosen
st.text(f"current={{chosen == {expected}}}")
"""
    ).run()
    at.button[0].click()
    browser.send(at, widgets(at, widget.replace("_multi", ""))[0], ["Color.BLUE"])
    assert no_exception(at), at.exception
    assert report(at)["current"] == "True"


@pytest.mark.coercion
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Color.GREEN", "Color.GREEN"),
        ("(Color.RED, Color.GREEN)", "(Color.RED, Color.GREEN)"),
    ],
)
def test_select_slider_value_with_previous_runs_members(value, expected, mode):
    at = app(
        HEADER
        + f"""
store.setdefault("first", {value})
chosen = st.select_slider("Color", list(Color), value=store["first"])
st.text(f"current={{chosen == {expected}}}")
"""
    ).run()
    at.button[0].click().run()
    assert no_exception(at), at.exception
    assert report(at)["current"] == "True"


@pytest.mark.coercion
@pytest.mark.parametrize("widget", ["selectbox", "radio", "select_slider"])
def test_previous_runs_member_assigned_to_a_widget_key(widget, mode):
    at = app(
        HEADER
        + f"""
store.setdefault("pick", Color.BLUE)
if st.session_state.get("assign"):
    st.session_state.color = store["pick"]
st.session_state.assign = True
chosen = st.{widget}("Color", list(Color), key="color")
st.text(f"current={{chosen is Color.BLUE}}")
st.text(f"state={{st.session_state.color is Color.BLUE}}")
"""
    ).run()
    at.button[0].click().run()
    assert no_exception(at), at.exception
    assert report(at) == {"current": "True", "state": "True"}


@pytest.mark.coercion(stock_since="1.29.0")
def test_previous_runs_members_assigned_to_a_multiselect_key(mode):
    at = app(
        HEADER
        + """
store.setdefault("picks", [Color.GREEN, Color.BLUE])
if st.session_state.get("assign"):
    st.session_state.colors = store["picks"]
st.session_state.assign = True
chosen = st.multiselect("Colors", Color, key="colors")
st.text(f"current={chosen == [Color.GREEN, Color.BLUE]}")
"""
    ).run()
    at.button[0].click().run()
    assert no_exception(at), at.exception
    assert report(at)["current"] == "True"


def test_off_refuses_previous_runs_default_as_stock():
    from support.apps import coercion

    with coercion("off"):
        at = app(
            HEADER
            + """
chosen = st.multiselect("Colors", Color, default=store.get("last", [Color.BLUE]))
store["last"] = chosen
"""
        ).run()
        at.button[0].click().run()
    assert at.exception[0].message == default_not_in_options("Color.BLUE")
