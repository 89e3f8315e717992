"""``make bench-instructions``: machine instructions of one rerun, against stock
(valgrind's callgrind; how and why: bench/README.md)."""

import argparse
import os
import platform
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

from bench.harness import QUICK, ROOT, Results
from bench.report import Targets, percent, table

FEW, MANY, LAYOUTS = (2, 6, 1) if QUICK else (20, 120, 3)
APPS = {  # app: its name in the tables, its target
    "bench/apps/kept_records.py":
        ("100,000 records kept, the script defines no class", 0.02),
    "examples/seed_app.py": ("seed app (examples/seed_app.py)", 0.03),
    "bench/apps/seed_same_output.py": ("seed app, the same output on both sides", 0.03),
}  # fmt: skip


def per_rerun(python: str, app: str, layout: int) -> float:
    """One rerun's instructions in ``layout``: a worker doing ``MANY`` reruns less
    one doing ``FEW`` (no address randomization), over ``MANY - FEW``."""
    counts = []
    for reruns in (MANY, FEW):
        command = ["setarch", platform.machine(), "-R", "valgrind", "--tool=callgrind"]
        command += ["--callgrind-out-file=/dev/null", python, "-m", "bench.worker", app]
        command += ["--select=0,1", f"--count={reruns:06d}", f"--layout={layout}"]
        env = {**os.environ, "PYTHONHASHSEED": str(layout)}
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True)
        found = re.search(rb"Collected : (\d+)", done.stderr)
        if done.returncode != 0 or found is None:
            raise RuntimeError(f"{python} {app} x{reruns}: {done.stderr[-2000:]!r}")
        counts.append(int(found.group(1)))
    return (counts[0] - counts[1]) / (MANY - FEW)


def instructions(args: argparse.Namespace) -> None:
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    r, targets, rows = Results("instructions", args.release), Targets(), []
    runs = [(python, app, side, py) for python, stock, patched in args.side
            for app in args.app or ["bench/apps/kept_records.py"]
            for side, py in (("stock", stock), ("patched", patched))]  # fmt: skip
    with ThreadPoolExecutor(max_workers=2) as pool:
        jobs = [[pool.submit(per_rerun, py, app, layout) for layout in range(LAYOUTS)]
                for _, app, _, py in runs]  # fmt: skip
        for (python, app, side, _), layouts in zip(runs, jobs):
            counts = [job.result() for job in layouts]
            r.add(side, f"{python} {app}", counts, unit="integer")
    for python, app, _, _ in runs[::2]:
        stock, patched = (r.sides[s][f"{python} {app}"] for s in ("stock", "patched"))
        s, p = stock.median(), patched.median()
        name, limit = APPS.get(app, (app, None))
        layouts = zip(stock.get_values(), patched.get_values())
        rows.append([python, name, f"{s:,.0f}", f"{p:,.0f}", f"{p - s:+,.0f}",
                     percent(p / s - 1, 2),
                     ", ".join(percent(b / a - 1, 2) for a, b in layouts)])  # fmt: skip
        if limit is not None:
            goal = f"{name}: instructions within {limit * 100:.0f} % of stock"
            targets.check(goal, rows[-1][5], p / s - 1 <= limit, python)
    head = "Python | app | stock | patched | difference | patched / stock"
    text = f"""\
Instructions of one whole rerun: the difference of {MANY} and {FEW} reruns in one process, over {MANY - FEW}; each side counted in {LAYOUTS} memory layouts, their medians compared (the last column: each layout's ratio). How and why: [bench/README.md](../README.md#instructions-instructionspy-make-bench-instructions).

{table(head + " | per layout", rows)}
"""  # noqa: E501
    r.save("Instructions per rerun", text, head, [row[:-1] for row in rows], targets)
