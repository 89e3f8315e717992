"""Reads of kept values (``session_values``): only the app's own reads walk them.

Every selectbox, radio, slider and text widget of 1.67.0 reads
``filtered_state`` (every key of session state) on every call; session
state's own bookkeeping (``in``, compaction, registration) reads values too.
None of them may bring values up to date: only the app's own reads do.
"""

from __future__ import annotations

import threading
from typing import Any
from unittest import mock

from streamlit.class_identity import session_values
from streamlit.testing.v1 import AppTest
from support.scripts import POINT_RECORD, TWO_COLOR_APP, script

APP = script(
    "from dataclasses import dataclass",
    TWO_COLOR_APP,
    POINT_RECORD,
    """
    if st.session_state.get("first", True):
        st.session_state.first = False
        for i in range(50):
            st.session_state[f"a{i}"] = [Color.RED, Point(i, i), {"c": Color.GREEN}]
    for i in range(20):
        st.selectbox(f"Color {i}", Color, key=f"w{i}")
        st.radio(f"Radio {i}", ["x", "y"], key=f"r{i}")
        st.text_input(f"Text {i}", key=f"t{i}")
    st.button("rerun")
    {reads}
    """,
)


class _Counting(session_values.CurrentClasses):
    """Counts the walks the app's runs make (AppTest reads widget values
    from the test's own thread, as a browser never does)."""

    walks = 0

    def update(self, value):
        if threading.current_thread() is not threading.main_thread():
            type(self).walks += 1
        return super().update(value)


def _walks(reads: str) -> int:
    return _walks_of(APP.replace("{reads}", reads), reruns=3)


def _walks_of(script: str, reruns: int) -> int:
    """The walks of the script's first run and ``reruns`` more (button clicks)."""
    # What the widgets import on first use is imported before counting: a
    # new module starts a new generation (it may be one re-imported).
    AppTest.from_string(script, default_timeout=30).run()
    _Counting.walks = 0
    with mock.patch.object(session_values, "CurrentClasses", _Counting):
        at = AppTest.from_string(script, default_timeout=30).run()
        for _ in range(reruns):
            at.button[0].click().run()
    assert not at.exception, at.exception
    return _Counting.walks


def test_widgets_and_bookkeeping_walk_no_stored_value():
    assert _walks(reads="") == 0


def test_the_apps_own_reads_walk_each_value_once_while_no_class_changes():
    """Three reads of each of five keys a run, over four runs: one walk each
    in all (the class statements keep their classes, so a value once found
    current stays current)."""
    reads = "for _ in range(3):\n    [st.session_state[f'a{i}'] for i in range(5)]"
    assert _walks(reads) == 5


READS = (
    "st.session_state.edits = st.session_state.get('edits', 0) + 1\n"
    "for _ in range(3):\n    [st.session_state[f'a{i}'] for i in range(5)]"
)
# The data class gains a field with a default, then loses it, every run.
EDITED_FIELDS = APP.replace(
    "    y: int\n",
    "    y: int\n    if st.session_state.get('edits', 0) % 2:\n        z: int = 0\n",
).replace("{reads}", READS)
# A member's value changes every run (nameOnly maps the members by name).
EDITED_VALUES = APP.replace(
    "    GREEN = 2\n", "    GREEN = 2 + st.session_state.get('edits', 0)\n"
).replace("{reads}", READS)


def test_an_edited_data_class_moves_its_instances_at_the_edit_not_on_reads():
    """A class statement whose fields change every run gives a new class
    every run; its instances are moved right there (or refused, with one
    warning), so no kept value needs another walk."""
    assert _walks_of(EDITED_FIELDS, reruns=3) == 5


def test_an_edited_enum_walks_each_value_once_a_run_it_changes():
    """Members are replaced where they are held: each value is walked once
    a run that gave a new class."""
    assert _walks_of(EDITED_VALUES, reruns=3) == 5 * 4


NO_CLASSES = """
import streamlit as st

if st.session_state.get("first", True):
    st.session_state.first = False
    st.session_state.records = [{"id": i, "tags": [str(i)]} for i in range(100)]
st.session_state.records
st.button("rerun")
"""


def test_an_app_that_defines_no_class_walks_each_value_once():
    """Nothing can have been redefined: after one look, reads are stock's."""
    assert _walks_of(NO_CLASSES, reruns=5) == 1


PUT_BACK = """
import streamlit as st

st.session_state.setdefault("kept", 1)
st.selectbox("Keyed", ["a", "b"], key="keyed")
st.selectbox("Unkeyed", ["a", "b"])
"""


def test_a_value_put_back_is_what_the_next_read_finds():
    """``_class_identity_put_back`` (the session-state patch) stores where
    ``SessionState.__getitem__`` looks first: a user key, a keyed widget's id
    or key, an unkeyed widget's id."""
    at = AppTest.from_string(PUT_BACK, default_timeout=30).run()
    state: Any = at.session_state  # wrapped (SafeSessionState) on every release
    while not hasattr(type(state), "_class_identity_put_back"):
        state = object.__getattribute__(state, "_state")
    ids = list(state._new_widget_state.widget_metadata)
    unkeyed = next(i for i in ids if i != state._get_widget_id("keyed"))
    for key in ("kept", "keyed", state._get_widget_id("keyed"), unkeyed):
        marker = object()
        state._class_identity_put_back(key, marker)
        assert state[key] is marker, key
