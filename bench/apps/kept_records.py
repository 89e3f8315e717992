"""100,000 JSON-like records kept in session state; the script defines no class.

Nothing here was redefined since the last read, so reads of kept values must
cost what they cost on stock Streamlit.
"""

import time

import streamlit as st

from bench.apps import timings

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

fields = st.multiselect("Show fields", ["id", "name", "score"])
st.write(f"{len(records)} records, showing {len(fields)} fields")
