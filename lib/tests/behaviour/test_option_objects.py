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
from support.apptest_api import widgets

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


# Stock's selectbox re-reads the browser's label when format_func raises on
# its copy (resolve_value_against_options, 1.59 on); the others do not.
STOCK_SINCE = {"selectbox": "1.59.0"}


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
    browser.send(at, widgets(at, accessor)[0], labels)
    for _ in range(3):
        assert no_exception(at), at.exception
        assert report(at) == {"index": str(indices), "in_options": "True"}
        at.button[0].click()
        browser.send(at, widgets(at, accessor)[0], labels)


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


SHARED_OPTIONS = """
import streamlit as st
from dataclasses import dataclass

@dataclass
class Model:
    name: str
    temperature: float

@st.cache_resource
def models():
    return [Model("small", 0.5), Model("large", 0.7)]

picked = st.selectbox("Model", models())  # labelled by the dataclass's repr
if st.button("warmer"):
    picked.temperature += 0.25
st.text(f"picked={picked.temperature}")
st.text(f"shared={models()[0].temperature}")
"""


def test_an_option_every_session_shares_is_handed_out_as_a_copy():
    """One session's change to its pick never reaches the object every
    session's options hold (st.cache_resource), as on stock."""
    first, second = app(SHARED_OPTIONS).run(), app(SHARED_OPTIONS).run()
    first.button[0].click().run()
    assert no_exception(first), first.exception
    assert report(first) == {"picked": "0.75", "shared": "0.5"}
    second.run()
    assert report(second) == {"picked": "0.5", "shared": "0.5"}


MODULE_OPTIONS = """
import streamlit as st
from {module} import PRESETS

picked = st.radio("Preset", PRESETS)
if st.button("rename"):
    picked.name += "!"
st.text(f"names={{[p.name for p in PRESETS]}}")
"""


def test_an_option_of_an_imported_module_is_handed_out_as_a_copy(tmp_path):
    """A module's constant is every session's: a pick of it is a copy."""
    import sys

    from streamlit.testing.v1 import AppTest

    module = f"presets_{abs(hash(tmp_path)) % 10**8}"
    (tmp_path / f"{module}.py").write_text(
        "from dataclasses import dataclass\n\n"
        "@dataclass\n"
        "class Preset:\n"
        "    name: str\n\n"
        "PRESETS = [Preset('fast'), Preset('slow')]\n"
    )
    (tmp_path / "app.py").write_text(MODULE_OPTIONS.format(module=module))
    sys.path.insert(0, str(tmp_path))
    try:
        at = AppTest.from_file(str(tmp_path / "app.py"), default_timeout=10).run()
        at.button[0].click().run()
        assert no_exception(at), at.exception
        assert report(at) == {"names": "['fast', 'slow']"}
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop(module, None)
