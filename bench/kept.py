"""``make bench-kept``: what reading kept values costs, patched against stock.

Two parts, both against stock of the same release in the same run:

1. The first read of a kept value in each run, measured by the app itself
   (``bench/apps/timings.py``) beside the physical floor, a C-level
   ``type()`` scan of the same list, for 100,000 JSON-like records (an app
   that defines no class; one that defines classes) and 100,000 Enum
   members. A worker per venv (``--measure``) reruns each app in a session
   of ``bench.reruns`` and reports the medians.
2. Whole reruns of the records app that defines no class, and of the same
   app keeping nothing, patched and stock alternating rerun by rerun
   (``bench.run.reruns``): such an app must pay nothing for its kept values.

Run by the bench venv::

    .venv/bench/bin/python -m bench.kept \
        --side "3.11=.venv/stock-1.67.0/bin/python,.venv/1.67.0/bin/python"

Writes ``bench/results/kept-<release>.md``, and the tables of every release
measured into the project README. ``BENCH_QUICK=1``: a few reruns.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
from typing import Any

from bench.common import QUICK, RESULTS, ROOT

# app -> (what it keeps, objects read, target of the first read)
APPS = {
    "bench/apps/kept_records.py": (
        "100,000 records, script defines no class", 100_000, "well under 1 ms"),
    "bench/apps/kept_records_classes.py": (
        "100,000 records, script defines classes", 100_000, "≤ 25 ms"),
    "bench/apps/kept_members.py": (
        "100,000 Enum members of the previous run", 100_000, "≤ 25 ms"),
}  # fmt: skip
# The no-class records app, and the same app keeping nothing (what any rerun
# of it costs); records of the script's own classes, which its class
# statements keep: whole reruns, patched against stock. name -> (script,
# records it keeps (BENCH_RECORDS), target).
OVERHEAD_APPS = {
    "100,000 records, no class": ("bench/apps/kept_records.py", 0, "within 2 %"),
    "the same keeping nothing": ("bench/apps/kept_nothing.py", 0, ""),
    "10,000 records of script classes": (
        "bench/apps/kept_dataclasses.py", 10_000, "within 10 %"),
    "1,000,000 records of script classes": (
        "bench/apps/kept_dataclasses.py", 1_000_000, "≤ 1 ms over stock"),
}  # fmt: skip
# One update after a layout edit (a field added with a default): the records
# the edited class moves, and the target.
EDITED_RECORDS = 100_000
EDIT_TARGET = "≤ 25 ms per 100,000 objects"
RERUNS = 3 if QUICK else 30
PREFIX = "@kept "


def measure() -> None:
    """In a venv with streamlit: the medians of each app's own timings."""
    import streamlit
    from streamlit import config

    from bench.apps import timings
    from bench.reruns import Session, mock_runtime, pick, rerun, texts

    config.set_option("runner.postScriptGC", False)
    timings.measure_floor = True
    found = {}
    for app in APPS:
        with mock_runtime():
            session = Session(str(ROOT / app))
            # The page load, where the app keeps its values.
            states = pick(session, rerun(session, None), [0])
            timings.first_read.clear()
            timings.floor.clear()
            elapsed = [rerun(session, states).elapsed for _ in range(RERUNS)]
            found[app] = {
                "first_read": statistics.median(timings.first_read),
                "floor": statistics.median(timings.floor),
                "rerun": statistics.median(elapsed),
                "texts": texts(rerun(session, states).messages),
            }
    edit = measure_edit() if _patched() else None
    print(
        PREFIX
        + json.dumps({"version": streamlit.__version__, "apps": found, "edit": edit})
    )


def _patched() -> bool:
    import importlib.util

    return importlib.util.find_spec("streamlit.class_identity") is not None


def measure_edit() -> dict[str, float]:
    """The edit's rerun of the tracker app keeping ``EDITED_RECORDS`` records,
    its class given a field with a default (saved, as a user saves the
    script), against the median rerun before it: what the update costs."""
    import gc
    import os
    import tempfile
    from pathlib import Path

    from streamlit import config

    from bench.reruns import Session, mock_runtime, pick, rerun

    config.set_option("runner.postScriptGC", False)  # as bench.reruns runs
    os.environ["BENCH_RECORDS"] = str(EDITED_RECORDS)
    source = (ROOT / "bench/apps/kept_dataclasses.py").read_text()
    edited = source.replace(
        "    tags: list = field(default_factory=list)\n",
        "    tags: list = field(default_factory=list)\n    owner: str = ''\n",
    )
    assert edited != source
    found: dict[str, list[float]] = {"steady": [], "edit": []}
    with tempfile.TemporaryDirectory() as tmp, mock_runtime():
        script = Path(tmp) / "tracker.py"
        for _ in range(1 if QUICK else 5):
            script.write_text(source)
            session = Session(str(script))
            states = pick(session, rerun(session, None), [0])
            gc.collect()
            gc.freeze()  # the records: what a live server's GC has settled
            steady = [rerun(session, states).elapsed for _ in range(5)]
            gc.unfreeze()  # a live server freezes nothing: the edit finds them all
            script.write_text(edited)
            session.script_cache.clear()  # as the file watcher does on a save
            found["steady"].append(statistics.median(steady))
            found["edit"].append(rerun(session, states).elapsed)
    return {
        "steady": statistics.median(found["steady"]),
        "edit": statistics.median(found["edit"]),
    }


def run_worker(python: str) -> dict[str, Any]:
    command = [python, "-m", "bench.kept", "--measure"]
    print("+", " ".join(command), flush=True)
    done = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)
    for line in done.stdout.splitlines():
        if line.startswith(PREFIX):
            found: dict[str, Any] = json.loads(line[len(PREFIX) :])
            return found
    raise SystemExit(f"{python}: no result\n{done.stderr[-2000:]}")


def overhead(stock: str, patched: str) -> dict[str, Any]:
    """Whole reruns of each overhead app, stock and patched alternating."""
    import os

    from bench import run

    found = {}
    for name, (script, records, _) in OVERHEAD_APPS.items():
        os.environ["BENCH_RECORDS"] = str(records)  # the workers' environment
        app = run.App(
            name, script, "0", batches=8, most=300, least=50, budget=4.0, warmup=5
        )
        found[name] = run.reruns(app, {"stock": stock, "patched": patched})["times"]
    return found


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:.3g} ms"


def _ns(seconds: float) -> str:
    return f"{seconds * 1e9:.3g} ns"


def report(sides: dict[str, dict[str, Any]]) -> str:
    """The markdown tables: one row an app and interpreter."""
    from bench.report import pooled
    from tools.markdown import table

    reads, reruns, edits = [], [], []
    for python, side in sides.items():
        for app, (what, count, target) in APPS.items():
            s, p = side["stock"]["apps"][app], side["patched"]["apps"][app]
            reads.append([python, what, _ms(s["first_read"]), _ms(p["first_read"]),
                          _ns(p["first_read"] / count), _ns(p["floor"] / count),
                          f"{p['first_read'] / p['floor']:.1f}×", target,
                          f"{_ms(s['rerun'])} → {_ms(p['rerun'])}"])  # fmt: skip
        ratios = {}
        for name, times in side["overhead"].items():
            stock, patched = pooled(times["stock"]), pooled(times["patched"])
            ratios[name] = patched / stock - 1
            batches = [statistics.median(p) / statistics.median(s) - 1
                       for s, p in zip(times["stock"], times["patched"])]  # fmt: skip
            reruns.append([python, name, str(sum(map(len, times["stock"]))),
                           _ms(stock), _ms(patched), f"{ratios[name]:+.1%}",
                           _ms(patched - stock), OVERHEAD_APPS[name][2],
                           ", ".join(f"{b:+.1%}" for b in batches)])  # fmt: skip
        first, second = list(OVERHEAD_APPS)[:2]
        share = f"{ratios[first] - ratios[second]:+.1%}"
        reruns.append([python, "the 100,000 kept records' share", "", "", "",
                       share, "", "within 2 %", ""])  # fmt: skip
        edit = side["patched"]["edit"]
        cost = edit["edit"] - edit["steady"]
        per = cost * 100_000 / EDITED_RECORDS
        edits.append([python, f"{EDITED_RECORDS:,}", _ms(edit["steady"]),
                      _ms(edit["edit"]), _ms(cost), _ms(per), _ms(per / 2),
                      EDIT_TARGET])  # fmt: skip
    return "\n".join([
        table("Python | kept in session state | first read, stock | first read, "
              "patched | per object, patched | floor: type() scan, per object | "
              "patched / floor | target | rerun, stock → patched", reads, "llrrrrrlr"),
        "",
        "Whole reruns, stock and patched alternating rerun by rerun: the records "
        "app whose script defines no class and the same app keeping nothing "
        "(the kept values' share is the difference of the two overheads), and "
        "the task tracker keeping records of its own classes "
        "(`bench/apps/kept_dataclasses.py`), which its class statements keep:",
        "",
        table("Python | app | reruns a side | stock | patched | patched / stock | "
              "patched − stock | target | batches", reruns, "llrrrrrll"),
        "",
        "One update after a layout edit: the tracker keeping "
        f"{EDITED_RECORDS:,} records, its record class given a field with a "
        "default between two reruns (the file saved, as a user saves it), patched "
        "only: the edit's rerun against the median rerun before it (median of 5 "
        "sessions). Each record holds a list: two objects a record.",
        "",
        table("Python | records | rerun before | rerun of the edit | update | "
              "per 100,000 records | per 100,000 objects | target", edits,
              "lrrrrrrl"),
    ])  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--measure", action="store_true", help="worker: measure here")
    parser.add_argument(
        "--side",
        action="append",
        default=[],
        metavar="NAME=STOCK_PY,PATCHED_PY",
        help="an interpreter's stock and patched venvs (repeatable)",
    )
    args = parser.parse_args()
    if args.measure:
        measure()
        return
    sides: dict[str, dict[str, Any]] = {}
    for spec in args.side:
        name, pythons = spec.split("=", 1)
        stock, patched = pythons.split(",")
        sides[name] = {
            "stock": run_worker(stock),
            "patched": run_worker(patched),
            "overhead": overhead(stock, patched),
        }
    release = next(iter(sides.values()))["stock"]["version"]
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    body = (
        f"Last run: {stamp}, streamlit {release}, `make bench-kept`. First read: "
        "the run's first `st.session_state` read of the kept value, timed by the "
        f"app; median of {RERUNS} reruns.\n\n" + report(sides)
    )
    (RESULTS / f"kept-{release}.md").write_text(
        f"# Reading kept values: streamlit {release}\n\n{body}\n"
    )
    from tools.markdown import write_section

    sections = []
    for path in sorted(RESULTS.glob("kept-*.md"), reverse=True):  # newest first
        title, text = path.read_text().split("\n", 1)
        sections.append(f"#### {title.removeprefix('# ')}\n{text.strip()}")
    write_section(ROOT / "README.md", "bench:kept", "\n\n".join(sections))
    print(body)


if __name__ == "__main__":
    main()
