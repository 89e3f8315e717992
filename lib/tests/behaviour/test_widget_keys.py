"""st.session_state of an option widget's key holds current members.

After the widget call, before it on a later run (once the class is defined
again), and inside on_change callbacks; by item and by attribute.
"""

from __future__ import annotations

import pytest
from support.apps import app, no_exception, report
from support.scripts import COLOR_APP

HEADER = COLOR_APP


@pytest.mark.coercion
@pytest.mark.parametrize(
    "read", ["st.session_state['color']", "st.session_state.color"]
)
def test_key_after_the_widget_call_is_current(read, mode):
    at = app(
        HEADER
        + f"""
st.selectbox("Color", Color, key="color")
st.text(f"current={{{read} is Color.GREEN}}")
st.button("rerun")
"""
    ).run()
    at.selectbox[0].set_value("Color.GREEN").run()
    at.button[0].click().run()
    assert report(at)["current"] == "True"


@pytest.mark.coercion
@pytest.mark.parametrize(
    "read", ["st.session_state['colors']", "st.session_state.colors"]
)
@pytest.mark.smoke
def test_key_before_the_widget_call_on_a_later_run_is_current(read, mode):
    at = app(
        HEADER
        + f"""
if "colors" in st.session_state:
    st.text(f"current={{{read} == [Color.GREEN, Color.BLUE]}}")
st.multiselect("Colors", Color, key="colors")
st.button("rerun")
"""
    ).run()
    at.multiselect[0].set_value(["Color.GREEN", "Color.BLUE"]).run()
    assert report(at)["current"] == "True"
    at.button[0].click().run()
    assert report(at)["current"] == "True"


@pytest.mark.coercion
def test_value_a_callback_saw_is_current_in_the_next_body(mode):
    """The callback stores the widget's value; the script body compares it."""
    at = app(
        HEADER
        + """
def remember():
    st.session_state.seen = st.session_state.color
    st.session_state.seen_in_callback = st.session_state.color is Color.GREEN

st.radio("Color", Color, key="color", on_change=remember)
if "seen" in st.session_state:
    st.text(f"in_callback={st.session_state.seen_in_callback}")
    st.text(f"in_body={st.session_state.seen is Color.GREEN}")
st.button("rerun")
"""
    ).run()
    at.radio[0].set_value("Color.GREEN").run()
    at.button[0].click().run()
    assert report(at) == {"in_callback": "True", "in_body": "True"}


@pytest.mark.coercion
def test_select_slider_range_key_is_current(mode):
    at = app(
        HEADER
        + """
st.select_slider("Colors", list(Color), value=(Color.RED, Color.GREEN), key="span")
st.text(f"current={st.session_state.span == (Color.GREEN, Color.BLUE)}")
st.button("rerun")
"""
    ).run()
    at.select_slider[0].set_range("Color.GREEN", "Color.BLUE").run()
    at.button[0].click().run()
    assert no_exception(at)
    assert report(at)["current"] == "True"
