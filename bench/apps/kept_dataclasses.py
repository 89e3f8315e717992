"""A task tracker keeping records of the script's own classes in session state:
a dataclass with an Enum field and a list, a multiselect and a 20-row table,
as users write one (``BENCH_RECORDS`` records, 10,000 by default).

On stock Streamlit every rerun makes both classes anew; the patched wheel's
class statements keep them, so the kept records are current untouched.
"""

import os
from dataclasses import dataclass, field
from enum import Enum

import streamlit as st

from bench.apps import timings


class Status(Enum):
    TODO = "todo"
    DOING = "doing"
    DONE = "done"


@dataclass
class Rec:
    id: int
    title: str
    status: Status
    tags: list = field(default_factory=list)


records = timings.timed_read(lambda: st.session_state.get("recs"))
if records is None:
    count = int(os.environ.get("BENCH_RECORDS", "10000"))
    records = st.session_state.recs = [
        Rec(i, f"task {i}", Status.TODO, ["home"]) for i in range(count)
    ]

shown = {status.name for status in st.multiselect("Status", list(Status))}
# By name, so that stock shows the same 20 rows (its records are of the first
# run's class): both sides do the same work.
rows = [r for r in records[:1000] if r.status.name in shown][:20]
st.table([{"id": r.id, "title": r.title} for r in rows])
