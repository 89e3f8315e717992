"""Where a rerun's time goes: the class-identity hooks, timed inside reruns.

Not part of ``make bench`` (which times whole reruns only). Run by a patched
or a stock venv, the same session as ``bench.reruns``::

    .venv/1.67.0/bin/python -m bench.hooks --app bench/apps/seed_same_output.py
    .venv/stock-1.67.0/bin/python -m bench.hooks --app bench/apps/seed_same_output.py

Each entry point the patches call into (and, on both sides, the multiselect's
own coercion and validation steps) is wrapped where its caller looks it up,
with a clock around it; the figures are the median over the reruns of each
hook's time in a rerun, in microseconds (a median, as a shared machine's
rare preemption of a few milliseconds would swamp a mean), with the
wrappers' own cost (a fraction of a microsecond a call) included. Nested
calls are not wrapped, so the lines do not overlap.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import statistics
import time
from pathlib import Path
from typing import Any, Callable

import streamlit
from streamlit import config

from bench.reruns import (
    Session,
    fake_runtime,
    multiselect,
    parse_selection,
    selection,
    value_type,
)

# (module where the caller looks the name up, name): on every release the
# wheel is built for; a name a release lacks is skipped.
HOOKS = (
    ("streamlit.class_identity.widget_values", "registered"),
    ("streamlit.class_identity.widget_values", "browser_value"),
    ("streamlit.class_identity.session_values", "current"),
    ("streamlit.class_identity.session_values", "running_script"),
    ("streamlit.class_identity.labels", "first_index"),
    ("streamlit.elements.widgets.multiselect", "coerce_argument"),
    ("streamlit.elements.widgets.multiselect", "maybe_coerce_enum_sequence"),
    (
        "streamlit.elements.widgets.multiselect",
        "validate_and_sync_multiselect_value_with_options",
    ),
)


class Clock:
    """Nanoseconds and calls, by hook."""

    def __init__(self) -> None:
        self.totals: dict[str, list[int]] = {}

    def wrap(self, module_name: str, name: str) -> None:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            return
        function = getattr(module, name, None)
        if function is None:
            return
        label = f"{module_name.rsplit('.', 1)[-1]}.{name}"
        setattr(module, name, self._timed(label, function))

    def _timed(self, label: str, function: Callable[..., Any]) -> Callable[..., Any]:
        clock = time.perf_counter_ns
        total = self.totals.setdefault(label, [0, 0])

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = clock()
            try:
                return function(*args, **kwargs)
            finally:
                total[0] += clock() - start
                total[1] += 1

        return timed

    def take(self) -> dict[str, tuple[int, int]]:
        """Nanoseconds and calls by hook since the last take."""
        taken = {label: (t[0], t[1]) for label, t in self.totals.items()}
        for total in self.totals.values():
            total[0] = total[1] = 0
        return taken


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--app", default="bench/apps/seed_same_output.py")
    parser.add_argument("--select", default="0,1", help="as bench.reruns takes it")
    parser.add_argument("--reruns", type=int, default=3000)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--mode", help="runner.enumCoercion (1.28: patched only)")
    args = parser.parse_args()

    clock = Clock()
    for module_name, name in HOOKS:
        clock.wrap(module_name, name)
    config.set_option("runner.postScriptGC", False)
    if args.mode is not None:
        config.set_option("runner.enumCoercion", args.mode)
    fake_runtime()
    session = Session(str(Path(args.app).resolve()))
    element = multiselect(session.rerun(None).messages)
    kind = value_type(session, element.id)
    states = selection(element, kind, parse_selection(args.select))
    for _ in range(args.warmup):
        session.rerun(states)
    gc.collect()
    gc.freeze()
    clock.take()
    times = []
    per_rerun: dict[str, list[int]] = {label: [] for label in clock.totals}
    calls: dict[str, int] = dict.fromkeys(clock.totals, 0)
    for _ in range(args.reruns):
        gc.collect()
        times.append(session.rerun(states).elapsed)
        for label, (nanoseconds, count) in clock.take().items():
            per_rerun[label].append(nanoseconds)
            calls[label] += count
    print(
        f"streamlit {streamlit.__version__}, {args.app}: median rerun "
        f"{statistics.median(times) * 1e6:.1f} µs over {args.reruns} reruns"
    )
    medians = {label: statistics.median(ns) / 1e3 for label, ns in per_rerun.items()}
    for label in sorted(medians, key=lambda label: -medians[label]):
        if calls[label]:
            print(
                f"  {label:58s} {medians[label]:7.2f} µs/rerun"
                f"  {calls[label] / args.reruns:4.1f} calls"
            )


if __name__ == "__main__":
    main()
