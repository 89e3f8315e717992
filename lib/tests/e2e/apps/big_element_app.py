"""A markdown element large enough to be cached, and a run counter.

A ForwardMsg of 10 kB or more (global.minCachedMessageSize) is cacheable:
on later runs the server may send only its hash, and the client must show
the message it kept.
"""

import streamlit as st

n = st.session_state.get("runs", 0) + 1
st.session_state["runs"] = n
st.markdown("big " + "x" * 20_000)
st.text(f"runs={n}")
