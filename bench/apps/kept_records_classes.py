"""100,000 JSON-like records kept in session state, in a script that defines
classes (so every run redefines them, and kept values are looked through)."""

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


records = timings.kept("records")
if records is None:
    records = st.session_state.records = timings.records()

colors = st.multiselect("Colors", Color)
st.write(f"{len(records)} records, {len(colors)} colors")
