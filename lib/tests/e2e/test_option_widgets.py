"""Every option widget of the release, picked through a real server.

One pick per widget, sent as the release's browser sends it (indices or
labels, per widget: ``st_stub.protocol``), then the app reports what the
widget returned.
On the patched server it is the picked member of this run's class; on
stock without coercion (1.28.2 as is; 1.67.0 with runner.enumCoercion =
"off") the same pick comes back as a member of the previous run's class.
st.pills and st.segmented_control are new in 1.40, st.menu_button in 1.56.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Dict, Tuple

import pytest
import streamlit as st
from st_stub import StreamlitServer, StubSession
from support.release import release_at_least
from support.servers import APPS, Serve

APP = APPS / "option_widgets_app.py"
STOCK_OFF = ["--runner.enumCoercion=off"] if release_at_least("1.29") else []


@dataclass(frozen=True)
class Pick:
    label: str  # the widget's label on the page
    name: str  # its lines in the report
    picks: Tuple[str, ...]  # option labels picked, in order
    click: bool = False  # a menu entry click, not a pick

    def __str__(self) -> str:
        return self.name


PICKS = [
    Pick("Selectbox", "selectbox", ("Color.GREEN",)),
    Pick("Radio", "radio", ("Color.BLUE",)),
    Pick("Multiselect", "multiselect", ("Color.BLUE", "Color.RED")),
    Pick("Select slider", "select_slider", ("Color.GREEN",)),
    Pick("Range", "range", ("Color.GREEN", "Color.BLUE")),
]
if hasattr(st, "pills"):  # st.pills and st.segmented_control: 1.40 on
    PICKS += [
        Pick("Pills", "pills", ("Color.GREEN", "Color.RED")),
        Pick("Segmented", "segmented", ("Color.BLUE",)),
    ]
if hasattr(st, "menu_button"):  # 1.56 on
    PICKS.append(Pick("Menu", "menu", ("Color.GREEN",), click=True))


async def pick_and_report(url: str, pick: Pick) -> Dict[str, str]:
    """Open the app, pick on one widget (or click a menu entry), rerun once."""
    async with StubSession(url) as session:
        await session.connect()
        if pick.click:
            page = await session.click(pick.label, pick.picks[0])
        else:
            page = await session.select(pick.label, *pick.picks)
        assert page.exceptions == []
        return page.report()


@pytest.fixture(scope="module")
def servers(serve_module: Serve, stock_python: str) -> Dict[str, StreamlitServer]:
    return {
        "patched": serve_module(APP),
        "stock": serve_module(APP, python=stock_python, args=STOCK_OFF),
    }


def names(pick: Pick) -> str:
    return ",".join(label.split(".", 1)[1] for label in pick.picks)


@pytest.mark.parametrize("pick", PICKS, ids=str)
def test_pick_comes_back_as_a_current_member(
    servers: Dict[str, StreamlitServer], pick: Pick
) -> None:
    """The patched server hands the script the picked member of this run's class."""
    report = asyncio.run(pick_and_report(servers["patched"].url, pick))
    assert (report[pick.name], report[f"{pick.name}_current"]) == (names(pick), "True")


@pytest.mark.parametrize("pick", PICKS, ids=str)
def test_same_pick_on_stock_without_coercion_is_stale(
    servers: Dict[str, StreamlitServer], pick: Pick
) -> None:
    """The same bytes on stock give the previous run's member: the bug is real."""
    report = asyncio.run(pick_and_report(servers["stock"].url, pick))
    assert (report[pick.name], report[f"{pick.name}_current"]) == (names(pick), "False")
