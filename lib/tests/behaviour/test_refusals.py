"""A refused coercion leaves the value as stock would, and warns once.

One WARNING per session and class, naming the class and what differs; a
successful coercion logs nothing above DEBUG.
"""

from __future__ import annotations

import pytest
from support import browser
from support.apps import app, no_exception, report
from support.release import SELECTBOX_RESETS_STALE_MEMBERS

# The class gains a member after the first run.
GROWING = """
from enum import Enum
import streamlit as st

runs = st.session_state.setdefault("runs", 0)
st.session_state.runs += 1
if runs == 0:
    class Color(Enum):
        RED = 1
        GREEN = 2
else:
    class Color(Enum):
        RED = 1
        GREEN = 2
        BLUE = 3

st.button("rerun")
if "kept" not in st.session_state:
    st.session_state.kept = Color.RED
st.text(f"current={st.session_state.kept is Color.RED}")
st.text(f"name={st.session_state.kept.name}")
"""

# The values change after the first run; the labels (names) stay the same.
REVALUED = """
from enum import Enum
import streamlit as st

runs = st.session_state.setdefault("runs", 0)
st.session_state.runs += 1
if runs == 0:
    class Color(Enum):
        RED = 1
        GREEN = 2
else:
    class Color(Enum):
        RED = 10
        GREEN = 20

chosen = st.selectbox("Color", Color, format_func=lambda c: c.name)
st.text(f"current={chosen is Color.GREEN}")
st.text(f"name={chosen.name}")
st.button("rerun")
"""

# A refused pick of GREEN, left as stock leaves it: the earlier run's member
# (stock 1.53's selectbox replaces it by the current default, RED).
LEFT_AS_STOCK = (
    {"current": "False", "name": "RED"}
    if SELECTBOX_RESETS_STALE_MEMBERS
    else {"current": "False", "name": "GREEN"}
)


@pytest.mark.coercion
@pytest.mark.parametrize("setting", ["nameOnly", "nameAndValue"])
@pytest.mark.smoke
def test_member_names_differ_refused_with_one_warning(setting, logged):
    from support.apps import coercion

    with coercion(setting):
        at = app(GROWING).run()
        for _ in range(3):
            at.button[0].click().run()
    assert no_exception(at)
    assert report(at) == {"current": "False", "name": "RED"}
    warnings = logged.above_debug()
    assert len(warnings) == 1, warnings
    assert "Color" in warnings[0]
    assert "extra member names [BLUE]" in warnings[0]


@pytest.mark.coercion
def test_changed_values_refused_under_name_and_value_with_one_warning(logged):
    """The run that changed the values keeps the stale member (as stock); later
    runs, whose classes agree with each other again, are coerced."""
    from support.apps import coercion

    with coercion("nameAndValue"):
        at = app(REVALUED).run()
        browser.send(at, at.selectbox[0], ["GREEN"])
        assert no_exception(at)
        assert report(at) == LEFT_AS_STOCK
        for _ in range(3):
            at.button[0].click()
            browser.send(at, at.selectbox[0], ["GREEN"])
        assert report(at) == {"current": "True", "name": "GREEN"}
    warnings = logged.above_debug()
    assert len(warnings) == 1, warnings
    assert "changed values [RED (1 -> 10), GREEN (2 -> 20)]" in warnings[0]


# The values change on every run (a time stamp, a counter), the names never.
EVERY_RUN = """
from enum import Enum
import streamlit as st

runs = st.session_state.setdefault("runs", 0)
st.session_state.runs += 1

class Stamp(Enum):
    FIRST = runs * 10
    SECOND = runs * 10 + 1

st.session_state.setdefault("kept", Stamp.FIRST)
chosen = st.selectbox("Stamp", Stamp, format_func=lambda s: s.name)
st.text(f"kept={st.session_state.kept.name}")
st.text(f"chosen={chosen.name}")
st.button("rerun")
"""


@pytest.mark.coercion
def test_values_that_change_every_run_are_refused_with_one_warning(logged):
    """A new class every run, each refused under nameAndValue: one WARNING
    for the session and class, not one a run."""
    from support.apps import coercion

    with coercion("nameAndValue"):
        at = app(EVERY_RUN).run()
        for _ in range(4):
            at.button[0].click()
            browser.send(at, at.selectbox[0], ["SECOND"])
            assert no_exception(at), at.exception
    assert report(at)["kept"] == "FIRST"
    warnings = logged.above_debug()
    assert len(warnings) == 1, warnings
    assert "Stamp" in warnings[0] and "changed values" in warnings[0]


@pytest.mark.coercion(stock_since="1.29.0")
def test_changed_values_accepted_under_name_only_silently(logged):
    from support.apps import coercion

    with coercion("nameOnly"):
        at = app(REVALUED).run()
        browser.send(at, at.selectbox[0], ["GREEN"])
        assert report(at) == {"current": "True", "name": "GREEN"}
        for _ in range(3):
            at.button[0].click()
            browser.send(at, at.selectbox[0], ["GREEN"])
    assert report(at) == {"current": "True", "name": "GREEN"}
    assert logged.above_debug() == []


@pytest.mark.coercion
def test_successful_coercion_logs_nothing_above_debug(mode, logged):
    at = app(GROWING.replace("BLUE = 3", "")).run()
    for _ in range(2):
        at.button[0].click().run()
    assert report(at)["current"] == "True"
    assert logged.above_debug() == []


# Two members swap their values after the first run: the set of values is
# the same, the value of each name is not.
SWAPPED = REVALUED.replace("RED = 10", "RED = 2").replace("GREEN = 20", "GREEN = 1")


@pytest.mark.coercion
def test_swapped_values_refused_under_name_and_value(logged):
    """Upstream 1.67.0 compares value *sets* and coerces; each name's value
    changed, so nameAndValue refuses and says which."""
    from support.apps import coercion

    with coercion("nameAndValue"):
        at = app(SWAPPED).run()
        browser.send(at, at.selectbox[0], ["GREEN"])
    assert no_exception(at)
    assert report(at) == LEFT_AS_STOCK
    warnings = logged.above_debug()
    assert len(warnings) == 1, warnings
    assert "changed values [RED (1 -> 2), GREEN (2 -> 1)]" in warnings[0]
