"""Hostile clients: garbage frames, unknown ids, out-of-range and mistyped values.

For each hostile input, one session sends it while another session keeps
picking normally on the same server. The server must stay up and keep
serving the other session correct, current values; the hostile session
must get what stock 1.28.2 gives it for the same bytes (an error shown, or
a normal run) and never a value outside the widget's options.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Callable, Dict, List, Tuple

import pytest
from st_stub import StreamlitServer, StubSession
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from support.servers import APPS, Serve

APP = APPS / "hostile_app.py"
NAMES = {"RED", "GREEN", "BLUE"}
Ids = Dict[str, str]  # widget label -> widget id


def state(wid: str, **value: object) -> WidgetState:
    s = WidgetState(id=wid)
    for name, v in value.items():
        if isinstance(v, list):
            getattr(s, name).data[:] = v
        else:
            setattr(s, name, v)
    return s


def rerun_with(*states: WidgetState) -> bytes:
    msg = BackMsg()
    msg.rerun_script.widget_states.widgets.extend(states)
    return msg.SerializeToString()


@dataclass(frozen=True)
class Hostile:
    name: str
    frame: Callable[[Ids], bytes | str]  # what the hostile client sends

    def __str__(self) -> str:
        return self.name


CASES = [
    Hostile("garbage_bytes", lambda ids: b"\x00\xff\xfe garbage \x12\x34"),
    Hostile(
        "truncated_backmsg", lambda ids: rerun_with(state(ids["One"], int_value=1))[:-3]
    ),
    Hostile("text_frame", lambda ids: "not a protobuf"),
    Hostile("empty_frame", lambda ids: b""),
    Hostile(
        "unknown_widget_id",
        lambda ids: rerun_with(
            state("$$WIDGET_ID-00000000000000000000000000000000-None", int_value=2)
        ),
    ),
    Hostile(
        "selectbox_index_99", lambda ids: rerun_with(state(ids["One"], int_value=99))
    ),
    Hostile(
        "selectbox_index_minus_1",
        lambda ids: rerun_with(state(ids["One"], int_value=-1)),
    ),
    Hostile(
        "multiselect_7_and_minus_1",
        lambda ids: rerun_with(state(ids["Many"], int_array_value=[7, -1])),
    ),
    Hostile(
        "selectbox_string_value",
        lambda ids: rerun_with(state(ids["One"], string_value="Color.GREEN")),
    ),
    Hostile(
        "multiselect_int_value", lambda ids: rerun_with(state(ids["Many"], int_value=1))
    ),
    Hostile(
        "select_slider_index_5",
        lambda ids: rerun_with(state(ids["Span"], double_array_value=[0.0, 5.0])),
    ),
    Hostile(
        "select_slider_fraction",
        lambda ids: rerun_with(state(ids["Span"], double_array_value=[0.5, 1.5])),
    ),
]


@dataclass(frozen=True)
class Outcome:
    """What each side saw after the hostile frame."""

    alive: bool
    hostile_texts: Tuple[str, ...]  # the report lines, `current=` left out
    hostile_exceptions: Tuple[str, ...]
    bystander_reports: Tuple[Dict[str, str], ...]
    bystander_exceptions: Tuple[str, ...]


async def _bystander(
    url: str, stop: asyncio.Event
) -> Tuple[List[Dict[str, str]], List[str]]:
    """A well-behaved session that keeps picking GREEN then BLUE, turn about."""
    reports: List[Dict[str, str]] = []
    async with StubSession(url) as s:
        await s.connect()
        turn = 0
        while not stop.is_set() or turn < 3:
            name = ("GREEN", "BLUE")[turn % 2]
            page = await s.select("One", f"Color.{name}")
            reports.append({**page.report(), "picked": name})
            turn += 1
        return reports, s.exceptions_seen


async def _attack(url: str, case: Hostile) -> Tuple[List[str], List[str]]:
    async with StubSession(url) as s:
        page = await s.connect()
        ids = {w.label: w.widget_id for w in page.widgets}
        frame = case.frame(ids)
        if isinstance(frame, str):
            await s.send_text(frame)
        else:
            await s.send_bytes(frame)
        page = await s.settle(1.0)
        return [t for t in page.texts if not t.startswith("current=")], page.exceptions


async def _scenario(server: StreamlitServer, case: Hostile) -> Outcome:
    stop = asyncio.Event()
    bystander = asyncio.ensure_future(_bystander(server.url, stop))
    hostile = await _attack(server.url, case)
    stop.set()
    reports, bystander_exceptions = await bystander
    return Outcome(
        server.alive(), tuple(hostile[0]), tuple(hostile[1]),
        tuple(reports), tuple(bystander_exceptions),
    )  # fmt: skip


@pytest.fixture(scope="module")
def outcomes(serve_module: Serve, stock_python: str) -> Dict[Tuple[str, str], Outcome]:
    """Every case against one patched and one stock server, run once."""
    servers = {
        "patched": serve_module(APP),
        "stock": serve_module(APP, python=stock_python),
    }
    return {
        (flavour, case.name): asyncio.run(_scenario(server, case))
        for flavour, server in servers.items()
        for case in CASES
    }


@pytest.mark.parametrize("case", CASES, ids=str)
def test_server_keeps_serving_another_session(
    outcomes: Dict[Tuple[str, str], Outcome], case: Hostile
) -> None:
    """The server lives; the other session gets its own picks, current, no error."""
    o = outcomes["patched", case.name]
    assert o.alive and o.bystander_exceptions == ()
    assert len(o.bystander_reports) >= 3
    for report in o.bystander_reports:
        assert (report["one"], report["current"]) == (report["picked"], "True")


@pytest.mark.parametrize("case", CASES, ids=str)
def test_hostile_session_never_sees_a_value_outside_the_options(
    outcomes: Dict[Tuple[str, str], Outcome], case: Hostile
) -> None:
    """Whatever it sent, every member the app rendered is one of the options."""
    o = outcomes["patched", case.name]
    for line in o.hostile_texts:
        _, names = line.split("=", 1)
        assert set(filter(None, names.split(","))) <= NAMES, line


@pytest.mark.parametrize("case", CASES, ids=str)
def test_hostile_session_gets_stock_behaviour(
    outcomes: Dict[Tuple[str, str], Outcome], case: Hostile
) -> None:
    """The same error shown, or the same values rendered, as on stock 1.28.2."""
    patched, stock = outcomes["patched", case.name], outcomes["stock", case.name]
    assert (patched.hostile_exceptions, patched.hostile_texts) == (
        stock.hostile_exceptions, stock.hostile_texts,
    )  # fmt: skip
