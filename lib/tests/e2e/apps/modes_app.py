"""Shows, by behaviour, which runner.enumCoercion mode reached the server.

``Stable`` keeps its values from run to run; ``Shifty``'s values change on
every run. off maps neither, nameAndValue maps only Stable, nameOnly both.
"""

from enum import Enum

import streamlit as st

n = st.session_state.get("runs", 0) + 1
st.session_state["runs"] = n


class Stable(Enum):
    A = 1
    B = 2


class Shifty(Enum):
    A = n
    B = n + 100


stable = st.selectbox("Stable", Stable)
shifty = st.selectbox("Shifty", Shifty)
st.text(f"option={st.get_option('runner.enumCoercion')}")
st.text(f"stable_current={stable is Stable[stable.name]}")
st.text(f"shifty_current={shifty is Shifty[shifty.name]}")
