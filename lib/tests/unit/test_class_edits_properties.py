"""Property tests of class edits between runs of a session.

Hypothesis edits the app's classes at random from run to run (a data class's
fields added, removed, with or without defaults; an Enum's members added,
removed, their values changed) while the session keeps objects of them under
two keys, inside containers and a tuple. After every run: nothing raised; an
unchanged class statement gave the very class of the run before; every kept
object is either of the current class, with every field that class has and
what it held before, or exactly as it was; one object stays one object
wherever it is held.
"""

from __future__ import annotations

from dataclasses import MISSING
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st
from streamlit.runtime.state import SessionState
from streamlit.testing.v1.util import patch_config_options
from support.runner import run_many

# What Python does with the edits differs between interpreters.
pytestmark = pytest.mark.smoke

APP = """
import streamlit as st
from dataclasses import dataclass
from enum import Enum

spec = st.session_state.spec

@dataclass
class Point:
    x: int
    if "z" in spec:
        z: int
    if "y" in spec:
        y: int = 7

class Color(Enum):
    RED = 10 if "revalue" in spec else 1
    if "GREEN" in spec:
        GREEN = 2

if "kept" not in st.session_state:
    p = Point(1, 5) if "z" in spec else Point(1)
    st.session_state.kept = [p, {"again": p}, (Color.RED, p)]
    st.session_state.alias = st.session_state.kept
st.session_state.classes = (Point, Color)
st.session_state.read = st.session_state.kept
"""

SPECS = st.lists(
    st.frozensets(st.sampled_from(["y", "z", "GREEN", "revalue"])),
    min_size=2,
    max_size=5,
)


@settings(max_examples=150)
@given(SPECS, st.sampled_from(["nameOnly", "nameAndValue"]))
def test_edits_between_runs_leave_nothing_half_made(tmp_path_factory, specs, mode):
    path = Path(tmp_path_factory.mktemp("edits")) / "app.py"
    path.write_text(APP)
    note(f"specs={[sorted(s) for s in specs]}")
    seen: list[tuple[Any, Any]] = []
    first: dict[str, Any] = {}
    member: list[Any] = []

    def states(i: int, state: SessionState) -> None:
        state["spec"] = specs[i]

    def after_run(i: int, state: SessionState) -> None:
        point, color = state["classes"]
        kept = state["read"]
        if i == 0:
            first.update(vars(kept[0]))
            member.append(kept[2][0])
        if i > 0 and specs[i] == specs[i - 1]:
            assert (point, color) == seen[-1], "an unchanged class was not kept"
        seen.append((point, color))
        _check_point(kept, point, first)
        _check_member(kept[2][0], color, member[0], mode)
        assert state["alias"] is kept  # one list under two keys

    with patch_config_options({"runner.enumCoercion": mode}):
        run_many(
            str(path),
            len(specs),
            states=states,  # type: ignore[arg-type]
            after_run=after_run,
            state=_state(specs[0]),
        )


def _state(spec: frozenset[str]) -> SessionState:
    state = SessionState()
    state["spec"] = spec
    return state


def _check_point(kept: list[Any], point: type, first: dict[str, Any]) -> None:
    """The kept point is one object wherever it is held, never lost a field's
    value, and is of the current class, complete, exactly when that class
    can hold what it holds (its old fields, and defaults for the rest)."""
    obj = kept[0]
    assert kept[1]["again"] is obj and kept[2][1] is obj  # one object everywhere
    held = dict(vars(obj))
    assert held["x"] == 1 and all(held[k] == v for k, v in first.items() if k in held)
    fields = point.__dataclass_fields__
    if type(obj) is point:
        assert all(hasattr(obj, name) for name in fields), "half-made"
    else:
        defaults = {n for n, f in fields.items() if f.default is not MISSING}
        can_hold = set(held) <= set(fields) and set(fields) - set(held) <= defaults
        assert not can_hold, f"{held} left on a class that holds {set(fields)}"


def _check_member(member: Any, color: type, original: Any, mode: str) -> None:
    """The kept member keeps its name; it is the current class's member
    exactly when the mode lets that class stand for its own."""
    assert member.name == original.name
    theirs, ours = type(member).__members__, color.__members__
    same = set(theirs) == set(ours) and (
        mode == "nameOnly" or all(theirs[n].value == ours[n].value for n in ours)
    )
    assert (member is color[member.name]) == same
