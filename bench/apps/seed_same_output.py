"""The seed app, writing one line of the same length whether identity is kept or
not (the verbatim one says Hooray on the patched wheel only): the difference
between stock and patched is the coercion alone."""

from enum import Enum

import streamlit as st


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3


selected_colors = set(st.multiselect("Pick the colors to use", options=Color))

if selected_colors == {Color.RED, Color.GREEN}:
    st.write("Hooray you found the color YELLOW!")
else:
    st.write("No yellow yet: try another colour.")  # as long as the Hooray line
