"""on_change callbacks fire when the user changes a value, not on every rerun.

On stock 1.28.2 a widget over a redefined Enum looks changed on every rerun
(the old and new readings hold members of different classes), so its
on_change callback fires again and again.
"""

from __future__ import annotations

import pytest
from support.apps import app, report

SCRIPT = """
from enum import Enum
import streamlit as st

class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3

st.session_state.setdefault("calls", 0)

def count_change():
    st.session_state.calls += 1

st.selectbox("Color", Color, on_change=count_change)
st.button("rerun")
st.text(f"calls={st.session_state.calls}")
"""


@pytest.mark.coercion
def test_on_change_fires_once_for_one_change(mode):
    at = app(SCRIPT).run()
    at.selectbox[0].set_value("Color.GREEN").run()
    for _ in range(4):
        at.button[0].click().run()
    assert report(at)["calls"] == "1"
