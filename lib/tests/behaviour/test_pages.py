"""A page of a multipage app resolves the classes it defines in its own module.

A ``pages/`` folder page runs in a module of its own (1.67.0 through
``Page.run``, 1.28.2 as the script of the run); a member the page keeps in
session state is made current against the page's class.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from support.apps import no_exception, report
from support.scripts import TWO_COLOR_APP, script

HOME = """
import streamlit as st

st.text("page=home")
"""

COLORS_PAGE = script(
    TWO_COLOR_APP,
    """
    if "kept" not in st.session_state:
        st.session_state.kept = [Color.RED]
    st.text(f"kept_current={st.session_state.kept == [Color.RED]}")
    st.button("rerun")
    """,
)


@pytest.mark.coercion
def test_a_pages_folder_page_keeps_members_of_its_own_classes(tmp_path: Path, mode):
    (tmp_path / "home.py").write_text(HOME)
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "1_colors.py").write_text(COLORS_PAGE)
    at = AppTest.from_file(str(tmp_path / "home.py"), default_timeout=10).run()
    at.switch_page("pages/1_colors.py").run()
    for _ in range(3):
        at.button[0].click().run()
        assert no_exception(at), at.exception
        assert report(at) == {"kept_current": "True"}
