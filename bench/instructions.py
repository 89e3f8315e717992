"""``make bench-instructions``: machine instructions of one rerun, against stock.

valgrind's callgrind counts what a ``bench.worker --count`` process executes,
for ``FEW`` and for ``MANY`` reruns; the difference over the difference of
the counts is one rerun. Each side is counted in ``LAYOUTS`` memory layouts
(a hash seed and a heap shift); the medians are compared. bench/README.md
says why. Targets: the kept-records app within 2 % of stock, the seed app
within 3 %.
"""

import argparse
import os
import platform
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

from bench.harness import QUICK, ROOT, Results
from bench.tables import Targets, percent, table

FEW, MANY, LAYOUTS = (2, 6, 1) if QUICK else (20, 120, 3)
APPS = {  # app: its name in the tables, its target
    "bench/apps/kept_records.py":
        ("100,000 records kept, the script defines no class", 0.02),
    "examples/seed_app.py": ("seed app (examples/seed_app.py)", 0.03),
    "bench/apps/seed_same_output.py": ("seed app, the same output on both sides", 0.03),
}  # fmt: skip


def count(python: str, app: str, reruns: int, layout: int) -> int:
    """What a worker doing ``reruns`` reruns in ``layout`` executes in all: no
    address randomization, and command lines that differ in the count only."""
    command = ["setarch", platform.machine(), "-R", "valgrind", "--tool=callgrind"]
    command += ["--callgrind-out-file=/dev/null", python, "-m", "bench.worker", app]
    command += ["--select", "0,1", "--count", f"{reruns:06d}", "--layout", str(layout)]
    env = {**os.environ, "PYTHONHASHSEED": str(layout)}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or found is None:
        raise RuntimeError(f"{python} {app} x{reruns}: {done.stderr[-2000:]}")
    return int(found.group(1))


def per_rerun(python: str, app: str, layout: int) -> float:
    many, few = (count(python, app, n, layout) for n in (MANY, FEW))
    return (many - few) / (MANY - FEW)


def instructions(args: argparse.Namespace) -> None:
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    apps = args.app or ["bench/apps/kept_records.py"]
    r = Results("instructions", args.release)
    with ThreadPoolExecutor(max_workers=2) as pool:
        jobs = {
            (side, f"{python} {app}"): [
                pool.submit(per_rerun, py, app, layout) for layout in range(LAYOUTS)
            ]
            for python, stock, patched in args.side
            for app in apps
            for side, py in (("stock", stock), ("patched", patched))
        }
        for (side, name), futures in jobs.items():
            r.add(side, name, [job.result() for job in futures], unit="integer")
    rows: list[list[str]] = []
    targets = Targets()
    for python, _, _ in args.side:
        for app in apps:
            stock = r.sides["stock"][f"{python} {app}"]
            patched = r.sides["patched"][f"{python} {app}"]
            s, p = stock.median(), patched.median()
            layouts = zip(stock.get_values(), patched.get_values())
            per_layout = ", ".join(percent(b / a - 1, 2) for a, b in layouts)
            name, limit = APPS.get(app, (app, None))
            ratio = percent(p / s - 1, 2)
            rows.append(
                [python, name, f"{s:,.0f}", f"{p:,.0f}", f"{p - s:+,.0f}", ratio]
            )
            rows[-1].append(per_layout)
            if limit is not None:
                goal = f"{name}: instructions within {limit * 100:.0f} % of stock"
                targets.check(goal, ratio, p / s - 1 <= limit, python)
    head = "Python | app | stock | patched | difference | patched / stock"
    text = f"""\
Machine instructions of one whole rerun (callgrind; the difference of {MANY} and {FEW} reruns in one process, per rerun; garbage collection off while counting, no address randomization; both workers differ in their count only, and the one-time stack inspection of the warning for a script run without `streamlit run` is skipped on both sides). Where things land in memory moves a count by up to 1 % (the interpreter's caches are indexed by addresses; a small change of the code elsewhere, or of the benchmark itself, moves them), so each side is measured in {LAYOUTS} memory layouts (a hash seed and a shift of the heap before Streamlit is imported, the same for both sides) and the medians are compared; the last column gives each layout's ratio. In one layout, the same build counts the same within a few hundred instructions from one process to the next, where whole-rerun times move by several percent on a loaded machine.

{table(head + " | per layout", rows)}
"""  # noqa: E501
    headline = [row[:-1] for row in rows]
    r.save("Instructions per rerun", text, head, headline, targets)
