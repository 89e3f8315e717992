"""Load app: every session defines its own Color on every run, and reports.

The session's number comes from the query string (``?session=7``) and is in
the members' values, so a member that leaked from another session's class
shows up as a foreign owner. Enum members the app stores in session_state
itself are checked on the next run (``stored_current``).
"""

from enum import Enum

import streamlit as st

if hasattr(st, "query_params"):  # 1.30 on; experimental_get_query_params is gone
    sid = st.query_params.get("session", "?")
else:
    sid = st.experimental_get_query_params().get("session", ["?"])[0]


class Color(Enum):
    C0 = f"{sid}:0"
    C1 = f"{sid}:1"
    C2 = f"{sid}:2"
    C3 = f"{sid}:3"
    C4 = f"{sid}:4"
    C5 = f"{sid}:5"
    C6 = f"{sid}:6"
    C7 = f"{sid}:7"


last = st.session_state.get("last", [])
st.text(f"stored_current={all(m is Color[m.name] for m in last)}")
one = st.selectbox("One", Color)
many = st.multiselect("Many", Color)
picked = [one, *many]
st.session_state["last"] = picked
st.text(f"one={one.name}")
st.text(f"many={','.join(m.name for m in many)}")
st.text(f"owners={','.join(sorted({m.value.split(':')[0] for m in picked}))}")
st.text(f"current={all(m is Color[m.name] for m in picked)}")
