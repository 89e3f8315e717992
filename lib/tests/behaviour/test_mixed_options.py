"""Options that mix members with other values, or hold several Enum classes."""

from __future__ import annotations

import pytest
from support.apps import app, default_not_in_options, no_exception, report
from support.scripts import KEEPER, RERUN_BUTTON, TWO_COLOR_APP, script

HEADER = script(
    TWO_COLOR_APP,
    """
    class Shape(Enum):
        CIRCLE = "c"
        SQUARE = "s"
    """,
    KEEPER,
    RERUN_BUTTON,
)


@pytest.mark.coercion
def test_member_among_none_and_strings_is_current(mode):
    at = app(
        HEADER
        + """
chosen = st.selectbox("Color", [None, "auto", Color.RED, Color.GREEN])
st.text(f"current={chosen is Color.GREEN}")
"""
    ).run()
    at.selectbox[0].set_value("Color.GREEN").run()
    at.button[0].click().run()
    assert report(at)["current"] == "True"


@pytest.mark.coercion
def test_members_of_two_classes_each_match_their_class(mode):
    at = app(
        HEADER
        + """
chosen = st.multiselect("Things", [*Color, "plain", *Shape])
st.text(f"current={chosen == [Color.GREEN, 'plain', Shape.SQUARE]}")
"""
    ).run()
    at.multiselect[0].set_value(["Color.GREEN", "plain", "Shape.SQUARE"]).run()
    at.button[0].click().run()
    assert report(at)["current"] == "True"


@pytest.mark.coercion
def test_default_from_a_previous_run_with_mixed_options(mode):
    at = app(
        HEADER
        + """
options = [None, "auto", *Color, *Shape]
default = store.get("last", ["auto", Shape.CIRCLE])
chosen = st.multiselect("Things", options, default=default)
store["last"] = chosen
st.text(f"current={chosen == ['auto', Shape.CIRCLE]}")
"""
    ).run()
    at.button[0].click().run()
    assert no_exception(at), at.exception
    assert report(at)["current"] == "True"


def test_a_member_not_among_the_options_is_never_mapped_onto_one(mode):
    """Only Color.RED is an option: a kept Color.GREEN stays an error, as stock."""
    at = app(
        HEADER
        + """
store.setdefault("last", [Color.GREEN])
st.multiselect("Colors", [Color.RED], default=store["last"])
"""
    ).run()
    at.button[0].click().run()
    assert at.exception[0].message == default_not_in_options("Color.GREEN")
