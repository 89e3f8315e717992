"""What the installed release's AppTest offers, asked in one place.

AppTest grows with the releases; a test that drives a widget or a fragment
the release has goes through here instead of naming an AppTest API that
some releases lack:

- ``widgets(at, "pills")``: ``at.pills`` and ``at.segmented_control`` exist
  from 1.57; before (st.pills is 1.40 on) both are ``button_group`` nodes,
  told apart by their style, as 1.57's own accessors do.
- ``session_state(at)``: the ``SessionState`` AppTest runs the app with.
- ``keeping_fragments(at)``: AppTest keeps one fragment storage across its
  runs from 1.64 (``at._fragment_storage``), as a live session does; before,
  each run's ``LocalScriptRunner`` made its own, so a fragment registered in
  one run could not be rerun in the next.
- ``forget_navigation()``: an app that called ``st.navigation`` leaves the
  pages manager of the process set for navigation (1.36-1.44 its default
  strategy, 1.45-1.56 ``uses_pages_directory``), so that a later app's
  ``pages/`` folder is not found; AppTest resets it itself from 1.57.
- ``runs_navigation()``: whether AppTest runs the page ``st.navigation``
  picks; before, its docs say "not yet compatible with multipage apps
  using st.navigation and st.Page", and it ran none. Asked of AppTest itself,
  with a two-page app.
"""

from __future__ import annotations

import functools
import importlib.util
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

from streamlit.runtime.state import SessionState
from streamlit.testing.v1 import AppTest, local_script_runner

# The accessors AppTest gained after the widgets, by the style that tells
# their button_group nodes apart.
_BUTTON_GROUP_STYLES = {"pills": "PILLS", "segmented_control": "SEGMENTED_CONTROL"}


def widgets(at: AppTest, name: str) -> Any:
    """``at.<name>``: the widgets of one kind, also where AppTest has no
    accessor for the kind yet (st.pills and st.segmented_control before 1.57)."""
    if hasattr(at, name) or name not in _BUTTON_GROUP_STYLES:
        return getattr(at, name)
    from streamlit.proto.ButtonGroup_pb2 import ButtonGroup
    from streamlit.testing.v1.element_tree import WidgetList

    style = ButtonGroup.Style.Value(_BUTTON_GROUP_STYLES[name])
    return WidgetList([b for b in at.button_group if b.proto.style == style])


def session_state(at: AppTest) -> SessionState:
    """The session state AppTest runs the app with."""
    safe = getattr(at, "_session_state", None) or at.session_state  # 1.67: a view
    state: SessionState = safe._state
    return state


def keeping_fragments(at: AppTest) -> AppTest:
    """``at``, its runs sharing one fragment storage (``at._fragment_storage``),
    as every run of a live session does."""
    if hasattr(at, "_fragment_storage"):
        return at  # AppTest keeps one itself (1.64 on)
    storage = local_script_runner.MemoryFragmentStorage()
    run = at._run

    def run_keeping(*args: Any, **kwargs: Any) -> Any:
        with mock.patch.object(
            local_script_runner, "MemoryFragmentStorage", lambda: storage
        ):
            return run(*args, **kwargs)

    at._run = run_keeping  # type: ignore[method-assign]
    at._fragment_storage = storage  # type: ignore[attr-defined]
    return at


@functools.lru_cache(maxsize=None)
def runs_navigation() -> bool:
    """Whether AppTest runs the page ``st.navigation`` picks."""
    import streamlit as st

    if not hasattr(st, "navigation"):
        return False
    with tempfile.TemporaryDirectory() as folder:
        main, page = Path(folder, "main.py"), Path(folder, "page.py")
        main.write_text(
            "import streamlit as st\n"
            "st.navigation([st.Page('page.py', default=True)]).run()\n"
        )
        page.write_text("import streamlit as st\nst.text('on the page')\n")
        at = AppTest.from_file(str(main), default_timeout=10).run()
        assert not at.exception, at.exception
        return [t.value for t in at.text] == ["on the page"]


def forget_navigation() -> None:
    """Reset what an earlier app's st.navigation left in the process's pages
    manager, as AppTest does before each app from 1.57."""
    if importlib.util.find_spec("streamlit.runtime.pages_manager") is None:
        return  # before 1.36: no st.navigation
    from streamlit.runtime import pages_manager

    manager = pages_manager.PagesManager
    if hasattr(manager, "uses_pages_directory"):  # 1.45 on
        manager.uses_pages_directory = None
    else:  # 1.36-1.44: navigation switched the default strategy
        manager.DefaultStrategy = pages_manager.PagesStrategyV1
