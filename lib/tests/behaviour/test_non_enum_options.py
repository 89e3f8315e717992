"""Non-Enum options: the browser's pick is the object from the current options."""

from __future__ import annotations

import pytest
from st_stub import protocol
from support import browser
from support.apps import app, report
from support.apptest_api import widgets

CLASSES = {
    "dataclass": """
from dataclasses import dataclass

@dataclass
class Point:
    x: int
    y: int

OPTIONS = [Point(0, 0), Point(1, 2), Point(3, 4)]
PICKED = Point(1, 2)
""",
    "namedtuple": """
from typing import NamedTuple

class Point(NamedTuple):
    x: int
    y: int

OPTIONS = [Point(0, 0), Point(1, 2), Point(3, 4)]
PICKED = Point(1, 2)
""",
    "plain_class": """
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __eq__(self, other):
        return type(other) is Point and (self.x, self.y) == (other.x, other.y)
    def __repr__(self):
        return f"Point({self.x}, {self.y})"

OPTIONS = [Point(0, 0), Point(1, 2), Point(3, 4)]
PICKED = Point(1, 2)
""",
}


# A select_slider that sends labels (1.54 on) takes a NamedTuple option (a
# tuple) for a range, on stock too: that pair has nothing to test there.
PAIRS = [
    pytest.param(widget, kind, id=f"{widget}-{kind}")
    for widget in ("selectbox", "radio", "select_slider")
    for kind in CLASSES
    if not (
        (widget, kind) == ("select_slider", "namedtuple")
        and protocol.sends_labels("slider")
    )
]


@pytest.mark.coercion
@pytest.mark.parametrize(("widget", "kind"), PAIRS)
def test_picked_object_is_of_the_current_class(kind, widget, mode):
    at = app(
        "import streamlit as st\n"
        + CLASSES[kind]
        + f"""
chosen = st.{widget}("Point", OPTIONS, format_func=lambda p: f"{{p.x}},{{p.y}}")
st.text(f"current={{type(chosen) is Point and chosen == PICKED}}")
st.button("rerun")
"""
    ).run()
    browser.send(at, widgets(at, widget)[0], ["1,2"])
    at.button[0].click()
    browser.send(at, widgets(at, widget)[0], ["1,2"])
    assert report(at)["current"] == "True"


@pytest.mark.coercion
@pytest.mark.parametrize("kind", CLASSES)
def test_multiselect_picks_are_of_the_current_class(kind, mode):
    at = app(
        "import streamlit as st\n"
        + CLASSES[kind]
        + """
chosen = st.multiselect("Points", OPTIONS, format_func=lambda p: f"{p.x},{p.y}")
st.text(f"current={all(type(p) is Point for p in chosen) and chosen == OPTIONS[1:]}")
st.button("rerun")
"""
    ).run()
    browser.send(at, at.multiselect[0], ["1,2", "3,4"])
    at.button[0].click()
    browser.send(at, at.multiselect[0], ["1,2", "3,4"])
    assert report(at)["current"] == "True"
