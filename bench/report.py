"""The markdown tables of ``bench/results/latest.md``, from the merged results."""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import Any, Sequence

from bench.common import CASES

# The targets: benchmark figures, never asserts.
MIN_SPEEDUP = 100.0  # at n = k = 10,000
MAX_PER_VALUE = 1e-6  # seconds per value, amortised, at n = k = 10,000
MAX_SEED_OVERHEAD = 0.03
MAX_BIG_OVERHEAD = 0.10

README_BEGIN = "<!-- bench:results begin (written by make bench) -->"
README_END = "<!-- bench:results end -->"
# The same tables in the project README.
SUMMARY_BEGIN = "<!-- bench:summary begin (written by make bench) -->"
SUMMARY_END = "<!-- bench:summary end -->"
LOAD_BEGIN = "<!-- bench:load begin (written by make bench-load) -->"
LOAD_END = "<!-- bench:load end -->"


def duration(seconds: float) -> str:
    """A duration with a unit that keeps three significant digits."""
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def percent(ratio: float) -> str:
    return f"{ratio * 100:+.1f} %"


def yes(met: bool) -> str:
    return "**met**" if met else "**missed**"


def _by_point(cases: Sequence[dict[str, Any]]) -> dict[tuple[int, int], Any]:
    return {(c["n"], c["k"]): c for c in cases}


def coercion_table(coercion: dict[str, Any]) -> list[str]:
    theirs = _by_point(coercion["upstream"]["cases"])
    ours = _by_point(coercion["ours"]["cases"])
    lines = [
        "| n | k | upstream / rerun | ours cold / rerun | ours warm / rerun "
        "| ours cold / value | browser path cold / warm | speed-up (cold) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, k in CASES:
        up, us = theirs[(n, k)], ours[(n, k)]
        cold = us["value_cold"]["median"]
        lines.append(
            f"| {n:,} | {k:,} | {duration(up['cold']['median'])} "
            f"| {duration(cold)} | {duration(us['value_warm']['median'])} "
            f"| {duration(cold / k)} "
            f"| {duration(us['browser_cold']['median'])} / "
            f"{duration(us['browser_warm']['median'])} "
            f"| {up['cold']['median'] / cold:,.1f}× |"
        )
    return lines


def overheads(times: dict[str, list[list[float]]], side: str) -> tuple[float, ...]:
    """Pooled median ratio - 1 against stock, and the lowest and highest of
    the same ratio over the batches (fresh worker processes)."""
    mine, theirs = times[side], times["stock"]
    pooled = _median(mine) / _median(theirs) - 1
    batches = [
        statistics.median(m) / statistics.median(t) - 1 for m, t in zip(mine, theirs)
    ]
    return pooled, min(batches), max(batches)


def _median(batches: list[list[float]]) -> float:
    return statistics.median(t for batch in batches for t in batch)


def _output(texts: list[str]) -> str:
    shown = "; ".join(texts) or "(nothing)"
    return shown if len(shown) <= 40 else shown[:37] + "..."


def reruns_table(reruns: Sequence[dict[str, Any]]) -> list[str]:
    lines = [
        "| app | stock 1.28.2 | patched | overhead (batches) "
        "| patched, coercion off | overhead | reruns / side | output stock → patched |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in reruns:
        times = r["times"]
        pooled, low, high = overheads(times, "patched")
        off, _, _ = overheads(times, "patched_off")
        count = sum(len(batch) for batch in times["stock"])
        lines.append(
            f"| {r['app']} | {duration(_median(times['stock']))} "
            f"| {duration(_median(times['patched']))} "
            f"| {percent(pooled)} ({percent(low)} … {percent(high)}) "
            f"| {duration(_median(times['patched_off']))} | {percent(off)} "
            f"| {count:,} | {_output(r['texts']['stock'])} → "
            f"{_output(r['texts']['patched'])} |"
        )
    return lines


def targets(results: dict[str, Any]) -> list[str]:
    coercion = results["coercion"]
    big = (10000, 10000)
    up = _by_point(coercion["upstream"]["cases"])[big]["cold"]["median"]
    us = _by_point(coercion["ours"]["cases"])[big]
    cold, browser = us["value_cold"]["median"], us["browser_cold"]["median"]
    warm = us["browser_warm"]["median"]
    seed, same, large = (overheads(r["times"], "patched")[0] for r in results["reruns"])
    per_value = max(cold, browser) / big[1]
    return [
        "| target | figure | |",
        "|---|---|---|",
        f"| ≥ {MIN_SPEEDUP:.0f}× faster than upstream's algorithm at n = k = 10,000 "
        f"| {up / cold:,.0f}× (value path), {up / browser:,.0f}× (browser path) "
        f"| {yes(up / max(cold, browser) >= MIN_SPEEDUP)} |",
        f"| ≤ 1 µs per value, amortised, at n = k = 10,000 "
        f"| {duration(cold / big[1])} (value path), {duration(browser / big[1])} "
        f"(browser path); warm browser path {duration(warm / big[1])} "
        f"| {yes(per_value <= MAX_PER_VALUE)} |",
        # Judged on the variant writing the same elements on both sides: the
        # verbatim app writes one more element when patched (its Hooray line).
        f"| rerun overhead ≤ {MAX_SEED_OVERHEAD:.0%} for the seed app "
        f"| {percent(same)} with the same output on both sides; "
        f"{percent(seed)} verbatim, where patched writes one more element "
        f"| {yes(same <= MAX_SEED_OVERHEAD)} |",
        f"| rerun overhead ≤ {MAX_BIG_OVERHEAD:.0%} for the 10,000-option app "
        f"| {percent(large)} | {yes(large <= MAX_BIG_OVERHEAD)} |",
    ]


def parts(coercion: dict[str, Any]) -> list[str]:
    lines = [
        "| n | pair verdict, first meeting (O(n)) | OptionIndex build (O(n)) |",
        "|---:|---:|---:|",
    ]
    for n, p in coercion["ours"]["parts"].items():
        lines.append(
            f"| {int(n):,} | {duration(p['verdict_cold']['median'])} "
            f"| {duration(p['index_build']['median'])} |"
        )
    return lines


def markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    coercion = results["coercion"]
    upstream = coercion["upstream"]
    patched_env = results["reruns"][0]["env"]["patched"]
    stock_env = results["reruns"][0]["env"]["stock"]
    return "\n".join(
        [
            "# Benchmark results",
            "",
            f"Written by `make bench` on {m['date']}, commit {m['commit']}, "
            f"in {m['wall_seconds']} s.  ",
            f"Machine: {m['cpu']}, {m['cores']} cores, {m['os']}, "
            f"Python {patched_env['python']}.  ",
            f"Patched: streamlit {patched_env['streamlit']}; stock: streamlit "
            f"{stock_env['streamlit']}; upstream's algorithm: streamlit "
            f"{upstream['env']['streamlit']} (`{upstream['module']}."
            f"{upstream['function']}`). Mode: `nameOnly` (the default) everywhere.",
            "",
            "## Coercion: ours against upstream's algorithm",
            "",
            "A class of n members from the previous run, k of its members "
            "selected, a new class with the same qualname and member names. "
            "Median time of one coercion of all k values (one rerun's worth).",
            "",
            *coercion_table(coercion),
            "",
            "- *cold*: the pair of classes meets for the first time. Every real "
            "rerun defines a new class, so **cold is the per-rerun cost**.",
            "- *warm*: the same pair again, its verdict cached (a second widget "
            "of the same class in the same run).",
            "- *ours*: `OptionCoercer(options, mode).value(stale)`, the same "
            "inputs as upstream's (the values and the options); it builds the "
            "O(n) index of the options. *browser path*: the browser's indices "
            "read again with the current options, then "
            "`OptionCoercer.browser_value(stale, fresh)`, as `register_widget` "
            "does for a browser-chosen value.",
            "- *upstream*: `maybe_coerce_enum_sequence(result, options=the class, "
            "opt_sequence=list(class))`, as upstream's multiselect calls it; it "
            "keeps no cache, so its cold and warm costs are the same.",
            f"- Every result was checked to be members of the new class: "
            f"ours {_all_correct(coercion['ours']['cases'])}, upstream "
            f"{_all_correct(coercion['upstream']['cases'])}. Cached pairs left "
            f"after the run: {coercion['ours']['cached_pairs_after']}.",
            "",
            "The O(n) parts of a cold call, alone:",
            "",
            *parts(coercion),
            "",
            "## Full reruns: patched against stock 1.28.2",
            "",
            "Median time of `ScriptRunner._run_script` (callbacks phase, script, "
            "cleanup; no polling), the browser sending the selection on every "
            "rerun. The sides take turns rerun by rerun, in a rotating order, in "
            "batches of fresh worker processes; medians are pooled over the "
            "batches, and the range is the lowest and highest overhead of a "
            "single batch. *coercion off*: the patched wheel with "
            "`runner.enumCoercion = off`, a measure of the noise floor.",
            "",
            *reruns_table(results["reruns"]),
            "",
            "## Targets (benchmark figures, not asserts)",
            "",
            *targets(results),
            "",
            "![cost against n and k](cost.png)",
            "",
        ]
    )


def _all_correct(cases: Sequence[dict[str, Any]]) -> str:
    flags = [v for c in cases for key, v in c.items() if key.endswith("correct")]
    return "all correct" if all(flags) else "**some results were wrong**"


def replace_between(path: Path, begin: str, end: str, body: str) -> None:
    """Put ``body`` between the markers ``begin`` and ``end`` in ``path``."""
    text = path.read_text()
    start, stop = text.index(begin), text.index(end)
    path.write_text(
        text[: start + len(begin)] + "\n\n" + body.strip() + "\n\n" + text[stop:]
    )


def update_readme(readme: Path, markdown_text: str) -> None:
    """Put the tables (not the title) between the README's markers."""
    body = markdown_text.split("\n", 2)[2].replace("](cost.png)", "](results/cost.png)")
    body = body.replace("\n## ", "\n### ")  # under the README's own heading
    replace_between(readme, README_BEGIN, README_END, body)


def summary(results: dict[str, Any]) -> str:
    """The tables alone, for the project README."""
    m = results["machine"]
    upstream = results["coercion"]["upstream"]["env"]["streamlit"]
    return "\n".join(
        [
            f"Last run: {m['date']}, commit {m['commit']}, {m['cores']}-core "
            f"{m['cpu']}.",
            "",
            "Coercion of k selected members of an n-member class, ours against "
            f"upstream {upstream}'s own `maybe_coerce_enum_sequence` (cold = a "
            "new pair of classes, as every rerun meets):",
            "",
            *coercion_table(results["coercion"]),
            "",
            "Full reruns (`ScriptRunner._run_script`, no polling), patched "
            "against stock:",
            "",
            *reruns_table(results["reruns"]),
            "",
            *targets(results),
        ]
    )


def update_project_readme(readme: Path, results: dict[str, Any]) -> None:
    replace_between(readme, SUMMARY_BEGIN, SUMMARY_END, summary(results))
