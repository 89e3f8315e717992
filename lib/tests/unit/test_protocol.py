"""``st_stub.protocol``, the one owner of what a release's browser sends, agrees
with the release's own serializers.

A widget's serializer writes the value the server sends to the browser, in
the field and the form (option indices or labels) the browser sends back.
For every option widget the release has, a pick built by the protocol (as
the stub and ``support.browser`` send it) must be that very message.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import streamlit as st
from st_stub import protocol
from streamlit.testing.v1 import AppTest
from support.apptest_api import session_state, widgets
from support.browser import labels, widget_state
from support.runner import browser_pick
from support.scripts import COLOR_APP, script

# What differs between releases: run on every release and interpreter.
pytestmark = pytest.mark.smoke

APP = script(COLOR_APP, "st.{call}")


@dataclass(frozen=True)
class Case:
    name: str
    call: str  # over Color, with key "w"
    accessor: str  # AppTest's (support.apptest_api.widgets)
    picked: int | tuple[int, ...]  # option positions

    def __str__(self) -> str:
        return self.name

    def exists(self) -> bool:
        return hasattr(st, self.call.split("(")[0])


_CASES = [
    Case("selectbox", 'selectbox("C", Color, key="w")', "selectbox", 1),
    Case("radio", 'radio("C", Color, key="w")', "radio", 2),
    Case("multiselect", 'multiselect("C", Color, key="w")', "multiselect", (2, 0)),
    Case("select_slider", 'select_slider("C", list(Color), key="w")',
         "select_slider", 1),
    Case(
        "select_slider_range",
        'select_slider("C", list(Color), value=(Color.RED, Color.BLUE), key="w")',
        "select_slider", (0, 1),
    ),
    Case("pills", 'pills("C", Color, key="w")', "pills", 1),
    Case(
        "pills_multi", 'pills("C", Color, selection_mode="multi", key="w")',
        "pills", (2, 1),
    ),
    Case("segmented_control", 'segmented_control("C", Color, key="w")',
         "segmented_control", 0),
    Case("menu_button", 'menu_button("C", Color, key="w")', "menu_button", 1),
]  # fmt: skip
CASES = [c for c in _CASES if c.exists()]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_a_pick_is_sent_as_the_releases_serializer_writes_it(case, coercing):
    at = AppTest.from_string(APP.format(call=case.call), default_timeout=10).run()
    assert not at.exception, at.exception
    node = widgets(at, case.accessor)[0]
    picked = case.picked if isinstance(case.picked, tuple) else (case.picked,)
    released = browser_pick(session_state(at), "w", case.picked)
    shown = labels(node)
    assert widget_state(node, [shown[i] for i in picked]) == released


def test_a_widget_the_release_lacks_has_no_label_picks():
    """The e2e and stub cases of a widget ask this before the release has it
    (st.pills before 1.40): no such field of Element, no labels sent."""
    assert protocol.sends_labels("no_such_widget") is False
