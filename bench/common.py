"""What every benchmark runner shares: the scenario, the clock, the output.

Standard library only: the runners import this from every venv of the bench
(``.venv/<release>`` with the patched wheel, ``.venv/stock-<release>`` with
stock upstream, ``.venv/bench`` with the plotting library only).

The scenario is the one a rerun meets. The previous run defined an Enum class
with ``n`` members, the browser had ``k`` of them selected, and the current
run has defined the class again: same ``__qualname__``, same member names and
values, a new class object. The ``k`` stale members are to be given back as
members of the new class, with ``options = list(new class)``.
"""

from __future__ import annotations

import gc
import json
import platform
import statistics
import sys
import time
from dataclasses import asdict, dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Callable, Sequence, TypeVar

# (n members, k selected): the cases of the issue, smallest first.
CASES: tuple[tuple[int, int], ...] = (
    (3, 2),
    (100, 50),
    (1000, 1000),
    (10000, 1000),
    (10000, 10000),
)

# Extra points for the plot: cost against n (with k = n), and against k (with
# n = 10,000). Every runner measures CASES and these, each point once.
SWEEP_N: tuple[tuple[int, int], ...] = tuple((n, n) for n in (10, 100, 1000, 10000))
SWEEP_K: tuple[tuple[int, int], ...] = tuple((10000, k) for k in (10, 100, 1000, 10000))
POINTS: tuple[tuple[int, int], ...] = tuple(sorted(set(CASES + SWEEP_N + SWEEP_K)))

# One member selected of n, for the functions that coerce a single value.
SINGLE: tuple[int, ...] = (3, 100, 1000, 10000)

QUALNAME = "Big"

T = TypeVar("T")
R = TypeVar("R")


def make_class(n: int) -> type[Enum]:
    """A fresh Enum class of ``n`` members, as one script run defines it."""
    members = [(f"M{i}", i) for i in range(n)]
    return Enum(QUALNAME, members, module=__name__, qualname=QUALNAME)  # type: ignore[return-value]


def selected_indices(n: int, k: int) -> list[int]:
    """``k`` indices spread evenly over ``n`` options (all of them if k == n)."""
    return [i * n // k for i in range(k)]


@dataclass(frozen=True)
class Pair:
    """One meeting of two classes: stale values of ``old``, options of ``new``."""

    old: type[Enum]
    new: type[Enum]
    options: list[Any]
    indices: list[int]
    stale: list[Any]


def make_pair(n: int, k: int) -> Pair:
    old, new = make_class(n), make_class(n)
    old_members = list(old)
    indices = selected_indices(n, k)
    return Pair(old, new, list(new), indices, [old_members[i] for i in indices])


def make_current_pair(n: int, k: int) -> Pair:
    """As ``make_pair``, but the values are the new class's members already:
    what the patched wheel hands upstream's functions on a rerun, once the
    browser's choice has been read again with the current options."""
    pair = make_pair(n, k)
    current = [pair.options[i] for i in pair.indices]
    return Pair(pair.old, pair.new, pair.options, pair.indices, current)


def batch_size(n: int, k: int) -> int:
    """How many calls one timed sample makes: enough to be well above the
    clock's resolution for the small cases, one for the big ones."""
    return max(1, min(200, 10_000 // (n + k)))


def time_batch(run: Callable[[T], R], args: Sequence[T]) -> tuple[float, R]:
    """Seconds per call of ``run`` over ``args`` (garbage collector held off),
    and what the last call returned."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter_ns()
        for a in args:
            last = run(a)
        elapsed = time.perf_counter_ns() - start
    finally:
        gc.enable()
    return elapsed / 1e9 / len(args), last


def samples_for(first: float, budget: float, low: int, high: int) -> int:
    """How many samples fit in ``budget`` seconds, given one took ``first``."""
    if first <= 0:
        return high
    return max(low, min(high, int(budget / first)))


@dataclass(frozen=True)
class Timing:
    """Seconds per call (median of ``samples`` samples) and the spread."""

    median: float
    low: float
    high: float
    samples: int

    @classmethod
    def of(cls, values: Sequence[float]) -> Timing:
        return cls(statistics.median(values), min(values), max(values), len(values))


def is_member_list(values: Sequence[Any], cls: type[Enum]) -> bool:
    """True when every value is a member of ``cls`` (the coercion worked)."""
    return all(type(v) is cls for v in values)


def environment(streamlit_version: str) -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "streamlit": streamlit_version,
        "executable": sys.executable,
    }


def write_json(path: str, data: Any) -> None:
    def default(o: Any) -> Any:
        if isinstance(o, Timing):
            return asdict(o)
        raise TypeError(type(o))

    Path(path).write_text(json.dumps(data, indent=2, default=default) + "\n")


def time_new_pairs(
    run: Callable[[Pair], Any],
    n: int,
    k: int,
    budget: float,
    least: int,
    make: Callable[[int, int], Pair] = make_pair,
) -> tuple[Timing, bool]:
    """Time ``run`` over batches of pairs of classes never seen before (the
    per-rerun case), taking as many samples as ``budget`` seconds allow, at
    least ``least``; also report whether every result held the new members."""
    batch = batch_size(n, k)
    results: list[float] = []
    ok = True
    wanted = 3
    started = time.perf_counter()
    while len(results) < wanted:
        pairs = [make(n, k) for _ in range(batch)]
        seconds, last = time_batch(run, pairs)
        results.append(seconds)
        ok = ok and is_member_list(_as_list(last), pairs[-1].new)
        if len(results) == 1:
            spent = time.perf_counter() - started
            wanted = samples_for(spent, budget, least, 31)
    return Timing.of(results), ok


def time_same_pair(
    run: Callable[[Pair], Any], n: int, k: int, budget: float, least: int
) -> tuple[Timing, bool]:
    """Time ``run`` on one pair of classes again and again (the *warm* case:
    whatever is cached about the pair is cached)."""
    pair = make_pair(n, k)
    ok = is_member_list(_as_list(run(pair)), pair.new)
    batch = [pair] * batch_size(n, k)
    first = time_batch(run, batch)[0] * len(batch)
    count = samples_for(first, budget, least, 31)
    return Timing.of([time_batch(run, batch)[0] for _ in range(count)]), ok


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value]
