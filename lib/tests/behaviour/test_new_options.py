"""Options the user types in (``accept_new_options``) stay what they are.

Members the user picked come back as members of the current class; strings
the user typed stay strings. Stock 1.67.0 coerces a multiselect only when
every value is a member, so a mixed selection keeps stale members.
"""

from __future__ import annotations

import pytest
from support import browser
from support.apps import app, no_exception, report
from support.scripts import COLOR_APP

APP = (
    COLOR_APP
    + """
chosen = st.{widget}("Colors", Color, accept_new_options=True)
got = chosen if isinstance(chosen, list) else [chosen]
st.text(f"members={{[m is Color[m.name] for m in got if isinstance(m, Color)]}}")
st.text(f"typed={{[t for t in got if type(t) is str]}}")
st.button("rerun")
"""
)


@pytest.mark.coercion
def test_multiselect_members_are_current_and_typed_strings_stay_strings(mode):
    at = app(APP.format(widget="multiselect")).run()
    browser.send(at, at.multiselect[0], ["Color.GREEN", "purple", "Color.BLUE"])
    at.button[0].click()
    browser.send(at, at.multiselect[0], ["Color.GREEN", "purple", "Color.BLUE"])
    assert no_exception(at), at.exception
    assert report(at) == {"members": "[True, True]", "typed": "['purple']"}


@pytest.mark.parametrize("label", ["purple", "Color.GREEN"])
def test_selectbox_typed_string_stays_a_string(label, mode):
    """A typed string that happens to look like a label is still the option
    it names; any other typed string stays a string (as on stock)."""
    at = app(APP.format(widget="selectbox")).run()
    browser.send(at, at.selectbox[0], [label])
    at.button[0].click()
    browser.send(at, at.selectbox[0], [label])
    assert no_exception(at), at.exception
    expected_typed = "['purple']" if label == "purple" else "[]"
    assert report(at)["typed"] == expected_typed
