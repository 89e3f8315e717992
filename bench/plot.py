"""``bench/results/cost.png``: coercion cost against n and k, log-log.

Imported by ``bench.run`` in the bench venv, the only venv with matplotlib.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from bench.common import SWEEP_K, SWEEP_N

# (label, which results, key in a case, style)
SERIES = (
    ("upstream (1.67 algorithm), per rerun", "upstream", "cold", "o-"),
    ("ours, cold (new pair: per rerun)", "ours", "value_cold", "s-"),
    ("ours, warm (same pair)", "ours", "value_warm", "s--"),
    ("ours, browser path, cold", "ours", "browser_cold", "^-"),
)


def _curve(
    cases: Sequence[dict[str, Any]], key: str, points: Sequence[tuple[int, int]]
):
    found = {(c["n"], c["k"]): c[key]["median"] for c in cases}
    return [found[p] for p in points]


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
        for label, side, key, style in SERIES:
            ax.plot(
                xs, _curve(coercion[side]["cases"], key, points), style, label=label
            )
        ax.plot(xs, [1e-6 * p[1] for p in points], ":", color="grey", label="1 µs × k")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel(xlabel)
        ax.grid(True, which="major", alpha=0.4)
    axes[0].set_ylabel("seconds per rerun (median)")
    axes[0].legend(fontsize=8)
    version = coercion["upstream"]["env"]["streamlit"]
    fig.suptitle(f"Enum coercion of k values: ours vs upstream's (streamlit {version})")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
