"""Run an app script through Streamlit's own ScriptRunner, without a server.

``Session`` is what a live session (``AppSession``) keeps across reruns and
hands every ``ScriptRunner`` it starts: session state, script cache, and what
a release's ScriptRunner takes beyond 1.28.2's arguments (fragment storage, a
pages manager, an event loop), decided by the parameters its constructor
takes. ``mock_runtime()`` is the Runtime a run expects, as AppTest provides
it. One module for every release and for both users of it: the tests chain
thousands of runs on one runner thread (``run_many``: AppTest waits for each
run in 0.1 s polling steps), and the rerun benchmarks (``bench/worker.py``)
start a runner per rerun, as a live session does, and time it.

The browser's messages are serialized by the release's own widget metadata
(option indices on 1.28, labels since).
"""

from __future__ import annotations

import asyncio
import importlib.util
import inspect
import threading
from contextlib import ExitStack, contextmanager
from typing import Any, Callable, Iterator, Optional, Sequence
from unittest.mock import MagicMock

from streamlit import source_util
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates
from streamlit.runtime import Runtime
from streamlit.runtime.caching.storage.dummy_cache_storage import (
    MemoryCacheStorageManager,
)
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.scriptrunner import RerunData, ScriptRunner
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.runtime.scriptrunner.script_runner import ScriptRunnerEvent
from streamlit.runtime.state import SessionState
from streamlit.runtime.state.session_state import Value, WStates

# Called before each run with (run number, session state): the browser's
# widget states for that run, or None for a run without them.
BrowserStates = Callable[[int, SessionState], Optional[WidgetStates]]

# What this release's ScriptRunner takes besides 1.28.2's arguments.
_RUNNER_PARAMETERS = frozenset(inspect.signature(ScriptRunner.__init__).parameters)


def _has_module(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


class Session:
    """One browser session of the app at ``path``: what its ``AppSession``
    keeps across reruns and hands each new ``ScriptRunner``."""

    def __init__(self, path: str, state: SessionState | None = None) -> None:
        self.path = path
        self.state = state if state is not None else SessionState()
        self.script_cache = ScriptCache()
        # The runner installs the loop on its thread; the session owns it.
        self.loop: asyncio.AbstractEventLoop | None = None
        self.release_arguments: dict[str, Any] = {}
        if "fragment_storage" in _RUNNER_PARAMETERS:
            from streamlit.runtime.fragment import MemoryFragmentStorage

            self.release_arguments["fragment_storage"] = MemoryFragmentStorage()
        if "pages_manager" in _RUNNER_PARAMETERS:
            from streamlit.runtime.pages_manager import PagesManager

            pages = PagesManager(path, self.script_cache)
            self.release_arguments["pages_manager"] = pages
        if "event_loop" in _RUNNER_PARAMETERS:
            self.loop = asyncio.new_event_loop()
            self.release_arguments["event_loop"] = self.loop

    def runner_arguments(self, rerun_data: RerunData | None = None) -> dict[str, Any]:
        """``ScriptRunner(**these)`` runs this session's script once, with
        ``rerun_data`` (the browser's widget states)."""
        return {
            "session_id": f"session-{id(self)}",
            "main_script_path": self.path,
            "session_state": self.state,
            "uploaded_file_mgr": MemoryUploadedFileManager("/mock/upload"),
            "script_cache": self.script_cache,
            "initial_rerun_data": rerun_data or RerunData(),
            "user_info": {"email": "test@example.com"},
            **self.release_arguments,
        }


class _ChainedRunner(ScriptRunner):
    def __init__(
        self,
        session: Session,
        runs: int,
        states: BrowserStates,
        after_run: Callable[[int, SessionState], None],
        page: str,
    ) -> None:
        self.session = session
        self.state = session.state
        self.page = page
        self.remaining = runs
        self.done_runs = 0
        self.states = states
        self.after_run = after_run
        self.finished = threading.Event()
        self.errors: list[BaseException] = []
        super().__init__(**session.runner_arguments())
        self.on_event.connect(self._on_event, weak=False)

    def _on_event(
        self, sender: object, event: ScriptRunnerEvent, **kwargs: object
    ) -> None:
        if event == ScriptRunnerEvent.SHUTDOWN:
            self.finished.set()

    # 1.28 passes (ctx, event, premature_stop); later releases add a run
    # descriptor.
    def _on_script_finished(self, ctx, event, premature_stop, *rest) -> None:  # type: ignore[no-untyped-def]
        super()._on_script_finished(ctx, event, premature_stop, *rest)
        try:
            self.after_run(self.done_runs, self.state)
        except BaseException as e:  # reported by run_many
            self.errors.append(e)
            return
        self.done_runs += 1
        self.remaining -= 1
        if self.remaining > 0:
            self.request_rerun(self.rerun_data(self.done_runs))

    def rerun_data(self, i: int) -> RerunData:
        return RerunData(widget_states=self.states(i, self.state), page_name=self.page)

    def close(self, timeout: float) -> None:
        """Wait for the script thread, then close the loop it used."""
        if self._script_thread is not None:
            self._script_thread.join(timeout)
        loop = self.session.loop
        if loop is not None and not self._script_thread_alive():
            loop.close()

    def _script_thread_alive(self) -> bool:
        return self._script_thread is not None and self._script_thread.is_alive()


def _fresh_runtime() -> MagicMock:
    """The Runtime a script run expects, with real managers as AppTest's has."""
    runtime = MagicMock(spec=Runtime)
    runtime.media_file_mgr = MediaFileManager(MemoryMediaFileStorage("/mock/media"))
    runtime.cache_storage_manager = MemoryCacheStorageManager()
    if _has_module("streamlit.runtime.dataframe_source_manager"):
        # Pruned after every run since 1.5x; a mock would record each call.
        from streamlit.runtime.dataframe_source_manager import DataframeSourceManager

        runtime.dataframe_source_mgr = DataframeSourceManager()
    return runtime


@contextmanager
def _no_cached_pages() -> Iterator[None]:
    """Forget which pages the process has seen, and restore that afterwards.

    1.28 caches one main script's pages per process (source_util); later
    releases remember once per process whether the app has a pages/ folder
    (PagesManager.uses_pages_directory).
    """
    if hasattr(source_util, "_pages_cache_lock"):
        with source_util._pages_cache_lock:
            saved = source_util._cached_pages
            source_util._cached_pages = None
        try:
            yield
        finally:
            with source_util._pages_cache_lock:
                source_util._cached_pages = saved
        return
    from streamlit.runtime.pages_manager import PagesManager

    saved_flag = PagesManager.uses_pages_directory
    PagesManager.uses_pages_directory = None
    try:
        yield
    finally:
        PagesManager.uses_pages_directory = saved_flag


@contextmanager
def mock_runtime() -> Iterator[None]:
    """The Runtime a script run expects, as AppTest provides it, and no
    remembered pages (Streamlit keeps one main script's pages per process)."""
    saved = Runtime._instance
    Runtime._instance = _fresh_runtime()
    try:
        with _no_cached_pages():
            yield
    finally:
        Runtime._instance = saved


def run_many(
    path: str,
    runs: int,
    states: BrowserStates = lambda i, s: None,
    after_run: Callable[[int, SessionState], None] = lambda i, s: None,
    state: SessionState | None = None,
    timeout: float = 120,
    own_runtime: bool = True,
    page: str = "",
) -> SessionState:
    """Run the script at ``path`` ``runs`` times in one session; return its state.

    ``path`` is the app's main script; ``page`` names one of its pages/ to run
    instead (Streamlit caches one main script's pages per process). Sessions
    run at the same time share one ``mock_runtime()`` (own_runtime=False).
    """
    with ExitStack() as stack:
        if own_runtime:
            stack.enter_context(mock_runtime())
        session = Session(path, state)
        runner = _ChainedRunner(session, runs, states, after_run, page)
        stack.callback(runner.close, timeout)
        runner.request_rerun(runner.rerun_data(0))
        runner.start()
        if not runner.finished.wait(timeout):
            runner.request_stop()
            raise TimeoutError(f"{runs} runs did not finish in {timeout} s")
    if runner.errors:
        raise runner.errors[0]
    if runner.done_runs != runs:
        raise AssertionError(f"ran {runner.done_runs} of {runs} runs")
    return session.state


def widget_id(state: SessionState, key: str) -> str:
    """The widget id Streamlit gave the widget with user key ``key``."""
    wid = state._get_widget_id(key)
    if wid == key:
        raise KeyError(f"no widget has the key {key!r}")
    return wid


def browser_pick(
    state: SessionState, key: str, picked: int | Sequence[int]
) -> WidgetState:
    """The message a browser sends when the user picks options of a widget.

    ``picked`` is the position of one option (or a list or tuple of positions)
    among the options the last run showed for the widget with user key
    ``key``. The release's own session state serializes the pick with that
    widget's metadata, into the field the release's browser fills: an index
    on 1.28, a label since.
    """
    wid = widget_id(state, key)
    metadata = state._new_widget_state.widget_metadata[wid]
    from streamlit.class_identity.release import options_of  # the patched wheel's

    options = options_of(metadata)
    assert options is not None, f"{key!r} is no option widget"
    if isinstance(picked, int):
        value: Any = options[picked]
    else:
        value = type(picked)(options[i] for i in picked)
    one_widget = WStates()
    one_widget.widget_metadata[wid] = metadata
    one_widget.states[wid] = Value(value)
    message = one_widget.get_serialized(wid)
    if message is None:
        raise AssertionError(f"{key!r}: the release serialized no message")
    return message
