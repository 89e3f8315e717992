"""The README's benchmark headlines, from the committed results; runs nothing.

Each bench writes ``bench/results/<bench>-<release>.json``: its title, when
and where it ran, its targets (met or missed) and a few headline rows; every
table is in the ``.md`` beside it. With tabulate installed (``.venv/tools``)::

    from bench import headlines

    headlines.markdown()  # every target, met or missed; each bench's headlines
    headlines.sections()  # the same by the README's markers: "bench:kept", ...
"""

from __future__ import annotations

import json
from typing import Any

from bench.harness import RESULTS
from bench.tables import table, targets_table

BENCHES = ("inprocess", "server", "kept", "instructions", "load")  # in this order


def found() -> list[dict[str, Any]]:
    """Every bench's headline file, the newest release first."""

    def release(path: Any) -> list[int]:
        return [int(x) for x in path.stem.rsplit("-", 1)[1].split(".")]

    paths = (sorted(RESULTS.glob(f"{b}-[0-9]*.json"), key=release, reverse=True)
             for b in BENCHES)  # fmt: skip
    return [json.loads(p.read_text(encoding="utf-8")) for ps in paths for p in ps]


def link(h: dict[str, Any], text: str = "") -> str:
    path = f"bench/results/{h['bench']}-{h['release']}.md"
    return f"[{text or h['title']}]({path})"


def summary() -> str:
    """Every target of every bench, met or missed."""
    rows = [{"bench": link(h), "release": h["release"], **t}
            for h in found() for t in h["targets"]]  # fmt: skip
    return targets_table(rows, "bench", "release")


def section(h: dict[str, Any]) -> str:
    """A bench's headline rows, under its title."""
    return (f"#### {h['title']}: streamlit {h['release']}\n\n{h['date']}, commit "
            f"{h['commit']}, {h['machine']}; every table: {link(h, 'results')}.\n\n"
            + table(" | ".join(h["columns"]), h["rows"]))  # fmt: skip


def sections() -> dict[str, str]:
    """The README's generated bench sections by marker name (``bench:summary``
    holds the targets and the in-process headlines)."""
    parts: dict[str, list[str]] = {"bench:summary": [summary()]}
    for h in found():
        marker = f"bench:{h['bench']}"
        if h["bench"] == "inprocess":
            marker = "bench:summary"
        elif h["bench"] == "instructions":
            marker += f":{h['release']}"
        parts.setdefault(marker, []).append(section(h))
    return {marker: "\n\n".join(texts) for marker, texts in parts.items()}


def markdown() -> str:
    """The README's benchmark headlines in one block."""
    return "\n\n".join([summary(), *map(section, found())])


if __name__ == "__main__":
    print(markdown())
