"""The markdown of ``bench/results/latest.md`` and of the README summary,
from the merged results of ``bench.run``."""

from __future__ import annotations

import statistics
from typing import Any, Sequence

from bench.common import CASES, SINGLE

# bench.load takes these from here; they live with the other markers.
from bench.readme import LOAD_BEGIN as LOAD_BEGIN
from bench.readme import LOAD_END as LOAD_END
from bench.readme import replace_between as replace_between

# The targets: benchmark figures, never asserts.
MIN_SPEEDUP = 1000.0  # ours against upstream's functions, at n = k = 10,000
MAX_PER_VALUE = 1e-6  # seconds per value, amortised, at n = k = 10,000
MAX_SEED_OVERHEAD = 0.03
MAX_BIG_OVERHEAD = 0.10
BIG = (10000, 10000)

Cases = dict[tuple[int, int], dict[str, Any]]


def duration(seconds: float) -> str:
    """A duration with a unit that keeps three significant digits."""
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def percent(ratio: float) -> str:
    return f"{ratio * 100:+.1f} %"


def times(ratio: float) -> str:
    return f"{ratio:,.0f}×" if ratio >= 100 else f"{ratio:,.1f}×"


def yes(met: bool) -> str:
    return "**met**" if met else "**missed**"


def _by_point(cases: Sequence[dict[str, Any]]) -> Cases:
    return {(c["n"], c["k"]): c for c in cases}


def _median(run: dict[str, Any]) -> float:
    found: float = run["median"]
    return found


# --- coercion -----------------------------------------------------------------


def upstream_cases(coercion: dict[str, Any], function: str) -> Cases:
    return _by_point(coercion["upstream"]["functions"][function])


def rebound(coercion: dict[str, Any]) -> bool:
    """Whether the patched wheel has upstream's function names, rebound to ours
    (1.67); else (1.28) ours are compared through our own entry point."""
    return coercion["patched"]["functions"] is not None


def ours_cases(coercion: dict[str, Any], function: str) -> Cases:
    """Ours, as ``{point: {"cold", "warm"}}``, for ``function``'s calls: the
    same function name in the patched wheel, or (on a release without it, for
    the sequence) ``OptionCoercer.value``, the same inputs."""
    if rebound(coercion):
        return _by_point(coercion["patched"]["functions"][function])
    return {
        (c["n"], c["k"]): {"cold": c["value_cold"], "warm": c["value_warm"]}
        for c in coercion["ours"]["cases"]
    }


def ours_name(coercion: dict[str, Any]) -> str:
    if rebound(coercion):
        return "the same functions in the patched wheel"
    return (
        "`OptionCoercer(options, mode).value(stale)` (the patched wheel of this "
        "release has no functions of upstream's)"
    )


def _current(up: dict[str, Any], us: dict[str, Any]) -> str:
    """Upstream's and our time for values of the current class already."""
    if "current" not in us:
        return "—"
    return f"{duration(_median(up['current']))} / {duration(_median(us['current']))}"


def sequence_table(coercion: dict[str, Any]) -> list[str]:
    theirs = upstream_cases(coercion, "maybe_coerce_enum_sequence")
    ours = ours_cases(coercion, "maybe_coerce_enum_sequence")
    lines = [
        "| n | k | upstream cold | upstream warm | ours cold | ours warm "
        "| ours cold / value | speed-up cold | speed-up warm "
        "| current: upstream / ours |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, k in CASES:
        up, us = theirs[(n, k)], ours[(n, k)]
        cold, warm = _median(us["cold"]), _median(us["warm"])
        lines.append(
            f"| {n:,} | {k:,} | {duration(_median(up['cold']))} "
            f"| {duration(_median(up['warm']))} | {duration(cold)} "
            f"| {duration(warm)} | {duration(cold / k)} "
            f"| {times(_median(up['cold']) / cold)} "
            f"| {times(_median(up['warm']) / warm)} | {_current(up, us)} |"
        )
    return lines


def single_table(coercion: dict[str, Any]) -> list[str]:
    if not rebound(coercion):
        return ["(The patched wheel of this release has no such functions.)"]
    lines = [
        "| n | function | upstream cold / warm | ours cold / warm "
        "| speed-up cold | speed-up warm | current: upstream / ours |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for function in ("maybe_coerce_enum", "_coerce_enum"):
        theirs = upstream_cases(coercion, function)
        ours = ours_cases(coercion, function)
        for n in SINGLE:
            up, us = theirs[(n, 1)], ours[(n, 1)]
            lines.append(
                f"| {n:,} | `{function}` | {duration(_median(up['cold']))} / "
                f"{duration(_median(up['warm']))} | {duration(_median(us['cold']))} / "
                f"{duration(_median(us['warm']))} "
                f"| {times(_median(up['cold']) / _median(us['cold']))} "
                f"| {times(_median(up['warm']) / _median(us['warm']))} "
                f"| {_current(up, us)} |"
            )
    return lines


def entry_points_table(coercion: dict[str, Any]) -> list[str]:
    ours = _by_point(coercion["ours"]["cases"])
    lines = [
        "| n | k | value path cold / warm | browser path cold / warm "
        "| browser path cold / value |",
        "|---:|---:|---:|---:|---:|",
    ]
    for n, k in CASES:
        us = ours[(n, k)]
        lines.append(
            f"| {n:,} | {k:,} | {duration(_median(us['value_cold']))} / "
            f"{duration(_median(us['value_warm']))} "
            f"| {duration(_median(us['browser_cold']))} / "
            f"{duration(_median(us['browser_warm']))} "
            f"| {duration(_median(us['browser_cold']) / k)} |"
        )
    return lines


def parts_table(coercion: dict[str, Any]) -> list[str]:
    lines = [
        "| n | pair verdict, first meeting (O(n)) | OptionIndex build (O(n)) |",
        "|---:|---:|---:|",
    ]
    for n, p in coercion["ours"]["parts"].items():
        lines.append(
            f"| {int(n):,} | {duration(_median(p['verdict_cold']))} "
            f"| {duration(_median(p['index_build']))} |"
        )
    return lines


def _all_correct(coercion: dict[str, Any]) -> str:
    flags = [
        c["correct"] for f in coercion["upstream"]["functions"].values() for c in f
    ]
    up = all(flags)
    ours = [
        v
        for c in coercion["ours"]["cases"]
        for key, v in c.items()
        if key.endswith("correct")
    ]
    if rebound(coercion):
        ours += [
            c["correct"] for f in coercion["patched"]["functions"].values() for c in f
        ]
    verdict = {True: "all correct", False: "**some results were wrong**"}
    return f"ours {verdict[all(ours)]}, upstream {verdict[up]}"


# --- reruns -------------------------------------------------------------------


def _pooled(batches: list[list[float]]) -> float:
    return statistics.median(t for batch in batches for t in batch)


def overheads(
    times_: dict[str, list[list[float]]], side: str, base: str = "stock"
) -> tuple[float, float, float]:
    """Pooled median ratio - 1 of ``side`` against ``base``, and the lowest and
    highest of the same ratio over the batches (fresh worker processes)."""
    mine, theirs = times_[side], times_[base]
    pooled = _pooled(mine) / _pooled(theirs) - 1
    batches = [
        statistics.median(m) / statistics.median(t) - 1 for m, t in zip(mine, theirs)
    ]
    return pooled, min(batches), max(batches)


def _output(texts: list[str]) -> str:
    shown = "; ".join(texts) or "(nothing)"
    return shown if len(shown) <= 40 else shown[:37] + "..."


def _with_range(pooled: float, low: float, high: float, batches: int) -> str:
    if batches == 1:
        return percent(pooled)
    return f"{percent(pooled)} ({percent(low)} … {percent(high)})"


def same_output(rerun: dict[str, Any]) -> bool:
    return bool(rerun["texts"]["stock"] == rerun["texts"]["patched"])


def _python(rerun: dict[str, Any]) -> str:
    version: str = rerun["env"]["patched"]["python"]
    return ".".join(version.split(".")[:2])


def reruns_table(reruns: Sequence[dict[str, Any]], release: str) -> list[str]:
    """One row an app and interpreter (``reruns`` holds the default
    interpreter's runs, then those of the others ``make bench`` ran)."""
    has_stock_off = "stock_off" in reruns[0]["times"]
    lines = [
        f"| Python | app | stock {release} | patched | overhead (batches) "
        + ("| stock, coercion off " if has_stock_off else "")
        + "| patched, coercion off | overhead, off "
        "| reruns / side | output stock → patched |",
        "|---|---|---:|---:|---:|"
        + ("---:|" if has_stock_off else "")
        + "---:|---:|---:|---|",
    ]
    for r in reruns:
        t = r["times"]
        batches = len(t["stock"])
        on = overheads(t, "patched")
        off_base = "stock_off" if "stock_off" in t else "stock"
        off = overheads(t, "patched_off", off_base)
        count = sum(len(batch) for batch in t["stock"])
        outputs = (
            f"{_output(r['texts']['stock'])} (the same on both)"
            if same_output(r)
            else f"{_output(r['texts']['stock'])} → {_output(r['texts']['patched'])}"
        )
        lines.append(
            f"| {_python(r)} | {r['app']} | {duration(_pooled(t['stock']))} "
            f"| {duration(_pooled(t['patched']))} | {_with_range(*on, batches)} "
            + (f"| {duration(_pooled(t[off_base]))} " if has_stock_off else "")
            + f"| {duration(_pooled(t['patched_off']))} | {_with_range(*off, batches)} "
            f"| {count:,} | {outputs} |"
        )
    return lines


def all_reruns(results: dict[str, Any]) -> list[dict[str, Any]]:
    """The default interpreter's reruns, then the other interpreters'."""
    others = results.get("reruns_other", {})
    return [*results["reruns"], *(r for v in others.values() for r in v)]


def reruns_notes(reruns: Sequence[dict[str, Any]], release: str) -> list[str]:
    has_stock_off = "stock_off" in reruns[0]["times"]
    off = (
        "*overhead, off*: patched with coercion off against stock with coercion "
        "off, the patch's cost when inert and a measure of the noise floor."
        if has_stock_off
        else "*overhead, off*: patched with coercion off against stock (which "
        "has no such option), a measure of the noise floor."
    )
    sends = reruns[0]["env"]["patched"].get("sends", "int_array_value")
    return [
        f"- The browser sends the selection on every rerun ({release} sends "
        f"`{sends}`), as the page load showed the options.",
        f"- *overhead*: patched against stock {release}, both in the default mode "
        "(`nameOnly`). " + off,
    ]


# --- targets ------------------------------------------------------------------


def targets(results: dict[str, Any], release: str) -> list[str]:
    coercion = results["coercion"]
    up = upstream_cases(coercion, "maybe_coerce_enum_sequence")[BIG]
    us = ours_cases(coercion, "maybe_coerce_enum_sequence")[BIG]
    browser = _by_point(coercion["ours"]["cases"])[BIG]
    cold, warm = _median(us["cold"]), _median(us["warm"])
    speed_cold = _median(up["cold"]) / cold
    speed_warm = _median(up["warm"]) / warm
    browser_cold = _median(browser["browser_cold"])
    per_value = max(cold, browser_cold) / BIG[1]
    verbatim = next(r for r in results["reruns"] if r["script"] == SEED_APP)
    same = next(r for r in results["reruns"] if r["script"] == SAME_OUTPUT_APP)
    seed_over = overheads(same["times"], "patched")[0]
    verbatim_note = (
        "the same output on both sides on this release"
        if same_output(verbatim)
        else "where patched writes one more element"
    )
    seed_figures = (
        f"{percent(seed_over)} on the same-output variant; "
        f"{percent(overheads(verbatim['times'], 'patched')[0])} verbatim "
        f"({verbatim_note})"
    )
    big = next(r for r in results["reruns"] if r["script"] == BIG_APP)
    big_over = overheads(big["times"], "patched")[0]
    t = big["times"]
    big_note = (
        f"patched {duration(_pooled(t['patched']))}, "
        f"stock {duration(_pooled(t['stock']))}"
    )
    if "stock_off" in t:
        big_note += f", stock with coercion off {duration(_pooled(t['stock_off']))}"
    return [
        "| target | figure | |",
        "|---|---|---|",
        f"| ≥ {MIN_SPEEDUP:,.0f}× faster than upstream's functions at n = k = 10,000 "
        f"(`maybe_coerce_enum_sequence`) | {times(speed_cold)} cold (new pair of "
        f"classes, as every rerun), {times(speed_warm)} warm "
        f"| {yes(speed_cold >= MIN_SPEEDUP)} |",
        f"| ≤ 1 µs per value, amortised, at n = k = 10,000 "
        f"| {duration(cold / BIG[1])} (ours, cold), "
        f"{duration(browser_cold / BIG[1])} (browser path, cold) "
        f"| {yes(per_value <= MAX_PER_VALUE)} |",
        f"| seed app rerun overhead ≤ {MAX_SEED_OVERHEAD:.0%} against stock {release}, "
        f"judged on the same-output variant | {seed_figures} "
        f"| {yes(seed_over <= MAX_SEED_OVERHEAD)} |",
        f"| 10,000-option app rerun overhead ≤ {MAX_BIG_OVERHEAD:.0%} against stock "
        f"{release} | {percent(big_over)} ({big_note}) "
        f"| {yes(big_over <= MAX_BIG_OVERHEAD)} |",
    ]


BIG_APP = "bench/apps/big_multiselect.py"
SEED_APP = "examples/seed_app.py"
SAME_OUTPUT_APP = "bench/apps/seed_same_output.py"


# --- the documents ------------------------------------------------------------


def release_of(results: dict[str, Any]) -> str:
    found: str = results["reruns"][0]["env"]["stock"]["streamlit"]
    return found


def coercion_section(coercion: dict[str, Any], heading: str) -> list[str]:
    upstream = coercion["upstream"]
    return [
        f"{heading} Coercion: ours against upstream's own functions",
        "",
        "A class of n members from the previous run, k of its members selected, "
        "and the class the current run defined: same qualname, member names and "
        "values, a new class object. Median time of one call: *cold*, the pair "
        "of classes meets for the first time, as on every real rerun (the "
        "script has just defined its class again); *warm*, the same pair again; "
        "*current*, values of the new class already, which is what the patched "
        "wheel hands these functions on a rerun (it has made the browser's "
        "choice current before they run), where stock hands them the stale "
        "values (its cost is *upstream cold*). "
        f"Upstream: stock streamlit {upstream['env']['streamlit']}'s own "
        f"functions in `{upstream['module']}`; ours: {ours_name(coercion)}. "
        "Called as the widgets call them (`options` the class, `opt_sequence` "
        "the list of its members).",
        "",
        f"{heading}# `maybe_coerce_enum_sequence`: k values (multiselect, "
        "select_slider range, pills and segmented_control with several "
        "selections)",
        "",
        *sequence_table(coercion),
        "",
        f"{heading}# `maybe_coerce_enum` and `_coerce_enum`: one value (selectbox, "
        "radio, select_slider, pills and segmented_control with one selection)",
        "",
        *single_table(coercion),
        "",
    ]


def markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    coercion = results["coercion"]
    release = release_of(results)
    envs = results["reruns"][0]["env"]
    return "\n".join(
        [
            "# Benchmark results",
            "",
            f"Written by `make bench` on {m['date']}, commit {m['commit']}, "
            f"in {m['wall_seconds']} s.  ",
            f"Machine: {m['cpu']}, {m['cores']} cores, {m['os']}, "
            f"Python {envs['patched']['python']}.  ",
            f"Patched: streamlit {envs['patched']['streamlit']}; stock: streamlit "
            f"{envs['stock']['streamlit']}; upstream's functions: stock streamlit "
            f"{coercion['upstream']['env']['streamlit']}. Mode: `nameOnly` (the "
            "default) unless a column says *off*.",
            "",
            *coercion_section(coercion, "##"),
            "Every result was checked to be members of the new class: "
            f"{_all_correct(coercion)}. Cached pairs left after the run: "
            f"{coercion['ours']['cached_pairs_after']}.",
            "",
            "### Our entry points, as `register_widget` calls them",
            "",
            "*value path*: `OptionCoercer(options, mode).value(stale)`, for values "
            "handed in from Python. *browser path*: the browser's choice read "
            "again with the current options, then "
            "`OptionCoercer.browser_value(stale, fresh)`, what a rerun does for a "
            "browser-chosen value (the label or index lookup is not timed).",
            "",
            *entry_points_table(coercion),
            "",
            "The O(n) parts of a cold call, alone:",
            "",
            *parts_table(coercion),
            "",
            f"## Full reruns: patched against stock {release}",
            "",
            "Median time of `ScriptRunner._run_script` (callbacks phase, script, "
            "cleanup; no polling). The sides take turns rerun by rerun, in a "
            "rotating order, in batches of fresh worker processes; medians are "
            "pooled over the batches, and the range is the lowest and highest "
            "overhead of a single batch.",
            "",
            *reruns_table(all_reruns(results), release),
            "",
            *reruns_notes(results["reruns"], release),
            "",
            "## Targets (benchmark figures, not asserts)",
            "",
            *targets(results, release),
            "",
            "![cost against n and k](cost.png)",
            "",
        ]
    )


def summary(results: dict[str, Any]) -> str:
    """The tables alone, for the project README."""
    m = results["machine"]
    release = release_of(results)
    return "\n".join(
        [
            f"Last run: {m['date']}, commit {m['commit']}, {m['cores']}-core "
            f"{m['cpu']}; streamlit {release}.",
            "",
            *coercion_section(results["coercion"], "###"),
            f"Full reruns (`ScriptRunner._run_script`, no polling), patched "
            f"against stock {release}:",
            "",
            *reruns_table(all_reruns(results), release),
            "",
            *targets(results, release),
        ]
    )
