"""Every option widget of the release, as a line of app code and a user's pick.

Each case puts one widget over the members of an Enum class ``Color`` that
the script defines, and knows which labels the user clicks to pick GREEN
(and BLUE, for the widgets that hold several values). ``support.browser``
sends them as the release's frontend does.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any, Callable, Iterator

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from support import apptest_api, browser
from support.apps import app


@dataclass(frozen=True)
class WidgetCase:
    name: str
    # App code that sets `value` from the widget; {box}, {options}, {args}.
    code: str
    # The AppTest accessor of the widget ("selectbox", "pills", ...).
    accessor: str
    # Member names the user clicks, in order; the value holds these after.
    picked: tuple[str, ...]
    # A trigger (menu_button) holds its value for the run of the click only,
    # and cannot be used in a form.
    trigger: bool = False
    # The release from which stock Streamlit coerces this widget's return
    # value itself (upstream's maybe_coerce_enum, since 1.29); None: never.
    stock_since: str | None = "1.29.0"
    # Whether the installed release has the widget (or the argument).
    exists: bool = True

    def __str__(self) -> str:
        return self.name

    def widget(self, at: AppTest) -> Any:
        return apptest_api.widgets(at, self.accessor)[0]

    def pick(self, at: AppTest, label: Callable[[str], str]) -> AppTest:
        """Rerun as the browser does once the user has picked ``picked``."""
        return browser.send(at, self.widget(at), [label(n) for n in self.picked])


WIDGETS_1_28 = [
    WidgetCase(
        "selectbox", 'value = {box}.selectbox("Color", {options}{args})',
        "selectbox", ("GREEN",),
    ),
    WidgetCase(
        "radio", 'value = {box}.radio("Color", {options}{args})', "radio", ("GREEN",)
    ),
    WidgetCase(
        "multiselect", 'value = {box}.multiselect("Colors", {options}{args})',
        "multiselect", ("GREEN", "BLUE"),
    ),
    WidgetCase(
        "select_slider",
        'value = {box}.select_slider("Color", options=list(Color){args})',
        "select_slider", ("GREEN",),
    ),
    WidgetCase(
        "select_slider_range",
        'value = {box}.select_slider("Colors", options=list(Color), '
        "value=(Color.RED, Color.BLUE){args})",
        "select_slider", ("GREEN", "BLUE"),
    ),
]  # fmt: skip


def _takes(widget: str, argument: str) -> bool:
    return argument in inspect.signature(getattr(st, widget)).parameters


_PILLS = hasattr(st, "pills")  # st.pills and st.segmented_control: 1.40 on
_PILLS_COERCED = "1.55.0"  # upstream's maybe_coerce_enum in button_group
_NEW_OPTIONS = _takes("multiselect", "accept_new_options")
# The option widgets added since 1.28, and the widgets that take new options.
WIDGETS_SINCE = [
    WidgetCase(
        "pills", 'value = {box}.pills("Color", {options}{args})', "pills", ("GREEN",),
        exists=_PILLS, stock_since=_PILLS_COERCED,
    ),
    WidgetCase(
        "pills_multi",
        'value = {box}.pills("Colors", {options}, selection_mode="multi"{args})',
        "pills", ("GREEN", "BLUE"), exists=_PILLS, stock_since=_PILLS_COERCED,
    ),
    WidgetCase(
        "segmented_control",
        'value = {box}.segmented_control("Color", {options}{args})',
        "segmented_control", ("GREEN",), exists=_PILLS, stock_since=_PILLS_COERCED,
    ),
    WidgetCase(
        "segmented_control_multi",
        'value = {box}.segmented_control("Colors", {options}, '
        'selection_mode="multi"{args})',
        "segmented_control", ("GREEN", "BLUE"), exists=_PILLS,
        stock_since=_PILLS_COERCED,
    ),
    WidgetCase(
        "multiselect_new_options",
        'value = {box}.multiselect("Colors", {options}, accept_new_options=True{args})',
        "multiselect", ("GREEN", "BLUE"), exists=_NEW_OPTIONS,
    ),
    WidgetCase(
        "selectbox_new_options",
        'value = {box}.selectbox("Color", {options}, accept_new_options=True{args})',
        "selectbox", ("GREEN",), exists=_takes("selectbox", "accept_new_options"),
    ),
    WidgetCase(
        "menu_button", 'value = {box}.menu_button("Color", {options}{args})',
        "menu_button", ("GREEN",), trigger=True, stock_since=None,
        exists=hasattr(st, "menu_button"),
    ),
]  # fmt: skip

# Every option widget of the installed release: a widget the release lacks
# is no case of it.
WIDGETS = [case for case in WIDGETS_1_28 + WIDGETS_SINCE if case.exists]


def marked(case: WidgetCase, *rest: object, id: str | None = None) -> Any:
    """A test parameter for ``case``: a coercion case stock has from
    ``case.stock_since`` on (see lib/tests/conftest.py)."""
    return pytest.param(
        case,
        *rest,
        id=id or str(case),
        marks=pytest.mark.coercion(stock_since=case.stock_since),
    )


def members(expr: str = "value") -> str:
    """App code: the members held by a widget value, as a tuple."""
    return (
        f"() if {expr} is None else tuple({expr}) "
        f"if isinstance({expr}, (list, tuple)) else ({expr},)"
    )


def app_script(
    case: WidgetCase,
    header: str,
    *,
    box: str = "st",
    args: str = "",
    before: str = "",
    wrap: str = "",
    options: str = "Color",
) -> str:
    """A user's app: the class, the widget, and lines reporting what it got."""
    widget = case.code.format(box=box, args=args, options=options)
    if wrap:
        widget = wrap.format(widget=widget)
    return f"""
import streamlit as st
{header}
{before}
{widget}
got = {members()}
st.text(f"current={{all(type(m) is Color for m in got)}}")
st.text(f"identity={{all(m is Color[m.name] for m in got)}}")
st.text(f"names={{','.join(m.name for m in got)}}")
st.button("rerun")
"""


def pick_and_rerun(
    case: WidgetCase,
    script: str,
    label: Callable[[str], str],
    *,
    reruns: int = 3,
    submit: bool = False,
) -> Iterator[AppTest]:
    """Pick as the browser does, then rerun from the app's "rerun" button.

    Like the browser, every rerun sends the widget's state again; a trigger
    (menu_button) is clicked again on each. ``submit`` clicks the form's
    submit button (the app's first button) with the pick.
    """
    at = app(script).run()
    if submit:
        at.button[0].click()
    case.pick(at, label)
    yield at
    for _ in range(reruns):
        at.button[-1].click()
        case.pick(at, label)
        yield at
