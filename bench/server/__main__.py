"""``python -m bench.server``: a 10,000-option multiselect through real servers.

``bench/apps/big_multiselect.py`` (a 10,000-member Enum defined anew on every
run, all 10,000 members selected) is served by three ``streamlit run``
servers at once: ours (the patched wheel, default mode), stock upstream of
the same release (its own coercion, default ``nameOnly``: O(k·n) a rerun),
and stock with ``runner.enumCoercion = "off"``. One headless session per
server (``frontend-stub``, the release's own protocol) selects all members,
then reruns sending that selection, as a browser does on every interaction;
the sides take turns rerun by rerun in a rotating order, so that the
machine's other load falls on all alike. A rerun's latency is from sending
the BackMsg to receiving its ``script_finished``. Figures, never asserts.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "frontend-stub"))

from st_stub import StreamlitServer, StubSession, streamlit_version  # noqa: E402

from tools.markdown import table as markdown_table  # noqa: E402
from tools.markdown import write_section  # noqa: E402

APP = ROOT / "bench" / "apps" / "big_multiselect.py"
LABEL = "Pick members"
MIN_SPEEDUP = 20.0  # ours against stock, end to end


@dataclass
class Side:
    """One server and the session driving it."""

    name: str
    python: str
    args: List[str]
    reruns: int
    server: StreamlitServer | None = None
    session: StubSession | None = None
    pick: float = 0.0  # the rerun that sent the selection first
    latencies: List[float] = field(default_factory=list)
    report: Dict[str, str] = field(default_factory=dict)
    exceptions: List[str] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.latencies)


async def open_and_select_all(side: Side) -> None:
    assert side.server is not None
    side.session = StubSession(side.server.url, timeout=600)
    page = await side.session.connect()
    options = page.widget(LABEL).options
    page = await side.session.select(LABEL, *options)
    side.pick = side.session.last_latency


async def rerun(side: Side) -> None:
    assert side.session is not None
    page = await side.session.rerun()
    side.latencies.append(side.session.last_latency)
    side.report = page.report()
    side.exceptions = list(side.session.exceptions_seen)


async def drive(sides: List[Side]) -> None:
    """Select all on every side, then rerun in a rotating order."""
    for side in sides:
        await open_and_select_all(side)
    for turn in range(max(s.reruns for s in sides)):
        shift = turn % len(sides)
        due = [s for s in sides[shift:] + sides[:shift] if len(s.latencies) < s.reruns]
        for side in due:
            await rerun(side)
        took = ", ".join(f"{s.name} {s.latencies[-1]:.3f} s" for s in due)
        print(f"rerun {turn + 1}: {took}", flush=True)
    for side in sides:
        assert side.session is not None
        side.session.close()


def seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"


def table(sides: List[Side], release: str, wall: float) -> str:
    ours, stock, off = sides
    speedup = stock.median / ours.median
    vs_off = ours.median / off.median
    rows = [[s.name, seconds(s.median), seconds(min(s.latencies)),
             seconds(max(s.latencies)), str(len(s.latencies)), seconds(s.pick),
             "; ".join(f"{k}={v}" for k, v in s.report.items()),
             str(len(s.exceptions))] for s in sides]  # fmt: skip
    ratios = [["stock / ours", f"{speedup:,.1f}×", f"ours ≥ {MIN_SPEEDUP:.0f}× faster",
               "**met**" if speedup >= MIN_SPEEDUP else "**missed**"],
              ["ours / stock, coercion off", f"{vs_off:.2f}", "≤ 1 (no slower)",
               "**met**" if vs_off <= 1.0 else "**missed**"]]  # fmt: skip
    lines = [
        f"# A 10,000-option multiselect through real servers: {release}",
        "",
        "`bench/apps/big_multiselect.py`: a 10,000-member Enum defined anew on every "
        "run, all 10,000 members selected. Three `streamlit run` servers at once, one "
        "headless session each (frontend-stub, the release's protocol: option labels "
        "on 1.67.0); after the rerun that selects all, every rerun sends that "
        "selection again, as a browser does; the sides take turns rerun by rerun. "
        "Latency: rerun BackMsg sent to its `script_finished` received. "
        f"Machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"client and servers on it; {wall:.0f} s in all.",
        "",
        markdown_table(
            "server | median rerun | min | max | reruns | selecting rerun | app says "
            "| exceptions",
            rows,
            "lrrrrrlr",
        ),
        "",
        markdown_table("ratio | figure | target | ", ratios, "lrll"),
        "",
        "*current_class*: whether the 10,000 values the script got are members of "
        "this run's class (stock with coercion off gives the previous run's).",
        "",
        "Command: `make bench-server` (part of `make bench`).",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.server", description=__doc__)
    parser.add_argument("--ours", required=True, help="the patched wheel's python")
    parser.add_argument("--stock", required=True, help="stock upstream's python")
    parser.add_argument("--reruns", type=int, default=15)
    parser.add_argument("--stock-reruns", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/server.md")
    args = parser.parse_args()
    release = streamlit_version(args.stock).split("+")[0]
    if tuple(int(x) for x in release.split(".")[:2]) < (1, 29):
        parser.error(
            f"stock {release} has no coercion of its own (runner.enumCoercion came "
            "in 1.29) to compare with: use a newer release (make's default)"
        )
    sides = [
        Side("ours (patched, default mode)", args.ours, [], args.reruns),
        Side(f"stock {release} (its nameOnly)", args.stock, [], args.stock_reruns),
        Side(
            f"stock {release}, coercion off",
            args.stock,
            ["--runner.enumCoercion=off"],
            args.reruns,
        ),
    ]
    start = time.perf_counter()
    try:
        for side in sides:
            side.server = StreamlitServer(
                APP, python=side.python, args=side.args, startup_timeout=120
            ).start()
        asyncio.run(drive(sides))
    finally:
        for side in sides:
            if side.server is not None:
                side.server.cleanup()
    text = table(sides, release, time.perf_counter() - start)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text)
    tables = [block for block in text.split("\n\n") if block.startswith("|")]
    write_section(ROOT / "README.md", "bench:server", "\n\n".join(tables))
    print(text)


if __name__ == "__main__":
    main()
