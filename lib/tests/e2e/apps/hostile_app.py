"""Three option widgets over this run's Color; reports what each returned."""

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
st.text(f"current={all(m is Color[m.name] for m in got)}")
