"""The option widgets return members of the class defined in the current run.

Streamlit reruns the script on every interaction, so ``Color`` is a new class
each run. A widget over ``Color`` must hand the script members of *this*
run's ``Color``: picked in the browser, kept over reruns triggered by other
widgets, in forms, columns and the sidebar, with or without a key, with any
format_func, for every Enum flavour.
"""

from __future__ import annotations

import inspect
from typing import Any

import pytest
import streamlit as st
from support import browser
from support.apps import app, no_exception, report
from support.apptest_api import widgets
from support.interpreters import HAS_STRENUM, where
from support.release import SELECTBOX_RESETS_STALE_MEMBERS
from support.scripts import COLOR_ENUM, script
from support.widget_cases import (
    WIDGETS,
    WidgetCase,
    app_script,
    marked,
    pick_and_rerun,
)

COLOR = script("from enum import Enum", COLOR_ENUM)

FLAVOURS = {
    "IntEnum": """
from enum import IntEnum

class Color(IntEnum):
    RED = 1
    GREEN = 2
    BLUE = 3
""",
    "StrEnum": """
from enum import StrEnum

class Color(StrEnum):
    RED = "red"
    GREEN = "green"
    BLUE = "blue"
""",
    "Flag": """
from enum import Flag, auto

class Color(Flag):
    RED = auto()
    GREEN = auto()
    BLUE = auto()
""",
    "aliases": """
from enum import Enum

class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1
    LIME = 2
""",
}

# Where the widget sits: (keyword arguments for app_script, label of a member).
PLACES = {
    "plain": ({}, lambda n: f"Color.{n}"),
    "with_key": ({"args": ', key="picked"'}, lambda n: f"Color.{n}"),
    "in_form": (
        {"wrap": 'with st.form("form"):\n    {widget}\n    st.form_submit_button()'},
        lambda n: f"Color.{n}",
    ),
    "in_columns": (
        {"before": "left, right = st.columns(2)", "box": "right"},
        lambda n: f"Color.{n}",
    ),
    "in_sidebar": ({"box": "st.sidebar"}, lambda n: f"Color.{n}"),
    "format_func": (
        {"args": ", format_func=lambda c: c.name.title()"},
        lambda n: n.title(),
    ),
}


@pytest.mark.parametrize(
    ("case", "place"),
    [
        marked(case, place, id=f"{case}-{place}")
        for case in WIDGETS
        for place in PLACES
        if not (case.trigger and place == "in_form")  # menu_button: no forms
    ],
)
def test_picked_value_is_member_of_current_class(case: WidgetCase, place: str, mode):
    kwargs, label = PLACES[place]
    script = app_script(case, COLOR, **kwargs)
    for at in pick_and_rerun(case, script, label, submit=place == "in_form"):
        assert no_exception(at), at.exception
        got = report(at)
        assert got["names"] == ",".join(case.picked)
        assert got["current"] == "True"
        assert got["identity"] == "True"


def _flavours(names: Any) -> list[Any]:
    """StrEnum is new in Python 3.11: its cases are no cases of older Pythons."""
    return where(names, lambda n: "StrEnum" in n, HAS_STRENUM, "enum.StrEnum (3.11+)")


@pytest.mark.parametrize("flavour", _flavours(FLAVOURS))
@pytest.mark.parametrize("case", [marked(case) for case in WIDGETS])
def test_every_enum_flavour_keeps_identity(case: WidgetCase, flavour: str, mode):
    # list(Color): stock Streamlit cannot take a StrEnum class itself as options.
    script = app_script(case, FLAVOURS[flavour], options="list(Color)")
    # The labels are str() of each member, which differs by flavour.
    namespace: dict = {}
    exec(FLAVOURS[flavour], namespace)

    def label(name: str) -> str:
        return str(namespace["Color"][name])

    for at in pick_and_rerun(case, script, label):
        assert no_exception(at), at.exception
        assert report(at)["current"] == "True"
        assert report(at)["identity"] == "True"


def _reset_as_stock(case: WidgetCase) -> bool:
    """Stock 1.53's selectbox resets a stale member to its default."""
    return case.name == "selectbox" and SELECTBOX_RESETS_STALE_MEMBERS


@pytest.mark.parametrize("case", WIDGETS, ids=str)
def test_off_gives_stock_behaviour_previous_runs_class(case: WidgetCase, off):
    """With runner.enumCoercion = "off" the value is stale, exactly as stock
    (stock 1.53's selectbox replaces it by the current default)."""
    script = app_script(case, COLOR)
    reset = _reset_as_stock(case)
    names, current = (("RED",), "True") if reset else (case.picked, "False")
    for at in pick_and_rerun(case, script, lambda n: f"Color.{n}", reruns=1):
        assert no_exception(at), at.exception
        assert report(at)["names"] == ",".join(names)
        assert report(at)["current"] == current


@pytest.mark.parametrize(
    ("case", "setting"),
    [
        pytest.param(
            case,
            setting,
            id=f"{setting}-{case}",
            marks=pytest.mark.only_where(
                not (setting == "off" and _reset_as_stock(case)),
                reason="off is stock, and stock 1.53's selectbox resets a stale "
                "member to its default",
            ),
        )
        for setting in ("off", "nameOnly", "nameAndValue")
        for case in WIDGETS
        if not case.trigger
    ],
)
def test_selection_survives_many_reruns_from_other_widgets(
    case: WidgetCase, setting: str
):
    """Never loses a value: twelve reruns from a button, a checkbox and a text
    input, each sending the widget's state as the browser holds it."""
    from support.apps import coercion

    script = (
        app_script(case, COLOR)
        + """
st.checkbox("toggle")
st.text_input("note")
"""
    )

    def label(name: str) -> str:
        return f"Color.{name}"

    with coercion(setting):
        at = app(script).run()
        case.pick(at, label)
        for i in range(4):
            at.button[-1].click()
            case.pick(at, label)
            at.checkbox[0].set_value(i % 2 == 0)
            case.pick(at, label)
            at.text_input[0].input(f"note {i}")
            case.pick(at, label)
            assert no_exception(at), at.exception
            assert report(at)["names"] == ",".join(case.picked)


FLAG_OPTIONS = """
from enum import Flag
import streamlit as st

class Perm(Flag):
    R = 1
    W = 2

chosen = st.selectbox("Permission", [Perm.R, Perm.W, Perm.R | Perm.W])
st.text(f"current={chosen is (Perm.R | Perm.W)}")
st.button("rerun")
"""


@pytest.mark.coercion
def test_a_composite_flag_option_is_current_after_reruns(mode):
    """Upstream 1.67.0 crashes on the rerun after the composite is picked."""
    at = app(FLAG_OPTIONS).run()
    composite = at.selectbox[0].options[2]
    browser.send(at, at.selectbox[0], [composite])
    for _ in range(3):
        assert no_exception(at), at.exception
        assert report(at)["current"] == "True"
        at.button[0].click()
        browser.send(at, at.selectbox[0], [composite])


STR_MIXINS = {
    "str_mixin": "class Model(str, Enum):",
    "StrEnum": "from enum import StrEnum\n\nclass Model(StrEnum):",
}


# Stock's own conversion yields a str-mixin class's members in 1.35-1.37;
# 1.28-1.34 index the class itself by position (KeyError: 0), 1.38 on hand
# back plain strings.
@pytest.mark.coercion(stock_in=">=1.35,<1.38")
@pytest.mark.parametrize("widget", ["selectbox", "radio", "multiselect"])
@pytest.mark.parametrize("kind", _flavours(STR_MIXINS))
def test_a_str_mixin_class_given_as_options_yields_its_members(kind, widget, mode):
    """1.67.0 hands back plain strings since 1.38; 1.28.2 raises KeyError: 0."""
    at = app(
        f"""
from enum import Enum
import streamlit as st

{STR_MIXINS[kind]}
    GPT = "gpt"
    CLAUDE = "claude"

chosen = st.{widget}("Model", Model)
got = chosen if isinstance(chosen, list) else [chosen]
st.text(f"members={{all(isinstance(m, Model) for m in got)}}")
st.text(f"identity={{got == [Model.CLAUDE] and got[0] is Model.CLAUDE}}")
st.button("rerun")
"""
    ).run()
    assert no_exception(at), at.exception
    w = widgets(at, widget)[0]
    label = w.options[1]
    browser.send(at, w, [label])
    at.button[0].click()
    browser.send(at, widgets(at, widget)[0], [label])
    assert no_exception(at), at.exception
    assert report(at) == {"members": "True", "identity": "True"}


STR_MIXIN_APP = """
from enum import Enum
import streamlit as st

class Model(str, Enum):
    GPT = "gpt-4"
    CLAUDE = "claude"

chosen = st.{call}
st.text(f"member={{isinstance(chosen, Model)}}")
st.button("rerun")
"""


@pytest.mark.coercion(stock_since="1.38.0")  # 1.28.2 raises KeyError: 0
@pytest.mark.parametrize("widget", ["selectbox", "radio", "multiselect"])
def test_a_str_mixin_class_is_labelled_by_its_values_as_stock(widget, mode):
    """What the user sees (and AppTest's `options`) stays as stock 1.67.0
    shows it: the members' values, not `Model.GPT`."""
    at = app(STR_MIXIN_APP.format(call=f'{widget}("Model", Model)')).run()
    assert no_exception(at), at.exception
    assert widgets(at, widget)[0].options == ["gpt-4", "claude"]


# Whether widgets bind to the URL (bind="query-params").
BOUND = "bind" in inspect.signature(st.selectbox).parameters
URL_LINE = 'st.text(f"url={{dict(st.query_params)}}")\n'
BOUND_APP = STR_MIXIN_APP.replace(
    'st.button("rerun")', URL_LINE + 'st.button("rerun")'
).format(call='selectbox("Model", Model, key="model", bind="query-params")')


# The same widget over the members' plain values: what stock writes to the
# URL for them is what it must write for the class.
BOUND_VALUES_APP = BOUND_APP.replace('"Model", Model,', '"Model", ["gpt-4", "claude"],')


def _urls(script: str) -> list[str]:
    """The URL's query parameters: opened from a `?model=claude` link, then
    after the user picks gpt-4 (the default), then claude."""
    at = app(script)
    at.query_params["model"] = "claude"
    at.run()
    assert no_exception(at), at.exception
    urls = [report(at)["url"]]
    for label in ("gpt-4", "claude"):
        browser.send(at, at.selectbox[0], [label])
        assert no_exception(at), at.exception
        urls.append(report(at)["url"])
    return urls


@pytest.mark.only_where(BOUND, reason="bind='query-params' (1.55+)")
def test_a_bound_str_mixin_widget_writes_and_reads_the_url_as_stock(mode):
    """An old `?model=claude` link still selects it, and each pick reaches the
    URL as it does for the members' plain values (1.56 on: the value, the
    default clearing it; 1.55's AppTest shows no pick in the URL)."""
    urls = _urls(BOUND_APP)
    assert urls[0] == "{'model': 'claude'}"
    assert urls == _urls(BOUND_VALUES_APP)


@pytest.mark.coercion
@pytest.mark.only_where(BOUND, reason="bind='query-params' (1.55+)")
def test_a_bound_str_mixin_widget_hands_out_members(mode):
    at = app(BOUND_APP)
    at.query_params["model"] = "claude"
    at.run()
    assert no_exception(at), at.exception
    assert report(at)["member"] == "True"
    at.button[0].click().run()
    assert report(at)["member"] == "True"
