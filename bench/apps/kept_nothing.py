"""The records app keeping nothing: the same widget and read, of an empty list
(what any rerun of such an app costs, beside which 100,000 records cost nothing)."""

import streamlit as st

from bench.apps import timings

records = timings.timed_read(lambda: st.session_state.get("records"))
if records is None:
    records = st.session_state.records = []
timings.scanned(records)

fields = st.multiselect("Show fields", ["id", "name", "score"])
st.write(f"{len(records)} records, showing {len(fields)} fields")
