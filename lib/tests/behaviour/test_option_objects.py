"""Option widgets over objects return the very objects of the current options.

With options that are objects of a class the script defines (no __eq__, so
a copy is never equal), ``options.index(value)`` and ``value in options``
hold, and a ``format_func`` keyed by the objects themselves (a dict of them,
streamlit/streamlit#15618, #12585) keeps working on the next rerun; stock
hands back deep copies, on which it raises or which it resets.
"""

from __future__ import annotations

import pytest
import streamlit as st
from support import browser
from support.apps import app, no_exception, report

APP = """
import streamlit as st

class Region:
    def __init__(self, code):
        self.code = code

REGIONS = [Region("eu"), Region("us"), Region("ap")]
NAMES = {{region: region.code.upper() for region in REGIONS}}

value = st.{call}
got = [] if value is None else value if isinstance(value, (list, tuple)) else [value]
st.text(f"index={{[REGIONS.index(v) for v in got if v in REGIONS]}}")
st.text(f"in_options={{all(v in REGIONS for v in got)}}")
st.button("rerun")
"""

# widget -> (call, AppTest accessor, labels the user clicks, indices picked)
WIDGETS = {
    "selectbox": (
        'selectbox("Region", REGIONS, format_func=NAMES.__getitem__)',
        "selectbox", ["US"], [1],
    ),
    "radio": (
        'radio("Region", REGIONS, format_func=NAMES.__getitem__)',
        "radio", ["US"], [1],
    ),
    "multiselect": (
        'multiselect("Regions", REGIONS, format_func=NAMES.__getitem__)',
        "multiselect", ["US", "AP"], [1, 2],
    ),
    "select_slider": (
        'select_slider("Region", REGIONS, format_func=NAMES.__getitem__)',
        "select_slider", ["US"], [1],
    ),
    "select_slider_range": (
        'select_slider("Regions", REGIONS, value=(REGIONS[0], REGIONS[2]), '
        "format_func=NAMES.__getitem__)",
        "select_slider", ["US", "AP"], [1, 2],
    ),
}  # fmt: skip
if hasattr(st, "pills"):
    WIDGETS.update(
        {
            "pills": (
                'pills("Region", REGIONS, format_func=NAMES.__getitem__)',
                "pills", ["US"], [1],
            ),
            "pills_multi": (
                'pills("Regions", REGIONS, selection_mode="multi", '
                "format_func=NAMES.__getitem__)",
                "pills", ["US", "AP"], [1, 2],
            ),
            "segmented_control": (
                'segmented_control("Region", REGIONS, format_func=NAMES.__getitem__)',
                "segmented_control", ["US"], [1],
            ),
            "segmented_control_multi": (
                'segmented_control("Regions", REGIONS, selection_mode="multi", '
                "format_func=NAMES.__getitem__)",
                "segmented_control", ["US", "AP"], [1, 2],
            ),
        }
    )  # fmt: skip


# Stock 1.67.0's selectbox re-reads the browser's label when format_func
# raises on its copy (resolve_value_against_options); the others do not.
STOCK_SINCE = {"selectbox": "1.67.0"}


@pytest.mark.parametrize(
    "widget",
    [
        pytest.param(w, marks=pytest.mark.coercion(stock_since=STOCK_SINCE.get(w)))
        for w in WIDGETS
    ],
)
def test_the_picked_objects_are_the_current_options_themselves(widget, mode):
    call, accessor, labels, indices = WIDGETS[widget]
    at = app(APP.format(call=call)).run()
    browser.send(at, getattr(at, accessor)[0], labels)
    for _ in range(3):
        assert no_exception(at), at.exception
        assert report(at) == {"index": str(indices), "in_options": "True"}
        at.button[0].click()
        browser.send(at, getattr(at, accessor)[0], labels)


@pytest.mark.coercion
@pytest.mark.only_where(hasattr(st, "menu_button"), reason="st.menu_button")
def test_menu_button_hands_out_the_clicked_option_itself(mode):
    call = 'menu_button("Region", REGIONS, format_func=NAMES.__getitem__)'
    at = app(APP.format(call=call)).run()
    for _ in range(3):
        browser.send(at, at.menu_button[0], ["AP"])
        assert no_exception(at), at.exception
        assert report(at) == {"index": "[2]", "in_options": "True"}
        at.button[0].click().run()
