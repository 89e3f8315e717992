"""What the kept-values apps time in their own runs (``bench.worker`` reads it):
the run's first read of the kept value and, asked (``--floor``), the physical
floor, a C-level ``type()`` scan of the same list."""

import time
from typing import Any

import streamlit as st

first_read: list[float] = []
floor: list[float] = []
measure_floor = False  # not in whole reruns: it scans 100,000 objects


def kept(key: str) -> Any:
    """``st.session_state.get(key)``, the run's first read, timed; and the floor."""
    start = time.perf_counter()
    value = st.session_state.get(key)
    first_read.append(time.perf_counter() - start)
    if measure_floor and value is not None:
        start = time.perf_counter()
        set(map(type, value))
        floor.append(time.perf_counter() - start)
    return value


def records(count: int = 100_000) -> list[dict[str, Any]]:
    """``count`` JSON-like records."""
    return [
        {"id": i, "name": f"item {i}", "score": i / 7, "ok": i % 2 == 0, "tag": None}
        for i in range(count)
    ]
