"""Enum members the app keeps in st.session_state read as current members.

Once the current run has defined the class again, reads give members of the
current class, also inside list, tuple, set, frozenset and dict values. The
class is looked up in this session's running script, never in the
process-global sys.modules["__main__"].
"""

from __future__ import annotations

import pytest
from support.apps import app, coercion, no_exception, report
from support.scripts import COLOR_APP, RERUN_BUTTON, script

HEADER = script(COLOR_APP, RERUN_BUTTON)

VALUES = {
    "member": "Color.RED",
    "list": "[Color.RED, Color.GREEN]",
    "tuple": "(Color.RED, 'other', 3)",
    "set": "{Color.RED, Color.BLUE}",
    "frozenset": "frozenset({Color.GREEN})",
    "dict": "{Color.RED: 'warm', 'best': Color.BLUE}",
    "nested": "{'rows': [(Color.RED, {Color.GREEN}), [Color.BLUE]]}",
}


def _kept_app(value: str) -> str:
    return (
        HEADER
        + f"""
if "kept" not in st.session_state:
    st.session_state.kept = {value}
st.text(f"current={{st.session_state.kept == {value}}}")
st.text(f"by_attribute={{st.session_state['kept'] == {value}}}")
"""
    )


@pytest.mark.coercion
@pytest.mark.parametrize("kind", VALUES)
@pytest.mark.smoke
def test_kept_value_reads_as_current_members(kind, mode):
    at = app(_kept_app(VALUES[kind])).run()
    for _ in range(3):
        at.button[0].click().run()
        assert no_exception(at), at.exception
        assert report(at) == {"current": "True", "by_attribute": "True"}


@pytest.mark.parametrize("kind", ["member", "list"])
def test_off_leaves_kept_members_stale_as_stock(kind, off):
    at = app(_kept_app(VALUES[kind])).run()
    at.button[0].click().run()
    assert report(at)["current"] == "False"


@pytest.mark.coercion
def test_read_before_the_class_statement_is_the_member_it_keeps(mode, classes):
    """The unchanged class statement gives the class the kept member is of:
    a read before it already holds the member the statement defines. Where
    the statement gives a new class (renewed), the read before it is left
    alone: there is no current class yet to read it as."""
    at = app(
        """
import streamlit as st
early = st.session_state.get("kept")
"""
        + HEADER
        + """
if early is None:
    st.session_state.kept = Color.RED
else:
    st.text(f"early_is_current={early is Color.RED}")
    st.text(f"early_is_red={early.name == 'RED'}")
"""
    ).run()
    at.button[0].click().run()
    current = str(classes == "kept")
    assert report(at) == {"early_is_current": current, "early_is_red": "True"}


def test_a_kept_list_read_then_mutated_keeps_the_mutation(mode):
    """Nothing lost: the list a read hands out is the one session state holds."""
    at = app(
        HEADER
        + """
if "kept" not in st.session_state:
    st.session_state.kept = [Color.RED]
else:
    st.session_state.kept.append(Color.GREEN)
st.text(f"names={','.join(c.name for c in st.session_state.kept)}")
"""
    ).run()
    for _ in range(2):
        at.button[0].click().run()
    assert report(at)["names"] == "RED,GREEN,GREEN"


@pytest.mark.coercion
def test_class_is_resolved_in_this_sessions_script_not_sys_modules_main(mode):
    """Another session's run replaces sys.modules["__main__"] with its own module
    (here done by hand, at the moment it would happen): our reads must still
    resolve Color in this session's script."""
    at = app(
        HEADER
        + """
import sys, types

other_session = types.ModuleType("__main__")
other_session.Color = Enum("Color", {"RED": 1, "GREEN": 2, "BLUE": 3})
sys.modules["__main__"] = other_session

if "kept" not in st.session_state:
    st.session_state.kept = [Color.RED]
got = st.session_state.kept[0]
st.text(f"mine={got is Color.RED}")
st.text(f"theirs={got is other_session.Color.RED}")
"""
    ).run()
    at.button[0].click().run()
    assert report(at) == {"mine": "True", "theirs": "False"}


@pytest.mark.coercion
def test_nested_class_and_intenum_members_are_current(mode):
    at = app(
        """
from enum import Enum, IntEnum
import streamlit as st

class Palette:
    class Color(Enum):
        RED = 1
        GREEN = 2

class Size(IntEnum):
    S = 1
    M = 2

st.button("rerun")
if "kept" not in st.session_state:
    st.session_state.kept = (Palette.Color.GREEN, Size.M)
color, size = st.session_state.kept
st.text(f"current={color is Palette.Color.GREEN and size is Size.M}")
"""
    ).run()
    at.button[0].click().run()
    assert report(at)["current"] == "True"


def test_class_defined_inside_a_function_is_left_alone(mode):
    """A qualname with <locals> cannot be looked up: the value stays as stored."""
    at = app(
        """
from enum import Enum
import streamlit as st

def make():
    class Color(Enum):
        RED = 1
    return Color

Color = make()
st.button("rerun")
if "kept" not in st.session_state:
    st.session_state.kept = Color.RED
st.text(f"name={st.session_state.kept.name}")
st.text(f"same_class={type(st.session_state.kept) is Color}")
"""
    ).run()
    at.button[0].click().run()
    assert no_exception(at)
    assert report(at) == {"name": "RED", "same_class": "False"}


def test_modes_are_set_per_test(mode):
    with coercion("off"):
        at = app(_kept_app(VALUES["member"])).run()
        at.button[0].click().run()
    assert report(at)["current"] == "False"
