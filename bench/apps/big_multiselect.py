"""A multiselect of a 10,000-member Enum defined anew on every run, all selected;
it says whether the values it got are members of this run's class."""

from enum import Enum

import streamlit as st

Big = Enum(
    "Big", [(f"M{i}", i) for i in range(10_000)], module=__name__, qualname="Big"
)

picked = st.multiselect("Pick members", options=Big)

st.text(f"selected={len(picked)}")
st.text(f"current_class={all(type(member) is Big for member in picked)}")
