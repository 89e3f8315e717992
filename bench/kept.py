"""``make bench-kept``: what reading kept values costs, patched against stock.

Two parts, both against stock of the same release in the same run:

1. The first read of a kept value in each run, measured by the app itself
   (``bench/apps/timings.py``) beside the physical floor, a C-level
   ``type()`` scan of the same list, for 100,000 JSON-like records (an app
   that defines no class; one that defines classes) and 100,000 Enum
   members. A worker per venv (``--measure``) reruns each app through
   ``bench.reruns``' session harness and reports the medians.
2. Whole reruns of the records app that defines no class, patched and stock
   alternating rerun by rerun (``bench.run.reruns``): such an app must pay
   nothing for its kept values.

Run by the bench venv::

    .venv/bench/bin/python -m bench.kept \
        --side "3.11=.venv/stock-1.67.0/bin/python,.venv/1.67.0/bin/python"

Writes ``bench/results/kept.md`` and its table into the project README.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
BEGIN = "<!-- bench:kept begin (written by make bench-kept) -->"
END = "<!-- bench:kept end -->"

# app -> (what it keeps, objects read, target of the first read)
APPS = {
    "bench/apps/kept_records.py": (
        "100,000 records, script defines no class", 100_000, "well under 1 ms"),
    "bench/apps/kept_records_classes.py": (
        "100,000 records, script defines classes", 100_000, "≤ 25 ms"),
    "bench/apps/kept_members.py": (
        "100,000 Enum members of the previous run", 100_000, "≤ 25 ms"),
}  # fmt: skip
RERUNS = 30
PREFIX = "@kept "


def measure(reruns: int) -> None:
    """In a venv with streamlit: the medians of each app's own timings."""
    sys.path.insert(0, str(ROOT))
    import streamlit
    from streamlit import config

    from bench import reruns as harness
    from bench.apps import timings

    config.set_option("runner.postScriptGC", False)
    harness.fake_runtime()
    timings.measure_floor = True
    found = {}
    for app in APPS:
        session = harness.Session(str(ROOT / app))
        first = session.rerun(None)  # the page load: the app keeps its values
        element = harness.multiselect(first.messages)
        kind = harness.value_type(session, element.id)
        states = harness.selection(element, kind, [0])
        timings.first_read.clear()
        timings.floor.clear()
        elapsed = []
        for _ in range(reruns):
            elapsed.append(session.rerun(states).elapsed)
        found[app] = {
            "first_read": statistics.median(timings.first_read),
            "floor": statistics.median(timings.floor),
            "rerun": statistics.median(elapsed),
            "texts": harness.texts(session.rerun(states).messages),
        }
    print(PREFIX + json.dumps({"version": streamlit.__version__, "apps": found}))


def run_worker(python: str) -> dict[str, Any]:
    command = [python, "-m", "bench.kept", "--measure", "--reruns", str(RERUNS)]
    print("+", " ".join(command), flush=True)
    done = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)
    for line in done.stdout.splitlines():
        if line.startswith(PREFIX):
            found: dict[str, Any] = json.loads(line[len(PREFIX) :])
            return found
    raise SystemExit(f"{python}: no result\n{done.stderr[-2000:]}")


def overhead(stock: str, patched: str) -> dict[str, Any]:
    """Whole reruns of the no-class records app, the sides alternating."""
    from bench.run import App, reruns

    app = App("records, no class", "bench/apps/kept_records.py", "0",
              batches=8, most=300, least=50, budget=4.0, warmup=5)  # fmt: skip
    result = reruns(app, {"stock": stock, "patched": patched})
    pooled = {side: [t for batch in times for t in batch]
              for side, times in result["times"].items()}  # fmt: skip
    medians = {side: statistics.median(times) for side, times in pooled.items()}
    batches = [
        statistics.median(p) / statistics.median(s) - 1
        for s, p in zip(result["times"]["stock"], result["times"]["patched"])
    ]
    return {"medians": medians, "batches": batches, "reruns": len(pooled["stock"])}


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:.3g} ms"


def _ns(seconds: float) -> str:
    return f"{seconds * 1e9:.3g} ns"


def report(sides: dict[str, dict[str, Any]]) -> str:
    """The markdown tables: one row an app and interpreter."""
    lines = [
        "| Python | kept in session state | first read, stock | first read, "
        "patched | per object, patched | floor: type() scan, per object | "
        "patched / floor | target | rerun, stock → patched |",
        "|---|---|---:|---:|---:|---:|---:|---|---:|",
    ]
    for python, side in sides.items():
        for app, (what, count, target) in APPS.items():
            s, p = side["stock"]["apps"][app], side["patched"]["apps"][app]
            lines.append(
                f"| {python} | {what} | {_ms(s['first_read'])} | "
                f"{_ms(p['first_read'])} | {_ns(p['first_read'] / count)} | "
                f"{_ns(p['floor'] / count)} | "
                f"{p['first_read'] / p['floor']:.1f}× | {target} | "
                f"{_ms(s['rerun'])} → {_ms(p['rerun'])} |"
            )
    lines += [
        "",
        "Whole reruns of the records app whose script defines no class "
        "(stock and patched alternating rerun by rerun; target: within 2 % of stock):",
        "",
        "| Python | reruns a side | stock | patched | patched / stock | batches |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for python, side in sides.items():
        o = side["overhead"]
        ratio = o["medians"]["patched"] / o["medians"]["stock"] - 1
        spread = ", ".join(f"{b:+.1%}" for b in o["batches"])
        lines.append(
            f"| {python} | {o['reruns']} | {_ms(o['medians']['stock'])} | "
            f"{_ms(o['medians']['patched'])} | {ratio:+.1%} | {spread} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--measure", action="store_true", help="worker: measure here")
    parser.add_argument("--reruns", type=int, default=RERUNS)
    parser.add_argument(
        "--side",
        action="append",
        default=[],
        metavar="NAME=STOCK_PY,PATCHED_PY",
        help="an interpreter's stock and patched venvs (repeatable)",
    )
    args = parser.parse_args()
    if args.measure:
        measure(args.reruns)
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
        "app; median of "
        f"{RERUNS} reruns.\n\n" + report(sides)
    )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "kept.md").write_text(f"# Reading kept values\n\n{body}\n")
    from bench.readme import replace_between

    replace_between(ROOT / "README.md", BEGIN, END, body)
    print(body)


if __name__ == "__main__":
    main()
