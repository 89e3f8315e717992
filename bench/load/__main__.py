"""``python -m bench.load``: p50/p99 rerun latency, patched vs stock, under load.

Starts one ``streamlit run`` of ``frontend-stub/apps/own_classes.py`` per
round and flavour (the patched wheel's interpreter, then stock's of the same
release: ``make bench-load`` takes the release from ``UPSTREAM``, 1.67.0 by
default),
drives it with N concurrent headless sessions x M reruns (``st_stub.load``)
and writes a markdown table. Rounds alternate patched and stock so that
noise from a shared machine falls on both alike. A rerun's latency is from
sending the BackMsg to receiving its ``script_finished``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import sys
from pathlib import Path
from typing import Dict, List

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "frontend-stub"))

from st_stub import StreamlitServer, streamlit_version  # noqa: E402
from st_stub.load import APP, LoadResult, run_load  # noqa: E402

from tools.markdown import table as markdown_table  # noqa: E402
from tools.markdown import write_section  # noqa: E402


def measure(python: str, sessions: int, reruns: int) -> tuple[LoadResult, int]:
    """One load run against a fresh server; the result and server tracebacks."""
    with StreamlitServer(APP, python=python) as server:
        result = asyncio.run(run_load(server.url, sessions, reruns))
        return result, server.tracebacks()


def table(
    results: Dict[str, List[tuple[LoadResult, int]]],
    args: argparse.Namespace,
    release: str,
) -> str:
    lines = [
        f"# Rerun latency under load: patched vs stock {release}",
        "",
        f"{args.sessions} concurrent sessions x {args.reruns} reruns against one "
        f"`streamlit run` server, {args.rounds} round(s) per server, alternating; "
        "client and server on the same machine "
        f"({os.cpu_count()} CPUs, Python {platform.python_version()}).",
        "Latency: rerun BackMsg sent to its `script_finished` received. "
        "Wrong: reruns whose page did not show the session's own current members.",
        "",
    ]
    rows = []
    for name, runs in results.items():
        pooled = LoadResult(args.sessions, args.reruns)
        tracebacks = 0
        for result, tb in runs:
            pooled.latencies += result.latencies
            pooled.wrong += result.wrong
            pooled.exceptions += result.exceptions
            pooled.wall += result.wall
            tracebacks += tb
        rows.append([name, str(len(pooled.latencies)), f"{pooled.quantile(0.5):.0f}",
                     f"{pooled.quantile(0.99):.0f}", str(len(pooled.wrong)),
                     str(len(pooled.exceptions) + tracebacks),
                     f"{pooled.wall:.1f}"])  # fmt: skip
    headers = "server | reruns | p50 ms | p99 ms | wrong values | exceptions | wall s"
    lines += [
        markdown_table(headers, rows, "lrrrrrr"),
        "",
        "Stock's wrong values are the bug the patch fixes (stale members), "
        "not a load failure.",
        "",
        "Command: `make bench-load` (part of `make bench`).",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    parser.add_argument("--patched-python", default=sys.executable)
    parser.add_argument("--stock-python", required=True)
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--reruns", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/load.md")
    args = parser.parse_args()
    release = streamlit_version(args.stock_python).split("+")[0]
    flavours = {"patched": args.patched_python, f"stock {release}": args.stock_python}
    results: Dict[str, List[tuple[LoadResult, int]]] = {name: [] for name in flavours}
    for round_no in range(args.rounds):
        for name, python in flavours.items():
            result, tracebacks = measure(python, args.sessions, args.reruns)
            results[name].append((result, tracebacks))
            print(
                f"round {round_no + 1} {name}: p50 {result.quantile(0.5):.0f} ms, "
                f"p99 {result.quantile(0.99):.0f} ms, wrong {len(result.wrong)}",
                flush=True,
            )
    text = table(results, args, release)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text)
    tables = [block for block in text.split("\n\n") if block.startswith("|")]
    write_section(ROOT / "README.md", "bench:load", "\n\n".join(tables))
    print(text)


if __name__ == "__main__":
    main()
