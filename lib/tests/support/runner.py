"""Run an app script many times through Streamlit's own ScriptRunner, fast.

AppTest waits for each run in 0.1 s polling steps; here one ScriptRunner
thread runs the script again as soon as a run finishes, with the widget
states a browser would send, so thousands of reruns take seconds.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Callable, Iterator, Optional
from unittest.mock import MagicMock

from streamlit import source_util
from streamlit.proto.WidgetStates_pb2 import WidgetStates
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

# Called before each run with (run number, session state): the browser's
# widget states for that run, or None for a run without them.
BrowserStates = Callable[[int, SessionState], Optional[WidgetStates]]


class _ChainedRunner(ScriptRunner):
    def __init__(
        self,
        path: str,
        state: SessionState,
        runs: int,
        states: BrowserStates,
        after_run: Callable[[int, SessionState], None],
        page: str,
    ) -> None:
        self.state = state
        self.page = page
        self.remaining = runs
        self.done_runs = 0
        self.states = states
        self.after_run = after_run
        self.finished = threading.Event()
        self.errors: list[BaseException] = []
        super().__init__(
            session_id=f"runner-{id(self)}",
            main_script_path=path,
            session_state=state,
            uploaded_file_mgr=MemoryUploadedFileManager("/mock/upload"),
            script_cache=ScriptCache(),
            initial_rerun_data=RerunData(),
            user_info={"email": "test@example.com"},
        )
        self.on_event.connect(self._on_event, weak=False)

    def _on_event(
        self, sender: object, event: ScriptRunnerEvent, **kwargs: object
    ) -> None:
        if event == ScriptRunnerEvent.SHUTDOWN:
            self.finished.set()

    def _on_script_finished(self, ctx, event, premature_stop) -> None:  # type: ignore[no-untyped-def]
        super()._on_script_finished(ctx, event, premature_stop)
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


@contextmanager
def mock_runtime() -> Iterator[None]:
    """The Runtime a script run expects, as AppTest provides it, and an empty
    pages cache (Streamlit caches one main script's pages per process)."""
    runtime = MagicMock(spec=Runtime)
    runtime.media_file_mgr = MediaFileManager(MemoryMediaFileStorage("/mock/media"))
    runtime.cache_storage_manager = MemoryCacheStorageManager()
    saved = Runtime._instance
    Runtime._instance = runtime
    with source_util._pages_cache_lock:
        saved_pages = source_util._cached_pages
        source_util._cached_pages = None
    try:
        yield
    finally:
        Runtime._instance = saved
        with source_util._pages_cache_lock:
            source_util._cached_pages = saved_pages


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
    if own_runtime:
        with mock_runtime():
            return run_many(path, runs, states, after_run, state, timeout, False, page)
    session_state = state if state is not None else SessionState()
    runner = _ChainedRunner(path, session_state, runs, states, after_run, page)
    runner.request_rerun(runner.rerun_data(0))
    runner.start()
    if not runner.finished.wait(timeout):
        raise TimeoutError(f"{runs} runs did not finish in {timeout} s")
    runner._script_thread.join(timeout)  # type: ignore[union-attr]
    if runner.errors:
        raise runner.errors[0]
    if runner.done_runs != runs:
        raise AssertionError(f"ran {runner.done_runs} of {runs} runs")
    return session_state


def widget_id(state: SessionState, key: str) -> str:
    """The widget id Streamlit gave the widget with user key ``key``."""
    return state._key_id_mapping[key]
