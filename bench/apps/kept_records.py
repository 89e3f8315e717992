"""``BENCH_RECORDS`` JSON-like records (100,000 by default; 0: the same app
keeping nothing) kept in session state; the script defines no class, so reading
them must cost what it costs on stock Streamlit."""

import os

import streamlit as st

from bench.apps import timings

records = timings.kept("records")
if records is None:
    count = int(os.environ.get("BENCH_RECORDS", "100000"))
    records = st.session_state.records = timings.records(count)

fields = st.multiselect("Show fields", ["id", "name", "score"])
st.write(f"{len(records)} records, showing {len(fields)} fields")
