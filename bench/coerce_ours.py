"""Our coercion (``streamlit.class_identity``) on the scenario of ``common``.

Run by the patched venv: ``.venv/1.67.0/bin/python -m bench.coerce_ours --out FILE``.

Two entry points, as the patched wheel calls them on a rerun (on every
release; on 1.67 upstream's own functions, rebound to ours, then find the
value current already), each *cold* and *warm* (``common.benchmark``):

- *value path*: ``OptionCoercer(options, mode).value(stale)``, for values
  handed in from Python; the same inputs as upstream's algorithm (the stale
  values and the options). It builds the O(n) index of the options.
- *browser path*: the browser's choice read again with the current options
  (``fresh``: the options at the chosen indices, what the deserializer gives
  back, from indices on 1.28 and from labels since; the lookup of the labels
  is not timed), then ``OptionCoercer(options, mode).browser_value(stale,
  fresh)``, which is what ``register_widget`` does for a browser-chosen value.

And the O(n) parts of a cold call alone, on new pairs: the pair's verdict and
the index of the options.
"""

from __future__ import annotations

from typing import Any

import streamlit
from streamlit.class_identity import correspondence
from streamlit.class_identity.config_options import RunModes
from streamlit.class_identity.options import OptionCoercer, OptionIndex

from bench.common import POINTS, Pair, benchmark, pyperf_runner, write


def value_path(pair: Pair) -> Any:
    mode = RunModes.configured().for_widgets()
    return OptionCoercer(pair.options, mode).value(pair.stale)


def browser_path(pair: Pair) -> Any:
    mode = RunModes.configured().for_widgets()
    options = pair.options
    fresh = [options[i] for i in pair.indices]  # the deserializer, run again
    return OptionCoercer(options, mode).browser_value(pair.stale, fresh)


def verdict(pair: Pair) -> Any:
    correspondence.enum_verdict(pair.old, pair.new, "nameOnly")
    return pair.new(0)  # what the checks of ``benchmark`` look at


def index(pair: Pair) -> Any:
    OptionIndex(pair.options).contains(pair.stale[0])
    return pair.new(0)


def main() -> None:
    runner = pyperf_runner(streamlit=streamlit.__version__)
    assert RunModes.configured().for_widgets() == "nameOnly", (
        "the bench runs the default mode"
    )
    benchmarks = [
        benchmark(runner, name, call, n, k, kind)
        for n, k in POINTS
        for name, call in (("value", value_path), ("browser", browser_path))
        for kind in ("cold", "warm")
    ]
    benchmarks += [
        benchmark(runner, name, call, n, 1, "cold")
        for n in (1000, 10000)
        for name, call in (("verdict", verdict), ("index", index))
    ]
    write(runner, benchmarks, cached_pairs_after=correspondence.cached_pairs())


if __name__ == "__main__":
    main()
