"""Upstream's coercion, called from the newest upstream release, on the same scenario.

Run by the bench venv: ``.venv-bench/bin/python -m bench.coerce_upstream --out FILE``.

Upstream's multiselect hands its registered value to
``maybe_coerce_enum_sequence(result, options, opt_sequence)``, which calls
``_coerce_enum`` for every selected value; each call reads the
``runner.enumCoercion`` option and compares the two classes' member-name
sets again. We call upstream's own functions from the installed package: its
code is not copied here. ``options`` is passed as the class itself, as the
seed app does (``options=Color``), which spares upstream the O(n) scan for a
common class; our side gets ``list(new class)``. Upstream keeps no cache, so
its cold and warm costs are the same: it is timed on a new pair each call.
"""

from __future__ import annotations

import argparse
import importlib
from typing import Any, Callable

import streamlit
from streamlit import config

from bench.common import (
    POINTS,
    Pair,
    environment,
    time_new_pairs,
    write_json,
)

BUDGET_S = 4.0  # wall time per case; the slowest case still takes 3 samples

# Where upstream has kept these functions over its releases, newest first.
_MODULES = (
    "streamlit.elements.lib.options_selector_utils",
    "streamlit.elements.lib.utils",
    "streamlit.type_util",
)


def upstream_functions() -> tuple[Callable[..., Any], type, str]:
    """``maybe_coerce_enum_sequence``, ``RegisterWidgetResult`` and the module."""
    from streamlit.runtime.state.common import RegisterWidgetResult

    for name in _MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        function = getattr(module, "maybe_coerce_enum_sequence", None)
        if function is not None:
            return function, RegisterWidgetResult, name
    raise SystemExit("maybe_coerce_enum_sequence not found in this streamlit")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    coerce, result_class, module_name = upstream_functions()
    mode = config.get_option("runner.enumCoercion")
    assert mode == "nameOnly", "the bench runs the default mode"

    def per_rerun(pair: Pair) -> Any:
        registered = result_class(value=pair.stale, value_changed=False)
        return coerce(registered, pair.new, pair.options).value

    cases = []
    for n, k in POINTS:
        timing, ok = time_new_pairs(per_rerun, n, k, BUDGET_S, 3)
        cases.append({"n": n, "k": k, "cold": timing, "correct": ok})
        print(f"upstream n={n} k={k}: {cases[-1]['cold'].median * 1e3:.3f} ms")
    write_json(
        args.out,
        {
            "env": environment(streamlit.__version__),
            "module": module_name,
            "function": "maybe_coerce_enum_sequence",
            "cases": cases,
        },
    )


if __name__ == "__main__":
    main()
