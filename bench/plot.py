"""``bench/results/cost.png``: coercion cost against n and k, log-log.

Imported by ``bench.run`` in the bench venv, the only venv with matplotlib.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from bench.common import SWEEP_K, SWEEP_N
from bench.report import Cases, ours_cases, upstream_cases

SEQUENCE = "maybe_coerce_enum_sequence"


def _curve(cases: Cases, key: str, points: Sequence[tuple[int, int]]) -> list[float]:
    return [cases[p][key]["median"] for p in points]


def series(coercion: dict[str, Any]) -> list[tuple[str, Cases, str, str]]:
    """(label, cases by point, key in a case, line style) of every curve."""
    version = coercion["upstream"]["env"]["streamlit"]
    up = upstream_cases(coercion, SEQUENCE)
    ours = ours_cases(coercion, SEQUENCE)
    entry = {(c["n"], c["k"]): c for c in coercion["ours"]["cases"]}
    return [
        (f"upstream {version}, cold (new pair: per rerun)", up, "cold", "o-"),
        (f"upstream {version}, warm (same pair)", up, "warm", "o--"),
        ("ours, cold", ours, "cold", "s-"),
        ("ours, warm", ours, "warm", "s--"),
        ("ours, browser path, cold", entry, "browser_cold", "^-"),
    ]


def cost_plot(coercion: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(11, 4.6), sharey=True)
    panels = (
        (axes[0], SWEEP_N, 0, "n members (k = n selected)"),
        (axes[1], SWEEP_K, 1, "k selected (n = 10,000 members)"),
    )
    for ax, points, axis, xlabel in panels:
        xs = [p[axis] for p in points]
        for label, cases, key, style in series(coercion):
            ax.plot(xs, _curve(cases, key, points), style, label=label)
        ax.plot(xs, [1e-6 * p[1] for p in points], ":", color="grey", label="1 µs × k")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel(xlabel)
        ax.grid(True, which="major", alpha=0.4)
    axes[0].set_ylabel("seconds per call (median)")
    axes[0].legend(fontsize=8)
    fig.suptitle(f"{SEQUENCE} of k values: ours vs upstream's")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
