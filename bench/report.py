"""Tables (tabulate's), figures and targets of the benches, and the
benchmark headlines of docs/benchmarks.md from the committed
``bench/results/*.json``: ``markdown()`` (``python -m bench.report`` prints
it) runs nothing and needs tabulate only."""

import json
import re
from typing import Any

from tabulate import tabulate

from bench.worker import ROOT

ORDER = ("inprocess", "server", "kept", "instructions", "load")


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
    """The targets of a bench by their text."""

    def check(self, text: str, figure: str, met: bool, python: str = "") -> None:
        """The ``figure`` on an interpreter (all shown); met if met on all."""
        found = self.setdefault(text, {"target": text, "figure": [], "met": True})
        found["figure"].append(f"{figure} ({python})" if python else figure)
        found["met"] = found["met"] and bool(met)

    def listed(self) -> list[dict[str, Any]]:
        return [{**t, "figure": ", ".join(t["figure"])} for t in self.values()]


def targets_table(targets: list[dict[str, Any]], *first: str) -> str:
    """The targets, met or missed (``first``: their other keys, shown first)."""
    rows = [[*(t[key] for key in first), t["target"], t["figure"],
             "**met**" if t["met"] else "**missed**"] for t in targets]  # fmt: skip
    return table(" | ".join([*first, "target", "figure", ""]), rows)


def markdown() -> str:
    """Every target of every bench, met or missed, then each bench's headline rows
    under its title, from the committed ``bench/results/<bench>-<release>.json``."""
    paths = (ROOT / "bench" / "results").glob("*-[0-9]*.json")
    found = [json.loads(path.read_text(encoding="utf-8")) for path in paths]
    found = [h for h in found if h.get("bench") in ORDER]
    newest = {h["release"]: [-int(x) for x in h["release"].split(".")] for h in found}
    found.sort(key=lambda h: (ORDER.index(h["bench"]), newest[h["release"]]))
    link = "[{}](../bench/results/{}-{}.md)".format  # from docs/benchmarks.md
    targets = [{"bench": link(h["title"], h["bench"], h["release"]),
                "release": h["release"], **t}
               for h in found for t in h["targets"]]  # fmt: skip
    sections = [f"#### {h['title']}: streamlit {h['release']}\n\n{h['date']}, commit "
                f"{h['commit']}, {h['machine']}; every table: "
                f"{link('results', h['bench'], h['release'])}.\n\n"
                + table(" | ".join(h["columns"]), h["rows"])
                for h in found]  # fmt: skip
    return "\n\n".join([targets_table(targets, "bench", "release"), *sections])


if __name__ == "__main__":
    print(markdown())
