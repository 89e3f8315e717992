"""Every option widget of the release over this run's Color; reports each.

For each widget, ``<name>=`` the member names it returned and
``<name>_current=`` whether they are members of this run's class.
st.pills, st.segmented_control and st.menu_button exist on 1.67.0, not
on 1.28.2.
"""

from enum import Enum

import streamlit as st


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3


def report(name: str, value: object) -> None:
    if value is None:
        got = []
    elif isinstance(value, (list, tuple)):
        got = list(value)
    else:
        got = [value]
    st.text(f"{name}={','.join(m.name for m in got)}")
    st.text(f"{name}_current={all(m is Color[m.name] for m in got)}")


report("selectbox", st.selectbox("Selectbox", Color))
report("radio", st.radio("Radio", Color))
report("multiselect", st.multiselect("Multiselect", Color))
report("select_slider", st.select_slider("Select slider", options=list(Color)))
report(
    "range",
    st.select_slider("Range", options=list(Color), value=(Color.RED, Color.BLUE)),
)
if hasattr(st, "pills"):
    report("pills", st.pills("Pills", Color, selection_mode="multi"))
    report("segmented", st.segmented_control("Segmented", Color))
if hasattr(st, "menu_button"):
    report("menu", st.menu_button("Menu", Color))
