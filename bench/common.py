"""What the benchmarks share: the coercion scenario and how it is timed.

Imported by the workers in the release venvs (streamlit, pyperf) and by the
reports in ``.venv/bench`` (no streamlit): the standard library and pyperf
only.

The scenario is the one a rerun meets. The previous run defined an Enum class
with ``n`` members, the browser had ``k`` of them selected, and the current
run has defined the class again: same ``__qualname__``, same member names and
values, a new class object. The ``k`` stale members are to be given back as
members of the new class, with ``options = list(new class)``.

Timing: pyperf for the micro-benchmarks (``Runner.bench_time_func``: its
warm-ups, values, median and JSON files), but not its process model. By
default pyperf spawns 20 worker processes a benchmark, each importing
streamlit again, and calibrates the loops of a value to 100 ms. That does not
fit here: some 140 benchmarks, upstream's slowest at 5 s a call, and cold
calls that each need a new pair of classes, which costs more to make (an
n-member Enum class) than most calls take. So pyperf runs in-process
(``--in-process``, one run a benchmark) with one loop a value, a value being
a batch of calls on pairs made beforehand (``inner_loops``). Whole reruns are
timed by hand (``bench.run`` alternates worker processes rerun by rerun,
which no library does) and summed up with the standard library's
``statistics``: their medians, pooled over batches of processes.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
# BENCH_QUICK=1: one value a benchmark and a few reruns a side, to see that
# every table comes out (figures not to be kept).
QUICK = os.environ.get("BENCH_QUICK") == "1"

# (n members, k selected): the cases of the tables, smallest first.
CASES = ((3, 2), (100, 50), (1000, 1000), (10000, 1000), (10000, 10000))
# Extra points for the plot: cost against n (with k = n), and against k (with
# n = 10,000). The sequence is timed at every point, each once.
SWEEP_N = tuple((n, n) for n in (10, 100, 1000, 10000))
SWEEP_K = tuple((10000, k) for k in (10, 100, 1000, 10000))
POINTS = tuple(sorted(set(CASES + SWEEP_N + SWEEP_K)))
# One member selected of n, for the functions that coerce a single value.
SINGLE = (3, 100, 1000, 10000)

QUALNAME = "Big"


def make_class(n: int) -> type[Enum]:
    """A fresh Enum class of ``n`` members, as one script run defines it."""
    members = [(f"M{i}", i) for i in range(n)]
    return Enum(QUALNAME, members, module=__name__, qualname=QUALNAME)  # type: ignore[return-value]


@dataclass(frozen=True)
class Pair:
    """One meeting of two classes: ``stale`` values for ``options`` of ``new``."""

    new: type[Enum]
    options: list[Any]
    indices: list[int]
    stale: list[Any]
    old: type[Enum] | None = None


def make_pair(n: int, k: int) -> Pair:
    """``k`` members of a previous run's class, spread evenly over its ``n``."""
    old, new = make_class(n), make_class(n)
    indices = [i * n // k for i in range(k)]
    members = list(old)
    return Pair(new, list(new), indices, [members[i] for i in indices], old)


def make_current_pair(n: int, k: int) -> Pair:
    """As ``make_pair``, but the values are the new class's members already:
    what the patched wheel hands upstream's functions on a rerun, once the
    browser's choice has been read again with the current options."""
    new = make_class(n)
    options = list(new)
    indices = [i * n // k for i in range(k)]
    return Pair(new, options, indices, [options[i] for i in indices])


def benchmark(
    runner: Any, name: str, call: Callable[[Pair], Any], n: int, k: int, kind: str
) -> Any:
    """Time ``call`` at (n, k) with pyperf, as ``"{name} n={n} k={k} {kind}"``.

    *cold*: each call meets a new pair of classes (what every rerun meets:
    the script has just defined its class again); *warm*: the same pair
    again; *current*: new pairs whose values are of the new class already.
    A value is the mean of a batch of calls (enough to be well above the
    clock's resolution for the small cases, one for the big ones), the pairs
    made before the clock starts and the garbage collector held off. A call
    whose result is not the new class's members stops the benchmark.
    """
    batch = max(1, min(200, 10_000 // (n + k)))
    make = make_current_pair if kind == "current" else make_pair
    same = make_pair(n, k) if kind == "warm" else None
    if same is not None:
        call(same)  # whatever is cached about the pair is cached

    def time_batch(loops: int) -> float:
        pairs = [same or make(n, k) for _ in range(loops * batch)]
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            for pair in pairs:
                result = call(pair)
            elapsed = time.perf_counter() - start
        finally:
            gc.enable()
        values = result if isinstance(result, (list, tuple)) else [result]
        if not all(type(v) is pairs[-1].new for v in values):
            raise SystemExit(f"{name} n={n} k={k}: not the new class's members")
        return elapsed

    return runner.bench_time_func(
        f"{name} n={n} k={k} {kind}", time_batch, inner_loops=batch
    )


def pyperf_runner(**metadata: str) -> Any:
    """pyperf's Runner for this process: a warm-up and five values a
    benchmark (BENCH_QUICK: one value), in-process; ``--out FILE`` is where
    ``write`` puts the results."""
    import pyperf

    runner = pyperf.Runner(
        values=1 if QUICK else 5,
        warmups=0 if QUICK else 1,
        processes=1,
        loops=1,
        metadata=metadata,
    )
    runner.argparser.add_argument("--out", required=True, type=Path)
    runner.parse_args([*sys.argv[1:], "--in-process", "--quiet"])
    return runner


def write(runner: Any, benchmarks: list[Any], **metadata: Any) -> None:
    """The benchmarks as one pyperf JSON file (``pyperf compare_to`` reads it)."""
    import pyperf

    for bench in benchmarks:
        bench.update_metadata(metadata)
    runner.args.out.unlink(missing_ok=True)
    pyperf.BenchmarkSuite(benchmarks).dump(str(runner.args.out))
