"""Instructions per rerun, stock against patched: a cost figure without timing noise.

Whole reruns of an app take half a millisecond to a few milliseconds, and a
loaded or throttled machine moves their times by several percent from one
batch to the next (a 2 % target cannot be read off them there). The number
of machine instructions a rerun executes does not move: valgrind's
callgrind counts them. Each side runs the app ``--few`` and then ``--many``
reruns in one process (``bench.reruns``' session, postScriptGC off, garbage
collection off while counting, a fixed hash seed); the difference of the two
totals over the difference of the counts is the cost of one rerun, start-up
and page load cancelled out. Run by ``make bench-instructions``::

    python -m bench.instructions --release 1.67.0 \\
        --side "3.11=.venv/stock-1.67.0/bin/python,.venv/1.67.0/bin/python"

It writes ``bench/results/instructions-<release>.md`` and its part of the
README. As a worker (``--count APP N``, run under valgrind by the driver),
it reruns the app N times after the page load and five warm-up reruns.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = {
    "bench/apps/kept_records.py": "100,000 records kept, the script defines no class",
    "bench/apps/kept_nothing.py": "the same app keeping nothing",
    "examples/seed_app.py": "seed app (examples/seed_app.py)",
    "bench/apps/seed_same_output.py": "seed app, the same output on both sides",
}
_COLLECTED = re.compile(r"Collected : (\d+)")
_PAD: list[bytes] = []  # a worker's memory-layout shift (count)


def count(app: str, reruns: int, layout: int) -> None:
    """Worker: the page load, five warm-up reruns, then ``reruns`` reruns.

    ``layout`` shifts where everything lands in memory: that many thousand
    small objects of every size class, kept, before Streamlit is imported.
    """
    import gc

    global _PAD
    _PAD = [bytes(n % 509) for n in range(layout * 1009)]

    sys.path.insert(0, str(ROOT / "lib" / "tests"))
    from streamlit import config, delta_generator
    from support.runner import Session, mock_runtime

    from bench.reruns import pick, rerun

    config.set_option("runner.postScriptGC", False)
    # The warning for a script run without `streamlit run` looks at the whole
    # stack (inspect.stack: ~260M instructions, once, at the first element),
    # and its cost moves with where things land in memory: not part of a
    # rerun, and the one big one-time cost that did not cancel out.
    delta_generator._use_warning_has_been_displayed = True
    with mock_runtime():
        session = Session(str(ROOT / app))
        page_load = rerun(session, None)
        states = pick(session, page_load, [0, 1])
        for _ in range(5):
            rerun(session, states)
        gc.collect()
        gc.freeze()
        gc.disable()
        for _ in range(reruns):
            rerun(session, states)


def instructions(python: str, app: str, reruns: int, layout: int) -> int:
    """What a worker of ``python`` doing ``reruns`` reruns in memory layout
    ``layout`` (a hash seed and a shift of the heap) executes in all."""
    env = {**os.environ, "PYTHONHASHSEED": str(layout), "PYTHONPATH": str(ROOT)}
    # setarch -R: no address randomization, so that a count does not move
    # with where the process happened to be loaded. The count is given with
    # the same number of digits to both workers of a layout: their command
    # lines, and so where everything lands in memory, differ in nothing else,
    # and one-time costs that depend on addresses cancel out in the difference.
    done = subprocess.run(
        [
            "setarch", platform.machine(), "-R",
            "valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
            python, "-m", "bench.instructions", "--count", app, f"{reruns:06d}",
            "--layout", str(layout),
        ],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    found = _COLLECTED.search(done.stderr)
    if done.returncode != 0 or found is None:
        raise RuntimeError(f"{python} {app} x{reruns}: {done.stderr[-2000:]}")
    return int(found.group(1))


def per_rerun(python: str, app: str, few: int, many: int, layout: int) -> float:
    """Instructions of one rerun: the two workers' difference, per rerun."""
    many_total = instructions(python, app, many, layout)
    return (many_total - instructions(python, app, few, layout)) / (many - few)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", nargs=2, metavar=("APP", "N"), help="worker")
    parser.add_argument("--release", help="the upstream release measured")
    parser.add_argument(
        "--side", action="append", default=[], help="PY=STOCK_PYTHON,PATCHED_PYTHON"
    )
    parser.add_argument(
        "--app", action="append", help="apps (default: the kept-records app)"
    )
    parser.add_argument("--few", type=int, default=20)
    parser.add_argument("--many", type=int, default=120)
    parser.add_argument(
        "--layouts",
        type=int,
        default=3,
        help="memory layouts measured (hash seed and heap shift); medians reported",
    )
    parser.add_argument("--layout", type=int, default=0, help="worker's layout")
    args = parser.parse_args()
    if args.count:
        count(args.count[0], int(args.count[1]), args.layout)
        return
    if shutil.which("valgrind") is None:
        parser.error("valgrind is not installed (apt-get install valgrind)")
    if not args.release or not args.side:
        parser.error("--release and at least one --side are needed")
    apps = args.app or ["bench/apps/kept_records.py"]
    layouts = range(args.layouts)
    jobs = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for side in args.side:
            version, pythons = side.split("=", 1)
            stock, patched = pythons.split(",")
            for app in apps:
                for which, python in (("stock", stock), ("patched", patched)):
                    for layout in layouts:
                        jobs[version, app, which, layout] = pool.submit(
                            per_rerun, python, app, args.few, args.many, layout
                        )
    rows = []
    for side in args.side:
        version = side.split("=", 1)[0]
        for app in apps:
            stocks = [jobs[version, app, "stock", i].result() for i in layouts]
            patcheds = [jobs[version, app, "patched", i].result() for i in layouts]
            stock, patched = statistics.median(stocks), statistics.median(patcheds)
            rows.append(
                [
                    version,
                    APPS.get(app, app),
                    f"{stock:,.0f}",
                    f"{patched:,.0f}",
                    f"{patched - stock:+,.0f}",
                    f"{(patched / stock - 1) * 100:+.2f} %",
                    ", ".join(
                        f"{(p / s - 1) * 100:+.2f} %" for s, p in zip(stocks, patcheds)
                    ),
                ]
            )
    write(args.release, rows, args)


def write(release: str, rows: list[list[str]], args: argparse.Namespace) -> None:
    sys.path.insert(0, str(ROOT))
    from tools.markdown import table, write_section

    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M")
    body = "\n\n".join(
        [
            f"#### Instructions per rerun: streamlit {release}",
            f"Last run: {when} UTC, `make bench-instructions UPSTREAM={release}`: "
            "machine instructions of one whole rerun (callgrind; the difference "
            f"of {args.many} and {args.few} reruns in one process, per rerun; "
            "garbage collection off while counting, no address randomization; "
            "both workers differ in their count only, and the one-time stack "
            "inspection of the warning for a script run without `streamlit run` "
            "is skipped on both sides). Where things land in memory moves a "
            "count by up to 1 % (the interpreter's caches are indexed by "
            "addresses; a small change of the code elsewhere, or of the "
            "benchmark itself, moves them), so each side is measured in "
            f"{args.layouts} memory layouts (a hash seed and a shift of the heap "
            "before Streamlit is imported, the same for both sides) and the "
            "medians are compared; the last column gives each layout's ratio. "
            "In one layout, the same build counts the same within a few hundred "
            "instructions from one process to the next, where whole-rerun times "
            "move by several percent on a loaded machine. Targets: the "
            "kept-records app within 2 % of stock, the seed app within 3 %.",
            table(
                "Python | app | stock | patched | difference | patched / stock"
                " | per layout",
                rows,
                "llrrrrl",
            ),
        ]
    )
    out = ROOT / "bench" / "results" / f"instructions-{release}.md"
    out.write_text(body + "\n", encoding="utf-8")
    write_section(ROOT / "README.md", f"bench:instructions:{release}", body)
    print(body)


if __name__ == "__main__":
    main()
