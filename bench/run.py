"""``make bench``: run every benchmark side by side, merge, report and plot.

Run by the bench venv (it plots with matplotlib)::

    .venv-bench/bin/python -m bench.run --patched .venv/bin/python \
        --stock .venv-stock/bin/python --upstream .venv-bench/bin/python

1. Coercion: ``bench.coerce_upstream`` (upstream's functions, newest release)
   and ``bench.coerce_ours`` (the patched wheel), one after the other.
2. Full reruns: ``bench.reruns`` for each app, in rounds that alternate the
   order of the sides (stock 1.28.2, patched, patched with coercion off), so
   that a drift in the machine's speed falls on every side alike.

Writes ``bench/results/latest.md``, ``latest.json`` and ``cost.png``, and the
table into ``bench/README.md``. Intermediate files end in ``.tmp``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
README = ROOT / "bench" / "README.md"


@dataclass(frozen=True)
class App:
    """An app for the rerun benchmark, and how many reruns to time."""

    name: str
    script: str
    select: str  # the indices the browser sends, as bench.reruns takes them
    rounds: int
    reruns: int  # per round and side
    warmup: int


APPS = (
    App("seed app (examples/seed_app.py), RED and GREEN", "examples/seed_app.py",
        "0,1", rounds=6, reruns=250, warmup=30),
    App("seed app, same output on both sides (bench/apps/seed_same_output.py)",
        "bench/apps/seed_same_output.py", "0,1", rounds=6, reruns=250, warmup=30),
    App("10,000-option multiselect, all selected (bench/apps/big_multiselect.py)",
        "bench/apps/big_multiselect.py", "all:10000", rounds=4, reruns=8, warmup=2),
)  # fmt: skip

# Side name -> (which interpreter, runner.enumCoercion or None for the default).
SIDES = ("stock", "patched", "patched_off")


def run_python(python: str, module: str, *args: str) -> None:
    command = [python, "-m", module, *args]
    print("+", " ".join(command), flush=True)
    subprocess.run(command, cwd=ROOT, check=True)


def read(path: Path) -> Any:
    return json.loads(path.read_text())


def coercion(upstream: str, patched: str) -> dict[str, Any]:
    theirs, ours = RESULTS / "coerce-upstream.tmp", RESULTS / "coerce-ours.tmp"
    run_python(upstream, "bench.coerce_upstream", "--out", str(theirs))
    run_python(patched, "bench.coerce_ours", "--out", str(ours))
    return {"upstream": read(theirs), "ours": read(ours)}


def reruns(app: App, pythons: dict[str, str]) -> dict[str, Any]:
    times: dict[str, list[list[float]]] = {side: [] for side in SIDES}
    texts: dict[str, list[str]] = {}
    envs: dict[str, Any] = {}
    for round_ in range(app.rounds):
        order = SIDES if round_ % 2 == 0 else tuple(reversed(SIDES))
        for side in order:
            out = RESULTS / f"reruns-{side}.tmp"
            mode = ["--mode", "off"] if side == "patched_off" else []
            run_python(
                pythons[side], "bench.reruns", "--app", app.script,
                "--select", app.select, "--reruns", str(app.reruns),
                "--warmup", str(app.warmup), "--out", str(out), *mode,
            )  # fmt: skip
            result = read(out)
            times[side].append(result["times"])
            texts[side] = result["texts"]
            envs[side] = result["env"]
    return {"app": app.name, "script": app.script, "times": times, "texts": texts,
            "env": envs}  # fmt: skip


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "os": platform.platform(),
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": git_commit(),
    }


def git_commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, check=True,
            capture_output=True, text=True,
        ).stdout.strip()  # fmt: skip
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "bench", "lib", "patches"],
            cwd=ROOT, check=True, capture_output=True, text=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + (" (with uncommitted changes)" if dirty else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--patched", required=True, help="python of the patched venv")
    parser.add_argument("--stock", required=True, help="python of the stock venv")
    parser.add_argument("--upstream", default=sys.executable, help="bench venv python")
    args = parser.parse_args()

    from bench import plot, report  # matplotlib: imported in the bench venv only

    RESULTS.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    pythons = {"stock": args.stock, "patched": args.patched,
               "patched_off": args.patched}  # fmt: skip
    results = {
        "machine": machine(),
        "coercion": coercion(args.upstream, args.patched),
        "reruns": [reruns(app, pythons) for app in APPS],
    }
    results["machine"]["wall_seconds"] = round(time.perf_counter() - started)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=1) + "\n")
    markdown = report.markdown(results)
    (RESULTS / "latest.md").write_text(markdown)
    report.update_readme(README, markdown)
    plot.cost_plot(results["coercion"], RESULTS / "cost.png")
    for tmp in RESULTS.glob("*.tmp"):
        tmp.unlink()
    print(markdown)


if __name__ == "__main__":
    main()
