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
is recorded as the ``owner`` metadata, so the two runs are the same calls on
the same inputs and differ only in the code behind the names. On a release
without them it writes nothing.

Called as the release's widgets call them: ``options`` is the class itself
(as in ``st.multiselect(..., options=Color)``), ``opt_sequence`` the list of
its members, on a thread with a script run's context of a session (ours reads
the session from it to warn about a refused coercion; without one, Streamlit
logs a warning per call); each *cold*, *warm* and *current*
(``common.benchmark``).
"""

from __future__ import annotations

import importlib
from typing import Any, Callable

import streamlit
from streamlit import config

from bench.common import POINTS, SINGLE, Pair, benchmark, pyperf_runner, write

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

    def one_value(pair: Pair) -> Any:
        return module._coerce_enum(pair.stale[0], pair.new)

    def widget_value(pair: Pair) -> Any:
        result = RegisterWidgetResult(value=pair.stale[0], value_changed=False)
        return module.maybe_coerce_enum(result, pair.new, pair.options).value

    def widget_values(pair: Pair) -> Any:
        result = RegisterWidgetResult(value=pair.stale, value_changed=False)
        return module.maybe_coerce_enum_sequence(result, pair.new, pair.options).value

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
        pages_manager=PagesManager(__file__),
    )
    add_script_run_ctx(ctx=ctx)


def main() -> None:
    found = find_functions()
    if found is None:
        return
    module, module_name = found
    owners = {owner(getattr(module, f)) for f in FUNCTIONS}
    if len(owners) != 1:
        raise SystemExit(f"a mix of upstream's and our functions: {owners}")
    runner = pyperf_runner(
        streamlit=streamlit.__version__, module=module_name, owner=owners.pop()
    )
    attach_script_run_context()
    assert config.get_option("runner.enumCoercion") == "nameOnly", "the default mode"
    benchmarks = [
        benchmark(runner, name, call, n, k, kind)
        for name, (call, points) in calls(module).items()
        for n, k in points
        for kind in ("cold", "warm", "current")
    ]
    write(runner, benchmarks)


if __name__ == "__main__":
    main()
