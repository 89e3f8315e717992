"""The markdown of ``bench/results/latest.md`` and of the README summary, from
the merged results of ``bench.run``."""

from __future__ import annotations

import statistics
from typing import Any, Sequence

from bench.common import CASES, SINGLE
from tools.markdown import table

# The targets: benchmark figures, never asserts.
MIN_SPEEDUP = 1000.0  # ours against upstream's functions, at n = k = 10,000
MAX_PER_VALUE = 1e-6  # seconds per value, amortised, at n = k = 10,000
MAX_SEED_OVERHEAD = 0.03
MAX_BIG_OVERHEAD = 0.10
BIG = (10000, 10000)
SEED_APP = "examples/seed_app.py"
SAME_OUTPUT_APP = "bench/apps/seed_same_output.py"
BIG_APP = "bench/apps/big_multiselect.py"
SEQUENCE = "maybe_coerce_enum_sequence"
COLD_WARM = ("cold", "warm")
PARTS = ("verdict", "index")


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


# --- coercion -----------------------------------------------------------------


def theirs(coercion: dict[str, Any], function: str, n: int, k: int, kind: str) -> float:
    """Upstream's median seconds a call (stock)."""
    found: float = coercion["upstream"]["times"][f"{function} n={n} k={k} {kind}"]
    return found


def ours(
    coercion: dict[str, Any], function: str, n: int, k: int, kind: str
) -> float | None:
    """Ours: the same function name in the patched wheel or, on a release
    without it (1.28), ``OptionCoercer.value`` on the same inputs (no
    *current*: None)."""
    if coercion["patched"] is not None:
        return coercion["patched"]["times"].get(f"{function} n={n} k={k} {kind}")
    return coercion["ours"]["times"].get(f"value n={n} k={k} {kind}")


def entry(coercion: dict[str, Any], path: str, n: int, k: int, kind: str) -> float:
    """Our entry point ``path`` (value, browser, verdict, index)."""
    found: float = coercion["ours"]["times"][f"{path} n={n} k={k} {kind}"]
    return found


def ours_name(coercion: dict[str, Any]) -> str:
    if coercion["patched"] is not None:
        return "the same functions in the patched wheel"
    return (
        "`OptionCoercer(options, mode).value(stale)` (the patched wheel of this "
        "release has no functions of upstream's)"
    )


def _pair(first: float, second: float) -> str:
    return f"{duration(first)} / {duration(second)}"


def _current(coercion: dict[str, Any], function: str, n: int, k: int) -> str:
    """Upstream's and our time for values of the current class already."""
    us = ours(coercion, function, n, k, "current")
    if us is None:
        return "—"
    return _pair(theirs(coercion, function, n, k, "current"), us)


def sequence_table(coercion: dict[str, Any]) -> str:
    rows = []
    for n, k in CASES:
        up_cold, up_warm = (theirs(coercion, SEQUENCE, n, k, t) for t in COLD_WARM)
        cold, warm = (ours(coercion, SEQUENCE, n, k, t) or 0.0 for t in COLD_WARM)
        rows.append([f"{n:,}", f"{k:,}", *map(duration, (up_cold, up_warm, cold, warm)),
                     duration(cold / k), times(up_cold / cold), times(up_warm / warm),
                     _current(coercion, SEQUENCE, n, k)])  # fmt: skip
    return table(
        "n | k | upstream cold | upstream warm | ours cold | ours warm | ours cold / "
        "value | speed-up cold | speed-up warm | current: upstream / ours",
        rows, "rrrrrrrrrr",
    )  # fmt: skip


def single_table(coercion: dict[str, Any]) -> str:
    if coercion["patched"] is None:
        return "(The patched wheel of this release has no such functions.)"
    rows = []
    for function in ("maybe_coerce_enum", "_coerce_enum"):
        for n in SINGLE:
            up = [theirs(coercion, function, n, 1, t) for t in COLD_WARM]
            us = [ours(coercion, function, n, 1, t) or 0.0 for t in COLD_WARM]
            rows.append([f"{n:,}", f"`{function}`", _pair(*up), _pair(*us),
                         times(up[0] / us[0]), times(up[1] / us[1]),
                         _current(coercion, function, n, 1)])  # fmt: skip
    return table(
        "n | function | upstream cold / warm | ours cold / warm | speed-up cold | "
        "speed-up warm | current: upstream / ours", rows, "rlrrrrr",
    )  # fmt: skip


def entry_points_table(coercion: dict[str, Any]) -> str:
    rows = []
    for n, k in CASES:
        value = [entry(coercion, "value", n, k, t) for t in COLD_WARM]
        browser = [entry(coercion, "browser", n, k, t) for t in COLD_WARM]
        rows.append([f"{n:,}", f"{k:,}", _pair(*value), _pair(*browser),
                     duration(browser[0] / k)])  # fmt: skip
    return table(
        "n | k | value path cold / warm | browser path cold / warm | browser path "
        "cold / value", rows, "rrrrr",
    )  # fmt: skip


def parts_table(coercion: dict[str, Any]) -> str:
    rows = [
        [f"{n:,}", *(duration(entry(coercion, part, n, 1, "cold")) for part in PARTS)]
        for n in (1000, 10000)
    ]
    return table(
        "n | pair verdict, first meeting (O(n)) | OptionIndex build (O(n))", rows, "rrr"
    )


def coercion_section(coercion: dict[str, Any], heading: str) -> list[str]:
    upstream = coercion["upstream"]["env"]
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
        f"Upstream: stock streamlit {upstream['streamlit']}'s own "
        f"functions in `{upstream['module']}`; ours: {ours_name(coercion)}. "
        "Called as the widgets call them (`options` the class, `opt_sequence` "
        "the list of its members).",
        "",
        f"{heading}# `maybe_coerce_enum_sequence`: k values (multiselect, "
        "select_slider range, pills and segmented_control with several "
        "selections)",
        "",
        sequence_table(coercion),
        "",
        f"{heading}# `maybe_coerce_enum` and `_coerce_enum`: one value (selectbox, "
        "radio, select_slider, pills and segmented_control with one selection)",
        "",
        single_table(coercion),
        "",
    ]


# --- reruns -------------------------------------------------------------------


def pooled(batches: list[list[float]]) -> float:
    return statistics.median(t for batch in batches for t in batch)


def overheads(
    times_: dict[str, list[list[float]]], side: str, base: str = "stock"
) -> tuple[float, float, float]:
    """Pooled median ratio - 1 of ``side`` against ``base``, and the lowest and
    highest of the same ratio over the batches (fresh worker processes)."""
    mine, their = times_[side], times_[base]
    batches = [
        statistics.median(m) / statistics.median(t) - 1 for m, t in zip(mine, their)
    ]
    return pooled(mine) / pooled(their) - 1, min(batches), max(batches)


def _with_range(ratio: float, low: float, high: float, batches: int) -> str:
    if batches == 1:
        return percent(ratio)
    return f"{percent(ratio)} ({percent(low)} … {percent(high)})"


def _output(texts: list[str]) -> str:
    shown = "; ".join(texts) or "(nothing)"
    return shown if len(shown) <= 40 else shown[:37] + "..."


def same_output(rerun: dict[str, Any]) -> bool:
    return bool(rerun["texts"]["stock"] == rerun["texts"]["patched"])


def reruns_table(reruns: Sequence[dict[str, Any]], release: str) -> str:
    """One row an app and interpreter (``reruns`` holds the default
    interpreter's runs, then those of the others ``make bench`` ran)."""
    stock_off = "stock_off" in reruns[0]["times"]
    rows = []
    for r in reruns:
        t = r["times"]
        off_base = "stock_off" if stock_off else "stock"
        texts = r["texts"]
        outputs = (
            f"{_output(texts['stock'])} (the same on both)"
            if same_output(r)
            else f"{_output(texts['stock'])} → {_output(texts['patched'])}"
        )
        batches = len(t["stock"])
        rows.append([
            ".".join(r["env"]["patched"]["python"].split(".")[:2]), r["app"],
            duration(pooled(t["stock"])), duration(pooled(t["patched"])),
            _with_range(*overheads(t, "patched"), batches),
            *([duration(pooled(t["stock_off"]))] if stock_off else []),
            duration(pooled(t["patched_off"])),
            _with_range(*overheads(t, "patched_off", off_base), batches),
            f"{sum(map(len, t['stock'])):,}", outputs,
        ])  # fmt: skip
    off = " | stock, coercion off" if stock_off else ""
    return table(
        f"Python | app | stock {release} | patched | overhead (batches){off} | "
        "patched, coercion off | overhead, off | reruns / side | output stock → "
        "patched", rows, "llrrr" + ("r" if stock_off else "") + "rrrl",
    )  # fmt: skip


def all_reruns(results: dict[str, Any]) -> list[dict[str, Any]]:
    """The default interpreter's reruns, then the other interpreters'."""
    others = results.get("reruns_other", {})
    return [*results["reruns"], *(r for v in others.values() for r in v)]


def reruns_notes(reruns: Sequence[dict[str, Any]], release: str) -> list[str]:
    off = (
        "*overhead, off*: patched with coercion off against stock with coercion "
        "off, the patch's cost when inert and a measure of the noise floor."
        if "stock_off" in reruns[0]["times"]
        else "*overhead, off*: patched with coercion off against stock (which "
        "has no such option), a measure of the noise floor."
    )
    sends = reruns[0]["env"]["patched"]["sends"]
    return [
        f"- The browser sends the selection on every rerun ({release} sends "
        f"`{sends}`), as the page load showed the options.",
        f"- *overhead*: patched against stock {release}, both in the default mode "
        "(`nameOnly`). " + off,
    ]


# --- targets ------------------------------------------------------------------


def targets(results: dict[str, Any], release: str) -> str:
    coercion = results["coercion"]
    cold = ours(coercion, SEQUENCE, *BIG, "cold") or 0.0
    warm = ours(coercion, SEQUENCE, *BIG, "warm") or 0.0
    speed_cold = theirs(coercion, SEQUENCE, *BIG, "cold") / cold
    speed_warm = theirs(coercion, SEQUENCE, *BIG, "warm") / warm
    browser_cold = entry(coercion, "browser", *BIG, "cold")
    per_value = max(cold, browser_cold) / BIG[1]
    by_script = {r["script"]: r for r in results["reruns"]}
    verbatim, same = by_script[SEED_APP], by_script[SAME_OUTPUT_APP]
    seed_over = overheads(same["times"], "patched")[0]
    verbatim_note = (
        "the same output on both sides on this release"
        if same_output(verbatim)
        else "where patched writes one more element"
    )
    t = by_script[BIG_APP]["times"]
    big_over = overheads(t, "patched")[0]
    big_note = f"patched {duration(pooled(t['patched']))}, "
    big_note += f"stock {duration(pooled(t['stock']))}"
    if "stock_off" in t:
        big_note += f", stock with coercion off {duration(pooled(t['stock_off']))}"
    rows = [
        [
            f"≥ {MIN_SPEEDUP:,.0f}× faster than upstream's functions at n = k = 10,000 "
            "(`maybe_coerce_enum_sequence`)",
            f"{times(speed_cold)} cold (new pair of classes, as every rerun), "
            f"{times(speed_warm)} warm",
            yes(speed_cold >= MIN_SPEEDUP),
        ],
        [
            "≤ 1 µs per value, amortised, at n = k = 10,000",
            f"{duration(cold / BIG[1])} (ours, cold), "
            f"{duration(browser_cold / BIG[1])} (browser path, cold)",
            yes(per_value <= MAX_PER_VALUE),
        ],
        [
            f"seed app rerun overhead ≤ {MAX_SEED_OVERHEAD:.0%} against stock "
            f"{release}, judged on the same-output variant",
            f"{percent(seed_over)} on the same-output variant; "
            f"{percent(overheads(verbatim['times'], 'patched')[0])} verbatim "
            f"({verbatim_note})",
            yes(seed_over <= MAX_SEED_OVERHEAD),
        ],
        [
            f"10,000-option app rerun overhead ≤ {MAX_BIG_OVERHEAD:.0%} against stock "
            f"{release}",
            f"{percent(big_over)} ({big_note})",
            yes(big_over <= MAX_BIG_OVERHEAD),
        ],
    ]
    return table("target | figure | ", rows, "lll")


# --- the documents ------------------------------------------------------------


def release_of(results: dict[str, Any]) -> str:
    found: str = results["reruns"][0]["env"]["stock"]["streamlit"]
    return found


def markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    coercion = results["coercion"]
    release = release_of(results)
    envs = results["reruns"][0]["env"]
    cached_pairs = coercion["ours"]["env"]["cached_pairs_after"]
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
            "Every result was checked to be members of the new class (a wrong "
            "one stops the run): ours all correct, upstream all correct. Cached "
            f"pairs left after the run: {cached_pairs}.",
            "",
            "### Our entry points, as `register_widget` calls them",
            "",
            "*value path*: `OptionCoercer(options, mode).value(stale)`, for values "
            "handed in from Python. *browser path*: the browser's choice read "
            "again with the current options, then "
            "`OptionCoercer.browser_value(stale, fresh)`, what a rerun does for a "
            "browser-chosen value (the label or index lookup is not timed).",
            "",
            entry_points_table(coercion),
            "",
            "The O(n) parts of a cold call, alone:",
            "",
            parts_table(coercion),
            "",
            f"## Full reruns: patched against stock {release}",
            "",
            "Median time of `ScriptRunner._run_script` (callbacks phase, script, "
            "cleanup; no polling). The sides take turns rerun by rerun, in a "
            "rotating order, in batches of fresh worker processes; medians are "
            "pooled over the batches, and the range is the lowest and highest "
            "overhead of a single batch.",
            "",
            reruns_table(all_reruns(results), release),
            "",
            *reruns_notes(results["reruns"], release),
            "",
            "## Targets (benchmark figures, not asserts)",
            "",
            targets(results, release),
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
            reruns_table(all_reruns(results), release),
            "",
            targets(results, release),
        ]
    )
