"""The records app keeping nothing: the same widget and the same read, of an
empty list. Against stock, it measures what every rerun of such an app costs
(the hooks of one option widget and one session-state read), beside which
the 100,000 records of ``kept_records.py`` must cost nothing."""

import streamlit as st

from bench.apps import timings

records = timings.timed_read(lambda: st.session_state.get("records"))
if records is None:
    records = st.session_state.records = []
timings.scanned(records)

fields = st.multiselect("Show fields", ["id", "name", "score"])
st.write(f"{len(records)} records, showing {len(fields)} fields")
