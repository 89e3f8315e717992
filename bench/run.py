"""``make bench-inprocess``: the in-process benchmarks side by side, then the report.

Run by the bench venv (no streamlit)::

    .venv/bench/bin/python -m bench.run --patched .venv/1.67.0/bin/python \
        --stock .venv/stock-1.67.0/bin/python \
        --upstream .venv/stock-1.67.0/bin/python

1. Coercion: ``bench.coerce_functions`` in ``--upstream`` (stock: upstream's
   own ``_coerce_enum``, ``maybe_coerce_enum``, ``maybe_coerce_enum_sequence``)
   and in ``--patched`` (the same names, rebound to ours; absent on 1.28),
   then ``bench.coerce_ours`` (our entry points) in ``--patched``: pyperf
   files ``results/coercion-{upstream,patched,ours}.json``
   (``python -m pyperf compare_to`` compares two of them).
2. Full reruns: one ``bench.reruns`` worker per side (stock, patched, each
   with coercion on and off; stock 1.28 has no such option) for each app,
   driven rerun by rerun in an order that rotates, so that a drift in the
   machine's speed falls on every side alike; in a few batches of fresh
   workers, pooled. No library does this; it is the hand-written part.

Writes ``results/latest.md``, ``results/cost.png`` and the tables into
``bench/README.md`` and the project README; the figures go to
``results/latest.json`` (not committed), from which ``--report-only`` writes
them all again. ``BENCH_QUICK=1``: a few reruns and one value a benchmark.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import time
from dataclasses import dataclass, replace
from typing import Any

from bench.common import QUICK, RESULTS, ROOT


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
MODES = {"stock": None, "patched": None, "stock_off": "off", "patched_off": "off"}
PREFIX = "@bench "  # as in bench.reruns


def sides(stock: str, patched: str, off: bool = True) -> dict[str, str]:
    """The python of each side; with ``off``, coercion off on either side too
    (stock's only where its streamlit has the option: not 1.28)."""
    found = {"stock": stock, "patched": patched}
    if off:
        probe = "from streamlit import config; config.get_option('runner.enumCoercion')"
        if subprocess.run([stock, "-c", probe], capture_output=True).returncode == 0:
            found["stock_off"] = stock
        found["patched_off"] = patched
    return found


def coercion(upstream: str, patched: str) -> dict[str, Any]:
    """Upstream's functions (stock), the same names in the patched wheel, and
    our entry points, one process after the other: the median seconds of a
    call by benchmark name, and the metadata, of each."""
    import pyperf

    found: dict[str, Any] = {}
    for name, python, module in (
        ("upstream", upstream, "bench.coerce_functions"),
        ("patched", patched, "bench.coerce_functions"),
        ("ours", patched, "bench.coerce_ours"),
    ):
        out = RESULTS / f"coercion-{name}.json"
        out.unlink(missing_ok=True)
        command = [python, "-m", module, "--out", str(out)]
        print("+", " ".join(command), flush=True)
        subprocess.run(command, cwd=ROOT, check=True)
        if not out.exists():  # a release without upstream's functions
            found[name] = None
            continue
        suite = pyperf.BenchmarkSuite.load(str(out))
        found[name] = {
            "env": suite.get_metadata(),
            "times": {b.get_name(): b.median() for b in suite.get_benchmarks()},
        }
    if found["upstream"] is None or found["upstream"]["env"]["owner"] != "upstream":
        raise SystemExit(f"{upstream}: not a stock streamlit with coercion functions")
    return found


class Worker:
    """A ``bench.reruns`` process holding one session of one app."""

    def __init__(self, python: str, app: App, mode: str | None) -> None:
        command = [
            python,
            "-m",
            "bench.reruns",
            "--app",
            app.script,
            "--select",
            app.select,
            "--warmup",
            str(app.warmup),
        ]
        if mode is not None:
            command += ["--mode", mode]
        print("+", " ".join(command), flush=True)
        self.process = subprocess.Popen(
            command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        ready = self.ask(None)
        self.env: dict[str, str] = ready["env"]
        self.warmup: float = ready["warmup"]

    def ask(self, command: str | None) -> Any:
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None and stdout is not None
        if command is not None:
            stdin.write(command + "\n")
            stdin.flush()
        for line in stdout:
            if line.startswith(PREFIX):
                return json.loads(line[len(PREFIX) :])
        raise RuntimeError(f"bench.reruns exited with {self.process.wait()}")

    def close(self) -> list[str]:
        texts: list[str] = self.ask("texts")
        self.ask_quit()
        return texts

    def ask_quit(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("quit\n")
        self.process.stdin.close()
        self.process.wait()


def reruns(app: App, pythons: dict[str, str]) -> dict[str, Any]:
    """Rerun the app on every side in turn, the order rotating each time.

    Each batch starts a fresh worker per side: a process's own luck (memory
    layout, hash seeds) shows as the spread between batches, and is pooled.
    """
    if QUICK:
        app = replace(app, batches=1, most=10, least=3, warmup=min(app.warmup, 3))
    order = list(pythons)
    times: dict[str, list[list[float]]] = {side: [] for side in order}
    texts: dict[str, list[str]] = {}
    envs: dict[str, Any] = {}
    for _ in range(app.batches):
        workers = {side: Worker(pythons[side], app, MODES[side]) for side in order}
        count = app.reruns(max(worker.warmup for worker in workers.values()))
        print(f"  {count} reruns a side", flush=True)
        batch: dict[str, list[float]] = {side: [] for side in order}
        for i in range(count):
            for j in range(len(order)):
                side = order[(i + j) % len(order)]
                batch[side].append(workers[side].ask("run"))
        for side, worker in workers.items():
            times[side].append(batch[side])
            texts[side] = worker.close()
            envs[side] = worker.env
    return {
        "app": app.name,
        "script": app.script,
        "times": times,
        "texts": texts,
        "env": envs,
    }


def machine(coercion: dict[str, Any], date: str) -> dict[str, Any]:
    """When, at which commit, and on what (as pyperf found it)."""
    head = ["git", "rev-parse", "--short", "HEAD"]
    dirty = ["git", "status", "--porcelain", "--", "bench", "lib", "patches"]
    commit = subprocess.run(head, cwd=ROOT, capture_output=True, text=True).stdout
    changed = subprocess.run(dirty, cwd=ROOT, capture_output=True, text=True).stdout
    env = coercion["upstream"]["env"]
    return {
        "cpu": env["cpu_model_name"],
        "cores": env["cpu_count"],
        "os": env["platform"],
        "date": date,
        "commit": commit.strip() + (" (with uncommitted changes)" * bool(changed)),
    }


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
        help="measure nothing: write the report again from results/latest.json",
    )
    parser.add_argument(
        "--also",
        action="append",
        default=[],
        metavar="X.Y=STOCK_PY,PATCHED_PY",
        help="rerun the apps on another interpreter too (its stock and patched venv)",
    )
    args = parser.parse_args()
    latest = RESULTS / "latest.json"
    if args.report_only:
        write_results(json.loads(latest.read_text()))
        return
    if not (args.patched and args.stock and args.upstream):
        parser.error("--patched, --stock and --upstream are required")

    started = time.perf_counter()
    date = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    found = coercion(args.upstream, args.patched)
    results = {
        "machine": machine(found, date),
        "coercion": found,
        "reruns": [reruns(app, sides(args.stock, args.patched)) for app in APPS],
        "reruns_other": {},
    }
    for spec in args.also:
        python, venvs = spec.split("=", 1)
        pythons = sides(*venvs.split(","))
        results["reruns_other"][python] = [reruns(app, pythons) for app in APPS]
    results["machine"]["wall_seconds"] = round(time.perf_counter() - started)
    latest.write_text(json.dumps(results, indent=1) + "\n")
    write_results(results)


def write_results(results: dict[str, Any]) -> None:
    """latest.md, the README tables and cost.png, from the merged results."""
    from bench import plot, report  # plot: in the bench venv only
    from tools.markdown import write_section

    markdown = report.markdown(results)
    (RESULTS / "latest.md").write_text(markdown)
    # The tables of latest.md (not its title) in bench/README.md, one heading
    # level down, with the plot's path fixed; the summary in the project README.
    body = markdown.split("\n", 2)[2].replace("](cost.png)", "](results/cost.png)")
    body = body.replace("\n### ", "\n#### ").replace("\n## ", "\n### ")
    write_section(ROOT / "bench" / "README.md", "bench:results", body)
    write_section(ROOT / "README.md", "bench:summary", report.summary(results))
    plot.cost_plot(results["coercion"], RESULTS / "cost.png")
    print(markdown)


if __name__ == "__main__":
    main()
