"""Coercion call by call, timed by pyperf in a release's venv (bench/README.md):
``python -m bench.coercion --out FILE`` times the release's own functions
(upstream's in stock, rebound to ours when patched) and our entry points."""

import gc
import importlib
import importlib.util
import sys
import time
from collections import namedtuple
from functools import partial
from typing import Any

from bench.worker import QUICK

# (n members, k selected): the cases of the tables, the sweeps of the plot
# (against n with k = n; against k with n = 10,000), one value of n members.
CASES = ((3, 2), (100, 50), (1000, 1000), (10000, 1000), (10000, 10000))
SWEEPS = tuple((n, n) for n in (10, 100, 1000)) + tuple((10000, k) for k in (10, 100))
POINTS = tuple(sorted(set(CASES + SWEEPS)))
SINGLE = tuple((n, 1) for n in (3, 100, 1000, 10000))
PARTS = tuple((n, 1) for n in (1000, 10000))
KINDS = ("cold", "warm", "current")
FUNCTIONS = ("maybe_coerce_enum_sequence", "maybe_coerce_enum", "_coerce_enum")
# Where upstream has kept them over its releases, newest first.
MODULES = ("streamlit.elements.lib.options_selector_utils",
           "streamlit.elements.lib.utils", "streamlit.type_util")  # fmt: skip
# One meeting of two classes: ``stale`` values (``old``'s members at ``indices``)
# for ``options``, the members of ``new``.
Pair = namedtuple("Pair", "old new options indices stale")


def make_pair(n: int, k: int, current: bool = False) -> Pair:
    """``k`` members of the previous run's class, spread evenly over its ``n``
    (``current``: members of the new class already)."""
    from enum import Enum

    members = [(f"M{i}", i) for i in range(n)]
    new, old = (Enum("Big", members, module=__name__, qualname="Big") for _ in "ab")
    old = new if current else old
    indices, members = [i * n // k for i in range(k)], list(old)
    return Pair(old, new, list(new), indices, [members[i] for i in indices])


def benchmark(runner: Any, name: str, function: Any, n: int, k: int, kind: str) -> Any:
    """pyperf's ``"NAME n=N k=K KIND"``: a value the mean of a batch of calls on
    pairs made beforehand; a result not of the new class stops the run."""
    batch = max(1, min(200, 10_000 // (n + k)))
    same = make_pair(n, k) if kind == "warm" else None
    if same is not None:
        function(same)  # whatever is cached about the pair is cached

    def time_batch(loops: int) -> float:
        current = kind == "current"
        pairs = [same or make_pair(n, k, current) for _ in range(loops * batch)]
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            for pair in pairs:
                result = function(pair)
            elapsed = time.perf_counter() - start
        finally:
            gc.enable()
        values = result if isinstance(result, (list, tuple)) else [result]
        wrong = [value for value in values if type(value) is not pairs[-1].new]
        if wrong and name not in ("verdict", "index"):  # the O(n) parts coerce none
            raise SystemExit(f"{name} n={n} k={k}: not the new class's members")
        return elapsed

    label = f"{name} n={n} k={k} {kind}"
    return runner.bench_time_func(label, time_batch, inner_loops=batch)


def functions() -> tuple[Any, list[Any]]:
    """The release's three functions' module (1.28: none), each called as widgets do."""
    from streamlit.runtime.state.common import RegisterWidgetResult

    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if all(hasattr(module, f) for f in FUNCTIONS):
            break
    else:
        return None, []
    from streamlit.runtime import fragment, memory_uploaded_file_manager, pages_manager
    from streamlit.runtime.scriptrunner import add_script_run_ctx
    from streamlit.runtime.scriptrunner_utils.script_run_context import ScriptRunContext
    from streamlit.runtime.state import SafeSessionState, SessionState

    add_script_run_ctx(ctx=ScriptRunContext(  # the context a widget call has
        session_id="bench", _enqueue=lambda msg: None, query_string="",
        session_state=SafeSessionState(SessionState(), lambda: None),
        uploaded_file_mgr=memory_uploaded_file_manager.MemoryUploadedFileManager("/up"),
        main_script_path=__file__, user_info={"email": "bench@example.invalid"},
        fragment_storage=fragment.MemoryFragmentStorage(),
        pages_manager=pages_manager.PagesManager(__file__),
    ))  # fmt: skip
    got = partial(RegisterWidgetResult, value_changed=False)  # what the widget got
    return module, [
        (FUNCTIONS[0], lambda p: module.maybe_coerce_enum_sequence(
            got(value=p.stale), p.new, p.options).value, POINTS, KINDS),
        (FUNCTIONS[1], lambda p: module.maybe_coerce_enum(
            got(value=p.stale[0]), p.new, p.options).value, SINGLE, KINDS),
        (FUNCTIONS[2], lambda p: module._coerce_enum(p.stale[0], p.new), SINGLE, KINDS),
    ]  # fmt: skip


def entry_points() -> list[Any]:
    """Ours as ``register_widget`` calls them, and the O(n) parts of a cold call."""
    from streamlit.class_identity import correspondence
    from streamlit.class_identity.config_options import RunModes
    from streamlit.class_identity.options import OptionCoercer, OptionIndex

    def coercer(pair: Pair) -> Any:
        return OptionCoercer(pair.options, RunModes.configured().for_widgets())

    def browser(pair: Pair) -> Any:
        fresh = [pair.options[i] for i in pair.indices]  # the deserializer, again
        return coercer(pair).browser_value(pair.stale, fresh)

    return [
        ("value", lambda p: coercer(p).value(p.stale), POINTS, KINDS[:2]),
        ("browser", browser, POINTS, KINDS[:2]),
        ("verdict", lambda p: correspondence.enum_verdict(p.old, p.new, "nameOnly"),
         PARTS, KINDS[:1]),
        ("index", lambda p: OptionIndex(p.options).contains(p.stale[0]),
         PARTS, KINDS[:1]),
    ]  # fmt: skip


def main() -> None:
    import pyperf
    import streamlit
    from streamlit import config

    runner = pyperf.Runner(values=1 if QUICK else 5, warmups=0 if QUICK else 1,
                           processes=1, loops=1)  # fmt: skip
    runner.argparser.add_argument("--out", required=True)
    runner.parse_args([*sys.argv[1:], "--in-process", "--quiet"])
    assert config.get_option("runner.enumCoercion") == "nameOnly", "the default mode"
    module, calls = functions()
    module_name = getattr(module, "__name__", "none")  # 1.28: no such functions
    metadata = {"streamlit": streamlit.__version__, "module": module_name}
    patched = importlib.util.find_spec("streamlit.class_identity") is not None
    calls += entry_points() if patched else []
    benchmarks = [benchmark(runner, name, function, n, k, kind)
                  for name, function, points, kinds in calls
                  for n, k in points for kind in kinds]  # fmt: skip
    if patched:
        from streamlit.class_identity import correspondence

        metadata["cached_pairs_after"] = correspondence.cached_pairs()
    for bench in benchmarks:
        bench.update_metadata(metadata)
    pyperf.BenchmarkSuite(benchmarks).dump(runner.args.out, replace=True)


if __name__ == "__main__":
    main()
