"""The seed example from the Streamlit docs (User classes, Enums), verbatim.

Run it with `make run`, pick Red and Green: the patched wheel says Hooray.
"""

from enum import Enum

import streamlit as st


# class syntax
class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3


selected_colors = set(st.multiselect("Pick the colors to use", options=Color))

if selected_colors == {Color.RED, Color.GREEN}:
    st.write("Hooray you found the color YELLOW!")
