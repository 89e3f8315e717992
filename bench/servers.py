"""``make bench-server`` and ``make bench-load``: ``streamlit run`` servers,
driven through the headless protocol client of ``frontend-stub``."""

import argparse
import asyncio
import statistics
import sys
from contextlib import ExitStack
from typing import Any

from bench.harness import QUICK, ROOT, Results
from bench.report import Targets, table

sys.path.insert(0, str(ROOT / "frontend-stub"))
RERUNS, SLOW_RERUNS = (3, 1) if QUICK else (15, 3)  # server: stock's take seconds
SESSIONS, LOAD_RERUNS, ROUNDS = (5, 3, 1) if QUICK else (50, 20, 2)  # load


def server(args: argparse.Namespace) -> None:
    """The 10,000-option app served by ours, stock and stock with coercion off at
    once; a session each selects all, then reruns sending it, taking turns."""
    from st_stub import StreamlitServer, StubSession

    if tuple(map(int, args.release.split(".")[:2])) < (1, 29):
        raise SystemExit(f"stock {args.release} has no coercion of its own")
    _, stock, patched = args.side[0]
    off = ["--runner.enumCoercion=off"]
    # Each side: its python, the server's options, its reruns.
    sides = {"ours (patched, default mode)": (patched, [], RERUNS),
             f"stock {args.release} (its nameOnly)": (stock, [], SLOW_RERUNS),
             f"stock {args.release}, coercion off": (stock, off, RERUNS)}  # fmt: skip
    seen, said = {name: [] for name in sides}, {}  # latencies: the selecting one first
    label, app = "Pick members", ROOT / "bench" / "apps" / "big_multiselect.py"

    async def drive(urls: dict[str, str]) -> dict[str, Any]:
        sessions = {name: StubSession(url, timeout=600) for name, url in urls.items()}
        for name, session in sessions.items():
            page = await session.connect()
            await session.select(label, *page.widget(label).options)
            seen[name].append(session.last_latency)
        for turn in range(RERUNS):
            for name in [*sides][turn % 3 :] + [*sides][: turn % 3]:
                if len(seen[name]) <= sides[name][2]:
                    page = await sessions[name].rerun()
                    seen[name].append(sessions[name].last_latency)
                    said[name] = "; ".join(f"{k}={v}" for k, v in page.report().items())
            print(f"rerun {turn + 1}:", *(f"{s[-1]:.3f} s" for s in seen.values()))
        return sessions

    with ExitStack() as running:
        urls = {}
        for name, (python, options, _) in sides.items():
            process = StreamlitServer(app, python=python, args=options,
                                      startup_timeout=120)  # fmt: skip
            urls[name] = running.enter_context(process).url
        sessions = asyncio.run(drive(urls))
    ms = "{:.0f} ms".format
    rows = [[name, ms(1e3 * statistics.median(s[1:])), ms(1e3 * min(s[1:])),
             ms(1e3 * max(s[1:])), len(s) - 1, ms(1e3 * s[0]), said[name],
             len(sessions[name].exceptions_seen)]
            for name, s in seen.items()]  # fmt: skip
    ours, theirs, inert = (statistics.median(s[1:]) for s in seen.values())
    targets = Targets()
    # fmt: off
    targets.check("ours ≥ 20× faster than stock, through real servers",
                  f"{theirs / ours:,.1f}× (stock / ours)", theirs / ours >= 20)
    targets.check("ours no slower than stock with coercion off",
                  f"{ours / inert:.2f} (ours / stock, coercion off)", ours <= inert)
    # fmt: on
    head = "server | median rerun | min | max | reruns | selecting rerun | app says"
    text = f"""\
`bench/apps/big_multiselect.py`: a 10,000-member Enum defined anew on every run, all 10,000 members selected. Three `streamlit run` servers at once, one headless session each (frontend-stub, the release's protocol); after the rerun that selects all, every rerun sends that selection again, as a browser does; the sides take turns rerun by rerun. Latency: rerun BackMsg sent to its `script_finished` received, client and servers on this machine. *app says*: `current_class` is whether the values the script got are members of this run's class.

{table(head + " | exceptions", rows)}
"""  # noqa: E501
    headline = [[row[0], row[1], row[6]] for row in rows]
    title = "A 10,000-option multiselect through real servers"
    head = "server | median rerun | app says"
    Results("server", args.release).save(title, text, head, headline, targets)


def load(args: argparse.Namespace) -> None:
    """Sessions picking their own members at once, a server a round and side."""
    from st_stub import StreamlitServer
    from st_stub.load import APP, LoadResult, run_load

    _, stock, patched = args.side[0]
    sides = {"patched": patched, f"stock {args.release}": stock}
    pooled = {name: LoadResult(SESSIONS, LOAD_RERUNS) for name in sides}
    for name, python in [*sides.items()] * ROUNDS:  # alternating, round by round
        with StreamlitServer(APP, python=python) as running:
            found = asyncio.run(run_load(running.url, SESSIONS, LOAD_RERUNS))
            found.exceptions += ["server traceback"] * running.tracebacks()
        print(f"{name}: p50 {found.quantile(0.5):.0f} ms", flush=True)
        for key in ("latencies", "wrong", "exceptions", "wall"):
            setattr(pooled[name], key, getattr(pooled[name], key) + getattr(found, key))
    rows = [[name, len(p.latencies), f"{p.quantile(0.5):.0f}",
             f"{p.quantile(0.99):.0f}", len(p.wrong), len(p.exceptions),
             f"{p.wall:.1f}"] for name, p in pooled.items()]  # fmt: skip
    head = "server | reruns | p50 ms | p99 ms | wrong values | exceptions | wall s"
    text = f"""\
{SESSIONS} concurrent sessions × {LOAD_RERUNS} reruns against one `streamlit run` server, {ROUNDS} round(s) a server, alternating; client and server on the same machine. Latency: rerun BackMsg sent to its `script_finished` received. Wrong: reruns whose page did not show the session's own current members (stock's are the bug the patch fixes, not a load failure).

{table(head, rows)}
"""  # noqa: E501
    Results("load", args.release).save("Rerun latency under load", text, head, rows,
                                       Targets())  # fmt: skip
