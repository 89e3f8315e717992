"""The option widgets over this run's Color; reports what each returned.

Selectbox, multiselect and select_slider on every release; where the
release has them (1.67.0), also st.pills (multi) and st.menu_button.
"""

from enum import Enum

import streamlit as st


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3


one = st.selectbox("One", Color)
many = st.multiselect("Many", Color)
span = st.select_slider("Span", options=list(Color), value=(Color.RED, Color.BLUE))
got = [one, *many, *span]
st.text(f"one={one.name}")
st.text(f"many={','.join(m.name for m in many)}")
st.text(f"span={','.join(m.name for m in span)}")
if hasattr(st, "pills"):
    tags = st.pills("Tags", Color, selection_mode="multi")
    got += tags
    st.text(f"tags={','.join(m.name for m in tags)}")
if hasattr(st, "menu_button"):
    action = st.menu_button("Menu", Color)
    got += [action] if action is not None else []
    st.text(f"menu={action.name if action is not None else ''}")
st.text(f"current={all(m is Color[m.name] for m in got)}")
