"""The four option widgets, each as a line of app code and a browser action.

Each case puts one widget over the members of an Enum class ``Color`` that
the script defines, and knows how to pick GREEN (and BLUE, for the widgets
that hold several values) the way the browser does: by the label's index.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from streamlit.testing.v1 import AppTest


@dataclass(frozen=True)
class WidgetCase:
    name: str
    # App code that sets `value` from the widget; {args} takes extra arguments.
    code: str
    # The browser picking GREEN (given a label function from member name).
    pick: Callable[[AppTest, Callable[[str], str]], Any]
    # Member names of the value after the pick.
    picked: tuple[str, ...]

    def __str__(self) -> str:
        return self.name


def _sel(at: AppTest, label: Callable[[str], str]) -> Any:
    return at.selectbox[0].set_value(label("GREEN"))


def _radio(at: AppTest, label: Callable[[str], str]) -> Any:
    return at.radio[0].set_value(label("GREEN"))


def _multi(at: AppTest, label: Callable[[str], str]) -> Any:
    return at.multiselect[0].set_value([label("GREEN"), label("BLUE")])


def _slider(at: AppTest, label: Callable[[str], str]) -> Any:
    return at.select_slider[0].set_value(label("GREEN"))


def _range(at: AppTest, label: Callable[[str], str]) -> Any:
    return at.select_slider[0].set_range(label("GREEN"), label("BLUE"))


WIDGETS = [
    WidgetCase(
        "selectbox",
        'value = {box}.selectbox("Color", {options}{args})',
        _sel,
        ("GREEN",),
    ),
    WidgetCase(
        "radio", 'value = {box}.radio("Color", {options}{args})', _radio, ("GREEN",)
    ),
    WidgetCase(
        "multiselect",
        'value = {box}.multiselect("Colors", {options}{args})',
        _multi,
        ("GREEN", "BLUE"),
    ),
    WidgetCase(
        "select_slider",
        'value = {box}.select_slider("Color", options=list(Color){args})',
        _slider,
        ("GREEN",),
    ),
    WidgetCase(
        "select_slider_range",
        'value = {box}.select_slider("Colors", options=list(Color), '
        "value=(Color.RED, Color.BLUE){args})",
        _range,
        ("GREEN", "BLUE"),
    ),
]


def members(expr: str = "value") -> str:
    """App code: the members held by a widget value, as a tuple."""
    return f"tuple({expr}) if isinstance({expr}, (list, tuple)) else ({expr},)"


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
