"""The seed app, made to write the same elements whether or not identity is kept.

The verbatim seed app writes its "Hooray" line only when the comparison
holds, that is on the patched wheel only: part of its rerun time on the
patched side is that extra element. Here both sides write one line of the
same length, so that the difference between them is the cost of the coercion
alone.
"""

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
