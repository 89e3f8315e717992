"""Full reruns of an app, timed without AppTest's 0.1 s polling floor.

Run by the patched or the stock venv, the same code on both sides, as a
worker that ``bench.run`` drives through stdin and stdout::

    .venv/bin/python -m bench.reruns --app examples/seed_app.py --select 0,1

It loads the page, reruns ``--warmup`` times (at least once), answers a
ready line (with the median seconds of those reruns), and then
reruns once for every ``run`` line it reads, answering the seconds it took;
``texts`` answers what the app wrote in its last run. Answers are the lines
that start with ``@bench``, in JSON. ``bench.run`` starts one worker per side
and alternates the sides rerun by rerun, so that whatever else the machine
does falls on every side alike.

A live session starts a new ``ScriptRunner`` for each rerun request. So does
this harness, but it runs the runner's loop on the calling thread instead of
starting a thread for it, and waits for nothing: ``_run_script`` returns when
the script has stopped. What is timed is the whole of ``_run_script``: the
callbacks phase that compares the browser's new widget states with the old
ones (``on_script_will_rerun``), the script body with its widget
registrations, and the cleanup of ``on_script_finished``. The garbage
collection a live runner does after every run (``runner.postScriptGC``) is
done here between the timed runs instead, so that a full collection of the
whole process, which does not depend on the app, is not counted in the run
(what the first runs left is frozen, so that these collections stay short).

The first run is the page load (no widget states); the browser then sends the
multiselect's choice, and sends it again on every later rerun: as option
indices (``int_array_value``) on 1.28, as option labels, the ones the page
load showed (``string_array_value``), since. Which of the two is read off the
widget's registered ``value_type``, not off a version number.

The same file runs on every release: what a ``ScriptRunner`` is built with
(1.67 adds the pages manager, the fragment storage and the session's event
loop) is read off its signature.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import inspect
import json
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any
from unittest.mock import MagicMock

import streamlit
from streamlit import config, source_util
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.runtime import Runtime
from streamlit.runtime.caching.storage.dummy_cache_storage import (
    MemoryCacheStorageManager,
)
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.scriptrunner import RerunData, ScriptRunner, ScriptRunnerEvent
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.runtime.state.session_state import SessionState

from bench.common import environment

PREFIX = "@bench "


class TimedScriptRunner(ScriptRunner):
    """A ScriptRunner that times its script run and keeps what it sends."""

    def __init__(self, session: Session) -> None:
        super().__init__(
            session_id="bench session",
            main_script_path=session.script,
            session_state=session.state,
            uploaded_file_mgr=MemoryUploadedFileManager("/mock/upload"),
            script_cache=session.cache,
            initial_rerun_data=RerunData(),
            user_info={"email": "bench@example.invalid"},
            **session.release_kwargs,
        )
        self.elapsed = 0.0
        self.messages: list[ForwardMsg] = []
        self.on_event.connect(self._record, weak=False)

    def _record(self, sender: Any, event: ScriptRunnerEvent, **kwargs: Any) -> None:
        if event == ScriptRunnerEvent.ENQUEUE_FORWARD_MSG:
            self.messages.append(kwargs["forward_msg"])

    def _run_script(self, rerun_data: RerunData) -> None:
        start = time.perf_counter_ns()
        try:
            super()._run_script(rerun_data)
        finally:
            self.elapsed += (time.perf_counter_ns() - start) / 1e9

    def run_here(self, widget_states: WidgetStates | None) -> None:
        """Run the script once, on this thread, to the end."""
        self._requests = type(self._requests)()
        self._requests.request_rerun(RerunData(widget_states=widget_states))
        self._script_thread = threading.current_thread()
        self._run_script_thread()


class Session:
    """One browser session of one app: what an ``AppSession`` keeps across reruns
    and hands every new ``ScriptRunner``."""

    def __init__(self, script: str) -> None:
        self.script = script
        self.state = SessionState()
        self.cache = ScriptCache()
        self.release_kwargs = _session_parts(script, self.cache)

    def rerun(self, widget_states: WidgetStates | None) -> TimedScriptRunner:
        runner = TimedScriptRunner(self)
        runner.run_here(widget_states)
        return runner


def _session_parts(script: str, cache: ScriptCache) -> dict[str, Any]:
    """What this release's ``ScriptRunner`` takes besides 1.28's arguments,
    made once a session as ``AppSession`` makes them."""
    wanted = inspect.signature(ScriptRunner.__init__).parameters
    parts: dict[str, Any] = {}
    if "pages_manager" in wanted:
        from streamlit.runtime.pages_manager import PagesManager

        PagesManager.uses_pages_directory = None  # as AppTest resets it
        parts["pages_manager"] = PagesManager(script, cache, setup_watcher=False)
    if "fragment_storage" in wanted:
        from streamlit.runtime.fragment import MemoryFragmentStorage

        parts["fragment_storage"] = MemoryFragmentStorage()
    if "event_loop" in wanted:
        parts["event_loop"] = asyncio.new_event_loop()
    return parts


def multiselect(messages: list[ForwardMsg]) -> Any:
    """The multiselect element of the page load, as the browser receives it."""
    for msg in messages:
        if msg.WhichOneof("type") == "delta":
            element = msg.delta.new_element
            if element.WhichOneof("type") == "multiselect":
                return element.multiselect
    raise SystemExit("the app has no multiselect")


def texts(messages: list[ForwardMsg]) -> list[str]:
    """What the app wrote with st.write/st.markdown/st.text."""
    found = []
    for msg in messages:
        if msg.WhichOneof("type") == "delta":
            element = msg.delta.new_element
            kind = element.WhichOneof("type")
            if kind in ("markdown", "text"):
                found.append(getattr(element, kind).body)
    return found


def selection(element: Any, value_type: str, indices: list[int]) -> WidgetStates:
    """The browser's message choosing the options at ``indices``: the indices
    themselves, or the labels the browser was shown at those indices."""
    states = WidgetStates()
    state = states.widgets.add()
    state.id = element.id
    if value_type == "int_array_value":
        state.int_array_value.data[:] = indices
    elif value_type == "string_array_value":
        state.string_array_value.data[:] = [element.options[i] for i in indices]
    else:
        raise SystemExit(f"a multiselect registered as {value_type}")
    return states


def value_type(session: Session, widget_id: str) -> str:
    """Which field of ``WidgetState`` the browser fills for this widget."""
    metadata = session.state._new_widget_state.widget_metadata[widget_id]
    kind: str = metadata.value_type
    return kind


def fake_runtime() -> None:
    """What AppTest installs in place of a server's Runtime."""
    runtime = MagicMock(spec=Runtime)
    runtime.media_file_mgr = MediaFileManager(MemoryMediaFileStorage("/mock/media"))
    runtime.cache_storage_manager = MemoryCacheStorageManager()
    Runtime._instance = runtime


def parse_selection(text: str) -> list[int]:
    if text.startswith("all:"):
        return list(range(int(text[4:])))
    return [int(i) for i in text.split(",")]


def reply(data: Any) -> None:
    """One line of the protocol on stdout (anything else there is ignored)."""
    print(PREFIX + json.dumps(data), flush=True)


def profile(session: Session, states: WidgetStates, count: int, path: str) -> None:
    """Where a rerun's time goes: ``count`` reruns under cProfile, to ``path``
    (read it with ``python -m pstats``). Not part of ``make bench``."""
    import cProfile

    profiler = cProfile.Profile()
    for _ in range(count):
        gc.collect()
        profiler.enable()
        session.rerun(states)
        profiler.disable()
    profiler.dump_stats(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--app", required=True)
    parser.add_argument(
        "--select", required=True, help="indices, '0,1', or 'all:N' for 0..N-1"
    )
    parser.add_argument("--warmup", type=int, default=5, choices=range(1, 1000))
    parser.add_argument("--mode", help="runner.enumCoercion (1.28: patched only)")
    parser.add_argument(
        "--profile",
        metavar="FILE",
        help="no protocol: run --reruns reruns under cProfile, write pstats to FILE",
    )
    parser.add_argument("--reruns", type=int, default=2000, help="with --profile")
    args = parser.parse_args()

    config.set_option("runner.postScriptGC", False)
    if args.mode is not None:
        config.set_option("runner.enumCoercion", args.mode)
    fake_runtime()
    if hasattr(source_util, "_cached_pages"):  # 1.28's pages cache, process-wide
        source_util._cached_pages = None
    session = Session(str(Path(args.app).resolve()))

    first = session.rerun(None)  # the page load
    element = multiselect(first.messages)
    kind = value_type(session, element.id)
    states = selection(element, kind, parse_selection(args.select))
    last = first
    warmups = []
    for _ in range(args.warmup):
        last = session.rerun(states)
        warmups.append(last.elapsed)
    gc.collect()
    gc.freeze()
    if args.profile:
        profile(session, states, args.reruns, args.profile)
        return
    env = environment(streamlit.__version__) | {"sends": kind}
    reply({"ready": True, "env": env, "warmup": statistics.median(warmups)})
    for line in sys.stdin:
        command = line.strip()
        if command == "run":
            gc.collect()
            last = session.rerun(states)
            reply(last.elapsed)
        elif command == "texts":
            reply(texts(last.messages))
        else:
            break


if __name__ == "__main__":
    main()
