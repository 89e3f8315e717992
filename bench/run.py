"""``make bench``: run every in-process benchmark side by side, merge, report, plot.

Run by the bench venv (plain Python and matplotlib; no streamlit)::

    .venv/bench/bin/python -m bench.run --patched .venv/1.67.0/bin/python \
        --stock .venv/stock-1.67.0/bin/python \
        --upstream .venv/stock-1.67.0/bin/python

1. Coercion: ``bench.coerce_functions`` in ``--upstream`` (stock: upstream's
   own ``_coerce_enum``, ``maybe_coerce_enum``, ``maybe_coerce_enum_sequence``)
   and in ``--patched`` (the same names, rebound to ours; absent on 1.28),
   then ``bench.coerce_ours`` (our entry points) in ``--patched``.
2. Full reruns: one ``bench.reruns`` worker per side (stock, patched, each
   with coercion on and off; stock 1.28 has no such option) for each app,
   driven rerun by rerun in an order that rotates, so that a drift in the
   machine's speed falls on every side alike; in a few batches of fresh
   workers, pooled.

Writes ``bench/results/latest.md``, ``latest.json`` and ``cost.png``, and the
tables into ``bench/README.md`` and the project README. Intermediate files end
in ``.tmp``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
README = ROOT / "bench" / "README.md"


@dataclass(frozen=True)
class App:
    """An app for the rerun benchmark, and how many reruns to time.

    A batch times as many reruns a side as fit in ``budget`` seconds on the
    slowest side (judged by its warm-up reruns), within ``least`` and
    ``most``: stock 1.67 takes seconds for a rerun of the 10,000-option app,
    where the other sides take milliseconds.
    """

    name: str
    script: str
    select: str  # the options the browser chooses, as bench.reruns takes them
    batches: int  # worker processes per side, one after the other
    most: int  # reruns per batch and side, at most
    least: int  # and at least
    budget: float  # seconds per batch on the slowest side, about
    warmup: int

    def reruns(self, slowest: float) -> int:
        fit = int(self.budget / slowest) if slowest > 0 else self.most
        return max(self.least, min(self.most, fit))


APPS = (
    App("seed app (examples/seed_app.py), RED and GREEN", "examples/seed_app.py",
        "0,1", batches=8, most=1000, least=100, budget=4.0, warmup=50),
    App("seed app, same output on both sides (bench/apps/seed_same_output.py)",
        "bench/apps/seed_same_output.py", "0,1", batches=8, most=1000, least=100,
        budget=4.0, warmup=50),
    App("10,000-option multiselect, all selected (bench/apps/big_multiselect.py)",
        "bench/apps/big_multiselect.py", "all:10000", batches=1, most=20, least=3,
        budget=20.0, warmup=1),
)  # fmt: skip

# Stock and patched, each with runner.enumCoercion at its default (nameOnly)
# and off. Stock 1.28 has no such option: its side "stock_off" is left out.
SIDES = ("stock", "patched", "stock_off", "patched_off")
MODES = {"stock": None, "patched": None, "stock_off": "off", "patched_off": "off"}
PREFIX = "@bench "  # as in bench.reruns


def run_python(python: str, module: str, *args: str) -> None:
    command = [python, "-m", module, *args]
    print("+", " ".join(command), flush=True)
    subprocess.run(command, cwd=ROOT, check=True)


def read(path: Path) -> Any:
    return json.loads(path.read_text())


def coercion(upstream: str, patched: str) -> dict[str, Any]:
    """Upstream's functions (stock), the same names in the patched wheel, and
    our entry points, one process after the other."""
    theirs = RESULTS / "coerce-upstream.tmp"
    rebound = RESULTS / "coerce-patched.tmp"
    ours = RESULTS / "coerce-ours.tmp"
    run_python(upstream, "bench.coerce_functions", "--out", str(theirs))
    run_python(patched, "bench.coerce_functions", "--out", str(rebound))
    run_python(patched, "bench.coerce_ours", "--out", str(ours))
    result = {"upstream": read(theirs), "patched": read(rebound), "ours": read(ours)}
    if result["upstream"]["functions"] is None:
        raise SystemExit(f"{upstream}: its streamlit has no coercion functions")
    if result["upstream"]["owner"] != "upstream":
        raise SystemExit(f"{upstream}: a patched streamlit, not upstream's")
    return result


def has_coercion_option(python: str) -> bool:
    """Whether this venv's streamlit has runner.enumCoercion (1.28 has not)."""
    probe = "from streamlit import config; config.get_option('runner.enumCoercion')"
    done = subprocess.run([python, "-c", probe], cwd=ROOT, capture_output=True)
    return done.returncode == 0


class Worker:
    """A ``bench.reruns`` process holding one session of one app."""

    def __init__(self, python: str, app: App, mode: str | None) -> None:
        command = [python, "-m", "bench.reruns", "--app", app.script,
                   "--select", app.select, "--warmup", str(app.warmup)]  # fmt: skip
        if mode is not None:
            command += ["--mode", mode]
        print("+", " ".join(command), flush=True)
        self.process = subprocess.Popen(
            command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        self.env: dict[str, Any] = {}

    def wait_ready(self) -> float:
        """Wait for the warm-up; the median seconds of its reruns."""
        ready = self._ask(None)
        self.env = ready["env"]
        seconds: float = ready["warmup"]
        return seconds

    def _ask(self, command: str | None) -> Any:
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None and stdout is not None
        if command is not None:
            stdin.write(command + "\n")
            stdin.flush()
        for line in stdout:
            if line.startswith(PREFIX):
                return json.loads(line[len(PREFIX) :])
        raise RuntimeError(f"bench.reruns exited with {self.process.wait()}")

    def rerun(self) -> float:
        seconds: float = self._ask("run")
        return seconds

    def close(self) -> list[str]:
        texts: list[str] = self._ask("texts")
        self._ask_quit()
        return texts

    def _ask_quit(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("quit\n")
        self.process.stdin.close()
        self.process.wait()


def reruns(app: App, pythons: dict[str, str]) -> dict[str, Any]:
    """Rerun the app on every side in turn, the order rotating each time.

    Each batch starts a fresh worker per side: a process's own luck (memory
    layout, hash seeds) shows as the spread between batches, and is pooled.
    """
    sides = list(pythons)
    times: dict[str, list[list[float]]] = {side: [] for side in sides}
    texts: dict[str, list[str]] = {}
    envs: dict[str, Any] = {}
    for _ in range(app.batches):
        workers = {side: Worker(pythons[side], app, MODES[side]) for side in sides}
        slowest = max(worker.wait_ready() for worker in workers.values())
        count = app.reruns(slowest)
        print(f"  {count} reruns a side (slowest side's warm-up: {slowest:.4f} s)")
        batch: dict[str, list[float]] = {side: [] for side in sides}
        for i in range(count):
            for j in range(len(sides)):
                side = sides[(i + j) % len(sides)]
                batch[side].append(workers[side].rerun())
        for side, worker in workers.items():
            times[side].append(batch[side])
            texts[side] = worker.close()
            envs[side] = worker.env
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
    parser.add_argument("--patched", help="python of the patched venv")
    parser.add_argument("--stock", help="python of the stock venv")
    parser.add_argument(
        "--upstream",
        help="python of a stock venv with upstream's coercion functions (1.29+)",
    )
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="measure nothing: write the tables and the plot from latest.json",
    )
    parser.add_argument(
        "--also",
        action="append",
        default=[],
        metavar="X.Y=STOCK_PY,PATCHED_PY",
        help="rerun the apps on another interpreter too (its stock and patched venv)",
    )
    args = parser.parse_args()
    if args.report_only:
        write_results(read(RESULTS / "latest.json"))
        return
    if not (args.patched and args.stock and args.upstream):
        parser.error("--patched, --stock and --upstream are required")

    RESULTS.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    pythons = {"stock": args.stock, "patched": args.patched,
               "stock_off": args.stock, "patched_off": args.patched}  # fmt: skip
    if not has_coercion_option(args.stock):
        del pythons["stock_off"]
    results = {
        "machine": machine(),
        "coercion": coercion(args.upstream, args.patched),
        "reruns": [reruns(app, pythons) for app in APPS],
        "reruns_other": {},
    }
    for spec in args.also:
        python, venvs = spec.split("=", 1)
        stock, patched = venvs.split(",")
        sides = {"stock": stock, "patched": patched,
                 "stock_off": stock, "patched_off": patched}  # fmt: skip
        if not has_coercion_option(stock):
            del sides["stock_off"]
        results["reruns_other"][python] = [reruns(app, sides) for app in APPS]
    results["machine"]["wall_seconds"] = round(time.perf_counter() - started)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=1) + "\n")
    for tmp in RESULTS.glob("*.tmp"):
        tmp.unlink()
    write_results(results)


def write_results(results: dict[str, Any]) -> None:
    """latest.md, the README tables and cost.png, from the merged results."""
    from bench import plot, readme, report  # plot: in the bench venv only

    markdown = report.markdown(results)
    (RESULTS / "latest.md").write_text(markdown)
    readme.update_bench_readme(README, markdown)
    readme.update_project_readme(ROOT / "README.md", report.summary(results))
    plot.cost_plot(results["coercion"], RESULTS / "cost.png")
    print(markdown)


if __name__ == "__main__":
    main()
