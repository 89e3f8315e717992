"""A headless browser session against a running Streamlit server.

``StubSession`` speaks the installed release's protocol over
``/_stcore/stream`` with tornado's websocket client (``st_stub.protocol``
says which: 1.28.2's option indices or 1.67.0's option labels): it sends
``BackMsg`` rerun requests carrying the widget states a browser would hold,
and rebuilds the page from the ``ForwardMsg``s that come back. Use it as a
person uses the page::

    async with StubSession("http://127.0.0.1:8501") as s:
        page = await s.connect()
        page = await s.select("Pick the colors to use", "Color.RED", "Color.GREEN")
        assert "Hooray you found the color YELLOW!" in page.markdown

Everything is asyncio: many sessions can share one event loop.
"""

from __future__ import annotations

import asyncio
import time
from types import TracebackType
from typing import Dict, List, Sequence, Type

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates
from tornado.httpclient import AsyncHTTPClient
from tornado.websocket import WebSocketClientConnection, websocket_connect

from st_stub import protocol
from st_stub.tree import Page, Tree
from st_stub.widgets import click_state, pick_state, shown_state


class ProtocolError(Exception):
    """The server closed the stream or did not answer in time."""


class StubSession:
    """One browser tab: a websocket session with its own widget states."""

    def __init__(
        self, base_url: str, *, query_string: str = "", timeout: float = 30.0
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.query_string = query_string
        self.timeout = timeout
        self.tree = Tree()
        self.received: List[ForwardMsg] = []  # every message, refs resolved
        self.exceptions_seen: List[str] = []  # every exception element received
        self.last_latency = 0.0  # seconds from the last rerun request to its end
        self._ws: WebSocketClientConnection | None = None
        self._states: Dict[str, WidgetState] = {}
        self._cache: Dict[str, ForwardMsg] = {}  # cacheable messages by hash
        self.references = 0  # messages the server sent as a ref_hash
        self._page_hash = ""

    @property
    def ws_url(self) -> str:
        return self.base_url.replace("http", "ws", 1) + "/_stcore/stream"

    @property
    def page(self) -> Page:
        """What the page shows now."""
        return self.tree.page()

    @property
    def widget_states(self) -> List[WidgetState]:
        """The states the next rerun sends, one per widget on the page."""
        return list(self._states.values())

    def chosen(self, label: str) -> List[str]:
        """The option labels a widget shows as chosen: the state the client holds."""
        element = self.page.widget(label)
        state = self._states.get(element.widget_id)
        which = state.WhichOneof("value") if state is not None else None
        if state is None or which is None:
            return []
        value = getattr(state, which)
        held = list(value.data) if hasattr(value, "data") else [value]
        if protocol.sends_labels(element.kind):
            return [str(v) for v in held]
        return [element.options[int(i)] for i in held]

    async def __aenter__(self) -> StubSession:
        return self

    async def __aexit__(
        self,
        exc_type: Type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    async def connect(self) -> Page:
        """Open the stream and run the script once, as a page load does."""
        self._ws = await asyncio.wait_for(
            websocket_connect(self.ws_url, subprotocols=["streamlit"]), self.timeout
        )
        return await self.rerun()

    def close(self) -> None:
        if self._ws is not None:
            self._ws.close()
            self._ws = None

    async def rerun(self, extra: Sequence[WidgetState] = ()) -> Page:
        """Rerun with the page's widget states (and ``extra`` ones over them)."""
        states = dict(self._states)
        states.update({s.id: s for s in extra})
        return await self.send_states(list(states.values()))

    def pick(self, label: str, *options: str) -> WidgetState:
        """Pick option labels on a widget without rerunning (as in a form)."""
        state = pick_state(self.page.widget(label), options)
        self._states[state.id] = state
        return state

    async def select(self, label: str, *options: str) -> Page:
        """Pick these option labels on the widget with this label, and rerun."""
        self.pick(label, *options)
        return await self.rerun()

    async def click(self, label: str, option: str | None = None) -> Page:
        """Click the button with this label (its trigger goes with one rerun).

        For a menu_button, ``option`` is the label of the entry clicked.
        """
        return await self.rerun([click_state(self.page.widget(label), option)])

    async def set_state(self, state: WidgetState) -> Page:
        """Set any widget state, as a (possibly hostile) client may, and rerun."""
        self._states[state.id] = state
        return await self.rerun()

    async def send_states(self, states: Sequence[WidgetState]) -> Page:
        """Send exactly these widget states in a rerun request; wait for the run."""
        msg = BackMsg()
        msg.rerun_script.CopyFrom(
            ClientState(
                query_string=self.query_string,
                widget_states=WidgetStates(widgets=list(states)),
                page_script_hash=self._page_hash,
            )
        )
        if protocol.REPORTS_CACHE:  # the server sends refs only to these
            msg.rerun_script.cached_message_hashes[:] = sorted(self._cache)
        start = time.perf_counter()
        await self.send_bytes(msg.SerializeToString())
        await self._until_run_finished()
        self.last_latency = time.perf_counter() - start
        self._sync_states()
        return self.page

    async def send_bytes(self, payload: bytes) -> None:
        """Send one binary frame, whatever it holds."""
        if self._ws is None:
            raise ProtocolError("not connected")
        await self._ws.write_message(payload, binary=True)

    async def send_text(self, payload: str) -> None:
        """Send one text frame (browsers never do; hostile clients may)."""
        if self._ws is None:
            raise ProtocolError("not connected")
        await self._ws.write_message(payload)

    async def settle(self, quiet: float = 0.5) -> Page:
        """Take messages until none comes for ``quiet`` seconds; the page then."""
        while True:
            try:
                msg = await self._next(quiet)
            except asyncio.TimeoutError:
                break
            self._apply(msg)
        self._sync_states()
        return self.page

    async def _until_run_finished(self) -> None:
        started = False
        while True:
            msg = await self._next(self.timeout)
            self._apply(msg)
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                started = True
            elif kind == "script_finished" and started and protocol.ends_run(msg):
                return

    async def _next(self, timeout: float) -> ForwardMsg:
        if self._ws is None:
            raise ProtocolError("not connected")
        raw = await asyncio.wait_for(self._ws.read_message(), timeout)
        if raw is None:
            raise ProtocolError(f"server closed the stream ({self._ws.close_code})")
        if isinstance(raw, str):
            raise ProtocolError("server sent a text frame")
        msg = ForwardMsg.FromString(raw)
        if msg.WhichOneof("type") == "ref_hash":
            self.references += 1
            msg = await self._dereference(msg)
        elif msg.metadata.cacheable:
            self._cache[msg.hash] = msg
        return msg

    async def _dereference(self, ref: ForwardMsg) -> ForwardMsg:
        """A cached message by hash: ours, else the server's message endpoint.

        1.67.0 refers only to messages the client listed as cached, and has
        no such endpoint; 1.28.2 may refer to any message it sent before.
        """
        full = self._cache.get(ref.ref_hash)
        if full is None:
            url = f"{self.base_url}/_stcore/message?hash={ref.ref_hash}"
            response = await AsyncHTTPClient().fetch(url, request_timeout=self.timeout)
            full = ForwardMsg.FromString(response.body)
            self._cache[ref.ref_hash] = full
        msg = ForwardMsg()
        msg.CopyFrom(full)
        msg.metadata.CopyFrom(ref.metadata)  # the ref says where it goes
        return msg

    def _apply(self, msg: ForwardMsg) -> None:
        self.received.append(msg)
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self._page_hash = msg.new_session.page_script_hash
        elif (
            kind == "delta" and msg.delta.new_element.WhichOneof("type") == "exception"
        ):
            e = msg.delta.new_element.exception
            self.exceptions_seen.append(f"{e.type}: {e.message}")
        self.tree.apply(msg)

    def _sync_states(self) -> None:
        """Keep one state per widget shown, taking values the server set."""
        widgets = {e.widget_id: e for e in self.page.widgets}
        for wid in [w for w in self._states if w not in widgets]:
            del self._states[wid]
        for wid, element in widgets.items():
            if wid not in self._states or getattr(element.proto, "set_value", False):
                state = shown_state(element)
                if state is not None:
                    self._states[wid] = state
