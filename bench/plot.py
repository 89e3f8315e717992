"""``bench/results/cost.png``: coercion cost against n and k, log-log.

Imported by ``bench.run`` in the bench venv, the only venv with matplotlib.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.common import SWEEP_K, SWEEP_N
from bench.report import SEQUENCE, entry, ours, theirs


def cost_plot(coercion: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    version = coercion["upstream"]["env"]["streamlit"]
    curves = (  # label, seconds at (n, k), line style
        (
            f"upstream {version}, cold (new pair: per rerun)",
            lambda n, k: theirs(coercion, SEQUENCE, n, k, "cold"),
            "o-",
        ),
        (
            f"upstream {version}, warm (same pair)",
            lambda n, k: theirs(coercion, SEQUENCE, n, k, "warm"),
            "o--",
        ),
        ("ours, cold", lambda n, k: ours(coercion, SEQUENCE, n, k, "cold"), "s-"),
        ("ours, warm", lambda n, k: ours(coercion, SEQUENCE, n, k, "warm"), "s--"),
        (
            "ours, browser path, cold",
            lambda n, k: entry(coercion, "browser", n, k, "cold"),
            "^-",
        ),
    )
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.6), sharey=True)
    panels = (
        (axes[0], SWEEP_N, 0, "n members (k = n selected)"),
        (axes[1], SWEEP_K, 1, "k selected (n = 10,000 members)"),
    )
    for ax, points, axis, xlabel in panels:
        xs = [p[axis] for p in points]
        for label, seconds, style in curves:
            ax.plot(xs, [seconds(n, k) for n, k in points], style, label=label)
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
