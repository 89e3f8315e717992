"""100,000 JSON-like records kept in session state; the script defines no class,
so reading them must cost what it costs on stock Streamlit."""

import streamlit as st

from bench.apps import timings

records = timings.timed_read(lambda: st.session_state.get("records"))
if records is None:
    records = st.session_state.records = timings.records()
timings.scanned(records)

fields = st.multiselect("Show fields", ["id", "name", "score"])
st.write(f"{len(records)} records, showing {len(fields)} fields")
