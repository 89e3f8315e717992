"""The tables of the benchmarks (tabulate's), their figures and their targets."""

import re
from typing import Any

from tabulate import tabulate


def duration(seconds: float) -> str:
    """A duration with a unit that keeps three significant digits (— for none)."""
    if seconds != seconds:
        return "—"
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if abs(seconds) >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def percent(ratio: float, digits: int = 1) -> str:
    return f"{ratio * 100:+.{digits}f} %"


def times(ratio: float) -> str:
    return f"{ratio:,.0f}×" if ratio >= 100 else f"{ratio:,.1f}×"


def table(head: str, rows: list[list[Any]]) -> str:
    """A markdown table, ``head`` as markdown writes it; figures right-aligned
    (the columns without a word but a unit of time)."""
    cells = [[str(cell) for cell in row] for row in rows]
    words = [re.sub(r"\d (ns|µs|ms|s)\b", "", " ".join(c)) for c in zip(*cells)]
    align = ["left" if re.search("[A-Za-z]", w) else "right" for w in words]
    names = head.split(" | ")
    return tabulate(cells, names, "pipe", colalign=align, disable_numparse=True)


class Targets(dict):  # type: ignore[type-arg]
    """Each target's figure and whether it is met, on each interpreter."""

    def check(self, text: str, figure: str, met: bool, python: str = "") -> None:
        figure = f"{figure} ({python})" if python else figure
        self.setdefault(text, []).append((figure, met))

    def listed(self) -> list[dict[str, Any]]:
        """A target a text: the figures of every interpreter, met if on all."""
        return [
            {"target": text, "figure": ", ".join(x[0] for x in found),
             "met": all(x[1] for x in found)}
            for text, found in self.items()
        ]  # fmt: skip


def targets_table(targets: list[dict[str, Any]], *first: str) -> str:
    """The targets, met or missed (``first``: their other keys, shown first)."""
    rows = [[*(t[key] for key in first), t["target"], t["figure"],
             "**met**" if t["met"] else "**missed**"] for t in targets]  # fmt: skip
    return table(" | ".join([*first, "target", "figure", ""]), rows)
