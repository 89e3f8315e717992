"""``make bench``: run every benchmark side by side, merge, report and plot.

Run by the bench venv (it plots with matplotlib)::

    .venv-bench/bin/python -m bench.run --patched .venv/bin/python \
        --stock .venv-stock/bin/python --upstream .venv-bench/bin/python

1. Coercion: ``bench.coerce_upstream`` (upstream's functions, newest release)
   and ``bench.coerce_ours`` (the patched wheel), one after the other.
2. Full reruns: one ``bench.reruns`` worker per side (stock 1.28.2, patched,
   patched with coercion off) for each app, driven rerun by rerun in an order
   that rotates, so that a drift in the machine's speed falls on every side
   alike; in a few batches of fresh workers, pooled.

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
    batches: int  # worker processes per side, one after the other
    reruns: int  # per batch and side
    warmup: int


APPS = (
    App("seed app (examples/seed_app.py), RED and GREEN", "examples/seed_app.py",
        "0,1", batches=8, reruns=1000, warmup=50),
    App("seed app, same output on both sides (bench/apps/seed_same_output.py)",
        "bench/apps/seed_same_output.py", "0,1", batches=8, reruns=1000, warmup=50),
    App("10,000-option multiselect, all selected (bench/apps/big_multiselect.py)",
        "bench/apps/big_multiselect.py", "all:10000", batches=3, reruns=20, warmup=3),
)  # fmt: skip

# stock 1.28.2, the patched wheel, and the patched wheel with coercion off.
SIDES = ("stock", "patched", "patched_off")
PREFIX = "@bench "  # as in bench.reruns


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

    def wait_ready(self) -> None:
        self.env = self._ask(None)["env"]

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
    modes = {"stock": None, "patched": None, "patched_off": "off"}
    times: dict[str, list[list[float]]] = {side: [] for side in SIDES}
    texts: dict[str, list[str]] = {}
    envs: dict[str, Any] = {}
    for _ in range(app.batches):
        workers = {side: Worker(pythons[side], app, modes[side]) for side in SIDES}
        for worker in workers.values():
            worker.wait_ready()
        batch: dict[str, list[float]] = {side: [] for side in SIDES}
        for i in range(app.reruns):
            for j in range(len(SIDES)):
                side = SIDES[(i + j) % len(SIDES)]
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
    report.update_project_readme(ROOT / "README.md", results)
    plot.cost_plot(results["coercion"], RESULTS / "cost.png")
    for tmp in RESULTS.glob("*.tmp"):
        tmp.unlink()
    print(markdown)


if __name__ == "__main__":
    main()
