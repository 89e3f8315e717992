"""One app in one session (bench/README.md), rerun on request, in a release's venv:
after the page load and ``--warmup`` reruns a ready line, then a line a command read
on stdin: ``run`` (one rerun: its seconds, the app's own timings, what it wrote) or
``reload`` (the script cache cleared, as on a save). Answers are stdout lines that
start with ``@bench``, in JSON. ``--count N``: N reruns, then exit (for callgrind)."""

import argparse
import gc
import itertools
import json
import os
import platform
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "@bench "
# BENCH_QUICK=1: a few reruns and one value a benchmark, every table shown.
QUICK = os.environ.get("BENCH_QUICK") == "1"


def rerun(session: Any, states: Any) -> tuple[float, list[Any]]:
    """A new ScriptRunner run on this thread with the browser's ``states``: the
    seconds of its ``_run_script``, and the elements it sent."""
    from streamlit.runtime.scriptrunner import RerunData, ScriptRunner

    runner = ScriptRunner(**session.runner_arguments(RerunData(widget_states=states)))
    sent, elapsed, run_script = [], [], runner._run_script

    def timed(rerun_data: Any) -> None:
        start = time.perf_counter()
        run_script(rerun_data)
        elapsed.append(time.perf_counter() - start)

    runner.on_event.connect(
        lambda _, **k: sent.append(k.get("forward_msg")), weak=False
    )
    runner._run_script = timed  # type: ignore[method-assign]
    runner._script_thread = threading.current_thread()
    runner._run_script_thread()
    return elapsed[0], [m.delta.new_element for m in sent if m and m.HasField("delta")]


def pick(elements: list[Any], indices: list[int]) -> Any:
    """The browser's message choosing the multiselect's options at ``indices``:
    what ``st_stub.protocol`` says this release's browser sends (the indices,
    or the labels the page load showed)."""
    from st_stub.protocol import option_state, sends_labels
    from streamlit.proto.WidgetStates_pb2 import WidgetStates

    widget = next(e.multiselect for e in elements if e.HasField("multiselect"))
    wire = (
        [widget.options[i] for i in indices] if sends_labels("multiselect") else indices
    )
    return WidgetStates(widgets=[option_state(widget.id, "multiselect", wire)])


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.worker", description=__doc__)
    parser.add_argument("app", help="the app's script")
    parser.add_argument("--select", default="0", help="indices, '0,1', or 'all:N'")
    parser.add_argument(
        "--warmup",
        type=int,
        default=5,
        choices=range(1, 1000),
        metavar="1..999",
        help="reruns before the ready line",
    )
    parser.add_argument("--mode", help="runner.enumCoercion (stock 1.28 has none)")
    parser.add_argument("--floor", action="store_true", help="apps time type() scans")
    parser.add_argument("--count", type=int, help="rerun N times, then exit")
    parser.add_argument("--layout", type=int, default=0, help="a shift of the heap")
    args = parser.parse_args()
    every, first = args.select.startswith("all:"), args.select.split(":")[-1]
    indices = [*range(int(first))] if every else [int(i) for i in first.split(",")]
    # Thousands of small objects of every size, kept while this runs, before
    # streamlit is imported: where everything else lands in memory moves.
    _heap_shift = [bytes(n % 509) for n in range(args.layout * 1009)]
    sys.path.insert(0, str(ROOT / "lib" / "tests"))
    import streamlit
    from streamlit import config, delta_generator
    from support.runner import Session, mock_runtime

    from bench.apps import timings

    config.set_option("runner.postScriptGC", False)  # collected between reruns
    if args.mode is not None:
        config.set_option("runner.enumCoercion", args.mode)
    # The warning for a script run without `streamlit run` inspects the whole
    # stack once, at the first element: not part of a rerun.
    delta_generator._use_warning_has_been_displayed = True
    timings.measure_floor = args.floor
    with mock_runtime():
        session = Session(str(Path(args.app).resolve()))
        states = pick(rerun(session, None)[1], indices)
        warmup = [rerun(session, states)[0] for _ in range(args.warmup)]
        gc.collect()
        gc.freeze()  # what the first runs left
        if args.count is not None:
            gc.disable()
            for _ in range(args.count):
                rerun(session, states)
            return
        env = {"python": platform.python_version(), "streamlit": streamlit.__version__}
        env["sends"] = states.widgets[0].WhichOneof("value")
        answer: Any = {"env": env, "warmup": statistics.median(warmup)}
        for line in itertools.chain([""], sys.stdin):  # ready, then a command a line
            if line.strip() == "run":
                gc.collect()
                del timings.first_read[:], timings.floor[:]
                seconds, elements = rerun(session, states)
                own = {"first_read": timings.first_read, "floor": timings.floor}
                answer = {"seconds": seconds, **{k: v[0] for k, v in own.items() if v}}
                wrote = [getattr(e, e.WhichOneof("type")).body for e in elements
                         if e.WhichOneof("type") in ("markdown", "text")]  # fmt: skip
                answer["texts"] = "; ".join(wrote).replace("\n", " ") or "(nothing)"
            elif line.strip() == "reload":
                session.script_cache.clear()
                gc.unfreeze()  # a live server freezes nothing: an edit finds all
            print(PREFIX + json.dumps(answer), flush=True)
            answer = None


if __name__ == "__main__":
    main()
