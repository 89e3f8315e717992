"""``st.navigation`` pages resolve the classes they define in their own module.

A page file given to ``st.Page`` runs in a module of its own, inside the
entrypoint's run; members it keeps in session state, by itself or under a
widget's key, are made current against the page's classes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from support import browser
from support.apps import no_exception, report
from support.apptest_api import runs_navigation
from support.scripts import TWO_COLOR_APP, script

# AppTest runs no st.navigation page before 1.4x (its docs: "not yet
# compatible with multipage apps using st.navigation and st.Page").
pytestmark = pytest.mark.only_where(
    runs_navigation(), reason="AppTest runs the page st.navigation picks"
)

ENTRYPOINT = """
import streamlit as st

page = st.navigation([st.Page("colors.py", default=True), st.Page("other.py")])
page.run()
st.button("rerun")
"""

COLORS_PAGE = script(
    TWO_COLOR_APP,
    """
    if "kept" not in st.session_state:
        st.session_state.kept = {"best": Color.RED}
    st.text(f"kept_current={st.session_state.kept['best'] is Color.RED}")
    st.radio("Color", Color, key="choice")
    chosen = st.session_state.choice
    st.text(f"key_current={chosen is Color[chosen.name]}")
    """,
)


@pytest.mark.coercion
def test_a_navigation_page_keeps_members_of_its_own_classes(tmp_path: Path, mode):
    (tmp_path / "main.py").write_text(ENTRYPOINT)
    (tmp_path / "colors.py").write_text(COLORS_PAGE)
    (tmp_path / "other.py").write_text(
        "import streamlit as st\nst.text('page=other')\n"
    )
    at = AppTest.from_file(str(tmp_path / "main.py"), default_timeout=10).run()
    browser.send(at, at.radio[0], ["Color.GREEN"])
    for _ in range(3):
        at.button[0].click().run()
        assert no_exception(at), at.exception
        assert report(at) == {"kept_current": "True", "key_current": "True"}
