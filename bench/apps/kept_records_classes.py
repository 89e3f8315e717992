"""100,000 JSON-like records kept in session state, in a script that defines
classes (so every run redefines them, and kept values are looked through)."""

import time
from dataclasses import dataclass
from enum import Enum

import streamlit as st

from bench.apps import timings


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3


@dataclass
class Point:
    x: int
    y: int


start = time.perf_counter()
records = st.session_state.get("records")  # the run's first read of them
timings.first_read.append(time.perf_counter() - start)
if records is None:
    records = [
        {"id": i, "name": f"item {i}", "score": i / 7, "ok": i % 2 == 0, "tag": None}
        for i in range(100_000)
    ]
    st.session_state.records = records
if timings.measure_floor:  # the physical floor: a C-level type() scan
    start = time.perf_counter()
    set(map(type, records))
    timings.floor.append(time.perf_counter() - start)

colors = st.multiselect("Colors", Color)
st.write(f"{len(records)} records, {len(colors)} colors")
