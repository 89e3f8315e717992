"""A task tracker keeping ``BENCH_RECORDS`` records (10,000 by default) of the
script's own classes, a dataclass with an Enum field and a list: stock makes
both classes anew every run; the patched wheel's class statements keep them."""

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


records = timings.kept("recs")
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
