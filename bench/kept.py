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

Writes ``bench/results/kept-<release>.md``, and the tables of every release
measured into the project README.
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
    from streamlit import config, source_util

    from bench import reruns as harness
    from bench.apps import timings

    config.set_option("runner.postScriptGC", False)
    harness.fake_runtime()
    timings.measure_floor = True
    found = {}
    for app in APPS:
        if hasattr(source_util, "_cached_pages"):  # 1.28's pages, process-wide
            source_util._cached_pages = None
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


# The no-class records app, and the same app keeping nothing (what any rerun
# of it costs): whole reruns, patched against stock.
OVERHEAD_APPS = {
    "records": "bench/apps/kept_records.py",
    "nothing": "bench/apps/kept_nothing.py",
}


def overhead(stock: str, patched: str) -> dict[str, Any]:
    """Whole reruns of each overhead app, all four sides alternating rerun
    by rerun (so that both apps see the same machine)."""
    from bench import run

    found = {}
    for name, script in OVERHEAD_APPS.items():
        app = run.App(name, script, "0", batches=8, most=300, least=50,
                      budget=4.0, warmup=5)  # fmt: skip
        result = run.reruns(app, {"stock": stock, "patched": patched})
        times = result["times"]
        pooled = {side: statistics.median([t for batch in runs for t in batch])
                  for side, runs in times.items()}  # fmt: skip
        found[name] = {
            "medians": pooled,
            "batches": [
                statistics.median(p) / statistics.median(s) - 1
                for s, p in zip(times["stock"], times["patched"])
            ],
            "reruns": sum(len(batch) for batch in times["stock"]),
        }
    return found


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
        "Whole reruns of the records app whose script defines no class, and of "
        "the same app keeping nothing (stock and patched alternating rerun by "
        "rerun; the kept values' share is the difference of the two overheads; "
        "target: within 2 % of stock):",
        "",
        "| Python | app | reruns a side | stock | patched | patched / stock "
        "| batches |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for python, side in sides.items():
        ratios = {}
        for name, o in side["overhead"].items():
            ratio = ratios[name] = o["medians"]["patched"] / o["medians"]["stock"] - 1
            spread = ", ".join(f"{b:+.1%}" for b in o["batches"])
            lines.append(
                f"| {python} | {_OVERHEAD_NAMES[name]} | {o['reruns']} | "
                f"{_ms(o['medians']['stock'])} | {_ms(o['medians']['patched'])} | "
                f"{ratio:+.1%} | {spread} |"
            )
        share = ratios["records"] - ratios["nothing"]
        lines.append(
            f"| {python} | the 100,000 kept records' share | | | | {share:+.1%} | |"
        )
    return "\n".join(lines)


_OVERHEAD_NAMES = {
    "records": "100,000 records, no class",
    "nothing": "the same keeping nothing",
}


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
    (RESULTS / f"kept-{release}.md").write_text(
        f"# Reading kept values: streamlit {release}\n\n{body}\n"
    )
    from bench.readme import replace_between

    sections = []
    for path in sorted(RESULTS.glob("kept-*.md"), reverse=True):  # newest first
        title, text = path.read_text().split("\n", 1)
        sections.append(f"#### {title.removeprefix('# ')}\n{text.strip()}")
    replace_between(ROOT / "README.md", BEGIN, END, "\n\n".join(sections))
    print(body)


if __name__ == "__main__":
    main()
