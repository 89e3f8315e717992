"""Coercion keeps no redefined class alive: 10,000 reruns, bounded versions.

The app redefines its Enum (large enough for its pairs of versions to be
cached) on every run, shows it in a selectbox and a
multiselect the browser has picked from, and keeps members in session state;
it also redefines a dataclass, a NamedTuple and a plain class, and keeps
instances of each in session state (moved to the current class on read).
Run through the script runner directly (not AppTest's polling), it must hold
the number of live versions of the class, and the coercion caches, to a small
constant however many reruns there are.
"""

from __future__ import annotations

import gc
from pathlib import Path

from streamlit.class_identity import correspondence
from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.runtime.state import SessionState
from streamlit.testing.v1.util import patch_config_options
from support.runner import browser_pick, run_many

APP = """
from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple
import streamlit as st

# Enough members that coercion caches the verdict for each pair of versions.
Palette = Enum(
    "Palette", ["RED", "GREEN", "BLUE"] + [f"SHADE_{i}" for i in range(100)]
)

@dataclass(frozen=True)
class Point:
    __slots__ = ("x", "y")  # slotted on every Python (slots=True is 3.10+)
    x: int
    y: int

class Pair(NamedTuple):
    left: Point
    right: Point

class Note:
    def __init__(self, text):
        self.text = text

one = st.selectbox("Colour", Palette, key="one")
many = st.multiselect("Colours", Palette, key="many")
if "kept" not in st.session_state:
    st.session_state.kept = [Palette.RED, {"c": Palette.GREEN}]
    st.session_state.shapes = {
        "pair": Pair(Point(0, 0), Point(1, 2)),
        "note": Note("x"),
    }
kept = st.session_state.kept
shapes = st.session_state.shapes
ok = (
    one is Palette.GREEN
    and many == [Palette.RED, Palette.BLUE]
    and kept[0] is Palette.RED
    and shapes["pair"] == Pair(Point(0, 0), Point(1, 2))
    and isinstance(shapes["note"], Note)
)
st.session_state.all_current = st.session_state.get("all_current", True) and (
    ok or st.session_state.get("first_run", True)
)
st.session_state.first_run = False
"""

RERUNS = 10_000
CHECKPOINTS = 10
# Current run's class, the previous run's (still in the last widget metadata
# and in the module the next callbacks resolve against), and one in flight.
MAX_LIVE_VERSIONS = 3


def _browser(i: int, state: SessionState) -> WidgetStates | None:
    """GREEN picked in the selectbox, RED and BLUE in the multiselect."""
    if i == 0:
        return None
    one = browser_pick(state, "one", 1)
    many = browser_pick(state, "many", [0, 2])
    return WidgetStates(widgets=[one, many])


CLASSES = ("Palette", "Point", "Pair", "Note")


def _classes_named() -> list[type]:
    """The live classes of module ``__main__`` named as one of the app's."""
    gc.collect()
    return [
        o
        for o in gc.get_objects()
        if isinstance(o, type)
        and o.__module__ == "__main__"
        and o.__qualname__ in CLASSES
    ]


def _live_versions(other: list[type]) -> dict[str, int]:
    """How many versions of each of the app's classes are alive, but for the
    classes of that name that ``other`` holds (what earlier tests left)."""
    live = dict.fromkeys(CLASSES, 0)
    for cls in _classes_named():
        if not any(cls is o for o in other):
            live[cls.__qualname__] += 1
    return live


def test_ten_thousand_reruns_keep_class_versions_and_caches_bounded(tmp_path: Path):
    app = tmp_path / "app.py"
    app.write_text(APP)
    live: list[dict[str, int]] = []
    pairs: list[int] = []
    # Classes and pairs other tests left (classes hypothesis or a library's
    # cache still holds, under the app's names) are not this run's.
    other = _classes_named()
    before = correspondence.cached_pairs()

    def measure(i: int, state: SessionState) -> None:
        if (i + 1) % (RERUNS // CHECKPOINTS) == 0:
            live.append(_live_versions(other))
            pairs.append(correspondence.cached_pairs() - before)

    # Without the runner's gc.collect() after every run; measure() collects.
    with patch_config_options(
        {
            "runner.postScriptGC": False,
            "runner.enumCoercion": "nameOnly",
            "runner.instanceCoercion": "allClasses",
        }
    ):
        # A hang guard, not a speed check: 10,000 runs take about 100 s on
        # a loaded 2-core machine.
        state = run_many(str(app), RERUNS, _browser, after_run=measure, timeout=900)
    print(f"live versions at checkpoints: {live}; cached class pairs: {pairs}")
    assert state["all_current"] is True
    assert len(live) == CHECKPOINTS
    for name in CLASSES:
        most = max(checkpoint[name] for checkpoint in live)
        assert 1 <= most <= MAX_LIVE_VERSIONS, (name, live)
    assert 1 <= max(pairs) <= MAX_LIVE_VERSIONS, pairs  # the cache is used, bounded
