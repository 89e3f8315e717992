"""``make bench-inprocess``: coercion call by call (``bench.coercion``), and whole
reruns of the seed app, its same-output variant and a 10,000-option multiselect."""

import argparse
import subprocess
from typing import Any

from bench.coercion import CASES, FUNCTIONS, KINDS, PARTS, POINTS, SINGLE
from bench.harness import OUT, ROOT, App, Results, alternate
from bench.report import Targets, duration, percent, table, times

SEQ = FUNCTIONS[0]
APPS = (
    App("examples/seed_app.py", "seed app (examples/seed_app.py), RED and GREEN",
        select="0,1", batches=16, most=500),
    App("bench/apps/seed_same_output.py",
        "seed app, same output on both sides (bench/apps/seed_same_output.py)",
        select="0,1", batches=16, most=500),
    App("bench/apps/big_multiselect.py",
        "10,000-option multiselect, all selected (bench/apps/big_multiselect.py)",
        select="all:10000", batches=1, most=20, least=3, budget=20.0, warmup=1),
)  # fmt: skip
HAS_OFF = "from streamlit import config; config.get_option('runner.enumCoercion')"


def measure(args: argparse.Namespace) -> Results:
    import pyperf

    r = Results("inprocess", args.release)
    (OUT / "raw").mkdir(parents=True, exist_ok=True)
    for side, python in (("upstream", args.upstream), ("patched", args.side[0][2])):
        out = f"{OUT}/raw/{side}.json"
        command = [python, "-m", "bench.coercion", "--out", out]
        print("+", *command, flush=True)
        subprocess.run(command, cwd=ROOT, check=True)
        suite = pyperf.BenchmarkSuite.load(out)
        r.sides[side] = {b.get_name(): b for b in suite.get_benchmarks()}
    for python, stock, patched in args.side:
        sides = {"stock": [stock], "patched": [patched]}
        if subprocess.run([stock, "-c", HAS_OFF], capture_output=True).returncode == 0:
            sides["stock_off"] = [stock, "--mode", "off"]  # stock 1.28 has no "off"
        sides["patched_off"] = [patched, "--mode", "off"]
        for app in APPS:
            alternate(r, app, f"{python} {app.name}", sides)
    return r


def spread(ratio: float, batches: list[float]) -> str:
    """The pooled overhead, and its range over the batches where there are some."""
    if len(batches) < 2:
        return percent(ratio)
    return f"{percent(ratio)} ({percent(min(batches))} … {percent(max(batches))})"


def inprocess(args: argparse.Namespace) -> None:
    r, pythons = measure(args), [python for python, _, _ in args.side]
    functions = f"{SEQ} n=3 k=2 cold" in r.sides["patched"]  # 1.28: ours is "value"
    upstream = r.sides["upstream"][f"{SEQ} n=3 k=2 cold"].get_metadata()

    def t(side: str, name: str, n: int, k: int, kind: str) -> float:
        if side == "ours":  # the patched wheel's functions, or our value path
            side, name = "patched", name if functions else "value"
        return r.median(side, f"{name} n={n} k={k} {kind}")

    # fmt: off
    coercion = []
    for name, points in zip(FUNCTIONS[: 1 + 2 * functions], (CASES, SINGLE, SINGLE)):
        for n, k in points:
            up = [t("upstream", name, n, k, kind) for kind in KINDS]
            us = [t("ours", name, n, k, kind) for kind in KINDS]
            coercion.append([f"`{name}`", f"{n:,}", f"{k:,}",
                             *map(duration, up[:2] + us[:2]), duration(us[0] / k),
                             times(up[0] / us[0]), times(up[1] / us[1]),
                             f"{duration(up[2])} / {duration(us[2])}"])
    alone = []
    for path in ("value", "browser", "verdict", "index"):
        for n, k in CASES if path in ("value", "browser") else PARTS:
            cold, warm = (t("patched", path, n, k, kind) for kind in ("cold", "warm"))
            alone.append([f"`{path}`", f"{n:,}", f"{k:,}", duration(cold),
                          duration(warm), duration(cold / k)])
    off = "stock_off" if "stock_off" in r.sides else "stock"  # stock 1.28: no "off"
    offs = ["stock_off"] * (off == "stock_off") + ["patched_off"]
    reruns, headline = [], []
    for python, app in ((python, app) for python in pythons for app in APPS):
        name = f"{python} {app.name}"
        said = [r.meta(side, name, "texts") for side in ("stock", "patched")]
        said = [f"{said[0]} (the same on both)"] if said[0] == said[1] else said
        medians = [duration(r.median(s, name)) for s in ("stock", "patched", *offs)]
        over = spread(*r.overhead(name, "patched", "stock"))
        headline.append([python, app.name, *medians[:2], over])
        reruns.append([*headline[-1], *medians[2:],
                       spread(*r.overhead(name, "patched_off", off)),
                       f"{r.sides['stock'][name].get_nvalue():,}", " → ".join(said)])

    targets, (n, k) = Targets(), CASES[-1]
    cold, warm = t("ours", SEQ, n, k, "cold"), t("ours", SEQ, n, k, "warm")
    browser = t("patched", "browser", n, k, "cold")
    speed = t("upstream", SEQ, n, k, "cold") / cold
    targets.check("≥ 1,000× faster than upstream's functions at n = k = 10,000 "
                  f"(`{SEQ}`)", f"{times(speed)} cold (new pair of classes, as every "
                  f"rerun), {times(t('upstream', SEQ, n, k, 'warm') / warm)} warm",
                  speed >= 1000)
    targets.check("≤ 1 µs per value, amortised, at n = k = 10,000",
                  f"{duration(cold / k)} (ours, cold), {duration(browser / k)} "
                  "(browser path, cold)", max(cold, browser) / k <= 1e-6)
    seed, same, big = (f"{pythons[0]} {app.name}" for app in APPS)
    over = {name: r.overhead(name, "patched", "stock")[0] for name in (seed, same, big)}
    verbatim = "the same output on both sides on this release"
    if r.meta("stock", seed, "texts") != r.meta("patched", seed, "texts"):
        verbatim = "where patched writes one more element"
    targets.check(f"seed app rerun overhead ≤ 3 % against stock {r.release}, judged "
                  "on the same-output variant", f"{percent(over[same])} on the "
                  f"same-output variant; {percent(over[seed])} verbatim ({verbatim})",
                  over[same] <= 0.03)
    sides = {"patched": "patched", "stock": "stock", off: "stock with coercion off"}
    note = ", ".join(f"{v} {duration(r.median(s, big))}" for s, v in sides.items())
    targets.check(f"10,000-option app rerun overhead ≤ 10 % against stock {r.release}",
                  f"{percent(over[big])} ({note})", over[big] <= 0.10)
    ours = ("the same functions in the patched wheel" if functions else
            "`OptionCoercer.value(stale)` (no such functions in this wheel)")
    # fmt: on
    head = f"Python | app | stock {r.release} | patched | overhead (batches)"
    offs_head = " | ".join(side.replace("_off", ", coercion off") for side in offs)
    cached = r.meta("patched", f"value n={n} k={k} cold", "cached_pairs_after")
    text = f"""\
Medians (pyperf's); the default mode (`nameOnly`) unless a column says *off*. How they are measured: [bench/README.md](../README.md#how-it-measures). Upstream: stock streamlit {upstream["streamlit"]}'s functions in `{upstream["module"]}`; ours: {ours}; cached pairs left after the run: {cached}.

## Coercion: ours against upstream's own functions

{table("function | n | k | upstream cold | upstream warm | ours cold | ours warm | ours cold / value | speed-up cold | speed-up warm | current: upstream / ours", coercion)}

k values (`{SEQ}`: multiselect, select_slider range, several pills or segmented_control) or one (the others: selectbox, radio, select_slider, one pill or segmented_control). Our entry points alone: *value*, `OptionCoercer(options, mode).value(stale)`, values from Python; *browser*, the browser's choice read again, then `browser_value(stale, fresh)`; *verdict*, *index*, the O(n) parts of a cold call (the pair's verdict at first meeting, the options' index):

{table("path | n | k | cold | warm | cold / value", alone)}

## Whole reruns: patched against stock

The browser sends `{r.meta("patched", same, "sends")}`. *overhead, off*: patched with `runner.enumCoercion` off against {off.replace("_off", " with coercion off")} (not a noise floor: the patched wheel still keeps class statements and reads with `runner.instanceCoercion`).

{table(f"{head} | {offs_head} | overhead, off | reruns / side | output stock → patched", reruns)}

![cost against n and k](cost.png)
"""  # noqa: E501
    r.save("In-process benchmarks", text, head, headline, targets)
    plot(t, upstream["streamlit"])


def plot(t: Any, release: str) -> None:
    """``cost.png``: what ``maybe_coerce_enum_sequence`` costs against n and k."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    curves = [(f"upstream {release}, cold (new pair: a rerun)", "o-", "upstream", SEQ),
              (f"upstream {release}, warm (same pair)", "o--", "upstream", SEQ),
              ("ours, cold", "s-", "ours", SEQ), ("ours, warm", "s--", "ours", SEQ),
              ("ours, browser path, cold", "^-", "patched", "browser")]  # fmt: skip
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.6), sharey=True)
    labels = ("n members (k = n selected)", "k selected (n = 10,000 members)")
    for ax, axis, label in zip(axes, (0, 1), labels):
        points = [(n, k) for n, k in POINTS if (k == n if axis == 0 else n == 10000)]
        xs = [point[axis] for point in points]
        for name, style, side, call in curves:
            kind = "warm" if "warm" in name else "cold"
            ax.plot(xs, [t(side, call, *p, kind) for p in points], style, label=name)
        ax.plot(xs, [1e-6 * k for _, k in points], ":", color="grey", label="1 µs × k")
        ax.set(xscale="log", yscale="log", xlabel=label)
        ax.grid(True, which="major", alpha=0.4)
    axes[0].set_ylabel("seconds per call (median)")
    axes[0].legend(fontsize=8)
    fig.suptitle(f"{SEQ} of k values: ours vs upstream's")
    fig.tight_layout()
    fig.savefig(OUT / "cost.png", dpi=110)
