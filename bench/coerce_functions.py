"""A release's own Enum coercion functions, timed on the scenario of ``common``.

Run by a venv of a release that has them (upstream added them in 1.29)::

    .venv/stock-1.67.0/bin/python -m bench.coerce_functions --out FILE

The functions are those of the installed package, called where the release
keeps them, never copied: ``_coerce_enum``, ``maybe_coerce_enum`` and
``maybe_coerce_enum_sequence`` of ``streamlit.elements.lib.
options_selector_utils``. In the *stock* venv they are upstream's, which
compare the two classes' member-name sets again for every value (O(k·n) for
k values of n-member classes). The *patched* wheel rebinds the same names to
``streamlit.class_identity.upstream_coercion`` (ours, O(n + k)); which one ran
is recorded as ``owner``, so the two runs are the same calls on the same
inputs and differ only in the code behind the names.

Called as the release's widgets call them: ``options`` is the class itself
(as in ``st.multiselect(..., options=Color)``), ``opt_sequence`` the list of
its members, on a thread with a script run's context of a session (ours reads
the session from it to warn about a refused coercion; without one, Streamlit
logs a warning per call). Each call is timed *cold* (a new pair of classes,
as every rerun meets: the script has just defined its class again), *warm*
(the same pair again) and *current* (values of the new class already: what
the patched wheel passes on to these functions on a rerun, having made the
browser's choice current before).
"""

from __future__ import annotations

import argparse
import importlib
from typing import Any, Callable

import streamlit
from streamlit import config

from bench.common import (
    POINTS,
    SINGLE,
    Pair,
    Timing,
    environment,
    make_current_pair,
    time_new_pairs,
    time_same_pair,
    write_json,
)

LEAST = 3  # samples of a measurement, however slow

# Where upstream has kept these functions over its releases, newest first.
_MODULES = (
    "streamlit.elements.lib.options_selector_utils",
    "streamlit.elements.lib.utils",
    "streamlit.type_util",
)
FUNCTIONS = ("_coerce_enum", "maybe_coerce_enum", "maybe_coerce_enum_sequence")


def find_functions() -> tuple[Any, str] | None:
    """The module holding the three functions on this release, and its name;
    None on a release without them (1.28)."""
    for name in _MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if all(hasattr(module, f) for f in FUNCTIONS):
            return module, name
    return None


def owner(function: Callable[..., Any]) -> str:
    """``ours`` when the patched wheel rebound the name, else ``upstream``."""
    module = getattr(function, "__module__", "")
    return "ours" if module.startswith("streamlit.class_identity") else "upstream"


def calls(module: Any) -> dict[str, tuple[Callable[[Pair], Any], tuple]]:
    """Each function as a widget calls it, and the (n, k) points it is timed at."""
    from streamlit.runtime.state.common import RegisterWidgetResult

    coerce_enum = module._coerce_enum
    single = module.maybe_coerce_enum
    sequence = module.maybe_coerce_enum_sequence

    def one_value(pair: Pair) -> Any:
        return coerce_enum(pair.stale[0], pair.new)

    def widget_value(pair: Pair) -> Any:
        result = RegisterWidgetResult(value=pair.stale[0], value_changed=False)
        return single(result, pair.new, pair.options).value

    def widget_values(pair: Pair) -> Any:
        result = RegisterWidgetResult(value=pair.stale, value_changed=False)
        return sequence(result, pair.new, pair.options).value

    singles = tuple((n, 1) for n in SINGLE)
    return {
        "_coerce_enum": (one_value, singles),
        "maybe_coerce_enum": (widget_value, singles),
        "maybe_coerce_enum_sequence": (widget_values, POINTS),
    }


def attach_script_run_context() -> None:
    """Give this thread a script run's context, as a widget call has."""
    from streamlit.runtime.fragment import MemoryFragmentStorage
    from streamlit.runtime.memory_uploaded_file_manager import (
        MemoryUploadedFileManager,
    )
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import add_script_run_ctx
    from streamlit.runtime.scriptrunner_utils.script_run_context import (
        ScriptRunContext,
    )
    from streamlit.runtime.state import SafeSessionState, SessionState

    ctx = ScriptRunContext(
        session_id="bench session",
        _enqueue=lambda msg: None,
        query_string="",
        session_state=SafeSessionState(SessionState(), lambda: None),
        uploaded_file_mgr=MemoryUploadedFileManager("/mock/upload"),
        main_script_path=__file__,
        user_info={"email": "bench@example.invalid"},
        fragment_storage=MemoryFragmentStorage(),
        pages_manager=PagesManager(__file__, setup_watcher=False),
    )
    add_script_run_ctx(ctx=ctx)


def measure(
    run: Callable[[Pair], Any], n: int, k: int, budget: float
) -> dict[str, Any]:
    cold: Timing
    warm: Timing
    cold, ok_cold = time_new_pairs(run, n, k, budget, LEAST)
    warm, ok_warm = time_same_pair(run, n, k, budget, LEAST)
    current, ok_current = time_new_pairs(run, n, k, budget, LEAST, make_current_pair)
    ok = ok_cold and ok_warm and ok_current
    return {"n": n, "k": k, "cold": cold, "warm": warm, "current": current,
            "correct": ok}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True)
    parser.add_argument(
        "--budget", type=float, default=2.0, help="seconds per measurement, about"
    )
    args = parser.parse_args()

    env = environment(streamlit.__version__)
    found = find_functions()
    if found is None:
        write_json(args.out, {"env": env, "functions": None})
        return
    module, module_name = found
    attach_script_run_context()
    assert config.get_option("runner.enumCoercion") == "nameOnly", "the default mode"
    owners = {f: owner(getattr(module, f)) for f in FUNCTIONS}
    if len(set(owners.values())) != 1:
        raise SystemExit(f"a mix of upstream's and our functions: {owners}")
    functions: dict[str, list[dict[str, Any]]] = {}
    for name, (run, points) in calls(module).items():
        functions[name] = []
        for n, k in points:
            functions[name].append(measure(run, n, k, args.budget))
            cold, warm = functions[name][-1]["cold"], functions[name][-1]["warm"]
            print(
                f"{owners[name]} {name} n={n} k={k}: cold {cold.median * 1e3:.3f} ms,"
                f" warm {warm.median * 1e3:.3f} ms",
                flush=True,
            )
    write_json(
        args.out,
        {
            "env": env,
            "module": module_name,
            "owner": owners[FUNCTIONS[0]],
            "functions": functions,
        },
    )


if __name__ == "__main__":
    main()
