"""AppTest, the way users write tests: set a widget by the option it means.

A test may name the option by the app's member, by a member of the test's
own copy of the Enum, by an instance equal in its fields to an option, or by
the label (what AppTest always took), also when the widget has a
``format_func`` that only knows the app's own objects
(streamlit/streamlit#8095). And a run returns its result once the script
thread is done with it, however slow the thread's end of run is.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from typing import Iterator

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from support.apps import no_exception, report
from support.apptest_api import widgets
from support.scripts import COLOR_APP, script


@contextmanager
def apptest_takes_it() -> Iterator[None]:
    """Stock AppTest raises (ValueError, or TypeError for a label None) where
    it cannot find the option, or an AttributeError naming `_widget_state`,
    which its element tree makes of any error there: for this suite, that is
    the case failing."""
    try:
        yield
    except (ValueError, TypeError, KeyError, AttributeError) as e:
        raise AssertionError(f"AppTest refused the value: {e!r}") from e


def _issue_8095_app() -> None:
    """streamlit/streamlit#8095, as reported (plus a line reporting the value)."""
    from enum import Enum

    import streamlit as st

    class Layout(Enum):
        Merge_all_Groups = 0
        Keep_each_Group_separated = 1

    LAYOUT_DICT = {
        Layout.Merge_all_Groups: "Merge all Groups together",
        Layout.Keep_each_Group_separated: "Keep each Group separated",
    }

    def format_layout(layout: int) -> str:
        return LAYOUT_DICT[Layout(layout)]

    st.button("test")  # Without this button the error is gone

    layout_choices = [Layout.Merge_all_Groups, Layout.Keep_each_Group_separated]
    layout: Layout = st.radio("Layout", layout_choices, format_func=format_layout)
    st.text(f"layout={layout.name}")


class Layout(Enum):
    """The test's own copy of the app's class."""

    Merge_all_Groups = 0
    Keep_each_Group_separated = 1


# AppTest formats the widget's value with the app's format_func from 1.33
# (with str before), and the value of a rerun is the current run's member.
@pytest.mark.coercion(stock_since="1.33.0")
def test_issue_8095_a_rerun_from_a_button(mode):
    at = AppTest.from_function(_issue_8095_app).run()
    with apptest_takes_it():
        at.button[0].click().run()
    assert no_exception(at), at.exception
    assert report(at) == {"layout": "Merge_all_Groups"}


@pytest.mark.coercion
@pytest.mark.parametrize(
    "pick",
    [
        "test_member",
        "app_member",
        "label",
    ],
)
def test_issue_8095_set_by_option_then_rerun(pick, mode):
    at = AppTest.from_function(_issue_8095_app).run()
    value = {
        "test_member": Layout.Keep_each_Group_separated,
        "app_member": type(at.radio[0].value).Keep_each_Group_separated,
        "label": "Keep each Group separated",
    }[pick]
    with apptest_takes_it():
        at.radio[0].set_value(value).run()
        at.button[0].click().run()
    assert no_exception(at), at.exception
    assert report(at) == {"layout": "Keep_each_Group_separated"}


COLORS = script(
    COLOR_APP,
    """
    NAMES = {{Color.RED: "Red", Color.GREEN: "Green", Color.BLUE: "Blue"}}
    value = st.{call}
    got = value if isinstance(value, (list, tuple)) else [value]
    st.text(f"picked={{[m.name for m in got]}}")
    st.text(f"current={{all(type(m) is Color for m in got)}}")
    st.button("rerun")
    """,
)


class Color(Enum):
    """The test's own copy of the app's Color."""

    RED = 1
    GREEN = 2
    BLUE = 3


# widget -> (call, accessor, value set, names picked)
WIDGETS = {
    "selectbox": ('selectbox("Color", Color, format_func=NAMES.get)', "selectbox",
                  Color.GREEN, ["GREEN"]),
    "radio": ('radio("Color", Color, format_func=NAMES.get)', "radio",
              Color.GREEN, ["GREEN"]),
    "multiselect": ('multiselect("Colors", Color, format_func=NAMES.get)',
                    "multiselect", [Color.GREEN, Color.BLUE], ["GREEN", "BLUE"]),
    "select_slider": ('select_slider("Color", list(Color), format_func=NAMES.get)',
                      "select_slider", Color.GREEN, ["GREEN"]),
    "select_slider_range": (
        'select_slider("Colors", list(Color), value=(Color.RED, Color.BLUE), '
        "format_func=NAMES.get)",
        "select_slider", (Color.GREEN, Color.BLUE), ["GREEN", "BLUE"]),
}  # fmt: skip
if hasattr(st, "pills"):
    WIDGETS.update(
        {
            "pills": ('pills("Color", Color, format_func=NAMES.get)', "pills",
                      Color.GREEN, ["GREEN"]),
            "segmented_control_multi": (
                'segmented_control("Colors", Color, selection_mode="multi", '
                "format_func=NAMES.get)",
                "segmented_control", [Color.GREEN, Color.BLUE], ["GREEN", "BLUE"]),
        }
    )  # fmt: skip


# The option widgets every release has, in the smoke part: each release's
# element tree sets an option widget's value its own way (1.56-1.62 in each
# widget's set_value, 1.63 on in Widget.set_value).
SMOKE_WIDGETS = ("selectbox", "radio", "multiselect", "select_slider")


@pytest.mark.coercion
@pytest.mark.parametrize(
    "widget",
    [pytest.param(w, marks=[pytest.mark.smoke] if w in SMOKE_WIDGETS else [])
     for w in WIDGETS],
)  # fmt: skip
def test_set_by_the_tests_own_members_with_a_format_func(widget, mode):
    call, accessor, value, names = WIDGETS[widget]
    at = AppTest.from_string(COLORS.format(call=call), default_timeout=10).run()
    with apptest_takes_it():
        widgets(at, accessor)[0].set_value(value).run()
        for _ in range(2):
            assert no_exception(at), at.exception
            assert report(at) == {"picked": str(names), "current": "True"}
            at.button[0].click().run()


POINTS = """
import streamlit as st
from dataclasses import dataclass

@dataclass(frozen=True)
class Point:
    x: int
    y: int

OPTIONS = [Point(0, 0), Point(1, 2), Point(3, 4)]
LABELS = {p: f"({p.x}, {p.y})" for p in OPTIONS}
chosen = st.selectbox("Point", OPTIONS, format_func=LABELS.__getitem__)
st.text(f"index={OPTIONS.index(chosen)}")
st.text(f"same_object={any(chosen is p for p in OPTIONS)}")
st.button("rerun")
"""


@dataclass(frozen=True)
class Point:
    """The test's own copy of the app's Point."""

    x: int
    y: int


@pytest.mark.coercion
def test_set_by_an_instance_equal_in_its_fields(mode):
    at = AppTest.from_string(POINTS, default_timeout=10).run()
    with apptest_takes_it():
        at.selectbox[0].set_value(Point(1, 2)).run()
        for _ in range(2):
            assert no_exception(at), at.exception
            assert report(at) == {"index": "1", "same_object": "True"}
            at.button[0].click().run()


@pytest.mark.coercion
def test_a_range_set_high_end_first_is_taken_low_end_first(mode):
    """As the browser (and AppTest's own lookup) sends a range: in order."""
    call = WIDGETS["select_slider_range"][0]
    at = AppTest.from_string(COLORS.format(call=call), default_timeout=10).run()
    with apptest_takes_it():
        at.select_slider[0].set_range(Color.BLUE, Color.GREEN).run()
    assert no_exception(at), at.exception
    assert report(at) == {"picked": "['GREEN', 'BLUE']", "current": "True"}


SELECTING = {
    "multiselect": (
        'multiselect("Colors", Color, format_func=NAMES.get)',
        "multiselect",
    ),
}
if hasattr(st, "pills"):
    SELECTING["pills_multi"] = (
        'pills("Colors", Color, selection_mode="multi", format_func=NAMES.get)',
        "pills",
    )


@pytest.mark.coercion
@pytest.mark.parametrize("widget", SELECTING)
def test_select_of_a_member_already_selected_adds_nothing(widget, mode):
    call, accessor = SELECTING[widget]
    at = AppTest.from_string(COLORS.format(call=call), default_timeout=10).run()
    with apptest_takes_it():
        widgets(at, accessor)[0].select(Color.RED).run()
        widgets(at, accessor)[0].select(Color.BLUE).run()
        widgets(at, accessor)[0].select(Color.BLUE).run()
    assert no_exception(at), at.exception
    assert report(at) == {"picked": "['RED', 'BLUE']", "current": "True"}


@pytest.mark.coercion
@pytest.mark.parametrize("widget", SELECTING)
def test_unselect_of_the_tests_own_member_removes_it(widget, mode):
    call, accessor = SELECTING[widget]
    at = AppTest.from_string(COLORS.format(call=call), default_timeout=10).run()
    with apptest_takes_it():
        widgets(at, accessor)[0].set_value([Color.RED, Color.BLUE]).run()
        widgets(at, accessor)[0].unselect(Color.RED).run()
    assert no_exception(at), at.exception
    assert report(at) == {"picked": "['BLUE']", "current": "True"}


def test_select_and_unselect_by_label_as_stock():
    """Labels, as AppTest always took them (a plain list of strings)."""
    script = COLORS.format(call='multiselect("Colors", ["Red", "Green", "Blue"])')
    script = script.replace("[m.name for m in got]", "got").replace(
        "all(type(m) is Color for m in got)", "True"
    )
    at = AppTest.from_string(script, default_timeout=10).run()
    at.multiselect[0].select("Red").run()
    at.multiselect[0].select("Blue").run()
    at.multiselect[0].select("Blue").run()
    assert report(at)["picked"] == "['Red', 'Blue']"
    at.multiselect[0].unselect("Red").run()
    assert report(at)["picked"] == "['Blue']"


# -- the end of a run -----------------------------------------------------------
# After the script, the script thread still removes the run's orphaned media
# files before its SHUTDOWN event, whose client_state AppTest reads. Stock
# 1.28 took the end of the script for the end of the run (upstream waits for
# SHUTDOWN from 1.29.0 on, streamlit/streamlit#7691).


@pytest.fixture()
def slow_end_of_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """The script thread's end of run outlasts AppTest's wait, as it may in a
    busy process: its removal of orphaned media files goes on only once
    AppTest has asked again whether the run has stopped (at most 2 s), and,
    where AppTest was told it had, once AppTest has read the run (1 s)."""
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    asked = threading.Event()
    answers: list[bool] = []
    script_stopped = LocalScriptRunner.script_stopped
    remove_orphaned_files = MediaFileManager.remove_orphaned_files

    def asking(self: LocalScriptRunner) -> bool:
        stopped = script_stopped(self)
        answers.append(stopped)
        asked.set()
        return stopped

    def slow(self: MediaFileManager) -> None:
        asked.clear()
        asked.wait(timeout=2)
        if answers and answers[-1]:
            # AppTest was told the run had stopped, and reads it now: its
            # read comes first, as in a busy process (else a race it may win).
            time.sleep(1)
        remove_orphaned_files(self)

    monkeypatch.setattr(LocalScriptRunner, "script_stopped", asking)
    monkeypatch.setattr(MediaFileManager, "remove_orphaned_files", slow)


# A bug fix, no class-identity case: the mark makes stock before 1.29 fail it.
@pytest.mark.coercion(stock_since="1.29.0")
def test_a_run_with_a_slow_end_returns_its_result(slow_end_of_run):
    at = AppTest.from_string(
        script(
            """
            import streamlit as st

            st.text("ran=yes")
            """
        ),
        default_timeout=10,
    )
    try:
        at.run()
    except KeyError as e:  # stock 1.28: the SCRIPT_STOPPED event's data
        raise AssertionError(f"AppTest read the run before its end: {e!r}") from e
    assert no_exception(at), at.exception
    assert report(at) == {"ran": "yes"}
