"""The one harness of the benchmarks (bench/README.md): workers of every side
holding a session of one app, rerun in turn, and what is measured, kept as
pyperf benchmarks and written as ``results/<bench>-<release>.md`` and ``.json``."""

import datetime as dt
import json
import os
import platform
import random
import re
import statistics
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bench.report import Targets, targets_table
from bench.worker import PREFIX, QUICK, ROOT

OUT = ROOT / "bench" / "results" / ("quick" if QUICK else "")  # quick ones not kept


@dataclass(frozen=True)
class App:
    """An app: a batch reruns it as often as fits ``budget`` s on the slowest side."""

    script: str
    name: str
    select: str = "0"  # the options the browser chooses (bench.worker --select)
    batches: int = 8
    most: int = 1000
    least: int = 100
    budget: float = 4.0
    warmup: int = 50
    records: int = 100_000  # BENCH_RECORDS, for the apps that read it


class Worker:
    """A ``bench.worker`` process of ``python`` holding a session of ``app``."""

    def __init__(
        self, python: str, app: App, *options: str, layout: int | None = None
    ) -> None:
        command = [python, "-m", "bench.worker", app.script, "--select", app.select]
        command += ["--warmup", str(app.warmup), *options]
        env = {**os.environ, "BENCH_RECORDS": str(app.records)}
        if layout is not None:  # a memory layout: a heap shift and a hash seed
            command.append(f"--layout={layout}")
            env["PYTHONHASHSEED"] = str(layout)
        print("+", *command, flush=True)
        pipe = subprocess.PIPE
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, text=True, stdin=pipe, stdout=pipe
        )
        self.ready = self.ask(None)

    def ask(self, command: str | None) -> Any:
        """Send ``command``; its answer (None: the ready line)."""
        if command is not None:
            self.process.stdin.write(command + "\n")  # type: ignore[union-attr]
            self.process.stdin.flush()  # type: ignore[union-attr]
        for line in self.process.stdout:  # type: ignore[union-attr]
            if line.startswith(PREFIX):
                return json.loads(line[len(PREFIX) :])
        raise RuntimeError(f"bench.worker exited with {self.process.wait()}")


class Results:
    """What one bench measured: pyperf benchmarks by side and name."""

    def __init__(self, bench: str, release: str) -> None:
        self.bench, self.release = bench, release
        self.sides: dict[str, dict[str, Any]] = {}

    def add(self, side: str, name: str, values: list[float], **metadata: Any) -> None:
        """``values`` as one more run of ``side``'s benchmark ``name``."""
        import pyperf

        metadata = {"name": name, "unit": "second", **metadata}
        run = pyperf.Run(values, metadata=metadata, collect_metadata=False)
        if name in self.sides.setdefault(side, {}):
            self.sides[side][name].add_run(run)
        else:
            self.sides[side][name] = pyperf.Benchmark([run])

    def median(self, side: str, name: str) -> float:
        """The median of all runs' values (nan where not measured)."""
        found = self.sides.get(side, {}).get(name)
        return float(found.median()) if found else float("nan")

    def overhead(self, name: str, side: str, base: str) -> tuple[float, list[float]]:
        """``side`` against ``base``: the pooled medians' ratio - 1, and each run's."""
        runs = zip(self.sides[side][name].get_runs(), self.sides[base][name].get_runs())
        batches = [statistics.median(a.values) / statistics.median(b.values) - 1
                   for a, b in runs]  # fmt: skip
        return self.median(side, name) / self.median(base, name) - 1, batches

    def meta(self, side: str, name: str, key: str) -> Any:
        """``key`` of the metadata of ``side``'s last run of ``name``."""
        return self.sides[side][name].get_runs()[-1].get_metadata()[key]

    def save(self, title: str, text: str, head: str, rows: list, targets: Targets):
        """The pyperf suites, ``<bench>-<release>.md`` and ``.json`` (headlines)."""
        import pyperf

        (OUT / "raw").mkdir(parents=True, exist_ok=True)
        stem = f"{self.bench}-{self.release}"
        for side, benchmarks in self.sides.items():
            suite = pyperf.BenchmarkSuite(list(benchmarks.values()))
            suite.dump(str(OUT / "raw" / f"{stem}-{side}.json"), replace=True)
        headline = {"bench": self.bench, "title": title, "release": self.release,
                    **provenance(), "targets": targets.listed(),
                    "columns": head.split(" | "), "rows": rows}  # fmt: skip
        dump = json.dumps(headline, indent=1, ensure_ascii=False)
        (OUT / f"{stem}.json").write_text(dump + "\n", encoding="utf-8")
        markdown = "# {title}: streamlit {release}\n\nWritten by `make bench-{bench}`"
        markdown += " on {date}, commit {commit}, {machine}.\n\n"
        markdown = markdown.format(**headline) + text.strip() + "\n"
        if targets:
            markdown += f"\n## Targets\n\n{targets_table(headline['targets'])}\n"
        (OUT / f"{stem}.md").write_text(markdown, encoding="utf-8")
        print(markdown)


def alternate(r: Results, app: App, name: str, sides: dict[str, list[str]]) -> None:
    """Rerun ``app`` on every side (its python and worker options) in turn, in
    an order shuffled for each rerun, in batches of fresh workers: a side's
    reruns as a run of its benchmark ``name`` (the app's own timings:
    ``name: first_read``).

    Shuffled, not rotated: in a rotation each side runs after the same other
    side every time, and the side that runs after another worker's rerun
    pays for what that run left in the caches: with the same wheel on both,
    the side after stock read 1 to 2 points slower than the one after it."""
    if QUICK:
        app = replace(app, batches=1, most=min(app.most, 10), least=min(app.least, 3))
        app = replace(app, warmup=min(app.warmup, 3))
    order, shuffle = list(sides), random.Random(0).shuffle  # the same orders every run
    for batch in range(app.batches):
        # Every batch in a memory layout of its own (bench/README.md).
        workers = {
            s: Worker(sides[s][0], app, *sides[s][1:], layout=batch) for s in order
        }
        slowest = max(worker.ready["warmup"] for worker in workers.values())
        count = max(app.least, min(app.most, int(app.budget / slowest)))
        print(f"  {count} reruns a side", flush=True)
        found: dict[str, dict[str, Any]] = {side: {} for side in order}
        for _ in range(count):
            shuffle(order)
            for side in order:
                for key, value in workers[side].ask("run").items():
                    found[side].setdefault(key, []).append(value)
        for side, worker in workers.items():
            worker.process.communicate()
            env = {**worker.ready["env"], "texts": found[side].pop("texts")[-1]}
            for key, values in found[side].items():
                r.add(side, name + f": {key}" * (key != "seconds"), values, **env)


def provenance() -> dict[str, str]:
    """When, at which commit, and on what machine."""

    def git(*command: str) -> bytes:
        return subprocess.run(["git", "-C", ROOT, *command], capture_output=True).stdout

    commit = git("rev-parse", "--short", "HEAD").strip().decode()
    if git("status", "--porcelain", "bench", "lib", "patches"):
        commit += " (with uncommitted changes)"
    cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    machine = f"{os.cpu_count()}-core {cpu.group(1) if cpu else platform.machine()}"
    machine += f", Python {platform.python_version()}"
    date = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return {"date": date, "commit": commit, "machine": machine}
