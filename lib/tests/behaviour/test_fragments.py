"""Fragment reruns: values read inside them belong to the last full run's classes.

A fragment rerun runs the fragment function again, not the script: the
classes its code sees are those of the last full run. A member kept in
session state from an earlier run, read inside the fragment rerun, must be
that run's member too.
"""

from __future__ import annotations

import pytest
from support import browser
from support.apps import app, no_exception, report
from support.apptest_api import keeping_fragments
from support.fragments import fragment_rerun
from support.release import release_at_least
from support.scripts import COLOR_APP, KEEPER

APP = (
    COLOR_APP
    + KEEPER
    + """
store["body"] = store.get("body", 0) + 1
if store["body"] == 1:  # set once, never touched by the script body again
    st.session_state.kept = Color.RED

@st.fragment
def panel():
    store["fragment"] = store.get("fragment", 0) + 1
    # Read `kept` only in a fragment rerun, where nothing has read it since
    # the first run: a full run's read would make it current on its own.
    rerun_of_the_fragment_only = store.get("fragment_at") == store["body"]
    store["fragment_at"] = store["body"]
    choice = st.selectbox("Color", Color, key="choice")
    st.text(f"choice_current={choice is Color[choice.name]}")
    st.text(f"key_current={st.session_state.choice is choice}")
    if rerun_of_the_fragment_only:
        st.text(f"kept_current={st.session_state.kept is Color.RED}")
    st.text(f"fragment_runs={store['fragment']}")
    st.text(f"full_runs={store['body']}")

panel()
st.button("rerun")
"""
)


@pytest.mark.coercion
@pytest.mark.only_where(
    release_at_least("1.38.0"),
    reason="a fragment rerun runs the last full run's fragment code from 1.38 "
    "(1.37 keeps the function, and so the classes, of the run that first "
    "registered the fragment)",
)
def test_values_read_in_a_fragment_rerun_are_of_the_last_full_runs_classes(mode):
    """The second full run defines Color anew; the fragment rerun after it
    reads the member kept from the first run (not read since) and the
    widget's value, and compares them with that run's Color."""
    at = keeping_fragments(app(APP)).run()
    browser.send(at, at.selectbox[0], ["Color.GREEN"])
    fragment_rerun(at)
    assert no_exception(at), at.exception
    assert report(at) == {
        "choice_current": "True",
        "key_current": "True",
        "kept_current": "True",
        "fragment_runs": "3",
        "full_runs": "2",  # the fragment rerun did not run the script
    }
