"""Full reruns of an app, timed without AppTest's 0.1 s polling floor.

Run by the patched or the stock venv, the same code on every release, as a
worker that ``bench.run`` drives through stdin and stdout::

    .venv/1.67.0/bin/python -m bench.reruns --app examples/seed_app.py --select 0,1

It loads the page, reruns ``--warmup`` times, answers a ready line (its
environment and the median seconds of those reruns), then reruns once for
every ``run`` line it reads, answering the seconds it took; ``texts`` answers
what the app wrote in its last run; any other line ends it. Answers are the
lines that start with ``@bench``, in JSON.

The session is ``lib/tests/support/runner.py``'s, as the tests run it: what
an ``AppSession`` keeps across reruns (session state, script cache, and what
the release's ``ScriptRunner`` takes besides, read off its signature). A new
``ScriptRunner`` per rerun, as a live session starts, run on this thread to
the end; what is timed is the whole of ``_run_script``: the callbacks phase
that compares the browser's new widget states with the old ones, the script
with its widget registrations, and the cleanup. The garbage collection a live
runner does after every run (``runner.postScriptGC``) is done here between
the timed reruns (what the first runs left is frozen, to keep it short).

The first run is the page load (no widget states); the browser then sends the
multiselect's choice on every rerun: as option indices (``int_array_value``)
on 1.28, as the labels the page load showed (``string_array_value``) since.
Which one is read off the widget's registered ``value_type``.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

import streamlit
from streamlit import config
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.runtime.scriptrunner import RerunData, ScriptRunner, ScriptRunnerEvent

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "lib" / "tests"))

from support.runner import Session, mock_runtime  # noqa: E402

PREFIX = "@bench "


class TimedRunner(ScriptRunner):
    """A ScriptRunner that times its script run and keeps what it sends."""

    def __init__(self, session: Session, states: WidgetStates | None) -> None:
        super().__init__(**session.runner_arguments(RerunData(widget_states=states)))
        self.elapsed = 0.0
        self.messages: list[ForwardMsg] = []
        self.on_event.connect(self._record, weak=False)

    def _record(self, sender: Any, event: ScriptRunnerEvent, **kwargs: Any) -> None:
        if event == ScriptRunnerEvent.ENQUEUE_FORWARD_MSG:
            self.messages.append(kwargs["forward_msg"])

    def _run_script(self, rerun_data: RerunData) -> None:
        start = time.perf_counter()
        try:
            super()._run_script(rerun_data)
        finally:
            self.elapsed += time.perf_counter() - start


def rerun(session: Session, states: WidgetStates | None) -> TimedRunner:
    """One rerun of the session with the browser's ``states``, on this thread."""
    runner = TimedRunner(session, states)
    runner._script_thread = threading.current_thread()
    runner._run_script_thread()
    return runner


def elements(messages: list[ForwardMsg]) -> list[Any]:
    return [m.delta.new_element for m in messages if m.WhichOneof("type") == "delta"]


def texts(messages: list[ForwardMsg]) -> list[str]:
    """What the app wrote with st.write/st.markdown/st.text."""
    kinds = [(e, e.WhichOneof("type")) for e in elements(messages)]
    return [getattr(e, k).body for e, k in kinds if k in ("markdown", "text")]


def pick(session: Session, page_load: TimedRunner, indices: list[int]) -> WidgetStates:
    """The browser's message choosing the multiselect's options at
    ``indices``: the indices themselves, or the labels the page load showed."""
    element = next(
        e.multiselect
        for e in elements(page_load.messages)
        if e.WhichOneof("type") == "multiselect"
    )
    metadata = session.state._new_widget_state.widget_metadata[element.id]
    states = WidgetStates()
    state = states.widgets.add(id=element.id)
    if metadata.value_type == "int_array_value":
        state.int_array_value.data[:] = indices
    else:
        state.string_array_value.data[:] = [element.options[i] for i in indices]
    return states


def environment() -> dict[str, str]:
    return {"python": platform.python_version(), "streamlit": streamlit.__version__}


def reply(data: Any) -> None:
    """One line of the protocol on stdout (anything else there is ignored)."""
    print(PREFIX + json.dumps(data), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--app", required=True)
    parser.add_argument(
        "--select", required=True, help="indices, '0,1', or 'all:N' for 0..N-1"
    )
    parser.add_argument("--warmup", type=int, default=5, choices=range(1, 1000))
    parser.add_argument("--mode", help="runner.enumCoercion (1.28: patched only)")
    args = parser.parse_args()
    if args.select.startswith("all:"):
        indices = list(range(int(args.select[4:])))
    else:
        indices = [int(i) for i in args.select.split(",")]

    config.set_option("runner.postScriptGC", False)
    if args.mode is not None:
        config.set_option("runner.enumCoercion", args.mode)
    with mock_runtime():
        session = Session(str(Path(args.app).resolve()))
        states = pick(session, rerun(session, None), indices)
        last = [rerun(session, states) for _ in range(args.warmup)]
        gc.collect()
        gc.freeze()
        sends = states.widgets[0].WhichOneof("value")
        warmup = statistics.median(r.elapsed for r in last)
        reply({"env": {**environment(), "sends": sends}, "warmup": warmup})
        for line in sys.stdin:
            if line.strip() == "run":
                gc.collect()
                last = [rerun(session, states)]
                reply(last[0].elapsed)
            elif line.strip() == "texts":
                reply(texts(last[-1].messages))
            else:
                break


if __name__ == "__main__":
    main()
