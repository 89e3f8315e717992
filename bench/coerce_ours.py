"""Our coercion (``streamlit.class_identity``) on the scenario of ``common``.

Run by the patched venv: ``.venv/1.67.0/bin/python -m bench.coerce_ours --out FILE``.

Two entry points, as the patched wheel calls them on a rerun (on every
release; on 1.67 upstream's own functions, rebound to ours, then find the
value current already):

- *value path*: ``OptionCoercer(options, mode).value(stale)``, for values
  handed in from Python; the same inputs as upstream's algorithm (the stale
  values and the options). It builds the O(n) index of the options.
- *browser path*: the browser's choice read again with the current options
  (``fresh``: the options at the chosen indices, what the deserializer gives
  back, from indices on 1.28 and from labels since; the lookup of the labels
  is not timed), then ``OptionCoercer(options, mode).browser_value(stale,
  fresh)``, which is what ``register_widget`` does for a browser-chosen value.

Each is timed *cold* (a pair of classes never seen before: what every real
rerun meets, because every rerun defines a new class) and *warm* (the same
pair again, the per-pair verdict cached).
"""

from __future__ import annotations

import argparse
from typing import Any, Callable

import streamlit
from streamlit.class_identity import enum_map
from streamlit.class_identity import mode as coercion_mode
from streamlit.class_identity.options import OptionCoercer, OptionIndex

from bench.common import (
    POINTS,
    Pair,
    Timing,
    environment,
    make_pair,
    time_batch,
    time_new_pairs,
    time_same_pair,
    write_json,
)

BUDGET_S = 1.0  # wall time per measurement, class creation included


def value_path(pair: Pair) -> Any:
    mode = coercion_mode.current()
    return OptionCoercer(pair.options, mode).value(pair.stale)


def browser_path(pair: Pair) -> Any:
    mode = coercion_mode.current()
    options = pair.options
    fresh = [options[i] for i in pair.indices]  # the deserializer, run again
    return OptionCoercer(options, mode).browser_value(pair.stale, fresh)


def cold(run: Callable[[Pair], Any], n: int, k: int) -> tuple[Timing, bool]:
    """Every call meets a new pair of classes (the per-rerun cost)."""
    return time_new_pairs(run, n, k, BUDGET_S, 5)


def warm(run: Callable[[Pair], Any], n: int, k: int) -> tuple[Timing, bool]:
    """The same pair again and again, its verdict cached."""
    return time_same_pair(run, n, k, BUDGET_S, 5)


def _verdict(pair: Pair) -> object:
    return enum_map.verdict(pair.old, pair.new, "nameOnly")


def _index(pair: Pair) -> object:
    return OptionIndex(pair.options).contains(pair.stale[0])


def parts(n: int) -> dict[str, Timing]:
    """The O(n) pieces of a cold call, alone: the pair's verdict and the index."""
    verdicts, indexes = [], []
    for _ in range(7):
        pair = make_pair(n, 1)
        verdicts.append(time_batch(_verdict, [pair])[0])
        indexes.append(time_batch(_index, [pair])[0])
    return {"verdict_cold": Timing.of(verdicts), "index_build": Timing.of(indexes)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    assert coercion_mode.current() == "nameOnly", "the bench runs the default mode"
    cases = []
    for n, k in POINTS:
        row: dict[str, Any] = {"n": n, "k": k}
        for name, run in (("value", value_path), ("browser", browser_path)):
            row[f"{name}_cold"], ok_cold = cold(run, n, k)
            row[f"{name}_warm"], ok_warm = warm(run, n, k)
            row[f"{name}_correct"] = ok_cold and ok_warm
        cases.append(row)
        print(f"ours n={n} k={k}: cold {row['value_cold'].median * 1e3:.3f} ms")
    write_json(
        args.out,
        {
            "env": environment(streamlit.__version__),
            "cases": cases,
            "parts": {str(n): parts(n) for n in (1000, 10000)},
            "cached_pairs_after": enum_map.cached_pairs(),
        },
    )


if __name__ == "__main__":
    main()
