"""100,000 Enum members kept in session state: every one is of the previous
run's class on each read, and is made current."""

from enum import Enum

import streamlit as st

from bench.apps import timings


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3


members = timings.kept("members")
if members is None:
    members = st.session_state.members = [Color(i % 3 + 1) for i in range(100_000)]

colors = st.multiselect("Colors", Color)
st.write(f"{len(members)} kept, first {members[0] is Color.RED}, {len(colors)} picked")
