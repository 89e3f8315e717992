"""Hostile clients: garbage frames, unknown ids, out-of-range and mistyped values.

For each hostile input, one session sends it while another session keeps
picking normally on the same server. The server must stay up and keep
serving the other session correct, current values; the hostile session
must get what stock Streamlit of the same release gives it for the same
bytes (an error shown, or a normal run) and never a value outside the
widget's options.

Every release gets the frames of the index protocol (1.28.2's browser
sends option indices; to 1.67.0 they are mistyped values). Where a widget's
browser sends option labels (``st_stub.protocol``: the selectbox and
multiselect from 1.45, the select_slider from 1.54, st.pills from 1.55,
st.menu_button), unknown, duplicate and very long labels too.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Callable, Dict, List, Tuple

import pytest
from st_stub import ProtocolError, StreamlitServer, StubSession, protocol
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from support.servers import APPS, Serve

APP = APPS / "hostile_app.py"
NAMES = {"RED", "GREEN", "BLUE"}
LONG = "Color." + "R" * 1_000_000  # a one-megabyte label
Ids = Dict[str, str]  # widget label -> widget id


def state(wid: str, **value: object) -> WidgetState:
    s = WidgetState(id=wid)
    for name, v in value.items():
        if isinstance(v, list):
            getattr(s, name).data[:] = v
        elif name == "string_trigger_value":
            s.string_trigger_value.data = str(v)
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
    widget: str = ""  # the widget (field of Element) whose labels it sends

    def __str__(self) -> str:
        return self.name


INDEX_CASES = [
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


def labels(label: str, *values: str) -> Callable[[Ids], bytes]:
    """A frame setting the string_array_value of the widget with this label."""
    return lambda ids: rerun_with(state(ids[label], string_array_value=list(values)))


LABEL_CASES = [
    Hostile(
        "selectbox_unknown_label",
        lambda ids: rerun_with(state(ids["One"], string_value="Color.PINK")),
        widget="selectbox",
    ),
    Hostile(
        "selectbox_empty_label",
        lambda ids: rerun_with(state(ids["One"], string_value="")),
        widget="selectbox",
    ),
    Hostile(
        "selectbox_very_long_label",
        lambda ids: rerun_with(state(ids["One"], string_value=LONG)),
        widget="selectbox",
    ),
    Hostile(
        "multiselect_unknown_label",
        labels("Many", "Color.RED", "Color.PINK"),
        widget="multiselect",
    ),
    Hostile(
        "multiselect_duplicate_labels",
        labels("Many", "Color.RED", "Color.RED", "Color.GREEN", "Color.RED"),
        widget="multiselect",
    ),
    Hostile(
        "multiselect_very_long_label",
        labels("Many", "Color.BLUE", LONG),
        widget="multiselect",
    ),
    Hostile(
        "select_slider_unknown_label",
        labels("Span", "Color.RED", "Color.PINK"),
        widget="slider",
    ),
    Hostile(
        "select_slider_three_labels",
        labels("Span", *["Color.GREEN"] * 3),
        widget="slider",
    ),
    Hostile(
        "select_slider_very_long_label",
        labels("Span", LONG, "Color.BLUE"),
        widget="slider",
    ),
    Hostile(
        "pills_unknown_label",
        labels("Tags", "Color.PINK", "Color.GREEN"),
        widget="button_group",
    ),
    Hostile(
        "pills_duplicate_labels",
        labels("Tags", "Color.BLUE", "Color.BLUE"),
        widget="button_group",
    ),
    Hostile("pills_very_long_label", labels("Tags", LONG), widget="button_group"),
    Hostile(
        "menu_button_unknown_label",
        lambda ids: rerun_with(state(ids["Menu"], string_trigger_value="Color.PINK")),
        widget="menu_button",
    ),
    Hostile(
        "menu_button_very_long_label",
        lambda ids: rerun_with(state(ids["Menu"], string_trigger_value=LONG)),
        widget="menu_button",
    ),
]

CASES = INDEX_CASES + [c for c in LABEL_CASES if protocol.sends_labels(c.widget)]


@dataclass(frozen=True)
class Outcome:
    """What each side saw after the hostile frame."""

    alive: bool
    hostile_texts: Tuple[str, ...]  # the report lines, `current=` left out
    hostile_exceptions: Tuple[str, ...]
    hostile_closed: str  # why the server closed the hostile stream; "" if open
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


async def _attack(url: str, case: Hostile) -> Tuple[List[str], List[str], str]:
    """Send the frame; what the page shows after it, and whether the stream closed.

    1.67.0 closes the stream on a frame it cannot parse (1.28.2 shows an
    error): the page is then read as it was left.
    """
    async with StubSession(url) as s:
        page = await s.connect()
        ids = {w.label: w.widget_id for w in page.widgets}
        frame = case.frame(ids)
        if isinstance(frame, str):
            await s.send_text(frame)
        else:
            await s.send_bytes(frame)
        closed = ""
        try:
            page = await s.settle(1.0)
        except ProtocolError as e:
            page, closed = s.page, str(e)
        texts = [t for t in page.texts if not t.startswith("current=")]
        return texts, page.exceptions, closed


async def _scenario(server: StreamlitServer, case: Hostile) -> Outcome:
    stop = asyncio.Event()
    bystander = asyncio.ensure_future(_bystander(server.url, stop))
    hostile = await _attack(server.url, case)
    stop.set()
    reports, bystander_exceptions = await bystander
    return Outcome(
        server.alive(), tuple(hostile[0]), tuple(hostile[1]), hostile[2],
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
    """The same error shown, values rendered or stream closed, as on stock."""
    patched, stock = outcomes["patched", case.name], outcomes["stock", case.name]

    def seen(o: Outcome) -> Tuple[object, ...]:
        return (o.hostile_exceptions, o.hostile_texts, o.hostile_closed)

    assert seen(patched) == seen(stock)
