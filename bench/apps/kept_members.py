"""100,000 Enum members kept in session state: every one is of the previous
run's class on each read, and is made current."""

import time
from enum import Enum

import streamlit as st

from bench.apps import timings


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3


start = time.perf_counter()
members = st.session_state.get("members")  # the run's first read of them
timings.first_read.append(time.perf_counter() - start)
if members is None:
    members = [Color(i % 3 + 1) for i in range(100_000)]
    st.session_state.members = members
if timings.measure_floor:  # the physical floor: a C-level type() scan
    start = time.perf_counter()
    set(map(type, members))
    timings.floor.append(time.perf_counter() - start)

colors = st.multiselect("Colors", Color)
st.write(f"{len(members)} kept, first {members[0] is Color.RED}, {len(colors)} picked")
